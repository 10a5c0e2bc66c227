/*
 * localities: the locality index panel: every article under its
 * prefecture and county, filtered as the user types; Enter jumps.
 */
#ifndef READER_TUI_LOCALITIES_H
#define READER_TUI_LOCALITIES_H

#include "shell.h"

/* Open the panel over the open edition, with the session's gazetteer. */
void localities_open(struct tui *t);
void localities_draw(struct tui *t);
int localities_key(struct tui *t, int key);

#endif
