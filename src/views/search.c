/*
 * search: the hits of a query over an edition. See search.h.
 *
 * What always holds: v[0 .. nhits) are sorted by place (article, front
 * lines before items, index, start) and every hit is non-empty.
 */
#include "search.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"
#include "variants.h"

/* A place as one comparable key: front lines sort before items. */
static int cmp_place(size_t a1, size_t i1, size_t f1, size_t o1, size_t a2, size_t i2, size_t f2,
		     size_t o2)
{
	size_t k1 = i1 == ITEM_FRONT ? f1 : i1, k2 = i2 == ITEM_FRONT ? f2 : i2;
	int front1 = i1 == ITEM_FRONT, front2 = i2 == ITEM_FRONT;

	if (a1 != a2)
		return a1 < a2 ? -1 : 1;
	if (front1 != front2)
		return front1 ? -1 : 1;
	if (k1 != k2)
		return k1 < k2 ? -1 : 1;
	return o1 < o2 ? -1 : o1 > o2;
}

static void add_hit(struct search *s, size_t art, size_t item, size_t front, size_t b, size_t e)
{
	XGROW(s->v, s->cap, s->nhits + 1);
	s->v[s->nhits++] = (struct hit){art, item, front, b, e};
}

/* The hits of a literal query in one text. */
static void find_literal(struct search *s, struct str t, size_t art, size_t item, size_t front)
{
	size_t from = 0, b, e;

	fold_text_script(t.s, t.n, &s->fb, s->keep_case, s->script);
	while (fold_find(&s->fb, s->folded, s->fn, from, &b, &e)) {
		add_hit(s, art, item, front, b, e);
		from = b + 1;
	}
}

/* The hits of the regular expression in one text, matched on its folded
 * width forms and mapped back to its bytes. */
static void find_regex(struct search *s, struct str t, size_t art, size_t item, size_t front)
{
	PCRE2_SIZE off = 0, *ov;
	const struct folded *f = &s->fb;

	fold_text_script(t.s, t.n, &s->fb, 1, s->script);
	while (off <= f->n && pcre2_match(s->re, (PCRE2_SPTR)f->s, f->n, off, 0, s->md, NULL) > 0) {
		ov = pcre2_get_ovector_pointer(s->md);
		if (ov[1] > ov[0]) {
			add_hit(s, art, item, front, f->map[ov[0]], f->map[ov[1]]);
			off = ov[1];
			continue;
		}
		/* An empty match: on past the character there. */
		off = ov[1] + 1;
		while (off < f->n && ((unsigned char)f->s[off] & 0xC0) == 0x80)
			off++;
	}
}

static void find_in(struct search *s, struct str t, size_t art, size_t item, size_t front)
{
	if (s->regex)
		find_regex(s, t, art, item, front);
	else
		find_literal(s, t, art, item, front);
}

/* The pattern with its width forms (and script) folded as the text will
 * be; a character that folds into an ASCII punctuation mark (（ to "(") is
 * escaped, so that it still means itself. A traditional character in a
 * class folds too ([國] is [国]), so the class still means the same. */
static char *fold_pattern(struct search *s, const char *q, size_t n, size_t *len)
{
	struct sbuf b = {0};

	fold_text_script(q, n, &s->fb, 1, s->script);
	for (size_t i = 0; i < s->fb.n; i++) {
		unsigned char c = (unsigned char)s->fb.s[i];
		size_t src = s->fb.map[i];

		if (c < 0x80 && c > ' ' && !(c >= '0' && c <= '9') && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    (unsigned char)q[src] >= 0x80)
			sbuf_addc(&b, '\\');
		sbuf_addc(&b, (char)c);
	}
	if (!b.s)
		sbuf_add(&b, "", 0);
	*len = b.len;
	return b.s;
}

static int compile(struct search *s, const char *q, size_t n, char *err, size_t errsize)
{
	int code;
	PCRE2_SIZE at, len;
	char *pat = fold_pattern(s, q, n, &len);
	uint32_t flags = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP |
			 (s->keep_case ? 0 : PCRE2_CASELESS);

	s->re = pcre2_compile((PCRE2_SPTR)pat, len, flags, &code, &at, NULL);
	free(pat);
	if (!s->re) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(code, msg, sizeof msg);
		snprintf(err, errsize, _("bad regular expression: %s"), (const char *)msg);
		return -1;
	}
	s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
	return 0;
}

static void clear(struct search *s)
{
	free(s->text);
	free(s->folded);
	pcre2_match_data_free(s->md);
	pcre2_code_free(s->re);
	s->text = s->folded = NULL;
	s->re = s->md = NULL;
	s->n = s->fn = s->nhits = 0;
}

int search_set(struct search *s, const struct edition *ed, const char *q, size_t n, int regex,
	       int keep_case, int keep_script, char *err, size_t errsize)
{
	clear(s);
	if (!n)
		return 0;
	s->regex = regex;
	s->keep_case = keep_case;
	s->keep_script = keep_script;
	s->script = keep_script ? NULL : variant_fold_table();
	if (regex && compile(s, q, n, err, errsize) < 0)
		return -1;
	if (!regex) {
		fold_text_script(q, n, &s->fb, keep_case, s->script);
		s->folded = xstrndup(s->fb.s, s->fb.n);
		s->fn = s->fb.n;
	}
	s->text = xstrndup(q, n);
	s->n = n;
	for (size_t i = 0; i < ed->nfront; i++)
		find_in(s, ed->front[i], 0, ITEM_FRONT, i);
	for (size_t a = 0; a < ed->narticles; a++)
		for (size_t i = 0; i < ed->articles[a].nitems; i++)
			find_in(s, edition_item_text(ed, a, i), a, i, 0);
	return 0;
}

/* The first hit that starts at or after (art, item, front, off). */
static size_t lower_bound(const struct search *s, size_t art, size_t item, size_t front,
			  size_t off)
{
	size_t lo = 0, hi = s->nhits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct hit *h = &s->v[mid];

		if (cmp_place(h->art, h->item, h->front, h->start, art, item, front, off) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t search_from(const struct search *s, size_t art, size_t item, size_t front, size_t off,
		   int dir)
{
	size_t i = lower_bound(s, art, item, front, off);

	if (dir > 0)
		return i < s->nhits ? i : SIZE_MAX;
	return i > 0 ? i - 1 : SIZE_MAX;
}

size_t search_first_in(const struct search *s, size_t art, size_t item, size_t front, size_t off)
{
	/* Back over the hits of the text that start before off but reach
	 * past it (one, unless hits overlap). */
	size_t i = lower_bound(s, art, item, front, off);

	while (i > 0 && s->v[i - 1].art == art && s->v[i - 1].item == item &&
	       (item != ITEM_FRONT || s->v[i - 1].front == front) && s->v[i - 1].end > off)
		i--;
	return i;
}

void search_free(struct search *s)
{
	clear(s);
	free(s->v);
	fold_free(&s->fb);
	memset(s, 0, sizeof *s);
}
