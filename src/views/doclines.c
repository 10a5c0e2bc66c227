/*
 * doclines: an edition as display lines. See doclines.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doclines.h"
#include "util.h"

void vlines_push(struct vlines *out, enum vline_kind kind, const char *text, size_t len,
		       size_t article, size_t item, const struct lline *l)
{
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = (struct vline){kind, text, len, article, item,
					  l ? *l : (struct lline){0, 0, 0, 0, 0, 0, 0}};
}

/* Lay out one text and append its lines as display lines. */
static void add_text(struct vlines *out, enum vline_kind kind, struct str t, size_t article,
		     size_t item, const struct layout_opts *o, int indent, enum layout_align al)
{
	struct llines ll = {0};

	layout_text(t.s, t.n, o, indent, al, &ll);
	for (size_t k = 0; k < ll.n; k++)
		vlines_push(out, kind, t.s, t.n, article, item, &ll.v[k]);
	free(ll.v);
}

void doclines_front(const struct edition *ed, const struct layout_opts *o, struct vlines *out)
{
	for (size_t i = 0; i < ed->nfront; i++) {
		/* Banner and masthead centred, contacts and dateline as they are. */
		int centred = ed->front[i].s == ed->title.s || i < ed->nbanner;

		add_text(out, VL_FRONT, ed->front[i], SIZE_MAX, i, o, 0,
			 centred ? ALIGN_CENTER : ALIGN_LEFT);
	}
}

void doclines_article(const struct edition *ed, size_t article, const struct layout_opts *o,
		    struct vlines *out)
{
	const struct article *a = &ed->articles[article];
	enum item_kind prev = ITEM_KICKER;

	for (size_t i = 0; i < a->nitems; i++) {
		const struct item *it = &a->items[i];

		/* A blank line between the heading and the text, and between
		 * paragraphs when they have no indent to tell them apart. */
		if (i > 0 && (((prev == ITEM_HEADLINE || prev == ITEM_SUBTITLE) &&
			       it->kind != ITEM_HEADLINE && it->kind != ITEM_SUBTITLE) ||
			      (prev == ITEM_PARA && it->kind == ITEM_PARA && o->indent == 0)))
			vlines_push(out, VL_BLANK, NULL, 0, article, i, NULL);
		switch (it->kind) {
		case ITEM_KICKER:
			add_text(out, VL_KICKER, it->text, article, i, o, 0, ALIGN_LEFT);
			break;
		case ITEM_HEADLINE:
			add_text(out, VL_HEADLINE, it->text, article, i, o, 0, ALIGN_CENTER);
			break;
		case ITEM_SUBTITLE:
			add_text(out, VL_KICKER, it->text, article, i, o, 0, ALIGN_CENTER);
			break;
		case ITEM_PARA:
			/* A subhead is set as a heading: bold, not indented. */
			if (a->paras[it->para].kind == PARA_SUBHEAD)
				add_text(out, VL_SUBHEAD, a->paras[it->para].text, article, i, o, 0,
					 ALIGN_LEFT);
			else
				add_text(out, VL_PARA, a->paras[it->para].text, article, i, o,
					 o->indent, ALIGN_LEFT);
			break;
		case ITEM_BYLINE:
			add_text(out, VL_BYLINE, it->text, article, i, o, 0, ALIGN_RIGHT);
			break;
		}
		prev = it->kind;
	}
}

void vlines_free(struct vlines *v)
{
	free(v->v);
	memset(v, 0, sizeof *v);
}
