/*
 * search: every match of a query in an edition, found once per query and
 * kept in text order, so that the view can say "hit 3/29", step through
 * them and highlight each line's without searching again.
 *
 * A query is literal (folded: full-width and half-width forms match each
 * other, and letter case too unless the search keeps it) or a PCRE2
 * regular expression in UTF-8 mode, matched against the text with its
 * width forms folded (a full-width character of the pattern that folds to
 * a regex metacharacter stays a literal) and caseless unless case is kept.
 * Unless the search keeps the script, both the query (or the pattern) and
 * the text fold traditional characters to simplified ones too, by
 * OpenCC's table as the archive search does (variants.h): 國 finds 国 and
 * the reverse, and the hits are still the original text's bytes.
 * The front matter (banner, masthead, contacts, editors) is searched
 * before the first article's items. Empty matches are not hits.
 */
#ifndef READER_SEARCH_H
#define READER_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "edition.h"
#include "fold.h"

/* A place in the text: the item (ITEM_FRONT for a front-matter line) and
 * a byte offset into its text. */
#define ITEM_FRONT ((size_t)-1)

struct hit {
	size_t art;      /* 0 for the front matter */
	size_t item;     /* ITEM_FRONT for a front-matter line */
	size_t front;    /* that line's index */
	size_t start, end;  /* bytes of the item's (or line's) text */
};

struct search {
	char *text;      /* the query as typed, or NULL for none */
	size_t n;
	int regex, keep_case, keep_script;
	const uint32_t *script;  /* the fold table, NULL when the script is kept */
	char *folded;    /* literal: the folded query */
	size_t fn;
	void *re, *md;   /* regex: the compiled pattern and its match data */
	struct hit *v;   /* the hits, in text order */
	size_t nhits, cap;
	struct folded fb;  /* scratch */
};

/* Set the query (n 0: none) and find its every hit in ed, folding case
 * unless keep_case and the script unless keep_script (the first search
 * that folds it builds OpenCC's table). Returns 0, or
 * -1 with a message in err (a bad regular expression: the search is then
 * cleared). */
int search_set(struct search *s, const struct edition *ed, const char *q, size_t n, int regex,
	       int keep_case, int keep_script, char *err, size_t errsize);
/* The first hit at or after (dir 1), or the last before (dir -1), a text
 * place; SIZE_MAX when there is none on that side. */
size_t search_from(const struct search *s, size_t art, size_t item, size_t front, size_t off,
		   int dir);
/* The index of the first hit in an item (or front line) ending after
 * offset off: hits [i, ...) of the item follow in order. */
size_t search_first_in(const struct search *s, size_t art, size_t item, size_t front, size_t off);
void search_free(struct search *s);

#endif
