/*
 * parse: from a decoded edition to front matter and articles. See
 * edition_parse() in edition.h.
 *
 * The parser works on the file's non-blank lines ("blocks"), each trimmed,
 * with its source line and the number of blank lines before it, in three
 * passes: lines (with their damage recorded as they are met, damage.h),
 * front matter (front.h), articles. Only a window of blocks is held at
 * a time (BLOCK_WINDOW), and the articles' arrays are edition-wide pools
 * sized exactly at the end (struct edition); edition_parse_each() hands
 * each article over and forgets it, for little more than the text.
 * Localities are a pass of their own (locality.h), run by the caller with
 * a gazetteer. Text fields point into the decoded text wherever the text
 * is one source line; a paragraph rejoined across lines is a new
 * allocation kept in ed->owned.
 *
 * What always holds: every block lands in exactly one field (front matter,
 * kicker, headline, paragraph, byline or credit), so no text is dropped;
 * every join and split is recorded as a finding at the line it happened,
 * and so are the indentation and the trailing whitespace trimmed off
 * (record_indents(), record_trailing()).
 */
#include "edition.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "byline.h"
#include "damage.h"
#include "front.h"
#include "shapes.h"
#include "text.h"
#include "util.h"

/* A headline (or a kicker's headline) is at most this many characters. */
#define HEADLINE_MAX 40
/* A line of a heading after its first is at most this many. */
#define HEADING_LINE_MAX 90
/* A heading has at most three lines: kicker, headline, subtitle. */
#define HEADING_LINES 3
/* A piece of a paragraph up to this many characters, over a line more than
 * LOPSIDED_RATIO / 2 times as long, is not joined to it on shape alone. */
#define LOPSIDED_PIECE 80
#define LOPSIDED_RATIO 5
/* A byline glued after the last sentence is looked for this many
 * characters back (its names, 20 at most, and spaces). */
#define GLUED_SCAN 32

/*
 * The blocks: a window of BLOCK_WINDOW of them, not one per line of the
 * file (32 bytes a line were most of what parsing a file of short lines
 * took). The parser looks a few blocks ahead of the one it is at (the
 * lines of a heading, the next block) and never further back than the
 * front matter: block i is in b[i % BLOCK_WINDOW] from when blk() first
 * makes it until block i + BLOCK_WINDOW is made. The first pass over the
 * lines (scan_lines()) only counts them and what page_style() needs.
 */
#define BLOCK_WINDOW 64
#if BLOCK_WINDOW < FRONT_BLOCKS
#error "the front matter's blocks must fit in the window"
#endif

#define INDENT_KINDS 16  /* distinct indentations tallied; the rest are rare */

struct parser {
	struct edition *ed;
	struct block b[BLOCK_WINDOW];
	size_t nb;              /* blocks in the text (the first pass) */
	size_t made;            /* blocks made so far by blk() */
	size_t pos, line, blanks;  /* where blk() goes on reading */
	size_t adjacent, nindented, gaps[4];  /* for page_style() */
	/* The indentations trimmed off lines (record_indents()): the first
	 * INDENT_KINDS kinds with their counts, and how many lines in all. */
	struct indent {
		uint32_t key;
		size_t n, line;
	} ind[INDENT_KINDS];
	size_t nind, nindents;
	/* The whitespace trimmed off line ends, and lines of only whitespace
	 * taken as blank (record_trailing()): the same, a kind's first line
	 * with its column. */
	struct trail {
		uint64_t key;
		size_t n, line, column;
	} trail[INDENT_KINDS];
	size_t ntrail, ntrails;
	int open;               /* the last paragraph has not ended a sentence */
	int indents;            /* paragraphs are indented: headings are not */
	size_t gap;             /* the usual blank lines between paragraphs */
	int closed;             /* the current article has its byline */
	/* The paragraph being rejoined: its text grows in place, one buffer
	 * for all its pieces, so that joining many lines stays linear. */
	struct paragraph *jpara;
	size_t jowned;          /* its buffer's index in ed->owned */
	size_t jcap;
	/* edition_parse_each(): where each complete article goes, how many
	 * went, and the first entry of ed->owned the current article made. */
	edition_each_fn each;
	void *ctx;
	size_t handed, owned_mark;
};

static struct str span(const char *s, size_t n)
{
	return (struct str){s, n};
}

static const struct block *classify(struct parser *p, size_t i);

/*
 * Room for k more entries of size sz at the end of pool pl, whose last cnt
 * entries are the current article's: returns that article's array, which
 * may have moved. Only the article being built ever grows (articles are
 * built one after another), so its entries are always the pool's last.
 */
static void *pool_room(struct edition_pool *pl, size_t cnt, size_t k, size_t sz)
{
	xgrow(&pl->v, &pl->cap, pl->n + k, sz);
	pl->n += k;
	return (char *)pl->v + (pl->n - k - cnt) * sz;
}

/* Size a pool exactly, once the parser is done with it. */
static void pool_fit(struct edition_pool *pl, size_t sz)
{
	if (pl->n < pl->cap) {
		if (pl->n) {
			pl->v = xreallocarray(pl->v, pl->n, sz);
		} else {
			free(pl->v);
			pl->v = NULL;
		}
		pl->cap = pl->n;
	}
}

/* Where article a's entries start in a pool: at *at, unless it has none. */
static void *pool_at(struct edition_pool *pl, size_t *at, size_t cnt, size_t sz)
{
	void *v = cnt ? (char *)pl->v + *at * sz : NULL;

	*at += cnt;
	return v;
}

/* The paragraph being rejoined is complete: give its buffer back the room
 * it grew and did not use (joined paragraphs are much of a long text). */
static void end_join(struct parser *p)
{
	struct edition *ed = p->ed;
	struct paragraph *para = p->jpara;

	p->jpara = NULL;
	if (!para || p->jcap <= para->text.n + 1)
		return;
	ed->owned[p->jowned] = xreallocarray(ed->owned[p->jowned], para->text.n + 1, 1);
	para->text.s = ed->owned[p->jowned];
}

/* Once every article is built: the edition's arrays sized exactly, and
 * each article's pointers into the pools (which moved as they grew). */
static void fit_edition(struct edition *ed)
{
	size_t at[5] = {0};

	pool_fit(&ed->pool_items, sizeof(struct item));
	pool_fit(&ed->pool_paras, sizeof(struct paragraph));
	pool_fit(&ed->pool_byline, sizeof(struct str));
	pool_fit(&ed->pool_roles, sizeof(struct str));
	pool_fit(&ed->pool_credit, sizeof(struct str));
	for (size_t i = 0; i < ed->narticles; i++) {
		struct article *a = &ed->articles[i];

		a->items = pool_at(&ed->pool_items, &at[0], a->nitems, sizeof *a->items);
		a->paras = pool_at(&ed->pool_paras, &at[1], a->nparas, sizeof *a->paras);
		a->byline = pool_at(&ed->pool_byline, &at[2], a->nbyline, sizeof *a->byline);
		a->roles = pool_at(&ed->pool_roles, &at[3], a->nroles, sizeof *a->roles);
		a->credit = pool_at(&ed->pool_credit, &at[4], a->ncredit, sizeof *a->credit);
	}
	if (ed->narticles < ed->caparticles) {
		ed->articles = xreallocarray(ed->articles, ed->narticles, sizeof *ed->articles);
		ed->caparticles = ed->narticles;
	}
	if (ed->npieces && ed->npieces < ed->cappieces) {
		ed->pieces = xreallocarray(ed->pieces, ed->npieces, sizeof *ed->pieces);
		ed->cappieces = ed->npieces;
	}
	if (ed->nowned && ed->nowned < ed->capowned) {
		ed->owned = xreallocarray(ed->owned, ed->nowned, sizeof *ed->owned);
		ed->capowned = ed->nowned;
	}
}

/* The block of source line `line` (ls, n bytes) after `blanks` blank
 * lines; 0 when the line is blank. */
static int make_block(struct block *b, const char *ls, size_t n, size_t line, size_t blanks)
{
	const char *s = ls;
	size_t sn = n, removed;

	removed = text_trim(&s, &sn);
	if (!sn)
		return 0;
	memset(b, 0, sizeof *b);
	b->s = s;
	b->n = sn;
	b->line = line;
	b->col = removed + 1;
	b->blank_before = blanks;
	b->indented = ls[0] == '\t' || (n >= 2 && ls[0] == ' ' && ls[1] == ' ') ||
		      (n >= 6 && memcmp(ls, "\u3000\u3000", 6) == 0);
	return 1;
}

static void tally_indent(struct parser *p, const char *ls, const char *text, size_t line);
static void tally_trailing(struct parser *p, const char *ls, const char *from, const char *end,
			   size_t line);

/* One source line: record its damage, and count it as a block unless
 * blank, with what page_style() needs. */
static void take_line(struct parser *p, const char *ls, size_t n, size_t line, size_t *si,
		      size_t *blanks)
{
	struct block b;

	damage_scan_line(p->ed, ls, n, line, si);
	if (!make_block(&b, ls, n, line, *blanks)) {
		if (n)  /* only whitespace: taken as blank */
			tally_trailing(p, ls, ls, ls + n, line);
		(*blanks)++;
		return;
	}
	if (b.col > 1)
		tally_indent(p, ls, b.s, line);
	if (b.s + b.n < ls + n)
		tally_trailing(p, ls, b.s + b.n, ls + n, line);
	p->adjacent += p->nb > 0 && b.blank_before == 0;
	p->nindented += b.indented;
	if (b.blank_before)
		p->gaps[b.blank_before < 3 ? b.blank_before : 3]++;
	p->nb++;
	*blanks = 0;
}

/* Block i (i < p->nb), made the first time it is asked for: the lines
 * are read again, one after another, as far as it (see BLOCK_WINDOW). */
static struct block *blk(struct parser *p, size_t i)
{
	const char *t = p->ed->dec.text;
	size_t len = p->ed->dec.len, n;

	if (i >= p->nb || i + BLOCK_WINDOW < p->made)
		die(1, "internal error: block %zu is outside the parser's window", i);
	while (p->made <= i) {
		size_t next = text_next_line(t, len, p->pos, &n);

		if (make_block(&p->b[p->made % BLOCK_WINDOW], t + p->pos, n, ++p->line, p->blanks)) {
			p->blanks = 0;
			p->made++;
			classify(p, p->made - 1);  /* now, while the line is in the cache */
		} else {
			p->blanks++;
		}
		p->pos = next;
	}
	return &p->b[i % BLOCK_WINDOW];
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
	"美编", "校对", "E-mail", "Email", "email", "热线", "电邮", "電話", "傳真", "郵箱",
	"網址", "責任編輯", "編輯", "美編", "校對", "熱線", "電郵", NULL,
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
			if (cp == 0x2014 && !*hn)
				return 0;  /* a kicker line ending in ——: a heading line */
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
	struct block *b = blk(p, i);
	struct byline bl;

	if (b->known)
		return b;
	b->known = 1;
	b->ends = text_ends_sentence(b->s, b->n);
	b->head = headline_like(b->s, b->n);
	/* A kicker (20 characters) with a headline (40) is at most 61
	 * characters of up to 4 bytes: longer lines need no look. */
	{
		const char *hs = b->s;
		size_t klen = 0, hn = 0;

		b->kick = b->n <= 61 * 4 && kicker_split(b->s, b->n, &klen, &hs, &hn);
		if (b->kick) {
			b->klen = (uint8_t)klen;
			b->hoff = (uint8_t)(hs - b->s);
			b->hn = (uint8_t)hn;
		}
	}
	b->byl = text_count(b->s, b->n, 40) <= 40 ? byline_parse(b->s, b->n, &bl) : BYLINE_NONE;
	{
		struct dateline d;

		b->dl = shape_dateline(b->s, b->n, &d) > 0;
		b->brk = b->n <= 60 * 4 && shape_bracket_byline(b->s, b->n, &bl);
		b->kdash = b->head && b->n > 6 && !memcmp(b->s + b->n - 6, "——", 6);
	}
	return b;
}

/* edition_parse_each(): hand the complete article over, then forget it:
 * its entries in the pools (the pools' only ones), its pieces, its joined
 * paragraphs, its place name and the findings so far. */
static void hand_over(struct parser *p)
{
	struct edition *ed = p->ed;
	struct article *a;

	if (!p->each || !ed->narticles)
		return;
	a = &ed->articles[0];
	end_join(p);
	p->each(ed, a, p->ctx);
	free(a->place_name);
	while (ed->nowned > p->owned_mark)
		free(ed->owned[--ed->nowned]);
	ed->pool_items.n = ed->pool_paras.n = ed->pool_byline.n = 0;
	ed->pool_roles.n = ed->pool_credit.n = 0;
	ed->npieces = 0;
	ed->narticles = 0;
	findings_free(&ed->findings);
	p->handed++;
}

static struct article *new_article(struct parser *p, size_t line)
{
	struct edition *ed = p->ed;
	struct article *a;

	end_join(p);
	hand_over(p);
	p->owned_mark = ed->nowned;
	XGROW(ed->articles, ed->caparticles, ed->narticles + 1);
	a = &ed->articles[ed->narticles++];
	memset(a, 0, sizeof *a);
	a->index = p->handed + ed->narticles;
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

	a->items = pool_room(&ed->pool_items, a->nitems, 1, sizeof *a->items);
	a->items[a->nitems++] = (struct item){
		.kind = kind, .text = text, .para = para ? a->nparas - 1 : 0, .line = b->line,
		.piece = para ? a->paras[a->nparas - 1].piece : add_piece(ed, b, text.s, 0)};
}

static void add_names(struct edition *ed, struct article *a, const struct byline *bl)
{
	int credit = bl->kind == BYLINE_CREDIT;
	struct str **arr = credit ? &a->credit : &a->byline;
	size_t *cnt = credit ? &a->ncredit : &a->nbyline;

	if (bl->n)
		*arr = pool_room(credit ? &ed->pool_credit : &ed->pool_byline, *cnt, bl->n,
				 sizeof **arr);
	for (size_t k = 0; k < bl->n; k++)
		(*arr)[(*cnt)++] = span(bl->name[k].s, bl->name[k].n);
	if (bl->nrole)
		a->roles = pool_room(&ed->pool_roles, a->nroles, bl->nrole, sizeof *a->roles);
	for (size_t k = 0; k < bl->nrole; k++)
		a->roles[a->nroles++] = span(bl->role[k].s, bl->role[k].n);
	if (bl->agency.n && !a->agency.n)
		a->agency = span(bl->agency.s, bl->agency.n);
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
		die(1, "internal error: line %zu joins a paragraph out of order", (size_t)b->line);
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

/* A kicker that trails off (录制视频、运动捐步……): short, ends in …… and
 * holds no full stop. */
static int heading_ellipsis(const char *s, size_t n)
{
	return n > 6 && !memcmp(s + n - 6, "……", 6) && !memmem(s, n, "。", strlen("。")) &&
	       text_count(s, n, HEADLINE_MAX + 1) <= HEADLINE_MAX;
}

/* Is block i a line of a heading (kicker, headline, subtitle)? first: the
 * first line of one, held to the headline's length. */
static int heading_line(struct parser *p, size_t i, int first)
{
	const struct block *b = classify(p, i);

	if ((p->indents && b->indented) || b->byl != BYLINE_NONE || b->brk || b->dl ||
	    shape_ends_open_clause(b->s, b->n))
		return 0;
	if (b->head || b->kdash || (first && heading_ellipsis(b->s, b->n)))
		return 1;
	return !first && !b->ends && !memmem(b->s, b->n, "。", strlen("。")) &&
	       text_count(b->s, b->n, HEADING_LINE_MAX + 1) <= HEADING_LINE_MAX;
}

/* The lines of the heading that starts at block i: it and the heading
 * lines right under it (adjacent, or unindented on an indented page). */
static size_t heading_run(struct parser *p, size_t i)
{
	size_t k = 1;

	while (k < HEADING_LINES && i + k < p->nb && heading_line(p, i + k, 0) &&
	       (blk(p, i + k)->blank_before == 0 || (p->indents && p->ed->style == STYLE_BLANK &&
						   blk(p, i + k)->blank_before <= p->gap)))
		k++;
	if (i + k < p->nb && k > 1 && heading_line(p, i + k, 0) && !blk(p, i + k)->blank_before)
		return 1;  /* more lines than a heading has: verse or a list */
	return k;
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

/* Take the dateline opening an article's first paragraph: the text stays
 * in the paragraph; the names in the bracket after it are the byline. */
static void take_dateline(struct edition *ed, struct article *a, const char *s, size_t n)
{
	struct dateline d;

	if (a->dateline.n || a->nparas > 2 || !shape_dateline(s, n, &d))
		return;
	if (d.agency.n == 0 && a->nparas > 1)
		return;
	a->dateline = span(s, d.len);
	a->dateline_place = span(d.place.s, d.place.n);
	if (d.agency.n)
		a->agency = span(d.agency.s, d.agency.n);
	add_names(ed, a, &d.names);
}

/* Does s read as running prose (ends a sentence, holds a comma, or is
 * longer than a heading)? */
static int prose(const char *s, size_t n)
{
	return text_ends_sentence(s, n) || memmem(s, n, "，", strlen("，")) || memchr(s, ',', n) ||
	       text_count(s, n, HEADLINE_MAX + 1) > HEADLINE_MAX;
}

/* Names glued after the last sentence of block b (…。吴小同, …。　記者：某某):
 * the byline's start in b, or b->n when there is none. */
static size_t glued_byline(struct parser *p, size_t i, struct byline *bl)
{
	const struct block *b = blk(p, i);
	size_t cut = b->n;
	uint32_t cp;
	const char *r;
	size_t rn, ll;

	/* The names are at most 20 characters: look no further back. */
	for (int k = 0; cut > 0; k++) {
		size_t l = text_prev(b->s, cut, &cp);

		if (text_is_final(cp) || text_is_closer(cp))
			break;
		if (k == GLUED_SCAN)
			return b->n;
		cut -= l;
	}
	if (cut == 0 || cut == b->n || !text_ends_sentence(b->s, cut))
		return b->n;
	r = b->s + cut;
	rn = b->n - cut;
	text_trim(&r, &rn);
	if (text_count(r, rn, 20) > 20 || byline_parse(r, rn, bl) == BYLINE_NONE)
		return b->n;
	if (!b->ends && next_starts_article(p, i))
		return cut;
	return byline_label(r, rn, &ll) >= 0 && bl->kind == BYLINE_AUTHORS ? cut : b->n;
}

/*
 * Add block i as a paragraph. When it ends "…。吴小同" and the next block
 * starts an article, or "…。　記者：某某", the names after the last sentence
 * are a byline glued to the text by the extraction: split them off and
 * record it.
 */
static void add_paragraph(struct parser *p, struct article *a, size_t i)
{
	const struct block *b = blk(p, i);
	size_t n = glued_byline(p, i, &(struct byline){0});
	struct byline bl;

	if (n < b->n) {
		glued_byline(p, i, &bl);
		findings_add(&p->ed->findings, FK_BYLINE_SPLIT, p->ed->path, b->line,
			     b->col + text_count(b->s, n, SIZE_MAX),
			     "byline \"%.*s\" split off the end of the paragraph",
			     (int)(b->n - n), b->s + n);
		add_names(p->ed, a, &bl);
		/* Closing the article, unless prose goes on under it. */
		p->closed = next_starts_article(p, i) || !prose(blk(p, i + 1)->s, blk(p, i + 1)->n);
	}
	take_dateline(p->ed, a, b->s, n);
	end_join(p);  /* a new paragraph: the next join starts a buffer */
	a->paras = pool_room(&p->ed->pool_paras, a->nparas, 1, sizeof *a->paras);
	a->paras[a->nparas++] = (struct paragraph){span(b->s, n), shape_para_kind(b->s, n, b->head),
						   b->line, b->line, add_piece(p->ed, b, b->s, 0), 1};
	add_item(p->ed, a, ITEM_PARA, span(NULL, 0), b);
	if (n < b->n)
		add_item(p->ed, a, ITEM_BYLINE, span(b->s + n, b->n - n), b);
	p->open = n == b->n ? !b->ends : !text_ends_sentence(b->s, n);
}

enum join { JOIN_NO, JOIN_CANDIDATE, JOIN_YES };

/* Pieces a column break seldom leaves, so that a join would be a guess:
 * the first paragraph under a heading, on a page that sets its paragraphs
 * apart (an unfinished line there is a deck or a summary more often than a
 * cut), and a short line over a text several
 * times its length (a subhead over its section: a break falls inside a
 * paragraph, leaving pieces of comparable size). */
static int lead_or_lopsided(const struct parser *p, const struct article *a,
			    const struct block *b)
{
	const struct paragraph *para = &a->paras[a->nparas - 1];
	size_t pc = text_count(para->text.s, para->text.n, LOPSIDED_PIECE + 1), bc;

	if (a->nparas == 1 && !a->dateline.n && (a->headline.n || a->kicker.n) &&
	    (p->ed->style == STYLE_BLANK || p->indents))
		return 1;
	if (pc > LOPSIDED_PIECE)
		return 0;
	bc = text_count(b->s, b->n, pc * LOPSIDED_RATIO / 2 + 1);
	return bc * 2 > pc * LOPSIDED_RATIO;
}

/*
 * Does block i continue the article's last, unfinished paragraph across a
 * column break? Only on evidence: the paragraph stops inside a word of
 * prose (on a letter, after some text) and the block reads as the rest of
 * a sentence (it ends one, holds a comma or is longer than a heading),
 * without the indent that opens a paragraph on an indented page. A block
 * that may continue it but shows no such evidence is a candidate.
 */
static enum join join_kind(struct parser *p, const struct article *a, size_t i)
{
	const struct block *b = classify(p, i);
	const struct paragraph *para = &a->paras[a->nparas - 1];
	uint32_t cp;

	text_prev(para->text.s, para->text.n, &cp);
	if (text_is_punct(cp) || text_is_space(cp) || b->dl || b->brk || b->byl != BYLINE_NONE)
		return JOIN_NO;
	if (p->ed->style == STYLE_BLANK && b->blank_before == 0 && !p->indents)
		return b->head ? JOIN_NO : JOIN_YES;  /* a line wrapped in the file */
	if (cp < 0x80 && isalpha((int)cp) && b->s[0] >= 'a' && b->s[0] <= 'z')
		return JOIN_YES;  /* a Latin word cut in two */
	if (b->blank_before > p->gap || text_count(para->text.s, para->text.n, 12) < 12)
		return JOIN_CANDIDATE;
	if (!prose(b->s, b->n) || lead_or_lopsided(p, a, b))
		return JOIN_CANDIDATE;
	/* An indented line opens a paragraph, unless the one before was cut
	 * in the middle of long prose. */
	if (p->indents && b->indented &&
	    (!prose(para->text.s, para->text.n) || text_count(para->text.s, para->text.n, 40) < 40))
		return JOIN_CANDIDATE;
	return JOIN_YES;
}

/* Does the heading line s hold a space between two phrases? */
static int spaced(const char *s, size_t n)
{
	return memchr(s, ' ', n) || memmem(s, n, "\u3000", strlen("\u3000"));
}

/* Start an article at the heading of k lines at block i: one line is the
 * headline (or a kicker ending in ——); of two, the pair's shape says
 * kicker and headline or headline and subtitle; three are all of them. */
static struct article *take_heading(struct parser *p, size_t i, size_t k, int *need_head)
{
	struct article *a = new_article(p, blk(p, i)->line);
	const struct block *l0 = blk(p, i), *l1 = k > 1 ? blk(p, i + 1) : NULL;
	int kick = k == 3 || (k == 1 && l0->kdash), sub = k == 3;
	size_t h = kick ? 1 : 0;

	if (k == 2) {
		uint32_t cp;

		text_prev(l0->s, l0->n, &cp);
		sub = (l1->n >= 6 && !memcmp(l1->s, "——", 6)) ||
		      (shape_column_tag(l0->s, l0->n) && !shape_column_tag(l1->s, l1->n)) ||
		      text_count(l1->s, l1->n, HEADLINE_MAX + 1) > HEADLINE_MAX;
		/* A headline of two phrases set apart by a space over a plain
		 * line: headline and subtitle. */
		sub = sub || (spaced(l0->s, l0->n) && !spaced(l1->s, l1->n) &&
			      !shape_column_tag(l1->s, l1->n));
		sub = sub && !l0->kdash && cp != 0xFF1A && cp != ':';
		kick = !sub;
		h = kick;
	}
	if (kick) {
		a->kicker = span(l0->s, l0->n);
		add_item(p->ed, a, ITEM_KICKER, a->kicker, l0);
	}
	*need_head = h >= k;
	if (h < k) {
		a->headline = span(blk(p, i + h)->s, blk(p, i + h)->n);
		add_item(p->ed, a, ITEM_HEADLINE, a->headline, blk(p, i + h));
	}
	if (sub) {
		a->subtitle = span(blk(p, i + k - 1)->s, blk(p, i + k - 1)->n);
		add_item(p->ed, a, ITEM_SUBTITLE, a->subtitle, blk(p, i + k - 1));
	}
	return a;
}

/* Does the one-line heading at block i start an article? On an indented
 * page every unindented heading does; else it needs evidence: the last
 * article closed with its byline, a dateline under it, a section break
 * above it, a column tag. Without, it is a subhead, and the doubt is
 * recorded as a boundary note. */
static int starts_article(struct parser *p, const struct article *a, size_t i)
{
	const struct block *b = blk(p, i);

	if (!a || p->closed || p->indents || b->blank_before > p->gap ||
	    (i + 1 < p->nb && classify(p, i + 1)->dl) || shape_column_tag(b->s, b->n))
		return 1;
	if (a->nparas == 0)
		return 0;  /* a second short line under a headline is text */
	findings_add(&p->ed->findings, FK_BOUNDARY, p->ed->path, b->line, b->col,
		     "heading-like line taken as a subhead of the article from line %zu: no "
		     "byline, dateline or section break marks a new article",
		     a->line);
	return 0;
}

/* A kicker ending in a colon, alone or with its headline on the line. */
static struct article *take_kicker(struct parser *p, const struct block *b, int *need_head)
{
	struct article *a = new_article(p, b->line);
	const char *ks = b->s;
	size_t kn = b->hn ? b->hoff : b->n;

	a->kicker = span(b->s, b->klen);
	a->headline = span(b->s + b->hoff, b->hn);
	*need_head = b->hn == 0;
	text_trim(&ks, &kn);
	add_item(p->ed, a, ITEM_KICKER, span(ks, kn), b);
	if (b->hn)
		add_item(p->ed, a, ITEM_HEADLINE, a->headline, b);
	return a;
}

/* The subtitle under a kicker's headline (沙田：/ headline / ——subtitle),
 * which the heading of three lines does not see, the kicker being taken
 * apart: a dash line right under the headline. Returns 1 when b was one. */
static int take_dash_subtitle(struct parser *p, struct article *a, const struct block *b)
{
	if (b->blank_before > p->gap || !shape_dash_subtitle(b->s, b->n))
		return 0;
	a->subtitle = span(b->s, b->n);
	add_item(p->ed, a, ITEM_SUBTITLE, a->subtitle, b);
	return 1;
}

/* A byline line: names (and roles, agency) to the article, the line as an
 * item. Returns 1 when block i was one. */
static int take_byline(struct parser *p, struct article *a, size_t i)
{
	const struct block *b = blk(p, i);
	struct byline bl;

	if (!a || !(b->byl != BYLINE_NONE ? (a->nparas || a->headline.n) : b->brk && a->nparas))
		return 0;
	/* A bracketed byline closes an article: names in brackets with
	 * more text under them are a paragraph. */
	if (b->byl == BYLINE_NONE && i + 1 < p->nb && !heading_line(p, i + 1, 1))
		return 0;
	if (b->byl != BYLINE_NONE)
		byline_parse(b->s, b->n, &bl);
	else
		shape_bracket_byline(b->s, b->n, &bl);
	add_names(p->ed, a, &bl);
	add_item(p->ed, a, ITEM_BYLINE, span(b->s, b->n), b);
	if (a->nparas)
		p->closed = 1;
	return 1;
}

/* Join block i to the last paragraph, or record it as a candidate. */
static int take_join(struct parser *p, struct article *a, size_t i)
{
	const struct block *b = blk(p, i);
	enum join j;

	if (!a || p->closed || !a->nparas || !p->open)
		return 0;
	j = join_kind(p, a, i);
	if (j == JOIN_YES) {
		join_block(p, a, b);
		return 1;
	}
	if (j == JOIN_CANDIDATE)
		findings_add(&p->ed->findings, FK_JOIN_CANDIDATE, p->ed->path, b->line, b->col,
			     "may continue the paragraph from line %zu across a column break; "
			     "left apart",
			     a->paras[a->nparas - 1].first_line);
	return 0;
}

/* Assemble the blocks from start on into articles. */
static void parse_articles(struct parser *p, size_t start)
{
	struct article *a = NULL;
	int need_head = 0, may_sub = 0;

	for (size_t i = start; i < p->nb; i++) {
		const struct block *b = classify(p, i);
		int sub = may_sub;

		may_sub = 0;
		if (b->kick && !(p->indents && b->indented)) {
			a = take_kicker(p, b, &need_head);
			may_sub = !need_head;
			continue;
		}
		if (sub && take_dash_subtitle(p, a, b))
			continue;
		if (need_head) {
			need_head = 0;
			if (b->head && b->byl == BYLINE_NONE) {
				a->headline = span(b->s, b->n);
				add_item(p->ed, a, ITEM_HEADLINE, a->headline, b);
				may_sub = 1;
				continue;
			}
		}
		if (take_byline(p, a, i) || take_join(p, a, i))
			continue;
		if (heading_line(p, i, 1)) {
			size_t k = heading_run(p, i);

			if (k > 1 || starts_article(p, a, i)) {
				a = take_heading(p, i, k, &need_head);
				i += k - 1;
				continue;
			}
		}
		/* Text with no headline after a closed article starts one,
		 * unless the page's indent shows it is a paragraph. */
		if (!a || (p->closed && !b->brk && !(p->indents && b->indented)))
			a = new_article(p, b->line);
		p->closed = 0;
		add_paragraph(p, a, i);
	}
}

/* How the page sets its paragraphs apart: the usual blank lines between
 * them, and whether they are indented (then headings are not). */
static void page_style(struct parser *p)
{
	struct edition *ed = p->ed;

	ed->style = p->nb >= 2 && p->adjacent * 2 >= p->nb ? STYLE_LINE : STYLE_BLANK;
	p->indents = p->nb >= 4 && p->nindented * 3 >= p->nb;
	p->gap = p->gaps[2] > p->gaps[1] ? 2 : 1;
}

/* ---- Indentation --------------------------------------------------------
 * What text_trim() takes off the start of a line is a repair like any
 * other, but most pages indent every paragraph alike (　　, four spaces,
 * a tab): a finding per paragraph would bury the rest. So the file's
 * usual indentation (the most frequent) is one finding at its first line,
 * with the count of lines; any other indentation, the slips an archivist
 * fixes (a tab or spaces on a page indented with 　　), is a finding at
 * each line. An indentation is told by its counts of tabs, spaces,
 * ideographic spaces and other spaces (no-break, form feed), 8 bits each. */

static uint32_t indent_key(const char *ls, const char *text)
{
	uint32_t c[4] = {0}, cp;

	for (const char *q = ls; q < text;) {
		q += text_next(q, (size_t)(text - q), &cp);
		c[cp == '\t' ? 0 : cp == ' ' ? 1 : cp == 0x3000 ? 2 : 3]++;
	}
	for (int i = 0; i < 4; i++)
		c[i] = c[i] > 255 ? 255 : c[i];
	return c[0] | c[1] << 8 | c[2] << 16 | c[3] << 24;
}

/* "2 ideographic spaces (U+3000)", "1 tab and 2 spaces" */
static void indent_words(uint32_t key, char *buf, size_t size)
{
	static const char *const one[4] = {"tab", "space", "ideographic space (U+3000)",
					   "other space (no-break, form feed)"};
	static const char *const many[4] = {"tabs", "spaces", "ideographic spaces (U+3000)",
					    "other spaces (no-break, form feed)"};
	size_t k = 0;

	buf[0] = '\0';
	for (int i = 0; i < 4 && k < size; i++) {
		unsigned c = key >> (8 * i) & 0xFF;

		if (c)
			k += (size_t)snprintf(buf + k, size - k, "%s%u %s", k ? " and " : "", c,
					      c == 1 ? one[i] : many[i]);
	}
}

/* Tally line `line`'s indentation (ls up to its text) in the first pass. */
static void tally_indent(struct parser *p, const char *ls, const char *text, size_t line)
{
	uint32_t key = indent_key(ls, text);
	size_t k;

	p->nindents++;
	for (k = 0; k < p->nind && p->ind[k].key != key; k++)
		;
	if (k == p->nind && p->nind < INDENT_KINDS)
		p->ind[p->nind++] = (struct indent){key, 0, line};
	if (k < p->nind)
		p->ind[k].n++;
}

/* Once the lines are counted: the usual indentation is one finding, and
 * only when some line is indented otherwise are the lines read again for
 * those, each a finding at its line. */
static void record_indents(struct parser *p)
{
	const char *t = p->ed->dec.text;
	size_t len = p->ed->dec.len, pos = 0, line = 0, n, usual = SIZE_MAX, nusual = 0;
	char what[160];

	for (size_t k = 0; k < p->nind; k++)
		if (p->ind[k].n > 1 && (usual == SIZE_MAX || p->ind[k].n > p->ind[usual].n))
			usual = k;
	if (usual != SIZE_MAX) {
		nusual = p->ind[usual].n;
		indent_words(p->ind[usual].key, what, sizeof what);
		findings_add(&p->ed->findings, FK_INDENT, p->ed->path, p->ind[usual].line, 1,
			     "the file's usual indentation, %s, removed from this line and %zu more; "
			     "any other indentation is reported at its line",
			     what, nusual - 1);
	}
	if (p->nindents == nusual)
		return;
	while (pos < len) {
		size_t next = text_next_line(t, len, pos, &n);
		const char *s = t + pos;
		size_t sn = n;
		uint32_t key;

		line++;
		text_trim(&s, &sn);
		if (sn && s > t + pos &&
		    (key = indent_key(t + pos, s), usual == SIZE_MAX || key != p->ind[usual].key)) {
			indent_words(key, what, sizeof what);
			findings_add(&p->ed->findings, FK_INDENT, p->ed->path, line, 1,
				     "indentation removed: %s", what);
		}
		pos = next;
	}
}

/* ---- Trailing whitespace -----------------------------------------------
 * What text_trim() takes off the end of a line (spaces, tabs, ideographic
 * and no-break spaces, form feeds), and a line of only whitespace taken as
 * blank, are repairs too, recorded as the indentation is: the file's usual
 * kind (some pages end every line with an ideographic space) one finding
 * at its first line with the count, and so the usual kind of line of only
 * whitespace, any other at each line, at the column
 * where the whitespace starts. A kind is the indentation's key over the
 * whitespace, with bit 32 set for a line of only whitespace. This kind
 * covers all trailing whitespace; --lint's odd-space no longer looks at
 * line ends. */

#define TRAIL_BLANK ((uint64_t)1 << 32)

/* The kind of the whitespace [from, end) of the line ls. */
static uint64_t trail_key(const char *ls, const char *from, const char *end)
{
	return indent_key(from, end) | (from == ls ? TRAIL_BLANK : 0);
}

static void tally_trailing(struct parser *p, const char *ls, const char *from, const char *end,
			   size_t line)
{
	uint64_t key = trail_key(ls, from, end);
	size_t k;

	p->ntrails++;
	for (k = 0; k < p->ntrail && p->trail[k].key != key; k++)
		;
	if (k == p->ntrail && p->ntrail < INDENT_KINDS)  /* a new kind: where it is */
		p->trail[p->ntrail++] =
			(struct trail){key, 0, line, text_count(ls, (size_t)(from - ls), SIZE_MAX) + 1};
	if (k < p->ntrail)
		p->trail[k].n++;
}

/* Once the lines are counted: the usual kind of trailing whitespace, and
 * the usual kind of line of only whitespace (a page may have both: every
 * line, blank ones too, ending with an ideographic space), are one finding
 * each, and only when some line ends otherwise are the lines read again
 * for those. */
static void record_trailing(struct parser *p)
{
	const char *t = p->ed->dec.text;
	size_t len = p->ed->dec.len, pos = 0, line = 0, n, nusual = 0;
	size_t usual[2] = {SIZE_MAX, SIZE_MAX};  /* text lines, blank lines */
	char what[160];

	if (!p->ntrails)
		return;
	for (size_t k = 0; k < p->ntrail; k++) {
		size_t *u = &usual[(p->trail[k].key & TRAIL_BLANK) != 0];

		if (p->trail[k].n > 1 && (*u == SIZE_MAX || p->trail[k].n > p->trail[*u].n))
			*u = k;
	}
	for (int b = 0; b < 2; b++) {
		const struct trail *u = usual[b] == SIZE_MAX ? NULL : &p->trail[usual[b]];

		if (!u)
			continue;
		nusual += u->n;
		indent_words((uint32_t)u->key, what, sizeof what);
		if (b)
			findings_add(&p->ed->findings, FK_TRAILING, p->ed->path, u->line, u->column,
				     "the file's usual line of only whitespace, %s, taken as blank here "
				     "and at %zu more lines; any other is reported at its line",
				     what, u->n - 1);
		else
			findings_add(&p->ed->findings, FK_TRAILING, p->ed->path, u->line, u->column,
				     "the file's usual trailing whitespace, %s, removed from this line "
				     "and %zu more; any other trailing whitespace is reported at its line",
				     what, u->n - 1);
	}
	if (p->ntrails == nusual)
		return;
	while (pos < len) {
		size_t next = text_next_line(t, len, pos, &n);
		const char *ls = t + pos, *s = ls;
		size_t sn = n, u;
		uint64_t key;

		line++;
		text_trim(&s, &sn);
		if (!sn)
			s = ls;  /* only whitespace: all of it */
		if (s + sn < ls + n) {
			key = trail_key(ls, s + sn, ls + n);
			u = usual[(key & TRAIL_BLANK) != 0];
			if (u == SIZE_MAX || key != p->trail[u].key) {
				indent_words((uint32_t)key, what, sizeof what);
				findings_add(&p->ed->findings, FK_TRAILING, p->ed->path, line,
					     text_count(ls, (size_t)(s + sn - ls), SIZE_MAX) + 1,
					     key & TRAIL_BLANK ? "a line of only whitespace taken as blank: %s"
							       : "trailing whitespace removed: %s", what);
			}
		}
		pos = next;
	}
}

/* edition_parse() and edition_parse_each(): each is NULL for the first. */
static void parse(struct edition *ed, const char *path, const struct decoded *dec,
		  edition_each_fn each, void *ctx)
{
	struct parser p = {.ed = ed, .each = each, .ctx = ctx};
	size_t start;

	memset(ed, 0, sizeof *ed);
	ed->path = xstrdup(path ? path : "");
	ed->dec = *dec;
	ed->encoding = ed->dec.encoding;
	scan_lines(&p);
	record_indents(&p);
	record_trailing(&p);
	page_style(&p);
	if (p.nb)  /* the front matter's blocks, in the window's first slots */
		blk(&p, (p.nb < FRONT_BLOCKS ? p.nb : FRONT_BLOCKS) - 1);
	start = front_parse(ed, p.b, p.nb);
	parse_articles(&p, start);
	end_join(&p);
	hand_over(&p);
	fit_edition(ed);
	findings_sort(&ed->findings);
}

void edition_parse(struct edition *ed, const char *path, struct decoded *dec)
{
	parse(ed, path, dec, NULL, NULL);
	memset(dec, 0, sizeof *dec);
}

void edition_parse_each(struct edition *ed, const char *path, const struct decoded *dec,
			edition_each_fn each, void *ctx)
{
	parse(ed, path, dec, each, ctx);
	memset(&ed->dec, 0, sizeof ed->dec);  /* the caller's */
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
