/*
 * test_layout: the guarantees of the layout (src/typeset/layout.h), checked as
 * properties rather than as expected output.
 *
 * On the seed edition and its re-encoded (GB18030, UTF-16LE, BOM + CRLF)
 * and re-indented variants, for every width from 2 to 300:
 *   - every line fits (indent + width <= W), and its width is what
 *     layout_render() draws, measured with width_cp();
 *   - the lines tile the text, break only at grapheme-cluster boundaries,
 *     hold valid UTF-8 and leave only spaces undrawn, so that the source's
 *     non-whitespace characters come out exactly, in order (also through
 *     dump_edition() and through doclines_front() / doclines_article());
 *   - no line starts with a line-start-prohibited mark or ends with a
 *     line-end-prohibited one, and —— and …… stay whole, unless the line
 *     is forced; a forced line has no legal break within its width and
 *     breaks at the last cluster that fits;
 *   - headlines are centred and bylines right-aligned.
 * At 80 columns the seed has no forced line and its paragraphs are full
 * (mean fill of the non-final lines >= 97 %, none under 90 %). Laying out
 * the joined lines at another width gives the direct layout at that width.
 * Random strings over a hostile alphabet (Han, CJK and ASCII punctuation,
 * combining marks, an emoji ZWJ sequence, ESC, DEL, NUL, ZWSP) get the same checks
 * at widths 2 to 60 with ambiguous width 1 and 2, plus: layout_breaks()
 * obeys the rules itself, and the line count does not grow with the width.
 */
#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>

#include "decode.h"
#include "edition.h"
#include "gazetteer.h"
#include "locality.h"
#include "doclines.h"
#include "dump.h"
#include "layout.h"
#include "util.h"
#include "text.h"
#include "width.h"

/* The widths of the seed checks; the random strings use 2 to RANDOM_WMAX. */
#define SEED_WMIN 2
#define SEED_WMAX 300
#define RANDOM_WMAX 60
#define RANDOM_STRINGS 500
/* The grid of the re-layout check: W1 and W2 in 2 to RELAYOUT_WMAX; W2
 * every RELAYOUT_SAME_STEP where the joined text is the source itself. */
#define RELAYOUT_WMAX 120
#define RELAYOUT_SAME_STEP 4

#define EM_DASH 0x2014
#define ELLIPSIS 0x2026

/* ------------------------------------------------------------------ */
/* Characters */

/* Line-start-prohibited marks, as the issue lists them. */
static int start_prohibited(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: /* 。，、；： */
	case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300B: case 0x300D: /* ？！）》」 */
	case 0x300F: case 0x201D: case 0x2019: case ELLIPSIS:            /* 』”’… */
	case ',': case '.': case ':': case ';': case '?': case '!': case ')': case ']':
		return 1;
	}
	return 0;
}

/* Line-end-prohibited marks: “‘（《「『【. */
static int end_prohibited(uint32_t c)
{
	switch (c) {
	case 0x201C: case 0x2018: case 0xFF08: case 0x300A: case 0x300C: case 0x300E:
	case 0x3010:
		return 1;
	}
	return 0;
}

/* Whitespace as the issue defines it for comparing texts. */
static int is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000;
}

/* The code point at byte i of s (n bytes). */
static uint32_t cp_at(const char *s, size_t n, size_t i, int *len)
{
	ucs4_t c;
	int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);

	if (len)
		*len = k;
	return c;
}

/* The code point that ends just before byte i (i > 0). */
static uint32_t cp_before(const char *s, size_t i)
{
	ucs4_t c = 0;

	u8_prev(&c, (const uint8_t *)s + i, (const uint8_t *)s);
	return c;
}

/* Append the non-whitespace characters of s[0..n) to b. */
static void add_nonws(struct sbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int k;
		uint32_t c = cp_at(s, n, i, &k);

		if (!is_ws(c))
			sbuf_add(b, s + i, (size_t)k);
		i += (size_t)k;
	}
}

/* A readable form of a test input: controls and invisible characters as
 * \uXXXX, cut after max bytes. The result is a static buffer. */
static const char *show(const char *s, size_t n, size_t max)
{
	static char buf[4096];
	size_t o = 0;

	for (size_t i = 0; i < n && i < max && o + 16 < sizeof buf;) {
		int k;
		uint32_t c = cp_at(s, n, i, &k);

		if (c < 0x20 || c == 0x7F || c == 0x200B || c == 0x200D || c == 0x0301)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "\\u%04X", (unsigned)c);
		else {
			memcpy(buf + o, s + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	if (n > max && o + 4 < sizeof buf) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* ------------------------------------------------------------------ */
/* A text under test, with what the checks precompute once */

struct subject {
	const char *s;
	size_t n;
	char what[96];          /* where it comes from, for messages */
	int from_seed;          /* no controls: rendering gives the text itself */
	char *gb;               /* gb[i]: a grapheme cluster starts at i (gb[n] = 1) */
	/* The first code point of the last visible cluster ending at or before
	 * i, and where that cluster starts (SIZE_MAX for none); likewise the
	 * first visible cluster starting at or after i. Spaces and clusters
	 * drawn as nothing (ZWSP) are not visible: a line ending in "“ " or
	 * "“<ZWSP>" still shows “ as its last mark. */
	uint32_t *lastvis, *firstvis;
	size_t *lastvis_at, *firstvis_at;
};

/* Is the cluster [a, b) of s visible: not an ASCII space, and not only
 * characters the screen draws as nothing? */
static int cluster_visible(const char *s, size_t a, size_t b)
{
	int mark;

	if (b == a + 1 && s[a] == ' ')
		return 0;
	for (size_t i = a; i < b;) {
		int k;
		uint32_t c = cp_at(s, b, i, &k);

		if (width_glyph(c, &mark) != 0)
			return 1;
		i += (size_t)k;
	}
	return 0;
}

static void subject_init(struct subject *t, const char *s, size_t n, const char *what,
			 int from_seed)
{
	size_t i, prev;

	t->s = s;
	t->n = n;
	snprintf(t->what, sizeof t->what, "%s", what);
	t->from_seed = from_seed;
	t->gb = xcalloc(n + 1, 1);
	if (n)
		u8_grapheme_breaks((const uint8_t *)s, n, t->gb);
	t->gb[n] = 1;
	t->lastvis = xcalloc(n + 1, sizeof *t->lastvis);
	t->firstvis = xcalloc(n + 1, sizeof *t->firstvis);
	t->lastvis_at = xcalloc(n + 1, sizeof *t->lastvis_at);
	t->firstvis_at = xcalloc(n + 1, sizeof *t->firstvis_at);
	/* Forward: the last visible cluster so far, recorded at every byte. */
	{
		uint32_t last = 0;
		size_t last_at = SIZE_MAX;

		for (prev = 0, i = 0; i <= n; i++) {
			if (i > 0 && t->gb[i]) {
				if (cluster_visible(s, prev, i)) {
					last = cp_at(s, n, prev, NULL);
					last_at = prev;
				}
				prev = i;
			}
			t->lastvis[i] = last;
			t->lastvis_at[i] = last_at;
		}
	}
	/* Backward: the first visible cluster from each byte on. */
	{
		uint32_t first = 0;
		size_t first_at = SIZE_MAX, end = n;

		t->firstvis[n] = 0;
		t->firstvis_at[n] = SIZE_MAX;
		for (i = n; i-- > 0;) {
			if (t->gb[i]) {
				if (cluster_visible(s, i, end)) {
					first = cp_at(s, n, i, NULL);
					first_at = i;
				}
				end = i;
			}
			t->firstvis[i] = first;
			t->firstvis_at[i] = first_at;
		}
	}
}

static void subject_free(struct subject *t)
{
	free(t->gb);
	free(t->lastvis);
	free(t->firstvis);
	free(t->lastvis_at);
	free(t->firstvis_at);
}

/* ------------------------------------------------------------------ */
/* Checking one layout */

/* Where a failure happened, for its message. */
struct where {
	const struct subject *t;
	const struct layout_opts *o;
	enum layout_align align;
	int first_indent;
};

static const char *const align_names[] = {"left", "centre", "right"};

/* Fail the test naming the input, the options and the line. */
static void bad(const struct where *w, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bad(const struct where *w, size_t line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fail_msg("%s: W=%d amb=%d %s first_indent=%d line %zu: %s\n  text (%zu bytes): \"%s\"",
		 w->t->what, w->o->width, w->o->amb, align_names[w->align], w->first_indent, line, msg,
		 w->t->n, show(w->t->s, w->t->n, 600));
}

/* Cells that layout_render() draws for bytes [a, b) of s (n bytes), by
 * width_cp(); checks that the rendering is valid UTF-8. The rendering is
 * asked for without the plain shortcut, so that the measure does not
 * depend on the flag it checks. rendered may be NULL. */
static int measure(const char *s, size_t n, size_t a, size_t b, const struct layout_opts *o,
		   struct sbuf *rendered)
{
	struct sbuf tmp = {0}, *r = rendered ? rendered : &tmp;
	int w = 0;

	r->len = 0;
	layout_render(s, n, a, b, 0, o, r, NULL);
	if (r->len && u8_check((const uint8_t *)r->s, r->len) != NULL)
		fail_msg("layout_render of \"%s\" is not valid UTF-8", show(s + a, b - a, 200));
	for (size_t i = 0; i < r->len;) {
		int k;
		uint32_t c = cp_at(r->s, r->len, i, &k);

		w += width_cp(c, o->amb);
		i += (size_t)k;
	}
	sbuf_free(&tmp);
	return w;
}

/* The first-line indent the header promises for a left-aligned text: the
 * requested one, or 0 when the width cannot hold it and two wide
 * characters. */
/* The first line's indent, as layout.h promises: none when the width
 * cannot hold the indent and two wide characters, or when the text's first
 * grapheme cluster (of width first_w) does not fit after it. */
static int expected_first_indent(int first_indent, int width, int first_w)
{
	if (width < first_indent + 4 || first_w > width - first_indent)
		return 0;
	return first_indent;
}

/* The forced line L (from start) must have no legal break within its width
 * and must end at the last cluster that fits. */
static void check_forced(const struct where *w, const char *allow, size_t k,
			 const struct lline *L)
{
	const struct subject *t = w->t;
	int room = w->o->width - L->indent, upto = 0, nonspace = 0;
	size_t p = L->start;

	/* Walk the clusters; upto is the width of [start, p), nonspace that
	 * width less trailing ASCII spaces (which a soft break leaves
	 * undrawn). */
	while (p < t->n) {
		size_t q = p + 1;

		while (!t->gb[q])
			q++;
		upto += measure(t->s, t->n, p, q, w->o, NULL);
		if (!(q == p + 1 && t->s[p] == ' '))
			nonspace = upto;
		if (nonspace > room)
			break;
		p = q;
		if (p == t->n || allow[p])
			bad(w, k, "forced line [%zu,%zu) but the legal break at %zu fits "
				  "(%d + %d <= %d)",
			    L->start, L->end, p, L->indent, nonspace, w->o->width);
	}
	/* The last cluster that fits: the one after it does not. */
	if (L->next < t->n) {
		size_t q = L->next + 1;

		while (!t->gb[q])
			q++;
		if (L->end == L->next &&
		    L->indent + L->width + measure(t->s, t->n, L->next, q, w->o, NULL) <= w->o->width)
			bad(w, k, "forced line [%zu,%zu) stops before a cluster that fits",
			    L->start, L->end);
	}
}

/*
 * Line k ends inside a grapheme cluster. The header promises both that
 * lines break only at cluster boundaries and that every line fits; a
 * cluster wider than the line (an emoji ZWJ sequence is 6 cells by
 * wcwidth()) cannot have both, and fitting wins. So the cut is allowed only
 * there: on a forced line, inside a cluster wider than the line's room.
 */
static void check_cut(const struct where *w, size_t k, const struct lline *L)
{
	const struct subject *t = w->t;
	size_t cut = t->gb[L->end] ? L->next : L->end, a = cut, b = cut;

	while (!t->gb[a])
		a--;
	while (!t->gb[b])
		b++;
	if (!L->forced || measure(t->s, t->n, a, b, w->o, NULL) <= w->o->width - L->indent)
		bad(w, k, "[%zu,%zu,%zu) cuts the grapheme cluster [%zu,%zu)", L->start, L->end,
		    L->next, a, b);
}

/*
 * Check every promise of layout.h about the lines v[0..nl) of t laid out
 * with o, first_indent and align; allow is layout_breaks() of t with o.
 * Returns the number of forced lines.
 */
static size_t check_layout(const struct subject *t, const struct layout_opts *o, int first_indent,
			   enum layout_align align, const struct lline *v, size_t nl,
			   const char *allow)
{
	struct where w = {t, o, align, first_indent};
	struct sbuf r = {0}, got = {0}, want = {0};
	size_t forced = 0;
	int W = o->width;

	if (t->n == 0) {
		if (nl != 0)
			bad(&w, 0, "%zu lines for an empty text", nl);
		return 0;
	}
	if (nl == 0)
		bad(&w, 0, "no lines for a non-empty text");
	for (size_t k = 0; k < nl; k++) {
		const struct lline *L = &v[k];

		/* Tiling: contiguous from 0 to n, each line making progress. */
		if (L->start != (k ? v[k - 1].next : 0))
			bad(&w, k, "starts at %zu, previous line's next is %zu", L->start,
			    k ? v[k - 1].next : 0);
		if (!(L->start <= L->end && L->end <= L->next && L->next <= t->n && L->start < L->next))
			bad(&w, k, "bad range start %zu end %zu next %zu (n %zu)", L->start, L->end,
			    L->next, t->n);
		if (k + 1 == nl && L->next != t->n)
			bad(&w, k, "last line ends at %zu, text has %zu bytes", L->next, t->n);
		/* Fit. */
		if (L->indent < 0 || L->width < 0 || L->indent + L->width > W)
			bad(&w, k, "indent %d + width %d > %d", L->indent, L->width, W);
		/* Valid UTF-8, cut at grapheme-cluster boundaries only. */
		if (u8_check((const uint8_t *)t->s + L->start, L->next - L->start) != NULL)
			bad(&w, k, "byte range [%zu,%zu) is not valid UTF-8", L->start, L->next);
		if (!t->gb[L->end] || !t->gb[L->next])
			check_cut(&w, k, L);
		/* Only spaces are left undrawn. */
		for (size_t i = L->end; i < L->next;) {
			int n;
			uint32_t c = cp_at(t->s, t->n, i, &n);

			if (c != ' ' && c != '\t' && c != 0x3000)
				bad(&w, k, "leaves U+%04X undrawn at %zu", (unsigned)c, i);
			i += (size_t)n;
		}
		/* The width is what the screen draws; a plain line draws its
		 * bytes as they are, and so does every line of the seed. */
		{
			int m = measure(t->s, t->n, L->start, L->end, o, &r);
			int same = r.len == L->end - L->start &&
				   (r.len == 0 || memcmp(r.s, t->s + L->start, r.len) == 0);

			if (m != L->width)
				bad(&w, k, "width %d but \"%s\" draws %d cells", L->width,
				    show(t->s + L->start, L->end - L->start, 300), m);
			if (L->plain && !same)
				bad(&w, k, "marked plain but its rendering differs from its bytes");
			if (t->from_seed && !same)
				bad(&w, k, "rendering differs from the source text");
		}
		/* Alignment. */
		switch (align) {
		case ALIGN_LEFT:
			size_t q0 = 1;

			while (q0 < t->n && !t->gb[q0])
				q0++;
			if (L->indent != (k ? 0 : expected_first_indent(first_indent, W,
					measure(t->s, t->n, 0, q0 < t->n ? q0 : t->n, o, &r))))
				bad(&w, k, "left-aligned line has indent %d", L->indent);
			break;
		case ALIGN_CENTER:
			if (abs(L->indent - (W - L->width) / 2) > 1)
				bad(&w, k, "centred line of width %d has indent %d", L->width, L->indent);
			break;
		case ALIGN_RIGHT:
			if (L->indent + L->width != W)
				bad(&w, k, "right-aligned line: indent %d + width %d != %d", L->indent,
				    L->width, W);
			break;
		}
		if (k + 1 == nl) {
			if (L->forced)
				bad(&w, k, "the last line is marked forced");
			break;
		}
		/* The break after this line. */
		if (L->forced) {
			forced++;
			check_forced(&w, allow, k, L);
			continue;
		}
		if (!allow[L->next])
			bad(&w, k, "soft break at %zu, which layout_breaks() does not allow", L->next);
		if (t->s[L->next] == ' ')
			bad(&w, k + 1, "line starts with a space after a soft break");
		if (t->firstvis_at[L->next] < v[k + 1].end && start_prohibited(t->firstvis[L->next]))
			bad(&w, k + 1, "line starts with U+%04X", (unsigned)t->firstvis[L->next]);
		if (t->lastvis_at[L->end] != SIZE_MAX && t->lastvis_at[L->end] >= L->start &&
		    end_prohibited(t->lastvis[L->end]))
			bad(&w, k, "line ends with U+%04X", (unsigned)t->lastvis[L->end]);
		{
			uint32_t a = cp_before(t->s, L->next), b = cp_at(t->s, t->n, L->next, NULL);

			if (a == b && (a == EM_DASH || a == ELLIPSIS))
				bad(&w, k, "splits %s", a == EM_DASH ? "——" : "……");
		}
	}
	/* Nothing but whitespace is lost or added: the drawn parts, joined,
	 * have the source's non-whitespace characters. */
	for (size_t k = 0; k < nl; k++)
		add_nonws(&got, t->s + v[k].start, v[k].end - v[k].start);
	add_nonws(&want, t->s, t->n);
	if (got.len != want.len || (got.len && memcmp(got.s, want.s, got.len) != 0))
		bad(&w, 0, "drawn non-whitespace characters differ from the source's");
	sbuf_free(&r);
	sbuf_free(&got);
	sbuf_free(&want);
	return forced;
}

/* Check layout_breaks() itself: a line may start only at a cluster
 * boundary, never at 0, before a space or a start-prohibited mark, after an
 * end-prohibited one, or inside —— and ……. */
static void check_breaks(const struct subject *t, const struct layout_opts *o, const char *allow)
{
	struct where w = {t, o, ALIGN_LEFT, 0};

	if (t->n && allow[0])
		bad(&w, 0, "layout_breaks allows a break at 0");
	for (size_t i = 1; i < t->n; i++) {
		uint32_t a, b;

		if (!allow[i])
			continue;
		if (!t->gb[i])
			bad(&w, 0, "layout_breaks allows a break at %zu, inside a cluster", i);
		if (t->s[i] == ' ')
			bad(&w, 0, "layout_breaks allows a break at %zu, before a space", i);
		if (start_prohibited(t->firstvis[i]))
			bad(&w, 0, "layout_breaks allows a break at %zu, before U+%04X", i,
			    (unsigned)t->firstvis[i]);
		if (end_prohibited(t->lastvis[i]))
			bad(&w, 0, "layout_breaks allows a break at %zu, after U+%04X", i,
			    (unsigned)t->lastvis[i]);
		a = cp_before(t->s, i);
		b = cp_at(t->s, t->n, i, NULL);
		if (a == b && (a == EM_DASH || a == ELLIPSIS))
			bad(&w, 0, "layout_breaks allows a break at %zu, inside %s", i,
			    a == EM_DASH ? "——" : "……");
	}
}

/* Lay out t and check it; returns the number of lines (the lines are left
 * in *ll, which is emptied first) and adds the forced ones to *forced. */
static size_t lay_and_check(const struct subject *t, const struct layout_opts *o,
			    int first_indent, enum layout_align align, struct llines *ll,
			    size_t *forced)
{
	char *allow = xmalloc(t->n + 1);
	size_t nl;

	ll->n = 0;
	nl = layout_text(t->s, t->n, o, first_indent, align, ll);
	if (nl != ll->n)
		fail_msg("%s: layout_text returned %zu but added %zu lines", t->what, nl, ll->n);
	memset(allow, 0, t->n + 1);
	layout_breaks(t->s, t->n, o, allow);
	check_breaks(t, o, allow);
	*forced += check_layout(t, o, first_indent, align, ll->v, ll->n, allow);
	free(allow);
	return nl;
}

/* ------------------------------------------------------------------ */
/* The seed and its variants */

enum { V_UTF8, V_GB18030, V_UTF16LE, V_BOM_CRLF, V_INDENTED, NVARIANTS };

static const char *const variant_names[NVARIANTS] = {
	"seed", "seed as GB18030", "seed as UTF-16LE", "seed with BOM and CRLF",
	"seed re-indented",
};

/* A text of an edition and how the reader lays it out. */
struct subject_piece {
	struct subject t;
	enum layout_align align;
	int para;               /* a paragraph: first-line indent o.indent */
};

struct variant {
	struct edition ed;
	struct subject_piece *pieces;
	size_t npieces;
};

static struct gazetteer *gaz;
static struct variant variants[NVARIANTS];
/* The seed file's non-whitespace characters, the reference for every
 * variant (they differ only in encoding and whitespace). */
static struct sbuf seed_chars;

static char *variant_bytes(int v, size_t *outlen)
{
	size_t len;
	char *data = slurp(seed_path(), &len), *out;
	struct sbuf b = {0};

	switch (v) {
	case V_GB18030:
		out = convert("GB18030", "UTF-8", data, len, outlen);
		free(data);
		return out;
	case V_UTF16LE: {
		size_t ulen;
		char *u = convert("UTF-16LE", "UTF-8", data, len, &ulen);

		sbuf_add(&b, "\xFF\xFE", 2);
		sbuf_add(&b, u, ulen);
		free(u);
		break;
	}
	case V_BOM_CRLF:
		sbuf_add(&b, "\xEF\xBB\xBF", 3);
		for (size_t i = 0; i < len; i++) {
			if (data[i] == '\n')
				sbuf_addc(&b, '\r');
			sbuf_addc(&b, data[i]);
		}
		break;
	case V_INDENTED:
		free(data);
		return seed_indented(outlen, 0);
	default:
		*outlen = len;
		return data;
	}
	free(data);
	*outlen = b.len;
	return sbuf_take(&b);
}

static void add_piece(struct variant *var, int v, struct str text, enum layout_align align,
		      int para, const char *kind, size_t line)
{
	struct subject_piece *p;
	char what[96];

	var->pieces = xreallocarray(var->pieces, var->npieces + 1, sizeof *var->pieces);
	p = &var->pieces[var->npieces++];
	p->align = align;
	p->para = para;
	snprintf(what, sizeof what, "%s, %s at line %zu", variant_names[v], kind, line);
	subject_init(&p->t, text.s, text.n, what, 1);
}

/* Parse variant v and collect its texts: front-matter lines, kickers
 * (left, no indent), headlines (centred), paragraphs (indented) and bylines
 * (right-aligned), as doclines_article() draws them. Returns -1 when the
 * variant does not decode. */
static int load_variant(int v)
{
	struct variant *var = &variants[v];
	struct decoded d;
	const char *why = NULL;
	size_t len;
	char *data = variant_bytes(v, &len);

	if (decode_bytes((const unsigned char *)data, len, 0, &d, &why) < 0) {
		fprintf(stderr, "%s: decode failed: %s\n", variant_names[v], why);
		free(data);
		return -1;
	}
	free(data);
	edition_parse(&var->ed, variant_names[v], &d);
	locality_resolve(&var->ed, gaz);
	for (size_t i = 0; i < var->ed.nfront; i++)
		add_piece(var, v, var->ed.front[i], ALIGN_LEFT, 0, "front-matter line", i + 1);
	for (size_t a = 0; a < var->ed.narticles; a++) {
		const struct article *art = &var->ed.articles[a];

		for (size_t i = 0; i < art->nitems; i++) {
			const struct item *it = &art->items[i];

			switch (it->kind) {
			case ITEM_KICKER:
				add_piece(var, v, it->text, ALIGN_LEFT, 0, "kicker", it->line);
				break;
			case ITEM_HEADLINE:
				add_piece(var, v, it->text, ALIGN_CENTER, 0, "headline", it->line);
				break;
			case ITEM_SUBTITLE:
				add_piece(var, v, it->text, ALIGN_CENTER, 0, "subtitle", it->line);
				break;
			case ITEM_PARA:
				/* A subhead is set unindented, as a heading. */
				add_piece(var, v, art->paras[it->para].text, ALIGN_LEFT,
					  art->paras[it->para].kind != PARA_SUBHEAD, "paragraph", it->line);
				break;
			case ITEM_BYLINE:
				add_piece(var, v, it->text, ALIGN_RIGHT, 0, "byline", it->line);
				break;
			}
		}
	}
	return 0;
}

static int setup(void **state)
{
	struct error err;
	size_t len;
	char *data;

	(void)state;
	if (width_init() < 0) {
		fprintf(stderr, "no UTF-8 locale\n");
		return -1;
	}
	gaz = gazetteer_load("data/gazetteer.tsv", &err);
	if (!gaz) {
		error_print(&err, stderr);
		return -1;
	}
	for (int v = 0; v < NVARIANTS; v++)
		if (load_variant(v) < 0)
			return -1;
	data = slurp(seed_path(), &len);
	add_nonws(&seed_chars, data, len);
	free(data);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int v = 0; v < NVARIANTS; v++) {
		for (size_t i = 0; i < variants[v].npieces; i++)
			subject_free(&variants[v].pieces[i].t);
		free(variants[v].pieces);
		edition_free(&variants[v].ed);
	}
	sbuf_free(&seed_chars);
	gazetteer_free(gaz);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The seed: every text at every width */

/* Every text of every variant at every width from 2 to 300 keeps every
 * promise of check_layout(); at 80 columns nothing is forced. */
static void test_seed_texts(void **state)
{
	struct llines ll = {0};
	size_t forced_total = 0;

	(void)state;
	for (int v = 0; v < NVARIANTS; v++) {
		const struct variant *var = &variants[v];

		assert_true(var->npieces > 50);
		for (int W = SEED_WMIN; W <= SEED_WMAX; W++) {
			struct layout_opts o = layout_defaults(W);
			size_t forced = 0;

			assert_int_equal(o.width, W);
			assert_int_equal(o.indent, 4);
			assert_int_equal(o.amb, 1);
			for (size_t i = 0; i < var->npieces; i++) {
				const struct subject_piece *p = &var->pieces[i];

				lay_and_check(&p->t, &o, p->para ? o.indent : 0, p->align, &ll, &forced);
			}
			if (W == 80 && forced)
				fail_msg("%s: %zu forced lines at 80 columns", variant_names[v], forced);
			forced_total += forced;
		}
	}
	print_message("seed texts: %zu forced lines over widths %d-%d and %d variants\n",
		      forced_total, SEED_WMIN, SEED_WMAX, NVARIANTS);
	llines_free(&ll);
}

/* Ambiguous width 2 on the seed (its “ ” … — become wide): the same
 * promises, at every width. */
static void test_seed_texts_amb2(void **state)
{
	const struct variant *var = &variants[V_UTF8];
	struct llines ll = {0};
	size_t forced = 0;

	(void)state;
	for (int W = SEED_WMIN; W <= SEED_WMAX; W++) {
		struct layout_opts o = layout_defaults(W);

		o.amb = 2;
		for (size_t i = 0; i < var->npieces; i++) {
			const struct subject_piece *p = &var->pieces[i];

			lay_and_check(&p->t, &o, p->para ? o.indent : 0, p->align, &ll, &forced);
		}
	}
	llines_free(&ll);
}

/* Width of a line of the dump in cells (ASCII spaces count 1). */
static int dump_line_width(const char *s, size_t n, int amb)
{
	int w = 0;

	for (size_t i = 0; i < n;) {
		int k;

		w += width_cp(cp_at(s, n, i, &k), amb);
		i += (size_t)k;
	}
	return w;
}

/* dump_edition() of every variant at every width: valid UTF-8, no line
 * wider than the width, and exactly the source file's non-whitespace
 * characters, in order (kicker colons, bylines and front matter included). */
static void test_seed_dump(void **state)
{
	(void)state;
	for (int v = 0; v < NVARIANTS; v++)
		for (int W = SEED_WMIN; W <= SEED_WMAX; W++) {
			struct layout_opts o = layout_defaults(W);
			struct sbuf got = {0};
			char *buf = NULL;
			size_t len = 0, line = 1;
			FILE *f = open_memstream(&buf, &len);

			assert_non_null(f);
			dump_edition(&variants[v].ed, &o, f);
			assert_int_equal(fclose(f), 0);
			if (len && u8_check((const uint8_t *)buf, len) != NULL)
				fail_msg("%s: dump at W=%d is not valid UTF-8", variant_names[v], W);
			for (size_t i = 0; i < len; line++) {
				size_t e = i;
				int cells;

				while (e < len && buf[e] != '\n')
					e++;
				cells = dump_line_width(buf + i, e - i, o.amb);
				if (cells > W)
					fail_msg("%s: dump at W=%d, line %zu is %d cells: \"%s\"",
						 variant_names[v], W, line, cells, show(buf + i, e - i, 600));
				i = e + 1;
			}
			add_nonws(&got, buf, len);
			if (got.len != seed_chars.len || memcmp(got.s, seed_chars.s, got.len) != 0) {
				size_t i = 0;

				while (i < got.len && i < seed_chars.len && got.s[i] == seed_chars.s[i])
					i++;
				fail_msg("%s: dump at W=%d: non-whitespace characters differ from the "
					 "source's at byte %zu (dump has %zu, source %zu): dump \"%s\"",
					 variant_names[v], W, i, got.len, seed_chars.len,
					 show(got.s + i, got.len - i, 60));
			}
			sbuf_free(&got);
			free(buf);
		}
}

/* doclines_front() and doclines_article() on the seed at every width: every
 * display line fits, headlines are centred, bylines right-aligned,
 * paragraphs' first lines indented and the rest not, and the drawn parts
 * hold exactly the source's non-whitespace characters. */
static void test_seed_articles(void **state)
{
	const struct edition *ed = &variants[V_UTF8].ed;

	(void)state;
	for (int W = SEED_WMIN; W <= SEED_WMAX; W++) {
		struct layout_opts o = layout_defaults(W);
		struct vlines vl = {0};
		struct sbuf got = {0};

		doclines_front(ed, &o, &vl);
		for (size_t a = 0; a < ed->narticles; a++)
			doclines_article(ed, a, &o, &vl);
		for (size_t i = 0; i < vl.n; i++) {
			const struct vline *x = &vl.v[i];
			const struct lline *L = &x->l;

			if ((x->kind == VL_BLANK) != (x->text == NULL))
				fail_msg("W=%d display line %zu: kind %d with text %p", W, i, (int)x->kind,
					 (const void *)x->text);
			if (x->kind == VL_BLANK)
				continue;
			if (L->next > x->textlen || L->start > L->end || L->end > L->next)
				fail_msg("W=%d display line %zu: range [%zu,%zu,%zu) of a %zu-byte text", W,
					 i, L->start, L->end, L->next, x->textlen);
			if (L->indent < 0 || L->width < 0 || L->indent + L->width > W)
				fail_msg("W=%d display line %zu (kind %d): indent %d + width %d > %d", W,
					 i, (int)x->kind, L->indent, L->width, W);
			if (x->kind == VL_HEADLINE && abs(L->indent - (W - L->width) / 2) > 1)
				fail_msg("W=%d display line %zu: headline not centred (indent %d, width %d)",
					 W, i, L->indent, L->width);
			if (x->kind == VL_BYLINE && L->indent + L->width != W)
				fail_msg("W=%d display line %zu: byline not right-aligned (indent %d, "
					 "width %d)", W, i, L->indent, L->width);
			if (x->kind == VL_PARA &&
			    L->indent != (L->start == 0 ? expected_first_indent(o.indent, W, 2) : 0))
				fail_msg("W=%d display line %zu: paragraph line at %zu has indent %d", W, i,
					 L->start, L->indent);
			add_nonws(&got, x->text + L->start, L->end - L->start);
		}
		/* Together the display lines show the whole source, as the dump
		 * does: the kicker's colon, the byline's brackets, the front
		 * matter's labels included. */
		if (got.len != seed_chars.len || memcmp(got.s, seed_chars.s, got.len) != 0)
			fail_msg("W=%d: the display lines' characters differ from the source's "
				 "(%zu bytes, source %zu)", W, got.len, seed_chars.len);
		sbuf_free(&got);
		vlines_free(&vl);
	}
}

/*
 * Fill at 80 columns. A line's fill is (indent + width) / W: the first
 * line's indent counts, since it is part of the paragraph's typography and
 * the line is full when its text reaches the right margin. For each
 * paragraph, the non-final lines' mean fill is at least 97 % and none is
 * under 90 %.
 */
static void test_seed_fill(void **state)
{
	const struct variant *var = &variants[V_UTF8];
	struct layout_opts o = layout_defaults(80);
	struct llines ll = {0};
	double sum_all = 0, min_all = 1, worst_mean = 1;
	size_t lines_all = 0;

	(void)state;
	for (size_t i = 0; i < var->npieces; i++) {
		const struct subject_piece *p = &var->pieces[i];
		double sum = 0;
		size_t forced = 0;

		if (!p->para)
			continue;
		lay_and_check(&p->t, &o, o.indent, ALIGN_LEFT, &ll, &forced);
		for (size_t k = 0; k + 1 < ll.n; k++) {
			double fill = (double)(ll.v[k].indent + ll.v[k].width) / o.width;

			if (fill < 0.90)
				fail_msg("%s: line %zu of %zu at 80 columns is %.1f %% full (%d + %d cells)",
					 p->t.what, k, ll.n, 100 * fill, ll.v[k].indent, ll.v[k].width);
			sum += fill;
			if (fill < min_all)
				min_all = fill;
		}
		if (ll.n > 1) {
			double mean = sum / (double)(ll.n - 1);

			if (mean < 0.97)
				fail_msg("%s: mean fill %.2f %% < 97 %% at 80 columns", p->t.what, 100 * mean);
			if (mean < worst_mean)
				worst_mean = mean;
			sum_all += sum;
			lines_all += ll.n - 1;
		}
	}
	assert_true(lines_all > 0);
	print_message("fill at 80: mean %.2f %%, worst paragraph mean %.2f %%, min line %.2f %%\n",
		      100 * sum_all / (double)lines_all, 100 * worst_mean, 100 * min_all);
	llines_free(&ll);
}

/* The lines' text, width, indent and forced flag of one layout, as
 * comparable values. */
static int same_lines(const char *a, const struct llines *la, const char *b,
		      const struct llines *lb, size_t *at)
{
	if (la->n != lb->n) {
		*at = la->n < lb->n ? la->n : lb->n;
		return 0;
	}
	for (size_t k = 0; k < la->n; k++) {
		const struct lline *x = &la->v[k], *y = &lb->v[k];

		if (x->end - x->start != y->end - y->start ||
		    memcmp(a + x->start, b + y->start, x->end - x->start) != 0 ||
		    x->width != y->width || x->indent != y->indent || x->forced != y->forced) {
			*at = k;
			return 0;
		}
	}
	return 1;
}

/*
 * Re-layout. For the seed's paragraphs and headlines: lay out at W1, join
 * the lines back two ways, lay the joined text out at W2 and compare with
 * the direct layout at W2. The joins: the [start, next) ranges (which must
 * give the source itself), and the drawn parts [start, end) with a single
 * space where the undrawn part was spaces. Where a join is byte for byte
 * the source, laying it out again is the same computation, so that case is
 * compared on a sparser W2 grid (a determinism check on a fresh copy).
 */
static void test_seed_relayout(void **state)
{
	const struct variant *var = &variants[V_UTF8];
	struct llines direct[RELAYOUT_WMAX + 1], l1 = {0}, l2 = {0};
	size_t compared = 0, differing = 0;

	(void)state;
	memset(direct, 0, sizeof direct);
	for (size_t i = 0; i < var->npieces; i++) {
		const struct subject_piece *p = &var->pieces[i];
		const char *src = p->t.s;
		size_t n = p->t.n;
		int fi = p->para ? 4 : 0;

		if (!p->para && p->align != ALIGN_CENTER)
			continue;
		for (int W2 = 2; W2 <= RELAYOUT_WMAX; W2++) {
			struct layout_opts o = layout_defaults(W2);

			direct[W2].n = 0;
			layout_text(src, n, &o, fi, p->align, &direct[W2]);
		}
		for (int W1 = 2; W1 <= RELAYOUT_WMAX; W1++) {
			struct layout_opts o1 = layout_defaults(W1);
			struct sbuf whole = {0}, drawn = {0};

			l1.n = 0;
			layout_text(src, n, &o1, fi, p->align, &l1);
			for (size_t k = 0; k < l1.n; k++) {
				const struct lline *L = &l1.v[k];
				int spaces = L->next > L->end;

				sbuf_add(&whole, src + L->start, L->next - L->start);
				sbuf_add(&drawn, src + L->start, L->end - L->start);
				for (size_t j = L->end; j < L->next; j++)
					spaces &= src[j] == ' ';
				if (spaces)
					sbuf_addc(&drawn, ' ');
			}
			if (whole.len != n || memcmp(whole.s, src, n) != 0)
				fail_msg("%s: W1=%d: the lines' [start, next) ranges do not give the text",
					 p->t.what, W1);
			for (int pass = 0; pass < 2; pass++) {
				const struct sbuf *j = pass ? &drawn : &whole;
				int same = j->len == n && memcmp(j->s, src, n) == 0;

				if (!same)
					differing++;
				for (int W2 = 2; W2 <= RELAYOUT_WMAX; W2 += same ? RELAYOUT_SAME_STEP : 1) {
					struct layout_opts o2 = layout_defaults(W2);
					size_t at;

					l2.n = 0;
					layout_text(j->s, j->len, &o2, fi, p->align, &l2);
					compared++;
					if (!same_lines(j->s, &l2, src, &direct[W2], &at))
						fail_msg("%s: joined (%s) at W1=%d, laid out at W2=%d, differs "
							 "from the direct layout at line %zu (%zu vs %zu lines)",
							 p->t.what, pass ? "drawn parts" : "whole ranges", W1, W2,
							 at, l2.n, direct[W2].n);
				}
			}
			sbuf_free(&whole);
			sbuf_free(&drawn);
		}
	}
	print_message("re-layout: %zu comparisons, %zu joins differing from the source\n",
		      compared, differing);
	for (int W2 = 0; W2 <= RELAYOUT_WMAX; W2++)
		llines_free(&direct[W2]);
	llines_free(&l1);
	llines_free(&l2);
}

/* ------------------------------------------------------------------ */
/* Small cases whose right answer is plain */

/* Lay out s at width W, indent 0, left, amb 1, after checking it. */
static void lay_small(const char *s, int W, int amb, struct llines *ll)
{
	struct subject t;
	struct layout_opts o = layout_defaults(W);
	size_t forced = 0;

	o.amb = amb;
	subject_init(&t, s, strlen(s), "example", 0);
	lay_and_check(&t, &o, 0, ALIGN_LEFT, ll, &forced);
	subject_free(&t);
}

/* Expect the lines of s at W to be exactly the drawn texts in want[]
 * (NULL-terminated), with the forced flags in forced ('f' or '.'). */
static void expect_lines(const char *s, int W, int amb, const char *const *want,
			 const char *forced)
{
	struct llines ll = {0};
	size_t k;

	lay_small(s, W, amb, &ll);
	for (k = 0; want[k]; k++) {
		if (k >= ll.n)
			fail_msg("\"%s\" at W=%d: %zu lines, want more", s, W, ll.n);
		if (strlen(want[k]) != ll.v[k].end - ll.v[k].start ||
		    memcmp(want[k], s + ll.v[k].start, strlen(want[k])) != 0)
			fail_msg("\"%s\" at W=%d: line %zu is \"%.*s\", want \"%s\"", s, W, k,
				 (int)(ll.v[k].end - ll.v[k].start), s + ll.v[k].start, want[k]);
		if (ll.v[k].forced != (forced[k] == 'f'))
			fail_msg("\"%s\" at W=%d: line %zu forced=%d", s, W, k, ll.v[k].forced);
	}
	if (k != ll.n)
		fail_msg("\"%s\" at W=%d: %zu lines, want %zu", s, W, ll.n, k);
	llines_free(&ll);
}

/* The rules on texts short enough to work out by hand. */
static void test_examples(void **state)
{
	struct llines ll = {0};
	struct layout_opts o = layout_defaults(10);

	(void)state;
	/* Empty text: no lines. */
	assert_int_equal(layout_text("", 0, &o, 4, ALIGN_LEFT, &ll), 0);
	assert_int_equal(ll.n, 0);
	llines_free(&ll);
	expect_lines("一二三四五", 4, 1, (const char *const[]){"一二", "三四", "五", NULL}, "...");
	/* 。 may not start a line: 三 moves down with it. */
	expect_lines("一二三。", 6, 1, (const char *const[]){"一二", "三。", NULL}, "..");
	/* “ may not end a line: it moves down with 三. */
	expect_lines("一二“三”", 6, 1, (const char *const[]){"一二", "“三”", NULL}, "..");
	/* A break between a Han character and an opening quotation mark. */
	expect_lines("一二三“四”", 7, 1, (const char *const[]){"一二三", "“四”", NULL}, "..");
	/* —— stays whole (where the line breaks instead is not prescribed:
	 * lay_small's checks are the test). */
	lay_small("一二——三", 5, 1, &ll);
	lay_small("一二……三", 5, 1, &ll);
	llines_free(&ll);
	/* Spaces at a soft break are left undrawn. */
	expect_lines("ab cd", 3, 1, (const char *const[]){"ab", "cd", NULL}, "..");
	/* Nowhere legal to break: forced, at the last cluster that fits. */
	expect_lines("abcdefg", 3, 1, (const char *const[]){"abc", "def", "g", NULL}, "ff.");
	expect_lines("好。", 2, 1, (const char *const[]){"好", "。", NULL}, "f.");
	/* With ambiguous width 2, —— takes 4 cells: at width 2 it must split. */
	expect_lines("——", 2, 2, (const char *const[]){"—", "—", NULL}, "f.");
	/* A combining mark stays with its letter. */
	expect_lines("e\u0301e\u0301e\u0301", 2, 1,
		     (const char *const[]){"e\u0301e\u0301", "e\u0301", NULL}, "f.");
}

/* A ZWSP is a break opportunity, but not after an opening mark: the line
 * would still show “ or （ as its last mark. */
static void test_zwsp_after_opening_mark(void **state)
{
	struct llines ll = {0};

	(void)state;
	lay_small("一二（\u200B三四", 6, 1, &ll);
	lay_small("一二“\u200B三四", 6, 1, &ll);
	lay_small("一二《 \u200B三四", 7, 1, &ll);
	llines_free(&ll);
}

/* A grapheme cluster is cut only when it is wider than the line: the emoji
 * ZWJ sequence (6 cells) may be cut at width 4, not at width 6, where the
 * （ before it is forced onto a line of its own instead. */
static void test_wide_cluster(void **state)
{
	struct llines ll = {0};
	const char *family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
	char buf[64];

	(void)state;
	lay_small(family, 4, 1, &ll);
	expect_lines(family, 6, 1, (const char *const[]){family, NULL}, ".");
	snprintf(buf, sizeof buf, "（%s", family);
	expect_lines(buf, 6, 1, (const char *const[]){"（", family, NULL}, "f.");
	llines_free(&ll);
}

/* A forced line takes every cluster that fits (layout.h: "the line breaks
 * at the last cluster that fits"), even when that splits —— or …… or puts
 * a start-prohibited mark first on the next line: that is what forced
 * allows. */
static void test_forced_last_cluster(void **state)
{
	(void)state;
	expect_lines("一……", 3, 1, (const char *const[]){"一…", "…", NULL}, "f.");
	expect_lines("一——", 3, 1, (const char *const[]){"一—", "—", NULL}, "f.");
	expect_lines("一二——三", 3, 1, (const char *const[]){"一", "二—", "—三", NULL}, ".f.");
	expect_lines("ab.cdef", 2, 1, (const char *const[]){"ab", ".c", "de", "f", NULL}, "fff.");
	expect_lines("社-.zn\u3000", 3, 1, (const char *const[]){"社-", ".zn", "\u3000", NULL},
		     "ff.");
}

/* ------------------------------------------------------------------ */
/* Random strings */

/* xorshift64: a fixed sequence, the same on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *const han[] = {"中", "国", "人", "民", "统", "战", "好", "声", "音", "的",
				  "社", "区", "龘", "𠀋"};
static const char *const cjk_punct[] = {"。", "，", "、", "；", "：", "？", "！", "“", "”",
					"‘", "’", "《", "》", "（", "）", "「", "」", "——",
					"……", "·", "【", "】", "『", "』", "—", "…"};
static const char *const ascii[] = {"a", "b", "x", "Z", "q", "0", "7", "42", " ", " ", "  ",
				    ",", ".", ":", ";", "?", "!", "(", ")", "[", "]", "-",
				    "/", "\"", "'", "%", "$"};
static const char *const special[] = {
	"\u0301", "e\u0301", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\x1b", "\u200B",
	"\u3000", "\x7f",
};

#define NELEM(a) (sizeof(a) / sizeof *(a))

/* A random string: Han, punctuation, words, and now and then a combining
 * mark, the emoji, a control, ZWSP, U+3000 or NUL. */
static char *random_text(size_t *len)
{
	struct sbuf b = {0};
	uint32_t ntok = rnd(4) == 0 ? rnd(8) : 1 + rnd(70);

	for (uint32_t i = 0; i < ntok; i++) {
		uint32_t r = rnd(100);

		if (r < 40) {
			const char *p = han[rnd(NELEM(han))];

			sbuf_add(&b, p, strlen(p));
		} else if (r < 60) {
			const char *p = cjk_punct[rnd(NELEM(cjk_punct))];

			sbuf_add(&b, p, strlen(p));
		} else if (r < 75) {
			const char *p = ascii[rnd(NELEM(ascii))];

			sbuf_add(&b, p, strlen(p));
		} else if (r < 88) {
			/* A word, sometimes longer than the narrow widths. */
			for (uint32_t k = 1 + rnd(rnd(3) ? 6 : 15); k > 0; k--)
				sbuf_addc(&b, (char)('a' + rnd(26)));
		} else {
			/* One past the table is a NUL, which edition texts may hold. */
			uint32_t k = rnd(NELEM(special) + 1);

			if (k == NELEM(special))
				sbuf_add(&b, "", 1);
			else
				sbuf_add(&b, special[k], strlen(special[k]));
		}
	}
	*len = b.len;
	return sbuf_take(&b);
}

/*
 * Random strings at every width from 2 to 60, ambiguous width 1 and 2:
 * every promise of check_layout() and check_breaks(), left-aligned and
 * indented, and in a few cases centred and right-aligned. The line count
 * must not grow with the width, except where the documented indent rule
 * applies (the first-line indent comes back at W = indent + 4).
 */
static void test_random(void **state)
{
	struct llines ll = {0};
	size_t grew_indent = 0, grew_other = 0, forced = 0, lines = 0;
	char what[64];

	(void)state;
	for (int i = 0; i < RANDOM_STRINGS; i++) {
		size_t n;
		char *s = random_text(&n);
		struct subject t;

		snprintf(what, sizeof what, "random string %d", i);
		subject_init(&t, s, n, what, 0);
		for (int amb = 1; amb <= 2; amb++) {
			size_t prev = SIZE_MAX;

			for (int W = 2; W <= RANDOM_WMAX; W++) {
				struct layout_opts o = layout_defaults(W);
				size_t nl;

				o.amb = amb;
				nl = lay_and_check(&t, &o, o.indent, ALIGN_LEFT, &ll, &forced);
				lines += nl;
				if (prev != SIZE_MAX && nl > prev) {
					if (W == o.indent + 4)
						grew_indent++;
					else {
						grew_other++;
						print_message("line count grows: %s, amb %d, W %d -> %d: %zu -> "
							      "%zu lines: \"%s\"\n",
							      what, amb, W - 1, W, prev, nl, show(s, n, 300));
					}
				}
				prev = nl;
				if (i % 10 == 0) {
					lay_and_check(&t, &o, 0, ALIGN_CENTER, &ll, &forced);
					lay_and_check(&t, &o, 0, ALIGN_RIGHT, &ll, &forced);
				}
			}
		}
		subject_free(&t);
		free(s);
	}
	print_message("random: %d strings, %zu lines, %zu forced; line count grew %zu times "
		      "at W = indent + 4 (documented) and %zu times elsewhere\n",
		      RANDOM_STRINGS, lines, forced, grew_indent, grew_other);
	if (grew_other)
		fail_msg("the line count grew with the width %zu times", grew_other);
	llines_free(&ll);
}

/* Normalisation is off by default: the text is drawn as written. On, the
 * ASCII , : ; ! ? ( ) between Chinese characters are drawn full width, and
 * the layout counts them at their drawn width; digits and Latin keep
 * theirs. */
static void test_normalize(void **state)
{
	static const char text[] = "中文,测试:好(注)。abc,def 1,000;然后!再?";
	struct layout_opts o = layout_defaults(80);
	struct llines ll = {0};
	struct sbuf out = {0};

	(void)state;
	layout_text(text, sizeof text - 1, &o, 0, ALIGN_LEFT, &ll);
	assert_int_equal(ll.n, 1);
	layout_render(text, sizeof text - 1, ll.v[0].start, ll.v[0].end, ll.v[0].plain, &o, &out,
		      NULL);
	assert_string_equal(out.s, text);
	o.normalize = 1;
	ll.n = 0;
	out.len = 0;
	layout_text(text, sizeof text - 1, &o, 0, ALIGN_LEFT, &ll);
	layout_render(text, sizeof text - 1, ll.v[0].start, ll.v[0].end, ll.v[0].plain, &o, &out,
		      NULL);
	/* ; after a digit and ? at the end have a non-Chinese neighbour. */
	assert_string_equal(out.s, "中文，测试：好（注）。abc,def 1,000;然后！再?");
	/* The layout counts exactly what is drawn. */
	{
		int w = 0;

		for (size_t i = 0; i < out.len;) {
			uint32_t c;
			size_t l = text_next(out.s + i, out.len - i, &c);

			w += width_cp(c, 1);
			i += l;
		}
		assert_int_equal(ll.v[0].width, w);
	}
	/* At every width the lines fit what is drawn. */
	for (int W = 2; W <= 40; W++) {
		o.width = W;
		ll.n = 0;
		layout_text(text, sizeof text - 1, &o, 0, ALIGN_LEFT, &ll);
		for (size_t k = 0; k < ll.n; k++)
			assert_true(ll.v[k].indent + ll.v[k].width <= W);
	}
	free(ll.v);
	sbuf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_zwsp_after_opening_mark),
		cmocka_unit_test(test_wide_cluster),
		cmocka_unit_test(test_forced_last_cluster),
		cmocka_unit_test(test_seed_texts),
		cmocka_unit_test(test_seed_texts_amb2),
		cmocka_unit_test(test_seed_dump),
		cmocka_unit_test(test_seed_articles),
		cmocka_unit_test(test_seed_fill),
		cmocka_unit_test(test_seed_relayout),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_normalize),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
