/*
 * test_session: the session layer's operations in a home of its own:
 * bookmarking and unbookmarking the story at the reading position (and
 * which articles are marked), listing, annotating and deleting bookmarks,
 * saving and restoring the position, and opening a bookmark of another
 * edition at its path, by id in the editions directories, or not at all;
 * over an archive: opening edition i, the next and previous, each keeping
 * its own position, the open edition found again after the archive is
 * reordered or loses it, the bookmarked editions marked, and a story
 * opened at a source line.
 */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "library.h"
#include "positions.h"
#include "session.h"
#include "util.h"

static struct options opts;
static struct layout_opts lo;

static int setup(void **state)
{
	(void)state;
	setenv("HOME", test_tmpdir(), 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	options_defaults(&opts);
	lo = layout_defaults(60);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	options_free(&opts);
	return 0;
}

/* Open a session over the edition at path, its view 20 rows by 60. */
static void open_at(struct session *s, struct edition *ed, const char *path)
{
	struct error err;

	assert_int_equal(edition_load(ed, path, &err), 0);
	session_init(s, ed, NULL, &opts, &lo);
	view_resize(&s->v, 20, 60);
	assert_int_equal(session_open(s, &err), 0);
}

static void close_session(struct session *s, struct edition *ed)
{
	struct error err;

	assert_int_equal(session_close(s, &err), 0);
	edition_free(ed);
}

static void test_bookmarks(void **state)
{
	struct session s;
	struct edition ed;
	struct error err;

	(void)state;
	open_at(&s, &ed, seed_path());
	view_open(&s.v, 3, 0);
	assert_false(session_is_bookmarked(&s, 3));
	assert_int_equal(session_bookmark_add(&s, "a note", &err), 0);
	for (size_t a = 0; a < ed.narticles; a++)
		assert_int_equal(session_is_bookmarked(&s, a), a == 3);
	view_open(&s.v, 5, 0);
	assert_int_equal(session_bookmark_remove(&s, &err), 0);  /* none here */
	assert_int_equal(session_bookmark_add(&s, "", &err), 0);
	assert_int_equal(session_bookmarks_list(&s, &err), 2);
	assert_int_equal(session_bookmark(&s, 0)->article + session_bookmark(&s, 1)->article, 10);
	assert_null(session_bookmark(&s, 2));
	for (size_t r = 0; r < 2; r++)
		if (session_bookmark(&s, r)->article == 4) {
			assert_string_equal(session_bookmark(&s, r)->note, "a note");
			assert_int_equal(session_bookmark_note(&s, r, "changed", &err), 1);
		}
	assert_int_equal(session_bookmark_remove(&s, &err), 1);
	assert_false(session_is_bookmarked(&s, 5));
	assert_true(session_is_bookmarked(&s, 3));
	assert_int_equal(session_bookmarks_list(&s, &err), 1);
	assert_string_equal(session_bookmark(&s, 0)->note, "changed");
	assert_int_equal(session_bookmark_delete(&s, 0, &err), 1);
	assert_false(session_is_bookmarked(&s, 3));
	assert_int_equal(s.norder, 0);
	close_session(&s, &ed);
}

static void test_position(void **state)
{
	struct session s;
	struct edition ed;
	size_t art, off, art2, off2;

	(void)state;
	open_at(&s, &ed, seed_path());
	view_open(&s.v, 2, 0);
	view_scroll(&s.v, 3);
	session_here(&s, &art, &off);
	assert_int_equal(art, 2);
	assert_true(off > 0);
	close_session(&s, &ed);  /* saves the position */
	open_at(&s, &ed, seed_path());
	session_here(&s, &art2, &off2);
	assert_int_equal(art2, art);
	assert_int_equal(off2, off);
	close_session(&s, &ed);
}

/* The seed with one line changed: another edition (another id). */
static void write_other(const char *path)
{
	size_t len;
	char *text = slurp(seed_path(), &len), *at = strstr(text, "讲诚信代代相传");

	assert_non_null(at);
	memcpy(at, "讲诚信世世相传", strlen("讲诚信世世相传"));
	spit(path, text, len);
	free(text);
}

static void progress(void *ctx, const char *dir)
{
	(void)dir;
	(*(int *)ctx)++;
}

static void test_other_edition(void **state)
{
	struct session s;
	struct edition ed;
	struct error err;
	char *dir = xasprintf("%s/editions", test_tmpdir());
	char *moved = xasprintf("%s/moved.txt", dir);
	const char *other = tmp_path("other.txt");
	char id[17];
	int heard = 0;

	(void)state;
	write_other(other);
	open_at(&s, &ed, other);
	snprintf(id, sizeof id, "%s", s.id);
	view_open(&s.v, 6, 0);
	assert_int_equal(session_bookmark_add(&s, "", &err), 0);
	close_session(&s, &ed);
	/* At its path. */
	open_at(&s, &ed, seed_path());
	assert_int_equal(session_bookmarks_list(&s, &err), 1);
	assert_int_equal(session_bookmark_open(&s, 0, progress, &heard), JUMP_DONE);
	assert_string_equal(s.id, id);
	assert_int_equal(s.v.art, 6);
	assert_true(session_is_bookmarked(&s, 6));
	assert_int_equal(heard, 0);
	close_session(&s, &ed);
	/* Moved: found by id in the editions directories, which are searched
	 * only now. */
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(rename(other, moved), 0);
	free(opts.editions);
	opts.editions = xasprintf("/nonexistent:%s", dir);
	open_at(&s, &ed, seed_path());
	assert_int_equal(heard, 0);
	assert_int_equal(session_bookmarks_list(&s, &err), 1);
	assert_int_equal(session_bookmark_open(&s, 0, progress, &heard), JUMP_DONE);
	assert_int_equal(heard, 1);
	assert_string_equal(s.id, id);
	assert_int_equal(s.v.art, 6);
	close_session(&s, &ed);
	/* Gone: nothing changes. */
	assert_int_equal(unlink(moved), 0);
	open_at(&s, &ed, seed_path());
	assert_int_equal(session_bookmarks_list(&s, &err), 1);
	assert_int_equal(session_bookmark_open(&s, 0, NULL, NULL), JUMP_NO_EDITION);
	assert_string_not_equal(s.id, id);
	close_session(&s, &ed);
	free(dir);
	free(moved);
}

/* 0p, 50p and 100p; the article written as text; the source lines on
 * screen; the first article reopened shows the masthead. */
static void test_less_commands(void **state)
{
	struct session s;
	struct edition ed;
	char *buf = NULL;
	size_t len = 0, first, last;
	FILE *f;

	(void)state;
	open_at(&s, &ed, seed_path());
	session_percent(&s, 100);
	assert_int_equal(s.v.art, ed.narticles - 1);
	session_percent(&s, 50);
	assert_true(s.v.art >= 3 && s.v.art <= 4);
	session_percent(&s, 0);
	assert_int_equal(s.v.art, 0);
	assert_int_equal(s.v.top, 0);  /* the masthead, as a fresh open */
	view_open(&s.v, 1, 0);
	f = open_memstream(&buf, &len);
	assert_int_equal(session_write_article(&s, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "兴化统一战线“暖心早茶” 搭出政企沟通平台\n\n"));
	assert_non_null(strstr(buf, "为搭建高层次、常态化的政企沟通对话平台"));
	free(buf);
	session_lines_on_screen(&s, &first, &last);
	assert_int_equal(first, ed.articles[1].line);
	assert_true(last > first);
	close_session(&s, &ed);
}

/* A variant of the seed: the same text with one phrase changed. */
static void write_variant(const char *path, const char *phrase)
{
	size_t len;
	char *text = slurp(seed_path(), &len), *at = strstr(text, "讲诚信代代相传");

	assert_non_null(at);
	assert_int_equal(strlen(phrase), strlen("讲诚信代代相传"));
	memcpy(at, phrase, strlen(phrase));
	spit(path, text, len);
	free(text);
}

/* An archive of the three files, by hand (as archive_scan and
 * catalog_fill would leave it): dates 11, 12 and 13 November. */
static void make_archive(struct archive *a, const char *const path[3])
{
	memset(a, 0, sizeof *a);
	a->n = a->cap = 3;
	a->v = xcalloc(3, sizeof *a->v);
	for (size_t i = 0; i < 3; i++) {
		a->v[i].path = xstrdup(path[i]);
		snprintf(a->v[i].date, sizeof a->v[i].date, "2020-11-%zu", 11 + i);
		a->v[i].date_from = DATE_NAME;
	}
}

static void free_archive(struct archive *a)
{
	for (size_t i = 0; i < a->cap; i++)
		free(a->v[i].path);
	free(a->v);
}

static void test_archive(void **state)
{
	struct session s;
	struct edition ed;
	struct archive a;
	struct error err;
	const char *path[3] = {xstrdup(tmp_path("a.txt")), xstrdup(tmp_path("b.txt")),
			       xstrdup(tmp_path("c.txt"))};
	size_t art, off, art0, off0;
	char id0[17], id1[17];
	struct archive_entry e;

	(void)state;
	write_variant(path[0], "讲诚信代代相传");
	write_variant(path[1], "讲诚实代代相传");  /* not test_other_edition's */
	write_variant(path[2], "讲信用代代相传");
	make_archive(&a, path);
	open_at(&s, &ed, path[0]);
	session_set_archive(&s, &a, 0);
	snprintf(id0, sizeof id0, "%s", s.id);
	view_open(&s.v, 2, 0);
	view_scroll(&s.v, 3);
	session_here(&s, &art0, &off0);
	assert_true(off0 > 0);

	/* Next, previous, with counts, stopping at the ends. */
	assert_int_equal(session_edition_by(&s, 1, 1), 1);
	assert_int_equal(session_edition_by(&s, 1, 5), 2);
	assert_int_equal(session_edition_by(&s, -1, 1), 0);
	assert_int_equal(session_open_edition(&s, 1, &err), 0);
	assert_int_equal(s.cur, 1);
	assert_string_not_equal(s.id, id0);
	snprintf(id1, sizeof id1, "%s", s.id);
	assert_string_equal(s.ed->path, path[1]);
	session_here(&s, &art, &off);
	assert_int_equal(art, 0);  /* never read: its start */
	assert_int_equal(off, 0);
	assert_int_equal(session_edition_by(&s, -1, 1), 0);
	assert_int_equal(session_edition_by(&s, -1, 0), 0);
	view_open(&s.v, 4, 0);

	/* Each keeps its own position. */
	assert_int_equal(session_open_edition(&s, 0, &err), 0);
	session_here(&s, &art, &off);
	assert_int_equal(art, art0);
	assert_int_equal(off, off0);
	assert_string_equal(s.id, id0);
	assert_int_equal(session_open_edition(&s, 1, &err), 0);
	assert_int_equal(s.v.art, 4);

	/* One that cannot be read changes nothing. */
	unlink(path[2]);
	assert_int_equal(session_open_edition(&s, 2, &err), -1);
	assert_int_equal(s.cur, 1);
	assert_string_equal(s.id, id1);
	assert_int_equal(s.v.art, 4);
	write_variant(path[2], "讲信用代代相传");

	/* A bookmark marks its edition, once the archive knows its id. */
	assert_int_equal(session_bookmark_add(&s, "", &err), 0);
	snprintf(a.v[1].id, sizeof a.v[1].id, "%s", id1);
	snprintf(a.v[0].id, sizeof a.v[0].id, "%s", id0);
	session_archive_changed(&s);
	assert_true(a.v[1].marked);
	assert_false(a.v[0].marked);
	assert_false(a.v[2].marked);

	/* Reordered (as a fill that learnt the datelines): found again. */
	e = a.v[0], a.v[0] = a.v[1], a.v[1] = e;
	session_archive_changed(&s);
	assert_int_equal(s.cur, 0);
	assert_int_equal(session_edition_by(&s, 1, 1), 1);
	/* Gone from the archive: the next is the first not older. */
	e = a.v[0], a.v[0] = a.v[2], a.v[2] = e;
	a.n = 2;
	session_archive_changed(&s);
	assert_int_equal(s.cur, SIZE_MAX);
	a.n = 3;
	e = a.v[0], a.v[0] = a.v[2], a.v[2] = e;

	/* A story at a line of its text: the article, scrolled there. */
	assert_int_equal(session_open_story(&s, 2, 3, ed.articles[2].line, &err), 0);
	assert_int_equal(s.cur, 2);
	assert_string_equal(s.ed->path, path[2]);
	assert_int_equal(s.v.art, 2);
	assert_int_equal(session_open_story(&s, 2, 999, 0, &err), 1);
	close_session(&s, &ed);
	free_archive(&a);
	for (size_t i = 0; i < 3; i++)
		free((char *)path[i]);
}

/* The library: scanned, indexed in the background (polled until done),
 * filled from the catalogue; the edition read last opens first; closing
 * while the indexing runs stops it. */
static void test_library(void **state)
{
	struct library l;
	struct edition ed;
	struct error err;
	char *dir = xasprintf("%s/lib", test_tmpdir()), *cache = xasprintf("%s/cache", test_tmpdir());
	char *p[3], *pos;
	const char *paths[1] = {dir};
	int r;

	(void)state;
	setenv("XDG_CACHE_HOME", cache, 1);
	assert_int_equal(mkdir(dir, 0700), 0);
	p[0] = xasprintf("%s/x-2020-11-02.txt", dir);
	p[1] = xasprintf("%s/x-2020-11-03.txt", dir);
	p[2] = xasprintf("%s/x-2020-11-01.txt", dir);
	write_variant(p[0], "讲诚信代代相续");
	write_variant(p[1], "讲诚信代代相承");
	write_variant(p[2], "讲诚信代代相守");
	spit(tmp_path("lib/empty.txt"), "", 0);
	assert_int_equal(library_open(&l, paths, 1, &err), 0);
	assert_non_null(l.cat);
	assert_int_equal(l.a.n, 3);
	assert_int_equal(l.a.nskipped, 1);
	assert_int_equal(l.unread, 3);
	/* By the names' dates until read. */
	assert_string_equal(l.a.v[0].path, p[2]);
	assert_int_equal(library_first(&l, &opts), 0);
	assert_int_equal(library_index(&l, NULL, &err), 1);
	assert_int_equal(library_index(&l, NULL, &err), 0);  /* once */
	for (int i = 0; i < 2000 && l.job; i++) {
		r = library_poll(&l, &err);
		assert_true(r >= 0);
		if (l.job)
			usleep(5000);
	}
	assert_null(l.job);
	assert_true(l.indexed);
	assert_int_equal(l.unread, 0);
	for (size_t i = 0; i < 3; i++) {
		assert_true(l.a.v[i].read);
		assert_int_equal(l.a.v[i].narticles, 8);
		assert_int_equal(strlen(l.a.v[i].id), 16);
	}
	/* The one read last opens first. */
	pos = options_positions_file(&opts);
	assert_int_equal(pos_set(pos, l.a.v[1].id, "/elsewhere/x.txt", 2, 0, &err), 0);
	assert_int_equal(library_first(&l, &opts), 1);
	assert_int_equal(library_load_first(&l, &opts, &ed, &err), 0);
	assert_int_equal(l.first, 1);
	assert_string_equal(ed.path, l.a.v[1].path);
	edition_free(&ed);
	/* The newest position of the archive's, by id or by path, whatever
	 * comes after it in the file; the later line on a tie. */
	{
		char *lines = xasprintf("# reader positions 1\n"
					"%s\t/elsewhere/x.txt\t1\t0\t2026-01-01T00:00:05Z\n"
					"ffffffffffffffff\t%s\t1\t0\t2026-01-01T00:00:09Z\n"
					"0123456789abcdef\t/nowhere/y.txt\t1\t0\t2026-01-01T00:00:10Z\n"
					"%s\t/elsewhere/x.txt\t1\t0\t2026-01-01T00:00:01Z\n",
					l.a.v[2].id, l.a.v[0].path, l.a.v[1].id);
		char *tie = xasprintf("%s%s\t/elsewhere/x.txt\t1\t0\t2026-01-01T00:00:09Z\n",
				      lines, l.a.v[1].id);

		spit(pos, lines, strlen(lines));
		assert_int_equal(library_first(&l, &opts), 0);
		spit(pos, tie, strlen(tie));
		assert_int_equal(library_first(&l, &opts), 1);
		free(lines);
		free(tie);
	}
	library_close(&l);

	/* A warm start: the archive from the catalogue at once, no file
	 * looked at; then the scan, after which a file added since appears,
	 * a changed one is to be read again and a deleted one is gone (from
	 * the archive and from the catalogue). */
	{
		char *added = xasprintf("%s/x-2020-11-04.txt", dir);
		struct timespec t[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
		struct archive known;
		const char *none[] = { NULL };
		int filled = 0;

		write_variant(added, "讲诚信代代相伴");
		assert_int_equal(utimensat(AT_FDCWD, p[1], t, 0), 0);
		assert_int_equal(unlink(p[2]), 0);
		assert_int_equal(library_open_warm(&l, paths, 1, &err), 0);
		assert_int_equal(l.a.n, 0);                 /* not listed yet */
		assert_true(l.relist);
		assert_true(l.rescan);
		/* The position's path is elsewhere: listed, found by its id. */
		assert_int_equal(library_load_first(&l, &opts, &ed, &err), 0);
		assert_false(l.relist);
		assert_int_equal(l.a.n, 3);
		assert_int_equal(l.unread, 0);
		assert_string_equal(l.a.v[0].path, p[2]);   /* as the catalogue had it */
		assert_int_equal(l.first, 1);
		assert_string_equal(ed.path, p[0]);
		edition_free(&ed);
		/* Nothing to index before the scan says what is on disk. */
		assert_int_equal(library_index(&l, NULL, &err), 0);
		for (int i = 0; i < 2000 && (l.rescan || l.scan); i++) {
			r = library_poll(&l, &err);
			assert_true(r >= 0);
			filled += r;
			if (l.scan)
				usleep(5000);
		}
		assert_false(l.rescan);
		assert_null(l.scan);
		assert_int_equal(filled, 1);
		assert_int_equal(l.a.n, 3);
		assert_int_equal(l.a.nskipped, 1);
		assert_true(archive_find(&l.a, added) != (size_t)-1);
		assert_true(archive_find(&l.a, p[2]) == (size_t)-1);
		assert_int_equal(l.unread, 2);             /* the added and the changed */
		/* The deleted one left the catalogue. */
		memset(&known, 0, sizeof known);
		assert_int_equal(catalog_list(l.cat, paths, 1, &known), 2);
		assert_true(archive_find(&known, p[2]) == (size_t)-1);
		archive_free(&known);
		/* Then the indexing reads the two. */
		assert_int_equal(library_index(&l, NULL, &err), 1);
		for (int i = 0; i < 2000 && l.job; i++) {
			assert_true(library_poll(&l, &err) >= 0);
			if (l.job)
				usleep(5000);
		}
		assert_int_equal(l.unread, 0);
		library_close(&l);
		/* Warm again, the position at the added file: it opens
		 * straight from the positions file, the list after. */
		assert_int_equal(pos_set(pos, "0123456789abcdef", added, 1, 0, &err), 0);
		assert_int_equal(library_open_warm(&l, paths, 1, &err), 0);
		assert_int_equal(library_load_first(&l, &opts, &ed, &err), 0);
		assert_string_equal(ed.path, added);
		assert_int_equal(l.first, (size_t)-1);
		assert_int_equal(l.a.n, 0);
		assert_int_equal(library_index(&l, NULL, &err), 0);
		assert_int_equal(library_poll(&l, &err), 1);  /* the list */
		assert_int_equal(l.a.n, 3);
		assert_string_equal(l.a.v[2].path, added);
		assert_true(l.rescan);
		assert_int_equal(library_settle(&l, &err), 1);
		assert_int_equal(l.unread, 0);
		edition_free(&ed);
		library_close(&l);
		/* The same with the directory named relative to the current
		 * one (the positions file keeps absolute paths). */
		{
			char *here = getcwd(NULL, 0);
			const char *rel[] = { "lib" };

			assert_non_null(here);
			assert_int_equal(chdir(test_tmpdir()), 0);
			assert_int_equal(library_open_warm(&l, rel, 1, &err), 0);
			assert_int_equal(library_load_first(&l, &opts, &ed, &err), 0);
			assert_string_equal(ed.path, added);
			assert_int_equal(l.first, (size_t)-1);
			assert_int_equal(l.a.n, 0);
			assert_int_equal(library_poll(&l, &err), 1);  /* the list */
			assert_int_equal(l.a.n, 3);
			assert_string_equal(l.a.v[2].path, "lib/x-2020-11-04.txt");
			edition_free(&ed);
			library_close(&l);
			assert_int_equal(chdir(here), 0);
			free(here);
		}
		/* A catalogue that knows nothing there: a cold start. */
		assert_int_equal(library_open_warm(&l, none, 0, &err), -1);
		library_close(&l);
		free(added);
	}

	/* A fresh catalogue, closed at once: the indexing stops. */
	free(cache);
	cache = xasprintf("%s/cache2", test_tmpdir());
	setenv("XDG_CACHE_HOME", cache, 1);
	assert_int_equal(library_open(&l, paths, 1, &err), 0);
	assert_int_equal(library_index(&l, NULL, &err), 1);
	library_close(&l);
	assert_null(l.job);

	unsetenv("XDG_CACHE_HOME");
	free(pos);
	for (size_t i = 0; i < 3; i++)
		free(p[i]);
	free(dir);
	free(cache);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bookmarks),
		cmocka_unit_test(test_position),
		cmocka_unit_test(test_other_edition),
		cmocka_unit_test(test_less_commands),
		cmocka_unit_test(test_archive),
		cmocka_unit_test(test_library),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
