/*
 * text: character classes of Chinese newspaper text, shared by the parser
 * and the layout. Pure functions over UTF-8; no allocation.
 */
#ifndef READER_TEXT_H
#define READER_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode the character at s (n > 0 bytes left); returns its length in
 * bytes (at least 1) and stores the code point, U+FFFD for invalid bytes. */
size_t text_next_slow(const char *s, size_t n, uint32_t *cp);
/* Decode the character that ends at s + n; returns its length. The
 * three-byte forms are decoded inline, the rest by text_prev_slow(). */
size_t text_prev_slow(const char *s, size_t n, uint32_t *cp);
static inline size_t text_prev(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + n;

	if (n >= 3 && (u[-3] & 0xF0) == 0xE0 && (u[-2] & 0xC0) == 0x80 && (u[-1] & 0xC0) == 0x80 &&
	    (u[-3] != 0xE0 || u[-2] >= 0xA0) && (u[-3] != 0xED || u[-2] < 0xA0)) {
		*cp = (uint32_t)(u[-3] & 0x0F) << 12 | (uint32_t)(u[-2] & 0x3F) << 6 | (u[-1] & 0x3F);
		return 3;
	}
	return text_prev_slow(s, n, cp);
}

/* The decoder guarantees valid UTF-8, so ASCII and the three-byte forms
 * (all of CJK) are decoded inline; the rest goes to text_next_slow(). */
static inline size_t text_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xF0) == 0xE0 && n >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
	    (u[0] != 0xE0 || u[1] >= 0xA0) && (u[0] != 0xED || u[1] < 0xA0)) {
		*cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		return 3;
	}
	return text_next_slow(s, n, cp);
}
/* Write the UTF-8 form of cp (at most 4 bytes) to out; returns its length. */
size_t text_put(uint32_t cp, char *out);
/* A 64-bit hash of n bytes, seeded with h: multiplicative, over four
 * independent lanes so that the multiplications overlap. Stable across
 * machines (little-endian words): the edition id is made of it. */
uint64_t text_hash(uint64_t h, const char *s, size_t n);
/* Count characters in s, stopping once limit is exceeded (returns limit+1). */
size_t text_count(const char *s, size_t n, size_t limit);

/* A Han ideograph (CJK Unified Ideographs and extensions, compatibility).
 * Inline: the layout, the parser and the proofreader ask it of every
 * character. */
static inline int text_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       cp == 0x3007;
}
/* White space a line may be indented or padded with (ASCII blanks, U+3000,
 * U+00A0). */
int text_is_space(uint32_t cp);
/* Sentence-final punctuation: 。！？… and ASCII . ! ? */
int text_is_final(uint32_t cp);
/* Closing quotes and brackets that may follow sentence-final punctuation. */
int text_is_closer(uint32_t cp);
/* Any punctuation a name or a kicker never contains. */
int text_is_punct(uint32_t cp);

/* If s starts with a character that must never reach a terminal raw (a C0
 * control other than TAB and LF, DEL, a C1 control, or a bidirectional
 * formatting character such as U+202E), return its length in bytes and
 * store it in *cp; else 0. Every escaper of the program asks this. */
size_t text_unsafe(const char *s, size_t n, uint32_t *cp);

/* Do the n bytes at s (NULL: none), cut at their first NUL, equal the cn
 * bytes of the C string c? A stored copy of text that held a NUL ends
 * there: how a bookmark's headline is matched against an edition's. */
int text_equal_upto_nul(const char *s, size_t n, const char *c, size_t cn);

/* Do the n bytes at s start (end) with the NUL-terminated word w? */
int text_starts(const char *s, size_t n, const char *w);
int text_ends(const char *s, size_t n, const char *w);

/* Lower-case the ASCII letters of a NUL-terminated string, in place (the
 * settings file's names, edition ids). */
void text_ascii_lower(char *s);

/*
 * The program's one rule for lines: LF, CRLF or a lone CR ends a line, and
 * the last line needs no end. Given the line that starts at pos (pos < len)
 * in s, store its length without the line end in *n and return where the
 * next line starts (len after the last line).
 */
size_t text_next_line(const char *s, size_t len, size_t pos, size_t *n);

/* Strip leading and trailing text_is_space() characters: adjusts *s, *n and
 * returns the number of characters removed at the start. */
size_t text_trim(const char **s, size_t *n);
/* Does the text end a sentence (final punctuation, possibly followed by
 * closing quotes or brackets)? */
int text_ends_sentence(const char *s, size_t n);

#endif
