/*
 * archlists: the pick lists over an archive (lists.h): its editions, its
 * localities, the stories at a locality, and the hits of a search across
 * it. Built from the archive's entries and the catalogue's answers; no
 * curses here.
 */
#ifndef READER_ARCHLISTS_H
#define READER_ARCHLISTS_H

#include <stddef.h>

#include "archive.h"
#include "catalog.h"
#include "gazetteer.h"
#include "lists.h"

/* Every edition, in the archive's order (REF_EDITION): date, weekday,
 * title (else the file's name), page, number of articles, and a mark
 * where something in it is bookmarked. The filter looks in the date,
 * the title and the file's name. */
void archlist_editions(struct list *l, const struct archive *a);

/* A date typed the Chinese way (2020年11月, 2020年11月5日, 11月5日) as the
 * editions list writes dates (2020-11, 2020-11-05, -11-05), into out (NUL
 * ended); a month alone (11月) or a day alone (5日, 5号) as the key's
 * month or day field, which matches no other part of the date; anything
 * else is copied as it is. Returns the bytes written. */
size_t archlist_date_query(const char *q, size_t n, char *out, size_t size);

/* The localities (REF_PLACE, value an index into v), grouped under a
 * heading of their prefecture with its province (江苏省泰州市; the province
 * alone for a place known only that far; abroad, the country) by their
 * codes and the gazetteer (may be NULL), each with its number of
 * stories; the unresolved ones last, under a heading of their own. */
void archlist_places(struct list *l, const struct catalog_place *v, size_t n,
		     const struct gazetteer *gaz);

/* Stories (REF_STORY, value an index into v), as catalog_stories() gives
 * them: date and headline (and locality). */
void archlist_stories(struct list *l, const struct catalog_story *v, size_t n,
		      const struct archive *a);

/* The hits of a search (REF_STORY): per hit a heading row of date,
 * locality and headline, then the matching text from a little before the
 * match (the entry itself). *starts (allocated, n of them) gets the byte
 * of each hit's entry label where its match starts, for the highlight. */
void archlist_hits(struct list *l, const struct catalog_story *v, size_t n,
		   const struct archive *a, size_t **starts);

#endif
