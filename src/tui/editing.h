/*
 * editing: v opens the edition's file in the user's editor ($VISUAL, else
 * $EDITOR, else vi) at the source line of the top line (+LINE FILE), with
 * curses suspended, and reloads the edition on return at the same place.
 */
#ifndef READER_TUI_EDITING_H
#define READER_TUI_EDITING_H

#include "shell.h"

void editing_open(struct tui *t);

#endif
