/*
 * locality: which place each article is about, resolved against the
 * gazetteer. See locality.h.
 */
#include "locality.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "occ.h"

#include "text.h"
#include "util.h"

/* Characters of a kicker, dateline or headline converted from traditional
 * characters to look for a place in (a place name is shorter). */
#define TRAD_MAX_CHARS 16
#define TRAD_MAX (TRAD_MAX_CHARS * 4)
/* Bytes of headlines that tell whether an edition is traditional. */
#define TRAD_SAMPLE 4096

/* Gazetteer answers for one pass, keyed by the text asked about: kickers
 * repeat across an archive, and a lookup costs far more than a probe. It
 * is a cache of at most MEMO_MAX slots, grown or emptied when three
 * quarters full:
 * a million articles with a headline each must not need a million slots
 * (64 MB) to be resolved. */
#define MEMO_MAX 65536
struct memo {
	struct memo_slot {
		const char *s;      /* NULL: empty slot */
		size_t n;
		int flags, ok;
		struct place pl;
	} *slot;
	size_t mask, used;
};

static int memo_match(struct memo *m, const struct gazetteer *g, const char *s, size_t n,
		      int flags, const char *prefer, struct place *out)
{
	size_t i;

	if (!n)
		return 0;  /* no kicker and no headline: no place */
	if (m->used * 4 >= (m->mask + 1) * 3) {
		/* Full: twice the room while under MEMO_MAX, else the same
		 * room emptied (a cache loses nothing but time). */
		size_t cap = m->mask + 1 < MEMO_MAX ? 2 * (m->mask + 1) : m->mask + 1;

		free(m->slot);
		m->slot = xcalloc(cap, sizeof *m->slot);
		m->mask = cap - 1;
		m->used = 0;
	}
	i = (size_t)text_hash((uint64_t)flags, s, n) & m->mask;

	for (;; i = (i + 1) & m->mask) {
		struct memo_slot *e = &m->slot[i];

		if (!e->s) {
			m->used++;
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
	t = occ_convert(*conv, from->s, n);
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
	occ_free(t);
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

/* Open OpenCC when a sample of the edition's headlines is in traditional
 * characters: when t2s changes it. Else (or when OpenCC cannot be opened)
 * (opencc_t)-1, and no article pays for a conversion. */
static opencc_t open_if_traditional(const struct sbuf *sample)
{
	opencc_t conv;
	char *t;
	int trad = 0;

	/* Opening OpenCC loads its dictionaries (some 30 million
	 * instructions): only for a sample with a common traditional-only
	 * character in it. */
	conv = looks_traditional(sample->s, sample->len) ? occ_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP)
							: (opencc_t)-1;
	if (conv != (opencc_t)-1 && (t = occ_convert(conv, sample->s, sample->len))) {
		trad = strlen(t) != sample->len || memcmp(t, sample->s, sample->len) != 0;
		occ_free(t);
	}
	if (!trad && conv != (opencc_t)-1) {
		occ_close(conv);
		conv = (opencc_t)-1;
	}
	return conv;
}

/* What an article's place is looked for in: kept for the articles voted
 * before the headline sample is complete. */
struct pending {
	struct str kicker, dateline_place, headline;
};

struct locality_run {
	const struct gazetteer *gaz;
	struct memo m;
	size_t votes[100], best;
	char prefer[3];
	/* The first headlines, up to TRAD_SAMPLE bytes, tell whether the
	 * edition is traditional (conv); until then the articles' votes
	 * wait in pending. */
	struct sbuf sample;
	int sampled;
	opencc_t conv;
	struct pending *pending;
	size_t npending, cappending;
};

struct locality_run *locality_begin(const struct gazetteer *gaz, size_t narticles)
{
	struct locality_run *lr = xcalloc(1, sizeof *lr);
	size_t cap = 16, want = narticles ? 2 * narticles : 1024;

	lr->gaz = gaz;
	lr->conv = (opencc_t)-1;
	while (cap < want && cap < MEMO_MAX)
		cap *= 2;
	lr->m.mask = cap - 1;
	lr->m.slot = xcalloc(cap, sizeof *lr->m.slot);
	return lr;
}

/*
 * Look for article a's place (with the preference, in pass 1): 1 and *from
 * and *pl when found. The answer of the first pass only counts votes.
 */
static int find_place(struct locality_run *lr, const struct article *a, struct str *from,
		      struct place *pl, int *abroad_ok)
{
	const struct gazetteer *gaz = lr->gaz;
	int ok, flags;

	int far = 0;

	*from = article_place_text(a, &flags);
	ok = abroad(gaz, from, a, pl);
	*abroad_ok = ok;
	if (ok)
		return 1;
	ok = near_or_abroad(gaz, &lr->m, from, flags, lr->prefer, pl, &far);
	/* A kicker naming no place of the gazetteer (an event: 东京奥运会…)
	 * leaves the place to a dateline that does. */
	if ((!ok || far) && a->kicker.n && a->dateline_place.n) {
		struct place dp;

		if (memo_match(&lr->m, gaz, a->dateline_place.s, a->dateline_place.n,
			       GAZ_MATCH_HEADLINE, lr->prefer, &dp)) {
			*from = a->dateline_place;
			*pl = dp;
			ok = 1;
		}
	}
	if (!ok)
		ok = traditional(gaz, from, flags, lr->prefer, pl, &lr->conv);
	return ok;
}

/* Count article a's province, once conv is known. */
static void vote(struct locality_run *lr, const struct article *a)
{
	struct str from;
	struct place pl;
	int ab;

	/* A dateline abroad counts only when it is a region (Hong Kong):
	 * a country has no province to prefer. */
	if (!find_place(lr, a, &from, &pl, &ab) || !region(pl.code))
		return;
	int prov = (pl.code[0] - '0') * 10 + (pl.code[1] - '0');

	if (prov >= 0 && prov < 100 && ++lr->votes[prov] > lr->votes[lr->best])
		lr->best = (size_t)prov;
}

/* The sample is complete: open OpenCC if the edition is traditional, and
 * count the votes that waited for it, in their order. */
static void end_sample(struct locality_run *lr)
{
	lr->sampled = 1;
	lr->conv = open_if_traditional(&lr->sample);
	sbuf_free(&lr->sample);
	for (size_t i = 0; i < lr->npending; i++) {
		struct article a;

		memset(&a, 0, sizeof a);
		a.kicker = lr->pending[i].kicker;
		a.dateline_place = lr->pending[i].dateline_place;
		a.headline = lr->pending[i].headline;
		vote(lr, &a);
	}
	free(lr->pending);
	lr->pending = NULL;
	lr->npending = lr->cappending = 0;
}

void locality_vote(struct locality_run *lr, const struct article *a)
{
	if (lr->sampled) {
		vote(lr, a);
		return;
	}
	sbuf_add(&lr->sample, a->headline.s, a->headline.n);
	XGROW(lr->pending, lr->cappending, lr->npending + 1);
	lr->pending[lr->npending++] = (struct pending){a->kicker, a->dateline_place, a->headline};
	if (lr->sample.len >= TRAD_SAMPLE)
		end_sample(lr);
}

void locality_settle(struct locality_run *lr)
{
	if (!lr->sampled)
		end_sample(lr);
	if (lr->votes[lr->best]) {
		lr->prefer[0] = (char)('0' + lr->best / 10);
		lr->prefer[1] = (char)('0' + lr->best % 10);
	}
	memset(lr->m.slot, 0, (lr->m.mask + 1) * sizeof *lr->m.slot);
	lr->m.used = 0;
}

void locality_place(struct locality_run *lr, struct article *a)
{
	struct str from;
	struct place pl;
	int ab;

	if (!find_place(lr, a, &from, &pl, &ab))
		return;
	a->locality = from.s == a->kicker.s ? a->kicker : (struct str){from.s, pl.matched};
	a->has_place = 1;
	snprintf(a->place_code, sizeof a->place_code, "%s", pl.code);
	a->place_name = xstrdup(pl.full_name);
}

void locality_end(struct locality_run *lr)
{
	if (!lr)
		return;
	free(lr->m.slot);
	free(lr->pending);
	sbuf_free(&lr->sample);
	if (lr->conv != (opencc_t)-1)
		occ_close(lr->conv);
	free(lr);
}

/* Resolve each article's locality: from the kicker, else the dateline,
 * else from the start of the headline. Ambiguous names prefer the
 * edition's most common province, found by a first pass. */
void locality_resolve(struct edition *ed, const struct gazetteer *gaz)
{
	struct locality_run *lr;

	if (!gaz || !ed->narticles)
		return;
	lr = locality_begin(gaz, ed->narticles);
	for (size_t i = 0; i < ed->narticles; i++)
		locality_vote(lr, &ed->articles[i]);
	locality_settle(lr);
	for (size_t i = 0; i < ed->narticles; i++)
		locality_place(lr, &ed->articles[i]);
	locality_end(lr);
}
