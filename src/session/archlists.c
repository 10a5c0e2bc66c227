/*
 * archlists: the pick lists over an archive. See archlists.h.
 */
#include "archlists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static const struct list_ref heading = {REF_NONE, 0};

/* Around the month-and-day field of an edition's key (11月05日): a byte
 * nothing typed at the filter holds, so that a month alone matches only
 * the month and a day alone only the day. */
#define FIELD "\x1f"

/* The last component of a path. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The weekday of a date, short and translated, or "". */
static const char *weekday(const char *date)
{
	static const char *const names[7] = {
		/* TRANSLATORS: the weekdays, short, in the editions list. */
		N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
	};
	int w = archive_weekday(date);

	return w >= 0 && w < 7 ? _(names[w]) : "";
}

void archlist_editions(struct list *l, const struct archive *a)
{
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < a->n; i++) {
		const struct archive_entry *e = &a->v[i];
		const char *title = e->title && *e->title ? e->title : base_name(e->path);
		struct sbuf label = {0}, key = {0};

		sbuf_addf(&label, "%-10s %s  %s", e->date[0] ? e->date : "----------",
			  weekday(e->date), title);
		if (e->page > 0)
			/* TRANSLATORS: an edition's page, in the editions list. */
			sbuf_addf(&label, _("  page %d"), e->page);
		if (e->read)
			sbuf_addf(&label, ngettext("  %u article", "  %u articles", e->narticles),
				  e->narticles);
		if (e->marked)
			sbuf_add(&label, "  ★", strlen("  ★"));
		sbuf_addf(&key, "%s %s %s", e->date, title, base_name(e->path));
		/* The month and the day as fields of their own, for a month or
		 * a day typed alone (see archlist_date_query). */
		if (strlen(e->date) == 10)
			sbuf_addf(&key, " " FIELD "%.2s月%.2s日" FIELD, e->date + 5, e->date + 8);
		list_add(l, sbuf_take(&label), key.s, key.len, (struct list_ref){REF_EDITION, i});
		sbuf_free(&key);
	}
	list_filter(l, "", 0);
}

/* A number of 1 to 4 digits at q[*i] (ASCII or full width), or -1. */
static int number_at(const char *q, size_t n, size_t *i, int max_digits)
{
	int v = 0, d = 0;

	while (*i < n && d < max_digits) {
		unsigned char c = (unsigned char)q[*i];

		if (c >= '0' && c <= '9') {
			v = v * 10 + (c - '0');
			++*i;
		} else if (*i + 2 < n && c == 0xEF && (unsigned char)q[*i + 1] == 0xBC &&
			   (unsigned char)q[*i + 2] >= 0x90 && (unsigned char)q[*i + 2] <= 0x99) {
			v = v * 10 + ((unsigned char)q[*i + 2] - 0x90);  /* ０ to ９ */
			*i += 3;
		} else {
			break;
		}
		d++;
	}
	return d ? v : -1;
}

/* Does q[*i] start with the word w? Then step over it. */
static int word_at(const char *q, size_t n, size_t *i, const char *w)
{
	size_t wn = strlen(w);

	if (*i + wn > n || memcmp(q + *i, w, wn) != 0)
		return 0;
	*i += wn;
	return 1;
}

size_t archlist_date_query(const char *q, size_t n, char *out, size_t size)
{
	size_t i = 0, at = 0;
	int y = -1, m = -1, d = -1, v;

	if (!size)
		return 0;
	v = number_at(q, n, &i, 4);
	if (v >= 0 && (word_at(q, n, &i, "日") || word_at(q, n, &i, "号")) && i == n && v >= 1 &&
	    v <= 31) {
		/* A day alone: the day field of the key. */
		snprintf(out, size, "月%02d日" FIELD, v);
		return strlen(out);
	}
	if (v >= 0 && word_at(q, n, &i, "年")) {
		y = v;
		v = number_at(q, n, &i, 2);
	}
	if (v >= 0 && word_at(q, n, &i, "月")) {
		m = v;
		v = number_at(q, n, &i, 2);
		if (v >= 0 && (word_at(q, n, &i, "日") || word_at(q, n, &i, "号") || i == n))
			d = v, v = -1;
	}
	if (i != n || (y < 0 && m < 0) || v >= 0) {
		snprintf(out, size, "%.*s", (int)n, q);
		return strlen(out);
	}
	if (y < 0 && d < 0) {
		/* A month alone: the month field of the key, never a day. */
		snprintf(out, size, FIELD "%02d月", m);
		return strlen(out);
	}
	if (y >= 0)
		at += (size_t)snprintf(out + at, size - at, "%04d", y);
	if (m >= 0 && at < size)
		at += (size_t)snprintf(out + at, size - at, "-%02d", m);
	if (d >= 0 && at < size)
		at += (size_t)snprintf(out + at, size - at, "-%02d", d);
	return at < size ? at : size - 1;
}

/* The places in the order of the index: by code (the unresolved last, by
 * locality). */
struct place_key {
	const struct catalog_place *p;
	size_t i;
};

static int digits(const char *code)
{
	return code[0] >= '0' && code[0] <= '9';
}

static int cmp_place(const void *x, const void *y)
{
	const struct place_key *a = x, *b = y;
	int ka = !a->p->code[0] ? 2 : !digits(a->p->code), kb = !b->p->code[0] ? 2 : !digits(b->p->code);
	int c;

	if (ka != kb)
		return ka - kb;
	c = strcmp(a->p->code, b->p->code);
	if (!c)
		c = strcmp(a->p->locality, b->p->locality);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The name of the division with the first len digits of code, or NULL. */
static const char *division(const struct gazetteer *gaz, const char *code, int len,
			    struct place *pl)
{
	char c[8];

	if (!gaz || (int)strlen(code) < len)
		return NULL;
	snprintf(c, sizeof c, "%.*s", len, code);
	return gazetteer_find_code(gaz, c, pl) ? pl->full_name : NULL;
}

/* The heading a place goes under: its prefecture (with its province, as
 * 江苏省泰州市), else its province; its country abroad; or one heading
 * for the unresolved. */
static void place_heading(const struct catalog_place *p, const struct gazetteer *gaz, char *h,
			  size_t size)
{
	struct place pl;
	const char *name = NULL;

	if (!p->code[0]) {
		snprintf(h, size, "%s", _("(no known place)"));
	} else if (!digits(p->code)) {
		if (gaz && gazetteer_abroad(gaz, p->locality, strlen(p->locality), &pl))
			snprintf(h, size, "%s", pl.name);
		else
			snprintf(h, size, "%s", p->code);
	} else {
		if (strlen(p->code) > 2)
			name = division(gaz, p->code, 4, &pl);
		if (!name)
			name = division(gaz, p->code, 2, &pl);
		snprintf(h, size, "%s", name ? name : p->code);
	}
}

void archlist_places(struct list *l, const struct catalog_place *v, size_t n,
		     const struct gazetteer *gaz)
{
	struct place_key *k = xcalloc(n + 1, sizeof *k);
	char last[256] = "", h[256];

	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < n; i++)
		k[i] = (struct place_key){&v[i], i};
	qsort(k, n, sizeof *k, cmp_place);
	for (size_t i = 0; i < n; i++) {
		const struct catalog_place *p = k[i].p;
		struct sbuf label = {0}, key = {0};
		const char *name = p->locality, *full = "";
		struct place pl;

		place_heading(p, gaz, h, sizeof h);
		if (i == 0 || strcmp(h, last) != 0)
			list_add(l, xstrdup(h), h, strlen(h), heading);
		snprintf(last, sizeof last, "%s", h);
		/* The place below the heading: 兴化市, 海陵区罡杨镇. */
		if (digits(p->code) && gaz && gazetteer_find_code(gaz, p->code, &pl)) {
			full = pl.full_name;
			name = full;
			if (strncmp(full, h, strlen(h)) == 0 && full[strlen(h)])
				name = full + strlen(h);
		}
		sbuf_addf(&label, "  %s", name);
		if (strcmp(name, p->locality) != 0 && *p->locality)
			sbuf_addf(&label, "（%s）", p->locality);
		sbuf_addf(&label, "  %zu", p->count);
		sbuf_addf(&key, "%s %s %s", p->locality, full, h);
		list_add(l, sbuf_take(&label), key.s, key.len, (struct list_ref){REF_PLACE, k[i].i});
		sbuf_free(&key);
	}
	free(k);
	list_filter(l, "", 0);
}

/* The date of a story's edition, or "". */
static const char *story_date(const struct catalog_story *s, const struct archive *a)
{
	return s->edition < a->n ? a->v[s->edition].date : "";
}

void archlist_stories(struct list *l, const struct catalog_story *v, size_t n,
		      const struct archive *a)
{
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < n; i++) {
		struct sbuf label = {0}, key = {0};

		sbuf_addf(&label, "%-10s  %s", story_date(&v[i], a), v[i].headline ? v[i].headline : "");
		if (v[i].locality && *v[i].locality)
			sbuf_addf(&label, "  （%s）", v[i].locality);
		sbuf_addf(&key, "%s %s %s", story_date(&v[i], a), v[i].headline ? v[i].headline : "",
			  v[i].locality ? v[i].locality : "");
		list_add(l, sbuf_take(&label), key.s, key.len, (struct list_ref){REF_STORY, i});
		sbuf_free(&key);
	}
	list_filter(l, "", 0);
}

/* The byte where the excerpt of a hit starts: a few characters before the
 * match, not before the line it is on. */
static size_t excerpt_start(const char *s, size_t match)
{
	size_t at = match;

	for (int chars = 0; at > 0 && chars < 12; chars++) {
		size_t b = at;

		while (b > 0 && ((unsigned char)s[--b] & 0xC0) == 0x80)
			;
		if (s[b] == '\n')
			break;
		at = b;
	}
	return at;
}

void archlist_hits(struct list *l, const struct catalog_story *v, size_t n,
		   const struct archive *a, size_t **starts)
{
	memset(l, 0, sizeof *l);
	*starts = xcalloc(n + 1, sizeof **starts);
	for (size_t i = 0; i < n; i++) {
		struct sbuf head = {0}, label = {0};
		const char *text = v[i].text ? v[i].text : "";
		size_t len = strlen(text), match = v[i].match <= len ? v[i].match : len;
		size_t from = excerpt_start(text, match), to = match + v[i].matchlen;

		if (to > len)
			to = len;
		/* The rest of the line after the match, up to a screen's worth. */
		while (to < len && text[to] != '\n' && to < match + 400)
			to++;
		while (to < len && ((unsigned char)text[to] & 0xC0) == 0x80)
			to++;
		sbuf_addf(&head, "%-10s  %s%s%s", story_date(&v[i], a),
			  v[i].locality && *v[i].locality ? v[i].locality : "",
			  v[i].locality && *v[i].locality ? "  " : "", v[i].headline ? v[i].headline : "");
		list_add(l, sbuf_take(&head), "", 0, heading);
		sbuf_add(&label, "    ", 4);
		(*starts)[i] = 4 + (match - from);
		sbuf_add(&label, text + from, to - from);
		list_add(l, sbuf_take(&label), "", 0, (struct list_ref){REF_STORY, i});
	}
	list_filter(l, "", 0);
}
