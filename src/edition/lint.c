/*
 * lint: proofreading an edition. See lint.h.
 *
 * Each text of each article (kicker, headline, subtitle, paragraphs,
 * byline) is decoded once into code points with their byte offsets, and
 * that one pass notes what the text holds (HAS_*) and where its ASCII
 * marks, brackets and repeated characters are: a check runs only on a text
 * that holds what it looks for, and the checks of marks, brackets and
 * doublings visit only those places (the speed target of --lint is twice
 * the time of --outline). Each reports at an offset, which the source map
 * turns into a line and a column. What the parser trims away (indentation,
 * whitespace at a line's end) it records itself (kinds indent and
 * trailing-space), handed on with its other findings.
 */
#include "lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniname.h>

#include "text.h"
#include "util.h"
#include "variants.h"
#include "words.h"

/* What a text holds, noted while it is decoded: a check runs only on a
 * text that holds what it looks for, so that most texts are walked once. */
enum {
	HAS_REPEAT = 1 << 0,       /* a Han character again 1 or 2 further on */
	HAS_VARIANT = 1 << 1,      /* a character of the other script */
	HAS_HALF_MARK = 1 << 2,    /* ASCII , : ; ? ! ( ) */
	HAS_FULL_ALNUM = 1 << 3,   /* full-width digits or letters */
	HAS_ASCII_ALNUM = 1 << 4,
	HAS_DIGIT = 1 << 5,
	HAS_DIGIT_LIKE = 1 << 6,   /* O o l I */
	HAS_BRACKET = 1 << 7,      /* a quotation mark or bracket of pairs[] */
	HAS_SPACE = 1 << 8,        /* a space, a no-break or ideographic space, a
				    * format character */
};

/* One text being checked: its code points and their offsets. */
struct ctx {
	const struct edition *ed;
	const struct lint_opts *o;
	struct findings *out;
	size_t art, item;
	int para;                  /* a paragraph of body text */
	int simplified;            /* the edition is in simplified characters */
	uint32_t *cp;
	size_t *off;
	size_t n, cap;
	size_t len;                /* bytes of the text */
	unsigned has;              /* HAS_* of the text */
	/* Where the text's ASCII , : ; ? ! ( ) and its quotation marks and
	 * brackets are (indices into cp): the checks of those walk only them. */
	size_t *marks, nmarks, capmarks;
	size_t *brackets, nbrackets, capbrackets;
	/* Where a Han character comes again at once or one further on (AA,
	 * ABA): where a doubling may start, in order. */
	size_t *repeats, nrepeats, caprepeats;
};

static int is_off(const struct lint_opts *o, enum finding_kind k)
{
	return (o->off >> k) & 1;
}

/* Report kind k at byte offset off of the current text. */
static void report(struct ctx *c, enum finding_kind k, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report(struct ctx *c, enum finding_kind k, size_t off, const char *fmt, ...)
{
	size_t line = 0, col = 0;
	char msg[512];
	va_list ap;
	int n;

	if (is_off(c->o, k))
		return;
	if (edition_source_at(c->ed, c->art, c->item, off, &line, &col) < 0)
		line = c->ed->articles[c->art].items[c->item].line;
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	findings_add_text(c->out, k, c->ed->path, line, col, msg,
			  (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
}

/* Report kind k at byte offset off with a message made already. */
static void report_text(struct ctx *c, enum finding_kind k, size_t off, const char *msg, size_t n)
{
	size_t line = 0, col = 0;

	if (is_off(c->o, k))
		return;
	if (edition_source_at(c->ed, c->art, c->item, off, &line, &col) < 0)
		line = c->ed->articles[c->art].items[c->item].line;
	findings_add_text(c->out, k, c->ed->path, line, col, msg, n);
}

/* v in decimal at s (room for 20 digits); returns the digits written. */
static size_t put_uint(char *s, size_t v)
{
	char d[24];
	size_t k = sizeof d, n;

	do
		d[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	n = sizeof d - k;
	memcpy(s, d + k, n);
	return n;
}

static int fullwidth_alnum(uint32_t cp)
{
	return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	       (cp >= 0xFF41 && cp <= 0xFF5A);
}

static int digit_like(uint32_t cp)
{
	return cp == 'O' || cp == 'o' || cp == 'l' || cp == 'I';
}

static int format_char(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
	       cp == 0x00AD || cp == 0x061C;
}

static int is_bracket(uint32_t cp)
{
	return cp == '(' || cp == ')' || cp == '[' || cp == ']' ||
	       (cp >= 0x2018 && cp <= 0x201D && cp != 0x201A && cp != 0x201B) ||
	       (cp >= 0x3008 && cp <= 0x3011) || cp == 0xFF08 || cp == 0xFF09;
}

static int is_half_mark(uint32_t cp)
{
	return cp == ',' || cp == ':' || cp == ';' || cp == '?' || cp == '!' || cp == '(' ||
	       cp == ')';
}

/* HAS_* of one code point that is not a Han character. */
static unsigned has_of(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9')
			return HAS_DIGIT | HAS_ASCII_ALNUM;
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return HAS_ASCII_ALNUM | (digit_like(cp) ? HAS_DIGIT_LIKE : 0);
		if (cp == ' ')
			return HAS_SPACE;
		return (is_half_mark(cp) ? HAS_HALF_MARK : 0) | (is_bracket(cp) ? HAS_BRACKET : 0);
	}
	return (fullwidth_alnum(cp) ? HAS_FULL_ALNUM : 0) | (is_bracket(cp) ? HAS_BRACKET : 0) |
	       (cp == 0x00A0 || cp == 0x3000 || cp == 0x00AD || cp == 0x061C || cp == 0xFEFF ||
			(cp >= 0x200B && cp <= 0x2069 && format_char(cp))
		? HAS_SPACE
		: 0);
}

/* The class of every character of the Basic Multilingual Plane, made
 * once: its HAS_* bits, or C_HAN, with C_FOREIGN_S (traditional, so
 * foreign to simplified text) and C_FOREIGN_T (simplified, foreign to
 * traditional text) made when an edition in that script is first met.
 * One look-up per character instead of a chain of range tests. Outside
 * the plane the classes are worked out (and no character there is in
 * OpenCC's tables). */
enum { C_HAN = 1 << 12, C_FOREIGN_S = 1 << 13, C_FOREIGN_T = 1 << 14 };

static uint16_t classes[0x10000];
static unsigned classes_made;  /* 1: the base, C_FOREIGN_S, C_FOREIGN_T */

static unsigned class_of(uint32_t cp)
{
	return text_is_han(cp) ? C_HAN : has_of(cp);
}

static void classes_init(int simplified, int variants)
{
	unsigned bit = simplified ? C_FOREIGN_S : C_FOREIGN_T;

	if (!(classes_made & 1)) {
		for (uint32_t cp = 0; cp < 0x10000; cp++)
			classes[cp] = (uint16_t)class_of(cp);
		classes_made |= 1;
	}
	if (!variants || (classes_made & bit))
		return;
	for (uint32_t cp = 0x3400; cp < 0x10000; cp++)
		if ((classes[cp] & C_HAN) &&
		    (simplified ? variant_is_traditional(cp)
				: variant_script(cp) == VARIANT_SIMPLIFIED))
			classes[cp] |= (uint16_t)bit;
	classes_made |= bit;
}

/* Is Han character cp of the other script (see check_variants())? */
static int foreign(const struct ctx *c, uint32_t cp)
{
	return cp < 0x10000 && (classes[cp] & (c->simplified ? C_FOREIGN_S : C_FOREIGN_T));
}

/* The code point at u (n bytes left): the texts are valid UTF-8 (the
 * decoder replaced what was not), so the usual one- and three-byte forms
 * are read without checks; the rest by text_next(). */
static inline size_t next_cp(const unsigned char *u, size_t n, uint32_t *cp)
{
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xF0) == 0xE0 && n >= 3) {
		*cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		return 3;
	}
	return text_next((const char *)u, n, cp);
}

/* Decode a text into c->cp and c->off, noting what it holds (c->has)
 * and where its marks and brackets are: one pass over its bytes. */
static void decode_text(struct ctx *c, struct str t)
{
	int variants = !is_off(c->o, FK_VARIANT);
	uint32_t p1 = 0, p2 = 0;   /* the two code points before */
	unsigned has = 0;
	const unsigned char *u = (const unsigned char *)t.s;
	size_t n = 0;

	c->len = t.n;
	c->nmarks = c->nbrackets = c->nrepeats = 0;
	if (t.n + 1 > c->cap) {
		/* Both arrays grow alike: a code point takes a byte at least. */
		size_t cap = c->cap;

		XGROW(c->cp, cap, t.n + 1);
		XGROW(c->off, c->cap, t.n + 1);
	}
	for (size_t i = 0; i < t.n;) {
		uint32_t cp;
		size_t l = next_cp(u + i, t.n - i, &cp);
		unsigned h = cp < 0x10000 ? classes[cp] : class_of(cp);

		if (h & C_HAN) {
			if (cp == p1 || cp == p2) {
				XGROW(c->repeats, c->caprepeats, c->nrepeats + 2);
				if (cp == p2 && n >= 2 &&
				    (!c->nrepeats || c->repeats[c->nrepeats - 1] < n - 2))
					c->repeats[c->nrepeats++] = n - 2;
				if (cp == p1 && (!c->nrepeats || c->repeats[c->nrepeats - 1] < n - 1))
					c->repeats[c->nrepeats++] = n - 1;
			}
		} else if (h & (HAS_HALF_MARK | HAS_BRACKET)) {
			if (h & HAS_HALF_MARK) {
				XGROW(c->marks, c->capmarks, c->nmarks + 1);
				c->marks[c->nmarks++] = n;
			}
			if (h & HAS_BRACKET) {
				XGROW(c->brackets, c->capbrackets, c->nbrackets + 1);
				c->brackets[c->nbrackets++] = n;
			}
		}
		has |= h;
		p2 = p1;
		p1 = cp;
		c->cp[n] = cp;
		c->off[n++] = i;
		i += l;
	}
	if (c->nrepeats)
		has |= HAS_REPEAT;
	if (variants && (has & (c->simplified ? C_FOREIGN_S : C_FOREIGN_T)))
		has |= HAS_VARIANT;
	c->n = n;
	c->has = has;
}

/* The UTF-8 of n code points from cp, into buf (size >= 4 * n + 1). */
static const char *utf8(const uint32_t *cp, size_t n, char *buf)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += text_put(cp[i], buf + k);
	buf[k] = '\0';
	return buf;
}

/* ---- Doubled characters and words -------------------------------------- */

/* Characters Chinese doubles on purpose: reduplicated verbs, adjectives
 * and adverbs, kinship words, measure words and numerals (每一个), the
 * doubled syllables of ABB adjectives, onomatopoeia, and given names. */
static const char doubles[] =
	"看想说试听问走谈聊等尝笑练帮陪谢逛玩读写比查找算摸敲拍搓动转歇坐讲管改理洗"
	"常刚往渐慢好早快轻静悄默纷匆仅偏恰明稍略暗频连屡久深紧牢稳满足整大小多高长"
	"远白活生实扎踏平安淡浅甜暖乖美痛统通区堂草隐处种样头面节声妈爸哥姐弟妹奶爷"
	"姥婆公叔伯舅姑娃宝猩星蛐蝈饽馍狒佼孜谆侃栩津井历冥芸楚落姗莘熙攘蒸欣彤苍皎"
	"亭娓喋咄啧哈嘻呵嘿嗷潺淙飒萧瑟簌隆轰烈浩荡滚源绰一两三千万人个天年月日夜朝"
	"暮岁世代家户事时刻分秒点滴丝缕片阵串件句字条道层步桩门回次场村油晶糟洋乎呼"
	"腾绵茫蒙沉滔勃烘融盈累济翼彬奕凛赫熊皑冉袅婷丽芳莎娜莉琳晶亮乐欢兰红丹冬痒"
	"张根幅栋项座列台箱株棵枝朵颗粒块位名支辆架艘间颖悦婕灿";

/* Two-character words whose ABAB form is Chinese (研究研究). */
static const char *const abab[] = {
	"研究", "讨论", "考虑", "学习", "休息", "商量", "活动", "锻炼", "打听", "收拾",
	"打扫", "整理", "准备", "介绍", "了解", "认识", "体验", "放松", "练习", "比较",
	"检查", "思考", "琢磨", "溜达", "热闹", "高兴", "凉快", "暖和", "轻松", "舒服",
	"雪白", "通红", "笔直", "冰凉", "碧绿", "火红", "金黄", "哗啦", "叮咚", "扑通",
	NULL,
};

/* cp in simplified form, so that traditional text meets the lists and
 * the word list, which are simplified. */
static uint32_t simp(uint32_t cp)
{
	return variant_is_traditional(cp) ? variant_other(cp) : cp;
}

static int doubles_ok(uint32_t cp)
{
	char u[5];

	u[text_put(simp(cp), u)] = '\0';
	return strstr(doubles, u) != NULL;
}

/* Are the n code points at p, in simplified form, a word of the list? */
static int is_word(const struct ctx *c, const uint32_t *p, size_t n)
{
	char u[32];
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += text_put(simp(p[i]), u + k);
	return words_has(c->o->words, u, k);
}

/* Does a word of 2 to 4 characters end at i, or start at i? */
static int ends_word(const struct ctx *c, size_t i)
{
	for (size_t len = 2; len <= 4 && len <= i + 1; len++)
		if (is_word(c, c->cp + i + 1 - len, len))
			return 1;
	return 0;
}

static int starts_word(const struct ctx *c, size_t i)
{
	for (size_t len = 2; len <= 4 && i + len <= c->n; len++)
		if (is_word(c, c->cp + i, len))
			return 1;
	return 0;
}

/* Is there a word of 2 to 4 Han characters that covers the positions
 * from to to? */
static int word_over(const struct ctx *c, size_t from, size_t to)
{
	for (size_t s = from >= 3 ? from - 3 : 0; s <= from; s++)
		for (size_t e = to; e < c->n && e < s + 4; e++) {
			int han = 1;

			for (size_t k = s; k <= e && han; k++)
				han = text_is_han(c->cp[k]);
			if (han && e > s && is_word(c, c->cp + s, e - s + 1))
				return 1;
		}
	return 0;
}

/* Particles that end a phrase without being part of a word (说的|的确). */
static int particle(uint32_t cp)
{
	return cp == 0x7684 /* 的 */ || cp == 0x4E86 /* 了 */ || cp == 0x5730 /* 地 */ ||
	       cp == 0x5F97 /* 得 */ || cp == 0x7740 /* 着 */ || cp == 0x8FC7 /* 过 */;
}

/* AA is Chinese when a word holds it (浓浓, 跃跃欲试), or where two words
 * meet, the first ending in A (or A a particle) and the second starting
 * with it (中国|国家, 研究所|所长, 说的|的确). */
static int aa_ok(const struct ctx *c, size_t i)
{
	return doubles_ok(c->cp[i]) || word_over(c, i, i + 1) ||
	       (i + 2 < c->n && starts_word(c, i + 1) &&
		(particle(c->cp[i]) || (i > 0 && ends_word(c, i))));
}

static int abab_ok(const struct ctx *c, const uint32_t *w)
{
	char u[16];
	uint32_t s2[2] = {simp(w[0]), simp(w[1])};

	/* A verb and its aspect mark said twice (说着说着), a numeral and
	 * its measure word (一层一层) are Chinese. */
	if (w[1] == 0x7740 || w[1] == 0x4E86 || w[0] == 0x4E00)
		return 1;
	utf8(s2, 2, u);
	for (int i = 0; abab[i]; i++)
		if (!strcmp(abab[i], u))
			return 1;
	return is_word(c, w, 4);
}

/* AA as part of AABB (高高兴兴) or BBAA is Chinese, whatever A is. */
static int in_aabb(const struct ctx *c, size_t i)
{
	const uint32_t *p = c->cp;

	return (i + 3 < c->n && p[i + 2] == p[i + 3] && p[i + 2] != p[i] && text_is_han(p[i + 2])) ||
	       (i >= 2 && p[i - 2] == p[i - 1] && p[i - 1] != p[i] && text_is_han(p[i - 1]));
}

static void check_doubled(struct ctx *c)
{
	const uint32_t *p = c->cp;
	char u[32];

	/* Only where a doubling may start: the rest of the text does nothing
	 * but move on. */
	for (size_t i = 0, k = 0; i + 1 < c->n; i++) {
		while (k < c->nrepeats && c->repeats[k] < i)
			k++;
		if (k == c->nrepeats)
			break;
		i = c->repeats[k];
		if (i + 1 >= c->n || !text_is_han(p[i]))
			continue;
		if (p[i + 1] == p[i]) {
			if (!in_aabb(c, i) && !aa_ok(c, i))
				report(c, FK_DOUBLED, c->off[i], "doubled character: %s",
				       utf8(p + i, 2, u));
			i++;
		} else if (i + 3 < c->n && text_is_han(p[i + 1]) && p[i + 2] == p[i] &&
			   p[i + 3] == p[i + 1]) {
			if (!abab_ok(c, p + i))
				report(c, FK_DOUBLED, c->off[i], "doubled word: %s",
				       utf8(p + i, 4, u));
			i += 3;
		}
	}
}

/* ---- Characters of the other script ------------------------------------ */

static void check_variants(struct ctx *c)
{
	char a[8], b[8];

	for (size_t i = 0; i < c->n; i++) {
		if (!text_is_han(c->cp[i]) || !foreign(c, c->cp[i]))
			continue;
		a[text_put(c->cp[i], a)] = '\0';
		b[text_put(variant_other(c->cp[i]), b)] = '\0';
		report(c, FK_VARIANT, c->off[i], c->simplified
			       ? "traditional or variant character %s in simplified text (%s)"
			       : "simplified character %s in traditional text (%s)",
		       a, b);
	}
}

/* ---- Punctuation, widths, numbers -------------------------------------- */

/* Chinese text around a mark: Han characters and the CJK and full-width
 * punctuation blocks. */
static int chinese(uint32_t cp)
{
	return text_is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60) ||
	       cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

/* The nearest code point before (dir -1) or after (dir 1) i that is not an
 * ASCII space; 0 at the text's edge. */
static uint32_t neighbour(const struct ctx *c, size_t i, int dir)
{
	for (size_t k = i; dir < 0 ? k-- > 0 : ++k < c->n;)
		if (c->cp[k] != ' ')
			return c->cp[k];
	return 0;
}

static void check_halfwidth(struct ctx *c)
{
	static const char marks[] = ",:;?!()";
	static const char head[] = "half-width punctuation beside Chinese characters: ";
	static const char tail[] = " (the first here)";
	size_t count[sizeof marks - 1] = {0}, first = SIZE_MAX, total = 0, k;
	char msg[sizeof head + 7 * 26 + sizeof tail];

	for (size_t j = 0; j < c->nmarks; j++) {
		size_t i = c->marks[j];
		const char *m = strchr(marks, (int)c->cp[i]);

		if (!(chinese(neighbour(c, i, -1)) || chinese(neighbour(c, i, 1))))
			continue;
		count[m - marks]++;
		total++;
		if (first == SIZE_MAX)
			first = i;
	}
	if (!total)
		return;
	/* Built by hand: one for nearly every paragraph of some pages. */
	memcpy(msg, head, sizeof head - 1);
	k = sizeof head - 1;
	for (size_t m = 0; m < sizeof marks - 1; m++) {
		if (!count[m])
			continue;
		if (k > sizeof head - 1)
			msg[k++] = ',', msg[k++] = ' ';
		k += put_uint(msg + k, count[m]);
		msg[k++] = ' ';
		msg[k++] = '\'';
		msg[k++] = marks[m];
		msg[k++] = '\'';
	}
	memcpy(msg + k, tail, sizeof tail - 1);
	k += sizeof tail - 1;
	report_text(c, FK_HALFWIDTH, c->off[first], msg, k);
}

static int ascii_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

static void check_widths(struct ctx *c)
{
	size_t full = SIZE_MAX;
	int half = 0;
	char u[8];

	for (size_t i = 0; i < c->n; i++) {
		if (fullwidth_alnum(c->cp[i]) && full == SIZE_MAX)
			full = i;
		half |= ascii_alnum(c->cp[i]);
	}
	if (full != SIZE_MAX && half) {
		u[text_put(c->cp[full], u)] = '\0';
		report(c, FK_MIXED_WIDTH, c->off[full],
		       "full-width digit or letter %s in a paragraph with half-width ones", u);
	}
}

/* A run of digits and digit-like letters, standing alone (no other letter
 * touches it), that has both: 4OO, 1O0, 2l3. */
static void check_numbers(struct ctx *c)
{
	for (size_t i = 0; i < c->n;) {
		size_t j = i;
		int digits = 0, letters = 0;
		char u[64];

		while (j < c->n && ((c->cp[j] >= '0' && c->cp[j] <= '9') || digit_like(c->cp[j]))) {
			digits += c->cp[j] >= '0' && c->cp[j] <= '9';
			letters += digit_like(c->cp[j]);
			j++;
		}
		if (j == i) {
			i++;
			continue;
		}
		if (digits && letters && j - i <= 16 && (i == 0 || !ascii_alnum(c->cp[i - 1])) &&
		    (j == c->n || !ascii_alnum(c->cp[j])))
			report(c, FK_LATIN_NUMBER, c->off[i], "a letter inside the number %s",
			       utf8(c->cp + i, j - i, u));
		i = j;
	}
}

/* ---- Quotation marks and brackets -------------------------------------- */

static const uint32_t pairs[][2] = {
	{0x201C, 0x201D}, {0x2018, 0x2019}, {0xFF08, 0xFF09}, {'(', ')'}, {0x300A, 0x300B},
	{0x300C, 0x300D}, {0x300E, 0x300F}, {0x3010, 0x3011}, {0x3008, 0x3009}, {'[', ']'},
};

/* Which pair cp opens (1) or closes (-1); 0 for neither. *pair gets it. */
static int bracket(uint32_t cp, size_t *pair)
{
	/* Most characters are Han or ASCII letters: out quickly. */
	if (cp < '(' || (cp > ']' && cp < 0x2018) || (cp > 0x201D && cp < 0x3008) ||
	    (cp > 0x3011 && cp < 0xFF08) || cp > 0xFF09)
		return 0;
	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
		if (cp == pairs[k][0] || cp == pairs[k][1]) {
			*pair = k;
			return cp == pairs[k][0] ? 1 : -1;
		}
	return 0;
}

static void check_balance(struct ctx *c)
{
	size_t stack[64], kind[64], depth = 0, pair = 0;
	char u[8];

	for (size_t j = 0; j < c->nbrackets; j++) {
		size_t i = c->brackets[j];
		int b = bracket(c->cp[i], &pair);

		/* An apostrophe between letters (don’t) is no quotation mark. */
		if (c->cp[i] == 0x2019 && i > 0 && i + 1 < c->n && ascii_alnum(c->cp[i - 1]) &&
		    ascii_alnum(c->cp[i + 1]))
			continue;
		if (b > 0 && depth < sizeof stack / sizeof *stack) {
			kind[depth] = pair;
			stack[depth++] = i;
		} else if (b < 0) {
			size_t k = depth;

			while (k > 0 && kind[k - 1] != pair)
				k--;
			if (k == 0) {
				u[text_put(c->cp[i], u)] = '\0';
				report(c, FK_UNBALANCED, c->off[i], "%s closes nothing", u);
			} else {
				depth = k - 1;  /* what stood open inside it stays unreported */
			}
		}
	}
	for (size_t k = 0; k < depth; k++) {
		u[text_put(c->cp[stack[k]], u)] = '\0';
		report(c, FK_UNBALANCED, c->off[stack[k]], "%s is never closed", u);
	}
}

/* ---- Spaces and invisible characters ----------------------------------- */

/* Titles and quotations set two phrases apart with a space
 * (《紫玉金沙 圆梦小康》): inside them a space is no slip. */
static int opens(uint32_t cp)
{
	return cp == 0x201C || cp == 0x300A || cp == 0x300C || cp == 0x300E || cp == 0x3010;
}

static int closes(uint32_t cp)
{
	return cp == 0x201D || cp == 0x300B || cp == 0x300D || cp == 0x300F || cp == 0x3011;
}

static void check_spaces(struct ctx *c)
{
	int quoted = 0;

	for (size_t i = 0; i < c->n; i++) {
		uint32_t cp = c->cp[i];

		/* Only spaces, format characters and quotation marks matter. */
		if (cp < 0x10000 && !(classes[cp] & (HAS_SPACE | HAS_BRACKET)))
			continue;
		quoted += opens(cp) - closes(cp);
		if (format_char(cp)) {
			char name[UNINAME_MAX];

			report(c, FK_FORMAT, c->off[i], "U+%04X %s", (unsigned)cp,
			       unicode_character_name(cp, name) ? name : "format character");
		} else if (!c->para) {
			continue;
		} else if (cp == 0x00A0) {
			report(c, FK_ODD_SPACE, c->off[i], "a no-break space");
		} else if (cp == 0x3000 && i > 0 && c->cp[i - 1] != 0x3000) {
			report(c, FK_ODD_SPACE, c->off[i], "an ideographic space inside the line");
		} else if (cp == ' ' && quoted <= 0 && i > 0 && i + 1 < c->n &&
			   text_is_han(c->cp[i - 1]) && text_is_han(c->cp[i + 1])) {
			report(c, FK_ODD_SPACE, c->off[i], "a space between two Chinese characters");
		}
	}
}

/* ---- The loader's findings ---------------------------------------------- */

/* Is there a join finding of the loader at (line, column)? The edition's
 * findings are sorted by place. */
static int join_at(const struct edition *ed, size_t line, size_t column)
{
	size_t lo = 0, hi = ed->findings.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct finding *f = &ed->findings.v[mid];

		if (f->line < line || (f->line == line && f->column < column))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ed->findings.n && ed->findings.v[lo].line == line &&
	       ed->findings.v[lo].column == column; lo++)
		if (ed->findings.v[lo].kind == FK_JOIN)
			return 1;
	return 0;
}

/* The joins of a paragraph, reported where the archivist checks them: at
 * the end of the piece before the seam (the column just after its last
 * character), naming the line that continues it. */
static void report_joins(struct ctx *c, const struct paragraph *para)
{
	const struct piece *pc = c->ed->pieces + para->piece;

	for (size_t k = 1; k < para->npieces; k++) {
		size_t end = pc[k].off;

		if (!join_at(c->ed, pc[k].line, pc[k].column))
			continue;
		while (end > pc[k - 1].off && para->text.s[end - 1] == ' ')
			end--;  /* the space put between cut Latin words */
		findings_add(c->out, FK_JOIN, c->ed->path, pc[k - 1].line,
			     pc[k - 1].column + text_count(para->text.s + pc[k - 1].off,
							   end - pc[k - 1].off, SIZE_MAX),
			     "the paragraph continues at line %zu across a column break: "
			     "check the seam", (size_t)pc[k].line);
	}
}

/* The loader's other findings, as they are. */
static void loader_findings(const struct edition *ed, const struct lint_opts *o,
			    struct findings *out)
{
	for (size_t i = 0; i < ed->findings.n; i++) {
		const struct finding *f = &ed->findings.v[i];

		if (f->kind != FK_JOIN && !is_off(o, f->kind))
			findings_add(out, f->kind, ed->path, f->line, f->column, "%s", f->message);
	}
}

/* ---- Putting it together ------------------------------------------------ */

/* Which script the edition is in, judged on its first 256 KB (an edition
 * is written in one script; a year need not be read twice to say which):
 * in traditional text a good part of the Han characters (a quarter or so)
 * are traditional-only forms, in simplified text next to none are (a slip
 * here and there). Simplified below one in twenty, or below three. */
static int mostly_simplified(const struct edition *ed)
{
	const char *t = ed->dec.text;
	size_t trad = 0, han = 0, len = ed->dec.len < (256u << 10) ? ed->dec.len : 256u << 10;

	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += text_next(t + i, ed->dec.len - i, &cp);  /* may pass len: harmless */
		if (text_is_han(cp)) {
			han++;
			trad += variant_is_traditional(cp);
		}
	}
	return trad < 3 || trad * 20 < han;
}

static void check_text(struct ctx *c)
{
	const struct item *it = &c->ed->articles[c->art].items[c->item];

	decode_text(c, edition_item_text(c->ed, c->art, c->item));
	c->para = it->kind == ITEM_PARA &&
		  c->ed->articles[c->art].paras[it->para].kind != PARA_SUBHEAD;
	if (it->kind == ITEM_PARA && !is_off(c->o, FK_JOIN))
		report_joins(c, &c->ed->articles[c->art].paras[it->para]);
	/* A kind switched off costs nothing, and so does a check of a text
	 * that does not hold what it looks for. */
	if (!is_off(c->o, FK_DOUBLED) && (c->has & HAS_REPEAT))
		check_doubled(c);
	if (c->has & HAS_VARIANT)
		check_variants(c);
	if (!is_off(c->o, FK_HALFWIDTH) && (c->has & HAS_HALF_MARK))
		check_halfwidth(c);
	if (!is_off(c->o, FK_MIXED_WIDTH) &&
	    (c->has & (HAS_FULL_ALNUM | HAS_ASCII_ALNUM)) == (HAS_FULL_ALNUM | HAS_ASCII_ALNUM))
		check_widths(c);
	if (!is_off(c->o, FK_LATIN_NUMBER) &&
	    (c->has & (HAS_DIGIT | HAS_DIGIT_LIKE)) == (HAS_DIGIT | HAS_DIGIT_LIKE))
		check_numbers(c);
	if (!is_off(c->o, FK_UNBALANCED) && (c->has & HAS_BRACKET))
		check_balance(c);
	if (c->has & HAS_SPACE)
		check_spaces(c);
}

void lint_edition(const struct edition *ed, const struct lint_opts *o, struct findings *out)
{
	struct ctx c = {.ed = ed, .o = o, .out = out, .simplified = 1};

	loader_findings(ed, o, out);
	c.simplified = is_off(o, FK_VARIANT) || mostly_simplified(ed);
	classes_init(c.simplified, !is_off(o, FK_VARIANT));
	for (c.art = 0; c.art < ed->narticles; c.art++)
		for (c.item = 0; c.item < ed->articles[c.art].nitems; c.item++)
			check_text(&c);
	free(c.cp);
	free(c.off);
	free(c.marks);
	free(c.brackets);
	free(c.repeats);
}

int lint_parse_off(struct lint_opts *o, const char *list, const char **bad, size_t *badlen)
{
	const char *p = list;

	while (*p) {
		size_t n;
		int k;

		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (!n)
			break;
		for (k = 0; k < FK_COUNT; k++)
			if (strlen(finding_kinds[k].name) == n && !memcmp(finding_kinds[k].name, p, n))
				break;
		if (k == FK_COUNT) {
			*bad = p;
			*badlen = n;
			return -1;
		}
		o->off |= (uint32_t)1 << k;
		p += n;
	}
	return 0;
}
