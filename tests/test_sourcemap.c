/*
 * test_sourcemap: every character of every item of the seed, and of its
 * re-encoded, CRLF, CR and re-indented variants, maps back to the source
 * line and column it came from; and every source line's raw bytes, in the
 * file's own encoding, decode to that line.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "edition.h"
#include "text.h"
#include "util.h"

struct line {
	const char *s;
	size_t n;
};

/* The decoded text's lines, by the program's one line rule. */
static struct line *decoded_lines(const struct edition *ed, size_t *nlines)
{
	struct line *v = NULL;
	size_t pos = 0, n = 0, cap = 0, len;

	while (pos < ed->dec.len) {
		size_t next = text_next_line(ed->dec.text, ed->dec.len, pos, &len);

		XGROW(v, cap, n + 1);
		v[n++] = (struct line){ed->dec.text + pos, len};
		pos = next;
	}
	*nlines = n;
	return v;
}

/* The byte offset of column col (from 1) of a line; SIZE_MAX past its end
 * plus one. */
static size_t column_offset(struct line l, size_t col)
{
	size_t off = 0;
	uint32_t cp;

	while (--col > 0) {
		if (off >= l.n)
			return SIZE_MAX;
		off += text_next(l.s + off, l.n - off, &cp);
	}
	return off;
}

/* Each character of one item is the character at its mapped place. */
static void check_item(const struct edition *ed, size_t art, size_t item, const struct line *lines,
		       size_t nlines)
{
	struct str t = edition_item_text(ed, art, item);
	size_t off = 0, line, col;

	while (off < t.n) {
		uint32_t cp;
		size_t l = text_next(t.s + off, t.n - off, &cp), at;

		assert_int_equal(edition_source_at(ed, art, item, off, &line, &col), 0);
		assert_true(line >= 1 && line <= nlines);
		at = column_offset(lines[line - 1], col);
		if (at == lines[line - 1].n && cp == ' ') {
			off += l;  /* the space put between two pieces */
			continue;
		}
		if (at == SIZE_MAX || at + l > lines[line - 1].n ||
		    memcmp(lines[line - 1].s + at, t.s + off, l) != 0)
			fail_msg("article %zu item %zu byte %zu: line %zu column %zu is not \"%.*s\"",
				 art + 1, item, off, line, col, (int)l, t.s + off);
		off += l;
	}
	assert_int_equal(edition_source_at(ed, art, item, t.n + 1, &line, &col), -1);
}

/* The raw bytes of each line, converted from enc (NULL: UTF-8 already),
 * are the decoded line. */
static void check_raw_lines(struct edition *ed, const char *enc, const struct line *lines,
			    size_t nlines)
{
	const unsigned char *raw;
	size_t n;

	for (size_t k = 0; k < nlines; k++) {
		char *u = NULL;
		size_t un = 0;

		assert_int_equal(edition_raw_line(ed, k + 1, &raw, &n), 0);
		if (enc && n)
			u = convert("UTF-8", enc, (const char *)raw, n, &un);
		else
			un = n;
		if (un != lines[k].n || memcmp(u ? u : (const char *)raw, lines[k].s, un) != 0)
			fail_msg("line %zu: raw bytes do not decode to the line", k + 1);
		free(u);
	}
	assert_int_equal(edition_raw_line(ed, nlines + 1, &raw, &n), -1);
	assert_int_equal(edition_raw_line(ed, 0, &raw, &n), -1);
	/* The decoded lines (the raw view's) are the lines, whatever the
	 * encoding and the line ends. */
	assert_int_equal(edition_text_lines(ed), nlines);
	for (size_t k = 0; k < nlines; k++) {
		const char *s;

		assert_int_equal(edition_text_line(ed, k + 1, &s, &n), 0);
		if (n != lines[k].n || memcmp(s, lines[k].s, n) != 0)
			fail_msg("line %zu: the decoded line is not the line", k + 1);
	}
	assert_int_equal(edition_text_line(ed, nlines + 1, &(const char *){NULL}, &n), -1);
	assert_int_equal(edition_text_line(ed, 0, &(const char *){NULL}, &n), -1);
}

/* Parse data (decoding it as the loader does) and check the whole map;
 * joins is how many paragraphs must have several pieces. */
static void check_map(const char *data, size_t len, const char *enc, size_t joins)
{
	struct edition ed;
	struct decoded d;
	const char *why;
	struct line *lines;
	size_t nlines, multi = 0;

	if (decode_bytes((const unsigned char *)data, len, 0, &d, &why) < 0)
		fail_msg("decode failed: %s", why);
	edition_parse(&ed, "test", &d);
	lines = decoded_lines(&ed, &nlines);
	for (size_t a = 0; a < ed.narticles; a++) {
		const struct article *art = &ed.articles[a];

		for (size_t i = 0; i < art->nitems; i++) {
			size_t n;
			const struct piece *pc = edition_item_pieces(&ed, a, i, &n);

			assert_true(n >= 1);
			assert_int_equal(pc[0].off, 0);
			assert_int_equal(pc[0].line, art->items[i].line);
			check_item(&ed, a, i, lines, nlines);
		}
		for (size_t p = 0; p < art->nparas; p++) {
			const struct paragraph *para = &art->paras[p];

			multi += para->npieces > 1;
			assert_int_equal(ed.pieces[para->piece].line, para->first_line);
			assert_int_equal(ed.pieces[para->piece + para->npieces - 1].line,
					 para->last_line);
		}
	}
	assert_int_equal(multi, joins);
	check_raw_lines(&ed, enc, lines, nlines);
	free(lines);
	edition_free(&ed);
}

static void test_seed(void **state)
{
	size_t len;
	char *data = slurp(seed_path(), &len);

	(void)state;
	check_map(data, len, NULL, 5);
	free(data);
}

static void test_gb18030(void **state)
{
	size_t len, olen;
	char *data = slurp(seed_path(), &len);
	char *gb = convert("GB18030", "UTF-8", data, len, &olen);

	(void)state;
	check_map(gb, olen, "GB18030", 5);
	free(gb);
	free(data);
}

/* UTF-16 in either byte order, with its BOM. */
static void check_utf16(const char *enc, const char *bom)
{
	size_t len, olen;
	char *data = slurp(seed_path(), &len);
	char *u = convert(enc, "UTF-8", data, len, &olen);
	char *b = xmalloc(olen + 2);

	memcpy(b, bom, 2);
	memcpy(b + 2, u, olen);
	check_map(b, olen + 2, enc, 5);
	free(b);
	free(u);
	free(data);
}

static void test_utf16(void **state)
{
	(void)state;
	check_utf16("UTF-16LE", "\xFF\xFE");
	check_utf16("UTF-16BE", "\xFE\xFF");
}

/* CRLF with a BOM and no final line end; then CR alone. */
static void test_line_ends(void **state)
{
	size_t len;
	char *crlf = seed_bom_crlf(&len);
	char *data;

	(void)state;
	check_map(crlf, len, NULL, 5);
	free(crlf);
	data = slurp(seed_path(), &len);
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n')
			data[i] = '\r';
	check_map(data, len, NULL, 5);
	free(data);
}

static void test_indented(void **state)
{
	size_t len;
	char *data = seed_indented(&len, 1);

	(void)state;
	check_map(data, len, NULL, 5);
	free(data);
}

/* A Latin word cut at a line end, invalid bytes and a control character
 * (a BOM makes it UTF-8): the map skips the space the join put in, and
 * the raw line keeps the bytes the decoder replaced. */
static void test_damage_and_latin(void **state)
{
	static const char text[] = "\xEF\xBB\xBF标题在这里\n\n第一段说到 Shang\n\nhai 的\xff\xfe事\x1b。\n";
	struct edition ed;
	struct decoded d;
	const char *why;
	const unsigned char *raw;
	size_t n, line, col;
	const struct paragraph *p;

	(void)state;
	assert_int_equal(decode_bytes((const unsigned char *)text, sizeof text - 1, 0, &d, &why),
			 0);
	edition_parse(&ed, "test", &d);
	assert_int_equal(ed.narticles, 1);
	p = &ed.articles[0].paras[0];
	assert_int_equal(p->npieces, 2);
	assert_non_null(strstr(p->text.s, "Shang hai"));
	/* "hai" is line 5, column 1; the space before it ends line 3. */
	assert_int_equal(edition_source_at(&ed, 0, 1, (size_t)(strstr(p->text.s, "hai") - p->text.s),
					   &line, &col), 0);
	assert_int_equal(line, 5);
	assert_int_equal(col, 1);
	assert_int_equal(edition_source_at(&ed, 0, 1, (size_t)(strstr(p->text.s, " hai") - p->text.s),
					   &line, &col), 0);
	assert_int_equal(line, 3);
	assert_int_equal(col, 12);
	/* After two U+FFFD (FF and FE are one each): column 8 of line 5. */
	assert_int_equal(edition_source_at(&ed, 0, 1, (size_t)(strstr(p->text.s, "事") - p->text.s),
					   &line, &col), 0);
	assert_int_equal(col, 8);
	assert_int_equal(edition_raw_line(&ed, 5, &raw, &n), 0);
	assert_int_equal(n, strlen("hai 的\xff\xfe事\x1b。"));
	assert_memory_equal(raw, "hai 的\xff\xfe事\x1b。", n);
	edition_free(&ed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_indented),
		cmocka_unit_test(test_damage_and_latin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
