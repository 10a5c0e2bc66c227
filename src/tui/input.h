/*
 * input: keys and signals, and the one line editor: the prompts at the
 * bottom row and the filters of the lists edit text with the same code and
 * the prompt key table.
 */
#ifndef READER_TUI_INPUT_H
#define READER_TUI_INPUT_H

#include <stddef.h>

#include "shell.h"

#define NO_KEY (-1)

/* Catch SIGHUP, SIGTERM and SIGINT: they end the reader. */
void input_catch_signals(void);
/* The signal that arrived, or 0. */
int input_signal(void);
/* Read one key as the core's code (keys.h), NO_KEY after a time-out. */
int input_key(void);
/* Wait for a key; NO_KEY when a signal came first. */
int input_wait(void);
/* Watch fd, the terminal the keys come from: once it hangs up or fails,
 * input_closed() is 1 and input_wait() returns NO_KEY, for the loops to
 * end the program as for a signal (but with status 0). */
void input_watch(int fd);
int input_closed(void);

/*
 * Edit the UTF-8 text buf (n bytes, the cursor at byte *cur, room for
 * size) by a key: its prompt action if it has one, else the character it
 * types. Returns 1 when the key was taken, 0 when it is neither.
 */
int input_edit(const struct tui *t, char *buf, size_t *n, size_t *cur, size_t size, int key);
/* A line of text input at the bottom row after lead, starting from init
 * (may be ""): 1 with the text in buf (*len bytes), 0 when cancelled.
 * Enter accepts it, and so does a character of t->prompt_at_once typed
 * as the whole text. */
int input_prompt(struct tui *t, const char *lead, const char *init, char *buf, size_t size,
		 size_t *len);
/* Ask a yes-or-no question on the status line; 1 for yes. */
int input_confirm(struct tui *t, const char *question);

#endif
