/*
 * relayout: a benchmark (not a test) of the article view on a big
 * edition, without a terminal: load FILE, open its longest article in a
 * 24-row view 80 columns wide, go to its middle, then resize six times.
 * Prints the load time, the time and the display lines laid out for each
 * resize (the slowest one too), and the peak RSS after loading and after
 * the resizes. Used by tests/bench.sh.
 *
 * Usage: relayout FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "edition.h"
#include "layout.h"
#include "view.h"
#include "width.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* The article with the most bytes of text. */
static size_t longest(const struct edition *ed)
{
	size_t best = 0, most = 0;

	for (size_t a = 0; a < ed->narticles; a++) {
		size_t n = 0;

		for (size_t i = 0; i < ed->articles[a].nitems; i++)
			n += edition_item_text(ed, a, i).n;
		if (n > most) {
			most = n;
			best = a;
		}
	}
	return best;
}

int main(int argc, char **argv)
{
	static const int widths[] = {100, 61, 80, 33, 120, 80};
	struct edition ed;
	struct error err;
	struct layout_opts lo = layout_defaults(80);
	struct view v;
	struct view_pos mid;
	double t0, worst = 0;
	long loaded;

	if (argc != 2) {
		fprintf(stderr, "usage: relayout FILE\n");
		return 2;
	}
	width_init();
	t0 = now();
	if (edition_load(&ed, argv[1], &err) < 0) {
		fprintf(stderr, "relayout: %s: %s\n", err.file, err.reason);
		return 1;
	}
	printf("load %.3f s, peak %ld MB\n", now() - t0, peak_kb() / 1024);
	loaded = peak_kb();
	view_init(&v, &ed, &lo, 0);
	view_resize(&v, 24, 80);
	mid.article = longest(&ed);
	mid.item = ed.articles[mid.article].nitems / 2;
	mid.front = 0;
	mid.offset = edition_item_text(&ed, mid.article, mid.item).n / 2;
	mid.above = 0;
	view_seek(&v, mid);
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		size_t before = v.laid_out;
		double t = now(), d;

		view_resize(&v, 24, widths[i]);
		d = now() - t;
		worst = d > worst ? d : worst;
		printf("resize to %3d columns: %7.2f ms, %6zu lines laid out, %6zu held\n", widths[i],
		       d * 1e3, v.laid_out - before, v.vl.n);
	}
	printf("slowest relayout %.2f ms; peak %ld MB after loading, %ld MB after the resizes\n",
	       worst * 1e3, loaded / 1024, peak_kb() / 1024);
	view_free(&v);
	edition_free(&ed);
	return 0;
}
