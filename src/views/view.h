/*
 * view: the state of the article view, independent of any terminal.
 *
 * Which article is open, its display lines at the current width, which
 * line is at the top, and the search. The reading position is a text
 * position (article, item, byte offset), so it survives any change of
 * width: a resize lays out again and scrolls back to the same character.
 *
 * An article of more than VIEW_WHOLE bytes is laid out in part: vl holds
 * the units (doclines.h: each item's segments) around the screen, at
 * least two screens above and below it where the article has them, and
 * scrolling lays out more and drops what is far away. So a resize costs
 * the same for a paragraph of 200 MB as for a short article, and the
 * display lines never hold more than a few screens of it.
 */
#ifndef READER_VIEW_H
#define READER_VIEW_H

#include <stddef.h>

#include "edition.h"
#include "fold.h"
#include "doclines.h"
#include "search.h"

/* A place in the text: the item (ITEM_FRONT for a front-matter line, see
 * search.h) and a byte offset into its text. */
struct view_pos {
	size_t article, item, front, offset;
	size_t above;   /* blank lines between the top and that line */
};

/* Articles up to this many bytes of text are laid out whole. */
#define VIEW_WHOLE ((size_t)4 * DOCLINES_SEGMENT)

struct view {
	struct edition *ed;
	struct layout_opts lo;     /* lo.width is the text width in use */
	int max_width;             /* the widest text allowed (0: the screen) */
	int rows, cols;            /* the text area */
	int covered;               /* rows at its bottom a search's report
	                              covers (the status line shown over the
	                              text when it is off): a hit there is
	                              not on screen */
	int margin;                /* its left column: narrow text is centred */
	int gutter;                /* columns kept left of the text (the
	                              proofreading view's line numbers) */
	size_t art;                /* the open article */
	struct vlines vl;          /* its display lines (the front matter first
	                              in article 0) */
	size_t top;                /* the first visible line */
	struct view_pos anchor;    /* the reading position: what the user
	                              scrolled to, kept through resizes even
	                              when a size forces top elsewhere */
	struct search sr;          /* the search and its every hit */
	int has_match;             /* the last match found, highlighted */
	size_t hit;                /* its index in sr.v */
	struct view_pos match;
	size_t match_end;
	int keep_case;             /* search tells upper from lower case */
	int keep_script;           /* search tells traditional from simplified */
	/* The units laid out in vl, in order, when the article is laid out
	 * in part (windowed); nothing otherwise. */
	int windowed;
	struct view_unit {
		size_t item, seg, lines;
	} *units;
	size_t nunits, capunits;
	size_t laid_out;           /* display lines laid out so far (for tests) */
};

void view_init(struct view *v, struct edition *ed, const struct layout_opts *lo, int max_width);
void view_free(struct view *v);
/* Set the size of the text area, keeping the first visible character. */
void view_resize(struct view *v, int rows, int cols);
/* Keep cols columns left of the text for a gutter (0: none), laying out
 * again at the narrower width and keeping the reading position. */
void view_set_gutter(struct view *v, int cols);
/* Open an article at its top (or its bottom when at_end). */
void view_open(struct view *v, size_t article, int at_end);
/* Scroll by delta lines, within the article. */
void view_scroll(struct view *v, long delta);
/* The article count articles after (dir 1) or before (dir -1) the open
 * one, stopping at the first and the last. */
size_t view_article_by(const struct view *v, int dir, long count);
/* The text position of the first visible line. */
struct view_pos view_position(const struct view *v);
/* Open the position's article and scroll its line to the top. */
void view_seek(struct view *v, struct view_pos p);
/* How far into the article the bottom of the screen is, 0 to 100. */
int view_percent(const struct view *v);
/* The last line index the top may be. */
size_t view_max_top(const struct view *v);

enum search_result { SEARCH_FOUND, SEARCH_WRAPPED, SEARCH_NOT_FOUND, SEARCH_NONE };
/* Set a literal search (folded here); an empty query clears it. */
void view_set_query(struct view *v, const char *q, size_t n);
/* Set a search, a regular expression when regex (search.h); returns 0, or
 * -1 with a message in err when the expression is bad (no search then). */
int view_set_search(struct view *v, const char *q, size_t n, int regex, char *err, size_t errsize);
/* Forget the current match: no highlight, n starts again from the screen. */
void view_clear_search(struct view *v);
/* The current hit (from 1) and how many there are: 0 when there is no
 * current hit. */
size_t view_hit(const struct view *v, size_t *total);
/* Go to the next (dir 1) or previous (dir -1) match after the current one,
 * or after the top of the screen when there is none. */
enum search_result view_search(struct view *v, int dir);
/* The source ranges of matches within display line `line`, at most max. */
size_t view_line_matches(struct view *v, size_t line, size_t (*ranges)[2], size_t max);
/* The same, and in *cur the index in ranges of the current hit (SIZE_MAX
 * when it is not on this line). */
size_t view_line_hits(const struct view *v, size_t line, size_t (*ranges)[2], size_t max,
		      size_t *cur);

#endif
