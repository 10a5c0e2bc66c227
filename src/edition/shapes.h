/*
 * shapes: what a line of a real newspaper page looks like, as the parser
 * asks it: a dateline opening a paragraph (本报成都3月5日电, 新华社北京…电,
 * 【本報訊】), a closing byline in brackets, a subhead, a column tag, the
 * kind of a paragraph. Rules about shapes (agency words, brackets,
 * lengths, closing punctuation), never about particular words of a page.
 * Private to the parser.
 */
#ifndef READER_SHAPES_H
#define READER_SHAPES_H

#include <stddef.h>

#include "byline.h"
#include "edition.h"

/* A dateline at the head of a paragraph, with the names in the bracket
 * after it (本报成都3月5日电  （记者 某某）). */
struct dateline {
	size_t len;              /* bytes of the dateline as printed */
	struct byline_span place, agency;
	struct byline names;     /* from the bracket after it; n 0: none */
};

/* Does s open with a dateline? Returns its length in bytes (0: none) and
 * fills d. */
size_t shape_dateline(const char *s, size_t n, struct dateline *d);

/*
 * Is s, all of it, a closing byline in brackets: a dateline (（本报柏林电）,
 * optionally with names) or names with their roles (（本报记者 王某、赵某）),
 * optionally followed by 采写, 参与采写, 整理 or 报道? Fills out (names may
 * be none for a bare dateline) and returns 1, else 0.
 */
int shape_bracket_byline(const char *s, size_t n, struct byline *out);

/* Does the heading-like s end in a column tag, a short bracket after the
 * headline's words (…（人民论坛））? */
int shape_column_tag(const char *s, size_t n);

/* Does s end in punctuation that leaves it unfinished as a heading cannot
 * be (，、；：)? */
int shape_ends_open_clause(const char *s, size_t n);

/* Is s, all of it, a subtitle opening with a dash (——来自一线的调查):
 * the dash, then a heading's worth of words, no full stop? */
int shape_dash_subtitle(const char *s, size_t n);

/* The kind of a body paragraph s; head says it is shaped like a heading
 * (short, unfinished). */
enum para_kind shape_para_kind(const char *s, size_t n, int head);

#endif
