/*
 * raw: the raw view panel (r): the file's lines around the current
 * paragraph, numbered, exactly as decoded (edition_text_line()): nothing
 * joined, moved or normalised, control and format characters drawn as the
 * visible marks of width_glyph(). Long lines go on in the rows below.
 */
#ifndef READER_TUI_RAW_H
#define READER_TUI_RAW_H

#include "shell.h"

/* Open it at the first source line of the paragraph on the top line. */
void raw_open(struct tui *t);
void raw_draw(struct tui *t);
/* A key in the raw view: it scrolls by the list's and the article's
 * moves; Esc, q and the raw view's own key close it. */
int raw_key(struct tui *t, int key);

#endif
