/*
 * booklist: the bookmarks panel, and bookmarking from the article view.
 *
 * The panel lists the bookmarks of every edition, newest first: Enter
 * jumps (the session opens the other edition when needed), and keys of the
 * list table delete a bookmark and edit its note. The session does the
 * work; this file asks, draws and reports.
 */
#ifndef READER_TUI_BOOKLIST_H
#define READER_TUI_BOOKLIST_H

#include "shell.h"

/* Bookmark the story at the reading position (asking for a note) or, on
 * a bookmarked story, offer to remove the bookmark. */
void booklist_toggle(struct tui *t);
/* Read the bookmarks again and open the panel. */
void booklist_open(struct tui *t);
void booklist_draw(struct tui *t);
int booklist_key(struct tui *t, int key);

#endif
