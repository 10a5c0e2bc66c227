/*
 * decode: from the bytes of an edition file to UTF-8 text. See decode.h.
 *
 * This file owns encoding detection, the conversion to UTF-8 with one
 * U+FFFD per invalid input, and the rejection of empty, blank and binary
 * input; getting the file into memory is file_read()'s (file.h).
 *
 * The terminator: text must be followed by a NUL that is not part of it.
 * Valid UTF-8 is used in place, so the bytes after the data must already be
 * a NUL: file_read() promises it, and decode_bytes() with keep = 1 asks it
 * of its caller (decode.h).
 */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define SNIFF_LEN FILE_SNIFF /* how much of the start the binary test looks at */

/* Output under construction: text bytes and the substitutions made. */
struct out {
	char *buf;
	size_t len, cap;
	struct decode_subst *subst;
	size_t nsubst, scap;
};

/* What a counting walk over damaged UTF-8 found: valid sequences of 2 to 4
 * bytes, maximal invalid subparts and the bytes in those. */
struct tally {
	size_t multibyte, bad, badbytes;
};

/*
 * Length of the valid UTF-8 sequence at s (1 to 4), or minus the length of
 * the maximal invalid subpart there (Unicode 15, table 3-7 and section 3.9
 * "U+FFFD substitution of maximal subparts", the practice WHATWG follows).
 */
static int utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int need, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return -1;
	if (c < 0xE0) {
		need = 1;
	} else if (c < 0xF0) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;      /* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F;      /* no surrogates */
	} else {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;      /* nothing above U+10FFFF */
	}
	for (i = 1; i <= need; i++) {
		if ((size_t)i >= n || s[i] < lo || s[i] > hi)
			return -i;
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

/*
 * Length of the longest valid UTF-8 prefix of s. This is the hot loop for a
 * large file: ASCII goes eight bytes at a time, and the common three-byte
 * CJK sequence is checked inline before falling back to utf8_seq().
 */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		int k;

		if (c < 0x80) {
			i++;
			while (n - i >= 8) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			continue;
		}
		if (c >= 0xE1 && c <= 0xEC && n - i >= 3 &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		k = utf8_seq(s + i, n - i);
		if (k < 0)
			return i;
		i += (size_t)k;
	}
	return n;
}

/* Append U+FFFD for the k input bytes at p and remember where it went; the
 * caller has made room for its three bytes. */
static void put_fffd(struct out *o, const unsigned char *p, size_t k)
{
	struct decode_subst *s;

	XGROW(o->subst, o->scap, o->nsubst + 1);
	s = &o->subst[o->nsubst++];
	memset(s, 0, sizeof *s);
	s->offset = o->len;
	s->nbytes = (unsigned char)(k < 4 ? k : 4);
	memcpy(s->bytes, p, s->nbytes);
	memcpy(o->buf + o->len, "\xEF\xBF\xBD", 3);
	o->len += 3;
}

/* Walk damaged UTF-8: with o, copy it replacing each maximal invalid
 * subpart by U+FFFD; without, only count into t. */
static void utf8_walk(const unsigned char *s, size_t n, struct out *o, struct tally *t)
{
	size_t i = 0, j, run;
	int k;

	while (i < n) {
		run = utf8_prefix(s + i, n - i);
		if (o) {
			memcpy(o->buf + o->len, s + i, run);
			o->len += run;
		} else {
			for (j = i; j < i + run; j++)
				t->multibyte += s[j] >= 0xC0; /* a lead byte */
		}
		i += run;
		if (i == n)
			break;
		k = -utf8_seq(s + i, n - i);
		if (o) {
			put_fffd(o, s + i, (size_t)k);
		} else {
			t->bad++;
			t->badbytes += (size_t)k;
		}
		i += (size_t)k;
	}
}

/*
 * Convert n bytes from the iconv encoding from to UTF-8. Whatever iconv
 * rejects (EILSEQ, or EINVAL for a sequence cut off by the end) becomes one
 * U+FFFD per unit bytes skipped: 1 for GB18030, 2 for UTF-16.
 */
static void iconv_convert(const char *from, size_t unit, const unsigned char *s,
			  size_t n, struct out *o)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *in = (char *)s, *op;
	size_t left = n, room, k, r;

	if (cd == (iconv_t)-1)
		die(1, _("cannot convert from %s: %s"), from, strerror(errno));
	o->cap = n + n / 2 + 16;        /* enough for GB18030 and UTF-16 CJK */
	o->buf = xmalloc(o->cap);
	while (left > 0) {
		if (o->cap - o->len < 8)
			XGROW(o->buf, o->cap, o->cap + 1);
		/* keep 4 bytes back for a U+FFFD and the terminator */
		op = o->buf + o->len;
		room = o->cap - o->len - 4;
		r = iconv(cd, &in, &left, &op, &room);
		o->len = (size_t)(op - o->buf);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			XGROW(o->buf, o->cap, o->cap + 1);
			continue;
		}
		k = left < unit ? left : unit;
		put_fffd(o, (const unsigned char *)in, k);
		in += k;
		left -= k;
	}
	iconv_close(cd);
	o->buf[o->len] = '\0';
}

/*
 * Whether the data is a binary file: a known magic number, or control bytes
 * no text has in its first SNIFF_LEN bytes. TAB LF FF CR and ESC are text
 * (layout and terminal escapes); everything else below 0x20 counts. Random
 * bytes have about 10.5% such controls and executables far more NULs, while
 * a text with a stray NUL or an OSC title (ESC ] ... BEL) has a few per
 * thousand at most: so more than 5% controls, or more than 1% NULs, is
 * binary; but a few stray controls never are, however short the file.
 * PDF is left alone: it starts as text.
 */
static int looks_binary(const unsigned char *s, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
	} magics[] = {
		{ "\x7F" "ELF", 4 }, { "\x89PNG\r\n\x1A\n", 8 }, { "\x1F\x8B", 2 },
		{ "PK\x03\x04", 4 }, { "\xFF\xD8\xFF", 3 }, { "GIF8", 4 },
		{ "\xFD" "7zXZ", 6 }, { "\x28\xB5\x2F\xFD", 4 },
	};
	const unsigned text_ctl = 1u << '\t' | 1u << '\n' | 1u << '\f' |
				  1u << '\r' | 1u << 0x1B;
	size_t i, nul = 0, ctl = 0;

	for (i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (n >= magics[i].len && !memcmp(s, magics[i].magic, magics[i].len))
			return 1;
	if (n > SNIFF_LEN)
		n = SNIFF_LEN;
	for (i = 0; i < n; i++) {
		if (s[i] < 0x20 && !(text_ctl & 1u << s[i])) {
			ctl++;
			nul += s[i] == 0;
		}
	}
	return ctl > 3 && (nul * 100 > n || ctl * 20 > n);
}

/* Whether data starts with a UTF-16 byte order mark. */
static int utf16_bom(const unsigned char *s, size_t n)
{
	return n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
}

/* Whether the text is only ASCII white space and U+3000. */
static int is_blank(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
			i++;
		else if (n - i >= 3 && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
			i += 3;
		else
			return 0;
	}
	return 1;
}

/* Give the reason why a text is refused. */
static int reject(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

/* decode_bytes() on data the decoded text may keep using (keep = 1). */
static int decode_kept(const unsigned char *s, size_t n, struct decoded *d, const char **why)
{
	struct out o = { 0 };
	struct tally t = { 0 };
	const char *enc = "UTF-8";
	size_t bom = 0;

	memset(d, 0, sizeof *d);
	d->raw = s;
	d->rawlen = n;
	if (utf16_bom(s, n)) {
		if (n == 2)
			return reject(why, N_("empty file"));
		enc = s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		iconv_convert(enc, 2, s + 2, n - 2, &o);
	} else {
		if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			bom = 3;
			enc = "UTF-8 with BOM";
		}
		if (n == bom)
			return reject(why, N_("empty file"));
		if (looks_binary(s, n))
			return reject(why, N_("binary file (not text)"));
		s += bom;
		n -= bom;
		if (utf8_prefix(s, n) == n) {
			d->text = (const char *)s;
			d->len = n;
		} else {
			/*
			 * Damaged UTF-8 or GB18030? GB18030 hanzi read as
			 * UTF-8 give about one valid multibyte sequence (a
			 * lead C2-DF with a trail A1-BF) per five invalid
			 * subparts; damaged UTF-8 has a few invalid ones in
			 * thousands of valid ones. So it is UTF-8 when the
			 * invalid subparts are at most 10% of the valid
			 * multibyte sequences: a GB text would need ten lucky
			 * characters per bad one, which even a short one
			 * never has. A UTF-8 BOM settles it.
			 */
			utf8_walk(s, n, NULL, &t);
			if (bom || (t.multibyte > 0 && t.bad * 10 <= t.multibyte)) {
				o.cap = n - t.badbytes + 3 * t.bad + 1;
				o.buf = xmalloc(o.cap);
				utf8_walk(s, n, &o, NULL);
				o.buf[o.len] = '\0';
			} else {
				enc = "GB18030";
				iconv_convert(enc, 1, s, n, &o);
			}
		}
	}
	if (o.buf) {
		d->owned = o.buf;
		d->text = o.buf;
		d->len = o.len;
		d->subst = o.subst;
		d->nsubst = o.nsubst;
	}
	d->encoding = enc;
	if (is_blank((const unsigned char *)d->text, d->len)) {
		decode_free(d);
		return reject(why, N_("contains only blank lines"));
	}
	return 0;
}

int decode_bytes(const unsigned char *s, size_t n, int keep,
		 struct decoded *d, const char **why)
{
	unsigned char *copy = NULL;

	if (!keep) {
		/* A copy the decoded text keeps: its raw bytes, and its text
		 * too when that is valid UTF-8. */
		copy = xmalloc(n + 1);
		memcpy(copy, s, n);
		copy[n] = '\0';
		s = copy;
	}
	if (decode_kept(s, n, d, why) < 0) {
		free(copy);
		return -1;
	}
	d->rawcopy = copy;
	return 0;
}

/* file_read()'s early test: a binary file is not read to its end (so that
 * /dev/zero is turned down); UTF-16 is full of NULs and is not binary. */
static int sniff_binary(const unsigned char *s, size_t n)
{
	return !utf16_bom(s, n) && looks_binary(s, n);
}

int decode_file(const char *path, struct decoded *out, struct error *err)
{
	struct file_buf f;
	const char *why;

	memset(out, 0, sizeof *out);
	if (file_read(path, DECODE_MAX_BYTES, 0, sniff_binary, &f, err) < 0)
		return -1;
	if (decode_bytes((const unsigned char *)f.data, f.len, 1, out, &why) < 0) {
		file_free(&f);
		error_set(err, path, 0, 0, "%s", _(why));
		return -1;
	}
	out->file = f;  /* the file's own bytes: the text, or its raw form */
	return 0;
}

void decode_free(struct decoded *d)
{
	if (!d)
		return;
	free(d->owned);
	free(d->subst);
	free(d->rawcopy);
	file_free(&d->file);
	memset(d, 0, sizeof *d);
}
