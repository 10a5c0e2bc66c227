/*
 * text: character classes for the parser and the layout. See text.h.
 */
#include "text.h"

#include <endian.h>
#include <string.h>
#include <unistr.h>

size_t text_next_slow(const char *s, size_t n, uint32_t *cp)
{
	ucs4_t uc;
	int len = u8_mbtouc(&uc, (const uint8_t *)s, n);

	*cp = uc;
	return len > 0 ? (size_t)len : 1;
}

size_t text_put(uint32_t c, char *u)
{
	if (c < 0x80) {
		u[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | c >> 18);
	u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	u[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

size_t text_prev_slow(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t back = 1;
	uint32_t c;

	while (back < 4 && back < n && (u[n - back] & 0xC0) == 0x80)
		back++;
	if (text_next(s + n - back, back, &c) == back) {
		*cp = c;
		return back;
	}
	*cp = 0xFFFD;  /* not the end of a well-formed character */
	return 1;
}

size_t text_count(const char *s, size_t n, size_t limit)
{
	size_t c = 0;

	/* A character is 1 to 4 bytes: the length alone often decides. */
	if (limit < SIZE_MAX / 4 && n > 4 * limit)
		return limit + 1;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++c > limit)
			return limit + 1;
	}
	return c;
}

int text_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0x3000 ||
	       cp == 0x00A0;
}

int text_is_final(uint32_t cp)
{
	switch (cp) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case 0x2026: /* … */
	case 0x22EF: /* ⋯ */
	case 0xFF0E: /* ． */
	case 0xFF61: /* ｡ */
	case '.':
	case '!':
	case '?':
		return 1;
	}
	return 0;
}

int text_is_closer(uint32_t cp)
{
	switch (cp) {
	case 0x201D: /* ” */
	case 0x2019: /* ’ */
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0xFF09: /* ） */
	case ')':
	case '"':
	case '\'':
	case 0x300B: /* 》 */
	case 0x3009: /* 〉 */
	case 0x3011: /* 】 */
		return 1;
	}
	return 0;
}

int text_is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
		       (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
	return (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x3003) ||
	       (cp >= 0x3008 && cp <= 0x301F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	       (cp >= 0xFF5B && cp <= 0xFF65);
}

size_t text_next_line(const char *s, size_t len, size_t pos, size_t *n)
{
	const char *ls = s + pos;
	const char *nl = memchr(ls, '\n', len - pos);
	size_t seg = nl ? (size_t)(nl - ls) : len - pos;
	const char *cr = memchr(ls, '\r', seg);

	*n = seg;
	if (cr) {
		*n = (size_t)(cr - ls);
		if (*n + 1 < seg)
			return pos + *n + 1;  /* a lone CR ends the line */
	}
	return pos + seg + (nl ? 1 : 0);
}

size_t text_trim(const char **s, size_t *n)
{
	size_t removed = 0;
	uint32_t cp;

	while (*n) {
		size_t l = text_next(*s, *n, &cp);

		if (!text_is_space(cp))
			break;
		*s += l;
		*n -= l;
		removed++;
	}
	while (*n) {
		size_t l = text_prev(*s, *n, &cp);

		if (!text_is_space(cp))
			break;
		*n -= l;
	}
	return removed;
}

int text_ends_sentence(const char *s, size_t n)
{
	uint32_t cp;

	while (n) {
		n -= text_prev(s, n, &cp);
		if (text_is_final(cp))
			return 1;
		if (!text_is_closer(cp))
			return 0;
	}
	return 0;
}

size_t text_unsafe(const char *s, size_t n, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t l;

	if (c < 0x80) {
		*cp = c;
		return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
	}
	if (c != 0xC2 && c != 0xD8 && c != 0xE2)
		return 0;  /* the only lead bytes of the characters below */
	l = text_next(s, n, cp);
	if ((*cp >= 0x80 && *cp <= 0x9F) || *cp == 0x061C || *cp == 0x200E || *cp == 0x200F ||
	    (*cp >= 0x202A && *cp <= 0x202E) || (*cp >= 0x2066 && *cp <= 0x2069) ||
	    *cp == 0x2028 || *cp == 0x2029)
		return l;
	return 0;
}

uint64_t text_hash(uint64_t h, const char *s, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t l[4] = {h, h ^ 1, h ^ 2, h ^ 3}, w = 0;
	size_t len = n;

	for (; n >= 32; s += 32, n -= 32)
		for (int i = 0; i < 4; i++) {
			memcpy(&w, s + 8 * i, 8);
			l[i] = (l[i] ^ le64toh(w)) * k;
			l[i] ^= l[i] >> 29;
		}
	h = (l[0] ^ (l[1] << 1) ^ (l[2] << 2) ^ (l[3] << 3)) * k;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ le64toh(w)) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ le64toh(w) ^ ((uint64_t)len << 48)) * k;
	return h ^ (h >> 32);
}

int text_equal_upto_nul(const char *s, size_t n, const char *c, size_t cn)
{
	if (!s)
		s = "", n = 0;
	return strnlen(s, n) == cn && (!cn || memcmp(s, c, cn) == 0);
}

void text_ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + ('a' - 'A'));
}

int text_starts(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n >= l && memcmp(s, w, l) == 0;
}

int text_ends(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);

	return n >= l && memcmp(s + n - l, w, l) == 0;
}
