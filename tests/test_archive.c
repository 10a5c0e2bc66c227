/*
 * test_archive: the archive scan (archive.h): dates and pages in file
 * names, weekdays, the reading order, what is skipped and why, link loops,
 * duplicates and a named path that is missing.
 *
 * The tests run as root in CI, where chmod 000 does not make a file
 * unreadable: "unreadable" is tested with a dangling symbolic link (stat
 * fails) and a FIFO (not a regular file); the chmod case runs only when
 * the tests do not run as root.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "util.h"

/* ---- names --------------------------------------------------------------- */

static void name_is(const char *name, const char *date, int page)
{
	char d[11] = "unset";
	int p = -1;
	int r = archive_name_date(name, d, &p);

	if (!date) {
		if (r)
			fail_msg("%s: a date %s where none is", name, d);
	} else {
		if (!r)
			fail_msg("%s: no date found, %s expected", name, date);
		if (strcmp(d, date))
			fail_msg("%s: date %s, %s expected", name, d, date);
	}
	if (p != page)
		fail_msg("%s: page %d, %d expected", name, p, page);
}

static void test_name_dates(void **state)
{
	(void)state;
	name_is("2020-11-05.txt", "2020-11-05", 0);
	name_is("archive/2019/2020-11-05.txt", "2020-11-05", 0);
	name_is("2020_11_05.txt", "2020-11-05", 0);
	name_is("2020.11.05.txt", "2020-11-05", 0);
	name_is("2020-1-5.txt", "2020-01-05", 0);
	name_is("20201105.txt", "2020-11-05", 0);
	name_is("rmrb20201105.txt", "2020-11-05", 0);
	name_is("2020年11月5日.txt", "2020-11-05", 0);
	name_is("同心圆2020年1月15日第3版.txt", "2020-01-15", 3);
	name_is("人民日报2019年2月2日第十二版.txt", "2019-02-02", 12);
	name_is("第二十版-2019-02-02.txt", "2019-02-02", 20);
	name_is("第五版.txt", NULL, 5);
	name_is("tongxinyuan-2020-11-11.txt", "2020-11-11", 0);
	name_is("rmrb-2019-02-02-p01.txt", "2019-02-02", 1);
	name_is("rmrb-2019-02-02-P14.txt", "2019-02-02", 14);
	name_is("2019-02-02_page7.txt", "2019-02-02", 7);
	name_is("nyt_2003-06-10_A04.txt", "2003-06-10", 4);
	name_is("20190202-03-01.txt", "2019-02-02", 3);
	name_is("20190202_12.txt", "2019-02-02", 12);
	name_is("20190202-03-01", "2019-02-02", 3);
	/* only the last component counts */
	name_is("2020-11-05/page.txt", NULL, 0);
	name_is("2020-11-05/", "2020-11-05", 0);
	/* the first real date wins */
	name_is("2020-02-30-2020-03-01.txt", "2020-03-01", 0);
	/* impossible dates, out of range years, digits that are no date */
	name_is("2020-02-30.txt", NULL, 0);
	name_is("2019-02-29.txt", NULL, 0);
	name_is("2020-02-29.txt", "2020-02-29", 0);
	name_is("1900-02-29.txt", NULL, 0);
	name_is("2000-02-29.txt", "2000-02-29", 0);
	name_is("2020-13-01.txt", NULL, 0);
	name_is("2020-00-10.txt", NULL, 0);
	name_is("2020-04-31.txt", NULL, 0);
	name_is("20201305.txt", NULL, 0);
	name_is("12345678.txt", NULL, 0);
	name_is("1799-12-31.txt", NULL, 0);
	name_is("202011051.txt", NULL, 0);     /* nine digits */
	name_is("120201105.txt", NULL, 0);
	name_is("2020-11_05.txt", NULL, 0);    /* mixed separators */
	name_is("2020-11-005.txt", NULL, 0);
	name_is("12020-11-05.txt", NULL, 0);   /* the year in a longer number */
	name_is("2020年13月1日.txt", NULL, 0);
	name_is("2020年11月.txt", NULL, 0);
	name_is("notes.txt", NULL, 0);
	name_is("", NULL, 0);
	/* page markers that are not */
	name_is("2020-11-05-x64.txt", "2020-11-05", 0);
	name_is("2020-11-05-map12.txt", "2020-11-05", 0);
	name_is("2020-11-05-p0012.txt", "2020-11-05", 0);
	name_is("2020-11-05-p12b.txt", "2020-11-05", 0);
	name_is("第版.txt", NULL, 0);
	/* page may be NULL */
	{
		char d[11];

		assert_int_equal(archive_name_date("x-p3-2021-01-02.txt", d, NULL), 1);
		assert_string_equal(d, "2021-01-02");
	}
}

/* The keys and the typed paths found again from them. */
static void test_rebase(void **state)
{
	static const char *const cases[][4] = {
		/* path, from, to, result ("" for none) */
		{ "a1/x.txt", "a1", "/srv/a1", "/srv/a1/x.txt" },
		{ "a1/x.txt", "a1/", "/srv/a1", "/srv/a1/x.txt" },
		{ "a1//x.txt", "a1/", "/srv/a1/", "/srv/a1/x.txt" },
		{ "a1", "a1", "/srv/a1", "/srv/a1" },
		{ "a1x/y", "a1", "/srv/a1", "" },
		{ "b/a1/y", "a1", "/srv/a1", "" },
		{ "/srv/a1/d/y", "/srv/a1", "./a1/", "./a1/d/y" },
		{ "./x", ".", "/home/u", "/home/u/x" },
		{ "/x", "/", "/", "/x" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *r = archive_rebase(cases[i][0], cases[i][1], cases[i][2]);

		if (!cases[i][3][0])
			assert_null(r);
		else
			assert_string_equal(r, cases[i][3]);
		free(r);
	}
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(archive_weekday("2020-11-11"), 3);  /* the bundled page: 星期三 */
	assert_int_equal(archive_weekday("2020-11-05"), 4);
	assert_int_equal(archive_weekday("2000-02-29"), 2);
	assert_int_equal(archive_weekday("1900-01-01"), 1);
	assert_int_equal(archive_weekday("2024-12-29"), 0);
	assert_int_equal(archive_weekday("2024-12-28"), 6);
	assert_int_equal(archive_weekday("2020-02-30"), -1);
	assert_int_equal(archive_weekday("2019-02-29"), -1);
	assert_int_equal(archive_weekday("2020-1-05"), -1);
	assert_int_equal(archive_weekday("2020-11-5"), -1);
	assert_int_equal(archive_weekday("2020/11/05"), -1);
	assert_int_equal(archive_weekday("2020-11-05x"), -1);
	assert_int_equal(archive_weekday("abcd-ef-gh"), -1);
	assert_int_equal(archive_weekday(""), -1);
	assert_int_equal(archive_weekday(NULL), -1);
	/* every day of 2021 against the C library */
	for (int yday = 0; yday < 365; yday++) {
		struct tm tm = {0};
		char d[11];

		tm.tm_year = 121;
		tm.tm_mon = 0;
		tm.tm_mday = 1 + yday;
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		assert_int_not_equal(mktime(&tm), (time_t)-1);
		strftime(d, sizeof d, "%Y-%m-%d", &tm);
		assert_int_equal(archive_weekday(d), tm.tm_wday);
	}
}

/* ---- scans --------------------------------------------------------------- */

/* Make the directory path below the temporary directory (and those above
 * it); returns its full path (tmp_path's rotating buffer: copy it). */
static const char *mkdirs(const char *path)
{
	const char *p = tmp_path(path);
	char *q = xstrdup(p);

	for (char *s = q + strlen(test_tmpdir()) + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(q, 0755);
			*s = '/';
		}
	mkdir(q, 0755);
	free(q);
	return p;
}

/* Write a small file at path (below the temporary directory), with its
 * modification time at noon local time on date when date is not NULL. */
static void file_at(const char *path, const char *date)
{
	const char *p = tmp_path(path);

	spit(p, "靖江：\n\n标题\n\n正文。\n", strlen("靖江：\n\n标题\n\n正文。\n"));
	if (date) {
		struct tm tm = {0};
		struct timespec ts[2];

		assert_int_equal(sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday), 3);
		tm.tm_year -= 1900;
		tm.tm_mon--;
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		ts[0].tv_sec = ts[1].tv_sec = mktime(&tm);
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	}
}

static size_t count_path(const struct archive *a, const char *suffix)
{
	size_t k = 0, n = strlen(suffix);

	for (size_t i = 0; i < a->n; i++) {
		size_t l = strlen(a->v[i].path);

		k += l >= n && !strcmp(a->v[i].path + l - n, suffix);
	}
	return k;
}

static const struct archive_skip *skipped(const struct archive *a, const char *suffix)
{
	size_t n = strlen(suffix);

	for (size_t i = 0; i < a->nskipped; i++) {
		size_t l = strlen(a->skipped[i].path);

		if (l >= n && !strcmp(a->skipped[i].path + l - n, suffix))
			return &a->skipped[i];
	}
	return NULL;
}

/* The reading order: the date (the name's, else the modification time's),
 * then the page (unknown after known), then the path. */
static void test_order(void **state)
{
	char root[1024];
	const char *paths[1];
	struct archive a = {0};
	struct error err;
	static const struct {
		const char *path;
		const char *date;
		enum date_from from;
		int page;
	} want[] = {
		{"/b/undated.txt", "2020-11-04", DATE_MTIME, 0},
		{"/a/2020-11-05-p01.txt", "2020-11-05", DATE_NAME, 1},
		{"/b/2020-11-05-p01.txt", "2020-11-05", DATE_NAME, 1},
		{"/a/2020-11-05-p02.txt", "2020-11-05", DATE_NAME, 2},
		{"/z/20201105-10-01.txt", "2020-11-05", DATE_NAME, 10},
		{"/b/2020-11-05.txt", "2020-11-05", DATE_NAME, 0},
		{"/c/2020-11-05/notes.txt", "2020-11-05", DATE_NAME, 0},
		{"/c/2020-11-06/p3.txt", "2020-11-06", DATE_NAME, 3},
		{"/b/x-20201106.txt", "2020-11-06", DATE_NAME, 0},
		{"/a/也是2021年1月2日第1版.txt", "2021-01-02", DATE_NAME, 1},
	};

	(void)state;
	snprintf(root, sizeof root, "%s", mkdirs("order"));
	mkdirs("order/a");
	mkdirs("order/b");
	mkdirs("order/c/2020-11-05");
	mkdirs("order/c/2020-11-06");
	mkdirs("order/z");
	file_at("order/a/2020-11-05-p02.txt", "2001-01-01");
	file_at("order/a/2020-11-05-p01.txt", "2030-01-01");   /* the name wins */
	file_at("order/a/也是2021年1月2日第1版.txt", NULL);
	file_at("order/b/undated.txt", "2020-11-04");
	file_at("order/b/2020-11-05.txt", NULL);
	file_at("order/b/2020-11-05-p01.txt", NULL);
	file_at("order/b/x-20201106.txt", "2019-01-01");
	file_at("order/c/2020-11-05/notes.txt", "2022-01-01");  /* the folder's date */
	file_at("order/c/2020-11-06/p3.txt", NULL);
	file_at("order/z/20201105-10-01.txt", NULL);
	paths[0] = root;
	assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
	assert_int_equal(a.n, sizeof want / sizeof *want);
	/* scan order: names by byte value, directories in place */
	assert_true(strstr(a.v[0].path, "/a/2020-11-05-p01.txt") != NULL);
	assert_true(strstr(a.v[a.n - 1].path, "/z/20201105-10-01.txt") != NULL);
	archive_order(&a);
	for (size_t i = 0; i < a.n; i++) {
		const struct archive_entry *e = &a.v[i];
		char *p = xasprintf("%s%s", root, want[i].path);

		assert_string_equal(e->path, p);
		assert_string_equal(e->date, want[i].date);
		assert_int_equal(e->date_from, want[i].from);
		assert_int_equal(e->page, want[i].page);
		assert_true(e->size > 0);
		assert_int_equal(e->read, 0);
		assert_null(e->title);
		assert_int_equal(archive_find(&a, p), i);
		free(p);
	}
	assert_int_equal(archive_find(&a, "order/a/2020-11-05-p01.txt"), (size_t)-1);
	assert_int_equal(archive_find(&a, ""), (size_t)-1);
	assert_int_equal(a.nskipped, 0);

	/* skipping keeps the order and archive_find */
	{
		char *gone = xstrdup(a.v[3].path);
		char *next = xstrdup(a.v[4].path);

		archive_skip(&a, 3, "binary file (not text)");
		assert_int_equal(a.n, sizeof want / sizeof *want - 1);
		assert_int_equal(a.nskipped, 1);
		assert_string_equal(a.skipped[0].path, gone);
		assert_string_equal(a.skipped[0].why, "binary file (not text)");
		assert_string_equal(a.v[3].path, next);
		assert_int_equal(archive_find(&a, gone), (size_t)-1);
		for (size_t i = 0; i < a.n; i++)
			assert_int_equal(archive_find(&a, a.v[i].path), i);
		archive_skip(&a, 0, "x");
		archive_skip(&a, a.n - 1, "y");
		for (size_t i = 0; i < a.n; i++)
			assert_int_equal(archive_find(&a, a.v[i].path), i);
		assert_int_equal(a.nskipped, 3);
		free(gone);
		free(next);
	}
	archive_free(&a);
	assert_int_equal(a.n, 0);
	assert_null(a.v);
}

/* Ties: the same date and page in two places are ordered by path; entries
 * are sorted the same whatever order they were found in. */
static void test_order_ties(void **state)
{
	const char *paths[3];
	struct archive a = {0}, b = {0};
	struct error err;

	(void)state;
	mkdirs("ties/x");
	mkdirs("ties/y");
	file_at("ties/y/2020-11-05-p01.txt", NULL);
	file_at("ties/x/2020-11-05-p01.txt", NULL);
	file_at("ties/x/same.txt", "2020-11-05");
	paths[0] = tmp_path("ties/y");
	paths[1] = tmp_path("ties/x");
	assert_int_equal(archive_scan(&a, paths, 2, &err), 0);
	assert_int_equal(a.n, 3);
	/* scan order follows the order of the paths */
	assert_true(strstr(a.v[0].path, "/y/") != NULL);
	archive_order(&a);
	assert_true(strstr(a.v[0].path, "ties/x/2020-11-05-p01.txt") != NULL);
	assert_true(strstr(a.v[1].path, "ties/y/2020-11-05-p01.txt") != NULL);
	assert_true(strstr(a.v[2].path, "ties/x/same.txt") != NULL);
	assert_int_equal(a.v[2].date_from, DATE_MTIME);
	paths[0] = tmp_path("ties/x");
	paths[1] = tmp_path("ties/y");
	assert_int_equal(archive_scan(&b, paths, 2, &err), 0);
	archive_order(&b);
	for (size_t i = 0; i < a.n; i++)
		assert_string_equal(a.v[i].path, b.v[i].path);
	archive_free(&a);
	archive_free(&b);
}

/* Hidden entries are left out; empty files, FIFOs and dangling links are
 * skipped with the reason; a named hidden file is taken. */
static void test_skipping(void **state)
{
	char root[1024];
	const char *paths[2];
	struct archive a = {0};
	struct error err;
	const struct archive_skip *s;

	(void)state;
	snprintf(root, sizeof root, "%s", mkdirs("skip"));
	mkdirs("skip/.git");
	file_at("skip/.git/2020-01-01.txt", NULL);
	file_at("skip/.hidden-2020-01-02.txt", NULL);
	file_at("skip/2020-01-03.txt", NULL);
	spit(tmp_path("skip/empty.txt"), "", 0);
	assert_int_equal(mkfifo(tmp_path("skip/fifo"), 0644), 0);
	assert_int_equal(symlink("no-such-file", tmp_path("skip/dangling.txt")), 0);
	paths[0] = root;
	assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(count_path(&a, "/skip/2020-01-03.txt"), 1);
	assert_int_equal(a.nskipped, 3);
	s = skipped(&a, "/skip/empty.txt");
	assert_non_null(s);
	assert_string_equal(s->why, "empty file");
	s = skipped(&a, "/skip/fifo");
	assert_non_null(s);
	assert_string_equal(s->why, "not a regular file");
	s = skipped(&a, "/skip/dangling.txt");
	assert_non_null(s);
	assert_string_equal(s->why, strerror(ENOENT));
	archive_free(&a);

	/* named, a hidden file is taken */
	paths[0] = tmp_path("skip/.hidden-2020-01-02.txt");
	assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].date, "2020-01-02");
	archive_free(&a);

	/* unreadable by permissions: only meaningful when not root */
	if (geteuid() != 0) {
		file_at("skip/locked.txt", NULL);
		assert_int_equal(chmod(tmp_path("skip/locked.txt"), 0), 0);
		paths[0] = root;
		assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
		s = skipped(&a, "/skip/locked.txt");
		assert_non_null(s);
		assert_string_equal(s->why, strerror(EACCES));
		archive_free(&a);
		unlink(tmp_path("skip/locked.txt"));
	}
}

/* A link to the directory above (dir/link -> ..) and two links to one
 * directory: the scan ends, and each file is found once. */
static void test_link_loop(void **state)
{
	char root[1024];
	const char *paths[1];
	struct archive a = {0};
	struct error err;

	(void)state;
	snprintf(root, sizeof root, "%s", mkdirs("loop"));
	mkdirs("loop/dir/sub");
	mkdirs("loop/real");
	file_at("loop/top.txt", NULL);
	file_at("loop/dir/a.txt", NULL);
	file_at("loop/dir/sub/b.txt", NULL);
	file_at("loop/real/c.txt", NULL);
	assert_int_equal(symlink("..", tmp_path("loop/dir/link")), 0);
	assert_int_equal(symlink("..", tmp_path("loop/dir/sub/up")), 0);
	assert_int_equal(symlink("../real", tmp_path("loop/dir/alias")), 0);
	assert_int_equal(symlink("../../real", tmp_path("loop/dir/sub/alias2")), 0);
	paths[0] = root;
	assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
	assert_int_equal(a.n, 4);
	assert_int_equal(count_path(&a, "/top.txt"), 1);
	assert_int_equal(count_path(&a, "/a.txt"), 1);
	assert_int_equal(count_path(&a, "/b.txt"), 1);
	assert_int_equal(count_path(&a, "/c.txt"), 1);
	/* the first path that reached real/ was the link dir/alias */
	assert_int_equal(count_path(&a, "/loop/dir/alias/c.txt"), 1);
	for (size_t i = 0; i < a.n; i++)
		assert_null(strstr(a.v[i].path, "link"));
	assert_int_equal(a.nskipped, 0);
	archive_free(&a);
}

/* A named path that does not exist: -1 with its name, the others scanned. */
static void test_missing(void **state)
{
	const char *paths[3];
	struct archive a = {0};
	struct error err;

	(void)state;
	mkdirs("missing");
	file_at("missing/2020-11-05.txt", NULL);
	paths[0] = tmp_path("missing/no-such-dir");
	paths[1] = tmp_path("missing");
	paths[2] = tmp_path("missing/no-such-file.txt");
	memset(&err, 0, sizeof err);
	assert_int_equal(archive_scan(&a, paths, 3, &err), -1);
	assert_string_equal(err.file, tmp_path("missing/no-such-dir"));
	assert_string_equal(err.reason, strerror(ENOENT));
	assert_int_equal(a.n, 1);
	assert_int_equal(count_path(&a, "/missing/2020-11-05.txt"), 1);
	archive_free(&a);
}

/* The same file named twice, named and reached in a directory, reached by
 * a link and a hard link: kept once, at the first path. Later scans into
 * the same archive add only what is new. */
static void test_duplicates(void **state)
{
	const char *paths[5];
	struct archive a = {0};
	struct error err;

	(void)state;
	mkdirs("dup/d");
	file_at("dup/d/2020-11-05.txt", NULL);
	file_at("dup/other.txt", NULL);
	assert_int_equal(symlink("d/2020-11-05.txt", tmp_path("dup/latest.txt")), 0);
	assert_int_equal(link(tmp_path("dup/d/2020-11-05.txt"), tmp_path("dup/hard.txt")), 0);
	paths[0] = tmp_path("dup/d/2020-11-05.txt");
	paths[1] = tmp_path("dup/d/2020-11-05.txt");
	paths[2] = tmp_path("dup/d");
	paths[3] = tmp_path("dup/latest.txt");
	paths[4] = tmp_path("dup");
	assert_int_equal(archive_scan(&a, paths, 5, &err), 0);
	assert_int_equal(a.n, 2);
	assert_string_equal(a.v[0].path, tmp_path("dup/d/2020-11-05.txt"));
	assert_string_equal(a.v[1].path, tmp_path("dup/other.txt"));
	/* a second scan into the same archive */
	file_at("dup/new.txt", NULL);
	paths[0] = tmp_path("dup");
	assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
	assert_int_equal(a.n, 3);
	assert_string_equal(a.v[2].path, tmp_path("dup/new.txt"));
	/* unordered since: archive_find still answers */
	assert_int_equal(archive_find(&a, tmp_path("dup/new.txt")), 2);
	archive_order(&a);
	assert_int_not_equal(archive_find(&a, tmp_path("dup/new.txt")), (size_t)-1);
	archive_free(&a);
}

/* Many entries: the order is total and archive_find finds each. */
static void test_many(void **state)
{
	struct archive a = {0};
	unsigned seed = 7;

	(void)state;
	for (size_t i = 0; i < 3000; i++) {
		struct archive_entry *e;

		XGROW(a.v, a.cap, a.n + 1);
		e = &a.v[a.n++];
		memset(e, 0, sizeof *e);
		seed = seed * 1103515245u + 12345u;
		e->path = xasprintf("p/%05u-%zu.txt", seed >> 16 & 0x7fff, i);
		snprintf(e->date, sizeof e->date, "2020-%02u-%02u", 1 + (seed >> 8) % 12,
			 1 + (seed >> 4) % 28);
		e->date_from = DATE_NAME;
		e->page = (int)(seed % 5);
	}
	archive_order(&a);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(archive_find(&a, a.v[i].path), i);
		if (i == 0)
			continue;
		int c = strcmp(a.v[i - 1].date, a.v[i].date);

		assert_true(c <= 0);
		if (c == 0 && a.v[i - 1].page != a.v[i].page)
			assert_true(a.v[i].page == 0 ||
				    (a.v[i - 1].page && a.v[i - 1].page < a.v[i].page));
	}
	archive_free(&a);
}

/* --lint DIR: the files below in name order, through a link loop, each
 * once; what is no edition reported on stderr and counted; a missing
 * named path or a named file that is no edition makes the status 2. */
static void test_lint_dirs(void **state)
{
	struct run r;
	char root[1024], *err1, *err2;
	const char *seed = "data/tongxinyuan-2020-11-11.txt";
	size_t len;
	char *text = slurp(seed, &len);

	(void)state;
	snprintf(root, sizeof root, "%s", mkdirs("lint/b"));
	root[strlen(root) - 2] = 0;
	spit(tmp_path("lint/b/2020-11-11.txt"), text, len);
	spit(tmp_path("lint/a.txt"), text, len);
	spit(tmp_path("lint/empty.txt"), "", 0);
	spit(tmp_path("lint/binary.txt"), "\0\1\2\0abc", 7);
	assert_int_equal(symlink("..", tmp_path("lint/b/loop")), 0);
	assert_int_equal(symlink("nowhere", tmp_path("lint/dangling.txt")), 0);
	free(text);

	run_reader(&r, (const char *[]){"--lint", "--level=error", root, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "in 2 files; 3 files skipped"));
	err1 = xasprintf("%s/empty.txt: empty file", root);
	err2 = xasprintf("%s/dangling.txt: %s", root, strerror(ENOENT));
	assert_non_null(strstr(r.err, err1));
	assert_non_null(strstr(r.err, err2));
	assert_non_null(strstr(r.err, "/binary.txt: binary file"));
	assert_null(strstr(r.err, "loop"));
	free(err1);
	free(err2);
	run_free(&r);

	/* the findings come file by file in name order */
	run_reader(&r, (const char *[]){"--lint", "--level=warning", root, NULL}, NULL);
	assert_int_equal(r.status, 1);
	{
		char *a = xasprintf("%s/a.txt:", root), *b = xasprintf("%s/b/2020-11-11.txt:", root);
		char *pa = strstr(r.out, a), *pb = strstr(r.out, b);

		assert_non_null(pa);
		assert_non_null(pb);
		assert_true(pa < pb);
		assert_null(strstr(r.out, "/loop/"));
		free(a);
		free(b);
	}
	run_free(&r);

	/* named: a missing path, and a file that is no edition */
	run_reader(&r, (const char *[]){"--lint", "--level=error", root,
					tmp_path("lint/no-such"), NULL}, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "/lint/no-such: "));
	assert_non_null(strstr(r.out, "in 2 files; 3 files skipped"));
	run_free(&r);
	run_reader(&r, (const char *[]){"--lint", "--level=error", tmp_path("lint/empty.txt"), NULL},
		   NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_reader(&r, (const char *[]){"--lint", "--level=error", tmp_path("lint/binary.txt"), NULL},
		   NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	/* a pipe is read as it is (- is /dev/stdin) */
	{
		char *cmd = xasprintf("cat '%s' | '%s' --lint --level=error - 2>&1", seed,
				      getenv("READER_BIN") ? getenv("READER_BIN") : "./reader");
		FILE *p = popen(cmd, "r");
		char out[4096];
		size_t got;

		assert_non_null(p);
		got = fread(out, 1, sizeof out - 1, p);
		out[got] = 0;
		assert_int_equal(pclose(p), 0);
		assert_non_null(strstr(out, "in 1 files"));
		assert_null(strstr(out, "skipped"));
		free(cmd);
	}
	/* named twice: linted once */
	run_reader(&r, (const char *[]){"--lint", "--level=error", tmp_path("lint/a.txt"),
					tmp_path("lint/a.txt"), NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "in 1 files"));
	run_free(&r);
}

/* The synthetic archive of the benchmarks (tests/bench/genarchive.c, as
 * $GENARCHIVE_BIN): every edition found once, the three non-editions
 * skipped or kept for reading, the undated ones dated by their
 * modification time within the years written, and the same archive
 * for the same seed. */
static void generate(const char *dir, const char *n, const char *seed)
{
	const char *bin = getenv("GENARCHIVE_BIN");
	char *cmd = xasprintf("'%s' '%s' %s %s >/dev/null", bin, dir, n, seed);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_generated(void **state)
{
	char one[1024], two[1024], three[1024];
	const char *paths[1];
	struct archive a = {0}, b = {0}, c = {0};
	struct error err;
	size_t inbox = 0, named = 0, same = 1;

	(void)state;
	if (!getenv("GENARCHIVE_BIN")) {
		print_message("GENARCHIVE_BIN not set (make check sets it): skipped\n");
		skip();
	}
	snprintf(one, sizeof one, "%s", tmp_path("gen1"));
	snprintf(two, sizeof two, "%s", tmp_path("gen2"));
	snprintf(three, sizeof three, "%s", tmp_path("gen3"));
	generate(one, "200", "7");
	generate(two, "200", "7");
	generate(three, "200", "8");
	paths[0] = one;
	assert_int_equal(archive_scan(&a, paths, 1, &err), 0);
	/* 200 editions and two binary files (found only when read) */
	assert_int_equal(a.n, 202);
	assert_int_equal(a.nskipped, 1);
	assert_non_null(strstr(a.skipped[0].path, "/misc/empty.txt"));
	archive_order(&a);
	for (size_t i = 0; i < a.n; i++) {
		const struct archive_entry *e = &a.v[i];

		if (strstr(e->path, "/inbox/")) {
			inbox++;
			assert_int_equal(e->date_from, DATE_MTIME);
			assert_true(strcmp(e->date, "2015-01-01") >= 0);
			assert_true(strcmp(e->date, "2024-12-31") <= 0);
		}
		if (e->date_from == DATE_NAME) {
			named++;
			assert_true(e->page > 0);
		}
		if (i)
			assert_true(strcmp(a.v[i - 1].date, e->date) <= 0);
		assert_int_equal(archive_find(&a, e->path), i);
	}
	assert_true(inbox > 0);
	assert_true(named > 100);
	/* the same seed, the same archive; another seed, another */
	paths[0] = two;
	assert_int_equal(archive_scan(&b, paths, 1, &err), 0);
	archive_order(&b);
	paths[0] = three;
	assert_int_equal(archive_scan(&c, paths, 1, &err), 0);
	archive_order(&c);
	assert_int_equal(b.n, a.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].path + strlen(one), b.v[i].path + strlen(two));
		assert_int_equal(a.v[i].size, b.v[i].size);
		assert_int_equal(a.v[i].mtime_s, b.v[i].mtime_s);
		if (i < c.n && (strcmp(a.v[i].path + strlen(one), c.v[i].path + strlen(three)) ||
				a.v[i].size != c.v[i].size))
			same = 0;
	}
	assert_false(same);
	archive_free(&a);
	archive_free(&b);
	archive_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_dates),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_rebase),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_order_ties),
		cmocka_unit_test(test_skipping),
		cmocka_unit_test(test_link_loop),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_lint_dirs),
		cmocka_unit_test(test_generated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
