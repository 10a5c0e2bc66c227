/*
 * test_base: the base layer's one escaper, one kind of located message and
 * one whole-file reader (escape.h, finding.h, file.h), and the NUL-aware
 * text comparison (text.h).
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

/* jansson, the oracle, also declares json_string and json_null: give the
 * reader's declarations other names in this file (none is called here). */
#define json_string reader_json_string
#define json_null reader_json_null
#include "error.h"
#include "escape.h"
#include "file.h"
#include "finding.h"
#include "json.h"
#include "text.h"
#include "util.h"
#undef json_string
#undef json_null
#include <jansson.h>

/* ---- escape ------------------------------------------------------------- */

/* What escape_put must never let through, whatever it was given: a raw
 * byte below 0x20 (but TAB without ESCAPE_FIELD), DEL, a C1 control, a
 * bidirectional control or line separator, or invalid UTF-8. */
static void assert_safe(const char *out, size_t n, unsigned flags)
{
	if (u8_check((const uint8_t *)out, n))
		fail_msg("invalid UTF-8 in \"%.*s\"", (int)n, out);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = text_next(out + i, n - i, &cp);

		if ((cp < 0x20 && (cp != '\t' || (flags & ESCAPE_FIELD))) || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
			fail_msg("U+%04X raw at %zu of \"%.*s\"", (unsigned)cp, i, (int)n, out);
		i += l;
	}
}

static char *escaped(const char *s, size_t n, unsigned flags, size_t *len)
{
	struct sbuf b = {0};

	escape_put(&b, s, n, flags);
	*len = b.len;
	return sbuf_take(&b);
}

static void check_both(const char *s, size_t n)
{
	for (unsigned flags = 0; flags <= ESCAPE_FIELD; flags++) {
		size_t len;
		char *out = escaped(s, n, flags, &len);

		assert_safe(out, len, flags);
		assert_int_equal(escape_needed(s, n, flags), len != n || memcmp(out, s, n) != 0);
		free(out);
	}
}

static void test_escape_every_control(void **state)
{
	static const char *const odd[] = {
		"\x9b", "\xc2", "\xe4\xb8", "\xc0\x80", "\xed\xa0\x80", "\xf5\x80\x80\x80",
		"\xff", "\xf0\x9f\x98", "\xe2\x80\xae", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\xe2\x81\xa6", "a\x1b[31mb", "\xc2\x9b" "2J",
	};
	char buf[8];

	(void)state;
	for (unsigned c = 0; c < 0x80; c++) {
		buf[0] = 'x';
		buf[1] = (char)c;
		buf[2] = 'y';
		check_both(buf, 3);
	}
	for (uint32_t cp = 0x80; cp <= 0x9F; cp++)
		check_both(buf, text_put(cp, buf));
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		check_both(odd[i], strlen(odd[i]));
}

/* The dialect, exactly as escape.h documents it. */
static void test_escape_dialect(void **state)
{
	static const struct {
		const char *in;
		unsigned flags;
		const char *out;
	} cases[] = {
		{"a\tb\\c", 0, "a\tb\\c"},
		{"a\tb\\c", ESCAPE_FIELD, "a\\tb\\\\c"},
		{"\n\r", 0, "\\n\\r"},
		{"\x1b\x7f", 0, "\\x1b\\x7f"},
		{"\x9b", 0, "\\x9b"},
		{"\xc2\x85", 0, "\\u0085"},
		{"\xe2\x80\xae", 0, "\\u202e"},
		{"\xe2\x80\xa8", ESCAPE_FIELD, "\\u2028"},
		{"幸福“脱口秀”", ESCAPE_FIELD, "幸福“脱口秀”"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len;
		char *out = escaped(cases[i].in, strlen(cases[i].in), cases[i].flags, &len);

		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

/* escape_undo gives back what escape_put(..., ESCAPE_FIELD) was given, for
 * any string without a NUL; and the old \xc2\x85 form of a C1 control. */
static void test_escape_round_trip(void **state)
{
	unsigned seed = 20261127;
	char in[64], old[] = "a\\xc2\\x85b\\x1b\\q\\x00\\u0000\\ud800";

	(void)state;
	srand(seed);
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)rand() % sizeof in, len;
		char *out;

		for (size_t i = 0; i < n; i++) {
			/* Mostly the interesting bytes: controls, C1 lead, backslash. */
			static const char pick[] = "\\\t\n\r\x1b\x7f\xc2\x85\x9b\xe2\x80\xae x";
			int r = rand();

			in[i] = r & 1 ? pick[(size_t)(r >> 1) % (sizeof pick - 1)]
				      : (char)(1 + (r >> 1) % 255);
		}
		out = escaped(in, n, ESCAPE_FIELD, &len);
		assert_safe(out, len, ESCAPE_FIELD);
		len = escape_undo(out, len);
		if (len != n || memcmp(out, in, n) != 0)
			fail_msg("round %d (seed %u) does not round-trip", round, seed);
		free(out);
	}
	assert_int_equal(escape_undo(old, strlen(old)),
			 strlen("a\xc2\x85" "b\x1b\\q\\x00\\u0000\\ud800"));
	assert_string_equal(old, "a\xc2\x85" "b\x1b\\q\\x00\\u0000\\ud800");
}

/* ---- finding ------------------------------------------------------------ */

/* What finding_print writes, into buf. */
static const char *printed(const struct finding *fi, char *buf, size_t size)
{
	FILE *f = fmemopen(buf, size, "w");

	assert_non_null(f);
	finding_print(fi, f);
	fclose(f);
	return buf;
}

static void test_findings(void **state)
{
	struct findings fs = {0};
	const char *file = "dir/a\nb\x1b[2Jc.txt";
	const char *order[] = {"first at 2:1", "second at 2:1", "at 3:0", "at 3:4", "at 9:1"};
	char p[256];

	(void)state;
	findings_add(&fs, FK_JOIN, file, 9, 1, "at %d:%d", 9, 1);
	findings_add(&fs, FK_CONFIG, file, 2, 1, "first at 2:1");
	findings_add(&fs, FK_CONFIG, file, 3, 4, "at 3:4");
	findings_add(&fs, FK_CONFIG, file, 2, 1, "second at 2:1");
	findings_add(&fs, FK_RECORD_LINE, file, 3, 0, "%s", "at 3:0");
	findings_sort(&fs);
	assert_int_equal(fs.n, 5);
	for (size_t i = 0; i < fs.n; i++)
		assert_string_equal(fs.v[i].message, order[i]);

	assert_string_equal(printed(&fs.v[0], p, sizeof p),
			    "reader: dir/a\\nb\\x1b[2Jc.txt:2:1: first at 2:1\n");
	assert_string_equal(printed(&fs.v[2], p, sizeof p),
			    "reader: dir/a\\nb\\x1b[2Jc.txt:3: at 3:0\n");
	fs.v[0].file = NULL;
	free(fs.v[0].message);
	fs.v[0].message = xstrdup("no place \x9b" "here\n");
	assert_string_equal(printed(&fs.v[0], p, sizeof p), "reader: no place \\x9bhere\\n\n");
	findings_free(&fs);
	assert_int_equal(fs.n, 0);
}

static void test_finding_json(void **state)
{
	struct findings fs = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json j;
	json_error_t e;
	json_t *root, *o;

	(void)state;
	findings_add(&fs, FK_RECORD_LINE, "x\n", 4, 0, "bad \"line\"\x1b\x01\xff");
	findings_add(&fs, FK_JOIN, NULL, 0, 0, "joined");
	json_init(&j, f);
	json_array_begin(&j);
	for (size_t i = 0; i < fs.n; i++)
		finding_json(&fs.v[i], &j);
	json_array_end(&j);
	fclose(f);
	root = json_loads(buf, 0, &e);
	if (!root)
		fail_msg("JSON does not parse: %s: %s", e.text, buf);
	assert_int_equal(json_array_size(root), 2);
	o = json_array_get(root, 0);
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "record-line");
	assert_string_equal(json_string_value(json_object_get(o, "level")), "warning");
	assert_int_equal(json_integer_value(json_object_get(o, "line")), 4);
	assert_int_equal(json_integer_value(json_object_get(o, "column")), 0);
	assert_non_null(strstr(json_string_value(json_object_get(o, "message")), "bad \"line\""));
	o = json_array_get(root, 1);
	assert_string_equal(json_string_value(json_object_get(o, "level")), "note");
	json_decref(root);
	free(buf);
	findings_free(&fs);
}

/* ---- file --------------------------------------------------------------- */

static void test_file_missing_and_dir(void **state)
{
	struct file_buf fb;
	struct error err;

	(void)state;
	assert_int_equal(file_read(tmp_path("none"), 0, 0, NULL, &fb, &err), -1);
	assert_string_equal(err.reason, strerror(ENOENT));
	assert_int_equal(file_read(tmp_path("none"), 0, FILE_MISSING_OK, NULL, &fb, &err), 1);
	assert_int_equal(fb.len, 0);
	assert_string_equal(fb.data, "");
	file_free(&fb);
	assert_int_equal(file_read(test_tmpdir(), 0, FILE_MISSING_OK, NULL, &fb, &err), -1);
	assert_string_equal(err.reason, "is a directory");
	assert_string_equal(err.file, test_tmpdir());
	file_free(&fb);
}

static void test_file_empty_and_map(void **state)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char *page = xmalloc(pg);
	struct file_buf fb;
	struct error err;

	(void)state;
	spit(tmp_path("empty"), "", 0);
	for (unsigned flags = 0; flags <= FILE_MAP; flags += FILE_MAP) {
		assert_int_equal(file_read(tmp_path("empty"), 10, flags, NULL, &fb, &err), 0);
		assert_int_equal(fb.len, 0);
		assert_int_equal(fb.data[0], '\0');
		file_free(&fb);
	}
	/* Exactly a page: the NUL after the data must still be readable. */
	memset(page, 'x', pg);
	spit(tmp_path("page"), page, pg);
	assert_int_equal(file_read(tmp_path("page"), 0, FILE_MAP, NULL, &fb, &err), 0);
	assert_non_null(fb.map);
	assert_int_equal(fb.len, pg);
	assert_memory_equal(fb.data, page, pg);
	assert_int_equal(fb.data[pg], '\0');
	file_free(&fb);
	/* A regular file over the limit, mapped or not. */
	assert_int_equal(file_read(tmp_path("page"), pg - 1, FILE_MAP, NULL, &fb, &err), -1);
	assert_non_null(strstr(err.reason, "too large"));
	free(page);
}

/* Devices and pipes are read in blocks: never more than the limit and one
 * byte more, so an endless one ends. */
static void test_file_devices(void **state)
{
	char fdpath[64], rest[8192];
	struct file_buf fb;
	struct error err;
	int p[2];

	(void)state;
	assert_int_equal(file_read("/dev/zero", 100000, FILE_MAP, NULL, &fb, &err), -1);
	assert_string_equal(err.file, "/dev/zero");
	assert_non_null(strstr(err.reason, "too large"));

	assert_int_equal(pipe(p), 0);
	memset(rest, 'p', 4096);
	assert_int_equal(write(p[1], rest, 4096), 4096);
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", p[0]);
	assert_int_equal(file_read(fdpath, 100, 0, NULL, &fb, &err), -1);
	assert_non_null(strstr(err.reason, "too large"));
	close(p[1]);
	/* What is left in the pipe: all but the limit and one byte. */
	assert_int_equal(read(p[0], rest, sizeof rest), 4096 - 101);
	close(p[0]);

	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "hello\n", 6), 6);
	close(p[1]);
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", p[0]);
	assert_int_equal(file_read(fdpath, 100, FILE_MAP, NULL, &fb, &err), 0);
	assert_int_equal(fb.len, 6);
	assert_string_equal(fb.data, "hello\n");
	file_free(&fb);
	close(p[0]);
}

/* The sniff test stops a read after the first block: a sparse file of
 * 64 MB (no disk, all NULs) must give back only that block, whatever its
 * size on disk; without the test the same file is read whole. */
static int sniff_calls;
static int sniff_stop(const unsigned char *data, size_t n)
{
	(void)data;
	sniff_calls++;
	return n >= FILE_SNIFF;
}

static int sniff_go_on(const unsigned char *data, size_t n)
{
	(void)data;
	(void)n;
	sniff_calls++;
	return 0;
}

static void test_file_sniff(void **state)
{
	const size_t big = (size_t)64 << 20, small = (size_t)1 << 20;
	struct file_buf fb;
	struct error err;
	int fd;

	(void)state;
	fd = open(tmp_path("sparse"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)big), 0);
	close(fd);
	sniff_calls = 0;
	assert_int_equal(file_read(tmp_path("sparse"), 0, 0, sniff_stop, &fb, &err), 0);
	assert_int_equal(sniff_calls, 1);
	assert_int_equal(fb.len, FILE_SNIFF);
	assert_int_equal(fb.data[0], '\0');
	file_free(&fb);

	/* A test that lets the read go on: the whole file, tested once. */
	assert_int_equal(truncate(tmp_path("sparse"), (off_t)small), 0);
	sniff_calls = 0;
	assert_int_equal(file_read(tmp_path("sparse"), 0, 0, sniff_go_on, &fb, &err), 0);
	assert_int_equal(sniff_calls, 1);
	assert_int_equal(fb.len, small);
	file_free(&fb);
	unlink(tmp_path("sparse"));
}

/* ---- text --------------------------------------------------------------- */

static void test_equal_upto_nul(void **state)
{
	(void)state;
	assert_true(text_equal_upto_nul("头条", strlen("头条"), "头条", strlen("头条")));
	assert_true(text_equal_upto_nul("头\0条", 4, "头", strlen("头")));
	assert_false(text_equal_upto_nul("头\0条", 4, "头条", strlen("头条")));
	assert_false(text_equal_upto_nul("头条", strlen("头条"), "头", strlen("头")));
	assert_true(text_equal_upto_nul(NULL, 0, "", 0));
	assert_true(text_equal_upto_nul("\0x", 2, "", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_every_control),
		cmocka_unit_test(test_escape_dialect),
		cmocka_unit_test(test_escape_round_trip),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_finding_json),
		cmocka_unit_test(test_file_missing_and_dir),
		cmocka_unit_test(test_file_empty_and_map),
		cmocka_unit_test(test_file_devices),
		cmocka_unit_test(test_file_sniff),
		cmocka_unit_test(test_equal_upto_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
