/*
 * test_curses: the layout and ncursesw agree on widths. Every laid-out line
 * of the seed (at many widths, with ambiguous characters 1 cell wide) and
 * of random mixed text is drawn into an off-screen curses screen; the
 * cursor column after drawing must be exactly the indent plus the width
 * the layout computed. This is the one test that links ncursesw.
 */
#include "testutil.h"
#include "testcurses.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "edition.h"
#include "layout.h"
#include "util.h"
#include "width.h"

static long lines_checked;

/* Draw each line of a text laid out at width w; compare the cursor. */
static void check_text(const char *s, size_t n, int w, int amb, const char *what)
{
	struct layout_opts o = layout_defaults(w);
	struct llines ll = {0};
	struct sbuf buf = {0};

	o.amb = amb;
	layout_text(s, n, &o, o.indent, ALIGN_LEFT, &ll);
	for (size_t i = 0; i < ll.n; i++) {
		const struct lline *l = &ll.v[i];

		buf.len = 0;
		layout_render(s, n, l->start, l->end, l->plain, &o, &buf, NULL);
		move(0, l->indent);
		clrtoeol();
		addnstr(buf.s ? buf.s : "", (int)buf.len);
		if (getcurx(stdscr) != l->indent + l->width)
			fail_msg("%s at width %d: line %zu \"%.*s\" drawn to column %d, laid out as %d",
				 what, w, i, (int)buf.len, buf.s, getcurx(stdscr),
				 l->indent + l->width);
		lines_checked++;
	}
	free(ll.v);
	sbuf_free(&buf);
}

static void test_seed(void **state)
{
	size_t len;
	char *data = slurp(seed_path(), &len);
	struct decoded d;
	const char *why;
	struct edition ed;

	(void)state;
	assert_int_equal(decode_bytes((const unsigned char *)data, len, 0, &d, &why), 0);
	edition_parse(&ed, "seed", &d);
	for (int w = 2; w <= 200; w += (w < 40 ? 1 : 7))
		for (size_t a = 0; a < ed.narticles; a++)
			for (size_t p = 0; p < ed.articles[a].nparas; p++)
				check_text(ed.articles[a].paras[p].text.s, ed.articles[a].paras[p].text.n,
					   w, 1, "seed paragraph");
	edition_free(&ed);
	free(data);
}

/* Random text: Han, CJK and ambiguous punctuation, Latin, combining
 * marks, controls (drawn as marks), zero-width and format characters. */
static void test_random(void **state)
{
	static const char *const alphabet[] = {
		"中", "国", "报", "。", "，", "、", "“", "”", "‘", "’", "…", "·", "—", "《", "》",
		"（", "）", "a", "b", "Z", "1", "2", " ", ",", ".", "e\u0301", "\u200b", "\u00ad",
		"\x1b", "\x07", "\x7f", "\u3000", "①", "\u00e9", "ｱ", "\ufffd", "\u202e", "Ω",
		"\u2028", "\t",
	};
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	struct sbuf s = {0};

	(void)state;
	for (int t = 0; t < 300; t++) {
		size_t len;

		s.len = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = 1 + x % 60;
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			sbuf_add(&s, alphabet[x % (sizeof alphabet / sizeof alphabet[0])],
				 strlen(alphabet[x % (sizeof alphabet / sizeof alphabet[0])]));
		}
		for (int w = 2; w <= 40; w += 3)
			check_text(s.s, s.len, w, 1, "random text");
	}
	sbuf_free(&s);
	assert_true(lines_checked > 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, testcurses_setup, testcurses_teardown);
}
