/*
 * draw: attributes, text, the status line and list frames. See draw.h.
 *
 * Nothing here measures text: the layout gives every line's column and
 * width, and layout_fit() cuts the status line and list entries; a
 * message and a list's title take as many rows as they need (rows.h). Every
 * byte of the edition is drawn through layout_render(), which turns
 * controls into visible marks. The bottom-right cell is never written:
 * writing it could scroll the screen.
 */
#include "draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arcview.h"
#include "i18n.h"
#include "rows.h"

attr_t draw_attr(const struct tui *t, enum pair p)
{
	static const attr_t mono[] = {
		[PAIR_HEADLINE] = A_BOLD, [PAIR_KICKER] = A_BOLD, [PAIR_BYLINE] = A_NORMAL,
		[PAIR_STATUS] = A_REVERSE, [PAIR_MATCH] = A_STANDOUT, [PAIR_MARK] = A_REVERSE,
		[PAIR_HEADING] = A_BOLD, [PAIR_CURRENT] = A_REVERSE | A_BOLD | A_UNDERLINE,
	};

	if (!t->color)
		return mono[p];
	switch (p) {
	case PAIR_HEADLINE:
	case PAIR_HEADING:
		return COLOR_PAIR(p) | A_BOLD;
	case PAIR_MARK:
		return COLOR_PAIR(p) | A_REVERSE;
	case PAIR_CURRENT:
		return COLOR_PAIR(p) | A_BOLD;
	case PAIR_STATUS:
		return A_REVERSE;  /* plain reverse: the cheapest to redraw */
	default:
		return COLOR_PAIR(p);
	}
}

void draw_colors(struct tui *t)
{
	t->color = t->color && has_colors() && !getenv("NO_COLOR");
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_HEADLINE, COLOR_YELLOW, -1);
	init_pair(PAIR_KICKER, COLOR_CYAN, -1);
	init_pair(PAIR_BYLINE, COLOR_GREEN, -1);
	init_pair(PAIR_STATUS, COLOR_BLUE, -1);
	init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_MARK, COLOR_RED, -1);
	init_pair(PAIR_HEADING, COLOR_CYAN, -1);
	init_pair(PAIR_CURRENT, COLOR_BLACK, COLOR_CYAN);
}

/* Draw rendered text at the cursor: marks in reverse, between runs of
 * plain text. */
static void put_rendered(struct tui *t, attr_t attr)
{
	size_t at = 0;

	for (size_t k = 0; k < t->marks.n; k++) {
		attrset(attr);
		addnstr(t->buf.s + at, (int)(t->marks.v[k].start - at));
		attrset(draw_attr(t, PAIR_MARK));
		addnstr(t->buf.s + t->marks.v[k].start, (int)(t->marks.v[k].end - t->marks.v[k].start));
		at = t->marks.v[k].end;
	}
	attrset(attr);
	addnstr(t->buf.s + at, (int)(t->buf.len - at));
}

void draw_text(struct tui *t, int y, int x, const char *s, size_t n, size_t start, size_t end,
	       int plain, attr_t attr, size_t (*m)[2], size_t nm, size_t cur)
{
	move(y, x);
	if (!nm) {
		t->buf.len = 0;
		t->marks.n = 0;
		layout_render(s, n, start, end, plain, &t->s.v.lo, &t->buf, &t->marks);
		put_rendered(t, attr);
		return;
	}
	/* With matches: piece by piece, each piece in its attribute. */
	for (size_t i = start; i < end;) {
		size_t j = end;
		attr_t a = attr;
		int cx, cy;

		for (size_t k = 0; k < nm; k++) {
			if (i >= m[k][0] && i < m[k][1]) {
				a = draw_attr(t, k == cur ? PAIR_CURRENT : PAIR_MATCH);
				j = m[k][1];
				break;
			}
			if (m[k][0] > i && m[k][0] < j)
				j = m[k][0];
		}
		getyx(stdscr, cy, cx);
		draw_text(t, cy, cx, s, n, i, j, 0, a, NULL, 0, SIZE_MAX);
		i = j;
	}
}

void draw_ui(struct tui *t, int y, int x, int width, const char *s, attr_t attr)
{
	int used;
	size_t n = layout_fit(s, strlen(s), width, &t->s.lo, &used);

	draw_text(t, y, x, s, strlen(s), 0, n, 0, attr, NULL, 0, SIZE_MAX);
}

/* The left of the status line: the message, else where the reader is. */
static void status_left(struct tui *t, struct sbuf *left)
{
	const struct edition *ed = t->s.ed;
	size_t art = t->s.v.art;

	sbuf_addc(left, ' ');
	if (t->msg[0]) {
		sbuf_add(left, t->msg, strlen(t->msg));
		return;
	}
	if (ed->title.n)
		sbuf_add(left, ed->title.s, ed->title.n), sbuf_addc(left, ' ');
	if (ed->date.n)
		sbuf_add(left, ed->date.s, ed->date.n), sbuf_addc(left, ' ');
	arcview_status(t, left, NULL);
	if (ed->narticles) {
		const struct article *a = &ed->articles[art];

		sbuf_addf(left, " %zu/%zu %s", art + 1, ed->narticles,
			  session_is_bookmarked(&t->s, art) ? "★ " : "");
		if (a->locality.n)
			sbuf_add(left, a->locality.s, a->locality.n);
	}
}

/* A message in full, on as many bottom rows as it needs (the screen's at
 * most), in width cells left of the percent. */
static void draw_message(struct tui *t, int width, attr_t st)
{
	struct llines ll = {0};
	int n = (int)rows_layout(t, t->msg, width - 1, &ll);

	if (n > LINES)
		n = LINES;
	for (int r = 0; r < n; r++) {
		move(LINES - n + r, 0);
		attrset(st);
		hline(' ', COLS);
		rows_put(t, LINES - n + r, 1, t->msg, &ll, (size_t)r, st);
	}
	llines_free(&ll);
}

static void draw_status(struct tui *t)
{
	char right[160], hit[64] = "";
	struct sbuf left = {0}, progress = {0};
	int used, rw, lw;
	attr_t st = draw_attr(t, PAIR_STATUS);
	size_t total, k = view_hit(&t->s.v, &total);

	move(LINES - 1, 0);
	attrset(st);
	hline(' ', COLS);
	if (k && !t->hide_hits && t->panel == PANEL_NONE)
		/* TRANSLATORS: the current search hit of how many, on the status line. */
		snprintf(hit, sizeof hit, _("hit %zu/%zu "), k, total);
	arcview_status(t, NULL, &progress);
	snprintf(right, sizeof right, " %s%s%d%% ", progress.s ? progress.s : "", hit,
		 view_percent(&t->s.v));
	sbuf_free(&progress);
	status_left(t, &left);
	layout_fit(right, strlen(right), COLS, &t->s.lo, &rw);
	lw = COLS - 1 - rw > 0 ? COLS - 1 - rw : 0;
	if (t->msg[0] && lw > 2)
		draw_message(t, lw, st);
	else
		draw_ui(t, LINES - 1, 0, lw, left.s, st);
	layout_fit(right, strlen(right), COLS - 1, &t->s.lo, &used);
	if (COLS - 1 - used >= 0)
		draw_ui(t, LINES - 1, COLS - 1 - used, used, right, st);
	sbuf_free(&left);
}

int draw_begin(struct tui *t)
{
	erase();
	if (COLS >= MIN_COLS && LINES >= MIN_ROWS)
		return 1;
	/* Say so in what fits, never in the bottom-right cell. */
	draw_ui(t, 0, 0, LINES > 1 ? COLS : COLS - 1, _("terminal too small"), A_NORMAL);
	refresh();
	return 0;
}

void draw_end(struct tui *t)
{
	/* Without a status line, messages and a search's hit count still
	 * show, over the last row, until the next key. */
	if (t->opts->status_line || t->msg[0] || t->show_status || t->panel != PANEL_NONE)
		draw_status(t);
	refresh();
}

/* The title bar of a list, in as many rows as it needs up to max, each
 * in the status attribute; returns the rows it took. */
static int draw_title(struct tui *t, const char *title, int max)
{
	struct llines ll = {0};
	int n = (int)rows_layout(t, title, COLS - 1, &ll);

	if (n > max)
		n = max;
	for (int r = 0; r < n; r++) {
		move(r, 0);
		attrset(draw_attr(t, PAIR_STATUS));
		hline(' ', COLS);
		rows_put(t, r, 0, title, &ll, (size_t)r, draw_attr(t, PAIR_STATUS));
	}
	llines_free(&ll);
	return n;
}

void draw_list(struct tui *t, const char *title, const char *filter, const char *empty, int plain)
{
	int head = draw_title(t, title, LINES - 2 > 1 ? LINES - 2 : 1);
	int rows = LINES - head - 2;
	struct list *l = &t->list;

	t->list_rows = rows;
	if (filter) {
		struct sbuf f = {0};

		/* TRANSLATORS: the line under a list's title, with what was typed. */
		sbuf_addf(&f, _(" filter: %s"), filter);
		draw_ui(t, head, 0, COLS - 1, f.s, A_NORMAL);
		sbuf_free(&f);
	}
	list_show(l, rows > 0 ? (size_t)rows : 0);
	for (int r = 0; r < rows && l->top + (size_t)r < l->nshown; r++) {
		size_t k = l->top + (size_t)r;
		const struct list_entry *e = &l->v[l->shown[k]];
		attr_t a = A_NORMAL;

		if (!plain && e->ref.kind == REF_NONE)
			a = draw_attr(t, PAIR_HEADING);
		if (!plain && k == l->sel)
			a = A_REVERSE;
		draw_ui(t, r + head + 1, 0, COLS - 1, e->label, a);
	}
	if (!l->nshown && rows > 0)
		rows_draw(t, head + 1, 0, COLS - 1, rows, empty, A_NORMAL);
}

int draw_text_rows(const struct tui *t)
{
	return t->opts->status_line ? LINES - 1 : LINES;
}

size_t draw_list_page(const struct tui *t)
{
	int rows = t->list_rows ? t->list_rows : LINES - 3;

	return rows > 1 ? (size_t)rows - 1 : 1;
}

void draw_say(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}
