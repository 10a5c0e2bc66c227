/*
 * parse: from a decoded edition to front matter and articles. See
 * edition_parse() in edition.h.
 *
 * The parser works on the file's non-blank lines ("blocks"), each trimmed,
 * with its source line and the number of blank lines before it, in three
 * passes: lines (with their damage recorded as they are met, damage.h),
 * front matter (front.h), articles. Localities are a pass of their
 * own (locality.h), run by the caller with a gazetteer. Text fields point
 * into the decoded text wherever the text is one source line; a paragraph
 * rejoined across lines is a new allocation kept in ed->owned.
 *
 * What always holds: every block lands in exactly one field (front matter,
 * kicker, headline, paragraph, byline or credit), so no text is dropped;
 * every join and split is recorded as a finding at the line it happened.
 */
#include "edition.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "byline.h"
#include "damage.h"
#include "front.h"
#include "text.h"
#include "util.h"

/* A headline (or a kicker's headline) is at most this many characters. */
#define HEADLINE_MAX 40

struct parser {
	struct edition *ed;
	struct block *b;
	size_t nb, capb;
	int open;               /* the last paragraph has not ended a sentence */
	int closed;             /* the current article has its byline */
	/* The paragraph being rejoined: its text grows in place, one buffer
	 * for all its pieces, so that joining many lines stays linear. */
	struct paragraph *jpara;
	size_t jowned;          /* its buffer's index in ed->owned */
	size_t jcap;
};

static struct str span(const char *s, size_t n)
{
	return (struct str){s, n};
}

static const struct block *classify(struct parser *p, size_t i);

/* One source line: record its damage, and keep it as a block unless blank. */
static void take_line(struct parser *p, const char *ls, size_t n, size_t line, size_t *si,
		      size_t *blanks)
{
	const char *s = ls;
	size_t sn = n, removed;
	struct block *b;

	damage_scan_line(p->ed, ls, n, line, si);
	removed = text_trim(&s, &sn);
	if (!sn) {
		(*blanks)++;
		return;
	}
	XGROW(p->b, p->capb, p->nb + 1);
	b = &p->b[p->nb++];
	memset(b, 0, sizeof *b);
	b->s = s;
	b->n = sn;
	b->line = line;
	b->col = removed + 1;
	b->blank_before = *blanks;
	b->indented = ls[0] == '\t' || (n >= 2 && ls[0] == ' ' && ls[1] == ' ') ||
		      (n >= 6 && memcmp(ls, "\u3000\u3000", 6) == 0);
	*blanks = 0;
	classify(p, p->nb - 1);  /* now, while the line is in the cache */
}

/* Split the text into lines (LF, CRLF or CR) and blocks. */
static void scan_lines(struct parser *p)
{
	const char *t = p->ed->dec.text;
	size_t len = p->ed->dec.len, pos = 0, line = 0, si = 0, blanks = 0, n;

	while (pos < len) {
		size_t next = text_next_line(t, len, pos, &n);

		take_line(p, t + pos, n, ++line, &si, &blanks);
		pos = next;
	}
}

/* A headline: short and not a finished sentence. */
static int headline_like(const char *s, size_t n)
{
	size_t c = text_count(s, n, HEADLINE_MAX);

	return c >= 2 && c <= HEADLINE_MAX && !text_ends_sentence(s, n) && !memmem(s, n, "。", strlen("。"));
}

/* Labels that look like a kicker but belong to front matter or credits. */
static const char *const not_kickers[] = {
	"电话", "传真", "邮箱", "地址", "邮编", "网址", "责任编辑", "编辑", "版式设计",
	"美编", "校对", "E-mail", "Email", "email", NULL,
};

/*
 * A kicker: a short place or body name (2 to 20 characters, no punctuation)
 * ending in a colon or ——, alone or before a headline on the same line.
 * Sets *klen to the name's bytes and *hs, *hn to the headline (hn 0: none).
 */
static int kicker_split(const char *s, size_t n, size_t *klen, const char **hs, size_t *hn)
{
	size_t i = 0, chars = 0;
	uint32_t cp;

	while (i < n && chars <= 20) {
		size_t l = text_next(s + i, n - i, &cp), sep = 0;
		uint32_t cp2 = 0;

		if (cp == ':' || cp == 0xFF1A)
			sep = l;
		else if (cp == 0x2014 && i + l < n && (text_next(s + i + l, n - i - l, &cp2), cp2 == 0x2014))
			sep = 2 * l;
		if (sep) {
			if (chars < 2)
				return 0;
			for (int k = 0; not_kickers[k]; k++)
				if (strlen(not_kickers[k]) == i && !memcmp(s, not_kickers[k], i))
					return 0;
			{
				size_t ll;

				if (byline_label(s, n, &ll) >= 0)
					return 0;  /* 记者：王小明 is a byline */
			}
			*klen = i;
			*hs = s + i + sep;
			*hn = n - i - sep;
			text_trim(hs, hn);
			return *hn == 0 || headline_like(*hs, *hn);
		}
		if (text_is_punct(cp) || text_is_space(cp))
			return 0;
		chars++;
		i += l;
	}
	return 0;
}

/* Classify block i once; later questions are answered from the cache. */
static const struct block *classify(struct parser *p, size_t i)
{
	struct block *b = &p->b[i];
	struct byline bl;

	if (b->known)
		return b;
	b->known = 1;
	b->ends = text_ends_sentence(b->s, b->n);
	b->head = headline_like(b->s, b->n);
	/* A kicker (20 characters) with a headline (40) is at most 61
	 * characters of up to 4 bytes: longer lines need no look. */
	b->kick = b->n <= 61 * 4 && kicker_split(b->s, b->n, &b->klen, &b->hs, &b->hn);
	b->byl = text_count(b->s, b->n, 40) <= 40 ? byline_parse(b->s, b->n, &bl) : BYLINE_NONE;
	return b;
}

static struct article *new_article(struct parser *p, size_t line)
{
	struct edition *ed = p->ed;
	struct article *a;

	XGROW(ed->articles, ed->caparticles, ed->narticles + 1);
	a = &ed->articles[ed->narticles++];
	memset(a, 0, sizeof *a);
	a->index = ed->narticles;
	a->line = line;
	p->open = 0;
	p->closed = 0;
	return a;
}

/* Record a piece of an item's text: the bytes at s, within block b, start
 * at off of the item's text. Returns its index in ed->pieces. */
static size_t add_piece(struct edition *ed, const struct block *b, const char *s, size_t off)
{
	size_t col = b->col + (s > b->s ? text_count(b->s, (size_t)(s - b->s), SIZE_MAX) : 0);

	XGROW(ed->pieces, ed->cappieces, ed->npieces + 1);
	ed->pieces[ed->npieces] = (struct piece){off, b->line, col, (size_t)(s - ed->dec.text)};
	return ed->npieces++;
}

/* Add an item from block b: its text, or for ITEM_PARA the last paragraph. */
static void add_item(struct edition *ed, struct article *a, enum item_kind kind, struct str text,
		     const struct block *b)
{
	int para = kind == ITEM_PARA;

	XGROW(a->items, a->capitems, a->nitems + 1);
	a->items[a->nitems++] = (struct item){
		kind, text, para ? a->nparas - 1 : 0, b->line,
		para ? a->paras[a->nparas - 1].piece : add_piece(ed, b, text.s, 0)};
}

static void add_names(struct article *a, const struct byline *bl)
{
	struct str **arr = bl->kind == BYLINE_CREDIT ? &a->credit : &a->byline;
	size_t *cnt = bl->kind == BYLINE_CREDIT ? &a->ncredit : &a->nbyline;

	*arr = xreallocarray(*arr, *cnt + bl->n, sizeof **arr);
	for (size_t k = 0; k < bl->n; k++)
		(*arr)[(*cnt)++] = span(bl->name[k].s, bl->name[k].n);
}

/* Append a block to the article's last paragraph (a column break). */
static void join_block(struct parser *p, struct article *a, const struct block *b)
{
	struct edition *ed = p->ed;
	struct paragraph *para = &a->paras[a->nparas - 1];
	unsigned char last = (unsigned char)para->text.s[para->text.n - 1];
	unsigned char first = (unsigned char)b->s[0];
	int latin = last < 0x80 && first < 0x80 && last != ' ' && first != ' ';
	struct sbuf buf;

	/* The paragraph's pieces are the last ones: nothing is added between
	 * a paragraph and the block that continues it. */
	if (para->piece + para->npieces != ed->npieces)
		die(1, "internal error: line %zu joins a paragraph out of order", b->line);
	if (p->jpara == para) {
		/* Growing the buffer this paragraph already owns. */
		buf = (struct sbuf){ed->owned[p->jowned], para->text.n, p->jcap};
	} else {
		buf = (struct sbuf){0};
		sbuf_add(&buf, para->text.s, para->text.n);
		XGROW(ed->owned, ed->capowned, ed->nowned + 1);
		p->jowned = ed->nowned++;
		p->jpara = para;
	}
	if (latin)
		sbuf_addc(&buf, ' ');  /* words cut at a line end keep a space */
	add_piece(ed, b, b->s, buf.len);
	para->npieces++;
	sbuf_add(&buf, b->s, b->n);
	ed->owned[p->jowned] = buf.s;
	p->jcap = buf.cap;
	if (b->blank_before > 0 || ed->style == STYLE_LINE)
		findings_add(&ed->findings, FK_JOIN, ed->path, b->line, b->col,
			     "paragraph from line %zu continues here across a column break",
			     para->first_line);
	para->text = (struct str){buf.s, buf.len};
	para->last_line = b->line;
	p->open = !b->ends;
}

/* Does the block after i begin a new article or end the text? */
static int next_starts_article(struct parser *p, size_t i)
{
	const struct block *nb;

	if (i + 1 >= p->nb)
		return 1;
	nb = classify(p, i + 1);
	return nb->kick || nb->head;
}

/*
 * Add block i as a paragraph. When it ends "…。吴小同" and the next block
 * starts an article, the names after the last sentence are a byline glued
 * to the text by the extraction: split them off and record it.
 */
static void add_paragraph(struct parser *p, struct article *a, size_t i)
{
	const struct block *b = &p->b[i];
	size_t n = b->n;
	struct byline bl;

	if (!b->ends && next_starts_article(p, i)) {
		size_t cut = n;
		uint32_t cp;

		while (cut > 0) {
			size_t l = text_prev(b->s, cut, &cp);

			if (text_is_final(cp) || text_is_closer(cp))
				break;
			cut -= l;
		}
		if (cut > 0 && cut < n && text_ends_sentence(b->s, cut) &&
		    text_count(b->s + cut, n - cut, 20) <= 20 &&
		    byline_parse(b->s + cut, n - cut, &bl) != BYLINE_NONE) {
			findings_add(&p->ed->findings, FK_BYLINE_SPLIT, p->ed->path, b->line,
				     b->col + text_count(b->s, cut, SIZE_MAX),
				     "byline \"%.*s\" split off the end of the paragraph",
				     (int)(n - cut), b->s + cut);
			add_names(a, &bl);
			n = cut;
			p->closed = 1;
		}
	}
	XGROW(a->paras, a->capparas, a->nparas + 1);
	p->jpara = NULL;  /* a new paragraph: the next join starts a buffer */
	a->paras[a->nparas++] = (struct paragraph){span(b->s, n), b->line, b->line,
						   add_piece(p->ed, b, b->s, 0), 1};
	add_item(p->ed, a, ITEM_PARA, span(NULL, 0), b);
	if (n < b->n)
		add_item(p->ed, a, ITEM_BYLINE, span(b->s + n, b->n - n), b);
	p->open = n == b->n ? !b->ends : !text_ends_sentence(b->s, n);
}

/* May the headline-like block i start a new article? */
static int starts_article(struct parser *p, const struct article *a, size_t i)
{
	const struct block *b = &p->b[i];

	if (!a || p->closed)
		return 1;
	if (a->nparas == 0)
		return 0;  /* a second short line under a headline is text */
	if (b->blank_before >= 2)
		return 1;  /* a section break on the printed page */
	if (p->ed->style == STYLE_LINE && b->indented)
		return 0;
	return i + 1 < p->nb && !classify(p, i + 1)->head;
}

/* Assemble the blocks from start on into articles. */
static void parse_articles(struct parser *p, size_t start)
{
	struct article *a = NULL;
	int need_head = 0;

	for (size_t i = start; i < p->nb; i++) {
		const struct block *b = classify(p, i);
		struct byline bl;

		if (b->kick) {
			a = new_article(p, b->line);
			a->kicker = span(b->s, b->klen);
			a->headline = span(b->hs, b->hn);
			need_head = b->hn == 0;
			{
				const char *ks = b->s;
				size_t kn = b->hn ? (size_t)(b->hs - b->s) : b->n;

				text_trim(&ks, &kn);
				add_item(p->ed, a, ITEM_KICKER, span(ks, kn), b);
			}
			if (b->hn)
				add_item(p->ed, a, ITEM_HEADLINE, a->headline, b);
			continue;
		}
		if (need_head) {
			need_head = 0;
			if (b->head && b->byl == BYLINE_NONE) {
				a->headline = span(b->s, b->n);
				add_item(p->ed, a, ITEM_HEADLINE, a->headline, b);
				continue;
			}
		}
		if (a && (a->nparas || a->headline.n) && b->byl != BYLINE_NONE) {
			byline_parse(b->s, b->n, &bl);
			add_names(a, &bl);
			add_item(p->ed, a, ITEM_BYLINE, span(b->s, b->n), b);
			if (a->nparas)
				p->closed = 1;
			continue;
		}
		/* An unfinished paragraph continues in the next block, unless
		 * a section break (two blank lines) comes before a headline. */
		if (a && !p->closed && a->nparas && p->open && !(b->blank_before >= 2 && b->head)) {
			join_block(p, a, b);
			continue;
		}
		if (b->head && starts_article(p, a, i)) {
			a = new_article(p, b->line);
			a->headline = span(b->s, b->n);
			add_item(p->ed, a, ITEM_HEADLINE, a->headline, b);
			continue;
		}
		if (!a || p->closed)
			a = new_article(p, b->line);  /* text with no headline */
		add_paragraph(p, a, i);
	}
}

void edition_parse(struct edition *ed, const char *path, struct decoded *dec)
{
	struct parser p = {.ed = ed};
	size_t start;

	memset(ed, 0, sizeof *ed);
	ed->path = xstrdup(path ? path : "");
	ed->dec = *dec;
	memset(dec, 0, sizeof *dec);
	ed->encoding = ed->dec.encoding;
	scan_lines(&p);
	{
		size_t adjacent = 0;

		for (size_t i = 1; i < p.nb; i++)
			adjacent += p.b[i].blank_before == 0;
		ed->style = p.nb >= 2 && adjacent * 2 >= p.nb ? STYLE_LINE : STYLE_BLANK;
	}
	start = front_parse(ed, p.b, p.nb);
	parse_articles(&p, start);
	findings_sort(&ed->findings);
	free(p.b);
}

int edition_load(struct edition *ed, const char *path, struct error *err)
{
	struct decoded dec;

	memset(ed, 0, sizeof *ed);
	if (decode_file(path, &dec, err) < 0)
		return -1;
	edition_parse(ed, path, &dec);
	return 0;
}
