/*
 * reading: the article view panel. See reading.h.
 */
#include "reading.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

#include "booklist.h"
#include "contents.h"
#include "draw.h"
#include "help.h"
#include "input.h"
#include "localities.h"

void reading_draw(struct tui *t)
{
	struct view *v = &t->s.v;

	if (!draw_begin(t))
		return;
	for (int r = 0; r < v->rows && v->top + (size_t)r < v->vl.n; r++) {
		size_t i = v->top + (size_t)r;
		const struct vline *l = &v->vl.v[i];
		size_t m[16][2], nm, cur;
		attr_t a = A_NORMAL;

		if (l->kind == VL_BLANK)
			continue;
		if (l->kind == VL_HEADLINE)
			a = draw_attr(t, PAIR_HEADLINE);
		else if (l->kind == VL_KICKER)
			a = draw_attr(t, PAIR_KICKER);
		else if (l->kind == VL_BYLINE)
			a = draw_attr(t, PAIR_BYLINE);
		else if (l->kind == VL_SUBHEAD)
			a = A_BOLD;
		nm = t->hide_hits ? 0 : view_line_hits(v, i, m, 16, &cur);
		draw_text(t, r, v->margin + l->l.indent, l->text, l->textlen, l->l.start, l->l.end,
			  l->l.plain, a, m, nm, cur);
	}
	draw_end(t);
}

static void report_search(struct tui *t, enum search_result r, int dir)
{
	switch (r) {
	case SEARCH_FOUND:
		break;
	case SEARCH_WRAPPED:
		draw_say(t, "%s", dir > 0 ? _("search wrapped to the first article")
					  : _("search wrapped to the last article"));
		break;
	case SEARCH_NOT_FOUND:
		draw_say(t, _("not found: %s"), t->s.v.sr.text);
		break;
	case SEARCH_NONE:
		draw_say(t, _("no search yet: %s to search"), keymap_first(t->keys, ACT_SEARCH));
		break;
	}
}

/* Keep a search for Up in the next search prompt (not twice in a row). */
static void remember(struct tui *t, const char *q)
{
	struct strings *h = &t->hist;

	if (h->n && strcmp(h->v[h->n - 1], q) == 0)
		return;
	XGROW(h->v, h->cap, h->n + 1);
	h->v[h->n++] = xstrdup(q);
}

/* Ask for a search and go to its first match in direction dir. A search
 * that starts with ! (or C-r in the prompt) toggles the regular
 * expression. */
static void search(struct tui *t, int dir)
{
	char q[512], err[256];
	size_t qn;
	int ok;
	const char *p = q;

	t->prompt_search = 1;
	t->prompt_regex = 0;
	ok = input_prompt(t, dir > 0 ? "/" : "?", "", q, sizeof q, &qn);
	t->prompt_search = 0;
	if (!ok || !qn)
		return;
	remember(t, q);
	if (q[0] == '!') {
		t->prompt_regex = !t->prompt_regex;
		p++, qn--;
	}
	if (!qn)
		return;
	if (view_set_search(&t->s.v, p, qn, t->prompt_regex, err, sizeof err) < 0) {
		draw_say(t, "%s", err);
		return;
	}
	t->last_dir = dir;
	t->hide_hits = 0;
	report_search(t, view_search(&t->s.v, dir), dir);
}

/* n and N: on to the next hit, its highlight back on. */
static void next_hit(struct tui *t, int dir)
{
	t->hide_hits = 0;
	report_search(t, view_search(&t->s.v, dir), dir);
}

/* Page down, on into the next article past the end; or up, back into the
 * previous one past the top. */
static void page(struct tui *t, int dir)
{
	struct view *v = &t->s.v;
	long rows = v->rows > 1 ? v->rows - 1 : 1;

	if (dir > 0 && v->top >= view_max_top(v) && v->art + 1 < t->s.ed->narticles)
		view_open(v, v->art + 1, 0);
	else if (dir < 0 && v->top == 0 && v->art > 0)
		view_open(v, v->art - 1, 1);
	else
		view_scroll(v, dir * rows);
}

/* The next (dir 1) or previous article, or say there is none. */
static void article(struct tui *t, int dir)
{
	struct view *v = &t->s.v;

	if (dir > 0 && v->art + 1 < t->s.ed->narticles)
		view_open(v, v->art + 1, 0);
	else if (dir < 0 && v->art > 0)
		view_open(v, v->art - 1, 0);
	else
		draw_say(t, "%s", dir > 0 ? _("this is the last article") : _("this is the first article"));
}

/* The actions that move through the edition; 0 if act is none of them. */
static int go_by(struct tui *t, enum action act)
{
	struct view *v = &t->s.v;
	long half = v->rows / 2 ? v->rows / 2 : 1;
	int dir = t->last_dir ? t->last_dir : 1;

	switch (act) {
	case ACT_PAGE_DOWN: page(t, 1); break;
	case ACT_PAGE_UP: page(t, -1); break;
	case ACT_LINE_DOWN: view_scroll(v, 1); break;
	case ACT_LINE_UP: view_scroll(v, -1); break;
	case ACT_HALF_DOWN: view_scroll(v, half); break;
	case ACT_HALF_UP: view_scroll(v, -half); break;
	case ACT_TOP: view_scroll(v, -(long)v->vl.n); break;
	case ACT_BOTTOM: view_scroll(v, (long)v->vl.n); break;
	case ACT_NEXT_ARTICLE: article(t, 1); break;
	case ACT_PREV_ARTICLE: article(t, -1); break;
	case ACT_NEXT_MATCH: next_hit(t, dir); break;
	case ACT_PREV_MATCH: next_hit(t, -dir); break;
	default: return 0;
	}
	return 1;
}

/* Read the edition again, keeping the place. */
static void reload(struct tui *t)
{
	struct error err;

	if (session_reload(&t->s, &err) < 0)
		draw_say(t, "%s: %s", err.file, err.reason);
	else
		draw_say(t, _("reloaded %s"), t->s.ed->path);
}

int reading_key(struct tui *t, int key)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_VIEW, key);

	if (go_by(t, act))
		return 1;
	switch (act) {
	case ACT_LOCALITIES: localities_open(t); break;
	case ACT_CONTENTS: contents_open(t); break;
	case ACT_SEARCH: search(t, 1); break;
	case ACT_SEARCH_BACK: search(t, -1); break;
	case ACT_BOOKMARK: booklist_toggle(t); break;
	case ACT_BOOKMARKS: booklist_open(t); break;
	case ACT_HELP: help_open(t); break;
	case ACT_QUIT: return 0;
	case ACT_CLOSE:
		t->msg[0] = '\0';
		t->hide_hits = 1;
		break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_RELOAD: reload(t); break;
	default:
		if (key != NO_KEY) {
			char name[16];

			/* Both names come from one static buffer: copy the first. */
			snprintf(name, sizeof name, "%s", keys_name(key));
			draw_say(t, _("%s: no such key (%s for help)"), name,
				 keymap_first(t->keys, ACT_HELP));
		}
		break;
	}
	return 1;
}
