/*
 * layout: the reflow engine. See layout.h.
 *
 * A text is cut into grapheme clusters (libunistring), each with its width
 * (width.h) and whether a line may start before it: UAX #14 opportunities
 * from libunistring, then the Chinese tailoring (a break between Han and a
 * quotation mark is allowed; none before a line-start-prohibited mark or
 * after a line-end-prohibited one; —— and …… whole). A greedy fitter then
 * fills each line and, when it overflows, pushes the text after the last
 * allowed break to the next line; with no allowed break it falls back to
 * the last plain UAX #14 opportunity, then to the last cluster that fits,
 * and marks the line forced.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unilbrk.h>

#include "text.h"
#include "util.h"
#include "width.h"

struct layout_opts layout_defaults(int width)
{
	return (struct layout_opts){.width = width, .indent = 4, .amb = 1, .normalize = 0,
				    .tailor = 1};
}

/* One grapheme cluster (or one code point of a cluster too wide to keep). */
struct cl {
	size_t off;
	unsigned char w;
	unsigned short fl;      /* CL_* below */
};

/* A cluster's flags. The first four are the code point table's CI_LS,
 * CI_LE, CI_EA and CI_HAN shifted down, so a cluster of one code point
 * takes them in one operation. */
enum {
	CL_LS = 1 << 0,         /* first code point: not at a line start */
	CL_LE = 1 << 1,         /* last code point: not at a line end */
	CL_EA = 1 << 2,         /* first code point East Asian W/F/H */
	CL_HAN = 1 << 3,        /* a Han ideograph: UAX #14 context stops here */
	CL_EAL = 1 << 4,        /* last code point East Asian W/F/H */
	CL_SPACE = 1 << 5,      /* an ASCII space: undrawn at a soft break */
	CL_KNOWN = 1 << 6,      /* RAW and ALLOW are computed */
	CL_ALLOW = 1 << 7,      /* a line may start here (tailored) */
	CL_RAW = 1 << 8,        /* a plain UAX #14 (+T1) opportunity */
	CL_MAND = 1 << 9,       /* a line must start here */
	CL_SPLIT = 1 << 10,     /* inside a cluster split at code points */
};

/* Not at the start of a line (clreq's basic level, with …). */
static int line_start_prohibited(uint32_t cp)
{
	static const uint32_t set[] = {
		0x3001, 0xFF0C, 0x3002, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF61, 0xFF64,
		',', '.', ':', ';', '!', '?', ')', ']', '}', '%',
		0x201D, 0x2019, 0x301E, 0x301F, 0xFF09, 0x3015, 0xFF3D, 0xFF5D, 0x3009, 0x300B,
		0x300D, 0x300F, 0x3011, 0x3017, 0x3019, 0x301B,
		0x2010, 0x2013, 0x2014, 0xFF5E, 0x301C, 0x2026, 0x22EF, 0x2E3A,
		0x00B7, 0x30FB, 0x2027, 0xFF65, 0xFF0F, 0xFF05, 0x2030, 0x2103, 0x00B0,
		0x2032, 0x2033, 0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE, 0x30FC,
	};

	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* Not at the end of a line. */
static int line_end_prohibited(uint32_t cp)
{
	static const uint32_t set[] = {
		0x201C, 0x2018, 0x301D, 0xFF08, '(', 0x3014, 0xFF3B, '[', 0xFF5B, '{',
		0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3016, 0x3018, 0x301A,
		0xFFE5, 0x00A5, '$', 0xFF04, 0x00A3, 0x20AC,
	};

	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* UAX #14's LB29 (no break between a full stop or comma and a letter, as
 * in qq.com), which libunistring 1.0 does not apply. */
static int infix_letter(uint32_t a, uint32_t b)
{
	return (a == '.' || a == ',' || a == ':' || a == ';') &&
	       ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'));
}

/* Pairs never split: —— ⸺⸺ …… ⋯⋯. */
static int never_split(uint32_t a, uint32_t b)
{
	return a == b && (a == 0x2014 || a == 0x2026 || a == 0x22EF || a == 0x2E3A);
}

/* East Asian Wide, Fullwidth or Halfwidth: the neighbours that let a
 * quotation mark break from them (Unicode 16's LB19a). */
static int east_asian(uint32_t cp)
{
	return (cp >= 0xFF61 && cp <= 0xFFDC) || (cp >= 0xFFE8 && cp <= 0xFFEE) ||
	       (cp >= 0x1100 && width_libc(cp) == 2) || text_is_han(cp);
}

/*
 * What the layout needs to know of a code point, cached for the Basic
 * Multilingual Plane one 256-character page at a time (each lookup would
 * otherwise cost a width_libc() and several table scans).
 */
enum {
	CI_W = 3,          /* width with amb = 1 (0, 1 or 2) */
	CI_AMB = 1 << 2,   /* one cell wider with amb = 2 */
	CI_SIMPLE = 1 << 3,/* a grapheme cluster of its own, never a line end */
	CI_LS = 1 << 4,
	CI_LE = 1 << 5,
	CI_EA = 1 << 6,
	CI_HAN = 1 << 7,
	CI_PLAIN = 1 << 8, /* drawn as itself (width_glyph() returns it) */
};

static unsigned short cinfo_compute(uint32_t cp)
{
	int w1, w2, mark;

	/* The CJK Unified Ideographs block, all of it assigned in Unicode 14
	 * and alike: wide, clusters of their own, drawn as written. Spelt out
	 * because filling its 82 pages the general way costs milliseconds. */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2 | CI_SIMPLE | CI_EA | CI_HAN | CI_PLAIN;
	w1 = width_cp(cp, 1);
	w2 = width_cp(cp, 2);
	int gbp = uc_graphemeclusterbreak_property(cp);
	unsigned short f = (unsigned short)w1;

	if (w2 > w1)
		f |= CI_AMB;
	/* Other and Control never join a cluster; the line-end controls go
	 * the full way, where mandatory breaks are handled. */
	if ((gbp == GBP_OTHER || gbp == GBP_CONTROL) && cp != 0x0B && cp != 0x0C && cp != 0x85 &&
	    cp != 0x2028 && cp != 0x2029)
		f |= CI_SIMPLE;
	if (line_start_prohibited(cp))
		f |= CI_LS;
	if (line_end_prohibited(cp))
		f |= CI_LE;
	if (east_asian(cp))
		f |= CI_EA;
	if (text_is_han(cp))
		f |= CI_HAN;
	if (width_glyph(cp, &mark) == cp && !mark)
		f |= CI_PLAIN;
	return f;
}

static unsigned short cinfo_tab[0x10000];
static unsigned char cinfo_ready[0x100];

/* Forget the table when the locale changed since it was filled: called
 * once per text, not per character. */
static void cinfo_sync(void)
{
	static int gen = -1;

	if (gen != width_generation()) {
		memset(cinfo_ready, 0, sizeof cinfo_ready);
		gen = width_generation();
	}
}

static inline unsigned short cinfo(uint32_t cp)
{
	unsigned short *tab = cinfo_tab;
	unsigned char *ready = cinfo_ready;

	if (cp >= 0x10000)
		return cinfo_compute(cp);
	if (!ready[cp >> 8]) {
		for (uint32_t c = cp & ~0xFFu; c < (cp & ~0xFFu) + 0x100; c++)
			tab[c] = cinfo_compute(c);
		ready[cp >> 8] = 1;
	}
	return tab[cp];
}

static int cjk_neighbour(uint32_t cp)
{
	return text_is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

/* The normalised display form of ASCII punctuation between CJK. */
static uint32_t normalized(uint32_t prev, uint32_t cp, uint32_t next)
{
	static const char from[] = ",:;!?()";
	static const uint32_t to[] = {0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF08, 0xFF09};
	const char *p;

	if (cp >= 0x80 || !cp || !(p = strchr(from, (int)cp)))
		return cp;
	if (cp == '(' ? !cjk_neighbour(prev) && !cjk_neighbour(next)
		      : !(cjk_neighbour(prev) && cjk_neighbour(next)) &&
			!(cp == ')' && cjk_neighbour(prev)))
		return cp;
	return to[p - from];
}

/* The code point before offset i and the one at offset j (0 at the ends). */
static uint32_t cp_before(const char *s, size_t i)
{
	uint32_t cp = 0;

	if (i)
		text_prev(s, i, &cp);
	return cp;
}

static uint32_t cp_at(const char *s, size_t n, size_t j)
{
	uint32_t cp = 0;

	if (j < n)
		text_next(s + j, n - j, &cp);
	return cp;
}

/* The width of one code point as drawn, after normalisation. */
static int cp_width(const char *s, size_t n, size_t off, size_t len, uint32_t cp,
		    const struct layout_opts *o)
{
	unsigned short f;

	if (o->normalize && cp < 0x80)
		cp = normalized(cp_before(s, off), cp, cp_at(s, n, off + len));
	f = cinfo(cp);
	return (f & CI_W) + (o->amb == 2 && (f & CI_AMB));
}

/* A text being laid out: its clusters and their break opportunities. */
struct ctx {
	const char *s;
	size_t n;
	const struct layout_opts *o;
	struct cl *c;
	size_t nc;
	char *lb;           /* libunistring's opportunities, per byte */
	int all_known;      /* every cluster's breaks are computed */
	int plain;          /* every code point is drawn as it is written */
	int max_cluster;    /* wider clusters are split at code points */
};

/* A new cluster from its first and last code points' table entries. */
static inline struct cl *new_cl(struct ctx *x, size_t off, unsigned short ff, unsigned short fl,
				int space, int w)
{
	struct cl *c = &x->c[x->nc++];

	/* Every field is set: the array is not zeroed beforehand. */
	c->off = off;
	c->w = (unsigned char)w;
	c->fl = (unsigned short)(((ff >> 4) & (CL_LS | CL_EA | CL_HAN)) | ((fl >> 4) & CL_LE) |
				 (fl & CI_EA ? CL_EAL : 0) | (space ? CL_SPACE : 0));
	return c;
}

/*
 * Cut the text into clusters with their widths. Text made only of code
 * points that are clusters of their own (all of CJK, ASCII, Latin-1) needs
 * no grapheme segmentation; returns 1 when that fast way was taken.
 */
static int cut_clusters(struct ctx *x)
{
	const char *s = x->s;
	size_t n = x->n, i = 0;
	char *gb;
	int simple = 1;

	x->c = xreallocarray(NULL, n + 1, sizeof *x->c);
	x->nc = 0;
	x->plain = !x->o->normalize;
	while (i < n) {
		uint32_t cp;
		size_t l = text_next(s + i, n - i, &cp);
		unsigned short f = cinfo(cp);

		if (!(f & CI_SIMPLE)) {
			simple = 0;
			break;
		}
		if (!(f & CI_PLAIN))
			x->plain = 0;
		new_cl(x, i, f, f, cp == ' ',
		       x->o->normalize ? cp_width(s, n, i, l, cp, x->o)
				       : (f & CI_W) + (x->o->amb == 2 && (f & CI_AMB)));
		i += l;
	}
	if (simple)
		return 1;
	x->nc = 0;
	x->plain = 0;
	gb = xmalloc(n);
	u8_grapheme_breaks((const uint8_t *)s, n, gb);
	for (i = 0; i < n;) {
		size_t start = i, j = i;
		uint32_t cp, first = 0;
		int w = 0;

		do {
			size_t l = text_next(s + j, n - j, &cp);

			if (j == start)
				first = cp;
			w += cp_width(s, n, j, l, cp, x->o);
			j += l;
		} while (j < n && !gb[j]);
		if (w > x->max_cluster) {
			/* Too wide for a line (an emoji sequence, a stack of
			 * wide marks): its code points become clusters that
			 * only a forced break separates. */
			for (size_t k = start; k < j;) {
				size_t l = text_next(s + k, j - k, &cp);

				struct cl *c = new_cl(x, k, cinfo(cp), cinfo(cp), cp == ' ',
						      cp_width(s, n, k, l, cp, x->o));

				if (k != start)
					c->fl |= CL_SPLIT;
				k += l;
			}
		} else {
			new_cl(x, start, cinfo(first), cinfo(cp), first == ' ' && j - start == 1, w);
		}
		i = j;
	}
	free(gb);
	return 0;
}

/* Tailor the opportunity before cluster k (its raw flag already set from
 * UAX #14) into the allowed break. */
static void tailor_one(struct ctx *x, size_t k)
{
	struct cl *c = x->c, *b = &c[k];
	size_t a, z, nc = x->nc;
	uint32_t first, last;  /* this cluster's first, the previous one's last */

	text_next(x->s + b->off, x->n - b->off, &first);
	text_prev(x->s, b->off, &last);
	b->fl |= CL_KNOWN;
	if (b->fl & CL_SPLIT) {
		b->fl &= (unsigned short)~(CL_RAW | CL_ALLOW);
		return;
	}
	if (x->o->tailor && !(b->fl & (CL_RAW | CL_SPACE))) {
		/* T1: Han and quotation marks may part (Unicode 16). */
		if ((first == 0x201C || first == 0x2018) && k + 1 < nc && (c[k - 1].fl & CL_EAL) &&
		    (c[k + 1].fl & CL_EA))
			b->fl |= CL_RAW;
		if ((last == 0x201D || last == 0x2019) && k >= 2 && (c[k - 2].fl & CL_EAL) &&
		    (b->fl & CL_EA))
			b->fl |= CL_RAW;
	}
	if (b->fl & (CL_RAW | CL_MAND))
		b->fl |= CL_ALLOW;
	else
		b->fl &= (unsigned short)~CL_ALLOW;
	if (!x->o->tailor || (b->fl & CL_MAND) || !(b->fl & CL_ALLOW))
		return;
	/* P1, P2: look past spaces and zero-width characters to the
	 * clusters the break separates. */
	for (z = k; z < nc && ((c[z].fl & CL_SPACE) || !c[z].w); z++)
		;
	for (a = k; a > 0 && ((c[a - 1].fl & CL_SPACE) || !c[a - 1].w); a--)
		;
	if ((z < nc && (c[z].fl & CL_LS)) || (a > 0 && (c[a - 1].fl & CL_LE)) ||
	    never_split(last, first) || infix_letter(last, first))
		b->fl &= (unsigned short)~CL_ALLOW;
}

/* Compute every cluster's breaks from libunistring over the whole text. */
static void breaks_all(struct ctx *x)
{
	int mand_next = 0;

	u8_possible_linebreaks((const uint8_t *)x->s, x->n, "UTF-8", x->lb);
	for (size_t k = 0; k < x->nc; k++) {
		struct cl *c = &x->c[k];
		size_t end = k + 1 < x->nc ? x->c[k + 1].off : x->n;
		int mand = 0;

		c->fl &= (unsigned short)~(CL_RAW | CL_MAND);
		if (k > 0 && (x->lb[c->off] == UC_BREAK_POSSIBLE ||
			      x->lb[c->off] == UC_BREAK_HYPHENATION))
			c->fl |= CL_RAW;
		if (k > 0 && mand_next)
			c->fl |= CL_MAND;
		for (size_t j = c->off; j < end; j++)
			mand |= x->lb[j] == UC_BREAK_MANDATORY;
		mand_next = mand;
	}
	for (size_t k = 1; k < x->nc; k++)
		tailor_one(x, k);
	x->all_known = 1;
}

/*
 * Make sure the breaks before clusters lo..hi are computed. UAX #14 needs
 * no context from before a Han ideograph (it ends every chain of rules:
 * numbers, quotes, spaces), so libunistring runs only on a window from a
 * Han character a little before lo to a few clusters after hi: a greedy
 * fitter asks about the end of each line only, and the text in between
 * is never analysed. Without a Han character near, it runs over all.
 */
static void ensure_breaks(struct ctx *x, size_t lo, size_t hi)
{
	size_t w0, e;

	if (x->all_known)
		return;
	while (lo <= hi && (x->c[lo].fl & CL_KNOWN))
		lo++;
	if (lo > hi)
		return;
	w0 = lo > 3 ? lo - 3 : 0;
	while (w0 > 0 && !(x->c[w0].fl & CL_HAN) && lo - w0 < 64)
		w0--;
	if (w0 > 0 && !(x->c[w0].fl & CL_HAN)) {
		breaks_all(x);
		return;
	}
	for (e = hi + 1; e < x->nc && (x->c[e].fl & CL_SPACE); e++)
		;
	e = e + 4 < x->nc ? e + 4 : x->nc;
	{
		size_t from = x->c[w0].off, to = e < x->nc ? x->c[e].off : x->n;

		u8_possible_linebreaks((const uint8_t *)x->s + from, to - from, "UTF-8",
				       x->lb + from);
	}
	for (size_t k = w0 + 1; k <= hi; k++) {
		if (x->c[k].fl & CL_KNOWN)
			continue;
		if (x->lb[x->c[k].off] == UC_BREAK_POSSIBLE ||
		    x->lb[x->c[k].off] == UC_BREAK_HYPHENATION)
			x->c[k].fl |= CL_RAW;
		else
			x->c[k].fl &= (unsigned short)~CL_RAW;
	}
	for (size_t k = lo; k <= hi; k++)
		if (!(x->c[k].fl & CL_KNOWN))
			tailor_one(x, k);
}

static void ctx_init(struct ctx *x, const char *s, size_t n, const struct layout_opts *o,
		     int max_cluster)
{
	cinfo_sync();
	memset(x, 0, sizeof *x);
	x->s = s;
	x->n = n;
	x->o = o;
	x->lb = xmalloc(n + 1);
	x->max_cluster = max_cluster;
	/* Text with line-end controls or multi-code-point clusters takes the
	 * general way: mandatory breaks and cluster rules apply throughout. */
	if (!cut_clusters(x))
		breaks_all(x);
}

static void ctx_free(struct ctx *x)
{
	free(x->c);
	free(x->lb);
}

void layout_breaks(const char *s, size_t n, const struct layout_opts *o, char *allow)
{
	struct ctx x;

	ctx_init(&x, s, n, o, o->width < 2 ? 2 : o->width);
	if (!x.all_known)
		breaks_all(&x);
	memset(allow, 0, n);
	for (size_t k = 1; k < x.nc; k++)
		allow[x.c[k].off] = (x.c[k].fl & CL_ALLOW) != 0;
	ctx_free(&x);
}

static void push_line(struct llines *out, size_t start, size_t end, size_t next, int width,
		      int forced, int plain)
{
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = (struct lline){start, end, next, 0, width, (unsigned)forced,
					  (unsigned)plain};
}

size_t layout_text(const char *s, size_t n, const struct layout_opts *o, int first_indent,
		   enum layout_align align, struct llines *out)
{
	struct ctx x;
	size_t i = 0, before = out->n;
	int W = o->width < 2 ? 2 : o->width;

	if (first_indent > 0 && W < first_indent + 4)
		first_indent = 0;  /* too narrow for an indent and two characters */
	if (first_indent < 0)
		first_indent = 0;
	ctx_init(&x, s, n, o, W);
	if (x.nc && x.c[0].w > W - first_indent)
		first_indent = 0;  /* a first cluster too wide to follow the indent */
	while (i < x.nc) {
		struct cl *c = x.c;
		int avail = W - (out->n == before ? first_indent : 0);
		int col = 0, pending = 0, forced = 0;
		size_t k, stop, e;

		/* The first cluster that does not fit (spaces count only once
		 * something follows them), or a mandatory break. */
		for (k = i; k < x.nc; k++) {
			if (k > i && (c[k].fl & CL_MAND))
				break;
			if (c[k].fl & CL_SPACE) {
				pending += c[k].w;
				continue;
			}
			if (k > i && col + pending + c[k].w > avail)
				break;
			col += pending + c[k].w;
			pending = 0;
		}
		if (k >= x.nc || (c[k].fl & CL_MAND)) {
			stop = k;
		} else {
			/* Push out what follows the last allowed break; else
			 * force one: the last plain opportunity, or here. The
			 * breaks are computed backwards from k, a few at a time,
			 * as far as the search needs them. */
			size_t lo = k;

			for (stop = k; stop > i; stop--) {
				if (stop < lo || stop == k) {
					lo = stop > i + 4 ? stop - 4 : i + 1;
					ensure_breaks(&x, lo, stop);
				}
				if (c[stop].fl & CL_ALLOW)
					break;
			}
			if (stop == i) {
				forced = 1;  /* no legal break: cut after the last that fits */
				stop = k;
			}
		}
		/* Spaces before the break are not drawn. */
		for (e = stop; e > i && (c[e - 1].fl & CL_SPACE); e--)
			;
		col = 0;
		for (size_t j = i; j < e; j++)
			col += c[j].w;
		push_line(out, c[i].off, e < x.nc ? c[e].off : n, stop < x.nc ? c[stop].off : n, col,
			  forced, x.plain);
		i = stop;
	}
	ctx_free(&x);
	for (size_t l = before; l < out->n; l++) {
		struct lline *ln = &out->v[l];

		if (align == ALIGN_CENTER)
			ln->indent = (W - ln->width) / 2;
		else if (align == ALIGN_RIGHT)
			ln->indent = W - ln->width;
		else
			ln->indent = l == before ? first_indent : 0;
	}
	return out->n - before;
}

/* Append the UTF-8 form of g; returns its length. */
static size_t put_utf8(struct sbuf *out, uint32_t g)
{
	char u[4];
	size_t ul = text_put(g, u);

	sbuf_add(out, u, ul);
	return ul;
}

void layout_render(const char *s, size_t n, size_t start, size_t end, int plain,
		   const struct layout_opts *o, struct sbuf *out, struct marks *marks)
{
	size_t run = start;  /* start of the pending run drawn as written */

	cinfo_sync();
	if (end > n)
		end = n;
	if (plain) {
		sbuf_add(out, s + start, end - start);
		return;
	}
	for (size_t i = start; i < end;) {
		uint32_t cp, g, orig;
		size_t l = text_next(s + i, n - i, &cp);
		int mark;

		orig = cp;
		if (o->normalize && cp < 0x80)
			cp = normalized(cp_before(s, i), cp, cp_at(s, n, i + l));
		if (cp == orig && (cinfo(cp) & CI_PLAIN)) {
			i += l;
			continue;
		}
		sbuf_add(out, s + run, i - run);
		i += l;
		run = i;
		g = width_glyph(cp, &mark);
		if (!g)
			continue;
		if (mark && marks) {
			XGROW(marks->v, marks->cap, marks->n + 1);
			marks->v[marks->n].start = out->len;
			marks->v[marks->n++].end = out->len + put_utf8(out, g);
		} else {
			put_utf8(out, g);
		}
	}
	sbuf_add(out, s + run, end - run);
}

size_t layout_fit(const char *s, size_t n, int width, const struct layout_opts *o, int *used)
{
	size_t i = 0;
	int col = 0;

	cinfo_sync();
	while (i < n) {
		uint32_t cp;
		size_t l = text_next(s + i, n - i, &cp);
		int w = cp_width(s, n, i, l, cp, o);

		if (col + w > width)
			break;
		col += w;
		i += l;
	}
	if (used)
		*used = col;
	return i;
}

void llines_free(struct llines *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}
