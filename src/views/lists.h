/*
 * lists: the reader's pick lists — the locality index, the contents, and
 * whatever list a panel fills — with filtering as the user types and one
 * way of moving through them.
 *
 * An entry refers to what choosing it opens: an article, a bookmark, an
 * action (the help), a search hit; a heading refers to nothing and is
 * never selected. The locality index groups articles by prefecture, then
 * by county and below, using the gazetteer's names; articles with no known
 * place come last. Filtering matches the folded filter text (fold.h)
 * anywhere in an entry's key (its locality, place and headline); a heading
 * is shown when any entry under it is.
 *
 * What always holds: sel indexes shown (or is 0 when nothing is shown) and
 * is no heading when any entry is selectable; top <= sel once list_show()
 * has run with the rows the list gets.
 */
#ifndef READER_LISTS_H
#define READER_LISTS_H

#include <stddef.h>

#include "edition.h"
#include "fold.h"
#include "gazetteer.h"

/* What an entry refers to. */
enum ref_kind {
	REF_NONE,         /* a heading, or a line of text */
	REF_ARTICLE,      /* value: index into ed->articles */
	REF_BOOKMARK,     /* value: the bookmark's rank in the panel's order */
	REF_ACTION,       /* value: an enum action */
	REF_SEARCH_HIT,   /* value: the hit's index */
	REF_EDITION,      /* value: index into an archive's editions */
	REF_PLACE,        /* value: index into the archive's places */
	REF_STORY,        /* value: index into a list of stories */
};

struct list_ref {
	enum ref_kind kind;
	size_t value;
};

struct list_entry {
	char *label;        /* what is shown */
	char *key;          /* folded text the filter looks in */
	size_t keylen;
	struct list_ref ref;
};

struct list {
	struct list_entry *v;
	size_t n, cap;
	size_t *shown;      /* indexes into v that pass the filter */
	size_t nshown;
	size_t sel, top;    /* the selected and the first visible, in shown */
	int scroll_only;    /* no selection: moving scrolls (the help) */
};

/* Append an entry that refers to ref, with label (taken over) and the text
 * the filter looks in (key, keylen; folded here). Call list_filter() once
 * the list is filled. */
void list_add(struct list *l, char *label, const char *key, size_t keylen, struct list_ref ref);
/* Build the locality index (gaz may be NULL: places are then only
 * the localities as printed). */
void list_localities(struct list *l, const struct edition *ed, const struct gazetteer *gaz);
/* Build the contents: every headline, in order. */
void list_contents(struct list *l, const struct edition *ed);
/* Apply a filter (UTF-8, folded here; empty shows all) and select the
 * first entry shown that is no heading. */
void list_filter(struct list *l, const char *q, size_t n);
void list_free(struct list *l);

/* Moves through a list. */
enum list_move { LIST_NEXT, LIST_PREV, LIST_PAGE_DOWN, LIST_PAGE_UP, LIST_HOME, LIST_END };
/* Move the selection (past headings), or scroll a scroll_only list, by m;
 * a page is rows entries. */
void list_move(struct list *l, enum list_move m, size_t rows);
/* Select the entry referring to ref, if one is shown. Returns 1 if so. */
int list_select_ref(struct list *l, struct list_ref ref);
/* Scroll so that the selection is among the rows first shown. */
void list_show(struct list *l, size_t rows);
/* The selected entry's reference ({REF_NONE} when there is none). */
struct list_ref list_selected(const struct list *l);

#endif
