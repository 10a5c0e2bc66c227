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
	search_free(&v->sr);
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

size_t view_article_by(const struct view *v, int dir, long count)
{
	size_t n = v->ed->narticles, c = count > 0 ? (size_t)count : 1;

	if (!n)
		return v->art;
	if (dir > 0)
		return c >= n - 1 - v->art ? n - 1 : v->art + c;
	return c >= v->art ? 0 : v->art - c;
}

int view_percent(const struct view *v)
{
	size_t seen = v->top + (size_t)v->rows;

	if (!v->vl.n || seen >= v->vl.n)
		return 100;
	return (int)(seen * 100 / v->vl.n);
}

int view_set_search(struct view *v, const char *q, size_t n, int regex, char *err, size_t errsize)
{
	v->has_match = 0;
	return search_set(&v->sr, v->ed, q, n, regex, v->keep_case, err, errsize);
}

void view_set_query(struct view *v, const char *q, size_t n)
{
	char err[8];

	view_set_search(v, q, n, 0, err, sizeof err);
}

void view_clear_search(struct view *v)
{
	v->has_match = 0;
	search_set(&v->sr, v->ed, "", 0, 0, 0, NULL, 0);
}

size_t view_hit(const struct view *v, size_t *total)
{
	*total = v->sr.nhits;
	return v->has_match ? v->hit + 1 : 0;
}

/* Show hit i: open its article and bring its line into view, a third of
 * the way down, unless it is on screen already. */
static void show_hit(struct view *v, size_t i)
{
	const struct hit *h = &v->sr.v[i];
	struct view_pos p = {h->art, h->item, h->front, h->start, 0};
	size_t line;

	v->has_match = 1;
	v->hit = i;
	v->match = p;
	v->match_end = h->end;
	if (h->art != v->art) {
		v->art = h->art;
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
	size_t n = v->sr.nhits, i;
	int wrapped = 0;

	if (!v->sr.text)
		return SEARCH_NONE;
	if (!n) {
		v->has_match = 0;
		return SEARCH_NOT_FOUND;
	}
	if (v->has_match) {
		i = dir > 0 ? v->hit + 1 : v->hit - 1;  /* SIZE_MAX before the first */
	} else {
		struct view_pos p = view_position(v);

		i = search_from(&v->sr, p.article, p.item, p.front, p.offset, dir);
	}
	if (i >= n) {
		i = dir > 0 ? 0 : n - 1;
		wrapped = 1;
	}
	show_hit(v, i);
	return wrapped ? SEARCH_WRAPPED : SEARCH_FOUND;
}

size_t view_line_hits(const struct view *v, size_t line, size_t (*ranges)[2], size_t max,
		      size_t *cur)
{
	const struct vline *l = &v->vl.v[line];
	const struct search *s = &v->sr;
	int front = l->kind == VL_FRONT;
	size_t art = front ? 0 : v->art, item = front ? ITEM_FRONT : l->item;
	size_t fr = front ? l->item : 0, n = 0;

	if (cur)
		*cur = SIZE_MAX;
	if (!s->text || l->kind == VL_BLANK)
		return 0;
	for (size_t i = search_first_in(s, art, item, fr, l->l.start);
	     i < s->nhits && n < max && s->v[i].art == art && s->v[i].item == item &&
	     s->v[i].front == fr && s->v[i].start < l->l.end;
	     i++) {
		if (s->v[i].end <= l->l.start)
			continue;
		ranges[n][0] = s->v[i].start < l->l.start ? l->l.start : s->v[i].start;
		ranges[n][1] = s->v[i].end > l->l.end ? l->l.end : s->v[i].end;
		if (cur && v->has_match && i == v->hit)
			*cur = n;
		n++;
	}
	return n;
}

size_t view_line_matches(struct view *v, size_t line, size_t (*ranges)[2], size_t max)
{
	return view_line_hits(v, line, ranges, max, NULL);
}
