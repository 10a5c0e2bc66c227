/*
 * test_unicode: the width and line-breaking functions against the Unicode
 * Character Database files of Debian's unicode-data package (15.0) in
 * /usr/share/unicode, with every known difference listed, explained and
 * counted:
 *
 * - LineBreakTest.txt: libunistring 1.0's UAX #14 opportunities (what the
 *   layout starts from) against the file, each disagreement put under a
 *   named difference; then layout_breaks() with the Chinese tailoring off
 *   against libunistring, whose only allowed difference is a break that
 *   libunistring reports inside a grapheme cluster;
 * - GraphemeBreakTest.txt: libunistring's grapheme clusters, and that
 *   layout_breaks() never lets a line start inside one (tailoring on or
 *   off);
 * - EastAsianWidth.txt, with DerivedAge.txt and UnicodeData.txt to keep to
 *   the assigned code points that glibc 2.36 and libunistring 1.0 (Unicode
 *   14.0) know: width_cp() and width_is_ambiguous() against the file's
 *   classes, and width_cp() against glibc's wcwidth();
 * - controls and code points nobody knows: a visible mark, and never a
 *   negative width.
 *
 * The counts are exact on purpose: an upgrade of libunistring, glibc or
 * unicode-data fails here until someone reviews the lists.
 */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <wchar.h>

#include "layout.h"
#include "util.h"
#include "width.h"

#define UCD_DIR "/usr/share/unicode"
#define UCD_VERSION "15.0.0"
/* The Unicode version of glibc 2.36 and libunistring 1.0, times ten as in
 * struct ucd's age: newer code points are unknown to the width functions. */
#define BUILD_AGE 140

static const char LINE_BREAK_TEST[] = UCD_DIR "/auxiliary/LineBreakTest.txt";
static const char GRAPHEME_BREAK_TEST[] = UCD_DIR "/auxiliary/GraphemeBreakTest.txt";
static const char EAST_ASIAN_WIDTH[] = UCD_DIR "/EastAsianWidth.txt";
static const char DERIVED_AGE[] = UCD_DIR "/DerivedAge.txt";
static const char UNICODE_DATA[] = UCD_DIR "/UnicodeData.txt";

#define NCP 0x110000
#define MAXCP 32                /* the longest test line has 24 code points */
#define MUL "\xC3\x97"          /* × no break here */
#define DIV "\xC3\xB7"          /* ÷ a break here */
#define MAX_REPORTS 20          /* unexpected cases printed before the count */

/* ---- The files ---- */

/* Open a file of the Unicode data, failing the test with what to install
 * when it is missing, and with what was expected when its first line does
 * not name the version the lists below were measured with. */
static FILE *ucd_open(const char *path, const char *header)
{
	FILE *f = fopen(path, "r");
	char first[256];

	if (!f)
		fail_msg("cannot open %s (%s): the tests need the Unicode data files of the "
			 "Debian package unicode-data " UCD_VERSION " (make deps installs it)",
			 path, strerror(errno));
	if (header) {
		if (!fgets(first, sizeof first, f) || !strstr(first, header)) {
			fclose(f);
			fail_msg("%s does not start with \"# %s\": the known differences in "
				 "this test were measured with unicode-data " UCD_VERSION,
				 path, header);
		}
		rewind(f);
	}
	return f;
}

/* Parse 4 to 6 hex digits of a code point at *p, moving *p past them. */
static int parse_cp(const char **p, uint32_t *cp)
{
	const char *s = *p;
	uint32_t v = 0;
	int n = 0;

	for (;; s++, n++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		if (n == 6)
			return -1;
		v = v * 16 + (uint32_t)d;
	}
	if (n < 4 || v >= NCP)
		return -1;
	*cp = v;
	*p = s;
	return 0;
}

/* Parse "XXXX" or "XXXX..YYYY" at *p. */
static int parse_range(const char **p, uint32_t *lo, uint32_t *hi)
{
	if (parse_cp(p, lo) < 0)
		return -1;
	*hi = *lo;
	if ((*p)[0] == '.' && (*p)[1] == '.') {
		*p += 2;
		if (parse_cp(p, hi) < 0 || *hi < *lo)
			return -1;
	}
	return 0;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* ---- LineBreakTest.txt and GraphemeBreakTest.txt ---- */

/* One line of a break test: code points with × or ÷ at every boundary,
 * and from the comment the rule that decided each boundary and each code
 * point's line break class. */
struct bcase {
	int line;
	int n;                          /* code points */
	uint32_t cp[MAXCP];
	char brk[MAXCP + 1];            /* brk[j]: a break before cp[j]; brk[n]: at the end */
	int rule[MAXCP + 1];            /* the rule of boundary j times 100: [18.0] is 1800 */
	char cls[MAXCP][24];            /* the class as the comment gives it: "CM1_CM" */
	uint8_t s[MAXCP * 4];           /* the code points in UTF-8 */
	size_t len;
	size_t off[MAXCP + 1];          /* byte offset of cp[j]; off[n] = len */
};

struct bfile {
	const char *path, *header;
	struct bcase *v;
	size_t n, cap;
	int loaded;
};

static struct bfile lbt = {LINE_BREAK_TEST, "LineBreakTest-" UCD_VERSION ".txt", NULL, 0, 0, 0};
static struct bfile gbt = {GRAPHEME_BREAK_TEST, "GraphemeBreakTest-" UCD_VERSION ".txt", NULL, 0,
			   0, 0};

/* Parse a rule number, "18.0" or "30.11", as 1800 or 3011: the files
 * number sub-rules with two decimals (LB30a is 30.1x, LB30b 30.2x) and
 * write only one where the second is 0 (21.1 is LB21a). */
static const char *parse_rule(const char *p, int *rule)
{
	int v = 0, frac = 0, digits = 0;

	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9' && v < 100000)
		v = v * 10 + (*p++ - '0');
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 2)
				return NULL;
			frac += (*p - '0') * (digits == 1 ? 10 : 1);
		}
		if (!digits)
			return NULL;
	}
	*rule = v * 100 + frac;
	return p;
}

/* Parse one line of a break test file into c: 1 for a test case, 0 for a
 * line without one, -1 for a line that does not follow the format. */
static int parse_case(const char *line, struct bcase *c)
{
	const char *p = line, *open = NULL, *close = NULL;
	int nb = 0, k = 0;

	c->n = 0;
	/* Before the comment: markers and code points alternate, starting
	 * and ending with a marker. */
	while (*p && *p != '#') {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (!strncmp(p, MUL, 2) || !strncmp(p, DIV, 2)) {
			if (nb != c->n)
				return -1;
			c->brk[nb++] = !strncmp(p, DIV, 2);
			p += 2;
		} else {
			if (nb != c->n + 1 || c->n == MAXCP || parse_cp(&p, &c->cp[c->n]) < 0)
				return -1;
			c->n++;
		}
	}
	if (nb == 0 && c->n == 0)
		return 0;
	if (nb != c->n + 1 || c->n == 0 || *p != '#')
		return -1;
	/* The comment: "× [0.3] NUMBER SIGN (AL) ÷ [18.0] ...": a rule in
	 * brackets for every boundary, and each code point's class in the
	 * last parentheses before the next bracket ("<CARRIAGE RETURN (CR)>
	 * (CR)" has two). */
	for (; *p; p++) {
		if (*p == '(') {
			open = p + 1;
		} else if (*p == ')') {
			close = p;
		} else if (*p == '[') {
			if (k == nb)
				return -1;
			if (k > 0) {
				size_t l;

				if (!open || !close || close < open ||
				    (l = (size_t)(close - open)) >= sizeof c->cls[0])
					return -1;
				memcpy(c->cls[k - 1], open, l);
				c->cls[k - 1][l] = '\0';
			}
			p = parse_rule(p + 1, &c->rule[k]);
			if (!p || *p != ']')
				return -1;
			k++;
			open = close = NULL;
		}
	}
	if (k != nb)
		return -1;
	c->len = 0;
	for (int j = 0; j < c->n; j++) {
		int l = u8_uctomb(c->s + c->len, c->cp[j], (int)(sizeof c->s - c->len));

		if (l <= 0)
			return -1;
		c->off[j] = c->len;
		c->len += (size_t)l;
	}
	c->off[c->n] = c->len;
	return 1;
}

/* Every case of a break test file, read on first use. */
static const struct bfile *cases(struct bfile *f)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;

	if (f->loaded)
		return f;
	f->n = 0;
	fp = ucd_open(f->path, f->header);
	while (getline(&line, &cap, fp) > 0) {
		struct bcase c;
		int r = parse_case(line, &c);

		lineno++;
		if (r < 0)
			fail_msg("%s:%d: not a break test line: %s", f->path, lineno, line);
		if (r == 0)
			continue;
		c.line = lineno;
		XGROW(f->v, f->cap, f->n + 1);
		f->v[f->n++] = c;
	}
	free(line);
	fclose(fp);
	f->loaded = 1;
	return f;
}

/* "LB18" for 1800, "LB30a" for 3011, "LB31" for the files' 999.0. */
static const char *rule_name(int rule, char buf[16])
{
	int n = rule / 100, sub = rule % 100 / 10;

	if (n == 999)
		return "LB31";
	snprintf(buf, 16, "LB%d%s", n, sub == 1 ? "a" : sub == 2 ? "b" : sub == 3 ? "c" : "");
	return buf;
}

/* The class a code point resolves to, from the comment's label: the part
 * after the last '_' ("CM1_CM" and "ZWJ_O_ZWJ_CM" are CM, "AI_AL" is AL)
 * without LB30's East Asian marker digits ("OP_OP30" is OP). */
static int cls_is(const struct bcase *c, int k, const char *want)
{
	const char *l = strrchr(c->cls[k], '_');
	size_t n;

	l = l ? l + 1 : c->cls[k];
	n = strcspn(l, "0123456789");
	return n == strlen(want) && !strncmp(l, want, n);
}

/* The code point before boundary j that a rule looks at: LB9 lets a run
 * of combining marks take the class of what they follow. */
static int base_before(const struct bcase *c, int j)
{
	int k = j - 1;

	while (k > 0 && cls_is(c, k, "CM"))
		k--;
	return k;
}

/* The last code point before boundary j that is not a space, or -1. */
static int before_spaces(const struct bcase *c, int j)
{
	int k = j - 1;

	while (k >= 0 && c->cp[k] == 0x20)
		k--;
	return k;
}

/* The ways libunistring 1.0 and LineBreakTest.txt 15.0 disagree: each
 * test gets the first boundary j where they do. */
static int sp_cm_at_text_start(const struct bcase *c, int j)
{
	return j > 0 && before_spaces(c, j) < 0 && cls_is(c, j, "CM");
}

static int spaces_at_line_start(const struct bcase *c, int j)
{
	int k = before_spaces(c, j);

	return k < j - 1 && (k < 0 || cls_is(c, k, "BK") || cls_is(c, k, "CR") ||
			     cls_is(c, k, "LF") || cls_is(c, k, "NL"));
}

static int lb25_pair(const struct bcase *c, int j)
{
	int b = base_before(c, j);

	return ((cls_is(c, b, "CL") || cls_is(c, b, "CP")) &&
		(cls_is(c, j, "PO") || cls_is(c, j, "PR"))) ||
	       ((cls_is(c, b, "PO") || cls_is(c, b, "PR")) && cls_is(c, j, "OP")) ||
	       ((cls_is(c, b, "IS") || cls_is(c, b, "SY")) && cls_is(c, j, "NU"));
}

static int next_to_cb(const struct bcase *c, int j)
{
	return cls_is(c, j, "CB") || cls_is(c, base_before(c, j), "CB");
}

static int op_sp_cm(const struct bcase *c, int j)
{
	int k = before_spaces(c, j);

	return cls_is(c, j, "CM") && k >= 0 && k < j - 1 &&
	       cls_is(c, base_before(c, k + 1), "OP");
}

static int is_letter(const struct bcase *c, int j)
{
	return cls_is(c, base_before(c, j), "IS") && (cls_is(c, j, "AL") || cls_is(c, j, "HL"));
}

static int cl_sp_ns(const struct bcase *c, int j)
{
	int k = before_spaces(c, j);

	return cls_is(c, j, "NS") && k >= 0 && k < j - 1 &&
	       (cls_is(c, base_before(c, k + 1), "CL") || cls_is(c, base_before(c, k + 1), "CP"));
}

static int ri_cm_ri(const struct bcase *c, int j)
{
	int b = base_before(c, j);

	return cls_is(c, j, "RI") && b < j - 1 && cls_is(c, b, "RI");
}

/* Where libunistring 1.0 and the file disagree, by the rule the file
 * gives for the first boundary they disagree on (the counts add up to the
 * 354 of the 7654 cases the reference doc measured). */
static const struct lbdiff {
	const char *rule;
	int (*is)(const struct bcase *c, int j);
	int want;
	const char *why;
} lbdiffs[] = {
	{"LB18", sp_cm_at_text_start, 91,
	 "a text starting with spaces and then a combining mark or ZWJ: LB10 makes the mark AL, "
	 "so the file breaks SP ÷ CM; libunistring never breaks after the spaces that start "
	 "a text (the break is inside a grapheme cluster: the layout would not make it either)"},
	{"LB18", spaces_at_line_start, 182,
	 "spaces at the start of the text or right after a mandatory break (BK CR LF NL): "
	 "libunistring's 'no break at the start of a line' also covers the spaces there, "
	 "where the file breaks after them"},
	{"LB31", lb25_pair, 34,
	 "the file tailors LB25 as UAX #14's Example 7 (a regular expression for numbers), "
	 "so CL/CP × PO/PR, PO/PR × OP and IS/SY × NU hold only inside a number; "
	 "libunistring applies LB25's plain pairs everywhere"},
	{"LB20", next_to_cb, 17,
	 "U+FFFC OBJECT REPLACEMENT CHARACTER (CB): the file breaks on both sides of it "
	 "(÷ CB ÷); libunistring keeps BB and PR before it, and BA, HY, IN, NS and PO after it"},
	{"LB14", op_sp_cm, 12,
	 "OP SP* then a combining mark or ZWJ: LB14 forbids any break after OP SP*, but "
	 "libunistring breaks before the mark, as before any AL after a space (LB10, LB18)"},
	{"LB29", is_letter, 12,
	 "IS × AL/HL (as in e.g. or .com): libunistring 1.0's pair table breaks there; "
	 "the layout's tailoring restores LB29 for ASCII letters"},
	{"LB16", cl_sp_ns, 5,
	 "(CL|CP) SP+ × NS: libunistring applies LB16 only with no spaces between"},
	{"LB30a", ri_cm_ri, 1,
	 "RI CM RI: libunistring does not see through the combining mark (LB9) when it "
	 "pairs regional indicators"},
};

/* The first boundary where two break vectors of a case differ, or -1. */
static int first_diff(const struct bcase *c, const char *a, const char *b)
{
	for (int j = 0; j <= c->n; j++)
		if (!a[j] != !b[j])
			return j;
	return -1;
}

/* libunistring's UAX #14 opportunities at the case's boundaries: a break
 * before cp[j] when p at its first byte is POSSIBLE or HYPHENATION, or
 * when the code point before it is a mandatory break (libunistring marks
 * the newline itself, not what follows it). The end of a text always ends
 * a line (LB3). */
static void lib_linebreaks(const struct bcase *c, char *brk)
{
	char p[sizeof c->s];

	u8_possible_linebreaks(c->s, c->len, "UTF-8", p);
	for (int j = 0; j < c->n; j++)
		brk[j] = p[c->off[j]] == UC_BREAK_POSSIBLE ||
			 p[c->off[j]] == UC_BREAK_HYPHENATION ||
			 (j > 0 && p[c->off[j - 1]] == UC_BREAK_MANDATORY);
	brk[c->n] = 1;
}

/* libunistring's grapheme cluster boundaries at the case's boundaries. */
static void lib_graphemes(const struct bcase *c, char *brk)
{
	char p[sizeof c->s];

	u8_grapheme_breaks(c->s, c->len, p);
	for (int j = 0; j < c->n; j++)
		brk[j] = p[c->off[j]] != 0;
	brk[c->n] = 1;
}

/* layout_breaks() at the case's boundaries, for a layout width (clusters
 * wider than it are cut at code points) and the tailoring on or off. The
 * text and allow[] are exactly as long as the text so that the sanitizer
 * catches a read or write past either; the function must not allow a
 * line to start at byte 0 or inside a code point, and writes only 0 and 1. */
static void layout_linebreaks(const struct bcase *c, int width, int tailor, char *brk)
{
	struct layout_opts o = layout_defaults(width);
	char *s = xmalloc(c->len), *allow = xmalloc(c->len);
	int j = 0;

	o.tailor = tailor;
	memcpy(s, c->s, c->len);
	layout_breaks(s, c->len, &o, allow);
	for (size_t i = 0; i < c->len; i++) {
		if (allow[i] != 0 && allow[i] != 1)
			fail_msg("line %d: allow[%zu] = %d", c->line, i, allow[i]);
		if (j < c->n && i == c->off[j])
			brk[j++] = allow[i];
		else if (allow[i])
			fail_msg("line %d: layout_breaks allows a line to start at byte %zu, "
				 "inside a code point", c->line, i);
	}
	brk[c->n] = 1;
	free(s);
	free(allow);
	if (brk[0])
		fail_msg("line %d: layout_breaks allows a line to start at byte 0", c->line);
}

/* A case's boundaries, as in the file: "× 0023 ÷ 0020 ÷". */
static char *show(const struct bcase *c, const char *brk)
{
	struct sbuf b = {0};

	for (int j = 0; j <= c->n; j++) {
		sbuf_addf(&b, "%s", brk[j] ? DIV : MUL);
		if (j < c->n)
			sbuf_addf(&b, " %04X ", (unsigned)c->cp[j]);
	}
	return sbuf_take(&b);
}

/* Print one case where two break vectors differ. */
static void report(const char *where, const struct bcase *c, const char *what,
		   const char *want_name, const char *want, const char *got_name, const char *got)
{
	char *a = show(c, want), *b = show(c, got);

	print_message("%s %d: %s\n    %-12s %s\n    %-12s %s\n", where, c->line, what, want_name,
		      a, got_name, b);
	free(a);
	free(b);
}

/* libunistring against LineBreakTest.txt: every disagreement is a known
 * one, and each known one happens exactly as often as measured. */
static void test_linebreak_libunistring(void **state)
{
	const struct bfile *f = cases(&lbt);
	int count[sizeof lbdiffs / sizeof lbdiffs[0]] = {0};
	size_t agree = 0, unknown = 0, wrong = 0;
	char brk[MAXCP + 1], name[16];

	(void)state;
	assert_int_equal(f->n, 7654);
	for (size_t i = 0; i < f->n; i++) {
		const struct bcase *c = &f->v[i];
		const char *rule;
		size_t d;
		int j;

		lib_linebreaks(c, brk);
		j = first_diff(c, c->brk, brk);
		if (j < 0) {
			agree++;
			continue;
		}
		rule = rule_name(c->rule[j], name);
		for (d = 0; d < sizeof lbdiffs / sizeof lbdiffs[0]; d++)
			if (!strcmp(lbdiffs[d].rule, rule) && lbdiffs[d].is(c, j))
				break;
		if (d < sizeof lbdiffs / sizeof lbdiffs[0]) {
			count[d]++;
		} else if (unknown++ < MAX_REPORTS) {
			char what[64];

			snprintf(what, sizeof what, "an unknown difference (%s)", rule);
			report(lbt.path, c, what, "file", c->brk, "libunistring", brk);
		}
	}
	for (size_t d = 0; d < sizeof lbdiffs / sizeof lbdiffs[0]; d++) {
		if (count[d] == lbdiffs[d].want)
			continue;
		wrong++;
		print_message("%s: %d cases, not %d: %s\n", lbdiffs[d].rule, count[d],
			      lbdiffs[d].want, lbdiffs[d].why);
	}
	if (unknown || wrong)
		fail_msg("libunistring and %s: %zu unknown differences, %zu counts changed "
			 "(%zu cases agree)", lbt.path, unknown, wrong, agree);
	assert_int_equal(agree, 7300);
}

/* The breaks libunistring reports inside a grapheme cluster, which the
 * layout never makes: a line never starts with a mark that extends the
 * cluster before it (GB9). Each test gets the boundary j. */
static int sp_zwj(const struct bcase *c, int j)
{
	return c->cp[j] == 0x200D && c->cp[j - 1] == 0x20;
}

static int sp_cm(const struct bcase *c, int j)
{
	return cls_is(c, j, "CM") && c->cp[j] != 0x200D && c->cp[j - 1] == 0x20;
}

static int emoji_modifier(const struct bcase *c, int j)
{
	return c->cp[j] >= 0x1F3FB && c->cp[j] <= 0x1F3FF && !cls_is(c, base_before(c, j), "EB");
}

static const struct clusterdiff {
	const char *name;
	int (*is)(const struct bcase *c, int j);
	int want;
	const char *why;
} clusterdiffs[] = {
	{"SP ÷ ZWJ", sp_zwj, 81,
	 "a ZWJ after a space: LB10 makes it AL and LB18 breaks before it, but it extends "
	 "the space's cluster"},
	{"SP ÷ CM", sp_cm, 7,
	 "a combining mark after a space (not at the start of a line): the same"},
	{"÷ EM", emoji_modifier, 139,
	 "an emoji modifier U+1F3FB-1F3FF after anything but an emoji base: UAX #14 keeps "
	 "only EB × EM (LB30b), but the modifier extends the cluster it follows"},
};

/*
 * layout_breaks() with the tailoring off against libunistring, over every
 * case of LineBreakTest.txt: they agree everywhere but at the 227 breaks
 * libunistring reports inside a grapheme cluster, one in each of 227
 * cases. 216 of those cases are ones where libunistring agrees with the
 * file, so the file too breaks inside a cluster there; on the other 7084
 * cases libunistring agrees on, the layout agrees with the file.
 */
static void test_linebreak_layout(void **state)
{
	const struct bfile *f = cases(&lbt);
	int count[sizeof clusterdiffs / sizeof clusterdiffs[0]] = {0};
	size_t bad = 0, agree = 0, lib_agree = 0, inside_cases = 0;
	char lib[MAXCP + 1], lay[MAXCP + 1], gb[MAXCP + 1];

	(void)state;
	for (size_t i = 0; i < f->n; i++) {
		const struct bcase *c = &f->v[i];
		int lib_ok, inside = 0;

		lib_linebreaks(c, lib);
		lib_graphemes(c, gb);
		layout_linebreaks(c, 80, 0, lay);
		for (int j = 0; j <= c->n; j++) {
			size_t d = sizeof clusterdiffs / sizeof clusterdiffs[0];

			if (!lib[j] == !lay[j])
				continue;
			if (lib[j] && !gb[j])
				for (d = 0; d < sizeof clusterdiffs / sizeof clusterdiffs[0]; d++)
					if (clusterdiffs[d].is(c, j))
						break;
			if (d < sizeof clusterdiffs / sizeof clusterdiffs[0]) {
				count[d]++;
				inside = 1;
			} else if (bad++ < MAX_REPORTS) {
				report(lbt.path, c, "layout_breaks (tailoring off) is not "
				       "libunistring", "libunistring", lib, "layout", lay);
			}
		}
		lib_ok = first_diff(c, c->brk, lib) < 0;
		lib_agree += (size_t)lib_ok;
		if (lib_ok && first_diff(c, c->brk, lay) < 0)
			agree++;
		else if (lib_ok && !inside && bad++ < MAX_REPORTS)
			report(lbt.path, c, "layout_breaks (tailoring off) is not the file",
			       "file", c->brk, "layout", lay);
		inside_cases += (size_t)(lib_ok && inside);
	}
	for (size_t d = 0; d < sizeof clusterdiffs / sizeof clusterdiffs[0]; d++) {
		if (count[d] == clusterdiffs[d].want)
			continue;
		bad++;
		print_message("%s: %d breaks inside a cluster, not %d: %s\n", clusterdiffs[d].name,
			      count[d], clusterdiffs[d].want, clusterdiffs[d].why);
	}
	if (bad)
		fail_msg("layout_breaks (tailoring off): %zu unexplained differences", bad);
	assert_int_equal(lib_agree, 7300);
	assert_int_equal(inside_cases, 216);
	assert_int_equal(agree, 7300 - 216);
}

/* A test case made from a UTF-8 string, for the samples below. */
static void make_case(const char *utf8, struct bcase *c)
{
	size_t n = strlen(utf8);

	memset(c, 0, sizeof *c);
	assert_true(n <= sizeof c->s);
	memcpy(c->s, utf8, n);
	c->len = n;
	for (size_t i = 0; i < n; c->n++) {
		ucs4_t cp;
		int l = u8_mbtouc(&cp, c->s + i, n - i);

		assert_true(c->n < MAXCP && cp != 0xFFFD);
		c->cp[c->n] = cp;
		c->off[c->n] = i;
		i += (size_t)l;
	}
	c->off[c->n] = n;
}

/*
 * With the tailoring off, layout_breaks() adds and removes nothing on
 * Chinese text either: on samples where the tailoring does change the
 * breaks (reference doc, 1.2 and 1.3), it gives libunistring's, and with
 * the tailoring on it does not.
 */
static void test_linebreak_untailored(void **state)
{
	static const struct {
		const char *s;
		int tailored;   /* the tailoring changes its breaks */
	} t[] = {
		{"他说：“你好。”她笑了。", 1},      /* T1: a break before “ and after ” */
		{"响“共", 1},
		{"中 ”中", 1},                      /* P1: no line starts with ” */
		{"中“ 中", 1},                      /* P2: no line ends with “ */
		{"马克·吐温", 1},                    /* P1: nor with · */
		{"见qq.com网站", 1},                /* LB29 for ASCII letters */
		{"等——好", 1},                      /* P1: nor with a dash */
		{"好……吗", 0},                      /* …… whole already in UAX #14 */
		{"（注）1,000元。", 0},
		{"中文English词", 0},
	};

	(void)state;
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		struct bcase c;
		char lib[MAXCP + 1], lay[MAXCP + 1];

		make_case(t[k].s, &c);
		c.line = (int)k;
		lib_linebreaks(&c, lib);
		layout_linebreaks(&c, 80, 0, lay);
		if (first_diff(&c, lib, lay) >= 0) {
			report("sample", &c, "tailoring off", "libunistring", lib, "layout", lay);
			fail_msg("sample %zu: %s", k, t[k].s);
		}
		layout_linebreaks(&c, 80, 1, lay);
		if ((first_diff(&c, lib, lay) >= 0) != t[k].tailored) {
			report("sample", &c, "tailoring on", "libunistring", lib, "layout", lay);
			fail_msg("sample %zu: %s: the tailoring %s", k, t[k].s,
				 t[k].tailored ? "changes nothing" : "changes the breaks");
		}
	}
}

/* Mandatory breaks in the text: a line starts after every newline
 * (LF, CR, CR LF, NEL, VT, FF, LS, PS), never between CR and LF, and never
 * at byte 0, with the tailoring on or off. */
static void test_linebreak_mandatory(void **state)
{
	static const struct {
		const char *s;
		const char *starts;     /* 'x' where a line must start, '-' where not */
	} t[] = {
		{"a\nb", "--x"},
		{"a\rb", "--x"},
		{"a\r\nb", "---x"},
		{"a\xC2\x85" "b", "---x"},
		{"a\vb", "--x"},
		{"a\fb", "--x"},
		{"a\xE2\x80\xA8" "b", "----x"},
		{"a\xE2\x80\xA9" "b", "----x"},
		{"a\n\nb", "--xx"},
		{"\nb", "-x"},
		{"\n\n", "-x"},
		{"a\n", "--"},
		{"a\nbc", "--x-"},
		{"\xE4\xB8\xAD\n\xE6\x96\x87", "----x--"},
		{"\xE2\x80\x9C\n\xE2\x80\x9D", "----x--"},
	};

	(void)state;
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		size_t n = strlen(t[k].s);

		assert_int_equal(strlen(t[k].starts), n);
		for (int tailor = 0; tailor <= 1; tailor++) {
			struct layout_opts o = layout_defaults(80);
			char *s = xmalloc(n), *allow = xmalloc(n);

			o.tailor = tailor;
			memcpy(s, t[k].s, n);
			layout_breaks(s, n, &o, allow);
			for (size_t i = 0; i < n; i++)
				if (allow[i] != (t[k].starts[i] == 'x'))
					fail_msg("case %zu, tailor %d, byte %zu: allow %d, want %d",
						 k, tailor, i, allow[i], t[k].starts[i] == 'x');
			free(s);
			free(allow);
		}
	}
}

/* libunistring's grapheme clusters against GraphemeBreakTest.txt: the
 * layout cuts text into clusters with u8_grapheme_breaks(). */
static void test_grapheme_libunistring(void **state)
{
	const struct bfile *f = cases(&gbt);
	size_t bad = 0;
	char brk[MAXCP + 1];

	(void)state;
	assert_int_equal(f->n, 602);
	for (size_t i = 0; i < f->n; i++) {
		const struct bcase *c = &f->v[i];

		lib_graphemes(c, brk);
		if (first_diff(c, c->brk, brk) >= 0 && bad++ < MAX_REPORTS) {
			char *a = show(c, c->brk), *b = show(c, brk);

			print_message("%s line %d:\n    file         %s\n    libunistring %s\n",
				      gbt.path, c->line, a, b);
			free(a);
			free(b);
		}
	}
	if (bad)
		fail_msg("u8_grapheme_breaks differs from %s on %zu of %zu cases", gbt.path, bad,
			 f->n);
}

/* Count the boundaries where layout_breaks() lets a line start though gb
 * says it is inside a grapheme cluster, reporting the first few: with the
 * tailoring on and off, and at width 80 and 2 (where the clusters wider
 * than 2 cells, such as # U+1F3FB, are cut at code points). */
static size_t breaks_inside(const struct bcase *c, const char *gb, const char *path,
			    size_t *checked)
{
	size_t bad = 0;
	char lay[MAXCP + 1];

	for (int k = 0; k < 4; k++) {
		int width = k < 2 ? 80 : 2, tailor = k % 2;

		layout_linebreaks(c, width, tailor, lay);
		for (int j = 1; j < c->n; j++) {
			(*checked)++;
			if (!lay[j] || gb[j])
				continue;
			if (bad++ < MAX_REPORTS) {
				char *a = show(c, gb), *b = show(c, lay);

				print_message("%s line %d, width %d, tailor %d:\n"
					      "    clusters %s\n    layout   %s\n", path, c->line,
					      width, tailor, a, b);
				free(a);
				free(b);
			}
		}
	}
	return bad;
}

/* layout_breaks() never lets a line start inside a grapheme cluster: over every string of GraphemeBreakTest.txt (the
 * file's clusters) and of LineBreakTest.txt (libunistring's, which the
 * test above checks against the file). */
static void test_grapheme_layout(void **state)
{
	const struct bfile *g = cases(&gbt), *l = cases(&lbt);
	size_t bad = 0, checked = 0;
	char gb[MAXCP + 1];

	(void)state;
	for (size_t i = 0; i < g->n; i++)
		bad += breaks_inside(&g->v[i], g->v[i].brk, gbt.path, &checked);
	for (size_t i = 0; i < l->n; i++) {
		lib_graphemes(&l->v[i], gb);
		bad += breaks_inside(&l->v[i], gb, lbt.path, &checked);
	}
	if (bad)
		fail_msg("layout_breaks allows %zu breaks inside a grapheme cluster", bad);
	assert_true(checked > 40000);
}

/* ---- UnicodeData.txt, DerivedAge.txt and EastAsianWidth.txt ---- */

enum eaw { EAW_NONE, EAW_N, EAW_A, EAW_H, EAW_W, EAW_F, EAW_NA };
static const char *const eaw_names[] = {"?", "N", "A", "H", "W", "F", "Na"};

/* What the files say of every code point. */
struct ucd {
	char gc[NCP][3];                /* General_Category, "Cn" when unassigned */
	unsigned char age[NCP];         /* Age times ten (14.0 is 140), 0 when unassigned */
	unsigned char eaw[NCP];         /* enum eaw; the @missing default where not listed */
};
static struct ucd *ucd;

/* General categories from UnicodeData.txt, where a large range takes two
 * lines: "<CJK Ideograph, First>" and "<CJK Ideograph, Last>". */
static void load_unicode_data(void)
{
	FILE *f = ucd_open(UNICODE_DATA, NULL);
	char *line = NULL;
	size_t cap = 0;
	uint32_t first = NCP, cp;
	int lineno = 0;

	for (cp = 0; cp < NCP; cp++)
		memcpy(ucd->gc[cp], "Cn", 3);
	while (getline(&line, &cap, f) > 0) {
		const char *p = line, *name = NULL, *semi = NULL;

		lineno++;
		/* "4E00;<CJK Ideograph, First>;Lo;0;L;;;;;N;;;;;" */
		if (parse_cp(&p, &cp) == 0 && *p == ';')
			semi = strchr(name = p + 1, ';');
		if (!semi || !semi[1] || !semi[2] || semi[3] != ';')
			fail_msg("%s:%d: not a UnicodeData line: %s", UNICODE_DATA, lineno, line);
		if (first < NCP) {
			if (semi - name < 7 || memcmp(semi - 7, ", Last>", 7) || cp < first)
				fail_msg("%s:%d: a range without its last line", UNICODE_DATA,
					 lineno);
			for (uint32_t c = first; c <= cp; c++)
				memcpy(ucd->gc[c], semi + 1, 2);
			first = NCP;
		} else if (semi - name >= 8 && !memcmp(semi - 8, ", First>", 8)) {
			first = cp;
		} else {
			memcpy(ucd->gc[cp], semi + 1, 2);
		}
	}
	free(line);
	fclose(f);
	if (first < NCP || lineno < 30000)
		fail_msg("%s: cut short", UNICODE_DATA);
}

/* Ages from DerivedAge.txt: "0000..001F    ; 1.1 #  [32] <control-0000>". */
static void load_derived_age(void)
{
	FILE *f = ucd_open(DERIVED_AGE, "DerivedAge-" UCD_VERSION ".txt");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, ranges = 0;

	while (getline(&line, &cap, f) > 0) {
		const char *p = skip_blanks(line);
		uint32_t lo = 0, hi = 0;
		int major = 0, minor;

		lineno++;
		if (*p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		if (parse_range(&p, &lo, &hi) < 0 || *(p = skip_blanks(p)) != ';')
			goto bad;
		for (p = skip_blanks(p + 1); *p >= '0' && *p <= '9' && major < 100; p++)
			major = major * 10 + (*p - '0');
		if (!major || *p != '.' || p[1] < '0' || p[1] > '9' ||
		    (p[2] >= '0' && p[2] <= '9'))
			goto bad;
		minor = p[1] - '0';
		for (uint32_t c = lo; c <= hi; c++)
			ucd->age[c] = (unsigned char)(major * 10 + minor);
		ranges++;
		continue;
bad:
		fail_msg("%s:%d: not a DerivedAge line: %s", DERIVED_AGE, lineno, line);
	}
	free(line);
	fclose(f);
	if (ranges < 1000)
		fail_msg("%s: cut short", DERIVED_AGE);
}

/* An East Asian Width value at p ("Na" before "N"), or EAW_NONE. */
static enum eaw parse_eaw(const char *p)
{
	static const struct {
		const char *s;
		enum eaw v;
	} t[] = {
		{"Na", EAW_NA}, {"N", EAW_N}, {"A", EAW_A},
		{"H", EAW_H}, {"W", EAW_W}, {"F", EAW_F},
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t l = strlen(t[i].s);

		if (!strncmp(p, t[i].s, l) && strchr(" \t#\r\n", p[l]))
			return t[i].v;
	}
	return EAW_NONE;
}

/* East Asian Widths from EastAsianWidth.txt: "0000..001F;N  # Cc ...",
 * with the values of unlisted code points in "# @missing:" lines (later
 * ones win, as the UCD's conventions say). */
static void load_east_asian_width(void)
{
	static const char missing[] = "# @missing:";
	FILE *f = ucd_open(EAST_ASIAN_WIDTH, "EastAsianWidth-" UCD_VERSION ".txt");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, ranges = 0, defaults = 0;
	unsigned char *dflt = xcalloc(NCP, 1);

	while (getline(&line, &cap, f) > 0) {
		const char *p = skip_blanks(line);
		unsigned char *to = ucd->eaw;
		uint32_t lo = 0, hi = 0;
		enum eaw v = EAW_NONE;

		lineno++;
		if (!strncmp(p, missing, sizeof missing - 1)) {
			p = skip_blanks(p + sizeof missing - 1);
			to = dflt;
			defaults++;
		} else if (*p == '#' || *p == '\n' || *p == '\r' || !*p) {
			continue;
		} else {
			ranges++;
		}
		if (parse_range(&p, &lo, &hi) == 0 && *(p = skip_blanks(p)) == ';')
			v = parse_eaw(skip_blanks(p + 1));
		if (v == EAW_NONE)
			fail_msg("%s:%d: not an EastAsianWidth line: %s", EAST_ASIAN_WIDTH, lineno,
				 line);
		for (uint32_t c = lo; c <= hi; c++)
			to[c] = (unsigned char)v;
	}
	free(line);
	fclose(f);
	if (ranges < 1000 || !defaults)
		fail_msg("%s: cut short", EAST_ASIAN_WIDTH);
	for (uint32_t c = 0; c < NCP; c++) {
		if (!ucd->eaw[c])
			ucd->eaw[c] = dflt[c];
		if (!ucd->eaw[c])
			fail_msg("%s: no value for U+%04X", EAST_ASIAN_WIDTH, (unsigned)c);
	}
	free(dflt);
}

/* The three files, read on first use. */
static const struct ucd *ucd_data(void)
{
	static int loaded;

	if (!ucd)
		ucd = xcalloc(1, sizeof *ucd);
	if (!loaded) {
		load_unicode_data();
		load_derived_age();
		load_east_asian_width();
		loaded = 1;
	}
	return ucd;
}

/* Does the build know cp: assigned, and no newer than its Unicode? */
static int known(uint32_t cp)
{
	return strcmp(ucd->gc[cp], "Cn") && ucd->age[cp] && ucd->age[cp] <= BUILD_AGE;
}

static int zero_width_category(uint32_t cp)
{
	return !strcmp(ucd->gc[cp], "Mn") || !strcmp(ucd->gc[cp], "Me") ||
	       !strcmp(ucd->gc[cp], "Cf");
}

/* The width EastAsianWidth.txt and the General_Category give cp: none for
 * combining marks and format characters (Mn, Me, Cf: glibc's zero-width
 * set), 2 for W and F, amb for A, and 1 for N, Na and H. */
static int eaw_width(uint32_t cp, int amb)
{
	if (zero_width_category(cp))
		return 0;
	switch (ucd->eaw[cp]) {
	case EAW_W:
	case EAW_F:
		return 2;
	case EAW_A:
		return amb;
	default:
		return 1;
	}
}

/* Every known code point whose width differs from eaw_width() (with amb 1),
 * the width it has, and why: these are glibc's choices, which the width
 * functions follow so that the layout agrees with what ncursesw draws. */
static const struct eawdiff {
	uint32_t lo, hi;
	int width;
	const char *why;
} eawdiffs[] = {
	{0x0600, 0x0605, 1, "Arabic number signs: Cf, but Prepended_Concatenation_Mark (PropList) "
			    "drawn over the digits that follow, so glibc gives them a cell"},
	{0x06DD, 0x06DD, 1, "Arabic end of ayah: a prepended concatenation mark, as above"},
	{0x070F, 0x070F, 1, "Syriac abbreviation mark: a prepended concatenation mark"},
	{0x0890, 0x0891, 1, "Arabic pound and piastre marks above: prepended concatenation marks"},
	{0x08E2, 0x08E2, 1, "Arabic disputed end of ayah: a prepended concatenation mark"},
	{0x1160, 0x11FF, 0, "Hangul jungseong and jongseong (N): they join the choseong before "
			    "them into one syllable two cells wide, so glibc gives them none"},
	{0x3248, 0x324F, 2, "circled numbers on black squares: A in the file, but wide in glibc "
			    "whatever the ambiguous width, like the rest of their block"},
	{0x4DC0, 0x4DFF, 2, "Yijing hexagram symbols: N in the file (W from Unicode 16.0), "
			    "wide in glibc"},
	{0xD7B0, 0xD7C6, 0, "Hangul jungseong extended-B (N): zero-width, as U+1160-11FF"},
	{0xD7CB, 0xD7FB, 0, "Hangul jongseong extended-B (N): zero-width, as U+1160-11FF"},
	{0x110BD, 0x110BD, 1, "Kaithi number sign: a prepended concatenation mark"},
	{0x110CD, 0x110CD, 1, "Kaithi number sign above: a prepended concatenation mark"},
};

static const struct eawdiff *eaw_known_diff(uint32_t cp)
{
	for (size_t i = 0; i < sizeof eawdiffs / sizeof eawdiffs[0]; i++)
		if (cp >= eawdiffs[i].lo && cp <= eawdiffs[i].hi)
			return &eawdiffs[i];
	return NULL;
}

/* Check width_cp() against eaw_width() and the known differences for
 * every known code point whose East Asian Width is in classes (a bit per
 * enum eaw), with ambiguous characters amb cells. Returns how many
 * code points differ from eaw_width(), all of them known ones. */
static size_t check_eaw(unsigned classes, int amb)
{
	size_t checked = 0, diffs = 0, bad = 0;

	ucd_data();
	for (uint32_t cp = 0; cp < NCP; cp++) {
		const struct eawdiff *d;
		int want, got;

		if (!known(cp) || !(classes & 1u << ucd->eaw[cp]))
			continue;
		checked++;
		d = eaw_known_diff(cp);
		want = d ? d->width : eaw_width(cp, amb);
		got = width_cp(cp, amb);
		{
			int mark;

			/* Format characters shown as the format mark take its
			 * cells; they are counted apart from glibc's choices. */
			if (width_glyph(cp, &mark) == WIDTH_FORMAT_MARK && mark) {
				if (got != width_cp(WIDTH_FORMAT_MARK, amb) && bad++ < MAX_REPORTS)
					print_message("U+%04X: not the format mark's width\n",
						      (unsigned)cp);
				continue;
			}
		}
		if (got == want) {
			diffs += got != eaw_width(cp, amb);
		} else if (bad++ < MAX_REPORTS) {
			print_message("U+%04X (%s, %s): width_cp(cp, %d) = %d, want %d%s\n",
				      (unsigned)cp, ucd->gc[cp], eaw_names[ucd->eaw[cp]], amb, got,
				      want, d ? " (a known difference)" : "");
		}
	}
	if (bad)
		fail_msg("%zu code points have not the width %s gives them", bad, EAST_ASIAN_WIDTH);
	assert_true(checked > 0);
	return diffs;
}

#define CLASS(e) (1u << (e))

/* W and F are two cells, but for the combining marks among them (the
 * ideographic tone marks U+302A-302D, the kana voicing marks U+3099-309A
 * and the Khitan filler U+16FE4, all Mn), which take none. */
static void test_eaw_wide(void **state)
{
	size_t marks = 0, wide = 0;

	(void)state;
	assert_int_equal(check_eaw(CLASS(EAW_W) | CLASS(EAW_F), 1), 0);
	assert_int_equal(check_eaw(CLASS(EAW_W) | CLASS(EAW_F), 2), 0);
	for (uint32_t cp = 0; cp < NCP; cp++) {
		if (!known(cp) || (ucd->eaw[cp] != EAW_W && ucd->eaw[cp] != EAW_F))
			continue;
		if (zero_width_category(cp)) {
			marks++;
			assert_int_equal(width_cp(cp, 1), 0);
		} else {
			wide++;
			assert_int_equal(width_cp(cp, 1), 2);
			assert_int_equal(width_cp(cp, 2), 2);
		}
	}
	assert_int_equal(marks, 7);
	assert_true(wide > 100000);
}

/* A is one cell with amb 1 and two with amb 2 (but for U+3248-324F, two
 * either way); width_is_ambiguous() is exactly the file's A, over every
 * code point; and amb 2 widens exactly the A characters that are one
 * cell with amb 1. */
static void test_eaw_ambiguous(void **state)
{
	size_t bad = 0, widened = 0;

	(void)state;
	assert_int_equal(check_eaw(CLASS(EAW_A), 1), 8);
	assert_int_equal(check_eaw(CLASS(EAW_A), 2), 0);
	for (uint32_t cp = 0; cp < NCP; cp++) {
		int a = ucd->eaw[cp] == EAW_A, w1 = width_cp(cp, 1), w2 = width_cp(cp, 2);
		int want2 = a && w1 == 1 ? 2 : w1, mark;

		widened += w2 != w1;
		/* A format character drawn as the mark is as wide as the mark. */
		if (width_glyph(cp, &mark) == WIDTH_FORMAT_MARK && mark && w1 == 1 && w2 == 2)
			continue;
		if (!width_is_ambiguous(cp) == !a && w2 == want2)
			continue;
		if (bad++ < MAX_REPORTS)
			print_message("U+%04X (%s): width_is_ambiguous %d, width_cp %d and %d\n",
				      (unsigned)cp, eaw_names[ucd->eaw[cp]], width_is_ambiguous(cp),
				      w1, w2);
	}
	if (bad)
		fail_msg("%zu code points break the ambiguous-width rule", bad);
	assert_true(widened > 100000);      /* most of it the private use planes */
}

/* Na and H are one cell. */
static void test_eaw_narrow(void **state)
{
	(void)state;
	assert_int_equal(check_eaw(CLASS(EAW_NA) | CLASS(EAW_H), 1), 0);
	assert_int_equal(check_eaw(CLASS(EAW_NA) | CLASS(EAW_H), 2), 0);
}

/* N is one cell, but for combining marks and format characters (none)
 * and the known differences. */
static void test_eaw_neutral(void **state)
{
	(void)state;
	assert_int_equal(check_eaw(CLASS(EAW_N), 1), 309);
	assert_int_equal(check_eaw(CLASS(EAW_N), 2), 309);
}

/* The list of known differences is exact: each of its code points is
 * known to the build and differs from eaw_width(); 317 in all. */
static void test_eaw_differences(void **state)
{
	size_t n = 0;

	(void)state;
	ucd_data();
	for (size_t i = 0; i < sizeof eawdiffs / sizeof eawdiffs[0]; i++) {
		for (uint32_t cp = eawdiffs[i].lo; cp <= eawdiffs[i].hi; cp++) {
			if (!known(cp) || eaw_width(cp, 1) == eawdiffs[i].width)
				fail_msg("U+%04X is no difference: %s", (unsigned)cp,
					 eawdiffs[i].why);
			assert_int_equal(width_cp(cp, 1), eawdiffs[i].width);
			n++;
		}
	}
	assert_int_equal(n, 317);
	assert_int_equal(check_eaw(~0u, 1), 317);
	assert_int_equal(check_eaw(~0u, 2), 309);
}

/*
 * With amb 1, width_cp() is glibc's wcwidth() for every code point glibc
 * measures, but for controls (Cc: marks), surrogates, private use, the
 * format characters drawn as nothing (none of which glibc gives a cell)
 * and those drawn as the format mark (the bidi controls, the soft hyphen,
 * word joiners: the mark's cell). What glibc cannot measure is drawn as a mark: of the code points
 * the build knows, only U+2028 and U+2029, the line and paragraph
 * separators (glibc 2.36 measures every other code point of Unicode 14.0
 * and none newer or unassigned).
 */
static void test_wcwidth(void **state)
{
	size_t same = 0, bad = 0, hidden = 0, known_marks = 0, unknown_measured = 0;

	(void)state;
	ucd_data();
	for (uint32_t cp = 0; cp < NCP; cp++) {
		const char *gc = ucd->gc[cp];
		int mark, w = wcwidth((wchar_t)cp);
		uint32_t g = width_glyph(cp, &mark);

		unknown_measured += !known(cp) && w >= 0;
		if (!strcmp(gc, "Cc") || !strcmp(gc, "Cs") || !strcmp(gc, "Co") ||
		    (mark && g == WIDTH_FORMAT_MARK))
			continue;
		if (g == 0) {
			/* Drawn as nothing: only format characters, variation
			 * selectors (Mn) and unassigned ones. */
			if (strcmp(gc, "Cf") && strcmp(gc, "Mn") && strcmp(gc, "Cn"))
				fail_msg("U+%04X (%s) is drawn as nothing", (unsigned)cp, gc);
			hidden += w > 0;
			continue;
		}
		if (w < 0) {
			if (known(cp) && known_marks++ < 2)
				assert_int_equal(cp, 0x2028 + known_marks - 1);
			if (mark)
				continue;
		} else if (width_cp(cp, 1) == w) {
			same++;
			continue;
		}
		if (bad++ < MAX_REPORTS)
			print_message("U+%04X (%s): wcwidth %d, width_cp %d, glyph U+%04X%s\n",
				      (unsigned)cp, gc, w, width_cp(cp, 1), (unsigned)g,
				      mark ? " (a mark)" : "");
	}
	if (bad)
		fail_msg("%zu code points differ from wcwidth()", bad);
	assert_int_equal(hidden, 0);
	assert_int_equal(known_marks, 2);
	assert_int_equal(unknown_measured, 0);
	assert_true(same > 140000);
}

/* The format characters that do a job are drawn as nothing and take no
 * cell (ZWSP, ZWNJ, ZWJ, variation selectors); those that would change the
 * text without showing are drawn as the format mark, one or two cells as
 * the ambiguous width says (the bidi controls, the soft hyphen, word
 * joiners, a BOM inside the text). */
static void test_invisible(void **state)
{
	static const uint32_t t[][2] = {
		{0x200B, 0x200D}, {0xFE00, 0xFE0F}, {0xE0100, 0xE01EF},
	};
	static const uint32_t shown[][2] = {
		{0x00AD, 0x00AD}, {0x061C, 0x061C}, {0x200E, 0x200F}, {0x202A, 0x202E},
		{0x2060, 0x2064}, {0x2066, 0x2069}, {0xFEFF, 0xFEFF},
	};

	(void)state;
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		for (uint32_t cp = shown[i][0]; cp <= shown[i][1]; cp++) {
			int mark = 0;

			assert_int_equal(width_glyph(cp, &mark), WIDTH_FORMAT_MARK);
			assert_int_equal(mark, 1);
			assert_int_equal(width_cp(cp, 1), 1);
			assert_int_equal(width_cp(cp, 2), 2);
		}
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		for (uint32_t cp = t[i][0]; cp <= t[i][1]; cp++) {
			int mark = -1;

			assert_int_equal(width_glyph(cp, &mark), 0);
			assert_int_equal(mark, 0);
			assert_int_equal(width_cp(cp, 1), 0);
			assert_int_equal(width_cp(cp, 2), 0);
		}
	}
}

/* C0 controls but TAB, DEL and the C1 controls are drawn as a visible
 * mark one cell wide: the Control Pictures for C0 and DEL; TAB is a
 * space. */
static void test_controls(void **state)
{
	int mark;

	(void)state;
	for (uint32_t cp = 0; cp <= 0x9F; cp++) {
		uint32_t g;

		if (cp == '\t' || (cp >= 0x20 && cp < 0x7F))
			continue;
		mark = 0;
		g = width_glyph(cp, &mark);
		if (!mark)
			fail_msg("U+%04X: no mark", (unsigned)cp);
		if (cp < 0x20)
			assert_int_equal(g, 0x2400 + cp);
		else if (cp == 0x7F)
			assert_int_equal(g, 0x2421);
		/* The mark itself must be safe to send to the terminal. */
		assert_true(g >= 0x20 && g != 0x7F && (g < 0x80 || g > 0x9F));
		assert_int_equal(wcwidth((wchar_t)g), 1);
		assert_int_equal(width_cp(cp, 1), 1);
		assert_int_equal(width_cp(cp, 2), 1);
	}
	mark = 1;
	assert_int_equal(width_glyph('\t', &mark), ' ');
	assert_int_equal(mark, 0);
	assert_int_equal(width_cp('\t', 1), 1);
}

/*
 * Every value a uint32_t can hold, assigned or not, valid or not, has a
 * width of 0, 1 or 2 with either ambiguous width, and it is the width of
 * its glyph: nothing (0), or a character the terminal can draw as it is.
 */
static void test_never_negative(void **state)
{
	static const uint32_t beyond[] = {0x110000, 0x1FFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE,
					  0xFFFFFFFF};
	size_t bad = 0;

	(void)state;
	for (uint64_t v = 0; v < NCP + sizeof beyond / sizeof beyond[0]; v++) {
		uint32_t cp = v < NCP ? (uint32_t)v : beyond[v - NCP];
		int mark, gmark, ok = 1;
		uint32_t g = width_glyph(cp, &mark);

		for (int amb = 1; amb <= 2; amb++) {
			int w = width_cp(cp, amb);

			if (w < 0 || w > 2)
				ok = 0;
			else if (g == 0)
				ok &= w == 0 && !mark;
			else
				ok &= w == width_cp(g, amb) && width_glyph(g, &gmark) == g &&
				      !gmark;
		}
		if (v >= NCP || (cp >= 0xD800 && cp <= 0xDFFF))
			ok &= mark;     /* not a character at all */
		if (!ok && bad++ < MAX_REPORTS)
			print_message("U+%04X: glyph U+%04X%s, width_cp %d and %d\n", (unsigned)cp,
				      (unsigned)g, mark ? " (a mark)" : "", width_cp(cp, 1),
				      width_cp(cp, 2));
	}
	if (bad)
		fail_msg("%zu code points have a bad width or glyph", bad);
}

/* Widths follow glibc in a UTF-8 locale: set one up as the reader does. */
static int setup(void **state)
{
	(void)state;
	if (width_init() < 0) {
		fprintf(stderr, "test_unicode: no UTF-8 locale (C.UTF-8) available\n");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(lbt.v);
	free(gbt.v);
	free(ucd);
	return 0;
}

/* ambiguous_width = auto: the terminal's answer to the probe, with what
 * may come before it, and what is no answer. */
static void test_probe_answer(void **state)
{
	static const struct {
		const char *in;
		int want;
	} t[] = {
		{"\033[12;2R", 1},          /* one cell: the cursor at column 2 */
		{"\033[1;3R", 2},           /* two cells */
		{"jk\033[40;3R", 2},        /* keys typed before the answer */
		{"\033[5;2R\033[5;3R", 2},  /* the last answer counts */
		{"\033[12;4R", 0},          /* three cells: nonsense */
		{"\033[12;1R", 0},          /* nothing drawn */
		{"\033[;2R", 0},
		{"\033[12;2", 0},           /* cut short: the time-out */
		{"\033[123456;2R", 0},      /* a row too long to be one */
		{"12;2R", 0},
		{"", 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (width_probe_answer(t[i].in, strlen(t[i].in)) != t[i].want)
			fail_msg("answer %zu: %d, not %d", i, width_probe_answer(t[i].in, strlen(t[i].in)),
				 t[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linebreak_libunistring),
		cmocka_unit_test(test_linebreak_layout),
		cmocka_unit_test(test_linebreak_untailored),
		cmocka_unit_test(test_linebreak_mandatory),
		cmocka_unit_test(test_grapheme_libunistring),
		cmocka_unit_test(test_grapheme_layout),
		cmocka_unit_test(test_eaw_wide),
		cmocka_unit_test(test_eaw_ambiguous),
		cmocka_unit_test(test_probe_answer),
		cmocka_unit_test(test_eaw_narrow),
		cmocka_unit_test(test_eaw_neutral),
		cmocka_unit_test(test_eaw_differences),
		cmocka_unit_test(test_wcwidth),
		cmocka_unit_test(test_invisible),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_never_negative),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
