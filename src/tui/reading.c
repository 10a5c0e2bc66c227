/*
 * reading: the article view panel. See reading.h.
 */
#include "reading.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "width.h"

#include "arcview.h"
#include "booklist.h"
#include "commands.h"
#include "contents.h"
#include "draw.h"
#include "editing.h"
#include "help.h"
#include "input.h"
#include "localities.h"
#include "proofing.h"
#include "raw.h"

void reading_draw(struct tui *t)
{
	struct view *v = &t->s.v;

	if (!draw_begin(t))
		return;
	for (int r = 0; r < v->rows && v->top + (size_t)r < v->vl.n; r++) {
		size_t i = v->top + (size_t)r;
		const struct vline *l = &v->vl.v[i];
		size_t m[16][2], nm, cur = SIZE_MAX;
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
		nm = proofing_ranges(t, i, m, nm, 16);
		if (t->proof)
			proofing_gutter(t, r, i);
		draw_text(t, r, v->margin + l->l.indent, l->text, l->textlen, l->l.start, l->l.end,
			  l->l.plain, a, m, nm, cur);
	}
	proofing_status(t);
	draw_end(t);
}

static void report_search(struct tui *t, enum search_result r, int dir)
{
	/* Where the hit is (hit 3/29) is on the status line: shown until
	 * the next key even when the setting hides it. */
	t->show_status = r == SEARCH_FOUND || r == SEARCH_WRAPPED;
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

/* n and N: on to the next hit (count times), its highlight back on. */
static void next_hit(struct tui *t, int dir, long times)
{
	enum search_result r = SEARCH_FOUND, one;

	t->hide_hits = 0;
	for (long i = 0; i < times; i++) {
		one = view_search(&t->s.v, dir);
		if (one != SEARCH_FOUND || r == SEARCH_FOUND)
			r = one;
		if (one == SEARCH_NOT_FOUND || one == SEARCH_NONE)
			break;
	}
	report_search(t, r, dir);
}

/* One rule for every move by lines or pages (j k d u Space b, the
 * wheel): within the article it scrolls; at its bottom a move down opens
 * the next article at its headline, at its top a move up the previous one
 * at its end, so that reading runs on across articles and the boundary is
 * always seen. */
static void move_lines(struct tui *t, long delta)
{
	struct view *v = &t->s.v;

	if (delta > 0 && v->top >= view_max_top(v) && v->art + 1 < t->s.ed->narticles)
		view_open(v, v->art + 1, 0);
	else if (delta < 0 && v->top == 0 && v->art > 0)
		view_open(v, v->art - 1, 1);
	else
		view_scroll(v, delta);
}

/* The next (dir 1) or previous article, count of them, or say there is
 * none. */
static void article(struct tui *t, int dir, long count)
{
	struct view *v = &t->s.v;
	size_t to = view_article_by(v, dir, count);

	if (to == v->art)
		draw_say(t, "%s", dir > 0 ? _("this is the last article") : _("this is the first article"));
	else
		view_open(v, to, 0);
}

/* g and G: the top or bottom of the article; with a count, article count
 * (its top). */
static void top_or_bottom(struct tui *t, int bottom, long count)
{
	struct view *v = &t->s.v;

	if (count > 0 && t->s.ed->narticles)
		view_open(v, (size_t)count <= t->s.ed->narticles ? (size_t)count - 1
							  : t->s.ed->narticles - 1, 0);
	else
		view_scroll(v, bottom ? (long)v->vl.n : -(long)v->vl.n);
}

/* Go to a source line, typed at a prompt (or given as a count: 54:). */
static void goto_line(struct tui *t, long count)
{
	char q[32], *end;
	size_t qn;
	unsigned long line = (unsigned long)count;

	if (count <= 0) {
		int ok;

		/* less's :n and :p: the next and previous edition, at once
		 * (no Enter), as in less. */
		t->prompt_at_once = "np";
		ok = input_prompt(t, ":", "", q, sizeof q, &qn);
		t->prompt_at_once = NULL;
		if (!ok || !qn)
			return;
		if (strcmp(q, "n") == 0 || strcmp(q, "p") == 0) {
			arcview_step(t, q[0] == 'n' ? 1 : -1, 1);
			return;
		}
		errno = 0;
		line = strtoul(q, &end, 10);
		if (errno || *end || q[0] == '-' || q[0] == '+' || !line) {
			draw_say(t, _("not a line number: %s"), q);
			return;
		}
	}
	if (session_goto_line(&t->s, (size_t)line) < 0)
		draw_say(t, _("line %lu is outside any article"), line);
}

/* The moves a count repeats, as lines; 0 for any other action. */
static long step_of(const struct view *v, enum action act)
{
	long half = v->rows / 2 ? v->rows / 2 : 1, page = v->rows > 1 ? v->rows - 1 : 1;

	switch (act) {
	case ACT_PAGE_DOWN: return page;
	case ACT_PAGE_UP: return -page;
	case ACT_LINE_DOWN: return 1;
	case ACT_LINE_UP: return -1;
	case ACT_HALF_DOWN: return half;
	case ACT_HALF_UP: return -half;
	default: return 0;
	}
}

/* The actions that move through the edition, count times (count 0: none
 * typed); 0 if act is none of them. */
static int go_by(struct tui *t, enum action act, long count)
{
	long step = step_of(&t->s.v, act), times = count > 0 ? count : 1;
	int dir = t->last_dir ? t->last_dir : 1;

	if (step) {
		for (long i = 0; i < times; i++)
			move_lines(t, step);
		return 1;
	}
	switch (act) {
	case ACT_TOP: top_or_bottom(t, 0, count); break;
	case ACT_BOTTOM: top_or_bottom(t, 1, count); break;
	case ACT_NEXT_ARTICLE: article(t, 1, times); break;
	case ACT_PREV_ARTICLE: article(t, -1, times); break;
	case ACT_NEXT_MATCH: next_hit(t, dir, times); break;
	case ACT_PREV_MATCH: next_hit(t, -dir, times); break;
	case ACT_GOTO_LINE: goto_line(t, count); break;
	case ACT_NEXT_FINDING: proofing_step(t, 1, count > 0 ? count : 1); break;
	case ACT_PREV_FINDING: proofing_step(t, -1, count > 0 ? count : 1); break;
	case ACT_PERCENT: session_percent(&t->s, count > 100 ? 100 : (int)count); break;
	case ACT_NEXT_EDITION: arcview_step(t, 1, times); break;
	case ACT_PREV_EDITION: arcview_step(t, -1, times); break;
	default: return 0;
	}
	return 1;
}

/* Ambiguous characters one cell or two: the layout and curses' wcwidth()
 * change together, and the whole screen is drawn again. */
static void toggle_ambiguous(struct tui *t)
{
	int amb = t->s.lo.amb == 2 ? 1 : 2;

	width_set_ambiguous(amb);
	t->s.lo.amb = amb;
	t->s.v.lo.amb = amb;
	view_resize(&t->s.v, t->s.v.rows, t->s.v.cols);
	clearok(curscr, TRUE);
	draw_say(t, ngettext("ambiguous characters such as “ ” … now take %d cell",
			     "ambiguous characters such as “ ” … now take %d cells", amb), amb);
}

/* Read the edition again, keeping the place. */
static void reload(struct tui *t)
{
	struct error err;

	t->finding = SIZE_MAX;
	if (session_reload(&t->s, &err) < 0)
		draw_say(t, "%s: %s", err.file, err.reason);
	else
		draw_say(t, _("reloaded %s"), t->s.ed->path);
}

/* A digit not bound to anything: one more of the count for the next key,
 * as less takes 5j. Returns 1 when key was one. */
static int count_digit(struct tui *t, enum action act, int key)
{
	long c = keys_count(t->count, key);

	if (act != ACT_NONE || c < 0)
		return 0;
	t->count = c;
	draw_say(t, ":%ld", t->count);
	return 1;
}

int reading_key(struct tui *t, int key)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_VIEW, key);
	long count = t->count;

	if (count_digit(t, act, key))
		return 1;
	t->count = 0;
	if (go_by(t, act, count))
		return 1;
	switch (act) {
	case ACT_INFO: commands_info(t); break;
	case ACT_SAVE: commands_save(t); break;
	case ACT_PIPE: commands_pipe(t); break;
	case ACT_AMBIGUOUS: toggle_ambiguous(t); break;
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
	case ACT_PROOF: proofing_toggle(t); break;
	case ACT_RAW: raw_open(t); break;
	case ACT_EDIT: editing_open(t); break;
	case ACT_EDITIONS: arcview_editions_open(t); break;
	case ACT_ARCHIVE_SEARCH: arcview_search(t); break;
	case ACT_ARCHIVE_LOCALITIES: arcview_places_open(t); break;
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
