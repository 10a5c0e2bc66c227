/*
 * shell: what the files of the terminal shell share: the shell's state and
 * its drawing, prompting and messaging helpers. Private to src/tui/.
 */
#ifndef READER_TUI_SHELL_H
#define READER_TUI_SHELL_H

#include <curses.h>

#include "bookmarks.h"
#include "lists.h"
#include "tui.h"
#include "util.h"
#include "view.h"

#define MIN_COLS 8
#define MIN_ROWS 3
#define NO_KEY (-1)

enum pair { PAIR_HEADLINE = 1, PAIR_KICKER, PAIR_BYLINE, PAIR_STATUS, PAIR_MATCH, PAIR_MARK,
	    PAIR_HEADING };
enum panel { PANEL_NONE, PANEL_LOCALITIES, PANEL_CONTENTS, PANEL_HELP, PANEL_BOOKMARKS };

struct tui {
	struct view v;
	struct edition *ed;
	const struct gazetteer *gaz;
	struct layout_opts lo;     /* for cutting status and list text */
	int color;
	char msg[512];
	enum panel panel;
	struct list list;
	char filter[512];
	size_t filter_len;
	struct sbuf buf;
	struct marks marks;
	int last_dir;
	const struct options *opts;
	struct bm_store bm;        /* the bookmarks, as last read or written */
	int bm_ok;                 /* they could be read */
	char *bm_path, *pos_path;
	size_t *bm_order;          /* list entry -> bm.v index (PANEL_BOOKMARKS) */
};

/* Draw the screen as the state says. */
void shell_draw(struct tui *t);
/* A line of text input at the bottom row, starting from init (may be "");
 * 1 with the text in buf, 0 when cancelled. */
int shell_prompt(struct tui *t, const char *lead, const char *init, char *buf, size_t size,
		 size_t *len);
/* Ask a yes-or-no question on the status line; 1 for yes. */
int shell_confirm(struct tui *t, const char *question);
/* A message for the status line. */
void shell_say(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Set up the view of t->ed with the settings (after an edition change). */
void shell_new_view(struct tui *t);
/* The rows the text gets. */
int shell_text_rows(const struct tui *t);

/* Bookmarks and reading positions (tui_marks.c). */
void marks_open(struct tui *t);
void marks_close(struct tui *t);
void marks_toggle(struct tui *t);
void marks_list(struct tui *t);
void marks_key(struct tui *t, int key);
int marks_is_bookmarked(const struct tui *t, size_t article);

#endif
