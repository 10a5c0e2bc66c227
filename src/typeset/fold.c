/*
 * fold: folding text for matching. See fold.h.
 */
#include "fold.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

#include "text.h"
#include "util.h"

/* Room for need bytes of folded text and their map entries. */
static void grow(struct folded *f, size_t need)
{
	size_t cap = f->cap;

	XGROW(f->s, f->cap, need);
	if (f->cap != cap || !f->map)
		f->map = xreallocarray(f->map, f->cap, sizeof *f->map);
}

/* Append the folded form of one code point. */
static void fold_cp(uint32_t cp, struct folded *f, uint32_t src, int keep_case)
{
	uint32_t out[32];
	size_t len = sizeof out / sizeof out[0];
	uint32_t *r = out;

	if (cp < 0x80) {
		out[0] = cp >= 'A' && cp <= 'Z' && !keep_case ? cp + 32 : cp;
		len = 1;
	} else if (text_is_han(cp) || (cp >= 0x3001 && cp <= 0x303F)) {
		out[0] = cp;  /* CJK folds to itself */
		len = 1;
	} else if (!(r = keep_case ? u32_normalize(UNINORM_NFKC, &cp, 1, out, &len)
				   : u32_casefold(&cp, 1, NULL, UNINORM_NFKC, out, &len))) {
		r = out;
		out[0] = cp;
		len = 1;
	}
	for (size_t i = 0; i < len; i++) {
		char u[4];
		size_t ul = text_put(r[i], u);

		grow(f, f->n + ul + 1);
		for (size_t k = 0; k < ul; k++) {
			f->s[f->n] = u[k];
			f->map[f->n++] = src;
		}
	}
	if (r != out)
		free(r);
}

void fold_text(const char *s, size_t n, struct folded *f)
{
	fold_text_case(s, n, f, 0);
}

void fold_text_case(const char *s, size_t n, struct folded *f, int keep_case)
{
	size_t i = 0;

	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	f->n = 0;
	grow(f, n + 1);
	while (i < n) {
		uint32_t cp;
		size_t l = text_next(s + i, n - i, &cp);

		fold_cp(cp, f, (uint32_t)i, keep_case);
		i += l;
	}
	grow(f, f->n + 1);
	f->s[f->n] = '\0';
	f->map[f->n] = (uint32_t)n;
}

/* The source range of a match at folded bytes [i, i + qn). */
static void source_range(const struct folded *f, size_t i, size_t qn, size_t *start, size_t *end)
{
	size_t j = i + qn;

	*start = f->map[i];
	/* The match ends where the source character after it starts. */
	while (j < f->n && f->map[j] == f->map[j - 1])
		j++;
	*end = f->map[j];
}

int fold_find(const struct folded *f, const char *q, size_t qn, size_t from, size_t *start,
	      size_t *end)
{
	size_t i = 0;

	size_t hi = f->n;

	if (!qn)
		return 0;
	/* The first folded byte from `from` on: map never decreases. */
	while (i < hi) {
		size_t mid = i + (hi - i) / 2;

		if (f->map[mid] < from)
			i = mid + 1;
		else
			hi = mid;
	}
	for (;;) {
		const char *p = i < f->n ? memmem(f->s + i, f->n - i, q, qn) : NULL;

		if (!p)
			return 0;
		i = (size_t)(p - f->s);
		/* Only matches that start on a source character boundary. */
		if (i == 0 || f->map[i] != f->map[i - 1]) {
			source_range(f, i, qn, start, end);
			return 1;
		}
		i++;
	}
}

int fold_find_back(const struct folded *f, const char *q, size_t qn, size_t before,
		   size_t *start, size_t *end)
{
	size_t s, e, from = 0;
	int found = 0;

	while (fold_find(f, q, qn, from, &s, &e) && s < before) {
		*start = s;
		*end = e;
		found = 1;
		from = s + 1;
	}
	return found;
}

void fold_free(struct folded *f)
{
	free(f->s);
	free(f->map);
	memset(f, 0, sizeof *f);
}
