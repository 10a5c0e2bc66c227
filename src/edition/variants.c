/*
 * variants: the script of each Han character, from OpenCC. See variants.h.
 *
 * Each direction is converted once, every character of the blocks on a
 * line of its own, so that OpenCC's phrase tables see no neighbours and
 * the answer is the character's own. The result is one small entry per
 * code point of the blocks.
 */
#include "variants.h"

#include "occ.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "text.h"
#include "util.h"

/* The blocks looked at: CJK Unified Ideographs and Extension A, and the
 * compatibility ideographs. */
static const struct {
	uint32_t lo, hi;
} blocks[] = { {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF} };

#define SLOTS ((0x4DBF - 0x3400 + 1) + (0x9FFF - 0x4E00 + 1) + (0xFAFF - 0xF900 + 1))

struct entry {
	unsigned char script;
	uint32_t other;
};

/* The table is built once per process, possibly by two threads at once
 * (the reader's and its background indexer): each side is built under
 * pthread_once, and the simplified side is made in a copy published whole,
 * so that a thread reading the table never sees it half written. The
 * first table is kept (another thread may still be reading it). */
static _Atomic(struct entry *) table;
static struct entry *first_table;
static struct entry *building;   /* the table being written, under a once */
static int available;
static pthread_once_t built_once = PTHREAD_ONCE_INIT, simp_once = PTHREAD_ONCE_INIT;

/* The slot of cp in the table, or -1. */
static long slot(uint32_t cp)
{
	long base = 0;

	if (cp >= 0x4E00 && cp <= 0x9FFF)  /* the common case first */
		return (long)(0x4DBF - 0x3400 + 1) + (long)(cp - 0x4E00);

	for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
		if (cp >= blocks[b].lo && cp <= blocks[b].hi)
			return base + (long)(cp - blocks[b].lo);
		base += (long)(blocks[b].hi - blocks[b].lo + 1);
	}
	return -1;
}

/* Every character of the blocks, one per line. */
static char *all_characters(size_t *len)
{
	struct sbuf b = {0};

	for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
		for (uint32_t cp = blocks[k].lo; cp <= blocks[k].hi; cp++) {
			char u[4];

			sbuf_add(&b, u, text_put(cp, u));
			sbuf_addc(&b, '\n');
		}
	*len = b.len;
	return sbuf_take(&b);
}

/* Convert the list with config and call mark(slot, converted, ctx) for
 * each character of the blocks whose line came back different. */
static int convert_all(const char *config, const char *in, size_t len,
		       void (*mark)(long s, uint32_t to, void *ctx), void *ctx)
{
	opencc_t cc = occ_open(config);
	char *out;
	const char *p, *q;

	if (cc == (opencc_t)-1)
		return -1;
	out = occ_convert(cc, in, len);
	occ_close(cc);
	if (!out)
		return -1;
	p = in;
	q = out;
	while (*p && *q) {
		const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
		uint32_t a, b;

		if (!pe || !qe)
			break;
		text_next(p, (size_t)(pe - p), &a);
		text_next(q, (size_t)(qe - q), &b);
		if (((size_t)(pe - p) != (size_t)(qe - q) || memcmp(p, q, (size_t)(pe - p))) &&
		    slot(a) >= 0)
			mark(slot(a), b, ctx);
		p = pe + 1;
		q = qe + 1;
	}
	occ_free(out);
	return 0;
}

static void mark_traditional(long s, uint32_t to, void *ctx)
{
	(void)ctx;
	building[s].script = VARIANT_TRADITIONAL;
	building[s].other = to;
}

static void mark_simplified(long s, uint32_t to, void *ctx)
{
	(void)ctx;
	/* Only where the traditional table left it alone: a character
	 * both tables change (a variant of a variant) stays traditional. */
	if (building[s].script == VARIANT_BOTH) {
		building[s].script = VARIANT_SIMPLIFIED;
		building[s].other = to;
	}
}

static void mark_changed(long s, uint32_t to, void *changed)
{
	(void)to;
	((unsigned char *)changed)[s] = 1;
}

/* Unmark the simplified characters a regional conversion leaves alone: a
 * character Taiwan's or Hong Kong's standard keeps as it is (床, 台, 准)
 * is no simplified-only form, whatever OpenCC's plain table says. */
static void regional(const char *config, const char *all, size_t len)
{
	unsigned char *changed = xcalloc(SLOTS, 1);

	if (convert_all(config, all, len, mark_changed, changed) == 0)
		for (size_t s = 0; s < SLOTS; s++)
			if (building[s].script == VARIANT_SIMPLIFIED && !changed[s])
				building[s].script = VARIANT_BOTH;
	free(changed);
}

/* The traditional side (one t2s conversion) is what simplified text
 * needs, and most editions are simplified: the simplified side (s2t and
 * the two regional conversions) is built only when traditional text asks. */
static atomic_int built_simp;

static void build_once(void)
{
	size_t len;
	char *all;

	first_table = xcalloc(SLOTS, sizeof *first_table);
	building = first_table;
	all = all_characters(&len);
	available = convert_all(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP, all, len, mark_traditional, NULL) == 0;
	free(all);
	atomic_store(&table, first_table);
}

static struct entry *built(void)
{
	pthread_once(&built_once, build_once);
	return atomic_load(&table);
}

static void build_simplified_once(void)
{
	size_t len;
	char *all;
	struct entry *copy;

	built();
	if (!available) {
		atomic_store(&built_simp, 1);
		return;
	}
	copy = xmalloc(SLOTS * sizeof *copy);
	memcpy(copy, first_table, SLOTS * sizeof *copy);
	building = copy;
	all = all_characters(&len);
	if (convert_all(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD, all, len, mark_simplified, NULL) == 0) {
		regional("s2tw.json", all, len);
		regional("s2hk.json", all, len);
	}
	free(all);
	atomic_store(&table, copy);
	atomic_store(&built_simp, 1);
}

static struct entry *built_simplified(void)
{
	pthread_once(&simp_once, build_simplified_once);
	return atomic_load(&table);
}

int variant_is_traditional(uint32_t cp)
{
	long s = slot(cp);
	const struct entry *t = built();

	return s >= 0 && t[s].script == VARIANT_TRADITIONAL;
}

enum variant_script variant_script(uint32_t cp)
{
	long s = slot(cp);
	const struct entry *t = built_simplified();

	return s < 0 ? VARIANT_BOTH : (enum variant_script)t[s].script;
}

uint32_t variant_other(uint32_t cp)
{
	long s = slot(cp);
	const struct entry *t;

	if (s < 0)
		return cp;
	t = built();
	if (t[s].script != VARIANT_TRADITIONAL && !atomic_load(&built_simp))
		t = built_simplified();
	return t[s].script == VARIANT_BOTH ? cp : t[s].other;
}

static uint32_t *fold_table;
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* Only the traditional side is needed (one conversion): the simplified
 * form of a traditional one is what t2s gave it. */
static void build_fold_once(void)
{
	const struct entry *t = built();

	fold_table = xmalloc((FOLD_SCRIPT_HI - FOLD_SCRIPT_LO + 1) * sizeof *fold_table);
	for (uint32_t cp = FOLD_SCRIPT_LO; cp <= FOLD_SCRIPT_HI; cp++) {
		long s = slot(cp);

		fold_table[cp - FOLD_SCRIPT_LO] =
			s >= 0 && t[s].script == VARIANT_TRADITIONAL ? t[s].other : cp;
	}
}

const uint32_t *variant_fold_table(void)
{
	pthread_once(&fold_once, build_fold_once);
	return fold_table;
}

int variant_available(void)
{
	built();
	return available;
}
