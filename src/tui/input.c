/*
 * input: keys, signals and the line editor. See input.h.
 *
 * Curses' key codes become the core's here, and nowhere else. A signal
 * only sets a flag: every loop that waits for a key looks at it, so the
 * reader ends through the normal path that restores the terminal and
 * saves the position.
 */
#include "input.h"

#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "i18n.h"
#include "rows.h"

static volatile sig_atomic_t got_signal;
static int key_fd = -1;    /* the terminal the keys come from */
static int closed;         /* it is gone: hung up, or an error */
static int idle_reads;     /* curses said "no key" though it was readable */

static void on_signal(int sig)
{
	got_signal = sig;
}

void input_catch_signals(void)
{
	struct sigaction sa;

	/* Every signal whose default ends the program without a crash: the
	 * loop notices, restores the terminal, saves the position, and main
	 * ends the program by the same signal (a core for SIGQUIT where
	 * enabled). */
	static const int ending[] = { SIGHUP,  SIGTERM, SIGINT,  SIGQUIT, SIGUSR1, SIGUSR2,
				      SIGALRM, SIGPIPE, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ };

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof ending / sizeof *ending; i++)
		sigaction(ending[i], &sa, NULL);
}

int input_signal(void)
{
	return got_signal;
}

void input_watch(int fd)
{
	key_fd = fd;
	closed = 0;
	idle_reads = 0;
}

int input_closed(void)
{
	return closed;
}

/* After curses found no key: is the key source gone for good? A hangup or
 * an error says so at once; a source that stays readable while curses
 * finds nothing in it, again and again, is at its end. Either way the
 * reader ends rather than spin. */
static void check_source(void)
{
	struct pollfd p = { key_fd, POLLIN, 0 };

	if (key_fd < 0 || poll(&p, 1, 0) < 0)
		return;
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		closed = 1;
	else if (!(p.revents & POLLIN))
		idle_reads = 0;
	else if (++idle_reads >= 100)
		closed = 1;
}

/* The wheel, as the core's key, or NO_KEY. */
static int mouse_key(void)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return NO_KEY;
	if (me.bstate & BUTTON4_PRESSED)
		return K_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	if (me.bstate & BUTTON5_PRESSED)
		return K_WHEEL_DOWN;
#endif
	return NO_KEY;
}

/* A curses function key as the core's code. */
static int special_key(wint_t ch)
{
	static const struct { int curses, core; } map[] = {
		{KEY_UP, K_UP}, {KEY_DOWN, K_DOWN}, {KEY_LEFT, K_LEFT}, {KEY_RIGHT, K_RIGHT},
		{KEY_NPAGE, K_PGDN}, {KEY_PPAGE, K_PGUP}, {KEY_HOME, K_HOME}, {KEY_END, K_END},
		{KEY_ENTER, K_ENTER}, {KEY_BACKSPACE, K_BACKSPACE}, {KEY_DC, K_DELETE},
		{KEY_IC, K_INSERT}, {KEY_RESIZE, K_RESIZE},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if ((int)ch == map[i].curses)
			return map[i].core;
	if (ch == KEY_MOUSE)
		return mouse_key();
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return K_F1 + (int)(ch - KEY_F(1));
	return NO_KEY;
}

int input_key(void)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR) {
		check_source();
		return NO_KEY;
	}
	idle_reads = 0;
	if (r == KEY_CODE_YES)
		return special_key(ch);
	switch (ch) {
	case '\r':
	case '\n': return K_ENTER;
	case 27: return K_ESC;
	case ' ': return K_SPACE;
	case '\t': return K_TAB;
	case 127:
	case 8: return K_BACKSPACE;
	}
	return (int)ch;
}

int input_wait(void)
{
	int key;

	do
		key = input_key();
	while (key == NO_KEY && !got_signal && !closed);
	return got_signal || closed ? NO_KEY : key;
}

/* The UTF-8 a key types, or NULL when it types nothing. */
static const char *typed(int key)
{
	if (key == K_SPACE)
		return " ";
	if (key < ' ' || key >= KEY_BASE || key == 0x7F)
		return NULL;
	return keys_name(key);
}

/* The byte before the character that ends at `at`, and the end of the
 * one that starts there. */
static size_t char_before(const char *s, size_t at)
{
	while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
		;
	return at;
}

static size_t char_after(const char *s, size_t n, size_t at)
{
	if (at < n)
		at++;
	while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}

/* Remove bytes [from, to) of buf. */
static void cut(char *buf, size_t *n, size_t from, size_t to)
{
	memmove(buf + from, buf + to, *n - to + 1);
	*n -= to - from;
}

int input_edit(const struct tui *t, char *buf, size_t *n, size_t *cur, size_t size, int key)
{
	const char *u;

	switch (keymap_lookup(t->keys, KEYMODE_PROMPT, key)) {
	case ACT_PROMPT_ERASE: {
		size_t at = char_before(buf, *cur);

		cut(buf, n, at, *cur);
		*cur = at;
		return 1;
	}
	case ACT_PROMPT_DELETE: cut(buf, n, *cur, char_after(buf, *n, *cur)); return 1;
	case ACT_PROMPT_LEFT: *cur = char_before(buf, *cur); return 1;
	case ACT_PROMPT_RIGHT: *cur = char_after(buf, *n, *cur); return 1;
	case ACT_PROMPT_HOME: *cur = 0; return 1;
	case ACT_PROMPT_END: *cur = *n; return 1;
	case ACT_PROMPT_KILL: cut(buf, n, 0, *cur); *cur = 0; return 1;
	default: break;
	}
	u = typed(key);
	if (!u)
		return 0;
	if (*n + strlen(u) + 1 <= size) {
		memmove(buf + *cur + strlen(u), buf + *cur, *n - *cur + 1);
		memcpy(buf + *cur, u, strlen(u));
		*n += strlen(u);
		*cur += strlen(u);
	}
	return 1;
}

/* Draw the prompt: its lead in full on as many bottom rows as it needs,
 * then the text typed, after the lead's last row when a third of the row
 * is left for it, else on a row of its own; the cursor kept in view by
 * dropping characters from the left. */
static void draw_prompt(struct tui *t, const char *lead, const char *buf, size_t cur)
{
	struct llines ll = {0};
	int nl = (int)rows_layout(t, lead, COLS - 1, &ll), own, used, lw;
	size_t skip = 0;

	lw = ll.v[nl - 1].indent + ll.v[nl - 1].width;
	own = lw > 0 && COLS - 1 - lw < (COLS - 1) / 3;
	if (nl + own > LINES)
		nl = LINES - own;
	for (int r = 0; r < nl + own; r++) {
		move(LINES - nl - own + r, 0);
		attrset(A_NORMAL);
		clrtoeol();
		if (r < nl)
			rows_put(t, LINES - nl - own + r, 0, lead, &ll, (size_t)r, A_NORMAL);
	}
	llines_free(&ll);
	if (own)
		lw = 0;
	for (;;) {
		layout_fit(buf + skip, cur - skip, COLS * 4, &t->s.lo, &used);
		if (lw + used < COLS - 1 || skip >= cur)
			break;
		skip = char_after(buf, cur, skip);
	}
	draw_ui(t, LINES - 1, lw, COLS - 1 - lw, buf + skip, A_NORMAL);
	move(LINES - 1, lw + used < COLS ? lw + used : COLS - 1);
	refresh();
}

/* A resize under a prompt: lay out again and redraw what is under it. */
static void resized(struct tui *t)
{
	view_resize(&t->s.v, draw_text_rows(t), COLS);
	t->redraw(t);
}

/* Up and Down in a search prompt: an older or newer search of the session
 * into buf, back to what was typed (saved) past the newest. */
static void walk_history(struct tui *t, enum action act, size_t *at, char *buf, size_t size,
			 size_t *n, size_t *cur, char *saved)
{
	const struct strings *h = &t->hist;

	if (act == ACT_PROMPT_OLDER && *at > 0) {
		if (*at == h->n)
			snprintf(saved, size, "%s", buf);
		snprintf(buf, size, "%s", h->v[--*at]);
	} else if (act == ACT_PROMPT_NEWER && *at < h->n) {
		++*at;
		snprintf(buf, size, "%s", *at == h->n ? saved : h->v[*at]);
	} else {
		return;
	}
	*n = *cur = strlen(buf);
}

/* The keys only a search prompt takes; 1 when key was one of them. */
static int search_key(struct tui *t, int key, size_t *at, char *buf, size_t size, size_t *n,
		      size_t *cur, char *saved)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_PROMPT, key);

	if (!t->prompt_search)
		return 0;
	if (act == ACT_PROMPT_REGEX) {
		t->prompt_regex = !t->prompt_regex;
		return 1;
	}
	if (act != ACT_PROMPT_OLDER && act != ACT_PROMPT_NEWER)
		return 0;
	walk_history(t, act, at, buf, size, n, cur, saved);
	return 1;
}

/* What the prompt shows before the text: lead, marked in a search for a
 * regular expression. */
static const char *prompt_lead(const struct tui *t, const char *lead, char *b, size_t size)
{
	if (!t->prompt_search || !t->prompt_regex)
		return lead;
	/* TRANSLATORS: before / or ? while a regular expression is typed. */
	snprintf(b, size, _("regex %s"), lead);
	return b;
}

int input_prompt(struct tui *t, const char *lead, const char *init, char *buf, size_t size,
		 size_t *len)
{
	size_t cur, n, at = t->hist.n;
	int key, ok = 0;
	char *saved = xmalloc(size), lb[128];

	saved[0] = '\0';

	snprintf(buf, size, "%s", init);
	n = cur = strlen(buf);
	curs_set(1);
	leaveok(stdscr, FALSE);
	for (;;) {
		if (COLS < MIN_COLS || LINES < MIN_ROWS)
			t->redraw(t);  /* no room: say so, and wait for room */
		else
			draw_prompt(t, prompt_lead(t, lead, lb, sizeof lb), buf, cur);
		key = input_wait();
		if (key == K_RESIZE) {
			resized(t);
			continue;
		}
		if (key == NO_KEY || keymap_lookup(t->keys, KEYMODE_PROMPT, key) == ACT_PROMPT_CANCEL)
			break;
		if (COLS < MIN_COLS || LINES < MIN_ROWS)
			continue;
		if (keymap_lookup(t->keys, KEYMODE_PROMPT, key) == ACT_PROMPT_ACCEPT) {
			*len = n;
			ok = 1;
			break;
		}
		if (!search_key(t, key, &at, buf, size, &n, &cur, saved))
			input_edit(t, buf, &n, &cur, size, key);
		if (t->prompt_at_once && n == 1 && buf[0] && strchr(t->prompt_at_once, buf[0])) {
			*len = n;
			ok = 1;
			break;
		}
	}
	curs_set(0);
	leaveok(stdscr, TRUE);
	free(saved);
	return ok;
}

int input_confirm(struct tui *t, const char *question)
{
	int key;

	for (;;) {
		draw_say(t, "%s", question);
		t->redraw(t);
		t->msg[0] = '\0';
		key = input_wait();
		if (key != K_RESIZE)
			return key == 'y' || key == 'Y';
		/* A resize while asking: lay out again and ask again. */
		view_resize(&t->s.v, draw_text_rows(t), COLS);
	}
}
