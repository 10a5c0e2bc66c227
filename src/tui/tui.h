/*
 * tui: the terminal reader, a thin ncursesw shell over the core. It draws
 * what the core laid out (view.h, lists.h) at the columns the core
 * computed, and turns keys into actions through the key map (keys.h).
 */
#ifndef READER_TUI_H
#define READER_TUI_H

#include "edition.h"
#include "gazetteer.h"
#include "keys.h"
#include "layout.h"
#include "options.h"

struct tui_opts {
	struct layout_opts lo;     /* width is ignored: the screen decides */
	int max_width;             /* widest text, 0 for the whole screen */
	int color;                 /* 1 colour where the terminal has it, 0 never */
	int status_line;           /* show the status line */
	int search_case;           /* 1: search tells upper from lower case */
	const char *bookmarks;     /* the bookmark file */
	const char *positions;     /* the reading positions file */
	int restore_position;      /* reopen the edition where it was left */
	const char *editions;      /* ':'-separated directories to look for
	                              moved editions in, or "" */
	const struct options *settings;  /* for the help screen */
};

/* Run the reader on an edition until the user quits or a signal ends it.
 * Jumping to a bookmark may replace *ed with another edition (the caller
 * still frees whatever *ed holds). Returns the exit status. */
int tui_run(struct edition *ed, const struct gazetteer *gaz, const struct keymap *km,
	    const struct tui_opts *o);

#endif
