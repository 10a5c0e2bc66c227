/*
 * rows: interface text laid out in rows. See rows.h.
 *
 * The layout options are the session's (its ambiguous width is what the
 * terminal draws) without the paragraph indent or the punctuation
 * normalisation, which are for the edition's text.
 */
#include "rows.h"

#include <string.h>

#include "draw.h"

size_t rows_layout(const struct tui *t, const char *s, int width, struct llines *out)
{
	struct layout_opts lo = t->s.lo;

	lo.width = width < 2 ? 2 : width;
	lo.indent = 0;
	lo.normalize = 0;
	out->n = 0;
	if (!layout_text(s, strlen(s), &lo, 0, ALIGN_LEFT, out)) {
		XGROW(out->v, out->cap, 1);
		out->v[out->n++] = (struct lline){0, 0, 0, 0, 0, 0, 0};
	}
	return out->n;
}

void rows_put(struct tui *t, int y, int x, const char *s, const struct llines *ll, size_t k,
	      attr_t attr)
{
	const struct lline *l = &ll->v[k];

	draw_text(t, y, x + l->indent, s, strlen(s), l->start, l->end, 0, attr, NULL, 0, SIZE_MAX);
}

int rows_draw(struct tui *t, int y, int x, int width, int max, const char *s, attr_t attr)
{
	struct llines ll = {0};
	size_t n = rows_layout(t, s, width, &ll);
	int r;

	for (r = 0; r < max && (size_t)r < n; r++)
		rows_put(t, y + r, x, s, &ll, (size_t)r, attr);
	llines_free(&ll);
	return r;
}
