/*
 * reading: the article view panel: the open article's lines with the
 * search's matches highlighted, and the view's key table: scrolling,
 * articles, search, and opening the other panels.
 */
#ifndef READER_TUI_READING_H
#define READER_TUI_READING_H

#include "shell.h"

void reading_draw(struct tui *t);
/* A key in the article view; 0 to quit. */
int reading_key(struct tui *t, int key);

#endif
