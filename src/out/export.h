/*
 * export: the non-interactive views of editions: the TSV outline and JSON.
 */
#ifndef READER_EXPORT_H
#define READER_EXPORT_H

#include <stdio.h>

#include "edition.h"
#include "json.h"

/* The outline's header line. */
void export_outline_header(FILE *f);
/* One TSV row per article. Tabs, newlines and backslashes in fields are
 * written as \t, \n and \\, other C0 controls and DEL as \xHH, C1 and
 * bidirectional controls as \uHHHH. */
void export_outline(FILE *f, const struct edition *ed);
/* The row of one article (export_outline() writes one per article). */
void export_outline_article(FILE *f, const struct edition *ed, const struct article *a);
/* The edition as one JSON object {"edition", "articles", "repairs"};
 * "repairs" lists the edition's findings as finding_json() writes them. */
void export_json(struct json *j, struct edition *ed);

#endif
