/*
 * rawline: the raw view's form of a source line. See rawline.h.
 */
#include "rawline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "width.h"

/* Spaces that look like an ASCII space but are not one. */
static int other_space(uint32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F;
}

/* The first substitution at decoded offset off or after. */
static size_t first_subst(const struct decoded *dec, size_t off)
{
	size_t lo = 0, hi = dec->nsubst;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dec->subst[mid].offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void add_mark(struct rawline *r, size_t from)
{
	XGROW(r->mark, r->capmark, r->nmark + 1);
	r->mark[r->nmark][0] = from;
	r->mark[r->nmark][1] = r->text.len;
	r->nmark++;
}

void rawline_build(struct rawline *r, const struct decoded *dec, const char *s, size_t n)
{
	size_t base = (size_t)(s - dec->text), si = first_subst(dec, base), trail = n;

	r->text.len = 0;
	r->nmark = 0;
	while (trail > 0 && s[trail - 1] == ' ')
		trail--;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = text_next(s + i, n - i, &cp), from = r->text.len;
		int mark;

		while (si < dec->nsubst && dec->subst[si].offset < base + i)
			si++;
		if (cp == 0xFFFD && si < dec->nsubst && dec->subst[si].offset == base + i) {
			const struct decode_subst *sub = &dec->subst[si];

			for (int k = 0; k < sub->nbytes && k < 4; k++)
				sbuf_addf(&r->text, "\\x%02X", sub->bytes[k]);
		} else if (cp == '\t') {
			sbuf_add(&r->text, "→", strlen("→"));
		} else if (cp == 0x3000) {
			sbuf_add(&r->text, "＿", strlen("＿"));
		} else if (cp == 0x00A0) {
			sbuf_add(&r->text, "⍽", strlen("⍽"));
		} else if (cp == ' ' && i >= trail) {
			sbuf_add(&r->text, "␣", strlen("␣"));
		} else if (cp < 0x20 || cp == 0x7F) {
			char u[4];

			sbuf_add(&r->text, u, text_put(cp == 0x7F ? 0x2421 : 0x2400 + cp, u));
		} else if (other_space(cp) || width_glyph(cp, &mark) == 0 || mark) {
			sbuf_addf(&r->text, "<%04X>", (unsigned)cp);
		} else {
			sbuf_add(&r->text, s + i, l);
			i += l;
			continue;
		}
		add_mark(r, from);
		i += l;
	}
	if (!r->text.s)
		sbuf_add(&r->text, "", 0);
}

void rawline_free(struct rawline *r)
{
	sbuf_free(&r->text);
	free(r->mark);
	memset(r, 0, sizeof *r);
}
