/*
 * bench-catalog: figures for the archive's index (make bench runs it on
 * the generated archive; not a test).
 *
 *   bench-catalog index DB PATH...          cold or warm update, the text
 *                                          index, then fill
 *   bench-catalog scan DB QUERY PATH...     the search before the text index
 *   bench-catalog search DB QUERY PATH...   the archive search, best of 5
 *   bench-catalog options DB QUERY PATH...  the other ways measured against
 *                                          it: a scan of stored folded text
 *                                          (in C, and in SQL with instr())
 *                                          and FTS5's trigram tokenizer
 *
 * Each prints one line per figure: what, milliseconds, hits; and the
 * process's peak resident set.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "archive.h"
#include "catalog.h"
#include "fold.h"
#include "gazetteer.h"
#include "paths.h"
#include "util.h"
#include "variants.h"
#include "text.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void scan(struct archive *a, char **paths, int n)
{
	struct error err;

	memset(a, 0, sizeof *a);
	if (archive_scan(a, (const char *const *)paths, (size_t)n, &err) < 0)
		error_print(&err, stderr);
}

static struct catalog *open_db(const char *db)
{
	struct error err;
	struct catalog *c = catalog_open(db, NULL, &err);

	if (!c) {
		error_print(&err, stderr);
		exit(1);
	}
	return c;
}

/* The query folded as the catalogue folds it (width, case, simplified). */
static char *canon_query(const char *q, struct folded *f)
{
	struct sbuf b = {0};

	fold_text(q, strlen(q), f);
	for (size_t i = 0; i < f->n;) {
		uint32_t cp;
		size_t l = text_next(f->s + i, f->n - i, &cp);
		char u[4];

		if (variant_is_traditional(cp))
			cp = variant_other(cp);
		sbuf_add(&b, u, text_put(cp, u));
		i += l;
	}
	return sbuf_take(&b);
}

static void options(const char *db, const char *query)
{
	char *alt = xasprintf("%s.options", db);
	sqlite3 *d;
	sqlite3_stmt *st;
	struct folded f = {0};
	char *q = canon_query(query, &f);
	double t, best;
	size_t hits;

	if (sqlite3_open(alt, &d) != SQLITE_OK)
		exit(1);
	sqlite3_exec(d, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
	if (sqlite3_exec(d, "SELECT 1 FROM plain LIMIT 1", NULL, NULL, NULL) != SQLITE_OK) {
		/* The folded bodies, copied from the catalogue. */
		sqlite3_stmt *rd, *wr;
		sqlite3 *src;

		t = now_ms();
		sqlite3_open(db, &src);
		sqlite3_exec(d, "CREATE TABLE plain(id INTEGER PRIMARY KEY, folded TEXT);"
				"CREATE VIRTUAL TABLE tri USING fts5(folded, content='plain',"
				" content_rowid='id', tokenize='trigram', detail=none);"
				"BEGIN", NULL, NULL, NULL);
		sqlite3_prepare_v2(src, "SELECT id, body FROM texts", -1, &rd, NULL);
		sqlite3_prepare_v2(d, "INSERT INTO plain VALUES(?, ?)", -1, &wr, NULL);
		while (sqlite3_step(rd) == SQLITE_ROW) {
			char *fb;
			const char *body = (const char *)sqlite3_column_text(rd, 1);

			fb = canon_query(body ? body : "", &f);
			sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
			sqlite3_bind_text(wr, 2, fb, -1, free);
			sqlite3_step(wr);
			sqlite3_reset(wr);
		}
		sqlite3_finalize(rd);
		sqlite3_finalize(wr);
		sqlite3_close(src);
		printf("options: folded copy\t%.0f ms\n", now_ms() - t);
		t = now_ms();
		sqlite3_exec(d, "INSERT INTO tri(tri) VALUES('rebuild'); COMMIT", NULL, NULL, NULL);
		printf("options: trigram index built\t%.0f ms\n", now_ms() - t);
	}
	/* A scan in C over the stored folded text. */
	best = 1e9;
	hits = 0;
	for (int r = 0; r < 5; r++) {
		t = now_ms();
		hits = 0;
		sqlite3_prepare_v2(d, "SELECT folded FROM plain", -1, &st, NULL);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *s = (const char *)sqlite3_column_text(st, 0);
			size_t n = (size_t)sqlite3_column_bytes(st, 0);

			if (s && memmem(s, n, q, strlen(q)))
				hits++;
		}
		sqlite3_finalize(st);
		t = now_ms() - t;
		best = t < best ? t : best;
	}
	printf("options: scan in C\t%.1f ms\t%zu articles\n", best, hits);
	/* The same in SQL. */
	best = 1e9;
	for (int r = 0; r < 5; r++) {
		t = now_ms();
		sqlite3_prepare_v2(d, "SELECT count(*) FROM plain WHERE instr(folded, ?1) > 0", -1, &st, NULL);
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
		sqlite3_step(st);
		hits = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		t = now_ms() - t;
		best = t < best ? t : best;
	}
	printf("options: scan in SQL (instr)\t%.1f ms\t%zu articles\n", best, hits);
	/* Trigram: LIKE (it uses the index for 3 characters and more). */
	best = 1e9;
	for (int r = 0; r < 5; r++) {
		char *like = xasprintf("%%%s%%", q);

		t = now_ms();
		sqlite3_prepare_v2(d, "SELECT count(*) FROM tri WHERE folded LIKE ?1", -1, &st, NULL);
		sqlite3_bind_text(st, 1, like, -1, free);
		sqlite3_step(st);
		hits = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		t = now_ms() - t;
		best = t < best ? t : best;
	}
	printf("options: FTS5 trigram (LIKE)\t%.1f ms\t%zu articles\n", best, hits);
	free(q);
	fold_free(&f);
	sqlite3_close(d);
	free(alt);
}

int main(int argc, char **argv)
{
	struct archive a;
	struct catalog *c;
	struct error err;
	double t;

	if (argc < 4) {
		fputs("usage: bench-catalog index DB PATH... | search DB QUERY PATH... |"
		      " options DB QUERY PATH...\n", stderr);
		return 2;
	}
	if (strcmp(argv[1], "index") == 0) {
		char *gp = paths_data(PATHS_GAZETTEER);
		struct gazetteer *g = gp ? gazetteer_load(gp, &err) : NULL;
		size_t unread;

		free(gp);
		t = now_ms();
		scan(&a, argv + 3, argc - 3);
		printf("scan\t%.0f ms\t%zu files\n", now_ms() - t, a.n);
		t = now_ms();
		c = open_db(argv[2]);
		if (catalog_update(c, &a, g, NULL, &err) < 0)
			error_print(&err, stderr);
		printf("update\t%.0f ms\n", now_ms() - t);
		t = now_ms();
		if (catalog_index(c, NULL, &err) < 0)
			error_print(&err, stderr);
		printf("text index\t%.0f ms\n", now_ms() - t);
		t = now_ms();
		unread = catalog_fill(c, &a);
		printf("fill\t%.0f ms\t%zu editions, %zu skipped, %zu unread\n", now_ms() - t, a.n,
		       a.nskipped, unread);
		catalog_close(c);
		archive_free(&a);
		gazetteer_free(g);
	} else if (strcmp(argv[1], "search") == 0 || strcmp(argv[1], "options") == 0 ||
		   strcmp(argv[1], "scan") == 0) {
		struct catalog_story *v;
		size_t n = 0;
		double best = 1e9;

		scan(&a, argv + 4, argc - 4);
		c = open_db(argv[2]);
		if (strcmp(argv[1], "scan") == 0) {
			/* Every article searched as if not in the index yet (the
			 * index's answers come twice: use a copy of the catalogue). */
			sqlite3 *d;

			sqlite3_open(argv[2], &d);
			sqlite3_exec(d, "UPDATE articles SET fts = 0", NULL, NULL, NULL);
			sqlite3_close(d);
		}
		t = now_ms();
		catalog_fill(c, &a);
		printf("fill\t%.1f ms\n", now_ms() - t);
		double bestcpu = 1e9;

		for (int r = 0; r < 5; r++) {
			clock_t cpu = clock();

			t = now_ms();
			if (catalog_search(c, argv[3], 0, &v, &n, &err) < 0)
				error_print(&err, stderr);
			t = now_ms() - t;
			best = t < best ? t : best;
			if ((double)(clock() - cpu) * 1e3 / CLOCKS_PER_SEC < bestcpu)
				bestcpu = (double)(clock() - cpu) * 1e3 / CLOCKS_PER_SEC;
			catalog_stories_free(v, n);
		}
		printf("search\t%.1f ms (%.1f ms of CPU)\t%zu hits\n", best, bestcpu, n);
		{
			/* What the locality index asks: every place, then the
			 * stories of the one with most. */
			struct catalog_place *pl;
			size_t np = 0, ns = 0;

			clock_t cpu = clock();

			t = now_ms();
			if (catalog_places(c, &pl, &np, &err) < 0)
				error_print(&err, stderr);
			printf("places\t%.1f ms (%.1f ms of CPU)\t%zu places\n", now_ms() - t,
			       (double)(clock() - cpu) * 1e3 / CLOCKS_PER_SEC, np);
			if (np) {
				t = now_ms();
				if (catalog_stories(c, pl[0].code, pl[0].locality, &v, &ns, &err) < 0)
					error_print(&err, stderr);
				printf("stories\t%.1f ms\t%zu stories at %s\n", now_ms() - t, ns, pl[0].locality);
				catalog_stories_free(v, ns);
			}
			catalog_places_free(pl, np);
		}
		catalog_close(c);
		archive_free(&a);
		if (strcmp(argv[1], "options") == 0)
			options(argv[2], argv[3]);
	} else {
		return 2;
	}
	printf("peak\t%ld MB\n", peak_kb() / 1024);
	return 0;
}
