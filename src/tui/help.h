/*
 * help: the help panel: every key table (the view's, the lists', the
 * prompts'), each action with the keys bound to it now, then the settings
 * in force; generated from the tables, never kept by hand.
 */
#ifndef READER_TUI_HELP_H
#define READER_TUI_HELP_H

#include "shell.h"

void help_open(struct tui *t);
void help_draw(struct tui *t);
int help_key(struct tui *t, int key);

#endif
