/*
 * fold: text folded for matching, so that full-width and half-width forms
 * and letter case match each other (ＡＢＣ, abc and ABC; ，and ,).
 *
 * Folding is NFKC with case folding (libunistring), with a fast path for
 * ASCII and Han. A folded text keeps, for each of its bytes, the offset in
 * the source it came from, so that a match maps back to the source.
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
/* Find the next match of the folded query q in f at or after source
 * offset from; fills the match's source range and returns 1, or 0. */
int fold_find(const struct folded *f, const char *q, size_t qn, size_t from, size_t *start,
	      size_t *end);
/* Find the last match that starts before source offset before. */
int fold_find_back(const struct folded *f, const char *q, size_t qn, size_t before,
		   size_t *start, size_t *end);
void fold_free(struct folded *f);

#endif
