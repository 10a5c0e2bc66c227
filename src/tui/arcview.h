/*
 * arcview: the reader over an archive: going from edition to edition
 * ({ } :n :p), the editions list (e), the search across the archive (F)
 * with its results, the archive's locality index (L) with the stories of
 * a locality, the status line's place in the archive and the background
 * indexing's progress. With one edition open (no archive) the keys say
 * so and nothing else changes.
 */
#ifndef READER_TUI_ARCVIEW_H
#define READER_TUI_ARCVIEW_H

#include "shell.h"

/* The edition count editions after (dir 1) or before (-1) the open one. */
void arcview_step(struct tui *t, int dir, long count);

void arcview_editions_open(struct tui *t);
void arcview_editions_draw(struct tui *t);
int arcview_editions_key(struct tui *t, int key);

/* Ask for text and search the archive for it: the results panel. */
void arcview_search(struct tui *t);
void arcview_hits_draw(struct tui *t);
int arcview_hits_key(struct tui *t, int key);

void arcview_places_open(struct tui *t);
void arcview_places_draw(struct tui *t);
int arcview_places_key(struct tui *t, int key);
void arcview_stories_draw(struct tui *t);
int arcview_stories_key(struct tui *t, int key);

/* What the status line adds over an archive: the edition's date when its
 * text has none and its place, as "2020-11-05 (12/5000) ", to left; the
 * indexing's progress, as "indexing 1234/5000 ", to right. */
void arcview_status(const struct tui *t, struct sbuf *left, struct sbuf *right);

/* At every turn of the loop: start the indexing once the places are
 * read, fill the archive again as it goes. Returns 1 when the screen
 * must be drawn again. */
int arcview_poll(struct tui *t);

/* Free what the panels hold. */
void arcview_free(struct tui *t);

#endif
