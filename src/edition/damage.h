/*
 * damage: what the extraction from print left in an edition's text that a
 * proofreader must see: control characters (kept as data) and the bytes the
 * decoder replaced with U+FFFD. Each becomes a finding (FK_CONTROL,
 * FK_INVALID) at its source line and column (in characters, from 1).
 */
#ifndef READER_DAMAGE_H
#define READER_DAMAGE_H

#include <stddef.h>

#include "edition.h"

/*
 * Record the damage in one source line: ls (n bytes, without its line end)
 * points into ed->dec.text, line is its number. *next_subst is the index
 * of the first decoder substitution not yet reported; it moves past those
 * in this line. Lines must come in order, each once.
 */
void damage_scan_line(struct edition *ed, const char *ls, size_t n, size_t line,
		      size_t *next_subst);

#endif
