/*
 * test_screen: the screen breaks lines where --dump does, at both
 * ambiguous widths. This program links the shell's wcwidth() override
 * (tui/wcwidth.o) as the reader does, sets the terminal's ambiguous width
 * as the shell does, and lays the text out as the article view does; the
 * lines must be the dump's (the real binary's, or the layout's with the
 * terminal left at one cell), and curses, measuring through the override,
 * must end each drawn line at the column the layout computed.
 */
#include "testutil.h"
#include "testcurses.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edition.h"
#include "layout.h"
#include "util.h"
#include "view.h"
#include "width.h"


/* Set the terminal's ambiguous width as the shell does, and start the
 * layout's caches again as a late setting would. */
static void screen_ambiguous(int amb)
{
	width_set_ambiguous(amb);
	width_init();
}

/* Draw bytes [start, end) of s at column x of the off-screen terminal and
 * check that curses ends them at x + width. */
static void draw_check(const char *s, size_t n, const struct lline *l, int x,
		       const struct layout_opts *o, struct sbuf *buf)
{
	buf->len = 0;
	layout_render(s, n, l->start, l->end, l->plain, o, buf, NULL);
	move(0, 0);
	clrtoeol();
	move(0, x);
	addnstr(buf->s ? buf->s : "", (int)buf->len);
	if (getcurx(stdscr) != x + l->width)
		fail_msg("\"%.*s\" drawn to column %d, laid out to %d", (int)buf->len, buf->s,
			 getcurx(stdscr), x + l->width);
}

/* The line cuts of a text at width w, ambiguous width amb, as "a-b a-b". */
static char *cuts(const char *s, int w, int amb, int draw)
{
	struct layout_opts o = layout_defaults(w);
	struct llines ll = {0};
	struct sbuf out = {0}, buf = {0};

	o.amb = amb;
	layout_text(s, strlen(s), &o, o.indent, ALIGN_LEFT, &ll);
	for (size_t i = 0; i < ll.n; i++) {
		sbuf_addf(&out, "%zu-%zu ", ll.v[i].start, ll.v[i].end);
		if (draw)
			draw_check(s, strlen(s), &ll.v[i], ll.v[i].indent, &o, &buf);
	}
	free(ll.v);
	sbuf_free(&buf);
	return out.s ? sbuf_take(&out) : xstrdup("");
}

/* The strings the issue names, alone and in running text. */
static void test_strings(void **state)
{
	static const char *const samples[] = {
		"记者——“好”", "他说……“好的”", "第①“条”款",
		"本报讯记者——“好”消息传来，他说……“好的”，并在第①“条”款中写明。",
		"兴化市积极酝酿企业家座谈活动方案，记者——“好”字当头；第①“条”款……“好的”。",
	};

	(void)state;
	for (int amb = 1; amb <= 2; amb++)
		for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++)
			for (int w = 2; w <= 40; w++) {
				char *dump, *screen;

				screen_ambiguous(1);  /* --dump never sets it */
				dump = cuts(samples[k], w, amb, 0);
				screen_ambiguous(amb);
				screen = cuts(samples[k], w, amb, 1);
				if (strcmp(dump, screen) != 0)
					fail_msg("\"%s\" at width %d, ambiguous %d: dump %s, screen %s",
						 samples[k], w, amb, dump, screen);
				free(dump);
				free(screen);
			}
	screen_ambiguous(1);
}

/* The edition as the article view lays it out, article after article with
 * a blank line between, as the dump prints it; each line drawn too. */
static char *screen_lines(struct edition *ed, int w, int amb)
{
	struct layout_opts o = layout_defaults(w);
	struct view v;
	struct sbuf out = {0}, buf = {0};

	o.amb = amb;
	view_init(&v, ed, &o, 0);
	view_resize(&v, 10, w);
	for (size_t a = 0; a < ed->narticles; a++) {
		view_open(&v, a, 0);
		if (a > 0)
			sbuf_addc(&out, '\n');
		for (size_t i = 0; i < v.vl.n; i++) {
			const struct vline *l = &v.vl.v[i];

			if (l->kind != VL_BLANK) {
				int x = v.margin + l->l.indent;

				draw_check(l->text, l->textlen, &l->l, x, &v.lo, &buf);
				for (int c = 0; c < x; c++)
					sbuf_addc(&out, ' ');
				sbuf_add(&out, buf.s, buf.len);
			}
			sbuf_addc(&out, '\n');
		}
	}
	view_free(&v);
	sbuf_free(&buf);
	return sbuf_take(&out);
}

/* The bundled edition: the binary's --dump against the screen's lines. */
static void test_edition(void **state)
{
	struct edition ed;
	struct error err;

	(void)state;
	assert_int_equal(edition_load(&ed, seed_path(), &err), 0);
	for (int amb = 1; amb <= 2; amb++) {
		char ini[64], width[16];
		const char *config = tmp_path("screen.ini");

		snprintf(ini, sizeof ini, "[display]\nambiguous_width = %d\n", amb);
		spit(config, ini, strlen(ini));
		screen_ambiguous(amb);
		for (int w = 4; w <= 120; w += w < 40 ? 1 : 9) {
			const char *argv[] = {"--dump", "--width", width, "--config", config,
					      seed_path(), NULL};
			struct run r;
			char *screen;

			snprintf(width, sizeof width, "%d", w);
			run_reader(&r, argv, NULL);
			assert_int_equal(r.status, 0);
			screen = screen_lines(&ed, w, amb);
			if (strcmp(r.out, screen) != 0)
				fail_msg("width %d, ambiguous %d: the screen's lines differ from "
					 "the dump's", w, amb);
			free(screen);
			run_free(&r);
		}
	}
	screen_ambiguous(1);
	edition_free(&ed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_edition),
	};

	return cmocka_run_group_tests(tests, testcurses_setup, testcurses_teardown);
}
