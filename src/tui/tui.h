/*
 * tui: the terminal reader, a thin ncursesw shell over the core. It draws
 * what the core laid out (view.h, lists.h) at the columns the core
 * computed, and turns keys into actions through the key map (keys.h).
 */
#ifndef READER_TUI_H
#define READER_TUI_H

#include "edition.h"
#include "gazetteer.h"
#include "keys.h"
#include "layout.h"
#include "library.h"
#include "options.h"


/* Run the reader on an edition until the user quits or a signal ends it
 * (with lib, an archive it is entry lib->first of, or NULL),
 * with the settings and keys of opts; lo's width is ignored (the screen
 * and opts->width decide). When *gaz is NULL the gazetteer is read (into
 * *gaz, for the caller to free) and the edition's places resolved once
 * the first screen is drawn.
 * Jumping to a bookmark may replace *ed with another edition (the caller
 * still frees whatever *ed holds). Returns the exit status. */
int tui_run(struct edition *ed, struct library *lib, struct gazetteer **gaz,
	    const struct options *opts, const struct layout_opts *lo);

#endif
