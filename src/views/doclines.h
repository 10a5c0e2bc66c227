/*
 * doclines: an edition as display lines, at one width: the front matter
 * and each article laid out item by item, in source order, with the blank
 * lines between them. What the article view shows and --dump prints.
 */
#ifndef READER_DOCLINES_H
#define READER_DOCLINES_H

#include <stddef.h>

#include "edition.h"
#include "layout.h"

/* A display line of an edition: what it belongs to and where it is drawn. */
enum vline_kind { VL_BLANK, VL_FRONT, VL_KICKER, VL_HEADLINE, VL_PARA, VL_BYLINE, VL_SUBHEAD };

struct vline {
	enum vline_kind kind;
	const char *text;   /* the laid-out text (the item's), NULL for blanks */
	size_t textlen;
	size_t article;     /* index into ed->articles, or SIZE_MAX (front) */
	size_t item;        /* index into the article's items */
	struct lline l;
};

struct vlines {
	struct vline *v;
	size_t n, cap;
};

/*
 * Long texts are laid out in segments of about DOCLINES_SEGMENT bytes,
 * each starting a new line, so that a view can lay out the part of a
 * paragraph of hundreds of megabytes that is on the screen without the
 * rest. The boundaries depend on the text alone, never on the width: the
 * first sentence end (final punctuation and its closing quotes) within
 * 1 KiB after each multiple of DOCLINES_SEGMENT, else the first character
 * boundary there. A text under twice that size is one segment: the
 * paragraphs of real editions are never cut.
 */
#define DOCLINES_SEGMENT ((size_t)64 << 10)
/* How many segments a text of n bytes has (at least 1). */
size_t doclines_nsegments(size_t n);
/* Where segment k of the text s (n bytes) starts and ends. */
void doclines_segment(const char *s, size_t n, size_t k, size_t *start, size_t *end);

/* An article's display lines are made of units, each item's segments in
 * order: the number of segments of an item's text. */
size_t doclines_item_segments(const struct edition *ed, size_t article, size_t item);
/* Lay out one unit: segment seg of an item, after the blank line that
 * comes before the item (for its first segment only). Returns the number
 * of lines appended. */
size_t doclines_unit(const struct edition *ed, size_t article, size_t item, size_t seg,
		     const struct layout_opts *o, struct vlines *out);

/* Lay out the front matter (nothing when the edition has none). */
void doclines_front(const struct edition *ed, const struct layout_opts *o, struct vlines *out);
/* Lay out one article: kicker, headline and subtitle (centred),
 * paragraphs with their indent (subheads without), bylines (right-aligned), in source order. */
void doclines_article(const struct edition *ed, size_t article, const struct layout_opts *o,
		    struct vlines *out);
/* Append one display line (l NULL: a blank line). */
void vlines_push(struct vlines *out, enum vline_kind kind, const char *text, size_t len,
		 size_t article, size_t item, const struct lline *l);
void vlines_free(struct vlines *v);

#endif
