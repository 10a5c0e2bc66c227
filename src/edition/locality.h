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

#endif
