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

/* What NFKC (and case folding) made of the code points off the fast path
 * lately, per thread (the archive's indexer folds in a thread of its
 * own): curly quotes, dashes and the like come often, and libunistring
 * is slow for one code point. Direct-mapped; an entry with n 0 is empty. */
#define MEMO_SLOTS 256
#define MEMO_MAX 6
static _Thread_local struct {
	uint32_t cp;
	unsigned char n, keep_case;
	uint32_t out[MEMO_MAX];
} memo[MEMO_SLOTS];

/* Append the folded form of one code point: NFKC (and case folding), then
 * each result through the script table. */
static void fold_cp(uint32_t cp, struct folded *f, uint32_t src, int keep_case,
		    const uint32_t *script)
{
	uint32_t out[32];
	size_t len = sizeof out / sizeof out[0], h = cp % MEMO_SLOTS;
	uint32_t *r = out;

	if (cp < 0x80) {
		out[0] = cp >= 'A' && cp <= 'Z' && !keep_case ? cp + 32 : cp;
		len = 1;
	} else if (text_is_han(cp) || (cp >= 0x3001 && cp <= 0x303F)) {
		out[0] = cp;  /* CJK folds to itself */
		len = 1;
	} else if (cp >= 0xFF01 && cp <= 0xFF5E) {
		/* Full-width ASCII: NFKC gives the ASCII, then case. */
		cp -= 0xFEE0;
		out[0] = cp >= 'A' && cp <= 'Z' && !keep_case ? cp + 32 : cp;
		len = 1;
	} else if (memo[h].n && memo[h].cp == cp && memo[h].keep_case == !!keep_case) {
		len = memo[h].n;
		memcpy(out, memo[h].out, len * sizeof *out);
	} else {
		if (!(r = keep_case ? u32_normalize(UNINORM_NFKC, &cp, 1, out, &len)
				    : u32_casefold(&cp, 1, NULL, UNINORM_NFKC, out, &len))) {
			r = out;
			out[0] = cp;
			len = 1;
		}
		if (len && len <= MEMO_MAX) {
			memo[h].cp = cp;
			memo[h].n = (unsigned char)len;
			memo[h].keep_case = !!keep_case;
			memcpy(memo[h].out, r, len * sizeof *r);
		}
	}
	for (size_t i = 0; i < len; i++) {
		char u[4];
		uint32_t c = r[i];
		size_t ul;

		if (script && c >= FOLD_SCRIPT_LO && c <= FOLD_SCRIPT_HI)
			c = script[c - FOLD_SCRIPT_LO];
		ul = text_put(c, u);
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
	fold_text_script(s, n, f, 0, NULL);
}

void fold_text_case(const char *s, size_t n, struct folded *f, int keep_case)
{
	fold_text_script(s, n, f, keep_case, NULL);
}

void fold_text_script(const char *s, size_t n, struct folded *f, int keep_case,
		      const uint32_t *script)
{
	size_t i = 0;

	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	f->n = 0;
	grow(f, n + 1);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t l;

		/* The fast paths, with fold_cp()'s answers: ASCII, and a Han
		 * character (or CJK punctuation) of three bytes that the
		 * script table leaves as it is. */
		if (c < 0x80) {
			if (f->n + 2 > f->cap)
				grow(f, f->n + 2);
			f->s[f->n] = (char)(c >= 'A' && c <= 'Z' && !keep_case ? c + 32 : c);
			f->map[f->n++] = (uint32_t)i++;
			continue;
		}
		l = text_next(s + i, n - i, &cp);
		if (l == 3 && (text_is_han(cp) || (cp >= 0x3001 && cp <= 0x303F)) &&
		    (!script || cp < FOLD_SCRIPT_LO || cp > FOLD_SCRIPT_HI ||
		     script[cp - FOLD_SCRIPT_LO] == cp)) {
			if (f->n + 4 > f->cap)
				grow(f, f->n + 4);
			memcpy(f->s + f->n, s + i, 3);
			f->map[f->n] = f->map[f->n + 1] = f->map[f->n + 2] = (uint32_t)i;
			f->n += 3;
		} else {
			fold_cp(cp, f, (uint32_t)i, keep_case, script);
		}
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
