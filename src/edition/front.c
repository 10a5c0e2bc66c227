/*
 * front: the front matter at the top of an edition. See front.h.
 *
 * Front matter is a run of blocks each holding a contact or dateline field,
 * looked for among the first FRONT_BLOCKS blocks; the short line just above
 * the run is the masthead and anything above that is banner. A sentence
 * (ending in 。) is never front matter. Fields point into the decoded text,
 * except the ISO date, which the edition owns.
 */
#include "front.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static struct str span(const char *s, size_t n)
{
	return (struct str){s, n};
}

/* Find s2 (a NUL-terminated word) in s (n bytes). */
static const char *find(const char *s, size_t n, const char *w)
{
	return memmem(s, n, w, strlen(w));
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parse "2020年11月11日" anywhere in the block into ISO 8601. */
static int find_date(struct edition *ed, const struct block *b)
{
	const char *y = find(b->s, b->n, "年"), *end = b->s + b->n;
	int v[3] = {0, 0, 0};
	const char *p;

	if (!y || y - b->s < 4)
		return 0;
	for (p = y - 4; p < y; p++)
		if (!is_digit(*p))
			return 0;
	v[0] = atoi(y - 4);
	p = y + strlen("年");
	for (int k = 1; k < 3; k++) {
		const char *unit = k == 1 ? "月" : "日";
		int digits = 0;

		while (p < end && is_digit(*p) && digits < 2) {
			v[k] = v[k] * 10 + (*p++ - '0');
			digits++;
		}
		if (!digits || (size_t)(end - p) < strlen(unit) || memcmp(p, unit, strlen(unit)))
			return 0;
		p += strlen(unit);
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
		return 0;
	ed->date = edition_own(ed, xasprintf("%04d-%02d-%02d", v[0], v[1], v[2]), 10);
	return 1;
}

/* Split the rest of the block at spaces into a list of names. */
static void take_names(const char *s, size_t n, struct str **out, size_t *nout)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t start;

		while (i < n && (text_next(s + i, n - i, &cp), text_is_space(cp)))
			i += text_next(s + i, n - i, &cp);
		start = i;
		while (i < n && (text_next(s + i, n - i, &cp), !text_is_space(cp)))
			i += text_next(s + i, n - i, &cp);
		if (i > start) {
			*out = xreallocarray(*out, *nout + 1, sizeof **out);
			(*out)[(*nout)++] = span(s + start, i - start);
		}
	}
}

/* Skip a label's colon and spaces. */
static const char *after_label(const char *p, const char *end)
{
	uint32_t cp;

	while (p < end) {
		size_t l = text_next(p, (size_t)(end - p), &cp);

		if (cp != ':' && cp != 0xFF1A && !text_is_space(cp))
			break;
		p += l;
	}
	return p;
}

/* Contacts and dateline fields in one front-matter block; 1 if any. */
static int take_front_fields(struct edition *ed, const struct block *b)
{
	const char *end = b->s + b->n, *p;
	int hit = find_date(ed, b);

	if ((p = find(b->s, b->n, "星期")) && (size_t)(end - p) > strlen("星期")) {
		uint32_t cp;
		size_t l = text_next(p + strlen("星期"), (size_t)(end - p) - strlen("星期"), &cp);

		/* 星期 and the one character after it (一 … 日, 天). */
		if (text_is_han(cp)) {
			ed->weekday = span(p, strlen("星期") + l);
			hit = 1;
		}
	}
	if ((p = find(b->s, b->n, "责任编辑"))) {
		p = after_label(p + strlen("责任编辑"), end);
		take_names(p, (size_t)(end - p), &ed->editors, &ed->neditors);
		hit = 1;
	}
	if ((p = find(b->s, b->n, "电话"))) {
		const char *q;

		p = after_label(p + strlen("电话"), end);
		for (q = p; q < end && (is_digit(*q) || *q == '-' || *q == '+' || *q == '(' ||
					*q == ')');
		     q++)
			;
		if (q > p)
			ed->phone = span(p, (size_t)(q - p));
		hit = 1;
	}
	if ((p = memchr(b->s, '@', b->n))) {
		const char *a = p, *z = p + 1;
		static const char ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					 "0123456789._%+-";

		while (a > b->s && a[-1] && strchr(ok, a[-1]))
			a--;
		while (z < end && *z && strchr(ok, *z))
			z++;
		if (a < p && z > p + 1) {
			ed->email = span(a, (size_t)(z - a));
			hit = 1;
		}
	}
	return hit;
}

size_t front_parse(struct edition *ed, const struct block *blk, size_t nb)
{
	size_t first = SIZE_MAX, last = 0, i;

	for (i = 0; i < nb && i < FRONT_BLOCKS; i++) {
		const struct block *b = &blk[i];

		/* A sentence is text, not front matter: the page's furniture
		 * (banner, masthead, contacts, dateline) never ends in 。 */
		if (text_count(b->s, b->n, 80) > 80 || b->ends)
			break;
		if (!take_front_fields(ed, b)) {
			if (first != SIZE_MAX)
				break;
			continue;
		}
		if (first == SIZE_MAX)
			first = i;
		last = i;
	}
	if (first == SIZE_MAX)
		return 0;
	i = 0;
	if (first > 0 && text_count(blk[first - 1].s, blk[first - 1].n, 20) <= 20)
		ed->title = span(blk[first - 1].s, blk[first - 1].n);
	else
		first++;  /* no masthead: everything above is banner */
	ed->nbanner = first - 1;
	ed->banner = xcalloc(ed->nbanner, sizeof *ed->banner);
	for (i = 0; i + 1 < first; i++)
		ed->banner[i] = span(blk[i].s, blk[i].n);
	ed->nfront = last + 1;
	ed->front = xcalloc(ed->nfront, sizeof *ed->front);
	for (i = 0; i <= last; i++)
		ed->front[i] = span(blk[i].s, blk[i].n);
	return last + 1;
}
