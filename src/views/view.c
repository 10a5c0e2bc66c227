/*
 * view: the article view's state and navigation. See view.h.
 *
 * What always holds: top <= view_max_top(); vl is the layout of article
 * art at lo.width; margin + lo.width <= cols (when cols >= 2).
 */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static void relayout(struct view *v)
{
	v->vl.n = 0;
	if (!v->ed->narticles) {
		doclines_front(v->ed, &v->lo, &v->vl);
		return;
	}
	if (v->art == 0 && v->ed->nfront) {
		struct lline blank = {0};

		doclines_front(v->ed, &v->lo, &v->vl);
		XGROW(v->vl.v, v->vl.cap, v->vl.n + 1);
		v->vl.v[v->vl.n++] = (struct vline){VL_BLANK, NULL, 0, SIZE_MAX, 0, blank};
	}
	doclines_article(v->ed, v->art, &v->lo, &v->vl);
}

void view_init(struct view *v, struct edition *ed, const struct layout_opts *lo, int max_width)
{
	memset(v, 0, sizeof *v);
	v->ed = ed;
	v->lo = *lo;
	v->max_width = max_width;
	v->rows = 1;
	v->cols = lo->width;
}

void view_free(struct view *v)
{
	vlines_free(&v->vl);
	free(v->query);
	fold_free(&v->fb);
}

size_t view_max_top(const struct view *v)
{
	return v->vl.n > (size_t)v->rows ? v->vl.n - (size_t)v->rows : 0;
}

static void clamp(struct view *v)
{
	if (v->top > view_max_top(v))
		v->top = view_max_top(v);
}

struct view_pos view_position(const struct view *v)
{
	struct view_pos p = {v->art, 0, 0, 0, 0};

	for (size_t i = v->top; i < v->vl.n; i++) {
		const struct vline *l = &v->vl.v[i];

		if (l->kind == VL_BLANK)
			continue;
		if (l->kind == VL_FRONT) {
			p.item = ITEM_FRONT;
			p.front = l->item;
		} else {
			p.item = l->item;
		}
		p.offset = l->l.start;
		p.above = i - v->top;
		return p;
	}
	return p;
}

/* The display line holding a text position, or SIZE_MAX. */
static size_t find_line(const struct view *v, struct view_pos p)
{
	size_t best = SIZE_MAX;

	for (size_t i = 0; i < v->vl.n; i++) {
		const struct vline *l = &v->vl.v[i];
		int same = p.item == ITEM_FRONT ? l->kind == VL_FRONT && l->item == p.front
						: l->kind != VL_FRONT && l->kind != VL_BLANK &&
							  l->item == p.item;

		if (!same)
			continue;
		if (best == SIZE_MAX || l->l.start <= p.offset)
			best = i;
		if (p.offset < l->l.next)
			break;
	}
	return best;
}

/* Remember where the user is now reading. */
static void set_anchor(struct view *v)
{
	v->anchor = view_position(v);
}

void view_seek(struct view *v, struct view_pos p)
{
	size_t line;

	if (p.article >= v->ed->narticles)
		return;
	if (p.article != v->art || !v->vl.n) {
		v->art = p.article;
		relayout(v);
	}
	line = find_line(v, p);
	v->top = line == SIZE_MAX ? 0 : line > p.above ? line - p.above : 0;
	clamp(v);
	set_anchor(v);
}

void view_resize(struct view *v, int rows, int cols)
{
	struct view_pos p = v->anchor;
	int had = v->vl.n > 0;
	int w = cols;

	if (v->max_width > 0 && w > v->max_width)
		w = v->max_width;
	if (w < 2)
		w = 2;
	v->rows = rows < 1 ? 1 : rows;
	v->cols = cols;
	v->margin = cols > w ? (cols - w) / 2 : 0;
	v->lo.width = w;
	relayout(v);
	if (had) {
		/* Back to the reading position, which a size too small or too
		 * large to put it at the top does not move. */
		view_seek(v, p);
		v->anchor = p;
	}
	clamp(v);
}

void view_open(struct view *v, size_t article, int at_end)
{
	if (article >= v->ed->narticles)
		return;
	v->art = article;
	relayout(v);
	v->top = at_end ? view_max_top(v) : 0;
	set_anchor(v);
}

void view_scroll(struct view *v, long delta)
{
	if (delta < 0 && (size_t)-delta > v->top)
		v->top = 0;
	else
		v->top += (size_t)delta;
	clamp(v);
	set_anchor(v);
}

int view_percent(const struct view *v)
{
	size_t seen = v->top + (size_t)v->rows;

	if (!v->vl.n || seen >= v->vl.n)
		return 100;
	return (int)(seen * 100 / v->vl.n);
}

void view_set_query(struct view *v, const char *q, size_t n)
{
	free(v->query);
	v->query = NULL;
	v->qn = 0;
	v->has_match = 0;
	if (!n)
		return;
	fold_text_case(q, n, &v->fb, v->keep_case);
	v->query = xstrndup(v->fb.s, v->fb.n);
	v->qn = v->fb.n;
}

/* Search one item from a source offset, forwards or backwards. */
static int search_item(struct view *v, size_t art, size_t item, int dir, size_t from,
		       size_t *s, size_t *e)
{
	struct str t = edition_item_text(v->ed, art, item);

	fold_text_case(t.s, t.n, &v->fb, v->keep_case);
	return dir > 0 ? fold_find(&v->fb, v->query, v->qn, from, s, e)
		       : fold_find_back(&v->fb, v->query, v->qn, from, s, e);
}

/* Show a found match: open its article and bring its line into view. */
static void show_match(struct view *v, size_t art, size_t item, size_t s, size_t e)
{
	struct view_pos p = {art, item, 0, s, 0};
	size_t line;

	v->has_match = 1;
	v->match = p;
	v->match_end = e;
	if (art != v->art) {
		v->art = art;
		relayout(v);
		v->top = 0;
	}
	line = find_line(v, p);
	if (line != SIZE_MAX && (line < v->top || line >= v->top + (size_t)v->rows)) {
		v->top = line > (size_t)v->rows / 3 ? line - (size_t)v->rows / 3 : 0;
		clamp(v);
	}
	set_anchor(v);
}

enum search_result view_search(struct view *v, int dir)
{
	struct edition *ed = v->ed;
	size_t art, item, from, s, e, steps, total = 0;
	int wrapped = 0;

	if (!v->query)
		return SEARCH_NONE;
	if (!ed->narticles)
		return SEARCH_NOT_FOUND;
	if (v->has_match) {
		art = v->match.article;
		item = v->match.item;
		from = dir > 0 ? v->match.offset + 1 : v->match.offset;
	} else {
		struct view_pos p = view_position(v);

		art = p.article;
		item = p.item == ITEM_FRONT ? 0 : p.item;
		from = p.item == ITEM_FRONT ? 0 : p.offset;
		if (dir < 0)
			from = SIZE_MAX;
	}
	for (size_t a = 0; a < ed->narticles; a++)
		total += ed->articles[a].nitems;
	/* Visit every item once, and the starting one again (its part
	 * before the start) after wrapping around. */
	for (steps = 0; steps <= total + 1; steps++) {
		if (art < ed->narticles && item < ed->articles[art].nitems &&
		    search_item(v, art, item, dir, from, &s, &e)) {
			show_match(v, art, item, s, e);
			return wrapped ? SEARCH_WRAPPED : SEARCH_FOUND;
		}
		/* On to the next item, article, or around. */
		if (dir > 0) {
			from = 0;
			if (++item >= ed->articles[art].nitems) {
				item = 0;
				if (++art >= ed->narticles) {
					art = 0;
					wrapped = 1;
				}
			}
		} else {
			from = SIZE_MAX;
			if (item-- == 0) {
				if (art-- == 0) {
					art = ed->narticles - 1;
					wrapped = 1;
				}
				item = ed->articles[art].nitems ? ed->articles[art].nitems - 1 : 0;
			}
		}
	}
	v->has_match = 0;
	return SEARCH_NOT_FOUND;
}

size_t view_line_matches(struct view *v, size_t line, size_t (*ranges)[2], size_t max)
{
	const struct vline *l = &v->vl.v[line];
	size_t n = 0, from = 0, s, e, lo, hi, margin;

	if (!v->query || l->kind == VL_BLANK || l->kind == VL_FRONT)
		return 0;
	/* Fold only around the line: a match is at most 4 source bytes per
	 * folded byte, and may run in from the line before or out to the
	 * next. Both ends are moved to character boundaries. */
	margin = 4 * v->qn;
	lo = l->l.start > margin ? l->l.start - margin : 0;
	hi = l->l.end + margin < l->textlen ? l->l.end + margin : l->textlen;
	while (lo > 0 && ((unsigned char)l->text[lo] & 0xC0) == 0x80)
		lo--;
	while (hi < l->textlen && ((unsigned char)l->text[hi] & 0xC0) == 0x80)
		hi++;
	fold_text_case(l->text + lo, hi - lo, &v->fb, v->keep_case);
	while (n < max && fold_find(&v->fb, v->query, v->qn, from, &s, &e) && s + lo < l->l.end) {
		s += lo;
		e += lo;
		if (e > l->l.start) {
			ranges[n][0] = s < l->l.start ? l->l.start : s;
			ranges[n][1] = e > l->l.end ? l->l.end : e;
			n++;
		}
		from = s - lo + 1;
	}
	return n;
}
