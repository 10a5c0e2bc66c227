/*
 * proofing: the proofreading view. See proofing.h.
 */
#include "proofing.h"

#include <stdint.h>
#include <stdio.h>

#include "draw.h"
#include "i18n.h"
#include "proof.h"

void proofing_toggle(struct tui *t)
{
	char next[16];

	t->proof = !t->proof;
	t->finding = SIZE_MAX;
	if (t->proof)
		session_findings(&t->s);
	view_set_gutter(&t->s.v, t->proof ? PROOF_GUTTER : 0);
	/* keymap_first() answers in one static buffer: copy the first. */
	snprintf(next, sizeof next, "%s", keymap_first(t->keys, ACT_NEXT_FINDING));
	if (t->proof)
		draw_say(t, ngettext("proofreading: %zu finding (%s and %s go through them)",
				     "proofreading: %zu findings (%s and %s go through them)",
				     t->s.lint.n),
			 t->s.lint.n, next, keymap_first(t->keys, ACT_PREV_FINDING));
}

void proofing_gutter(struct tui *t, int r, size_t i)
{
	struct view *v = &t->s.v;
	size_t line = proof_vline_source(v, i, NULL), above = 0;
	char num[16];

	if (!line || v->margin < PROOF_GUTTER)
		return;
	for (size_t k = i; r > 0 && k-- > v->top;)
		if ((above = proof_vline_source(v, k, NULL)) != 0)
			break;
	if (r > 0 && above == line)
		return;
	snprintf(num, sizeof num, line < 10000 ? "%4zu " : "%5zu", line % 100000);
	draw_ui(t, r, v->margin - PROOF_GUTTER, PROOF_GUTTER, num, draw_attr(t, PAIR_BYLINE));
}

size_t proofing_ranges(struct tui *t, size_t i, size_t (*m)[2], size_t nm, size_t max)
{
	size_t first;

	if (!t->proof || nm >= max)
		return nm;
	return nm + proof_vline_findings(&t->s.v, i, session_findings(&t->s), m + nm, max - nm,
					 &first);
}

/* Is the finding > or < went to still the current one? */
static int current(const struct tui *t)
{
	return t->finding != SIZE_MAX && t->finding < t->s.lint.n &&
	       t->finding_art == t->s.v.art && t->finding_top == t->s.v.top;
}

void proofing_status(struct tui *t)
{
	const struct findings *fs;
	const struct finding *f = NULL;
	size_t first = SIZE_MAX, r[16][2];

	if (!t->proof || t->msg[0])
		return;
	fs = session_findings(&t->s);
	if (current(t)) {
		first = t->finding;
	} else {
		for (size_t i = t->s.v.top; i < t->s.v.vl.n && first == SIZE_MAX; i++) {
			if (t->s.v.vl.v[i].kind == VL_BLANK)
				continue;
			proof_vline_findings(&t->s.v, i, fs, r, 16, &first);
			break;
		}
	}
	if (first == SIZE_MAX)
		return;
	f = &fs->v[first];
	snprintf(t->msg, sizeof t->msg, "%zu/%zu %zu:%zu %s: %s", first + 1, fs->n, f->line,
		 f->column, finding_kinds[f->kind].name, f->message);
}

/* The finding after (dir 1) or before the current one, or after or
 * before the top line; SIZE_MAX when there is none. */
static size_t step_one(struct tui *t, int dir, struct view_pos *p)
{
	const struct findings *fs = session_findings(&t->s);

	if (!current(t))
		return proof_next_finding(&t->s.v, fs, dir, p);
	for (size_t k = t->finding + (size_t)(long)dir; k < fs->n; k += (size_t)(long)dir)
		if (proof_finding_pos(t->s.ed, &fs->v[k], p) == 0)
			return k;
	return SIZE_MAX;
}

void proofing_step(struct tui *t, int dir, long times)
{
	struct view_pos p;
	size_t k = SIZE_MAX;

	if (!t->proof)
		proofing_toggle(t);
	t->msg[0] = '\0';
	for (long n = 0; n < times; n++) {
		size_t next = step_one(t, dir, &p);

		if (next == SIZE_MAX)
			break;
		k = next;
		view_seek(&t->s.v, p);
		t->finding = k;
		t->finding_art = t->s.v.art;
		t->finding_top = t->s.v.top;
	}
	if (k == SIZE_MAX)
		draw_say(t, "%s", !t->s.lint.n ? _("no findings in this edition")
			 : dir > 0 ? _("no more findings after this") : _("no findings before this"));
}
