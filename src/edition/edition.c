/*
 * edition: the document model: item texts, article offsets, finding a
 * story again, and releasing an edition. See edition.h; the parser is
 * parse.c, the damage scan damage.c, the id id.c.
 */
#include "edition.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"


struct str edition_own(struct edition *ed, char *s, size_t n)
{
	XGROW(ed->owned, ed->capowned, ed->nowned + 1);
	ed->owned[ed->nowned++] = s;
	return (struct str){s, n};
}

struct str edition_item_text(const struct edition *ed, size_t art, size_t item)
{
	const struct article *a = &ed->articles[art];
	const struct item *it = &a->items[item];

	return it->kind == ITEM_PARA ? a->paras[it->para].text : it->text;
}

size_t edition_article_offset(const struct edition *ed, size_t art, size_t item, size_t off)
{
	size_t total = 0;

	for (size_t i = 0; i < item && i < ed->articles[art].nitems; i++)
		total += edition_item_text(ed, art, i).n;
	return total + off;
}

void edition_article_locate(const struct edition *ed, size_t art, size_t offset, size_t *item,
			    size_t *off)
{
	const struct article *a = &ed->articles[art];

	*item = 0;
	*off = 0;
	for (size_t i = 0; i < a->nitems; i++) {
		size_t n = edition_item_text(ed, art, i).n;

		*item = i;
		if (offset < n || i + 1 == a->nitems) {
			*off = offset < n ? offset : n;
			return;
		}
		offset -= n;
	}
}

/* Does an article's headline read as the C string h (which a NUL in the
 * headline would have ended)? */
static int headline_is(const struct str *hl, const char *h, size_t hn)
{
	return text_equal_upto_nul(hl->s, hl->n, h, hn);
}

size_t edition_find_story(const struct edition *ed, size_t number, const char *headline)
{
	size_t hn = strlen(headline);

	if (number >= 1 && number <= ed->narticles &&
	    headline_is(&ed->articles[number - 1].headline, headline, hn))
		return number - 1;
	for (size_t i = 0; hn && i < ed->narticles; i++)
		if (headline_is(&ed->articles[i].headline, headline, hn))
			return i;
	return number >= 1 && number <= ed->narticles ? number - 1 : SIZE_MAX;
}

void edition_free(struct edition *ed)
{
	for (size_t i = 0; i < ed->narticles; i++) {
		struct article *a = &ed->articles[i];

		free(a->place_name);
	}
	free(ed->pool_items.v);
	free(ed->pool_paras.v);
	free(ed->pool_byline.v);
	free(ed->pool_roles.v);
	free(ed->pool_credit.v);
	findings_free(&ed->findings);
	free(ed->pieces);
	free(ed->raw_lines);
	free(ed->text_lines);
	for (size_t i = 0; i < ed->nowned; i++)
		free(ed->owned[i]);
	free(ed->owned);
	free(ed->articles);
	free(ed->editors);
	free(ed->banner);
	free(ed->front);
	free(ed->path);
	decode_free(&ed->dec);
	memset(ed, 0, sizeof *ed);
}
