/*
 * test_cli: the real binary, end to end: golden outline and JSON of the
 * seed, several files, every kind of bad input, hostile bytes, and a
 * single-line paragraph of 8 MB.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Compare output with a golden file; UPDATE_GOLDEN=1 rewrites it. */
static void golden(const char *name, const char *got, size_t n)
{
	char path[256];
	size_t len;
	char *want;

	snprintf(path, sizeof path, "tests/golden/%s", name);
	if (getenv("UPDATE_GOLDEN"))
		spit(path, got, n);
	want = slurp(path, &len);
	if (len != n || memcmp(want, got, n) != 0) {
		spit(tmp_path(name), got, n);
		fail_msg("output differs from %s; see diff -u %s %s", path, path, tmp_path(name));
	}
	free(want);
}

static void test_golden_outline(void **state)
{
	struct run r;

	(void)state;
	run_reader(&r, (const char *[]){"--outline", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	golden("seed.outline.tsv", r.out, r.outlen);
	run_free(&r);
}

static void test_golden_json(void **state)
{
	struct run r;
	json_error_t jerr;
	json_t *root, *arts;

	(void)state;
	run_reader(&r, (const char *[]){"--json", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	golden("seed.json", r.out, r.outlen);
	root = json_loadb(r.out, r.outlen, 0, &jerr);
	if (!root)
		fail_msg("invalid JSON: %s at line %d", jerr.text, jerr.line);
	arts = json_object_get(root, "articles");
	assert_int_equal(json_array_size(arts), 8);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(json_array_get(arts, 3), "place"), "name")), "江苏省南京市浦口区永宁街道");
	json_decref(root);
	run_free(&r);
}

/* No FILE: the bundled edition. */
static void test_bundled(void **state)
{
	struct run r, s;

	(void)state;
	run_reader(&r, (const char *[]){"--outline", NULL}, NULL);
	run_reader(&s, (const char *[]){"--outline", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	/* Same rows but for the path column. */
	assert_int_equal(strlen(strchr(r.out, '\n')) > 100, 1);
	assert_non_null(strstr(r.out, "tongxinyuan-2020-11-11.txt\t8\t"));
	run_free(&r);
	run_free(&s);
}

/* Two files: one header, both editions; JSON: an array of two objects. */
static void test_several(void **state)
{
	struct run r;
	json_t *root;
	size_t len, olen, rows = 0;
	char *data = slurp(seed_path(), &len);
	char *gb = convert("GB18030", "UTF-8", data, len, &olen);
	const char *gbp = tmp_path("gb.txt");

	(void)state;
	spit(gbp, gb, olen);
	run_reader(&r, (const char *[]){"--outline", seed_path(), gbp, NULL}, NULL);
	assert_int_equal(r.status, 0);
	for (char *p = r.out; (p = strchr(p, '\n')); p++)
		rows++;
	assert_int_equal(rows, 17);
	assert_ptr_equal(strstr(r.out, "edition\t"), r.out);
	assert_null(strstr(r.out + 1, "edition\t"));
	run_free(&r);
	run_reader(&r, (const char *[]){"--json", seed_path(), gbp, NULL}, NULL);
	assert_int_equal(r.status, 0);
	root = json_loadb(r.out, r.outlen, 0, NULL);
	assert_non_null(root);
	assert_int_equal(json_array_size(root), 2);
	/* In archive order: the same date, so by path (either may come
	 * first wherever the temporary directory is). */
	assert_true(strcmp(json_string_value(json_object_get(json_object_get(
		json_array_get(root, 1), "edition"), "encoding")), "GB18030") == 0 ||
		    strcmp(json_string_value(json_object_get(json_object_get(
		json_array_get(root, 0), "edition"), "encoding")), "GB18030") == 0);
	/* The id is the same after re-encoding and moving the file. */
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(json_array_get(root, 0), "edition"), "id")),
		json_string_value(json_object_get(json_object_get(json_array_get(root, 1), "edition"), "id")));
	json_decref(root);
	run_free(&r);
	free(gb);
	free(data);
}

/* One line "reader: PATH: reason" on stderr, status 1, nothing on stdout
 * but json from --json (an archive without editions: still a document). */
static void expect_bad_json(const char *path, const char *reason, const char *json)
{
	const char *modes[] = {"--outline", "--json"};

	for (int m = 0; m < 2; m++) {
		struct run r;
		char *want = xasprintf("reader: %s: %s\n", path, reason);

		run_reader(&r, (const char *[]){modes[m], path, NULL}, NULL);
		assert_int_equal(r.status, 1);
		assert_int_equal(r.outlen, m ? strlen(json) : 0);
		if (m)
			assert_memory_equal(r.out, json, strlen(json));
		if (strcmp(r.err, want) != 0)
			fail_msg("stderr \"%s\", want \"%s\"", r.err, want);
		free(want);
		run_free(&r);
	}
}

static void expect_bad(const char *path, const char *reason)
{
	expect_bad_json(path, reason, "");
}

static void test_bad_inputs(void **state)
{
	const char *empty = tmp_path("empty.txt"), *blank = tmp_path("blank.txt");
	const char *elf = tmp_path("a.out"), *dir = tmp_path("dir");
	unsigned char bin[4096];

	(void)state;
	spit(empty, "", 0);
	spit(blank, " \n\n\t\u3000\u3000\r\n   \n", strlen(" \n\n\t\u3000\u3000\r\n   \n"));
	memcpy(bin, "\x7f" "ELF\x02\x01\x01", 7);
	for (size_t i = 7; i < sizeof bin; i++)
		bin[i] = (unsigned char)(i * 7919 >> 3);
	spit(elf, bin, sizeof bin);
	mkdir(dir, 0755);
	expect_bad(tmp_path("no-such-file.txt"), "No such file or directory");
	/* An empty directory is an archive without a single edition. */
	expect_bad_json(dir, "no editions found", "[]\n");
	expect_bad(empty, "empty file");
	expect_bad(blank, "contains only blank lines");
	expect_bad(elf, "binary file (not text)");
	expect_bad("/bin/true", "binary file (not text)");
	expect_bad("/proc/self/mem", "Input/output error");
	if (geteuid() != 0) {
		const char *secret = tmp_path("secret.txt");

		spit(secret, "保密\n", 7);
		chmod(secret, 0);
		expect_bad(secret, "Permission denied");
	}
}

/* A good file and a bad one: the good one is printed, the status is 1. */
static void test_partial(void **state)
{
	struct run r;

	(void)state;
	run_reader(&r, (const char *[]){"--outline", tmp_path("missing"), seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "missing: No such file or directory"));
	assert_non_null(strstr(r.out, "\t8\t泰州市海陵区罡杨镇\t"));
	run_free(&r);
}

static void test_usage(void **state)
{
	struct run r;

	(void)state;
	run_reader(&r, (const char *[]){"--frobnicate", NULL}, NULL);
	assert_int_equal(r.status, 2);
	assert_int_equal(r.outlen, 0);
	assert_non_null(strstr(r.err, "--frobnicate"));
	run_free(&r);
	/* An option is echoed back, but never an escape sequence in it. */
	run_reader(&r, (const char *[]){"--\x1b[31m", NULL}, NULL);
	assert_int_equal(r.status, 2);
	assert_null(memchr(r.err, 0x1b, r.errlen));
	assert_non_null(strstr(r.err, "--\\x1b[31m"));
	run_free(&r);
	run_reader(&r, (const char *[]){"-Z", NULL}, NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_reader(&r, (const char *[]){"--help", NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: reader"));
	assert_non_null(strstr(r.out, "--outline"));
	run_free(&r);
	run_reader(&r, (const char *[]){"--version", NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_ptr_equal(strstr(r.out, "reader "), r.out);
	run_free(&r);
}

/* No raw control byte of the edition reaches standard output. */
static void assert_no_controls(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ||
		    (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9F))
			fail_msg("raw control byte 0x%02x at offset %zu", c, i);
	}
}

/* NUL bytes, escape sequences, DEL, a C1 control, invalid bytes and a
 * U+2028: the JSON stays valid and carries the text exactly. */
static void test_hostile_bytes(void **state)
{
	static const char text[] =
		"本报讯:\n\n标题\x1b]2;pwned\x07含转义\n\n"
		"正文\0有空字符\x1b[2J和\x7f删除\xc2\x9b以及\xff坏字节\xe2\x80\xa8分隔\"引号\\。\n"
		"\n反转\xe2\x80\xae控制。\n";
	const char *path = tmp_path("hostile.txt");
	struct run r;
	json_t *root, *para;
	static const char want_para[] =
		"正文\0有空字符\x1b[2J和\x7f删除\xc2\x9b以及\xef\xbf\xbd坏字节"
		"\xe2\x80\xa8分隔\"引号\\。";
	size_t want_len = sizeof want_para - 1;

	(void)state;
	spit(path, text, sizeof text - 1);
	run_reader(&r, (const char *[]){"--json", path, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_no_controls(r.out, r.outlen);
	assert_null(strstr(r.out, "\xe2\x80\xa8"));
	assert_null(strstr(r.out, "\xe2\x80\xae"));  /* RIGHT-TO-LEFT OVERRIDE */
	assert_non_null(strstr(r.out, "反转\\u202e控制"));
	root = json_loadb(r.out, r.outlen, JSON_ALLOW_NUL, NULL);
	assert_non_null(root);
	para = json_object_get(json_array_get(json_object_get(json_array_get(
		json_object_get(root, "articles"), 0), "paragraphs"), 0), "text");
	assert_int_equal(json_string_length(para), want_len);
	assert_memory_equal(json_string_value(para), want_para, want_len);
	assert_int_equal(json_array_size(json_object_get(root, "repairs")), 7);
	json_decref(root);
	run_free(&r);
	run_reader(&r, (const char *[]){"--outline", path, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_no_controls(r.out, r.outlen);
	assert_non_null(strstr(r.out, "标题\\x1b]2;pwned\\x07含转义"));
	run_free(&r);
}

/* Output is safe for a terminal: valid UTF-8, no C0 control but TAB and
 * LF, no DEL, no C1 control. */
static void assert_safe(const char *what, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ||
		    (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9F))
			fail_msg("%s: raw control 0x%02x at offset %zu", what, c, i);
	}
	if (u8_check((const uint8_t *)s, n))
		fail_msg("%s: invalid UTF-8 at offset %zu", what,
			 (size_t)((const char *)u8_check((const uint8_t *)s, n) - s));
}

/* Every C0 control, DEL, every byte that cannot start UTF-8 alone (0x9B,
 * an 8-bit CSI, among them) and every C1 control written as UTF-8, put
 * into each piece of outside text the reader may print: a path in an
 * error, a key of reader.ini, a bookmark's note on --bookmarks, a bad line
 * of the bookmark file in its warning, and a kicker in --outline. None
 * reaches standard output or standard error raw. */
static void test_every_byte_every_output(void **state)
{
	const char *ini = tmp_path("bytes.ini"), *bm = tmp_path("bytes-bookmarks");
	const char *ed = tmp_path("bytes.txt");
	char all[1024], buf[4096], cfg[1200];
	size_t n = 0;
	struct run r;

	(void)state;
	for (unsigned b = 1; b < 0x100 + 0x20; b++) {
		if (b == '\t' || b == '\n' || (b >= 0x20 && b < 0x7F))
			continue;
		all[n++] = 'x';
		if (b >= 0x100)
			all[n++] = '\xc2';
		all[n++] = (char)(b < 0x100 ? b : 0x80 + b - 0x100);
	}
	all[n] = '\0';
	snprintf(buf, sizeof buf, "%s/no%sfile.txt", test_tmpdir(), all);
	run_reader(&r, (const char *[]){"--outline", buf, NULL}, NULL);
	assert_int_equal(r.status, 1);
	assert_safe("a path in an error", r.err, r.errlen);
	run_free(&r);

	snprintf(buf, sizeof buf, "[display]\nwid%sth = 3\n", all);
	spit(ini, buf, strlen(buf));
	run_reader(&r, (const char *[]){"--config", ini, "--outline", NULL}, NULL);
	assert_int_equal(r.status, 2);
	assert_safe("a key of reader.ini", r.err, r.errlen);
	run_free(&r);

	snprintf(buf, sizeof buf,
		 "# reader bookmarks 1\n0123456789abcdef\t/srv/e.txt\t2020-11-11\t1\t标题\t\t0\t"
		 "2026-11-27T12:58:41Z\tnote%send\nbad%sline\n", all, all);
	spit(bm, buf, strlen(buf));
	snprintf(cfg, sizeof cfg, "[files]\nbookmarks = %s\n", bm);
	spit(ini, cfg, strlen(cfg));
	run_reader(&r, (const char *[]){"--config", ini, "--bookmarks", NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "note"));
	assert_safe("--bookmarks", r.out, r.outlen);
	assert_safe("a warning about a bookmark line", r.err, r.errlen);
	assert_non_null(strstr(r.err, ":3:"));
	run_free(&r);

	/* Enough text around the controls that the file is not taken for a
	 * binary one. */
	n = (size_t)snprintf(buf, sizeof buf, "靖%s江:\n\n标题\n\n", all);
	while (n + 40 < sizeof buf)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "正文正文正文正文正文正文。\n");
	spit(ed, buf, n);
	run_reader(&r, (const char *[]){"--outline", ed, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_safe("--outline", r.out, r.outlen);
	run_free(&r);
}

/* --lint on the bundled edition: the golden report (the five joins at
 * their seams, the byline split off line 64, 交流交流, 阳羨, 寡寡, the
 * ASCII commas counted per paragraph), its exit status, --level and the
 * JSON form. */
static void test_golden_lint(void **state)
{
	struct run r;
	json_t *root, *sum;

	(void)state;
	run_reader(&r, (const char *[]){"--lint", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 1);
	golden("seed.lint.txt", r.out, r.outlen);
	run_free(&r);
	run_reader(&r, (const char *[]){"--lint", "--level=error", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "0 findings"));
	run_free(&r);
	run_reader(&r, (const char *[]){"--lint", "--level=loud", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_reader(&r, (const char *[]){"--lint", "--json", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 1);
	root = json_loadb(r.out, r.outlen, 0, NULL);
	assert_non_null(root);
	sum = json_object_get(root, "summary");
	assert_int_equal(json_integer_value(json_object_get(sum, "files")), 1);
	assert_int_equal(json_integer_value(json_object_get(sum, "warnings")), 4);
	json_decref(root);
	run_free(&r);
}

/* A single line of 8 MB: loads in bounded time and memory. */
static void test_huge_line(void **state)
{
	const char *path = tmp_path("huge.txt");
	const char *unit = "很长的段落没有换行,";
	size_t ul = strlen(unit), target = 8u << 20;
	struct sbuf b = {0};
	struct run r;

	(void)state;
	sbuf_add(&b, "巨型段落\n\n", strlen("巨型段落\n\n"));
	while (b.len < target)
		sbuf_add(&b, unit, ul);
	sbuf_add(&b, "完。\n", strlen("完。\n"));
	spit(path, b.s, b.len);
	run_reader(&r, (const char *[]){"--outline", path, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\t巨型段落\t\t1\t1\t\n"));
	/* Generous bounds: a regression to quadratic time or to several
	 * copies of the text fails them; ordinary load does not come near. */
	assert_true(r.seconds < 20.0);
	if (!getenv("READER_SANITIZED"))
		assert_true(r.maxrss_kb < 8 * 8 * 1024);
	run_free(&r);
	sbuf_free(&b);
}

/* The dump of the seed at 80 and at 36 columns. */
static void test_golden_dump(void **state)
{
	struct run r;

	(void)state;
	run_reader(&r, (const char *[]){"--dump", "--width", "80", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	golden("seed.dump80.txt", r.out, r.outlen);
	run_free(&r);
	run_reader(&r, (const char *[]){"-d", "-w36", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	golden("seed.dump36.txt", r.out, r.outlen);
	run_free(&r);
}

/* Not a terminal and no mode: the dump, at $COLUMNS when set. */
static void test_dump_default(void **state)
{
	struct run r, d;

	(void)state;
	run_reader(&r, (const char *[]){seed_path(), NULL}, (const char *[]){"COLUMNS=36", NULL});
	run_reader(&d, (const char *[]){"--dump", "--width=36", seed_path(), NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.outlen, d.outlen);
	assert_memory_equal(r.out, d.out, r.outlen);
	run_free(&r);
	run_free(&d);
	/* --width wins over COLUMNS. */
	run_reader(&r, (const char *[]){"--width=36", seed_path(), NULL},
		   (const char *[]){"COLUMNS=100", NULL});
	assert_int_equal(r.outlen, d.outlen);
	run_free(&r);
}

/* In a locale that is not UTF-8 the reader switches to C.UTF-8: the dump
 * is the same, wide characters measured as wide. */
static void test_c_locale(void **state)
{
	struct run r, d;

	(void)state;
	run_reader(&r, (const char *[]){"--dump", "-w", "40", seed_path(), NULL},
		   (const char *[]){"LC_ALL=C", "LANG=C", NULL});
	run_reader(&d, (const char *[]){"--dump", "-w", "40", seed_path(), NULL},
		   (const char *[]){"LC_ALL=C.UTF-8", NULL});
	assert_int_equal(r.status, 0);
	assert_int_equal(r.outlen, d.outlen);
	assert_memory_equal(r.out, d.out, r.outlen);
	run_free(&r);
	run_free(&d);
}

/* Widths below 2, or not numbers, are usage errors. */
static void test_dump_bad_width(void **state)
{
	static const char *const bad[] = {"1", "0", "-3", "abc", "12x", "", NULL};

	(void)state;
	for (int i = 0; bad[i]; i++) {
		struct run r;
		char *opt = xasprintf("--width=%s", bad[i]);
		char *env = xasprintf("COLUMNS=%s", bad[i]);

		run_reader(&r, (const char *[]){"--dump", opt, seed_path(), NULL}, NULL);
		assert_int_equal(r.status, 2);
		assert_int_equal(r.outlen, 0);
		assert_non_null(strstr(r.err, "width"));
		run_free(&r);
		if (bad[i][0]) {
			run_reader(&r, (const char *[]){"--dump", seed_path(), NULL},
				   (const char *[]){env, NULL});
			assert_int_equal(r.status, 2);
			assert_non_null(strstr(r.err, "COLUMNS"));
			run_free(&r);
		}
		free(opt);
		free(env);
	}
}

/* Escape sequences in the text reach the dump as visible marks only. */
static void test_dump_marks(void **state)
{
	static const char text[] = "标题\n\n正文\x1b]2;pwned\x07和\x1b[2J以及\x7f。\n";
	const char *path = tmp_path("marks.txt");
	struct run r;

	(void)state;
	spit(path, text, sizeof text - 1);
	run_reader(&r, (const char *[]){"--dump", path, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_no_controls(r.out, r.outlen);
	assert_non_null(strstr(r.out, "正文\u241b]2;pwned\u2407和\u241b[2J以及\u2421。"));
	run_free(&r);
	/* Format characters that would change the text unseen are marks too:
	 * nothing of the file vanishes from the dump. */
	spit(path, "标题\n\n反转\u202e控制\u202c和软\u00ad连字符。\n",
	     strlen("标题\n\n反转\u202e控制\u202c和软\u00ad连字符。\n"));
	run_reader(&r, (const char *[]){"--dump", path, NULL}, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "\u202e"));
	assert_non_null(strstr(r.out, "反转\u25c7控制\u25c7和软\u25c7连字符。"));
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_outline),
		cmocka_unit_test(test_golden_json),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_golden_lint),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_every_byte_every_output),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_golden_dump),
		cmocka_unit_test(test_dump_default),
		cmocka_unit_test(test_dump_bad_width),
		cmocka_unit_test(test_dump_marks),
		cmocka_unit_test(test_c_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
