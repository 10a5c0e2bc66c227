/*
 * doclines: an edition as display lines. See doclines.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doclines.h"
#include "text.h"
#include "util.h"

void vlines_push(struct vlines *out, enum vline_kind kind, const char *text, size_t len,
		       size_t article, size_t item, const struct lline *l)
{
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = (struct vline){kind, text, len, article, item,
					  l ? *l : (struct lline){0, 0, 0, 0, 0, 0, 0}};
}

/* Lay out bytes [a, b) of a text and append their lines as display
 * lines, with offsets into the whole text. */
static void add_text(struct vlines *out, enum vline_kind kind, struct str t, size_t a, size_t b,
		     size_t article, size_t item, const struct layout_opts *o, int indent,
		     enum layout_align al)
{
	struct llines ll = {0};

	layout_text(t.s + a, b - a, o, indent, al, &ll);
	for (size_t k = 0; k < ll.n; k++) {
		ll.v[k].start += a;
		ll.v[k].end += a;
		ll.v[k].next += a;
		vlines_push(out, kind, t.s, t.n, article, item, &ll.v[k]);
	}
	free(ll.v);
}

size_t doclines_nsegments(size_t n)
{
	return n < 2 * DOCLINES_SEGMENT ? 1 : n / DOCLINES_SEGMENT;
}

/* Where the segment after base starts: after the first sentence end in
 * the 1 KiB from base, else at the first character boundary from base. */
static size_t boundary(const char *s, size_t n, size_t base)
{
	size_t i = base, lim = base + 1024 < n ? base + 1024 : n, first;
	uint32_t cp;

	while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	first = i;
	while (i < lim) {
		size_t k = text_next(s + i, n - i, &cp);

		i += k;
		if (!text_is_final(cp))
			continue;
		/* The closing quotes after it stay on its line. */
		while (i < n && (k = text_next(s + i, n - i, &cp)) && text_is_closer(cp))
			i += k;
		return i;
	}
	return first;
}

void doclines_segment(const char *s, size_t n, size_t k, size_t *start, size_t *end)
{
	size_t m = doclines_nsegments(n);

	*start = k == 0 ? 0 : boundary(s, n, k * DOCLINES_SEGMENT);
	*end = k + 1 >= m ? n : boundary(s, n, (k + 1) * DOCLINES_SEGMENT);
}

void doclines_front(const struct edition *ed, const struct layout_opts *o, struct vlines *out)
{
	for (size_t i = 0; i < ed->nfront; i++) {
		/* Banner and masthead centred, contacts and dateline as they are. */
		int centred = ed->front[i].s == ed->title.s || i < ed->nbanner;

		add_text(out, VL_FRONT, ed->front[i], 0, ed->front[i].n, SIZE_MAX, i, o, 0,
			 centred ? ALIGN_CENTER : ALIGN_LEFT);
	}
}

size_t doclines_item_segments(const struct edition *ed, size_t article, size_t item)
{
	return doclines_nsegments(edition_item_text(ed, article, item).n);
}

/* A blank line between the heading and the text, and between paragraphs
 * when they have no indent to tell them apart. */
static int blank_before(const struct article *a, size_t i, const struct layout_opts *o)
{
	enum item_kind prev, kind = a->items[i].kind;

	if (i == 0)
		return 0;
	prev = a->items[i - 1].kind;
	return ((prev == ITEM_HEADLINE || prev == ITEM_SUBTITLE) && kind != ITEM_HEADLINE &&
		kind != ITEM_SUBTITLE) ||
	       (prev == ITEM_PARA && kind == ITEM_PARA && o->indent == 0);
}

size_t doclines_unit(const struct edition *ed, size_t article, size_t i, size_t seg,
		     const struct layout_opts *o, struct vlines *out)
{
	const struct article *a = &ed->articles[article];
	const struct item *it = &a->items[i];
	struct str t = edition_item_text(ed, article, i);
	size_t before = out->n, s, e;
	enum vline_kind kind = VL_PARA;
	enum layout_align al = ALIGN_LEFT;
	int indent = 0;

	if (seg == 0 && blank_before(a, i, o))
		vlines_push(out, VL_BLANK, NULL, 0, article, i, NULL);
	switch (it->kind) {
	case ITEM_KICKER: kind = VL_KICKER; break;
	case ITEM_HEADLINE: kind = VL_HEADLINE; al = ALIGN_CENTER; break;
	case ITEM_SUBTITLE: kind = VL_KICKER; al = ALIGN_CENTER; break;
	case ITEM_BYLINE: kind = VL_BYLINE; al = ALIGN_RIGHT; break;
	case ITEM_PARA:
		/* A subhead is set as a heading: bold, not indented. */
		if (a->paras[it->para].kind == PARA_SUBHEAD)
			kind = VL_SUBHEAD;
		else
			indent = seg == 0 ? o->indent : 0;
		break;
	}
	doclines_segment(t.s, t.n, seg, &s, &e);
	add_text(out, kind, t, s, e, article, i, o, indent, al);
	return out->n - before;
}

void doclines_article(const struct edition *ed, size_t article, const struct layout_opts *o,
		    struct vlines *out)
{
	const struct article *a = &ed->articles[article];

	for (size_t i = 0; i < a->nitems; i++)
		for (size_t k = 0, m = doclines_item_segments(ed, article, i); k < m; k++)
			doclines_unit(ed, article, i, k, o, out);
}

void vlines_free(struct vlines *v)
{
	free(v->v);
	memset(v, 0, sizeof *v);
}
