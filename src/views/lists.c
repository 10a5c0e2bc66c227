/*
 * lists: the locality index, the contents, filtering and moving through a
 * list. See lists.h.
 */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void list_add(struct list *l, char *label, const char *key, size_t keylen, struct list_ref ref)
{
	struct folded f = {0};

	fold_text(key, keylen, &f);
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct list_entry){label, xstrndup(f.s, f.n), f.n, ref};
	fold_free(&f);
}

static struct list_ref article_ref(size_t i)
{
	return (struct list_ref){REF_ARTICLE, i};
}

static const struct list_ref heading_ref = {REF_NONE, 0};

struct sortkey {
	const char *code;   /* the place's code, "" when none */
	size_t article;
};

static int cmp_key(const void *x, const void *y)
{
	const struct sortkey *a = x, *b = y;
	int c;

	/* Articles with a place first, by code; then by order in the paper. */
	if (!*a->code != !*b->code)
		return *a->code ? -1 : 1;
	c = strcmp(a->code, b->code);
	if (c)
		return c;
	return a->article < b->article ? -1 : a->article > b->article;
}

void list_localities(struct list *l, const struct edition *ed, const struct gazetteer *gaz)
{
	struct sortkey *k = xcalloc(ed->narticles, sizeof *k);
	char pref[8] = "";

	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < ed->narticles; i++) {
		k[i].code = ed->articles[i].has_place ? ed->articles[i].place_code : "";
		k[i].article = i;
	}
	qsort(k, ed->narticles, sizeof *k, cmp_key);
	for (size_t i = 0; i < ed->narticles; i++) {
		const struct article *a = &ed->articles[k[i].article];
		const char *below;
		struct sbuf label = {0}, key = {0};

		/* A heading for each prefecture (the first four digits). */
		if (i == 0 || strncmp(pref, k[i].code, 4) != 0 || !*k[i].code != !*pref) {
			struct place pl;
			char code[8];
			const char *name = "（未定位）";

			snprintf(pref, sizeof pref, "%.4s", k[i].code);
			snprintf(code, sizeof code, "%.4s", k[i].code);
			if (*k[i].code && gaz && gazetteer_find_code(gaz, code, &pl))
				name = pl.full_name;
			else if (*k[i].code)
				name = a->place_name;
			list_add(l, xstrdup(name), name, strlen(name), heading_ref);
		}
		/* The place below the prefecture: 兴化市, 海陵区罡杨镇. */
		below = a->has_place ? a->place_name : "";
		if (a->has_place && gaz) {
			struct place pl;
			char code[8];

			snprintf(code, sizeof code, "%.4s", a->place_code);
			if (gazetteer_find_code(gaz, code, &pl) &&
			    strncmp(below, pl.full_name, strlen(pl.full_name)) == 0 &&
			    below[strlen(pl.full_name)])
				below += strlen(pl.full_name);
		}
		sbuf_addf(&label, "  %s", below);
		/* The locality as printed, when it says more than the place. */
		if (a->locality.n && !(a->locality.n == strlen(below) &&
				       memcmp(a->locality.s, below, a->locality.n) == 0)) {
			sbuf_add(&label, "（", strlen("（"));
			sbuf_add(&label, a->locality.s, a->locality.n);
			sbuf_add(&label, "）", strlen("）"));
		}
		sbuf_add(&label, "  ", 2);
		sbuf_add(&label, a->headline.s, a->headline.n);
		sbuf_add(&key, a->locality.s, a->locality.n);
		sbuf_addc(&key, ' ');
		if (a->has_place)
			sbuf_add(&key, a->place_name, strlen(a->place_name));
		sbuf_addc(&key, ' ');
		sbuf_add(&key, a->headline.s, a->headline.n);
		list_add(l, sbuf_take(&label), key.s, key.len, article_ref(k[i].article));
		sbuf_free(&key);
	}
	free(k);
	list_filter(l, "", 0);
}

void list_contents(struct list *l, const struct edition *ed)
{
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < ed->narticles; i++) {
		const struct article *a = &ed->articles[i];
		struct sbuf label = {0}, key = {0};

		sbuf_addf(&label, "%3zu  ", i + 1);
		if (a->locality.n) {
			sbuf_add(&label, a->locality.s, a->locality.n);
			sbuf_add(&label, "：", strlen("："));
		}
		sbuf_add(&label, a->headline.s, a->headline.n);
		sbuf_add(&key, a->locality.s, a->locality.n);
		sbuf_addc(&key, ' ');
		sbuf_add(&key, a->headline.s, a->headline.n);
		list_add(l, sbuf_take(&label), key.s, key.len, article_ref(i));
		sbuf_free(&key);
	}
	list_filter(l, "", 0);
}

static int is_heading(const struct list_entry *e)
{
	return e->ref.kind == REF_NONE;
}

void list_filter(struct list *l, const char *q, size_t n)
{
	struct folded f = {0};

	fold_text(q, n, &f);
	l->shown = xreallocarray(l->shown, l->n + 1, sizeof *l->shown);
	l->nshown = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct list_entry *e = &l->v[i];
		int ok = !f.n;

		if (f.n && is_heading(e)) {
			/* A heading: shown if an entry under it passes. */
			for (size_t j = i + 1; j < l->n && !is_heading(&l->v[j]); j++)
				if (memmem(l->v[j].key, l->v[j].keylen, f.s, f.n))
					ok = 1;
		} else if (f.n) {
			ok = memmem(e->key, e->keylen, f.s, f.n) != NULL;
		}
		if (ok)
			l->shown[l->nshown++] = i;
	}
	fold_free(&f);
	l->sel = l->top = 0;
	list_move(l, LIST_HOME, 1);
}

void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].label);
		free(l->v[i].key);
	}
	free(l->v);
	free(l->shown);
	memset(l, 0, sizeof *l);
}

static int heading_at(const struct list *l, size_t k)
{
	return is_heading(&l->v[l->shown[k]]);
}

/* Select the first entry that is no heading at or after k (dir 1), or at
 * or before it (dir -1), turning back at either end. */
static void select_from(struct list *l, size_t k, int dir)
{
	if (!l->nshown)
		return;
	if (k >= l->nshown)
		k = l->nshown - 1;
	for (size_t tries = 0; tries < 2; tries++, dir = -dir) {
		size_t i = k;

		while (i < l->nshown && heading_at(l, i))
			i = dir > 0 ? i + 1 : i ? i - 1 : SIZE_MAX;
		if (i < l->nshown) {
			l->sel = i;
			return;
		}
	}
}

/* Scroll a list that has no selection. */
static void scroll_by(struct list *l, enum list_move m, size_t rows)
{
	size_t last = l->nshown > rows ? l->nshown - rows : 0;

	switch (m) {
	case LIST_NEXT: l->top += l->top < last; break;
	case LIST_PREV: l->top -= l->top > 0; break;
	case LIST_PAGE_DOWN: l->top = l->top + rows < last ? l->top + rows : last; break;
	case LIST_PAGE_UP: l->top = l->top > rows ? l->top - rows : 0; break;
	case LIST_HOME: l->top = 0; break;
	case LIST_END: l->top = last; break;
	}
	l->sel = l->top;
}

void list_move(struct list *l, enum list_move m, size_t rows)
{
	size_t page = rows ? rows : 1;

	if (l->scroll_only) {
		scroll_by(l, m, page);
		return;
	}
	switch (m) {
	case LIST_NEXT:
		if (l->sel + 1 < l->nshown)
			select_from(l, l->sel + 1, 1);
		break;
	case LIST_PREV:
		if (l->sel > 0)
			select_from(l, l->sel - 1, -1);
		break;
	case LIST_PAGE_DOWN:
		select_from(l, l->sel + page, -1);
		break;
	case LIST_PAGE_UP:
		select_from(l, l->sel > page ? l->sel - page : 0, 1);
		break;
	case LIST_HOME:
		select_from(l, 0, 1);
		break;
	case LIST_END:
		select_from(l, l->nshown ? l->nshown - 1 : 0, -1);
		break;
	}
}

int list_select_ref(struct list *l, struct list_ref ref)
{
	for (size_t k = 0; k < l->nshown; k++) {
		const struct list_entry *e = &l->v[l->shown[k]];

		if (e->ref.kind == ref.kind && e->ref.value == ref.value && ref.kind != REF_NONE) {
			l->sel = k;
			return 1;
		}
	}
	return 0;
}

void list_show(struct list *l, size_t rows)
{
	if (l->scroll_only)
		return;
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
}

struct list_ref list_selected(const struct list *l)
{
	if (l->scroll_only || l->sel >= l->nshown)
		return heading_ref;
	return l->v[l->shown[l->sel]].ref;
}
