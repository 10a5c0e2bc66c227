/*
 * locality: which place each article is about, resolved against the
 * gazetteer. See locality.h.
 */
#include "locality.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Gazetteer answers for one pass, keyed by the text asked about: kickers
 * repeat across an archive, and a lookup costs far more than a probe. */
struct memo {
	struct memo_slot {
		const char *s;      /* NULL: empty slot */
		size_t n;
		int flags, ok;
		struct place pl;
	} *slot;
	size_t mask;
};

static int memo_match(struct memo *m, const struct gazetteer *g, const char *s, size_t n,
		      int flags, const char *prefer, struct place *out)
{
	size_t i;

	if (!n)
		return 0;  /* no kicker and no headline: no place */
	i = (size_t)text_hash((uint64_t)flags, s, n) & m->mask;

	for (;; i = (i + 1) & m->mask) {
		struct memo_slot *e = &m->slot[i];

		if (!e->s) {
			e->s = s;
			e->n = n;
			e->flags = flags;
			e->ok = gazetteer_match(g, s, n, flags, prefer, &e->pl);
			*out = e->pl;
			return e->ok;
		}
		if (e->n == n && e->flags == flags && memcmp(e->s, s, n) == 0) {
			*out = e->pl;
			return e->ok;
		}
	}
}

/* Where an article names its place: the kicker, else the dateline's place
 * (本报南宁…电), else the start of the headline; *flags for the match. */
static struct str article_place_text(const struct article *a, int *flags)
{
	*flags = 0;
	if (a->kicker.n)
		return a->kicker;
	*flags = GAZ_MATCH_HEADLINE;
	if (a->dateline_place.n)
		return a->dateline_place;
	return a->headline;
}

/* Resolve each article's locality: from the kicker, else the dateline,
 * else from the start of the headline. Ambiguous names prefer the edition's most common province,
 * found by a first pass. */
void locality_resolve(struct edition *ed, const struct gazetteer *gaz)
{
	size_t votes[100] = {0}, best = 0, cap = 16;
	char prefer[3] = "";
	struct memo m;

	if (!gaz || !ed->narticles)
		return;
	while (cap < 2 * ed->narticles)
		cap *= 2;
	m.mask = cap - 1;
	m.slot = xcalloc(cap, sizeof *m.slot);
	for (int pass = 0; pass < 2; pass++) {
		memset(m.slot, 0, cap * sizeof *m.slot);
		for (size_t i = 0; i < ed->narticles; i++) {
			struct article *a = &ed->articles[i];
			struct place pl;
			int ok, flags;

			struct str from = article_place_text(a, &flags);

			ok = memo_match(&m, gaz, from.s, from.n, flags, prefer, &pl);
			if (!ok && a->kicker.n && a->dateline_place.n) {
				from = a->dateline_place;
				flags = GAZ_MATCH_HEADLINE;
				ok = memo_match(&m, gaz, from.s, from.n, flags, prefer, &pl);
			}
			if (!ok)
				continue;
			if (pass == 0) {
				int prov = (pl.code[0] - '0') * 10 + (pl.code[1] - '0');

				if (prov >= 0 && prov < 100 && ++votes[prov] > votes[best])
					best = (size_t)prov;
				continue;
			}
			a->locality = from.s == a->kicker.s ? a->kicker : (struct str){from.s, pl.matched};
			a->has_place = 1;
			snprintf(a->place_code, sizeof a->place_code, "%s", pl.code);
			a->place_name = xstrdup(pl.full_name);
		}
		if (votes[best]) {
			prefer[0] = (char)('0' + best / 10);
			prefer[1] = (char)('0' + best % 10);
		}
	}
	free(m.slot);
}
