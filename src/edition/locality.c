/*
 * locality: which place each article is about, resolved against the
 * gazetteer. See locality.h.
 */
#include "locality.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "text.h"
#include "util.h"

/* Characters of a kicker, dateline or headline converted from traditional
 * characters to look for a place in (a place name is shorter). */
#define TRAD_MAX_CHARS 16
#define TRAD_MAX (TRAD_MAX_CHARS * 4)
/* Bytes of headlines that tell whether an edition is traditional. */
#define TRAD_SAMPLE 4096

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

/* Is code a province's or region's (two digits and more: 32, 81), not a
 * country's (US)? */
static int region(const char *code)
{
	return code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
}

/* A dateline abroad (本报华盛顿…电) or in Hong Kong, Macau or Taiwan:
 * *from becomes the place as printed. */
static int abroad(const struct gazetteer *gaz, struct str *from, const struct article *a,
		  struct place *pl)
{
	struct str s = a->dateline_place;

	if (!s.n || !gazetteer_abroad(gaz, s.s, s.n, pl))
		return 0;
	*from = (struct str){s.s, pl->matched};
	return 1;
}

/* The place a kicker or headline opens with, as printed: in the
 * gazetteer, or in Hong Kong, Macau, Taiwan or abroad (沙田, 旺角, 銅鑼灣
 * are in data/abroad.tsv in both scripts, so that no conversion is needed
 * for a name traditional text prints as simplified text does). When both
 * fit, the longer name wins, then the edition's own region (a Hong Kong
 * page's 大埔 is Tai Po, a mainland page's is the county in Guangdong),
 * then the gazetteer. *from becomes the name when it was abroad; *far
 * says the gazetteer knew none. */
static int near_or_abroad(const struct gazetteer *gaz, struct memo *m, struct str *from,
			  int flags, const char *prefer, struct place *pl, int *far)
{
	struct place ab;
	int ok = memo_match(m, gaz, from->s, from->n, flags, prefer, pl);

	*far = 0;
	if (!from->n || !gazetteer_abroad(gaz, from->s, from->n, &ab))
		return ok;
	if (ok && (pl->matched > ab.matched ||
		   (pl->matched == ab.matched && !(prefer[0] && !strcmp(ab.code, prefer)))))
		return ok;
	*far = !ok;
	*pl = ab;
	from->n = ab.matched;
	return 1;
}

/* Text in traditional characters (臺北, 九龍): converted to simplified with
 * OpenCC (t2s) and matched again, in the gazetteer and abroad. The match
 * is mapped back onto the printed text by characters (t2s keeps their
 * number). conv: from open_if_traditional(). */
static int traditional(const struct gazetteer *gaz, struct str *from, int flags,
		       const char *prefer, struct place *pl, opencc_t *conv)
{
	char *t;
	size_t n = from->n < TRAD_MAX ? from->n : TRAD_MAX, tn;
	int ok;

	if (!from->n || *conv == (opencc_t)-1)
		return 0;
	while (n < from->n && ((unsigned char)from->s[n] & 0xC0) == 0x80)
		n++;
	t = opencc_convert_utf8(*conv, from->s, n);
	if (!t)
		return 0;
	tn = strlen(t);
	ok = (tn != n || memcmp(t, from->s, n)) &&
	     (gazetteer_abroad(gaz, t, tn, pl) || gazetteer_match(gaz, t, tn, flags, prefer, pl));
	if (ok) {
		size_t chars = text_count(t, pl->matched, SIZE_MAX), i = 0;
		uint32_t cp;

		while (chars-- && i < from->n)
			i += text_next(from->s + i, from->n - i, &cp);
		from->n = i;
		pl->matched = i;
	}
	opencc_convert_utf8_free(t);
	return ok;
}

/* Common characters written only in traditional text. */
static const char trad_only[] = "們這個來說會時國為與對後發開關門長東車馬區華灣臺語體萬書買賣讓點報記島龍漢樂";

/* Does s hold one of trad_only? */
static int looks_traditional(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= sizeof trad_only - 1; i += 3)
		if (n && memmem(s, n, trad_only + i, 3))
			return 1;
	return 0;
}

/* Open OpenCC when the edition is in traditional characters: when t2s
 * changes a sample of its headlines. Else (or when OpenCC cannot be
 * opened) (opencc_t)-1, and no article pays for a conversion. */
static opencc_t open_if_traditional(const struct edition *ed)
{
	struct sbuf sample = {0};
	opencc_t conv;
	char *t;
	int trad = 0;

	for (size_t i = 0; i < ed->narticles && sample.len < TRAD_SAMPLE; i++)
		sbuf_add(&sample, ed->articles[i].headline.s, ed->articles[i].headline.n);
	/* Opening OpenCC loads its dictionaries (some 30 million
	 * instructions): only for a sample with a common traditional-only
	 * character in it. */
	conv = looks_traditional(sample.s, sample.len) ? opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP)
						      : (opencc_t)-1;
	if (conv != (opencc_t)-1 && (t = opencc_convert_utf8(conv, sample.s, sample.len))) {
		trad = strlen(t) != sample.len || memcmp(t, sample.s, sample.len) != 0;
		opencc_convert_utf8_free(t);
	}
	sbuf_free(&sample);
	if (!trad && conv != (opencc_t)-1) {
		opencc_close(conv);
		conv = (opencc_t)-1;
	}
	return conv;
}

/* Resolve each article's locality: from the kicker, else the dateline,
 * else from the start of the headline. Ambiguous names prefer the edition's most common province,
 * found by a first pass. */
void locality_resolve(struct edition *ed, const struct gazetteer *gaz)
{
	size_t votes[100] = {0}, best = 0, cap = 16;
	char prefer[3] = "";
	struct memo m;
	opencc_t conv;

	if (!gaz || !ed->narticles)
		return;
	while (cap < 2 * ed->narticles)
		cap *= 2;
	m.mask = cap - 1;
	conv = open_if_traditional(ed);
	m.slot = xcalloc(cap, sizeof *m.slot);
	for (int pass = 0; pass < 2; pass++) {
		memset(m.slot, 0, cap * sizeof *m.slot);
		for (size_t i = 0; i < ed->narticles; i++) {
			struct article *a = &ed->articles[i];
			struct place pl;
			int ok, flags, far = 0;

			struct str from = article_place_text(a, &flags);

			ok = abroad(gaz, &from, a, &pl);
			if (ok && pass == 0 && !region(pl.code))
				continue;
			if (!ok)
				ok = near_or_abroad(gaz, &m, &from, flags, prefer, &pl, &far);
			/* A kicker naming no place of the gazetteer (an event:
			 * 东京奥运会…) leaves the place to a dateline that does. */
			if ((!ok || far) && a->kicker.n && a->dateline_place.n) {
				struct place dp;

				if (memo_match(&m, gaz, a->dateline_place.s, a->dateline_place.n,
					       GAZ_MATCH_HEADLINE, prefer, &dp)) {
					from = a->dateline_place;
					pl = dp;
					ok = 1;
				}
			}
			if (!ok)
				ok = traditional(gaz, &from, flags, prefer, &pl, &conv);
			if (!ok)
				continue;
			if (pass == 0) {
				/* A country has no province to prefer. */
				int prov = region(pl.code) ? (pl.code[0] - '0') * 10 + (pl.code[1] - '0') : -1;

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
	if (conv != (opencc_t)-1)
		opencc_close(conv);
}
