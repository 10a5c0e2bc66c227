/*
 * sourcemap: from an item's text back to the source, and from a source line
 * to the file's own bytes. See edition.h (struct piece, edition_source_at(),
 * edition_raw_line()).
 *
 * The parser records the pieces as it builds the texts; nothing here runs
 * while parsing. The raw line table is built on the first request by
 * walking the decoded lines (text_next_line()) and the raw bytes together:
 * decoding maps each CR and LF of the file to one CR or LF of the text and
 * never makes or swallows one (an invalid sequence stops before a CR or an
 * LF, in UTF-8, GB18030 and UTF-16 alike), so the k-th line end of the
 * text is the k-th line end of the file, counted in code units.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edition.h"
#include "text.h"
#include "util.h"

const struct piece *edition_item_pieces(const struct edition *ed, size_t art, size_t item,
					size_t *n)
{
	const struct article *a = &ed->articles[art];
	const struct item *it = &a->items[item];

	if (it->kind == ITEM_PARA) {
		*n = a->paras[it->para].npieces;
		return ed->pieces + a->paras[it->para].piece;
	}
	*n = it->piece < ed->npieces ? 1 : 0;
	return ed->pieces + it->piece;
}

int edition_source_at(const struct edition *ed, size_t art, size_t item, size_t off,
		      size_t *line, size_t *column)
{
	struct str t = edition_item_text(ed, art, item);
	size_t n, lo = 0, hi;
	const struct piece *pc = edition_item_pieces(ed, art, item, &n);

	if (!n || off > t.n)
		return -1;
	/* The last piece that starts at or before off. */
	hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (pc[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = pc[lo].line;
	*column = pc[lo].column + text_count(t.s + pc[lo].off, off - pc[lo].off, SIZE_MAX);
	return 0;
}

/* How the raw bytes are laid out: the code unit's size, the byte order of
 * a two-byte unit, and the BOM's length. */
struct raw_form {
	size_t unit, bom;
	int big_endian;
};

static struct raw_form raw_form(const char *encoding)
{
	if (!strcmp(encoding, "UTF-16LE"))
		return (struct raw_form){2, 2, 0};
	if (!strcmp(encoding, "UTF-16BE"))
		return (struct raw_form){2, 2, 1};
	if (!strcmp(encoding, "UTF-8 with BOM"))
		return (struct raw_form){1, 3, 0};
	return (struct raw_form){1, 0, 0};  /* UTF-8, GB18030 */
}

/* The first CR or LF unit of raw at or after pos; len when none. */
static size_t raw_eol(const unsigned char *raw, size_t len, size_t pos, struct raw_form f)
{
	for (; pos + f.unit <= len; pos += f.unit) {
		unsigned u = f.unit == 1 ? raw[pos]
			     : f.big_endian ? (unsigned)raw[pos] << 8 | raw[pos + 1]
					    : (unsigned)raw[pos + 1] << 8 | raw[pos];

		if (u == '\n' || u == '\r')
			return pos;
	}
	return len;
}

/* Find where each source line lies in the raw bytes. */
static void raw_lines_build(struct edition *ed)
{
	const struct decoded *d = &ed->dec;
	struct raw_form f = raw_form(d->encoding ? d->encoding : "UTF-8");
	size_t pos = 0, rpos = f.bom, cap = 0, n;

	while (pos < d->len) {
		size_t next = text_next_line(d->text, d->len, pos, &n);
		size_t end = raw_eol(d->raw, d->rawlen, rpos, f);

		XGROW(ed->raw_lines, cap, ed->nraw_lines + 1);
		ed->raw_lines[ed->nraw_lines++] = (struct raw_line){rpos, end - rpos};
		/* Past the line end: as many units as the text's line end has
		 * bytes (CR, LF or CR LF). */
		rpos = end + (next - pos - n) * f.unit;
		if (rpos > d->rawlen)
			rpos = d->rawlen;
		pos = next;
	}
}

int edition_raw_line(struct edition *ed, size_t line, const unsigned char **bytes, size_t *n)
{
	if (!ed->dec.raw)
		return -1;
	if (!ed->raw_lines)
		raw_lines_build(ed);
	if (line < 1 || line > ed->nraw_lines)
		return -1;
	*bytes = ed->dec.raw + ed->raw_lines[line - 1].off;
	*n = ed->raw_lines[line - 1].n;
	return 0;
}

/* Where each decoded line starts, plus the text's end. */
static void text_lines_build(struct edition *ed)
{
	const struct decoded *d = &ed->dec;
	size_t pos = 0, cap = 0, n;

	while (pos < d->len) {
		XGROW(ed->text_lines, cap, ed->ntext_lines + 2);
		ed->text_lines[ed->ntext_lines++] = pos;
		pos = text_next_line(d->text, d->len, pos, &n);
	}
	XGROW(ed->text_lines, cap, ed->ntext_lines + 1);
	ed->text_lines[ed->ntext_lines] = d->len;
}

size_t edition_text_lines(struct edition *ed)
{
	if (!ed->text_lines)
		text_lines_build(ed);
	return ed->ntext_lines;
}

int edition_text_line(struct edition *ed, size_t line, const char **s, size_t *n)
{
	if (line < 1 || line > edition_text_lines(ed) || !ed->dec.text)
		return -1;
	*s = ed->dec.text + ed->text_lines[line - 1];
	text_next_line(ed->dec.text, ed->dec.len, ed->text_lines[line - 1], n);
	return 0;
}
