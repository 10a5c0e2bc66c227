/*
 * lists: the locality index and the contents. See lists.h.
 */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static void add(struct list *l, char *label, const char *key, size_t keylen, size_t article,
		size_t group)
{
	struct folded f = {0};

	fold_text(key, keylen, &f);
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct list_entry){label, xstrndup(f.s, f.n), f.n, article, group};
	fold_free(&f);
}

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
	size_t group = SIZE_MAX;

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
			group = l->n;
			add(l, xstrdup(name), name, strlen(name), SIZE_MAX, group);
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
		add(l, sbuf_take(&label), key.s, key.len, k[i].article, group);
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
		add(l, sbuf_take(&label), key.s, key.len, i, SIZE_MAX);
		sbuf_free(&key);
	}
	list_filter(l, "", 0);
}

void list_filter(struct list *l, const char *q, size_t n)
{
	struct folded f = {0};

	fold_text(q, n, &f);
	l->shown = xreallocarray(l->shown, l->n + 1, sizeof *l->shown);
	l->nshown = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct list_entry *e = &l->v[i];
		int ok;

		if (e->article == SIZE_MAX) {
			/* A heading: shown if an entry under it passes. */
			ok = 0;
			for (size_t j = i + 1; j < l->n && l->v[j].article != SIZE_MAX; j++)
				if (!f.n || memmem(l->v[j].key, l->v[j].keylen, f.s, f.n))
					ok = 1;
		} else {
			ok = !f.n || memmem(e->key, e->keylen, f.s, f.n);
		}
		if (ok)
			l->shown[l->nshown++] = i;
	}
	fold_free(&f);
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
