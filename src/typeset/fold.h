/*
 * fold: text folded for matching, so that full-width and half-width forms
 * and letter case match each other (ＡＢＣ, abc and ABC; ，and ,).
 *
 * Folding is NFKC with case folding (libunistring), with a fast path for
 * ASCII and Han. A folded text keeps, for each of its bytes, the offset in
 * the source it came from, so that a match maps back to the source.
 *
 * Folding can also bring each Han character to one script's form (國 and
 * 国 match each other): the caller hands in the table of what each
 * character of the blocks U+3400 to U+FAFF becomes (variants.h makes one
 * from OpenCC's; this layer knows nothing of scripts). Such a fold may
 * change byte lengths, as NFKC may: the map still leads back.
 */
#ifndef READER_FOLD_H
#define READER_FOLD_H

#include <stddef.h>
#include <stdint.h>

struct folded {
	char *s;            /* the folded text, NUL-terminated */
	size_t n;
	uint32_t *map;      /* map[i]: source offset of folded byte i; map[n]: source length */
	size_t cap;
};

/* Fold n bytes of s into f (reusing its buffers). Texts over 4 GiB are
 * folded only up to 4 GiB. */
void fold_text(const char *s, size_t n, struct folded *f);
/* The same, keeping letter case when keep_case (width forms still fold). */
void fold_text_case(const char *s, size_t n, struct folded *f, int keep_case);

/* The code points a script table covers: script[cp - FOLD_SCRIPT_LO] is
 * what cp folds to (cp itself when it has no other form). */
#define FOLD_SCRIPT_LO 0x3400u
#define FOLD_SCRIPT_HI 0xFAFFu
/* The same, and each character of the folded text in the table's range
 * replaced by its entry (script NULL: none replaced). */
void fold_text_script(const char *s, size_t n, struct folded *f, int keep_case,
		      const uint32_t *script);
/* Find the next match of the folded query q in f at or after source
 * offset from; fills the match's source range and returns 1, or 0. */
int fold_find(const struct folded *f, const char *q, size_t qn, size_t from, size_t *start,
	      size_t *end);
/* Find the last match that starts before source offset before. */
int fold_find_back(const struct folded *f, const char *q, size_t qn, size_t before,
		   size_t *start, size_t *end);
void fold_free(struct folded *f);

#endif
