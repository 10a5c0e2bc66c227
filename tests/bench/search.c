/*
 * search: a benchmark (not a test) of the edition search (src/views/
 * search.c) on a big edition, without a terminal: load FILE, then find
 * every hit of each query over the whole edition (literal, then as a
 * regular expression), with the script kept (search_script = exact) and
 * folded (either), each the best of three runs. The first search also
 * pays for OpenCC's table of traditional and simplified forms, which is
 * built on first use: its time is printed apart. Times are CPU times (the
 * machine may be busy), in ms, and MB/s of article text. Used by
 * tests/bench.sh.
 *
 * Usage: search FILE [QUERY...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edition.h"
#include "search.h"
#include "width.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double run(struct search *s, const struct edition *ed, const char *q, int regex,
		  int keep_script, size_t *hits)
{
	char err[200];
	double t0 = now();

	if (search_set(s, ed, q, strlen(q), regex, 0, keep_script, err, sizeof err) < 0) {
		fprintf(stderr, "search: %s: %s\n", q, err);
		exit(1);
	}
	*hits = s->nhits;
	return now() - t0;
}

int main(int argc, char **argv)
{
	static const char *dflt[] = {"国", "學校", "同心", "reader", NULL};
	const char **qs = argc > 2 ? (const char **)argv + 2 : dflt;
	struct edition ed;
	struct error err;
	struct search s = {0};
	size_t bytes = 0, hits;
	double t0, first;

	if (argc < 2) {
		fprintf(stderr, "usage: search FILE [QUERY...]\n");
		return 2;
	}
	width_init();
	t0 = now();
	if (edition_load(&ed, argv[1], &err) < 0) {
		fprintf(stderr, "search: %s: %s\n", err.file, err.reason);
		return 1;
	}
	for (size_t a = 0; a < ed.narticles; a++)
		for (size_t i = 0; i < ed.articles[a].nitems; i++)
			bytes += edition_item_text(&ed, a, i).n;
	printf("load %.3f s, %.0f MB of article text\n", now() - t0, (double)bytes / 1e6);
	first = run(&s, &ed, qs[0], 0, 0, &hits);
	printf("first search (with any table built on first use) %.1f ms\n", first * 1e3);
	for (int regex = 0; regex <= 1; regex++)
		for (int keep = 1; keep >= 0; keep--)
			for (size_t k = 0; qs[k]; k++) {
				double best = 1e9;

				for (int r = 0; r < 3; r++) {
					double t = run(&s, &ed, qs[k], regex, keep, &hits);

					if (t < best)
						best = t;
				}
				printf("%-7s %-6s %-10s %8.1f ms  %5.0f MB/s  %zu hits\n",
				       regex ? "regex" : "literal", keep ? "exact" : "either", qs[k],
				       best * 1e3, (double)bytes / 1e6 / best, hits);
			}
	search_free(&s);
	edition_free(&ed);
	return 0;
}
