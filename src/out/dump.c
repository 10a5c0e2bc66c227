/*
 * dump: the whole edition as laid out, as plain text. See dump.h.
 */
#include <stdint.h>
#include <stdio.h>

#include "doclines.h"
#include "dump.h"
#include "util.h"

/* Write display lines as plain text: indent, then the drawn glyphs. */
static void write_vlines(const struct vlines *v, const struct layout_opts *o, FILE *f,
			 struct sbuf *buf)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct vline *l = &v->v[i];

		buf->len = 0;
		if (l->kind != VL_BLANK) {
			for (int k = 0; k < l->l.indent; k++)
				sbuf_addc(buf, ' ');
			layout_render(l->text, l->textlen, l->l.start, l->l.end, l->l.plain, o, buf,
				      NULL);
		}
		sbuf_addc(buf, '\n');
		fwrite(buf->s, 1, buf->len, f);
	}
}

void dump_edition(const struct edition *ed, const struct layout_opts *o, FILE *f)
{
	struct vlines v = {0};
	struct sbuf buf = {0};

	doclines_front(ed, o, &v);
	for (size_t a = 0; a < ed->narticles; a++) {
		/* Articles are streamed one at a time: a year of editions is
		 * never laid out in memory at once. */
		if (a > 0 || ed->nfront)
			vlines_push(&v, VL_BLANK, NULL, 0, a, 0, NULL);
		doclines_article(ed, a, o, &v);
		write_vlines(&v, o, f, &buf);
		v.n = 0;
	}
	write_vlines(&v, o, f, &buf);
	vlines_free(&v);
	sbuf_free(&buf);
}

