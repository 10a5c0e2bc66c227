/*
 * damage: control characters and replaced bytes as findings. See damage.h.
 *
 * Most lines hold neither, so a line is first tested a word at a time
 * (line_suspect()), and only a line that may hold a control is walked byte
 * by byte; the decoder's substitutions are already a sorted list.
 */
#include "damage.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* The running column of a byte offset within one line. */
struct colcur {
	const char *ls;
	size_t off, col;
};

static size_t col_at(struct colcur *c, size_t off)
{
	if (off < c->off) {
		c->off = 0;
		c->col = 1;
	}
	c->col += text_count(c->ls + c->off, off - c->off, SIZE_MAX);
	c->off = off;
	return c->col;
}

static const char *const c0_names[32] = {
	"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
	"VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
	"SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US",
};

/* The high bit of each byte of w that may be a C0 control, DEL or the lead
 * byte of a C1 control: a cheap filter, checked byte by byte on a hit. */
static inline uint64_t word_suspect(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t del = w ^ (ones * 0x7F), c2 = w ^ (ones * 0xC2);

	return ((w - ones * 0x20) & ~w & high) | ((del - ones) & ~del & high) |
	       ((c2 - ones) & ~c2 & high);
}

/* Record every control character in one line (TAB excepted). */
static void scan_controls(struct edition *ed, const char *ls, size_t n, size_t line)
{
	struct colcur cc = {ls, 0, 1};
	size_t i = 0;

	while (i < n) {
		uint64_t w;

		if (i + 8 <= n) {
			memcpy(&w, ls + i, 8);
			if (!word_suspect(w)) {
				i += 8;
				continue;
			}
		}
		for (size_t end = i + 8 < n ? i + 8 : n; i < end; i++) {
			unsigned char c = (unsigned char)ls[i];

			if (c < 0x20 && c != '\t')
				findings_add(&ed->findings, FK_CONTROL, ed->path, line, col_at(&cc, i),
					     "control character U+%04X (%s) kept as data", c, c0_names[c]);
			else if (c == 0x7F)
				findings_add(&ed->findings, FK_CONTROL, ed->path, line, col_at(&cc, i),
					     "control character U+007F (DEL) kept as data");
			else if (c == 0xC2 && i + 1 < n && (unsigned char)ls[i + 1] >= 0x80 &&
				 (unsigned char)ls[i + 1] <= 0x9F)
				findings_add(&ed->findings, FK_CONTROL, ed->path, line, col_at(&cc, i),
					     "control character U+%04X (C1) kept as data",
					   (unsigned char)ls[i + 1]);
		}
	}
}

/* Might the line hold a control character? Most lines hold none, so this
 * is a branch-free pass over whole words. */
static int line_suspect(const char *s, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= word_suspect(w);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		acc |= (c < 0x20) | (c == 0x7F) | (c == 0xC2);
	}
	return acc != 0;
}

/* Record the U+FFFD of one line (from byte off of the text, n bytes). */
static void scan_substs(struct edition *ed, const char *ls, size_t n, size_t line, size_t *si)
{
	const struct decoded *d = &ed->dec;
	size_t off = (size_t)(ls - d->text);
	struct colcur cc = {ls, 0, 1};

	for (; *si < d->nsubst && d->subst[*si].offset < off + n; (*si)++) {
		const struct decode_subst *sub = &d->subst[*si];
		char hex[16] = "";

		for (int k = 0; k < sub->nbytes && k < 4; k++)
			snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%s%02X",
				 k ? " " : "", sub->bytes[k]);
		findings_add(&ed->findings, FK_INVALID, ed->path, line,
			     col_at(&cc, sub->offset - off), "invalid bytes %s replaced by U+FFFD", hex);
	}
}

void damage_scan_line(struct edition *ed, const char *ls, size_t n, size_t line,
		      size_t *next_subst)
{
	if (line_suspect(ls, n))
		scan_controls(ed, ls, n, line);
	scan_substs(ed, ls, n, line, next_subst);
}
