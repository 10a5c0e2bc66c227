/*
 * rows: interface text (messages, prompts, list titles, the help) in as
 * many rows as it needs. A translated message is often wider than a
 * narrow terminal: it is laid out by the core's layout, with the same
 * width and line-breaking rules as the editions, never cut by curses.
 */
#ifndef READER_TUI_ROWS_H
#define READER_TUI_ROWS_H

#include <curses.h>

#include "shell.h"

/* Lay out s at width cells (at least 2) into out (emptied first), by the
 * reader's widths; returns the number of lines, at least 1 (an empty text
 * is one empty line). */
size_t rows_layout(const struct tui *t, const char *s, int width, struct llines *out);
/* Draw line k of a layout of s at (y, x) with attr. */
void rows_put(struct tui *t, int y, int x, const char *s, const struct llines *ll, size_t k,
	      attr_t attr);
/* Draw s from row y at column x, laid out in width cells, in at most max
 * rows; returns the rows drawn. */
int rows_draw(struct tui *t, int y, int x, int width, int max, const char *s, attr_t attr);

#endif
