/*
 * test_bookmarks: the bookmark and position files and the durable store
 * under them: round trips, hand-edited files, failures that must change
 * nothing, concurrent writers and writers killed at random moments.
 *
 * Children are forked from inside the tests; they never call cmocka and
 * end with _exit so that neither the test runner nor the temporary
 * directory's clean-up runs twice.
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bookmarks.h"
#include "positions.h"
#include "store.h"
#include "util.h"

#define ID_A "0123456789abcdef"
#define ID_B "fedcba9876543210"
#define EDITION "/srv/papers/tongxinyuan-2020-11-11.txt"

/* tmp_path() rotates over eight buffers: keep a path for the whole run
 * (reachable from here, so the leak checker does not mind). */
static const char *keep(const char *name)
{
	static char *kept[256];
	static size_t n;

	assert_true(n < 256);
	return kept[n++] = xstrdup(tmp_path(name));
}

static struct bookmark mk(const char *id, size_t article, size_t offset, const char *created,
			  const char *note)
{
	struct bookmark b = {
		.edition_id = (char *)id,
		.edition_path = (char *)EDITION,
		.edition_date = (char *)"2020-11-11",
		.article = article,
		.headline = (char *)"幸福“脱口秀” 同心“话桑麻”",
		.locality = (char *)"南京永宁街道",
		.offset = offset,
		.created = (char *)created,
		.note = (char *)note,
	};

	return b;
}

static size_t ngood(const struct bm_store *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].kind == BM_GOOD;
	return n;
}

/* The good entry whose note is note, or NULL. */
static const struct bookmark *by_note(const struct bm_store *s, const char *note)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind == BM_GOOD && !strcmp(s->v[i].b.note, note))
			return &s->v[i].b;
	return NULL;
}

/* The temporaries of "bookmarks" in dir. */
static int ntemps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += strncmp(de->d_name, ".bookmarks.", 11) == 0;
	closedir(d);
	return n;
}

static char *err_text(const struct error *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	error_print(e, f);
	fclose(f);
	return buf;  /* from open_memstream: freed with free() */
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Every field survives a write and a fresh load, escapes included, and the
 * file looks as documented. */
static void test_round_trip(void **state)
{
	const char *path = keep("rt/bookmarks");
	const char *head = "头条\t带制表符\n和换行\\反斜杠\r回车 幸福“脱口秀”";
	const char *note = "第一行\n第二行\t\\t 不是制表符 \\ 结尾\\";
	struct bookmark b = mk("0123456789ABCDEF", 4, 312, "2026-11-27T12:58:41Z", note);
	struct bm_store s, t;
	struct error err;
	char *text, *tsv = NULL, *line3;
	size_t len, tsvlen = 0;
	struct stat st;
	FILE *f;

	(void)state;
	b.headline = (char *)head;
	b.locality = (char *)"南京\t永宁";
	assert_int_equal(bm_load(&s, path, &err), 0);
	assert_int_equal(bm_add(&s, &b, &err), 0);
	assert_int_equal(ngood(&s), 1);

	assert_int_equal(bm_load(&t, path, &err), 0);
	assert_int_equal(t.file.warnings.n, 0);
	assert_int_equal(ngood(&t), 1);
	assert_int_equal(t.v[2].kind, BM_GOOD);
	assert_string_equal(t.v[2].b.edition_id, ID_A);  /* normalised to lower case */
	assert_string_equal(t.v[2].b.edition_path, EDITION);
	assert_string_equal(t.v[2].b.edition_date, "2020-11-11");
	assert_int_equal(t.v[2].b.article, 4);
	assert_string_equal(t.v[2].b.headline, head);
	assert_string_equal(t.v[2].b.locality, "南京\t永宁");
	assert_int_equal(t.v[2].b.offset, 312);
	assert_string_equal(t.v[2].b.created, "2026-11-27T12:58:41Z");
	assert_string_equal(t.v[2].b.note, note);

	text = slurp(path, &len);
	assert_true(starts(text, "# reader bookmarks 1\n# edition_id\tedition_path\t"));
	line3 = strchr(strchr(text, '\n') + 1, '\n') + 1;
	assert_string_equal(line3,
		"0123456789abcdef\t" EDITION "\t2020-11-11\t4\t"
		"头条\\t带制表符\\n和换行\\\\反斜杠\\r回车 幸福“脱口秀”\t南京\\t永宁\t312\t"
		"2026-11-27T12:58:41Z\t第一行\\n第二行\\t\\\\t 不是制表符 \\\\ 结尾\\\\\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	f = open_memstream(&tsv, &tsvlen);
	bm_print_tsv(f, &t);
	fclose(f);
	assert_true(starts(tsv, "edition_id\tedition_path\tedition_date\tarticle\theadline\t"
			    "locality\toffset\tcreated\tnote\n"));
	assert_string_equal(strchr(tsv, '\n') + 1, line3);

	/* Without a created time, bm_add stamps the present in UTC. */
	b.created = NULL;
	b.note = (char *)"now";
	assert_int_equal(bm_add(&s, &b, &err), 0);
	{
		struct tm tm = {0};
		const char *c;

		assert_non_null(by_note(&s, "now"));
		c = by_note(&s, "now")->created;
		assert_int_equal(strlen(c), 20);
		assert_int_equal(sscanf(c, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
					&tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec), 6);
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		assert_true(labs((long)(timegm(&tm) - time(NULL))) <= 5);
	}
	free(tsv);
	free(text);
	bm_free(&s);
	bm_free(&t);
}

static void test_missing_file(void **state)
{
	struct bm_store s;
	struct error err;

	(void)state;
	assert_int_equal(bm_load(&s, keep("nowhere/at/all/bookmarks"), &err), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.file.warnings.n, 0);
	assert_string_equal(s.file.path, keep("nowhere/at/all/bookmarks"));
	bm_free(&s);

	/* A directory where the file should be is unreadable: an error. */
	assert_int_equal(store_mkdirs(keep("isdir/bookmarks"), &err), 0);
	assert_int_equal(bm_load(&s, keep("isdir/bookmarks"), &err), -1);
	assert_string_equal(err.file, keep("isdir/bookmarks"));
	assert_string_equal(err.reason, "is a directory");
	assert_int_equal(s.n, 0);
	assert_non_null(s.file.path);
	bm_free(&s);
}

/* Two stores loaded from the same file: each change is made to what is on
 * disk, so neither loses the other's additions nor brings back what the
 * other removed. */
static void test_merge(void **state)
{
	const char *path = keep("merge/bookmarks");
	struct bookmark a = mk(ID_A, 1, 10, "2026-11-27T10:00:00Z", "A");
	struct bookmark b = mk(ID_B, 2, 20, "2026-11-27T10:00:01Z", "B");
	struct bookmark c = mk(ID_A, 3, 30, "2026-11-27T10:00:02Z", "C");
	struct bm_store s1, s2, t;
	struct error err;

	(void)state;
	assert_int_equal(bm_load(&s1, path, &err), 0);
	assert_int_equal(bm_load(&s2, path, &err), 0);
	assert_int_equal(bm_add(&s1, &a, &err), 0);
	assert_int_equal(bm_add(&s2, &b, &err), 0);  /* s2 had not seen A */
	assert_int_equal(ngood(&s2), 2);
	assert_non_null(by_note(&s2, "A"));
	assert_int_equal(ngood(&s1), 1);              /* s1 is stale now */

	/* s1 removes A while still not knowing B: B stays. */
	assert_int_equal(bm_remove(&s1, &a, &err), 1);
	assert_int_equal(ngood(&s1), 1);
	assert_non_null(by_note(&s1, "B"));

	/* s2 still holds A; adding C must not write A back. */
	assert_int_equal(bm_add(&s2, &c, &err), 0);
	assert_null(by_note(&s2, "A"));
	assert_int_equal(bm_load(&t, path, &err), 0);
	assert_int_equal(ngood(&t), 2);
	assert_non_null(by_note(&t, "B"));
	assert_non_null(by_note(&t, "C"));
	assert_null(by_note(&t, "A"));
	bm_free(&t);

	/* Removing what another process removed already is not an error. */
	assert_int_equal(bm_remove(&s1, &a, &err), 0);
	assert_int_equal(ngood(&s1), 2);

	/* A note set through one store shows in the other after its next
	 * change, and the key must match exactly. */
	assert_int_equal(bm_set_note(&s1, &b, "B, annotated\tonce", &err), 1);
	assert_int_equal(bm_set_note(&s1, &a, "nothing", &err), 0);
	b.offset = 21;
	assert_int_equal(bm_set_note(&s1, &b, "wrong offset", &err), 0);
	assert_int_equal(bm_remove(&s2, &c, &err), 1);
	assert_int_equal(ngood(&s2), 1);
	assert_non_null(by_note(&s2, "B, annotated\tonce"));
	bm_free(&s1);
	bm_free(&s2);
}

/* Hand-edited lines that do not parse are reported with their line and
 * reason, and kept verbatim in place when the file is rewritten. */
static void test_bad_lines(void **state)
{
	const char *path = keep("bad/bookmarks");
	const char *lines[] = {
		"# reader bookmarks 1",
		"# my own comment",
		ID_A "\t" EDITION "\t2020-11-11\t1\t头条一\t宜兴\t0\t2026-11-01T08:00:00Z\tgood one",
		ID_A "\t" EDITION "\t2020-11-11\t2\tonly five fields",
		"",
		"0123\t" EDITION "\t\t2\t头条\t\t0\t2026-11-01T08:00:00Z\tshort id",
		ID_B "\t" EDITION "\t\tsecond\t头条\t\t0\t2026-11-01T08:00:00Z\tarticle word",
		ID_B "\t" EDITION "\t\t3\t头条\t\t12\tyesterday\tcreated word",
		ID_B "\t" EDITION "\t\t4\t头条\t\t-5\t2026-11-01T08:00:00Z\tnegative offset",
		ID_B "\t/srv/x.txt\t\t5\t头条二\t\t7\t2026-11-02T09:30:00Z\tgood two\r",
	};
	const char *want[][2] = {
		{"4", "expected 9 tab-separated fields, found 5"},
		{"6", "edition id \"0123\" is not 16 hexadecimal digits"},
		{"7", "article \"second\" is not a number"},
		{"8", "created \"yesterday\" is not an ISO 8601 UTC time"},
		{"9", "offset \"-5\" is not a number"},
	};
	struct bookmark n = mk(ID_B, 6, 0, "2026-11-27T12:00:00Z", "new");
	struct bm_store s;
	struct error err;
	struct sbuf file = {0};
	char *text;
	size_t len;

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		sbuf_addf(&file, "%s\n", lines[i]);
	assert_int_equal(store_mkdirs(keep("bad"), &err), 0);
	spit(path, file.s, file.len);

	for (int round = 0; round < 3; round++) {
		assert_int_equal(round == 0 ? bm_load(&s, path, &err) :
				 round == 1 ? bm_add(&s, &n, &err) :
				 bm_remove(&s, &n, &err), round == 2 ? 1 : 0);
		assert_int_equal(ngood(&s), round == 1 ? 3 : 2);
		assert_non_null(by_note(&s, "good one"));
		assert_non_null(by_note(&s, "good two"));
		assert_int_equal(s.file.warnings.n, 5);
		for (size_t i = 0; i < 5; i++) {
			const struct finding *w = &s.file.warnings.v[i];
			char *prefix = xasprintf("%s:%s: ", path, want[i][0]);
			char *got = xasprintf("%s:%zu: %s", w->file, w->line, w->message);

			assert_int_equal(w->kind, FK_RECORD_LINE);
			if (strncmp(got, prefix, strlen(prefix)) != 0 || !strstr(got, want[i][1]))
				fail_msg("warning %zu: got \"%s\", want \"%s%s\"", i, got, prefix,
					 want[i][1]);
			free(got);
			free(prefix);
		}
		/* The file: everything as it was, plus the new line at the end
		 * while it exists. */
		text = slurp(path, &len);
		if (round == 1) {
			assert_true(len > file.len);
			assert_memory_equal(text, file.s, file.len);
			assert_non_null(strstr(text + file.len, "\tnew\n"));
		} else {
			assert_int_equal(len, file.len);
			assert_memory_equal(text, file.s, len);
		}
		free(text);
	}
	assert_int_equal(s.v[3].kind, BM_BAD);
	assert_string_equal(s.v[3].raw, lines[3]);
	assert_int_equal(s.v[1].kind, BM_COMMENT);
	assert_int_equal(s.v[9].kind, BM_GOOD);  /* the CRLF line */
	bm_free(&s);
	sbuf_free(&file);
}

static void test_sorted(void **state)
{
	const char *path = keep("sorted/bookmarks");
	const char *created[] = {"2026-11-27T10:00:00Z", "2026-11-28T09:00:00Z",
				 "2026-11-27T10:00:00Z", "2025-01-01T00:00:00Z"};
	const char *order[] = {"1", "2", "0", "3"};
	struct bm_store s;
	struct error err;
	size_t idx[16];
	char note[8];

	(void)state;
	assert_int_equal(bm_load(&s, path, &err), 0);
	for (int i = 0; i < 4; i++) {
		struct bookmark b = mk(ID_A, 1, (size_t)i, created[i], note);

		snprintf(note, sizeof note, "%d", i);
		assert_int_equal(bm_add(&s, &b, &err), 0);
	}
	assert_true(s.n <= 16);
	assert_int_equal(bm_sorted(&s, idx), 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(s.v[idx[i]].b.note, order[i]);
	bm_free(&s);
}

/* Failures that happen for root too: each leaves the store and the file as
 * they were and names the file. */
static void test_unwritable(void **state)
{
	const char *blocker = keep("plainfile");
	char *path = xasprintf("%s/sub/bookmarks", blocker);
	const char *good = keep("unw/bookmarks");
	char *lock = xasprintf("%s.lock", good), *before, *after, *msg;
	struct bookmark b = mk(ID_A, 1, 0, "2026-11-27T10:00:00Z", "first");
	struct bookmark c = mk(ID_A, 2, 0, "2026-11-27T10:00:01Z", "second");
	struct bm_store s;
	struct error err;
	size_t blen, alen;
	pid_t pid;
	int st;

	(void)state;
	/* The directory's place is taken by a regular file. */
	spit(blocker, "x", 1);
	assert_int_equal(bm_load(&s, path, &err), -1);
	assert_int_equal(bm_add(&s, &b, &err), -1);
	assert_string_equal(err.file, path);
	msg = err_text(&err);
	if (!strstr(msg, path) || !strstr(msg, "not a directory"))
		fail_msg("message: %s", msg);
	free(msg);
	assert_int_equal(s.n, 0);
	before = slurp(blocker, &blen);
	assert_int_equal(blen, 1);
	free(before);
	bm_free(&s);

	/* The lock file cannot be opened: a directory is in its place. */
	assert_int_equal(bm_load(&s, good, &err), 0);
	assert_int_equal(bm_add(&s, &b, &err), 0);
	before = slurp(good, &blen);
	assert_int_equal(mkdir(lock, 0700) == 0 || (unlink(lock) == 0 && mkdir(lock, 0700) == 0), 1);
	assert_int_equal(bm_add(&s, &c, &err), -1);
	assert_string_equal(err.file, good);
	msg = err_text(&err);
	if (!strstr(msg, lock))
		fail_msg("message does not name the lock: %s", msg);
	free(msg);
	assert_int_equal(ngood(&s), 1);
	after = slurp(good, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	free(after);
	assert_int_equal(rmdir(lock), 0);

	/* The disk fills up halfway through the write (a file size limit,
	 * which binds root too): no temporary is left, nothing changes. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {blen + 16, blen + 16};
		struct bookmark big = c;
		char *note = xmalloc(8193);

		memset(note, 'n', 8192);
		note[8192] = '\0';
		big.note = note;
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(2);
		if (bm_add(&s, &big, &err) != -1)
			_exit(3);
		if (strcmp(err.file, good) || !strstr(err.reason, strerror(EFBIG)))
			_exit(4);
		_exit(ngood(&s) == 1 ? 0 : 5);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	after = slurp(good, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	free(after);
	assert_int_equal(ntemps(keep("unw")), 0);

	/* And a bookmark that would not load back is refused up front. */
	c.edition_path = (char *)"relative/path.txt";
	assert_int_equal(bm_add(&s, &c, &err), -1);
	assert_non_null(strstr(err.reason, "not absolute"));
	c = mk("nothex!", 1, 0, NULL, "");
	assert_int_equal(bm_add(&s, &c, &err), -1);
	c = mk(ID_A, 0, 0, NULL, "");
	assert_int_equal(bm_add(&s, &c, &err), -1);
	c = mk(ID_A, 1, 0, "27/11/2026", "");
	assert_int_equal(bm_add(&s, &c, &err), -1);
	after = slurp(good, &alen);
	assert_int_equal(alen, blen);
	free(after);

	free(before);
	free(lock);
	free(path);
	bm_free(&s);
}

/* A file from a later version of the program is neither parsed as garbage
 * nor rewritten. */
static void test_newer_version(void **state)
{
	const char *path = keep("v2/bookmarks");
	const char *text = "# reader bookmarks 2\nsomething new\tentirely\n";
	struct bookmark b = mk(ID_A, 1, 0, NULL, "");
	struct bm_store s;
	struct error err;
	char *after;
	size_t alen;
	size_t a, o;

	(void)state;
	assert_int_equal(store_mkdirs(keep("v2"), &err), 0);
	spit(path, text, strlen(text));
	assert_int_equal(bm_load(&s, path, &err), -1);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.reason, "version 2"));
	assert_int_equal(bm_add(&s, &b, &err), -1);
	after = slurp(path, &alen);
	assert_string_equal(after, text);
	free(after);
	bm_free(&s);

	spit(keep("v2/positions"), "# reader positions 9\n", 21);
	assert_int_equal(pos_set(keep("v2/positions"), ID_A, EDITION, 1, 0, &err), -1);
	assert_int_equal(pos_get(keep("v2/positions"), ID_A, &a, &o), 0);
}

/* Two processes adding at the same moment: nothing is lost. */
static void test_two_processes(void **state)
{
	enum { KIDS = 2, EACH = 200 };
	const char *path = keep("two/bookmarks");
	pid_t pid[KIDS];
	char seen[KIDS][EACH] = {{0}};
	struct bm_store s;
	struct error err;
	double t0 = now_s();

	(void)state;
	for (int k = 0; k < KIDS; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			struct bm_store c;
			char note[32];

			/* A guard against a hang, not a time limit: 200 locked
			 * rewrites take a few seconds, but over 30 with the
			 * sanitizers' slow unwinding on a busy machine. */
			alarm(getenv("READER_SANITIZED") ? 180 : 30);
			bm_load(&c, path, &err);
			for (int i = 0; i < EACH; i++) {
				struct bookmark b = mk(k ? ID_B : ID_A, 1 + (size_t)i, (size_t)i, NULL, note);

				snprintf(note, sizeof note, "%d-%d", k, i);
				if (bm_add(&c, &b, &err) < 0) {
					error_print(&err, stderr);
					_exit(1);
				}
			}
			_exit(0);
		}
	}
	for (int k = 0; k < KIDS; k++) {
		int st;

		assert_int_equal(waitpid(pid[k], &st, 0), pid[k]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	assert_int_equal(bm_load(&s, path, &err), 0);
	assert_int_equal(s.file.warnings.n, 0);
	assert_int_equal(ngood(&s), KIDS * EACH);
	for (size_t i = 0; i < s.n; i++) {
		int k, j;

		if (s.v[i].kind != BM_GOOD)
			continue;
		assert_int_equal(sscanf(s.v[i].b.note, "%d-%d", &k, &j), 2);
		assert_true(k >= 0 && k < KIDS && j >= 0 && j < EACH);
		assert_int_equal(seen[k][j], 0);
		seen[k][j] = 1;
	}
	assert_int_equal(ntemps(keep("two")), 0);
	print_message("two processes x %d bookmarks: %.2f s\n", EACH, now_s() - t0);
	bm_free(&s);
}

/* A change waits for the lock another process holds, then goes through. */
static void test_lock_wait(void **state)
{
	const char *path = keep("wait/bookmarks");
	struct bookmark b = mk(ID_A, 1, 0, NULL, "waited");
	struct bm_store s;
	struct error err;
	int p[2], st;
	char c;
	pid_t pid;
	double t0;

	(void)state;
	assert_int_equal(store_mkdirs(keep("wait"), &err), 0);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct timespec hold = {0, 300 * 1000000L};

		if (store_lock(path, &err) < 0 || write(p[1], "L", 1) != 1)
			_exit(1);
		nanosleep(&hold, NULL);
		_exit(0);  /* the lock goes with the process */
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	t0 = now_s();
	assert_int_equal(bm_load(&s, path, &err), 0);
	assert_int_equal(bm_add(&s, &b, &err), 0);
	assert_true(now_s() - t0 >= 0.2);
	assert_non_null(by_note(&s, "waited"));
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	bm_free(&s);
}

/* The note of the k-th bookmark the killed writers add: long enough that
 * the file grows by a few hundred bytes a save, and checkable. */
static char *kill_note(size_t k)
{
	struct sbuf b = {0};

	sbuf_addf(&b, "%zu ", k);
	for (size_t i = 0; i < 20 + k % 40; i++)
		sbuf_add(&b, "字", strlen("字"));
	sbuf_addf(&b, "\t%zu", k);
	return sbuf_take(&b);
}

/* Save continuously, each save one bookmark more, until killed. */
static _Noreturn void saver(const char *path)
{
	struct bm_store s;
	struct error err;
	size_t k;

	alarm(20);  /* in case the parent dies without killing us */
	if (bm_load(&s, path, &err) < 0)
		_exit(1);
	for (k = ngood(&s);; k++) {
		char *note = kill_note(k);
		struct bookmark b = mk(ID_A, 1 + k % 8, k, NULL, note);

		if (bm_add(&s, &b, &err) < 0) {
			error_print(&err, stderr);
			_exit(1);
		}
		free(note);
	}
}

/* kill -9 at random moments: every time, the file is a complete version at
 * least as new as the one before, and at most one temporary is left. */
static void test_kill_loop(void **state)
{
	const char *path = keep("kill/bookmarks");
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	size_t prev = 0, kills = 0;
	double t0 = now_s();
	struct bm_store s;
	struct error err;
	struct bookmark last = mk(ID_B, 1, 0, NULL, "after the kills");

	(void)state;
	assert_int_equal(store_mkdirs(keep("kill"), &err), 0);
	for (int iter = 0; iter < 50 && now_s() - t0 < 8; iter++) {
		struct timespec delay = {0, (long)(rand_r(&seed) % 25000) * 1000};
		pid_t pid = fork();
		int st;
		size_t k = 0;

		assert_true(pid >= 0);
		if (pid == 0)
			saver(path);
		nanosleep(&delay, NULL);
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
			fail_msg("the saver ended by itself (status %d, seed %u)", st, seed);
		kills++;

		if (bm_load(&s, path, &err) < 0) {
			error_print(&err, stderr);
			fail_msg("seed %u", seed);
		}
		if (s.file.warnings.n)
			fail_msg("after kill %zu: %s (seed %u)", kills, s.file.warnings.v[0].message, seed);
		for (size_t i = 0; i < s.n; i++) {
			char *want;

			if (s.v[i].kind != BM_GOOD)
				continue;
			want = kill_note(k);
			if (strcmp(s.v[i].b.note, want) || s.v[i].b.offset != k)
				fail_msg("after kill %zu: bookmark %zu is \"%s\" (seed %u)", kills, k,
					 s.v[i].b.note, seed);
			free(want);
			k++;
		}
		if (k < prev)
			fail_msg("after kill %zu: %zu bookmarks, %zu before (seed %u)", kills, k,
				 prev, seed);
		prev = k;
		if (ntemps(keep("kill")) > 1)
			fail_msg("after kill %zu: %d temporaries", kills, ntemps(keep("kill")));
		bm_free(&s);
	}
	print_message("%zu kills, %zu saves survived, %.2f s\n", kills, prev, now_s() - t0);
	assert_true(kills >= 10);
	assert_true(prev > 0);

	/* The next save does not mind a leftover temporary, and clears it. */
	assert_int_equal(bm_load(&s, path, &err), 0);
	assert_int_equal(bm_add(&s, &last, &err), 0);
	assert_int_equal(ngood(&s), prev + 1);
	assert_int_equal(s.file.warnings.n, 0);
	assert_int_equal(ntemps(keep("kill")), 0);
	bm_free(&s);
}

/* The lines of a file, counted. */
static size_t nlines(const char *path)
{
	char *t = slurp(path, NULL);
	size_t n = 0;

	for (char *p = t; *p; p++)
		n += *p == '\n';
	free(t);
	return n;
}

static ino_t inode(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

static void test_positions(void **state)
{
	const char *path = keep("state/reader/positions");
	size_t a = 0, o = 0;
	struct error err;
	char *text, *third;
	ino_t ino;

	(void)state;
	assert_int_equal(pos_get(path, ID_A, &a, &o), 0);
	assert_int_equal(pos_set(path, ID_A, EDITION, 3, 100, &err), 0);
	assert_int_equal(pos_get(path, ID_A, &a, &o), 1);
	assert_int_equal(a, 3);
	assert_int_equal(o, 100);
	assert_int_equal(pos_get(path, ID_B, &a, &o), 0);

	assert_int_equal(pos_set(path, ID_B, "/srv/with\ttab.txt", 1, 0, &err), 0);
	assert_int_equal(pos_get(path, ID_B, &a, &o), 1);
	assert_int_equal(a, 1);
	assert_int_equal(o, 0);
	assert_int_equal(pos_get(path, ID_A, &a, &o), 1);
	assert_int_equal(a, 3);
	assert_int_equal(nlines(path), 4);

	/* An update replaces the edition's line where it is. */
	assert_int_equal(pos_set(path, "0123456789ABCDEF", EDITION, 5, 7, &err), 0);
	assert_int_equal(pos_get(path, ID_A, &a, &o), 1);
	assert_int_equal(a, 5);
	assert_int_equal(o, 7);
	assert_int_equal(nlines(path), 4);
	text = slurp(path, NULL);
	assert_true(starts(text, "# reader positions 1\n# edition_id\tedition_path\tarticle\t"
			    "offset\tupdated\n"));
	third = strchr(strchr(text, '\n') + 1, '\n') + 1;
	assert_true(starts(third, ID_A "\t" EDITION "\t5\t7\t"));
	assert_non_null(strstr(third, "\n" ID_B "\t/srv/with\\ttab.txt\t1\t0\t"));
	free(text);

	/* Nothing new: the file is not even rewritten. */
	ino = inode(path);
	assert_int_equal(pos_set(path, ID_A, EDITION, 5, 7, &err), 0);
	assert_int_equal(inode(path), ino);

	/* Hand edits: a duplicate line goes, a garbage line stays. */
	{
		FILE *f = fopen(path, "a");

		assert_non_null(f);
		fputs("garbage line\n" ID_A "\t" EDITION "\t9\t9\t2026-01-01T00:00:00Z\n", f);
		fclose(f);
	}
	assert_int_equal(pos_set(path, ID_A, EDITION, 6, 8, &err), 0);
	assert_int_equal(pos_get(path, ID_A, &a, &o), 1);
	assert_int_equal(a, 6);
	assert_int_equal(o, 8);
	assert_int_equal(nlines(path), 5);
	text = slurp(path, NULL);
	assert_non_null(strstr(text, "\ngarbage line\n"));
	free(text);

	/* Bad arguments and an unwritable place. */
	assert_int_equal(pos_set(path, "xyz", EDITION, 1, 0, &err), -1);
	assert_int_equal(pos_set(path, ID_A, "rel.txt", 1, 0, &err), -1);
	assert_int_equal(pos_set(path, ID_A, EDITION, 0, 0, &err), -1);
	spit(keep("posfile"), "", 0);
	{
		char *bad = xasprintf("%s/positions", keep("posfile"));

		assert_int_equal(pos_set(bad, ID_A, EDITION, 1, 0, &err), -1);
		assert_string_equal(err.file, bad);
		assert_int_equal(pos_get(bad, ID_A, &a, &o), 0);
		free(bad);
	}
}

/* Restore an environment variable saved as a copy (NULL: unset). */
static void restore_env(const char *name, char *saved)
{
	if (saved)
		setenv(name, saved, 1);
	else
		unsetenv(name);
	free(saved);
}

static char *save_env(const char *name)
{
	const char *v = getenv(name);

	return v ? xstrdup(v) : NULL;
}

static void expect_path(const char *var, const char *fallback, const char *want)
{
	char *got = store_path(var, fallback, "bookmarks");

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_store_path(void **state)
{
	char *home = save_env("HOME"), *data = save_env("XDG_DATA_HOME");
	char *st = save_env("XDG_STATE_HOME");
	struct passwd *pw = getpwuid(getuid());
	char *want;

	(void)state;
	setenv("HOME", "/home/reader", 1);
	setenv("XDG_DATA_HOME", "/x/data", 1);
	expect_path("XDG_DATA_HOME", ".local/share", "/x/data/reader/bookmarks");
	setenv("XDG_DATA_HOME", "/x/data//", 1);
	expect_path("XDG_DATA_HOME", ".local/share", "/x/data/reader/bookmarks");
	setenv("XDG_DATA_HOME", "", 1);
	expect_path("XDG_DATA_HOME", ".local/share", "/home/reader/.local/share/reader/bookmarks");
	setenv("XDG_DATA_HOME", "relative/data", 1);
	expect_path("XDG_DATA_HOME", ".local/share", "/home/reader/.local/share/reader/bookmarks");
	unsetenv("XDG_DATA_HOME");
	expect_path("XDG_DATA_HOME", ".local/share", "/home/reader/.local/share/reader/bookmarks");

	setenv("XDG_STATE_HOME", "/x/state", 1);
	expect_path("XDG_STATE_HOME", ".local/state", "/x/state/reader/bookmarks");
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/reader/", 1);
	expect_path("XDG_STATE_HOME", ".local/state", "/home/reader/.local/state/reader/bookmarks");

	/* No HOME: the password database. */
	unsetenv("HOME");
	if (pw && pw->pw_dir[0]) {
		want = xasprintf("%s/.local/state/reader/bookmarks",
				 strcmp(pw->pw_dir, "/") ? pw->pw_dir : "");
		expect_path("XDG_STATE_HOME", ".local/state", want);
		free(want);
	}
	restore_env("HOME", home);
	restore_env("XDG_DATA_HOME", data);
	restore_env("XDG_STATE_HOME", st);
}

/* store_write keeps a file's mode and a symbolic link; store_lock clears
 * only the temporaries of its own file; store_mkdirs makes 0700 parents. */
static void test_store(void **state)
{
	const char *dir = keep("store/a/b");
	const char *file = keep("store/a/b/bookmarks");
	const char *real = keep("store/real-bookmarks");
	const char *link = keep("store/a/b/linked");
	struct error err;
	struct stat st;
	char *text;
	int fd;

	(void)state;
	assert_int_equal(store_mkdirs(dir, &err), 0);
	assert_int_equal(store_mkdirs(dir, &err), 0);
	assert_int_equal(stat(keep("store/a"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	assert_int_equal(store_write(file, "one\n", 4, &err), 0);
	assert_int_equal(chmod(file, 0640), 0);
	assert_int_equal(store_write(file, "two\n", 4, &err), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	text = slurp(file, NULL);
	assert_string_equal(text, "two\n");
	free(text);

	assert_int_equal(symlink("../../real-bookmarks", link), 0);
	assert_int_equal(store_write(link, "via link\n", 9, &err), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = slurp(real, NULL);
	assert_string_equal(text, "via link\n");
	free(text);

	/* Leftovers of killed writers go; look-alikes stay. */
	spit(keep("store/a/b/.bookmarks.Ab3xYz"), "old", 3);
	spit(keep("store/a/b/.bookmarks.short"), "mine", 4);
	spit(keep("store/a/b/.bookmarks-extra.Ab3xYz"), "mine", 4);
	fd = store_lock(file, &err);
	assert_true(fd >= 0);
	assert_false(exists(keep("store/a/b/.bookmarks.Ab3xYz")));
	assert_true(exists(keep("store/a/b/.bookmarks.short")));
	assert_true(exists(keep("store/a/b/.bookmarks-extra.Ab3xYz")));
	assert_true(exists(keep("store/a/b/bookmarks.lock")));
	store_unlock(fd);

	/* A failing write names the file and leaves no temporary. */
	assert_int_equal(store_write(keep("store/none/bookmarks"), "x", 1, &err), -1);
	assert_string_equal(err.file, keep("store/none/bookmarks"));
	assert_int_equal(store_mkdirs(keep("store/a/b/bookmarks/sub"), &err), -1);
	assert_string_equal(err.file, file);
	assert_string_equal(err.reason, "not a directory");
}

/* Control characters from an edition (an escape sequence in a headline)
 * are written \xHH (C1: \uHHHH) in the file and in --bookmarks, and read
 * back whole. */
static void test_controls_escaped(void **state)
{
	const char *path = keep("ctl/bookmarks");
	const char *head = "标题\x1b]2;pwned\x07和\x7f及\xc2\x9b止";
	struct bookmark b = mk("0123456789abcdef", 1, 0, "2026-11-27T12:58:41Z", "注\x1b[2J");
	struct bm_store s, t;
	struct error err;
	char *text, *tsv = NULL;
	size_t len, tsvlen = 0;
	FILE *f;

	(void)state;
	b.headline = (char *)head;
	assert_int_equal(bm_load(&s, path, &err), 0);
	assert_int_equal(bm_add(&s, &b, &err), 0);
	text = slurp(path, &len);
	for (size_t i = 0; i < len; i++)
		assert_false((unsigned char)text[i] < 0x20 && text[i] != '\t' && text[i] != '\n');
	assert_non_null(strstr(text, "标题\\x1b]2;pwned\\x07和\\x7f及\\u009b止"));
	assert_int_equal(bm_load(&t, path, &err), 0);
	assert_int_equal(t.file.warnings.n, 0);
	assert_int_equal(ngood(&t), 1);
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].kind == BM_GOOD) {
			assert_string_equal(t.v[i].b.headline, head);
			assert_string_equal(t.v[i].b.note, "注\x1b[2J");
		}
	f = open_memstream(&tsv, &tsvlen);
	bm_print_tsv(f, &t);
	fclose(f);
	assert_null(memchr(tsv, 0x1b, tsvlen));
	assert_null(memchr(tsv, 0x07, tsvlen));
	free(tsv);
	free(text);
	bm_free(&s);
	bm_free(&t);
}

/* Files written before the one escape dialect, with a C1 control as the
 * \xHH of its two UTF-8 bytes, load the same; lines may end in LF, CRLF or
 * CR, and a rewrite keeps each line's own end. */
static void test_old_escapes(void **state)
{
	const char *path = keep("old/bookmarks");
	static const char text[] =
		"# reader bookmarks 1\r"
		ID_A "\t" EDITION "\t\t1\t旧\\xc2\\x85式\\x1b\t\t0\t2026-11-01T08:00:00Z\tcr\r"
		ID_B "\t" EDITION "\t\t2\t新\\u0085式\t\t0\t2026-11-01T08:00:01Z\tcrlf\r\n"
		"not a bookmark\n";
	struct bookmark c = mk(ID_A, 3, 0, "2026-11-02T08:00:00Z", "added");
	struct bm_store s;
	struct error err;
	char *back;
	size_t len;

	(void)state;
	assert_int_equal(store_mkdirs(keep("old"), &err), 0);
	spit(path, text, sizeof text - 1);
	assert_int_equal(bm_load(&s, path, &err), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(ngood(&s), 2);
	assert_string_equal(by_note(&s, "cr")->headline, "旧\xc2\x85式\x1b");
	assert_string_equal(by_note(&s, "crlf")->headline, "新\xc2\x85式");
	assert_int_equal(s.file.warnings.n, 1);
	assert_int_equal(s.file.warnings.v[0].line, 4);
	assert_int_equal(bm_add(&s, &c, &err), 0);
	back = slurp(path, &len);
	assert_true(len > sizeof text - 1);
	assert_memory_equal(back, text, sizeof text - 1);
	free(back);
	bm_free(&s);
}

/* A bookmark file that is a link to some other file (a copy of
 * /etc/shadow, say) is never rewritten: no header, no write. A link to a
 * real bookmark file is followed, and the file keeps its mode, owner and
 * group. */
static void test_foreign_and_linked(void **state)
{
	const char *victim = keep("foreign/shadow-copy"), *link = keep("foreign/data/bookmarks");
	const char *real = keep("foreign/dotfiles-bookmarks"), *link2 = keep("foreign/data2/bookmarks");
	const char *text = "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";
	struct bookmark b = mk(ID_A, 1, 0, NULL, "n");
	struct bm_store s;
	struct error err;
	struct stat st;
	char *now;

	(void)state;
	assert_int_equal(store_mkdirs(keep("foreign/data"), &err), 0);
	assert_int_equal(store_mkdirs(keep("foreign/data2"), &err), 0);
	spit(victim, text, strlen(text));
	assert_int_equal(chmod(victim, 0640), 0);
	assert_int_equal(symlink(victim, link), 0);
	assert_int_equal(bm_load(&s, link, &err), 0);
	assert_int_equal(bm_add(&s, &b, &err), -1);
	assert_non_null(strstr(err.reason, "not a reader bookmarks file"));
	now = slurp(victim, NULL);
	assert_string_equal(now, text);
	free(now);
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	bm_free(&s);

	/* A real bookmark file behind a link, in another group. */
	spit(real, "# reader bookmarks 1\n", 21);
	assert_int_equal(chmod(real, 0604), 0);
	if (geteuid() == 0)
		assert_int_equal(chown(real, 0, 65534), 0);
	assert_int_equal(symlink(real, link2), 0);
	assert_int_equal(bm_load(&s, link2, &err), 0);
	assert_int_equal(bm_add(&s, &b, &err), 0);
	assert_int_equal(lstat(link2, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(real, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0604);
	if (geteuid() == 0)
		assert_int_equal(st.st_gid, 65534);
	assert_int_equal(ngood(&s), 1);
	bm_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_controls_escaped),
		cmocka_unit_test(test_old_escapes),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_sorted),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_newer_version),
		cmocka_unit_test(test_lock_wait),
		cmocka_unit_test(test_foreign_and_linked),
		cmocka_unit_test(test_two_processes),
		cmocka_unit_test(test_kill_loop),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_store_path),
		cmocka_unit_test(test_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
