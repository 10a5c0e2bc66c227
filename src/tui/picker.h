/*
 * picker: what the list panels share: moving through the list by the list
 * key table, and the article pickers (the localities and the contents),
 * which filter as the user types and jump to the chosen article.
 */
#ifndef READER_TUI_PICKER_H
#define READER_TUI_PICKER_H

#include "shell.h"

/* The name of the first key bound to act, copied into buf (keymap_first()
 * answers in one shared buffer; a title names several keys). */
const char *picker_key_name(const struct tui *t, enum action act, char (*buf)[16]);
/* Move through the open list by a list action; 1 if act was a move. */
int picker_move(struct tui *t, enum action act);
/* What a list panel does with the keys every list shares (the moves are
 * the same for all). */
struct picker_ops {
	int filters;       /* other keys edit t->filter */
	/* Enter on entry r (the selected one; REF_NONE when none). */
	void (*open)(struct tui *t, struct list_ref r);
	/* The filter was edited; NULL: list_filter() the list by it. */
	void (*filtered)(struct tui *t);
	/* The close key; NULL: close the list (as the quit key always does). */
	void (*close)(struct tui *t);
};
/* A key in a list panel: look it up in the list key table and do what it
 * asks by ops. */
void picker_run(struct tui *t, int key, const struct picker_ops *ops);
/* Open an article picker over the list t->list holds (built by the
 * caller), with an empty filter and the open article selected. */
void picker_open(struct tui *t, enum panel p);
/* Draw an article picker titled " NAME: type to filter, …" from the keys
 * (name translated already). */
void picker_draw(struct tui *t, const char *name);
/* A key in an article picker: move, jump, close, or edit the filter. */
void picker_key(struct tui *t, int key);

#endif
