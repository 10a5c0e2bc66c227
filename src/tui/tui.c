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
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "arcview.h"
#include "booklist.h"
#include "contents.h"
#include "draw.h"
#include "help.h"
#include "i18n.h"
#include "input.h"
#include "localities.h"
#include "locality.h"
#include "paths.h"
#include "probe.h"
#include "raw.h"
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
	[PANEL_RAW] = {raw_draw, raw_key},
	[PANEL_EDITIONS] = {arcview_editions_draw, arcview_editions_key},
	[PANEL_ARCHIVE_PLACES] = {arcview_places_draw, arcview_places_key},
	[PANEL_ARCHIVE_STORIES] = {arcview_stories_draw, arcview_stories_key},
	[PANEL_ARCHIVE_HITS] = {arcview_hits_draw, arcview_hits_key},
};

static int curses_on;
static SCREEN *screen;
static FILE *tty_in;    /* /dev/tty, when standard input is not the terminal */
static int keys_fd = STDIN_FILENO;

/* What a crash handler writes and sets to give the terminal back: the
 * terminal's own strings to leave the alternate screen, show the cursor
 * and reset attributes, and the modes from before curses. Only
 * async-signal-safe calls use them. */
static char crash_reset[256];
static size_t crash_len;
static struct termios crash_tio;
static int crash_tio_ok;

/* Append a terminfo string to crash_reset, without its delays ($<..>). */
static void crash_add(const char *cap)
{
	const char *s = tigetstr(cap);

	if (!s || s == (const char *)-1)
		return;
	for (; *s && crash_len < sizeof crash_reset; s++) {
		if (s[0] == '$' && s[1] == '<' && strchr(s, '>')) {
			s = strchr(s, '>');
			continue;
		}
		crash_reset[crash_len++] = *s;
	}
}

/* Append to crash_reset what turns off the mouse reporting curses turns
 * on: the terminal's XM string with 0, else xterm's 1000 mode. */
static void crash_mouse_off(void)
{
	const char *xm = tigetstr("XM"), *km = tigetstr("kmous"), *off = NULL;

	if (xm && xm != (const char *)-1)
		off = tiparm(xm, 0);
	else if (km && km != (const char *)-1)
		off = "\033[?1000l";
	for (; off && *off && crash_len < sizeof crash_reset; off++)
		crash_reset[crash_len++] = *off;
}

/* A crash (SIGSEGV, SIGABRT, ...): give the terminal back, then die of
 * the same signal, with a core where enabled. */
static void on_crash(int sig)
{
	if (curses_on) {
		if (write(STDOUT_FILENO, crash_reset, crash_len) < 0) {
			/* nothing more can be done from here */
		}
		if (crash_tio_ok)
			tcsetattr(keys_fd, TCSANOW, &crash_tio);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_crashes(void)
{
	static const int crashes[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGTRAP };
	struct sigaction sa;

	crash_tio_ok = tcgetattr(keys_fd, &crash_tio) == 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++)
		sigaction(crashes[i], &sa, NULL);
}

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
	if (tty_in)
		fclose(tty_in);
	tty_in = NULL;
}

/* The whole screen as the open panel draws it. */
static void redraw(struct tui *t)
{
	panels[t->panel].draw(t);
}

/* Where the keys come from: standard input when it is the terminal, else
 * the terminal itself, as less does (the edition came through the pipe). */
static FILE *key_source(void)
{
	if (tty_in || isatty(STDIN_FILENO))
		return tty_in ? tty_in : stdin;
	tty_in = fopen("/dev/tty", "r");
	if (!tty_in)
		die(1, _("no terminal to read keys from (/dev/tty: %s): use --dump"), strerror(errno));
	keys_fd = fileno(tty_in);
	return tty_in;
}

/* A new curses screen for TERM, else for a basic terminal (vt100) with a
 * warning into *warned, as less does for a terminal it does not know. */
static SCREEN *open_screen(FILE *in, const char *term, int *warned)
{
	SCREEN *scr = newterm(NULL, stdout, in);

	*warned = 0;
	if (!scr && (scr = newterm("vt100", stdout, in)) != NULL)
		*warned = 1;
	if (!scr)
		die(1, _("the terminal type TERM=%s is unknown here: set TERM, or use --dump"),
		    term ? term : "(unset)");
	return scr;
}

/* C-s and C-q are keys like any other while the reader runs: no flow
 * control. Curses keeps the modes and gives back the shell's at the end. */
static void flow_control_off(void)
{
	struct termios tio;

	if (tcgetattr(keys_fd, &tio) < 0)
		return;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(keys_fd, TCSANOW, &tio) == 0)
		def_prog_mode();
}

/* Start curses on the terminal, or die saying why it cannot be used.
 * Returns 1 when it fell back to a basic terminal. */
static int start_terminal(int mouse)
{
	const char *term = getenv("TERM");
	FILE *in = key_source();
	int basic;
	SCREEN *scr = open_screen(in, term, &basic);
	const char *cup;

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
	crash_add("sgr0");
	crash_add("cnorm");
	crash_add("rmkx");
	crash_mouse_off();
	crash_add("rmcup");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	set_escdelay(50);
	curs_set(0);
	/* The cursor is hidden: curses need not move it back into place
	 * after each screen (prompts show it, and place it). */
	leaveok(stdscr, TRUE);
	/* Wake up now and then to notice a signal. */
	timeout(250);
	/* Asking for the wheel takes every click from the terminal, and with
	 * it click-and-drag copying: only when the settings say so. */
	if (mouse)
		mousemask(BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
			  , NULL);
	flow_control_off();
	input_watch(keys_fd);
	return basic;
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

/* Read the gazetteer and resolve the edition's places: after the first
 * screen, which it would otherwise hold up several times over. */
static void load_places(struct tui *t, struct gazetteer **gaz)
{
	char *path;
	struct error err;

	if (*gaz)
		return;
	path = paths_data(PATHS_GAZETTEER);
	if (!path) {
		draw_say(t, _("%s not found; localities are not resolved"), PATHS_GAZETTEER);
		return;
	}
	*gaz = gazetteer_load(path, &err);
	free(path);
	if (!*gaz) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	t->s.gaz = *gaz;
	locality_resolve(t->s.ed, *gaz);
}

/* Hand keys to the open panel until one says to quit or a signal comes. */
static void run_loop(struct tui *t)
{
	int running = 1;

	redraw(t);
	while (running && !input_signal() && !input_closed()) {
		int key = input_key(), changed = session_file_changed(&t->s);

		/* The places once the first screen is out: at the first pause,
		 * or before the first key. */
		if (t->places) {
			load_places(t, t->places);
			t->places = NULL;
			if (key == NO_KEY)
				redraw(t);
		}
		/* An archive: its indexing goes on meanwhile. */
		if (arcview_poll(t) && key == NO_KEY && !changed) {
			redraw(t);
			continue;
		}
		if (key == NO_KEY && !changed)
			continue;
		if (key == K_RESIZE) {
			view_resize(&t->s.v, draw_text_rows(t), COLS);
		} else if (key != NO_KEY) {
			t->msg[0] = '\0';
			t->show_status = 0;
			running = panels[t->panel].key(t, key);
		}
		/* Said after the key, which clears the last message. */
		if (changed)
			draw_say(t, _("%s changed on disk; %s reloads it"), t->s.ed->path,
				 keymap_first(t->keys, ACT_RELOAD));
		if (running && !input_signal())
			redraw(t);
	}
}

/* The ambiguous width to lay out and draw with: the setting, or for auto
 * what the terminal answers (1 when it does not). */
static int ambiguous_width(const struct options *opts, int fallback)
{
	int amb;

	if (opts->ambiguous_width)
		return opts->ambiguous_width;
	amb = probe_ambiguous(keys_fd, STDOUT_FILENO, 500);
	return amb ? amb : fallback;
}

int tui_run(struct edition *ed, struct library *lib, struct gazetteer **gaz,
	    const struct options *opts, const struct layout_opts *lo)
{
	struct tui t;
	struct error err;
	struct layout_opts l = *lo;
	int saved, basic;

	memset(&t, 0, sizeof t);
	t.opts = opts;
	t.keys = &opts->keys;
	t.color = opts->color;
	t.redraw = redraw;
	t.finding = SIZE_MAX;
	input_catch_signals();
	key_source();  /* before the crash handler keeps its modes */
	l.amb = ambiguous_width(opts, lo->amb);
	session_init(&t.s, ed, *gaz, opts, &l);
	t.lib = lib;
	if (lib)
		session_set_archive(&t.s, &lib->a, lib->first);
	width_set_ambiguous(l.amb);  /* what curses' wcwidth() says */
	catch_crashes();
	basic = start_terminal(opts->mouse);
	draw_colors(&t);
	view_resize(&t.s.v, draw_text_rows(&t), COLS);
	view_open(&t.s.v, 0, 0);
	open_session(&t);
	if (lib && (lib->scan_error[0] || lib->cat_error[0]))
		draw_say(&t, "%s", lib->scan_error[0] ? lib->scan_error : lib->cat_error);
	if (basic)
		draw_say(&t, _("the terminal type TERM=%s is unknown here: drawing as a basic "
			       "terminal (vt100)"), getenv("TERM") ? getenv("TERM") : "(unset)");
	t.places = gaz;
	run_loop(&t);
	saved = session_close(&t.s, &err);
	restore();
	die_set_hook(NULL);
	list_free(&t.list);
	arcview_free(&t);
	sbuf_free(&t.buf);
	free(t.marks.v);
	for (size_t i = 0; i < t.hist.n; i++)
		free(t.hist.v[i]);
	free(t.hist.v);
	if (saved < 0)  /* on the restored terminal, where it stays readable */
		error_print(&err, stderr);
	/* Killed by a signal: say so, as the shell expects (128 + N). */
	return input_signal() ? 128 + input_signal() : saved < 0 ? 1 : 0;
}
