/*
 * shell: the state of the terminal shell, which every file of src/tui/
 * reads and the event loop (tui.c) owns. Data only: the files call each
 * other through their own headers, downwards (the loop, the panels, the
 * prompts, the drawing), never through this one.
 */
#ifndef READER_TUI_SHELL_H
#define READER_TUI_SHELL_H

#include "gazetteer.h"
#include "layout.h"
#include "lists.h"
#include "options.h"
#include "session.h"
#include "util.h"

enum panel { PANEL_NONE, PANEL_LOCALITIES, PANEL_CONTENTS, PANEL_HELP, PANEL_BOOKMARKS,
	     PANEL_RAW, PANEL_COUNT };

struct tui {
	struct session s;          /* the edition, its view, the bookmarks */
	const struct options *opts;
	const struct keymap *keys; /* the key tables (opts->keys) */
	int color;
	char msg[512];             /* for the status line, or "" */
	enum panel panel;          /* what is on screen: PANEL_NONE the article */
	struct list list;          /* the open list panel's entries */
	int list_rows;             /* the rows its entries got when last drawn */
	int help_cols;             /* the width the help was laid out for */
	char filter[512];          /* what was typed into it */
	size_t filter_len;
	struct sbuf buf;           /* scratch for drawing */
	struct marks marks;
	int last_dir;              /* of the last search */
	struct strings {           /* the searches of this session, oldest first */
		char **v;
		size_t n, cap;
	} hist;
	int prompt_search;         /* the open prompt is a search's: it walks
	                              hist and toggles prompt_regex */
	int prompt_regex;          /* a regular expression is being typed */
	int hide_hits;             /* Esc took the highlight off */
	long count;                /* digits typed before a key (5j), or 0 */
	int proof;                 /* the proofreading view is on (P) */
	size_t finding;            /* the finding > or < went to (index into
	                              the session's), or SIZE_MAX; it stays
	                              current while the view is where that
	                              left it (finding_art, finding_top) */
	size_t finding_art, finding_top;
	size_t raw_top, raw_mark;  /* the raw view's first line, and the line
	                              it opened at */
	size_t raw_shown;          /* the lines it showed when last drawn */
	struct gazetteer **places; /* read it after the first screen, or NULL */
	void (*redraw)(struct tui *t);  /* the whole screen as it now is, for
	                                   a prompt over it (set by the loop) */
};

#endif
