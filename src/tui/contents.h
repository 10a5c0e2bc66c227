/*
 * contents: the table of contents panel: every headline in order,
 * filtered as the user types; Enter jumps.
 */
#ifndef READER_TUI_CONTENTS_H
#define READER_TUI_CONTENTS_H

#include "shell.h"

/* Open the panel over the open edition. */
void contents_open(struct tui *t);
void contents_draw(struct tui *t);
int contents_key(struct tui *t, int key);

#endif
