/*
 * score: how well `reader --json` finds the structure of the corpus pages.
 *
 *   score [--reader PATH] [DIR]                  print the figures
 *   score [--reader PATH] --ratchet FILE [DIR]   check per-page figures
 *   score [--reader PATH] --write FILE [DIR]     (re)write the figures file
 *
 * DIR (default tests/corpus) holds pages PAGE.txt, each with its truth
 * PAGE.truth.json (made by tools/corpus/build.py from the per-article
 * sources, never from the reader). For each page the reader is run as
 * `reader --json PAGE.txt` and its articles are compared with the truth:
 *
 * - a found article matches a true one when it starts on the true first
 *   line, or inside the true heading lines (kicker, headline, subtitle);
 *   boundary precision = matched / found, recall = matched / true;
 * - headline, kicker, subtitle, dateline, paragraph count and byline names
 *   are exact or not, over all true articles (an unmatched one is wrong);
 *   subtitle and dateline are "n/a" while --json does not carry them;
 * - place resolved: of the true articles whose kicker or dateline names a
 *   Chinese place, those whose found article has a "place";
 * - joins: the repairs of kind "join" (their "line" is the continuation's
 *   line) against the true column breaks.
 *
 * The figures are printed for each source and split (tune, measure) and in
 * total. --ratchet compares per-page figures with FILE (see
 * tests/corpus/expected.tsv) and fails, naming the page, when one went down.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum metric {
	M_PAGES, M_TRUE, M_FOUND, M_MATCHED, M_HEADLINE, M_KICKER, M_SUBTITLE,
	M_SUBTITLE_SEEN, M_DATELINE, M_DATELINE_SEEN, M_PARAS, M_BYLINE,
	M_NAMED, M_NAMED_OK, M_PLACE_TRUE, M_PLACE_OK, M_JOIN_TRUE, M_JOIN_FOUND,
	M_JOIN_OK, M_FAILED, M_COUNT
};

struct page {
	char *name;          /* PAGE, without .txt */
	char source[32];
	bool tune;
	long m[M_COUNT];
};

/* The per-page figures of the ratchet: each higher is better. */
enum { R_BOUNDARIES, R_HEADLINES, R_PARAGRAPHS, R_BYLINES, R_JOINS, R_COUNT };
static const char *const ratchet_names[R_COUNT] = {
	"boundaries", "headlines", "paragraphs", "bylines", "joins"
};

static void ratchet_figures(const struct page *p, long out[R_COUNT])
{
	/* boundaries: true boundaries matched less spurious ones found;
	 * joins: true joins made less false joins made. */
	out[R_BOUNDARIES] = p->m[M_MATCHED] - (p->m[M_FOUND] - p->m[M_MATCHED]);
	out[R_HEADLINES] = p->m[M_HEADLINE];
	out[R_PARAGRAPHS] = p->m[M_PARAS];
	out[R_BYLINES] = p->m[M_BYLINE];
	out[R_JOINS] = p->m[M_JOIN_OK] - (p->m[M_JOIN_FOUND] - p->m[M_JOIN_OK]);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		perror("score");
		exit(2);
	}
	return p;
}

static char *xasprintf2(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = xmalloc(n);
	snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

/* Runs `reader --json PATH`; returns its standard output (NUL-terminated)
 * or NULL when it could not run or exited non-zero. */
static char *run_reader(const char *reader, const char *path)
{
	int fd[2];
	if (pipe(fd) != 0)
		return NULL;
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(fd[1], 1);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 2);
		}
		close(fd[0]);
		close(fd[1]);
		execl(reader, reader, "--json", path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	size_t cap = 1 << 16, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (cap - len < 4096) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
		}
		ssize_t r = read(fd[0], buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!buf)
		return NULL;
	buf[len] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static const char *str_or_null(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return NULL;
	const char *s = json_string_value(v);
	return *s ? s : NULL;
}

/* Equal strings, where NULL, a missing key and "" are all "none". */
static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

static bool same_names(json_t *a, json_t *b)
{
	size_t na = json_is_array(a) ? json_array_size(a) : 0;
	size_t nb = json_is_array(b) ? json_array_size(b) : 0;
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++) {
		json_t *x = json_array_get(a, i), *y = json_array_get(b, i);
		if (!json_is_string(x) || !json_is_string(y) ||
		    strcmp(json_string_value(x), json_string_value(y)) != 0)
			return false;
	}
	return true;
}

static long int_of(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_integer(v) ? (long)json_integer_value(v) : -1;
}

static long last_heading_line(json_t *t)
{
	long first = int_of(t, "line"), last = first;
	json_t *h = json_object_get(t, "heading_lines");
	for (size_t i = 0; json_is_array(h) && i < json_array_size(h); i++) {
		json_t *v = json_array_get(h, i);
		if (json_is_integer(v) && json_integer_value(v) > last)
			last = (long)json_integer_value(v);
	}
	return last;
}

static void score_page(const char *reader, const char *dir, struct page *p)
{
	char *tpath = xasprintf2(dir, "/", p->name);
	char *truth_path = xasprintf2(tpath, ".truth.json", "");
	char *page_path = xasprintf2(tpath, ".txt", "");
	json_error_t err;
	json_t *truth = json_load_file(truth_path, 0, &err);
	if (!truth) {
		fprintf(stderr, "score: %s: %s (line %d)\n", truth_path, err.text, err.line);
		exit(2);
	}
	const char *src = str_or_null(truth, "source");
	snprintf(p->source, sizeof p->source, "%s", src ? src : "?");
	p->tune = same(str_or_null(truth, "split"), "tune");
	p->m[M_PAGES] = 1;

	json_t *found = NULL, *farts = NULL, *repairs = NULL;
	char *out = run_reader(reader, page_path);
	if (out) {
		found = json_loads(out, 0, &err);
		free(out);
	}
	if (found) {
		farts = json_object_get(found, "articles");
		repairs = json_object_get(found, "repairs");
	} else {
		fprintf(stderr, "score: %s: the reader failed or printed no JSON\n", page_path);
		p->m[M_FAILED] = 1;
	}
	size_t nf = json_is_array(farts) ? json_array_size(farts) : 0;
	json_t *tarts = json_object_get(truth, "articles");
	size_t nt = json_array_size(tarts);
	bool *used = xmalloc(nf * sizeof *used);
	memset(used, 0, nf * sizeof *used);
	p->m[M_TRUE] = (long)nt;
	p->m[M_FOUND] = (long)nf;
	for (size_t i = 0; i < nf; i++) {
		json_t *f = json_array_get(farts, i);
		if (json_object_get(f, "subtitle"))
			p->m[M_SUBTITLE_SEEN] = 1;
		if (json_object_get(f, "dateline"))
			p->m[M_DATELINE_SEEN] = 1;
	}

	for (size_t i = 0; i < nt; i++) {
		json_t *t = json_array_get(tarts, i);
		long first = int_of(t, "line"), last = last_heading_line(t);
		json_t *f = NULL;
		size_t k;
		for (k = 0; k < nf; k++)
			if (!used[k] && int_of(json_array_get(farts, k), "line") == first)
				break;
		if (k == nf)
			for (k = 0; k < nf; k++) {
				long l = int_of(json_array_get(farts, k), "line");
				if (!used[k] && l >= first && l <= last)
					break;
			}
		if (k < nf) {
			used[k] = true;
			f = json_array_get(farts, k);
			p->m[M_MATCHED]++;
		}
		json_t *tnames = json_object_get(t, "byline");
		bool named = json_array_size(tnames) > 0;
		bool place = str_or_null(t, "place") != NULL;
		p->m[M_NAMED] += named;
		p->m[M_PLACE_TRUE] += place;
		if (!f)
			continue;
		p->m[M_HEADLINE] += same(str_or_null(f, "headline"), str_or_null(t, "headline"));
		p->m[M_KICKER] += same(str_or_null(f, "kicker"), str_or_null(t, "kicker"));
		p->m[M_SUBTITLE] += same(str_or_null(f, "subtitle"), str_or_null(t, "subtitle"));
		p->m[M_DATELINE] += same(str_or_null(f, "dateline"), str_or_null(t, "dateline"));
		json_t *paras = json_object_get(f, "paragraphs");
		p->m[M_PARAS] += (long)json_array_size(paras) == int_of(t, "paragraphs");
		bool names_ok = same_names(json_object_get(f, "byline"), tnames);
		p->m[M_BYLINE] += names_ok;
		p->m[M_NAMED_OK] += named && names_ok;
		json_t *fplace = json_object_get(f, "place");
		p->m[M_PLACE_OK] += place && fplace && !json_is_null(fplace);
	}
	/* Without "subtitle" / "dateline" in --json these score nothing. */
	if (!p->m[M_SUBTITLE_SEEN])
		p->m[M_SUBTITLE] = 0;
	if (!p->m[M_DATELINE_SEEN])
		p->m[M_DATELINE] = 0;

	json_t *tjoins = json_object_get(truth, "joins");
	size_t njt = json_array_size(tjoins);
	p->m[M_JOIN_TRUE] = (long)njt;
	for (size_t i = 0; json_is_array(repairs) && i < json_array_size(repairs); i++) {
		json_t *r = json_array_get(repairs, i);
		if (!same(str_or_null(r, "kind"), "join"))
			continue;
		p->m[M_JOIN_FOUND]++;
		long line = int_of(r, "line");
		for (size_t j = 0; j < njt; j++)
			if (int_of(json_array_get(tjoins, j), "continuation") == line) {
				p->m[M_JOIN_OK]++;
				break;
			}
	}
	free(used);
	json_decref(found);
	json_decref(truth);
	free(tpath);
	free(truth_path);
	free(page_path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t list_pages(const char *dir, struct page **out)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "score: %s: %s\n", dir, strerror(errno));
		exit(2);
	}
	size_t n = 0, cap = 64;
	char **names = xmalloc(cap * sizeof *names);
	struct dirent *e;
	const char *suffix = ".truth.json";
	size_t sl = strlen(suffix);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		if (n == cap) {
			cap *= 2;
			char **nn = realloc(names, cap * sizeof *names);
			if (!nn) {
				perror("score");
				exit(2);
			}
			names = nn;
		}
		names[n] = xmalloc(l - sl + 1);
		memcpy(names[n], e->d_name, l - sl);
		names[n][l - sl] = '\0';
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	struct page *pages = xmalloc(n * sizeof *pages);
	memset(pages, 0, n * sizeof *pages);
	for (size_t i = 0; i < n; i++)
		pages[i].name = names[i];
	free(names);
	*out = pages;
	return n;
}

/* ---------------------------------------------------------------- report */

#define MAX_GROUPS 16
struct group {
	char label[48];
	long m[M_COUNT];
};

static struct group *group_get(struct group *g, size_t *ng, const char *label)
{
	for (size_t i = 0; i < *ng; i++)
		if (strcmp(g[i].label, label) == 0)
			return &g[i];
	if (*ng == MAX_GROUPS)
		return NULL;
	memset(&g[*ng], 0, sizeof g[*ng]);
	snprintf(g[*ng].label, sizeof g[*ng].label, "%s", label);
	return &g[(*ng)++];
}

static void group_add(struct group *g, const struct page *p)
{
	if (!g)
		return;
	for (int i = 0; i < M_COUNT; i++) {
		if (i == M_SUBTITLE_SEEN || i == M_DATELINE_SEEN)
			g->m[i] = g->m[i] || p->m[i];
		else
			g->m[i] += p->m[i];
	}
}

static void cell(long n, long d, bool na)
{
	char buf[32];
	if (na)
		snprintf(buf, sizeof buf, "n/a");
	else if (d == 0)
		snprintf(buf, sizeof buf, "-");
	else
		snprintf(buf, sizeof buf, "%.1f%% %ld/%ld", 100.0 * (double)n / (double)d, n, d);
	printf(" %-18s", buf);
}

static void report(struct page *pages, size_t n)
{
	struct group g[MAX_GROUPS];
	size_t ng = 0;
	char label[48];
	/* Columns: each source's tune and measure parts and total, then all. */
	for (size_t i = 0; i < n; i++) {
		snprintf(label, sizeof label, "%s tune", pages[i].source);
		group_get(g, &ng, label);
		snprintf(label, sizeof label, "%s measure", pages[i].source);
		group_get(g, &ng, label);
		snprintf(label, sizeof label, "%s", pages[i].source);
		group_get(g, &ng, label);
	}
	group_get(g, &ng, "all tune");
	group_get(g, &ng, "all measure");
	group_get(g, &ng, "all");
	for (size_t i = 0; i < n; i++) {
		const struct page *p = &pages[i];
		snprintf(label, sizeof label, "%s %s", p->source, p->tune ? "tune" : "measure");
		group_add(group_get(g, &ng, label), p);
		group_add(group_get(g, &ng, p->source), p);
		group_add(group_get(g, &ng, p->tune ? "all tune" : "all measure"), p);
		group_add(group_get(g, &ng, "all"), p);
	}
	for (size_t i = 0; i < ng; i++) {
		long *m = g[i].m;
		printf("== %s: %ld pages, %ld true articles, %ld found%s\n", g[i].label,
		       m[M_PAGES], m[M_TRUE], m[M_FOUND],
		       m[M_FAILED] ? " (the reader FAILED on some pages)" : "");
		printf("  %-34s", "boundary precision");
		cell(m[M_MATCHED], m[M_FOUND], false);
		printf("\n  %-34s", "boundary recall");
		cell(m[M_MATCHED], m[M_TRUE], false);
		printf("\n  %-34s", "headline exact");
		cell(m[M_HEADLINE], m[M_TRUE], false);
		printf("\n  %-34s", "kicker exact");
		cell(m[M_KICKER], m[M_TRUE], false);
		printf("\n  %-34s", "subtitle exact");
		cell(m[M_SUBTITLE], m[M_TRUE], !m[M_SUBTITLE_SEEN]);
		printf("\n  %-34s", "dateline exact");
		cell(m[M_DATELINE], m[M_TRUE], !m[M_DATELINE_SEEN]);
		printf("\n  %-34s", "paragraph count exact");
		cell(m[M_PARAS], m[M_TRUE], false);
		printf("\n  %-34s", "byline names exact (all articles)");
		cell(m[M_BYLINE], m[M_TRUE], false);
		printf("\n  %-34s", "byline names exact (named ones)");
		cell(m[M_NAMED_OK], m[M_NAMED], false);
		printf("\n  %-34s", "place resolved (Chinese place)");
		cell(m[M_PLACE_OK], m[M_PLACE_TRUE], false);
		printf("\n  %-34s", "join precision");
		cell(m[M_JOIN_OK], m[M_JOIN_FOUND], false);
		printf("\n  %-34s", "join recall");
		cell(m[M_JOIN_OK], m[M_JOIN_TRUE], false);
		printf("\n");
	}
}

/* ---------------------------------------------------------------- ratchet */

static int write_expected(const char *file, struct page *pages, size_t n)
{
	FILE *f = fopen(file, "w");
	if (!f) {
		fprintf(stderr, "score: %s: %s\n", file, strerror(errno));
		return 2;
	}
	fprintf(f, "# Per-page figures of `make score` that `make check` holds (a ratchet):\n"
	           "# none may go down. Rewrite with `make score-update` when one goes up.\n"
	           "# boundaries: true article boundaries matched less spurious ones found;\n"
	           "# headlines, paragraphs, bylines: articles exactly right;\n"
	           "# joins: true column-break joins made less false joins made.\n"
	           "page");
	for (int r = 0; r < R_COUNT; r++)
		fprintf(f, "\t%s", ratchet_names[r]);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		long fig[R_COUNT];
		ratchet_figures(&pages[i], fig);
		fprintf(f, "%s", pages[i].name);
		for (int r = 0; r < R_COUNT; r++)
			fprintf(f, "\t%ld", fig[r]);
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "score: %s: %s\n", file, strerror(errno));
		return 2;
	}
	printf("wrote %s (%zu pages)\n", file, n);
	return 0;
}

static int ratchet(const char *file, struct page *pages, size_t n)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "score: %s: %s\n", file, strerror(errno));
		return 2;
	}
	bool *seen = xmalloc(n * sizeof *seen);
	memset(seen, 0, n * sizeof *seen);
	long passed = 0, failed = 0, better = 0;
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || strncmp(line, "page\t", 5) == 0 || line[0] == '\n')
			continue;
		char name[512];
		long want[R_COUNT];
		if (sscanf(line, "%511s %ld %ld %ld %ld %ld", name, &want[0], &want[1], &want[2],
		           &want[3], &want[4]) != 1 + R_COUNT) {
			fprintf(stderr, "score: %s: bad line: %s", file, line);
			fclose(f);
			free(seen);
			return 2;
		}
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(pages[i].name, name) == 0)
				break;
		if (i == n) {
			printf("not ok - %s: in %s but not in the corpus\n", name, file);
			failed++;
			continue;
		}
		seen[i] = true;
		long got[R_COUNT];
		ratchet_figures(&pages[i], got);
		bool down = false, up = false;
		char detail[512] = "";
		for (int r = 0; r < R_COUNT; r++) {
			if (got[r] == want[r])
				continue;
			size_t l = strlen(detail);
			snprintf(detail + l, sizeof detail - l, " %s %ld -> %ld", ratchet_names[r],
			         want[r], got[r]);
			if (got[r] < want[r])
				down = true;
			else
				up = true;
		}
		if (down) {
			printf("not ok - %s went down:%s\n", name, detail);
			failed++;
		} else {
			printf("ok - %s%s%s\n", name, up ? " went up:" : "", detail);
			passed++;
			better += up;
		}
	}
	fclose(f);
	for (size_t i = 0; i < n; i++)
		if (!seen[i])
			printf("# %s is not in %s yet: run `make score-update` to hold it\n",
			       pages[i].name, file);
	if (better)
		printf("# %ld page(s) improved: run `make score-update` and commit %s "
		       "to hold the gain\n", better, file);
	if (failed)
		printf("# a page that was right went wrong: fix the parser, or, if the change "
		       "is meant, run `make score-update` and say why in the commit\n");
	printf("# passed %ld\n# failed %ld\n", passed, failed);
	free(seen);
	return failed ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: score [--reader PATH] [--ratchet FILE | --write FILE] [DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *reader = "./reader", *dir = "tests/corpus";
	const char *ratchet_file = NULL, *write_file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--reader") == 0 && i + 1 < argc)
			reader = argv[++i];
		else if (strcmp(argv[i], "--ratchet") == 0 && i + 1 < argc)
			ratchet_file = argv[++i];
		else if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
			write_file = argv[++i];
		else if (argv[i][0] == '-')
			usage();
		else
			dir = argv[i];
	}
	struct page *pages;
	size_t n = list_pages(dir, &pages);
	if (n == 0) {
		fprintf(stderr, "score: no *.truth.json in %s\n", dir);
		return 2;
	}
	for (size_t i = 0; i < n; i++)
		score_page(reader, dir, &pages[i]);
	int rc = 0;
	if (ratchet_file)
		rc = ratchet(ratchet_file, pages, n);
	else if (write_file)
		rc = write_expected(write_file, pages, n);
	else
		report(pages, n);
	for (size_t i = 0; i < n; i++)
		free(pages[i].name);
	free(pages);
	return rc;
}
