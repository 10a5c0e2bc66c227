/*
 * dump: the edition as laid out, as plain text (--dump).
 */
#ifndef READER_DUMP_H
#define READER_DUMP_H

#include <stdio.h>

#include "edition.h"
#include "layout.h"

/* Write the whole edition as laid out, for --dump: only whitespace is
 * added to the source's characters. */
void dump_edition(const struct edition *ed, const struct layout_opts *o, FILE *f);

#endif
