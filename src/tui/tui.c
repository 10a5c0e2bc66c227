/*
 * tui: the curses shell's set-up, teardown and event loop. See tui.h.
 *
 * The shell owns the terminal: set-up and restore (also on signals and on
 * the fatal path), and the loop that hands each key to the open panel
 * (reading.c, localities.c, contents.c, help.c, booklist.c). The panels
 * draw through draw.c and ask through input.c; the session does the work.
 */
#include "tui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booklist.h"
#include "contents.h"
#include "draw.h"
#include "help.h"
#include "i18n.h"
#include "input.h"
#include "localities.h"
#include "reading.h"
#include "shell.h"
#include "width.h"

static const struct {
	void (*draw)(struct tui *t);
	int (*key)(struct tui *t, int key);  /* 0 to quit */
} panels[PANEL_COUNT] = {
	[PANEL_NONE] = {reading_draw, reading_key},
	[PANEL_LOCALITIES] = {localities_draw, localities_key},
	[PANEL_CONTENTS] = {contents_draw, contents_key},
	[PANEL_HELP] = {help_draw, help_key},
	[PANEL_BOOKMARKS] = {booklist_draw, booklist_key},
};

static int curses_on;
static SCREEN *screen;

/* Restore the terminal; safe to call twice, and from the fatal path. */
static void restore(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
		if (screen)
			delscreen(screen);
		screen = NULL;
	}
}

/* The whole screen as the open panel draws it. */
static void redraw(struct tui *t)
{
	panels[t->panel].draw(t);
}

/* Start curses on the terminal, or die saying why it cannot be used. */
static void start_terminal(void)
{
	const char *term = getenv("TERM");
	SCREEN *scr = newterm(NULL, stdout, stdin);
	const char *cup;

	if (!scr)
		die(1, _("the terminal type TERM=%s is unknown here: set TERM, or use --dump"),
		    term ? term : "(unset)");
	set_term(scr);
	screen = scr;
	curses_on = 1;
	cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		restore();
		die(1, _("the terminal TERM=%s cannot move its cursor, which a full-screen "
			 "reader needs: use --dump"), term ? term : "(unset)");
	}
	die_set_hook(restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	set_escdelay(50);
	curs_set(0);
	/* Wake up now and then to notice a signal. */
	timeout(250);
	mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
}

/* Open the session: the bookmarks and the saved position. */
static void open_session(struct tui *t)
{
	struct error err;
	const struct findings *w = &t->s.bm.file.warnings;
	char more[256] = "";

	if (session_open(&t->s, &err) < 0) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	if (!w->n)
		return;
	if (w->n > 1)
		snprintf(more, sizeof more,
			 ngettext(" (and %zu more line; reader --bookmarks lists them)",
				  " (and %zu more lines; reader --bookmarks lists them)", w->n - 1),
			 w->n - 1);
	draw_say(t, "%s:%zu: %s%s", w->v[0].file, w->v[0].line, w->v[0].message, more);
}

/* Hand keys to the open panel until one says to quit or a signal comes. */
static void run_loop(struct tui *t)
{
	int running = 1;

	redraw(t);
	while (running && !input_signal()) {
		int key = input_key();

		if (key == NO_KEY)
			continue;
		if (key == K_RESIZE) {
			view_resize(&t->s.v, draw_text_rows(t), COLS);
		} else {
			t->msg[0] = '\0';
			running = panels[t->panel].key(t, key);
		}
		if (running && !input_signal())
			redraw(t);
	}
}

int tui_run(struct edition *ed, const struct gazetteer *gaz, const struct options *opts,
	    const struct layout_opts *lo)
{
	struct tui t;

	memset(&t, 0, sizeof t);
	t.opts = opts;
	t.keys = &opts->keys;
	t.color = opts->color;
	t.redraw = redraw;
	session_init(&t.s, ed, gaz, opts, lo);
	width_set_ambiguous(lo->amb);  /* what curses' wcwidth() says */
	input_catch_signals();
	start_terminal();
	draw_colors(&t);
	view_resize(&t.s.v, draw_text_rows(&t), COLS);
	view_open(&t.s.v, 0, 0);
	open_session(&t);
	run_loop(&t);
	session_close(&t.s);
	restore();
	die_set_hook(NULL);
	list_free(&t.list);
	sbuf_free(&t.buf);
	free(t.marks.v);
	/* Killed by a signal: say so, as the shell expects (128 + N). */
	return input_signal() ? 128 + input_signal() : 0;
}
