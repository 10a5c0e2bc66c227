/*
 * locality: the place each article of an edition is about.
 *
 * From the kicker (宜兴市委统战部 names 宜兴市), else from the start of the
 * headline (兴化统一战线… names 兴化市), resolved against the gazetteer;
 * a kicker that names no place gives none. Ambiguous names prefer the
 * province most of the edition's articles are in.
 */
#ifndef READER_LOCALITY_H
#define READER_LOCALITY_H

#include "edition.h"
#include "gazetteer.h"

/* Fill each article's locality, has_place, place_code and place_name
 * (gaz may be NULL: then nothing is resolved). */
void locality_resolve(struct edition *ed, const struct gazetteer *gaz);

/*
 * The same, one article at a time, for an edition whose articles are not
 * all held at once (edition_parse_each()): every article is voted, in
 * order, then locality_settle(), then every article is placed, in the
 * same order; the places are those locality_resolve() gives. narticles
 * is only a hint for the size of a cache (0 when unknown). An article's
 * kicker, dateline place and headline must stay valid until
 * locality_settle() (they point into the decoded text).
 */
struct locality_run;
struct locality_run *locality_begin(const struct gazetteer *gaz, size_t narticles);
void locality_vote(struct locality_run *lr, const struct article *a);
void locality_settle(struct locality_run *lr);
void locality_place(struct locality_run *lr, struct article *a);
void locality_end(struct locality_run *lr);

#endif
