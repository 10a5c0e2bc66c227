/*
 * proof: the article view seen from the source file, for proofreading.
 *
 * Going from a source line to a place in the text (go to line), from a
 * display line back to its source line (the gutter), and from findings
 * (lint.h), which are placed at source lines and columns, to the bytes
 * of the display lines they fall on. Everything goes through the
 * edition's source map (edition.h); nothing here knows a terminal.
 */
#ifndef READER_PROOF_H
#define READER_PROOF_H

#include <stddef.h>

#include "edition.h"
#include "finding.h"
#include "view.h"

/*
 * The text position of source line `line`: the first text of the line, or
 * of the nearest line after it that has text, within the article whose
 * lines hold it (an article's lines run from its first line to the line
 * before the next article's; the blank lines after an article's text go
 * on to the next article). Returns 0, or -1 when the line is before the
 * first article (the front matter) or after the last text.
 */
int proof_line_pos(const struct edition *ed, size_t line, struct view_pos *p);

/* The source line (and *column, when not NULL) where display line i of
 * the view starts; 0 for a blank line or a front-matter line. */
size_t proof_vline_source(const struct view *v, size_t i, size_t *column);

/* The byte offset in an article's item of a source line and column, or
 * SIZE_MAX when the item has no text there. A column just past a piece
 * (where a join's seam is placed) gives the start of the next piece; a
 * column before the first text of its line (in the indentation trimmed
 * off) gives the text's start. */
size_t proof_item_offset(const struct edition *ed, size_t art, size_t item, size_t line,
			 size_t column);

/* The text position of a finding: where its line and column are in the
 * text, else the first text at its line or after (proof_line_pos()).
 * Returns 0, or -1 when there is none. */
int proof_finding_pos(const struct edition *ed, const struct finding *f, struct view_pos *p);

/*
 * The findings fs (sorted by line and column) that fall on display line
 * i: at most max byte ranges of its text to highlight (a join's covers
 * the characters on both sides of the seam), and in *first the index in
 * fs of the first of them (SIZE_MAX when there is none). Returns how
 * many ranges.
 */
size_t proof_vline_findings(const struct view *v, size_t i, const struct findings *fs,
			    size_t (*ranges)[2], size_t max, size_t *first);

/* The first finding after the top line of the view (dir 1: from its
 * end on) or the last before it (dir -1), across the edition, that has a
 * text position: its index in fs and its position in *to; SIZE_MAX when
 * there is none. */
size_t proof_next_finding(const struct view *v, const struct findings *fs, int dir,
			  struct view_pos *to);

#endif
