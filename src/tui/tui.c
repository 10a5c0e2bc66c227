/*
 * tui: the curses shell. See tui.h.
 *
 * The shell owns the terminal: set-up and restore (also on signals and on
 * the fatal path), reading keys, and drawing. It never measures text: the
 * layout gives every line's column and width, and layout_fit() cuts the
 * status line, prompts and list entries. Every byte of the edition is drawn
 * through layout_render(), which turns controls into visible marks.
 */
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui.h"

#include "shell.h"
#include "width.h"

static volatile sig_atomic_t got_signal;
static int curses_on;
static SCREEN *screen;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* Rows for the text: all but the status line, when there is one. */
int shell_text_rows(const struct tui *t)
{
	return t->opts->status_line ? LINES - 1 : LINES;
}

/* Restore the terminal; safe to call twice, and from the fatal path. */
static void restore(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
		if (screen)
			delscreen(screen);
		screen = NULL;
	}
}

static attr_t attr_of(const struct tui *t, enum pair p)
{
	static const attr_t mono[] = {
		[PAIR_HEADLINE] = A_BOLD, [PAIR_KICKER] = A_BOLD, [PAIR_BYLINE] = A_NORMAL,
		[PAIR_STATUS] = A_REVERSE, [PAIR_MATCH] = A_STANDOUT, [PAIR_MARK] = A_REVERSE,
		[PAIR_HEADING] = A_BOLD,
	};

	if (!t->color)
		return mono[p];
	switch (p) {
	case PAIR_HEADLINE:
	case PAIR_HEADING:
		return COLOR_PAIR(p) | A_BOLD;
	case PAIR_MARK:
		return COLOR_PAIR(p) | A_REVERSE;
	case PAIR_STATUS:
		return A_REVERSE;  /* plain reverse: the cheapest to redraw */
	default:
		return COLOR_PAIR(p);
	}
}

static void setup_colors(struct tui *t)
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
}

/* Draw bytes [start, end) of a text at (y, x) with attr, through the core's
 * renderer; marks are drawn in reverse, matches highlighted. */
static void draw_text(struct tui *t, int y, int x, const char *s, size_t n, size_t start,
		      size_t end, int plain, attr_t attr, size_t (*m)[2], size_t nm)
{
	if (!nm) {
		t->buf.len = 0;
		t->marks.n = 0;
		layout_render(s, n, start, end, plain, &t->v.lo, &t->buf, &t->marks);
		move(y, x);
		if (!t->marks.n) {
			attrset(attr);
			addnstr(t->buf.s, (int)t->buf.len);
			return;
		}
		/* Marks in reverse, between runs of plain text. */
		{
			size_t at = 0;

			for (size_t k = 0; k < t->marks.n; k++) {
				attrset(attr);
				addnstr(t->buf.s + at, (int)(t->marks.v[k].start - at));
				attrset(attr_of(t, PAIR_MARK));
				addnstr(t->buf.s + t->marks.v[k].start,
					(int)(t->marks.v[k].end - t->marks.v[k].start));
				at = t->marks.v[k].end;
			}
			attrset(attr);
			addnstr(t->buf.s + at, (int)(t->buf.len - at));
		}
		return;
	}
	/* With matches: piece by piece, each piece in its attribute. */
	move(y, x);
	for (size_t i = start; i < end;) {
		size_t j = end;
		attr_t a = attr;
		int cx, cy;

		for (size_t k = 0; k < nm; k++) {
			if (i >= m[k][0] && i < m[k][1]) {
				a = attr_of(t, PAIR_MATCH);
				j = m[k][1];
				break;
			}
			if (m[k][0] > i && m[k][0] < j)
				j = m[k][0];
		}
		getyx(stdscr, cy, cx);
		draw_text(t, cy, cx, s, n, i, j, 0, a, NULL, 0);
		i = j;
	}
}

/* A line of UI text, cut to width cells. */
static void draw_ui(struct tui *t, int y, int x, int width, const char *s, attr_t attr)
{
	int used;
	size_t n = layout_fit(s, strlen(s), width, &t->lo, &used);

	draw_text(t, y, x, s, strlen(s), 0, n, 0, attr, NULL, 0);
}

static void draw_status(struct tui *t)
{
	const struct edition *ed = t->ed;
	char right[32];
	struct sbuf left = {0};
	int used, rw;
	attr_t st = attr_of(t, PAIR_STATUS);

	move(LINES - 1, 0);
	attrset(st);
	hline(' ', COLS);
	snprintf(right, sizeof right, " %d%% ", view_percent(&t->v));
	if (t->msg[0]) {
		sbuf_addf(&left, " %s", t->msg);
	} else {
		sbuf_addc(&left, ' ');
		if (ed->title.n)
			sbuf_add(&left, ed->title.s, ed->title.n), sbuf_addc(&left, ' ');
		if (ed->date.n)
			sbuf_add(&left, ed->date.s, ed->date.n), sbuf_addc(&left, ' ');
		if (ed->narticles) {
			const struct article *a = &ed->articles[t->v.art];

			sbuf_addf(&left, " %zu/%zu %s", t->v.art + 1, ed->narticles,
				  marks_is_bookmarked(t, t->v.art) ? "★ " : "");
			if (a->locality.n)
				sbuf_add(&left, a->locality.s, a->locality.n);
		}
	}
	layout_fit(right, strlen(right), COLS, &t->lo, &rw);
	/* The last cell is left alone: writing it could scroll the screen. */
	draw_ui(t, LINES - 1, 0, COLS - 1 - rw > 0 ? COLS - 1 - rw : 0, left.s, st);
	layout_fit(right, strlen(right), COLS - 1, &t->lo, &used);
	if (COLS - 1 - used >= 0)
		draw_ui(t, LINES - 1, COLS - 1 - used, used, right, st);
	sbuf_free(&left);
}

static void draw_view(struct tui *t)
{
	struct view *v = &t->v;

	for (int r = 0; r < v->rows && v->top + (size_t)r < v->vl.n; r++) {
		size_t i = v->top + (size_t)r;
		const struct vline *l = &v->vl.v[i];
		size_t m[16][2], nm;
		attr_t a = A_NORMAL;

		if (l->kind == VL_BLANK)
			continue;
		if (l->kind == VL_HEADLINE)
			a = attr_of(t, PAIR_HEADLINE);
		else if (l->kind == VL_KICKER)
			a = attr_of(t, PAIR_KICKER);
		else if (l->kind == VL_BYLINE)
			a = attr_of(t, PAIR_BYLINE);
		nm = view_line_matches(v, i, m, 16);
		draw_text(t, r, v->margin + l->l.indent, l->text, l->textlen, l->l.start, l->l.end,
			  l->l.plain, a, m, nm);
	}
}

static void draw_list(struct tui *t)
{
	static const char *const titles[] = {
		[PANEL_LOCALITIES] = " Localities: type to filter, Enter to jump, Esc to close",
		[PANEL_CONTENTS] = " Contents: type to filter, Enter to jump, Esc to close",
		[PANEL_HELP] = " Help: keys and settings (q or Esc to close)",
		[PANEL_BOOKMARKS] = " Bookmarks: Enter jumps, d deletes, e edits the note, Esc closes",
	};
	int rows = LINES - 3;
	struct sbuf f = {0};

	move(0, 0);
	attrset(attr_of(t, PAIR_STATUS));
	hline(' ', COLS);
	draw_ui(t, 0, 0, COLS, titles[t->panel], attr_of(t, PAIR_STATUS));
	if (t->panel != PANEL_HELP && t->panel != PANEL_BOOKMARKS) {
		sbuf_add(&f, " filter: ", 9);
		sbuf_add(&f, t->filter, t->filter_len);
		draw_ui(t, 1, 0, COLS - 1, f.s, A_NORMAL);
		sbuf_free(&f);
	}
	list_show(&t->list, rows > 0 ? (size_t)rows : 0);
	for (int r = 0; r < rows && t->list.top + (size_t)r < t->list.nshown; r++) {
		size_t k = t->list.top + (size_t)r;
		const struct list_entry *e = &t->list.v[t->list.shown[k]];
		attr_t a = e->ref.kind == REF_NONE && t->panel != PANEL_HELP ? attr_of(t, PAIR_HEADING)
									      : A_NORMAL;

		if (k == t->list.sel && t->panel != PANEL_HELP)
			a = A_REVERSE;
		draw_ui(t, r + 2, 0, COLS - 1, e->label, a);
	}
	if (!t->list.nshown)
		draw_ui(t, 2, 0, COLS - 1,
			t->panel == PANEL_BOOKMARKS ? "  (no bookmarks yet: m bookmarks a story)"
						    : "  (nothing matches)",
			A_NORMAL);
}

void shell_draw(struct tui *t)
{
	erase();
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		/* Say so in what fits, never in the bottom-right cell. */
		draw_ui(t, 0, 0, LINES > 1 ? COLS : COLS - 1, "terminal too small", A_NORMAL);
		refresh();
		return;
	}
	if (t->panel == PANEL_NONE)
		draw_view(t);
	else
		draw_list(t);
	/* Without a status line, messages still show, over the last row. */
	if (t->opts->status_line || t->msg[0] || t->panel != PANEL_NONE)
		draw_status(t);
	refresh();
}

/* Read one key as the core's code (keys.h), NO_KEY on a time-out. */
static int read_key(void)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return NO_KEY;
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return K_UP;
		case KEY_DOWN: return K_DOWN;
		case KEY_LEFT: return K_LEFT;
		case KEY_RIGHT: return K_RIGHT;
		case KEY_NPAGE: return K_PGDN;
		case KEY_PPAGE: return K_PGUP;
		case KEY_HOME: return K_HOME;
		case KEY_END: return K_END;
		case KEY_ENTER: return K_ENTER;
		case KEY_BACKSPACE: return K_BACKSPACE;
		case KEY_DC: return K_DELETE;
		case KEY_IC: return K_INSERT;
		case KEY_RESIZE: return K_RESIZE;
		case KEY_MOUSE: {
			MEVENT me;

			if (getmouse(&me) == OK) {
				if (me.bstate & BUTTON4_PRESSED)
					return K_WHEEL_UP;
#ifdef BUTTON5_PRESSED
				if (me.bstate & BUTTON5_PRESSED)
					return K_WHEEL_DOWN;
#endif
			}
			return NO_KEY;
		}
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return K_F1 + (int)(ch - KEY_F(1));
			return NO_KEY;
		}
	}
	switch (ch) {
	case '\r':
	case '\n': return K_ENTER;
	case 27: return K_ESC;
	case ' ': return K_SPACE;
	case '\t': return K_TAB;
	case 127:
	case 8: return K_BACKSPACE;
	}
	return (int)ch;
}

/* Delete the last character of a UTF-8 buffer. */
static void chop(char *s, size_t *n)
{
	while (*n > 0 && ((unsigned char)s[*n - 1] & 0xC0) == 0x80)
		(*n)--;
	if (*n > 0)
		(*n)--;
	s[*n] = '\0';
}

/* Append a key's character to a UTF-8 buffer; 0 when it is no character. */
static int append_key(char *s, size_t *n, size_t size, int key)
{
	const char *u;

	if (key == K_SPACE)
		u = " ";
	else if (key < ' ' || key >= KEY_BASE || key == 0x7F)
		return 0;
	else
		u = keys_name(key);
	if (*n + strlen(u) + 1 > size)
		return 1;
	memcpy(s + *n, u, strlen(u) + 1);
	*n += strlen(u);
	return 1;
}

/* The search prompt: line editing at the bottom row, CJK input welcome.
 * Returns 1 with the query in buf, or 0 when cancelled. */
int shell_prompt(struct tui *t, const char *lead, const char *init, char *buf, size_t size,
		 size_t *len)
{
	size_t cur, n;

	snprintf(buf, size, "%s", init);
	n = cur = strlen(buf);
	curs_set(1);
	for (;;) {
		struct sbuf line = {0};
		int used, lw, key;
		size_t skip = 0;

		if (COLS < MIN_COLS || LINES < MIN_ROWS) {
			/* No room for a prompt: say so, and wait for room. */
			shell_draw(t);
			do
				key = read_key();
			while (key == NO_KEY && !got_signal);
			if (got_signal || key == K_ESC) {
				curs_set(0);
				return 0;
			}
			if (key == K_RESIZE) {
				view_resize(&t->v, shell_text_rows(t), COLS);
				shell_draw(t);
			}
			continue;
		}
		/* Keep the cursor in view: drop characters from the left. */
		layout_fit(lead, strlen(lead), COLS, &t->lo, &lw);
		for (;;) {
			layout_fit(buf + skip, cur - skip, COLS * 4, &t->lo, &used);
			if (lw + used < COLS - 1 || skip >= cur)
				break;
			do
				skip++;
			while (skip < cur && ((unsigned char)buf[skip] & 0xC0) == 0x80);
		}
		sbuf_add(&line, lead, strlen(lead));
		sbuf_add(&line, buf + skip, n - skip);
		move(LINES - 1, 0);
		attrset(A_NORMAL);
		clrtoeol();
		draw_ui(t, LINES - 1, 0, COLS - 1, line.s, A_NORMAL);
		sbuf_free(&line);
		move(LINES - 1, lw + used < COLS ? lw + used : COLS - 1);
		refresh();
		do
			key = read_key();
		while (key == NO_KEY && !got_signal);
		if (got_signal || key == K_ESC || key == 7 /* C-g */) {
			curs_set(0);
			return 0;
		}
		if (key == K_ENTER) {
			curs_set(0);
			*len = n;
			return 1;
		}
		if (key == K_BACKSPACE || key == 8) {
			if (cur > 0) {
				size_t at = cur;

				chop(buf, &at);
				memmove(buf + at, buf + cur, n - cur + 1);
				n -= cur - at;
				cur = at;
			}
		} else if (key == K_DELETE || key == 4 /* C-d */) {
			if (cur < n) {
				size_t e = cur + 1;

				while (e < n && ((unsigned char)buf[e] & 0xC0) == 0x80)
					e++;
				memmove(buf + cur, buf + e, n - e + 1);
				n -= e - cur;
			}
		} else if (key == K_LEFT || key == 2 /* C-b */) {
			while (cur > 0 && ((unsigned char)buf[--cur] & 0xC0) == 0x80)
				;
		} else if (key == K_RIGHT || key == 6 /* C-f */) {
			if (cur < n)
				cur++;
			while (cur < n && ((unsigned char)buf[cur] & 0xC0) == 0x80)
				cur++;
		} else if (key == K_HOME || key == 1 /* C-a */) {
			cur = 0;
		} else if (key == K_END || key == 5 /* C-e */) {
			cur = n;
		} else if (key == 21 /* C-u */) {
			memmove(buf, buf + cur, n - cur + 1);
			n -= cur;
			cur = 0;
		} else if (key == K_RESIZE) {
			view_resize(&t->v, shell_text_rows(t), COLS);
			shell_draw(t);
		} else {
			char u[8];
			size_t ul = 0;

			if (append_key(u, &ul, sizeof u, key) && n + ul + 1 <= size) {
				memmove(buf + cur + ul, buf + cur, n - cur + 1);
				memcpy(buf + cur, u, ul);
				n += ul;
				cur += ul;
			}
		}
	}
}

void shell_say(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}

static void report_search(struct tui *t, enum search_result r, int dir)
{
	switch (r) {
	case SEARCH_FOUND:
		break;
	case SEARCH_WRAPPED:
		shell_say(t, dir > 0 ? "search wrapped to the first article"
				     : "search wrapped to the last article");
		break;
	case SEARCH_NOT_FOUND:
		shell_say(t, "not found");
		break;
	case SEARCH_NONE:
		shell_say(t, "no search yet: / to search");
		break;
	}
}

static void open_help(struct tui *t)
{
	list_free(&t->list);
	for (int a = 0; a < ACT_COUNT; a++) {
		char keys[128];
		struct sbuf s = {0};
		int used;

		keymap_describe(&t->opts->keys, (enum action)a, keys, sizeof keys);
		sbuf_addf(&s, "  %s", keys);
		layout_fit(s.s, s.len, 1000, &t->lo, &used);
		for (; used < 22; used++)
			sbuf_addc(&s, ' ');
		sbuf_addf(&s, " %s", keys_actions[a].help);
		list_add(&t->list, sbuf_take(&s), "", 0, (struct list_ref){REF_ACTION, (size_t)a});
	}
	/* Then the settings in force, from the same table as reader.ini. */
	{
		const struct options *so = t->opts;
		struct sbuf h = {0};

		sbuf_addf(&h, "Settings (%s):", so->source ? so->source : "defaults");
		list_add(&t->list, xstrdup(""), "", 0, (struct list_ref){REF_NONE, 0});
		list_add(&t->list, sbuf_take(&h), "", 0, (struct list_ref){REF_NONE, 0});
		for (const struct option_def *d = options_table; d->name; d++) {
			char val[256];
			struct sbuf s = {0};

			options_format(so, d, val, sizeof val);
			sbuf_addf(&s, "  [%s] %s = %s   %s", d->section, d->name, val, d->help);
			list_add(&t->list, sbuf_take(&s), "", 0, (struct list_ref){REF_NONE, 0});
		}
	}
	t->list.scroll_only = 1;
	list_filter(&t->list, "", 0);
	t->panel = PANEL_HELP;
}

static void open_list(struct tui *t, enum panel p)
{
	list_free(&t->list);
	if (p == PANEL_LOCALITIES)
		list_localities(&t->list, t->ed, t->gaz);
	else
		list_contents(&t->list, t->ed);
	t->panel = p;
	t->filter_len = 0;
	t->filter[0] = '\0';
	/* Start at the open article. */
	list_select_ref(&t->list, (struct list_ref){REF_ARTICLE, t->v.art});
}

/* A key while a list panel is open. */
static void list_key(struct tui *t, int key)
{
	enum action act = keymap_lookup(&t->opts->keys, key);
	size_t page = LINES > 4 ? (size_t)LINES - 4 : 1;

	if (act == ACT_CLOSE || act == ACT_QUIT || key == K_ESC) {
		t->panel = PANEL_NONE;
		return;
	}
	if (t->panel == PANEL_HELP) {
		/* The help only scrolls: by lines, or by pages with the keys
		 * that page the article. */
		if (key == K_DOWN || key == 'j')
			list_move(&t->list, LIST_NEXT, page);
		else if (key == K_UP || key == 'k')
			list_move(&t->list, LIST_PREV, page);
		else if (key == K_PGDN || key == K_SPACE || act == ACT_PAGE_DOWN)
			list_move(&t->list, LIST_PAGE_DOWN, page);
		else if (key == K_PGUP || act == ACT_PAGE_UP)
			list_move(&t->list, LIST_PAGE_UP, page);
		return;
	}
	if (key == K_DOWN || key == 'j' || key == 14 /* C-n */) {
		list_move(&t->list, LIST_NEXT, page);
	} else if (key == K_UP || key == 'k' || key == 16 /* C-p */) {
		list_move(&t->list, LIST_PREV, page);
	} else if (key == K_PGDN) {
		list_move(&t->list, LIST_PAGE_DOWN, page);
	} else if (key == K_PGUP) {
		list_move(&t->list, LIST_PAGE_UP, page);
	} else if (key == K_ENTER) {
		struct list_ref r = list_selected(&t->list);

		if (r.kind == REF_ARTICLE) {
			view_open(&t->v, r.value, 0);
			t->panel = PANEL_NONE;
		}
	} else if (key == K_BACKSPACE) {
		chop(t->filter, &t->filter_len);
		list_filter(&t->list, t->filter, t->filter_len);
	} else if (append_key(t->filter, &t->filter_len, sizeof t->filter, key)) {
		list_filter(&t->list, t->filter, t->filter_len);
	}
}

/* A key in the article view. Returns 0 to quit. */
static int view_key(struct tui *t, int key)
{
	struct view *v = &t->v;
	long page = v->rows > 1 ? v->rows - 1 : 1;
	char q[512];
	size_t qn;

	switch (keymap_lookup(&t->opts->keys, key)) {
	case ACT_PAGE_DOWN:
		if (v->top >= view_max_top(v) && v->art + 1 < t->ed->narticles)
			view_open(v, v->art + 1, 0);  /* on past the end */
		else
			view_scroll(v, page);
		break;
	case ACT_PAGE_UP:
		if (v->top == 0 && v->art > 0)
			view_open(v, v->art - 1, 1);
		else
			view_scroll(v, -page);
		break;
	case ACT_LINE_DOWN:
		view_scroll(v, 1);
		break;
	case ACT_LINE_UP:
		view_scroll(v, -1);
		break;
	case ACT_HALF_DOWN:
		view_scroll(v, v->rows / 2 ? v->rows / 2 : 1);
		break;
	case ACT_HALF_UP:
		view_scroll(v, -(v->rows / 2 ? v->rows / 2 : 1));
		break;
	case ACT_TOP:
		view_scroll(v, -(long)v->vl.n);
		break;
	case ACT_BOTTOM:
		view_scroll(v, (long)v->vl.n);
		break;
	case ACT_NEXT_ARTICLE:
		if (v->art + 1 < t->ed->narticles)
			view_open(v, v->art + 1, 0);
		else
			shell_say(t, "this is the last article");
		break;
	case ACT_PREV_ARTICLE:
		if (v->art > 0)
			view_open(v, v->art - 1, 0);
		else
			shell_say(t, "this is the first article");
		break;
	case ACT_LOCALITIES:
		open_list(t, PANEL_LOCALITIES);
		break;
	case ACT_CONTENTS:
		open_list(t, PANEL_CONTENTS);
		break;
	case ACT_SEARCH:
	case ACT_SEARCH_BACK: {
		int dir = keymap_lookup(&t->opts->keys, key) == ACT_SEARCH ? 1 : -1;

		if (shell_prompt(t, dir > 0 ? "/" : "?", "", q, sizeof q, &qn) && qn) {
			view_set_query(v, q, qn);
			t->last_dir = dir;
			report_search(t, view_search(v, dir), dir);
		}
		break;
	}
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH: {
		int dir = t->last_dir ? t->last_dir : 1;

		if (keymap_lookup(&t->opts->keys, key) == ACT_PREV_MATCH)
			dir = -dir;
		report_search(t, view_search(v, dir), dir);
		break;
	}
	case ACT_BOOKMARK:
		marks_toggle(t);
		break;
	case ACT_BOOKMARKS:
		marks_list(t);
		break;
	case ACT_HELP:
		open_help(t);
		break;
	case ACT_QUIT:
		return 0;
	case ACT_CLOSE:
		t->msg[0] = '\0';
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_NONE:
	case ACT_COUNT:
		if (key != NO_KEY)
			shell_say(t, "%s: no such key (h for help)", keys_name(key));
		break;
	}
	return 1;
}

int shell_confirm(struct tui *t, const char *question)
{
	int key;

	for (;;) {
		shell_say(t, "%s", question);
		shell_draw(t);
		t->msg[0] = '\0';
		do
			key = read_key();
		while (key == NO_KEY && !got_signal);
		if (key != K_RESIZE)
			return key == 'y' || key == 'Y';
		/* A resize while asking: lay out again and ask again. */
		view_resize(&t->v, shell_text_rows(t), COLS);
	}
}

void shell_new_view(struct tui *t)
{
	view_init(&t->v, t->ed, &t->lo, t->opts->width);
	t->v.keep_case = t->opts->search_case;
}

int tui_run(struct edition *ed, const struct gazetteer *gaz, const struct options *opts,
	    const struct layout_opts *lo)
{
	struct tui t;
	struct sigaction sa;
	int running = 1;

	memset(&t, 0, sizeof t);
	t.ed = ed;
	t.gaz = gaz;
	t.lo = *lo;
	t.color = opts->color;
	t.opts = opts;
	shell_new_view(&t);
	width_set_ambiguous(lo->amb);  /* what curses' wcwidth() says */

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	{
		const char *term = getenv("TERM");
		SCREEN *scr = newterm(NULL, stdout, stdin);
		const char *cup;

		if (!scr)
			die(1, "the terminal type TERM=%s is unknown here: set TERM, or use --dump",
			    term ? term : "(unset)");
		set_term(scr);
		screen = scr;
		curses_on = 1;
		cup = tigetstr("cup");
		if (!cup || cup == (const char *)-1) {
			restore();
			die(1, "the terminal TERM=%s cannot move its cursor, which a full-screen "
			       "reader needs: use --dump", term ? term : "(unset)");
		}
	}
	die_set_hook(restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	set_escdelay(50);
	curs_set(0);
	/* Wake up now and then to notice a signal. */
	timeout(250);
	mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	setup_colors(&t);
	view_resize(&t.v, shell_text_rows(&t), COLS);
	view_open(&t.v, 0, 0);
	marks_open(&t);
	shell_draw(&t);
	while (running && !got_signal) {
		int key = read_key();

		if (key == NO_KEY)
			continue;
		if (key == K_RESIZE) {
			view_resize(&t.v, shell_text_rows(&t), COLS);
		} else {
			t.msg[0] = '\0';
			if (t.panel == PANEL_BOOKMARKS)
				marks_key(&t, key);
			else if (t.panel != PANEL_NONE)
				list_key(&t, key);
			else
				running = view_key(&t, key);
		}
		if (running && !got_signal)
			shell_draw(&t);
	}
	marks_close(&t);
	restore();
	die_set_hook(NULL);
	list_free(&t.list);
	view_free(&t.v);
	sbuf_free(&t.buf);
	free(t.marks.v);
	/* Killed by a signal: say so, as the shell expects (128 + N). */
	return got_signal ? 128 + got_signal : 0;
}
