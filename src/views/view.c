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

/* The bytes of text of the open article. */
static size_t article_bytes(const struct view *v)
{
	size_t total = 0;

	for (size_t i = 0; i < v->ed->articles[v->art].nitems; i++)
		total += edition_item_text(v->ed, v->art, i).n;
	return total;
}

/* Lay out one unit at the end of out, with the front matter before the
 * first unit of article 0; the number of lines. */
static size_t lay_unit(struct view *v, size_t item, size_t seg, struct vlines *out)
{
	size_t before = out->n;

	if (v->art == 0 && item == 0 && seg == 0 && v->ed->nfront) {
		doclines_front(v->ed, &v->lo, out);
		vlines_push(out, VL_BLANK, NULL, 0, SIZE_MAX, 0, NULL);
	}
	doclines_unit(v->ed, v->art, item, seg, &v->lo, out);
	v->laid_out += out->n - before;
	return out->n - before;
}

static void push_unit(struct view *v, size_t at, size_t item, size_t seg, size_t lines)
{
	XGROW(v->units, v->capunits, v->nunits + 1);
	memmove(v->units + at + 1, v->units + at, (v->nunits - at) * sizeof *v->units);
	v->units[at] = (struct view_unit){item, seg, lines};
	v->nunits++;
}

/* Lay out the unit after the last one; 0 at the article's end. */
static int grow_down(struct view *v)
{
	const struct view_unit *u = &v->units[v->nunits - 1];
	size_t item = u->item, seg = u->seg + 1;

	if (seg >= doclines_item_segments(v->ed, v->art, item)) {
		item++;
		seg = 0;
	}
	if (item >= v->ed->articles[v->art].nitems)
		return 0;
	push_unit(v, v->nunits, item, seg, lay_unit(v, item, seg, &v->vl));
	return 1;
}

/* Lay out the unit before the first one; 0 at the article's start. */
static int grow_up(struct view *v)
{
	size_t item = v->units[0].item, seg = v->units[0].seg, n;
	struct vlines more = {0};

	if (item == 0 && seg == 0)
		return 0;
	if (seg > 0)
		seg--;
	else
		seg = doclines_item_segments(v->ed, v->art, --item) - 1;
	n = lay_unit(v, item, seg, &more);
	XGROW(v->vl.v, v->vl.cap, v->vl.n + n);
	memmove(v->vl.v + n, v->vl.v, v->vl.n * sizeof *v->vl.v);
	memcpy(v->vl.v, more.v, n * sizeof *more.v);
	v->vl.n += n;
	v->top += n;
	push_unit(v, 0, item, seg, n);
	vlines_free(&more);
	return 1;
}

/* Keep at least two screens laid out above and below the screen (where
 * the article has them), and drop units more than four screens away. */
static void fill(struct view *v)
{
	size_t rows = (size_t)v->rows, margin = 2 * rows, far = 4 * rows;

	if (!v->windowed)
		return;
	while (v->top < margin && grow_up(v))
		;
	while (v->vl.n < v->top + rows + margin && grow_down(v))
		;
	while (v->nunits > 1 && v->top >= v->units[0].lines + far) {
		size_t n = v->units[0].lines;

		memmove(v->vl.v, v->vl.v + n, (v->vl.n - n) * sizeof *v->vl.v);
		v->vl.n -= n;
		v->top -= n;
		memmove(v->units, v->units + 1, (v->nunits - 1) * sizeof *v->units);
		v->nunits--;
	}
	while (v->nunits > 1 && v->vl.n >= v->units[v->nunits - 1].lines + v->top + rows + far)
		v->vl.n -= v->units[--v->nunits].lines;
}

/* Lay out only the unit holding p (the article's top for the front). */
static void window_at(struct view *v, struct view_pos p)
{
	const struct article *a = &v->ed->articles[v->art];
	size_t item = p.item == ITEM_FRONT || p.item >= a->nitems ? 0 : p.item;
	size_t off = p.item == ITEM_FRONT || p.item >= a->nitems ? 0 : p.offset;
	struct str t = edition_item_text(v->ed, v->art, item);
	size_t m = doclines_nsegments(t.n), k = off / DOCLINES_SEGMENT, s, e;

	if (k >= m)
		k = m - 1;
	for (;;) {
		doclines_segment(t.s, t.n, k, &s, &e);
		if (k > 0 && off < s)
			k--;
		else if (k + 1 < m && off >= e)
			k++;
		else
			break;
	}
	push_unit(v, 0, item, k, lay_unit(v, item, k, &v->vl));
}

/* Lay out the open article: whole, or around p (NULL: its top) when it
 * is longer than VIEW_WHOLE. */
static void relayout(struct view *v, const struct view_pos *p)
{
	v->vl.n = 0;
	v->nunits = 0;
	v->windowed = v->ed->narticles && article_bytes(v) > VIEW_WHOLE;
	if (v->windowed) {
		struct view_pos top = {v->art, 0, 0, 0, 0};

		window_at(v, p ? *p : top);
		return;
	}
	if (!v->ed->narticles) {
		doclines_front(v->ed, &v->lo, &v->vl);
		v->laid_out += v->vl.n;
		return;
	}
	for (size_t i = 0; i < v->ed->articles[v->art].nitems; i++)
		for (size_t k = 0, m = doclines_item_segments(v->ed, v->art, i); k < m; k++)
			lay_unit(v, i, k, &v->vl);
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
	free(v->units);
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

/* The display line holding p, laying out around p first when the
 * article is laid out in part and p is not in what is (its line would be
 * one that starts after it, outside the first segment). */
static size_t show_line(struct view *v, struct view_pos p)
{
	size_t line = find_line(v, p);

	if (v->windowed && (line == SIZE_MAX || (p.item != ITEM_FRONT &&
						 v->vl.v[line].l.start > p.offset &&
						 v->vl.v[line].l.start >= DOCLINES_SEGMENT))) {
		relayout(v, &p);
		line = find_line(v, p);
	}
	return line;
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
		relayout(v, &p);
	}
	line = show_line(v, p);
	v->top = line == SIZE_MAX ? 0 : line > p.above ? line - p.above : 0;
	fill(v);
	clamp(v);
	set_anchor(v);
}

void view_resize(struct view *v, int rows, int cols)
{
	struct view_pos p = v->anchor;
	int had = v->vl.n > 0;
	int avail = cols - v->gutter > 2 ? cols - v->gutter : 2;
	int w = avail;

	if (v->max_width > 0 && w > v->max_width)
		w = v->max_width;
	if (w < 2)
		w = 2;
	v->rows = rows < 1 ? 1 : rows;
	v->cols = cols;
	v->margin = cols - w >= v->gutter ? v->gutter + (avail - w) / 2 : 0;
	v->lo.width = w;
	relayout(v, had ? &p : NULL);
	if (had) {
		/* Back to the reading position, which a size too small or too
		 * large to put it at the top does not move. */
		view_seek(v, p);
		v->anchor = p;
	}
	fill(v);
	clamp(v);
}

void view_set_gutter(struct view *v, int cols)
{
	v->gutter = cols < 0 ? 0 : cols;
	view_resize(v, v->rows, v->cols);
}

void view_open(struct view *v, size_t article, int at_end)
{
	const struct article *a;

	if (article >= v->ed->narticles)
		return;
	v->art = article;
	a = &v->ed->articles[article];
	if (at_end && a->nitems) {
		struct view_pos end = {article, a->nitems - 1, 0, SIZE_MAX, 0};

		relayout(v, &end);
		v->top = v->vl.n;
		fill(v);
	} else {
		relayout(v, NULL);
		v->top = 0;
		fill(v);
	}
	v->top = at_end ? view_max_top(v) : 0;
	fill(v);
	clamp(v);
	set_anchor(v);
}

void view_scroll(struct view *v, long delta)
{
	/* Scrolling by all the lines there are: to the top or the bottom. */
	if (v->windowed && (delta <= -(long)v->vl.n || delta >= (long)v->vl.n)) {
		view_open(v, v->art, delta > 0);
		return;
	}
	while (v->windowed && delta < 0 && (size_t)-delta > v->top && grow_up(v))
		;
	while (v->windowed && delta > 0 && v->top + (size_t)delta + (size_t)v->rows > v->vl.n &&
	       grow_down(v))
		;
	if (delta < 0 && (size_t)-delta > v->top)
		v->top = 0;
	else
		v->top += (size_t)delta;
	clamp(v);
	fill(v);
	clamp(v);
	set_anchor(v);
}

/* Is the last unit of the article laid out? */
static int at_article_end(const struct view *v)
{
	const struct view_unit *u = &v->units[v->nunits - 1];
	size_t nitems = v->ed->articles[v->art].nitems;

	return u->item + 1 >= nitems &&
	       u->seg + 1 >= doclines_item_segments(v->ed, v->art, u->item);
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
	size_t seen = v->top + (size_t)v->rows, total;

	if (!v->vl.n || (seen >= v->vl.n && (!v->windowed || at_article_end(v))))
		return 100;
	if (!v->windowed)
		return (int)(seen * 100 / v->vl.n);
	/* In part: how far the bottom line is into the article's text. */
	total = article_bytes(v);
	for (size_t i = (seen < v->vl.n ? seen : v->vl.n) ; i-- > 0;) {
		const struct vline *l = &v->vl.v[i];

		if (l->kind != VL_BLANK && l->kind != VL_FRONT)
			return (int)(edition_article_offset(v->ed, v->art, l->item, l->l.end) * 100 /
				     (total ? total : 1));
	}
	return 0;
}

int view_set_search(struct view *v, const char *q, size_t n, int regex, char *err, size_t errsize)
{
	v->has_match = 0;
	return search_set(&v->sr, v->ed, q, n, regex, v->keep_case, v->keep_script, err, errsize);
}

void view_set_query(struct view *v, const char *q, size_t n)
{
	char err[8];

	view_set_search(v, q, n, 0, err, sizeof err);
}

void view_clear_search(struct view *v)
{
	v->has_match = 0;
	search_set(&v->sr, v->ed, "", 0, 0, 0, 0, NULL, 0);
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
		relayout(v, &p);
		v->top = 0;
	}
	line = show_line(v, p);
	if (line != SIZE_MAX &&
	    (line < v->top || line + (size_t)v->covered >= v->top + (size_t)v->rows)) {
		v->top = line > (size_t)v->rows / 3 ? line - (size_t)v->rows / 3 : 0;
		fill(v);
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
