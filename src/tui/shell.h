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
#include "library.h"
#include "lists.h"
#include "options.h"
#include "session.h"
#include "util.h"

enum panel { PANEL_NONE, PANEL_LOCALITIES, PANEL_CONTENTS, PANEL_HELP, PANEL_BOOKMARKS,
	     PANEL_RAW, PANEL_EDITIONS, PANEL_ARCHIVE_PLACES, PANEL_ARCHIVE_STORIES,
	     PANEL_ARCHIVE_HITS, PANEL_COUNT };

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
	const char *prompt_at_once; /* characters that accept the open prompt
	                              as soon as it holds one of them alone
	                              (less's :n and :p), or NULL */
	int hide_hits;             /* Esc took the highlight off */
	int show_status;           /* status_line = false, but this screen
	                              shows the status line (a search's hit
	                              count) until the next key */
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
	struct library *lib;       /* the archive open, or NULL for one edition */
	size_t shown_done;         /* the indexing progress last drawn */
	struct catalog_place *aplaces;  /* the archive's localities (L), */
	size_t naplaces;           /* while its panels are open */
	size_t aplace;             /* the one whose stories are listed */
	struct catalog_story *astories; /* the stories or search hits listed */
	size_t nastories;
	char **story_paths;        /* per story: its edition's path, to find
	                              it after the archive is filled again */
	size_t *hit_starts;        /* per hit: where its match starts in its
	                              entry's label */
	char aquery[512];          /* the archive search */
};

#endif
