/*
 * layout: reflowing text into lines of a given width in terminal cells,
 * with the Chinese line-breaking rules.
 *
 * Pure functions of (text, options): no terminal, no global state. Break
 * opportunities come from libunistring (UAX #14), tailored for Chinese:
 * no line starts with a line-start-prohibited mark (。，、；：？！）》」』”’…
 * and ASCII , . : ; ? ! ) ]), none ends with “‘（《「『【, —— and …… stay
 * whole, and a break is allowed between a Han character and a quotation
 * mark. Lines break only at grapheme-cluster boundaries. Where no legal
 * break fits, the line breaks at the last cluster that fits and is marked
 * forced.
 *
 * What always holds: every line's indent + width <= the layout width; the
 * lines' byte ranges [start, next line's start) tile the text; the only
 * characters a line leaves undrawn are the spaces at its soft break.
 */
#ifndef READER_LAYOUT_H
#define READER_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

struct layout_opts {
	int width;          /* cells per line, at least 2 */
	int indent;         /* first-line indent of paragraphs, in cells */
	int amb;            /* cells of an ambiguous-width character: 1 or 2 */
	int normalize;      /* draw , : ; ! ? ( ) between CJK as full width */
	int tailor;         /* the Chinese tailoring (1); 0 gives plain UAX #14 */
};

/* Default options for a width: indent 4, amb 1, no normalisation. */
struct layout_opts layout_defaults(int width);

enum layout_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* One laid-out line of a text. */
struct lline {
	size_t start;       /* byte offset of its first character */
	size_t end;         /* byte offset after its last drawn character */
	size_t next;        /* where the next line starts (end + undrawn spaces) */
	int indent;         /* cells before the text: indent or alignment */
	int width;          /* cells of the text from start to end */
	unsigned forced : 1;
	unsigned plain : 1; /* every character is drawn as it is written */
};

struct llines {
	struct lline *v;
	size_t n, cap;
};

/*
 * Lay out n bytes of UTF-8 text, appending to out. first_indent is the
 * first line's indent in cells (reduced to 0 when the width cannot hold it
 * and two wide characters, or the text's first grapheme cluster after it).
 * A grapheme cluster wider than the whole width (a long emoji sequence at
 * a tiny width) is the one thing cut inside a cluster, on a forced line.
 * Returns the number of lines added (0 for an empty text).
 */
size_t layout_text(const char *s, size_t n, const struct layout_opts *o, int first_indent,
		   enum layout_align align, struct llines *out);

/*
 * The break opportunities the fitter uses: allow[i] is 1 when a line may
 * start at byte i (only at the first byte of a grapheme cluster; never at
 * 0). allow must hold n bytes.
 */
void layout_breaks(const char *s, size_t n, const struct layout_opts *o, char *allow);

/* Byte ranges of the output of layout_render() that are marks (to be
 * drawn distinctly, e.g. in reverse video). */
struct marks {
	struct mark {
		size_t start, end;
	} *v;
	size_t n, cap;
};

/*
 * Append to out what the screen draws for bytes [start, end) of the text
 * s (n bytes): the glyphs of width_glyph(), with the normalisation applied
 * when on; the drawn width is exactly the layout's. plain (a line's plain
 * flag) says the bytes can be copied as they are. When marks is not NULL,
 * the byte range in out of each mark is appended to it.
 */
void layout_render(const char *s, size_t n, size_t start, size_t end, int plain,
		   const struct layout_opts *o, struct sbuf *out, struct marks *marks);

/*
 * How many bytes of s (n bytes) fit in width cells, whole characters only;
 * *used gets their width. For the status line, prompts and lists, which
 * are cut rather than wrapped.
 */
size_t layout_fit(const char *s, size_t n, int width, const struct layout_opts *o, int *used);

void llines_free(struct llines *l);

#endif
