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
/* What a key in a list panel asks of the panel, once picker_step() has
 * done what all lists do with it (move; edit the filter). */
enum pick {
	PICK_NONE,      /* nothing more to do (a move, or an unbound key) */
	PICK_CLOSE,     /* close the list (back one step, where there is one) */
	PICK_QUIT,      /* close the list and any it was opened from */
	PICK_OPEN,      /* open the entry selected */
	PICK_FILTERED,  /* the filter t->filter was edited: filter again */
};
/* Look key up in the list key table and do the moves; with filters, any
 * other key edits t->filter. */
enum pick picker_step(struct tui *t, int key, int filters);
/* Open an article picker over the list t->list holds (built by the
 * caller), with an empty filter and the open article selected. */
void picker_open(struct tui *t, enum panel p);
/* Draw an article picker titled " NAME: type to filter, …" from the keys
 * (name translated already). */
void picker_draw(struct tui *t, const char *name);
/* A key in an article picker: move, jump, close, or edit the filter. */
void picker_key(struct tui *t, int key);

#endif
