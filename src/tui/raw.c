/*
 * raw: the raw view panel. See raw.h.
 *
 * t->raw_top is the first source line on screen, t->raw_mark the line it
 * was opened at (its number is drawn in reverse). Moves are by source
 * lines; a page is the lines the last screen showed. Each line is drawn
 * as rawline.h builds it: what would not show, as a mark in reverse.
 */
#include "raw.h"

#include <stdint.h>
#include <stdio.h>

#include "draw.h"
#include "i18n.h"
#include "rawline.h"

/* The gutter: a line number in 5 columns and a space. */
#define RAW_GUTTER 6

/* The first source line of the text on the top line (1 above the
 * articles). */
static size_t paragraph_line(const struct tui *t)
{
	const struct view *v = &t->s.v;
	struct view_pos p = view_position(v);
	const struct piece *pc;
	size_t n;

	if (p.item == ITEM_FRONT || p.article >= t->s.ed->narticles ||
	    p.item >= t->s.ed->articles[p.article].nitems)
		return 1;
	pc = edition_item_pieces(t->s.ed, p.article, p.item, &n);
	return n ? pc[0].line : t->s.ed->articles[p.article].line;
}

void raw_open(struct tui *t)
{
	size_t line = paragraph_line(t);

	t->raw_mark = line;
	t->raw_top = line > 2 ? line - 2 : 1;
	t->panel = PANEL_RAW;
}

/* Draw bytes [start, end) of a raw line at (y, x), its marks in reverse. */
static void draw_marked(struct tui *t, int y, int x, const struct rawline *r, size_t start,
			size_t end)
{
	const char *s = r->text.s;
	size_t n = r->text.len;

	move(y, x);
	for (size_t i = start, k = 0; i < end;) {
		size_t j = end;
		attr_t a = A_NORMAL;
		int cx, cy;

		while (k < r->nmark && r->mark[k][1] <= i)
			k++;
		if (k < r->nmark && r->mark[k][0] <= i) {
			a = A_REVERSE;
			j = r->mark[k][1] < end ? r->mark[k][1] : end;
		} else if (k < r->nmark && r->mark[k][0] < end) {
			j = r->mark[k][0];
		}
		getyx(stdscr, cy, cx);
		draw_text(t, cy, cx, s, n, i, j, 0, a, NULL, 0, SIZE_MAX);
		i = j;
	}
}

/* Draw one source line from row y, wrapped; returns the rows it took. */
static int draw_line(struct tui *t, size_t line, int y, int rows)
{
	const char *ls;
	const char *s;
	size_t ln, n, pos = 0;
	int used, width = COLS - RAW_GUTTER, taken = 0;
	char num[16];
	struct rawline r = {0};

	if (edition_text_line(t->s.ed, line, &ls, &ln) < 0)
		return 0;
	rawline_build(&r, &t->s.ed->dec, ls, ln);
	s = r.text.s;
	n = r.text.len;
	snprintf(num, sizeof num, "%5zu ", line % 100000);
	draw_ui(t, y, 0, RAW_GUTTER, num,
		line == t->raw_mark ? A_REVERSE : draw_attr(t, PAIR_BYLINE));
	do {
		size_t end = pos + layout_fit(s + pos, n - pos, width, &t->s.v.lo, &used);

		if (end == pos && pos < n)  /* a character wider than the row */
			for (end++; end < n && ((unsigned char)s[end] & 0xC0) == 0x80; end++)
				;
		if (end > pos)
			draw_marked(t, y + taken, RAW_GUTTER, &r, pos, end);
		pos = end;
		taken++;
	} while (pos < n && taken < rows);
	rawline_free(&r);
	return taken;
}

void raw_draw(struct tui *t)
{
	int rows = LINES - 1, y = 0, normalize = t->s.v.lo.normalize;
	size_t total = edition_text_lines(t->s.ed), line = t->raw_top;

	if (!draw_begin(t))
		return;
	/* As the file has it: no punctuation drawn full width. */
	t->s.v.lo.normalize = 0;
	for (; line <= total && y < rows; line++)
		y += draw_line(t, line, y, rows - y);
	t->s.v.lo.normalize = normalize;
	t->raw_shown = line - t->raw_top;
	if (!t->msg[0])
		snprintf(t->msg, sizeof t->msg, _("the file as it is (%s): lines %zu-%zu of %zu; %s closes"),
			 t->s.ed->encoding, t->raw_top, line - 1, total,
			 keymap_first(t->keys, ACT_LIST_CLOSE));
	draw_end(t);
}

/* Move the top by delta source lines, within the file. */
static void scroll_by(struct tui *t, long delta)
{
	size_t total = edition_text_lines(t->s.ed);

	if (delta < 0)
		t->raw_top = (size_t)-delta >= t->raw_top ? 1 : t->raw_top - (size_t)-delta;
	else
		t->raw_top = t->raw_top + (size_t)delta > total ? (total ? total : 1)
								: t->raw_top + (size_t)delta;
}

/* The raw view's action of a key: the list's moves, else the article's. */
static enum action raw_action(const struct tui *t, int key)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_LIST, key);

	if (act != ACT_NONE)
		return act;
	switch ((act = keymap_lookup(t->keys, KEYMODE_VIEW, key))) {
	case ACT_PAGE_DOWN: return ACT_LIST_PAGE_DOWN;
	case ACT_PAGE_UP: return ACT_LIST_PAGE_UP;
	case ACT_LINE_DOWN: return ACT_LIST_DOWN;
	case ACT_LINE_UP: return ACT_LIST_UP;
	case ACT_TOP: return ACT_LIST_FIRST;
	case ACT_BOTTOM: return ACT_LIST_LAST;
	case ACT_RAW: case ACT_CLOSE: case ACT_QUIT: return ACT_LIST_CLOSE;
	default: return ACT_NONE;
	}
}

int raw_key(struct tui *t, int key)
{
	long page = t->raw_shown > 1 ? (long)t->raw_shown - 1 : 1;

	switch (raw_action(t, key)) {
	case ACT_LIST_CLOSE: case ACT_LIST_QUIT: t->panel = PANEL_NONE; break;
	case ACT_LIST_DOWN: scroll_by(t, 1); break;
	case ACT_LIST_UP: scroll_by(t, -1); break;
	case ACT_LIST_PAGE_DOWN: scroll_by(t, page); break;
	case ACT_LIST_PAGE_UP: scroll_by(t, -page); break;
	case ACT_LIST_FIRST: t->raw_top = 1; break;
	case ACT_LIST_LAST: scroll_by(t, (long)edition_text_lines(t->s.ed)); break;
	default: break;
	}
	return 1;
}
