/*
 * edition: parsing a decoded edition into front matter and articles.
 *
 * The parser works on the file's non-blank lines ("blocks"), each trimmed,
 * with its source line and the number of blank lines before it, in three
 * passes: lines (with the suspicious characters and replaced bytes recorded
 * as they are met), front matter, articles. Localities are a pass of their
 * own (locality.h), run by the caller with a gazetteer. Text fields point
 * into the decoded text wherever the text is one source line; a paragraph
 * rejoined across lines is a new allocation kept in ed->owned.
 *
 * What always holds: every block lands in exactly one field (front matter,
 * kicker, headline, paragraph, byline or credit), so no text is dropped;
 * every join and split is recorded as a finding at the line it happened.
 */
#include "edition.h"

#include <endian.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline.h"
#include "text.h"
#include "util.h"

/* A headline (or a kicker's headline) is at most this many characters. */
#define HEADLINE_MAX 40
/* Front matter is looked for among the first blocks only. */
#define FRONT_BLOCKS 24

struct block {
	const char *s;          /* the line, trimmed */
	size_t n;
	size_t line;            /* source line */
	size_t col;             /* 1-based column where s starts */
	size_t blank_before;    /* blank lines just before this one */
	int indented;           /* began with 　　, two spaces or a tab */
	/* What the block looks like, computed once by classify(). */
	unsigned known : 1, head : 1, kick : 1, ends : 1;
	unsigned char byl;      /* enum byline_kind */
	size_t klen;            /* kicker: the name's bytes */
	const char *hs;         /* kicker: the headline after it, if any */
	size_t hn;
};

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

/* The running column of a byte offset within one line. */
struct colcur {
	const char *ls;
	size_t off, col;
};

static size_t col_at(struct colcur *c, size_t off)
{
	if (off < c->off) {
		c->off = 0;
		c->col = 1;
	}
	c->col += text_count(c->ls + c->off, off - c->off, SIZE_MAX);
	c->off = off;
	return c->col;
}

/* Record a repair or damage at a source line and column. */
#define add_finding(ed, kind, line, col, ...) \
	findings_add(&(ed)->findings, kind, (ed)->path, line, col, __VA_ARGS__)

/* Keep an allocation for the edition's lifetime and return it as a str. */
static struct str own(struct edition *ed, char *s, size_t n)
{
	XGROW(ed->owned, ed->capowned, ed->nowned + 1);
	ed->owned[ed->nowned++] = s;
	return (struct str){s, n};
}

static struct str span(const char *s, size_t n)
{
	return (struct str){s, n};
}

static const char *const c0_names[32] = {
	"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
	"VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
	"SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US",
};

/* The high bit of each byte of w that may be a C0 control, DEL or the lead
 * byte of a C1 control: a cheap filter, checked byte by byte on a hit. */
static inline uint64_t word_suspect(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t del = w ^ (ones * 0x7F), c2 = w ^ (ones * 0xC2);

	return ((w - ones * 0x20) & ~w & high) | ((del - ones) & ~del & high) |
	       ((c2 - ones) & ~c2 & high);
}

/* Record every control character in one line (TAB excepted). */
static void scan_controls(struct edition *ed, const char *ls, size_t n, size_t line)
{
	struct colcur cc = {ls, 0, 1};
	size_t i = 0;

	while (i < n) {
		uint64_t w;

		if (i + 8 <= n) {
			memcpy(&w, ls + i, 8);
			if (!word_suspect(w)) {
				i += 8;
				continue;
			}
		}
		for (size_t end = i + 8 < n ? i + 8 : n; i < end; i++) {
			unsigned char c = (unsigned char)ls[i];

			if (c < 0x20 && c != '\t')
				add_finding(ed, FK_CONTROL, line, col_at(&cc, i),
					   "control character U+%04X (%s) kept as data", c, c0_names[c]);
			else if (c == 0x7F)
				add_finding(ed, FK_CONTROL, line, col_at(&cc, i),
					   "control character U+007F (DEL) kept as data");
			else if (c == 0xC2 && i + 1 < n && (unsigned char)ls[i + 1] >= 0x80 &&
				 (unsigned char)ls[i + 1] <= 0x9F)
				add_finding(ed, FK_CONTROL, line, col_at(&cc, i),
					   "control character U+%04X (C1) kept as data",
					   (unsigned char)ls[i + 1]);
		}
	}
}

/* Might the line hold a control character? Most lines hold none, so this
 * is a branch-free pass over whole words. */
static int line_suspect(const char *s, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= word_suspect(w);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		acc |= (c < 0x20) | (c == 0x7F) | (c == 0xC2);
	}
	return acc != 0;
}

const char *edition_id(struct edition *ed)
{
	uint64_t h = 0xCBF29CE484222325ULL;
	size_t pos = 0, n;

	if (ed->id[0])
		return ed->id;
	/* Hashing line by line makes the id independent of the line ends. */
	while (pos < ed->dec.len) {
		size_t next = text_next_line(ed->dec.text, ed->dec.len, pos, &n);

		h = text_hash(h, ed->dec.text + pos, n);
		pos = next;
	}
	snprintf(ed->id, sizeof ed->id, "%016llx", (unsigned long long)h);
	return ed->id;
}

static const struct block *classify(struct parser *p, size_t i);

/* One source line: record its damage, and keep it as a block unless blank. */
static void take_line(struct parser *p, const char *ls, size_t n, size_t line, size_t *si,
		      size_t *blanks, int suspect)
{
	struct edition *ed = p->ed;
	const struct decoded *d = &ed->dec;
	size_t off = (size_t)(ls - d->text), removed;
	struct colcur cc = {ls, 0, 1};
	const char *s = ls;
	size_t sn = n;
	struct block *b;

	if (suspect)
		scan_controls(ed, ls, n, line);
	for (; *si < d->nsubst && d->subst[*si].offset < off + n; (*si)++) {
		const struct decode_subst *sub = &d->subst[*si];
		char hex[16] = "";

		for (int k = 0; k < sub->nbytes && k < 4; k++)
			snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%s%02X",
				 k ? " " : "", sub->bytes[k]);
		add_finding(ed, FK_INVALID, line, col_at(&cc, sub->offset - off),
			   "invalid bytes %s replaced by U+FFFD", hex);
	}
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

		take_line(p, t + pos, n, ++line, &si, &blanks, line_suspect(t + pos, n));
		pos = next;
	}
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
	ed->date = own(ed, xasprintf("%04d-%02d-%02d", v[0], v[1], v[2]), 10);
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

/* Front matter: the banner, masthead, contacts and dateline at the top.
 * Returns the index of the first block after it (0 when there is none). */
static size_t parse_front(struct parser *p)
{
	struct edition *ed = p->ed;
	size_t first = SIZE_MAX, last = 0, i;

	for (i = 0; i < p->nb && i < FRONT_BLOCKS; i++) {
		const struct block *b = &p->b[i];

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
	if (first > 0 && text_count(p->b[first - 1].s, p->b[first - 1].n, 20) <= 20)
		ed->title = span(p->b[first - 1].s, p->b[first - 1].n);
	else
		first++;  /* no masthead: everything above is banner */
	ed->nbanner = first - 1;
	ed->banner = xcalloc(ed->nbanner, sizeof *ed->banner);
	for (i = 0; i + 1 < first; i++)
		ed->banner[i] = span(p->b[i].s, p->b[i].n);
	ed->nfront = last + 1;
	ed->front = xcalloc(ed->nfront, sizeof *ed->front);
	for (i = 0; i <= last; i++)
		ed->front[i] = span(p->b[i].s, p->b[i].n);
	return last + 1;
}

/* A headline: short and not a finished sentence. */
static int headline_like(const char *s, size_t n)
{
	size_t c = text_count(s, n, HEADLINE_MAX);

	return c >= 2 && c <= HEADLINE_MAX && !text_ends_sentence(s, n) && !find(s, n, "。");
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

static void add_item(struct article *a, enum item_kind kind, struct str text, size_t line)
{
	XGROW(a->items, a->capitems, a->nitems + 1);
	a->items[a->nitems++] = (struct item){kind, text, kind == ITEM_PARA ? a->nparas - 1 : 0,
					      line};
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
	sbuf_add(&buf, b->s, b->n);
	ed->owned[p->jowned] = buf.s;
	p->jcap = buf.cap;
	if (b->blank_before > 0 || ed->style == STYLE_LINE)
		add_finding(ed, FK_JOIN, b->line, b->col,
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
			struct colcur cc = {b->s, 0, b->col};

			add_finding(p->ed, FK_BYLINE_SPLIT, b->line, col_at(&cc, cut),
				   "byline \"%.*s\" split off the end of the paragraph",
				   (int)(n - cut), b->s + cut);
			add_names(a, &bl);
			n = cut;
			p->closed = 1;
		}
	}
	XGROW(a->paras, a->capparas, a->nparas + 1);
	p->jpara = NULL;  /* a new paragraph: the next join starts a buffer */
	a->paras[a->nparas++] = (struct paragraph){span(b->s, n), b->line, b->line};
	add_item(a, ITEM_PARA, span(NULL, 0), b->line);
	if (n < b->n)
		add_item(a, ITEM_BYLINE, span(b->s + n, b->n - n), b->line);
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
				add_item(a, ITEM_KICKER, span(ks, kn), b->line);
			}
			if (b->hn)
				add_item(a, ITEM_HEADLINE, a->headline, b->line);
			continue;
		}
		if (need_head) {
			need_head = 0;
			if (b->head && b->byl == BYLINE_NONE) {
				a->headline = span(b->s, b->n);
				add_item(a, ITEM_HEADLINE, a->headline, b->line);
				continue;
			}
		}
		if (a && (a->nparas || a->headline.n) && b->byl != BYLINE_NONE) {
			byline_parse(b->s, b->n, &bl);
			add_names(a, &bl);
			add_item(a, ITEM_BYLINE, span(b->s, b->n), b->line);
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
			add_item(a, ITEM_HEADLINE, a->headline, b->line);
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
	start = parse_front(&p);
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
	return strnlen(hl->s ? hl->s : "", hl->n) == hn && (!hn || memcmp(hl->s, h, hn) == 0);
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

		free(a->byline);
		free(a->credit);
		free(a->paras);
		free(a->items);
		free(a->place_name);
	}
	findings_free(&ed->findings);
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
