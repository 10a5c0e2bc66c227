/*
 * escape: the one escaper. See escape.h for the dialect.
 */
#include "escape.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/* How many bytes at s (n > 0 left) form one valid UTF-8 character; 0 when
 * the first byte starts no valid sequence. */
static size_t valid_len(const unsigned char *s, size_t n)
{
	size_t l;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		l = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		l = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		l = 4;
	else
		return 0;
	if (n < l)
		return 0;
	for (size_t i = 1; i < l; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return l;
}

/* The escape for the character at s, written into buf; returns the bytes
 * of s it stands for, 0 when the character goes out as it is. *blen gets
 * the escape's length. */
static size_t escape_one(const char *s, size_t n, unsigned flags, char buf[8], size_t *blen)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c = (unsigned char)s[0];
	size_t l = valid_len((const unsigned char *)s, n);
	uint32_t cp;

	switch (c) {
	case '\n': memcpy(buf, "\\n", 2); *blen = 2; return 1;
	case '\r': memcpy(buf, "\\r", 2); *blen = 2; return 1;
	case '\t':
	case '\\':
		if (!(flags & ESCAPE_FIELD))
			return 0;
		buf[0] = '\\';
		buf[1] = c == '\t' ? 't' : '\\';
		*blen = 2;
		return 1;
	}
	if (!l || (c < 0x80 && text_unsafe(s, n, &cp))) {
		buf[0] = '\\';
		buf[1] = 'x';
		buf[2] = hex[c >> 4];
		buf[3] = hex[c & 15];
		*blen = 4;
		return 1;
	}
	if (c >= 0x80 && text_unsafe(s, n, &cp)) {
		buf[0] = '\\';
		buf[1] = 'u';
		for (int k = 0; k < 4; k++)
			buf[2 + k] = hex[(cp >> (12 - 4 * k)) & 15];
		*blen = 6;
		return l;
	}
	return 0;
}

/* Walk s, handing runs of plain bytes and escapes to put(). */
static void escape_walk(const char *s, size_t n, unsigned flags,
			void (*put)(void *, const char *, size_t), void *arg)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0, i = 0;

	while (i < n) {
		char buf[8];
		size_t blen, l;

		/* Most text is printable ASCII or CJK (three bytes, lead E3-E9,
		 * never a character this file escapes): pass it in bulk. */
		if (u[i] >= 0x20 && u[i] < 0x7F && u[i] != '\\') {
			i++;
			run++;
			continue;
		}
		if (u[i] >= 0xE3 && u[i] <= 0xE9 && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			run += 3;
			continue;
		}
		l = escape_one(s + i, n - i, flags, buf, &blen);

		if (!l) {
			size_t k = valid_len((const unsigned char *)s + i, n - i);

			k += !k;  /* never stuck, whatever escape_one() passes */
			i += k;
			run += k;
			continue;
		}
		if (run)
			put(arg, s + i - run, run);
		run = 0;
		put(arg, buf, blen);
		i += l;
	}
	if (run)
		put(arg, s + n - run, run);
}

static void put_sbuf(void *arg, const char *s, size_t n)
{
	sbuf_add(arg, s, n);
}

static void put_file(void *arg, const char *s, size_t n)
{
	fwrite(s, 1, n, arg);
}

void escape_put(struct sbuf *out, const char *s, size_t n, unsigned flags)
{
	escape_walk(s, n, flags, put_sbuf, out);
	if (!out->s)
		sbuf_add(out, "", 0);
}

void escape_fput(FILE *f, const char *s, size_t n, unsigned flags)
{
	escape_walk(s, n, flags, put_file, f);
}

int escape_needed(const char *s, size_t n, unsigned flags)
{
	for (size_t i = 0; i < n;) {
		char buf[8];
		size_t blen, k;

		if (escape_one(s + i, n - i, flags, buf, &blen))
			return 1;
		k = valid_len((const unsigned char *)s + i, n - i);
		i += k + !k;
	}
	return 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* The value of the k hexadecimal digits at s, or -1. */
static long hexnum(const char *s, size_t left, int k)
{
	long v = 0;

	if (left < (size_t)k)
		return -1;
	for (int i = 0; i < k; i++) {
		int h = hexval(s[i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

size_t escape_undo(char *s, size_t n)
{
	size_t i = 0, o = 0;

	while (i < n) {
		char c = i + 1 < n && s[i] == '\\' ? s[i + 1] : 0;
		long v;

		if (c == 't' || c == 'n' || c == 'r' || c == '\\') {
			s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\\';
			i += 2;
		} else if (c == 'x' && (v = hexnum(s + i + 2, n - i - 2, 2)) > 0) {
			s[o++] = (char)v;
			i += 4;
		} else if (c == 'u' && (v = hexnum(s + i + 2, n - i - 2, 4)) > 0 &&
			   (v < 0xD800 || v > 0xDFFF)) {  /* a surrogate is no character */
			char u[4];
			size_t l = text_put((uint32_t)v, u);

			memcpy(s + o, u, l);  /* l <= 3 < the 6 bytes read */
			o += l;
			i += 6;
		} else {
			s[o++] = s[i++];
		}
	}
	s[o] = '\0';
	return o;
}
