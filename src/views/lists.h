/*
 * lists: the reader's pick lists — the locality index and the contents —
 * with filtering as the user types.
 *
 * The locality index groups articles by prefecture, then by county and
 * below, using the gazetteer's names; articles with no known place come
 * last. Filtering matches the folded filter text (fold.h) anywhere in an
 * entry's locality, place and headline; a group heading is shown when any
 * of its entries is.
 */
#ifndef READER_LISTS_H
#define READER_LISTS_H

#include <stddef.h>

#include "edition.h"
#include "fold.h"
#include "gazetteer.h"

struct list_entry {
	char *label;        /* what is shown */
	char *key;          /* folded text the filter looks in */
	size_t keylen;
	size_t article;     /* index, or SIZE_MAX for a heading */
	size_t group;       /* the heading this entry is under */
};

struct list {
	struct list_entry *v;
	size_t n, cap;
	size_t *shown;      /* indexes into v that pass the filter */
	size_t nshown;
};

/* Build the locality index (gaz may be NULL: places are then only
 * the localities as printed). */
void list_localities(struct list *l, const struct edition *ed, const struct gazetteer *gaz);
/* Build the contents: every headline, in order. */
void list_contents(struct list *l, const struct edition *ed);
/* Apply a filter (UTF-8, folded here; empty shows all). */
void list_filter(struct list *l, const char *q, size_t n);
void list_free(struct list *l);

#endif
