/*
 * shapes: the shapes of the lines of real newspaper pages. See shapes.h.
 *
 * Everything here is about the form of a line: agency words (本报, 新华社),
 * the character 电 closing a dateline, brackets, role words and the
 * surname table (byline.c), closing punctuation and length. No word of
 * any particular page is looked for.
 */
#include "shapes.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/* A dateline's place is at most this many characters (date excluded);
 * one that lists several (里约热内卢、柏林) this many each, and all of them
 * at most PLACE_LIST_MAX. */
#define PLACE_MAX 10
#define PLACE_LIST_MAX 40

/* A subtitle is at most this many characters after its dash. */
#define SUBTITLE_MAX 40

/* The agencies that open a dateline, simplified and traditional. */
static const char *const dl_agencies[] = {"本报", "本報", "新华社", "新華社", NULL};

/* 【本報訊】, 【記者某某報道】: a short bracket opening the text. */
static size_t lenticular(const char *s, size_t n, struct dateline *d)
{
	const char *close = memmem(s, n < 60 ? n : 60, "】", strlen("】"));
	size_t len;

	if (!text_starts(s, n, "【") || !close || text_count(s, (size_t)(close - s), 14) > 13)
		return 0;
	len = (size_t)(close - s) + strlen("】");
	for (int k = 0; dl_agencies[k]; k++)
		if (text_starts(s + strlen("【"), n - strlen("【"), dl_agencies[k]))
			d->agency = (struct byline_span){s + strlen("【"), strlen(dl_agencies[k])};
	d->len = len;
	return len;
}

/* The names in a bracket right after the dateline (after spaces). */
static void names_after(const char *s, size_t n, struct dateline *d)
{
	size_t i = d->len;
	const char *close;
	uint32_t cp;

	while (i < n && (text_next(s + i, n - i, &cp), text_is_space(cp) || cp == 0x00A0))
		i += text_next(s + i, n - i, &cp);
	if (!text_starts(s + i, n - i, "（"))
		return;
	i += strlen("（");
	close = memmem(s + i, n - i < 80 ? n - i : 80, "）", strlen("）"));
	if (close)
		byline_names(s + i, (size_t)(close - (s + i)), &d->names, 1);
}

/* Is cp allowed in a dateline's place and date (北京, 2月19日, 、)? */
static int place_char(uint32_t cp)
{
	return text_is_han(cp) || (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	       cp == 0x3001 || cp == 0x00B7;
}

/* Is the place of a dateline, s, a list of items (split at 、) of at most
 * PLACE_MAX characters each? */
static int place_items_fit(const char *s, size_t n)
{
	size_t i = 0, item = 0;
	uint32_t cp;

	while (i < n) {
		i += text_next(s + i, n - i, &cp);
		item = cp == 0x3001 ? 0 : item + 1;
		if (item > PLACE_MAX)
			return 0;
	}
	return 1;
}

size_t shape_dateline(const char *s, size_t n, struct dateline *d)
{
	size_t i = 0, pend = 0, chars = 0;
	uint32_t cp;

	memset(d, 0, sizeof *d);
	if (text_starts(s, n, "【"))
		return lenticular(s, n, d);
	if (text_starts(s, n, "据") || text_starts(s, n, "據"))
		i = strlen("据");
	for (int k = 0; dl_agencies[k] && !d->agency.n; k++)
		if (text_starts(s + i, n - i, dl_agencies[k]))
			d->agency = (struct byline_span){s + i, strlen(dl_agencies[k])};
	if (!d->agency.n)
		return 0;
	i += d->agency.n;
	d->place.s = s + i;
	while (i < n && chars <= PLACE_LIST_MAX + 6) {
		size_t l = text_next(s + i, n - i, &cp);

		if (cp == 0x7535 || cp == 0x96FB) {  /* 电, 電: the dateline's end */
			d->place.n = (pend ? pend : i) - (size_t)(d->place.s - s);
			d->len = i + l;
			if (!place_items_fit(d->place.s, d->place.n))
				return d->len = 0;
			names_after(s, n, d);
			return d->len;
		}
		if (!place_char(cp))
			return 0;
		if (!pend && ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)))
			pend = i;  /* the date starts: the place ends */
		chars++;
		i += l;
	}
	return 0;
}

/* Words that may close a bracketed byline after the names. */
static const char *const byline_tails[] = {
	"参与采写", "采写", "整理", "报道", "參與採寫", "採寫", "報道", NULL,
};

int shape_bracket_byline(const char *s, size_t n, struct byline *out)
{
	struct dateline d;
	const char *in;
	size_t inn;

	memset(out, 0, sizeof *out);
	if (!text_starts(s, n, "（") || !text_ends(s, n, "）") || n < 2 * strlen("（") + 3)
		return 0;
	in = s + strlen("（");
	inn = n - 2 * strlen("（");
	if (memmem(in, inn, "（", strlen("（")) || memchr(in, '(', inn))
		return 0;  /* brackets inside: a note, not a byline */
	for (int k = 0; byline_tails[k]; k++)
		if (text_ends(in, inn, byline_tails[k]) && inn > strlen(byline_tails[k])) {
			inn -= strlen(byline_tails[k]);
			break;
		}
	if (shape_dateline(in, inn, &d) && !d.names.n) {
		const char *r = in + d.len;
		size_t rn = inn - d.len;

		text_trim(&r, &rn);
		if (rn && byline_names(r, rn, out, 1) < 0)
			return 0;
		out->agency = d.agency;
		out->kind = BYLINE_AUTHORS;
		return 1;
	}
	return byline_names(in, inn, out, 0) == 0;
}

int shape_column_tag(const char *s, size_t n)
{
	const char *open = NULL;
	size_t inner;

	if (!text_ends(s, n, "）"))
		return 0;
	for (const char *p = s; (p = memmem(p, (size_t)(s + n - p), "（", strlen("（"))); p += 3)
		open = p;
	if (!open || open == s || text_ends(s, (size_t)(open - s), "摄") ||
	    text_ends(s, (size_t)(open - s), "攝"))
		return 0;  /* 某某摄（某图库）: a photo credit and its source */
	inner = text_count(open, (size_t)(s + n - open), 43);
	return inner >= 4 && inner <= 42;
}

int shape_ends_open_clause(const char *s, size_t n)
{
	uint32_t cp;

	if (!n)
		return 0;
	text_prev(s, n, &cp);
	return cp == 0xFF0C || cp == ',' || cp == 0x3001 || cp == 0xFF1B || cp == ';' ||
	       cp == 0xFF1A || cp == ':';
}

/* Labels of credit and layout lines (本版制图：某某, 版式设计：某某). */
static const char *const credit_labels[] = {
	"制图", "製圖", "版式设计", "版式設計", "责任编辑", "責任編輯", "图片来源", "攝影", NULL,
};

int shape_dash_subtitle(const char *s, size_t n)
{
	const char *t = s;
	size_t tn = n, chars;
	uint32_t cp;

	if (!text_starts(s, n, "——"))
		return 0;
	t += strlen("——");
	tn -= strlen("——");
	text_trim(&t, &tn);
	chars = text_count(t, tn, SUBTITLE_MAX + 1);
	if (chars < 2 || chars > SUBTITLE_MAX || memmem(t, tn, "。", strlen("。")))
		return 0;
	text_next(t, tn, &cp);
	return !text_is_punct(cp) && !text_is_space(cp);
}

enum para_kind shape_para_kind(const char *s, size_t n, int head)
{
	size_t chars = text_count(s, n, 41);

	if (text_starts(s, n, "编者按") || text_starts(s, n, "編者按") || text_starts(s, n, "（作者") ||
	    (text_starts(s, n, "——") && chars <= 8))
		return PARA_NOTE;
	if (chars <= 40) {
		for (int k = 0; credit_labels[k]; k++) {
			const char *p = memmem(s, n, credit_labels[k], strlen(credit_labels[k]));

			if (p && (size_t)(p - s) <= 3 * 4)
				return PARA_CREDIT;
		}
		if (text_ends(s, n, "摄") || text_ends(s, n, "攝") || (text_ends(s, n, "）") && !shape_column_tag(s, n) &&
							      (memmem(s, n, "摄（", strlen("摄（")) ||
							       memmem(s, n, "攝（", strlen("攝（")))))
			return PARA_CREDIT;
	}
	if (head)
		return chars <= 4 ? PARA_CAPTION : PARA_SUBHEAD;
	return PARA_TEXT;
}
