/*
 * draw: what the panels draw with: attributes, text through the core's
 * renderer at the columns the core computed, the status line and the frame
 * of a list panel.
 */
#ifndef READER_TUI_DRAW_H
#define READER_TUI_DRAW_H

#include <curses.h>

#include "shell.h"

#define MIN_COLS 8
#define MIN_ROWS 3

enum pair { PAIR_HEADLINE = 1, PAIR_KICKER, PAIR_BYLINE, PAIR_STATUS, PAIR_MATCH, PAIR_MARK,
	    PAIR_HEADING, PAIR_CURRENT };

/* Start colours when t->color asks and the terminal has them (clears
 * t->color otherwise). */
void draw_colors(struct tui *t);
/* The attribute of a kind of text, in colour or not. */
attr_t draw_attr(const struct tui *t, enum pair p);
/* Draw bytes [start, end) of a text at (y, x) with attr, through the
 * core's renderer: marks in reverse, the nm match ranges m highlighted,
 * m[cur] (when cur < nm) as the current one. */
void draw_text(struct tui *t, int y, int x, const char *s, size_t n, size_t start, size_t end,
	       int plain, attr_t attr, size_t (*m)[2], size_t nm, size_t cur);
/* A line of interface text at (y, x), cut to width cells. */
void draw_ui(struct tui *t, int y, int x, int width, const char *s, attr_t attr);
/* Begin a screen: clear it; 0 when it is too small to draw on (it then
 * says so and is finished). */
int draw_begin(struct tui *t);
/* End a screen: the status line (when shown, or a message or panel needs
 * it), then refresh. */
void draw_end(struct tui *t);
/* Draw the open list: a title bar (in as many rows as the title needs),
 * the filter line when filter is not
 * NULL, the entries from list.top (headings in their colour, the selection
 * in reverse, unless plain), or empty when nothing is shown. */
void draw_list(struct tui *t, const char *title, const char *filter, const char *empty, int plain);
/* The rows the article text gets, and the entries a list page moves. */
int draw_text_rows(const struct tui *t);
size_t draw_list_page(const struct tui *t);
/* Set the status line's message. */
void draw_say(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
