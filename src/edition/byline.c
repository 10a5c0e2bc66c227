/*
 * byline: recognising author and credit lines. See byline.h.
 *
 * A name must start with a common Chinese surname: that is what keeps a
 * two-word headline such as "喜迎国庆 共筑梦想" from passing as two names.
 */
#include "byline.h"

#include <pthread.h>
#include <string.h>

#include "text.h"

/* A label and the spaces after it take at most this many bytes before its
 * colon (採訪、攝影 is 15). */
#define LABEL_SCAN 24

/* Single-character surnames, the common ones of the Hundred Family Surnames
 * and of today's population registers. */
static const char surnames[] =
	"赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
	"戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐"
	"费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄"
	"和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁"
	"杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍"
	"虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚"
	"程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓"
	"牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙"
	"叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双"
	"闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农"
	"温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘"
	"匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空"
	"曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公万俟司马上官欧阳"
	"夏侯诸葛闻人东方赫连皇甫尉迟公羊澹台公冶宗政濮阳淳于单于太叔申屠"
	"仝佘冼覃阿买鄢练邝揭粟"
	/* Common in Hong Kong and Guangdong (區, 麥, 蘭 as printed there). */
	"区麦兰";

/* Their traditional forms (吴 is 吳, 钟 is 鍾 and 鐘), derived through
 * OpenCC by tools/gen-surnames.py: surnames_traditional[] and
 * compound_traditional[]. */
#include "surnames_trad.h"

static const char *const compound[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐",
	"慕容", "司徒", "夏侯", "端木", "长孙", "宇文", "轩辕", NULL,
};

/* Agencies that may open a role word (本报记者: agency 本报, role 记者). */
static const char *const agencies[] = {
	"本报", "本報", "新华社", "新華社", "中新社", NULL,
};

/* Role words that may stand before the names; they are not names. */
static const char *const roles[] = {
	"特约记者", "见习记者", "实习记者", "记者", "通讯员", "实习生", "特約記者",
	"記者", "通訊員", "實習生", "文/图", "文／图", "图/文", "图／文", "文", "图", NULL,
};

/* The surname characters: a bitmap over the CJK Unified Ideographs
 * block, filled from the table once per process. Both the reader's
 * thread and its background indexer load editions, so the filling is
 * under pthread_once: neither reads the map half filled. */
static unsigned char surname_map[(0x9FFF - 0x4E00 + 1) / 8 + 1];
static pthread_once_t surname_once = PTHREAD_ONCE_INIT;

static void fill_surnames(void)
{
	static const char *const lists[] = {surnames, surnames_traditional};

	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
		for (size_t i = 0; lists[l][i];) {
			uint32_t c;

			i += text_next(lists[l] + i, strlen(lists[l] + i), &c);
			if (c >= 0x4E00 && c <= 0x9FFF)
				surname_map[(c - 0x4E00) / 8] |= (unsigned char)(1u << ((c - 0x4E00) % 8));
		}
}

/* Is cp a surname character? */
static int is_surname(uint32_t cp)
{
	pthread_once(&surname_once, fill_surnames);
	if (cp < 0x4E00 || cp > 0x9FFF)
		return 0;
	return surname_map[(cp - 0x4E00) / 8] >> ((cp - 0x4E00) % 8) & 1;
}

int byline_is_name(const char *s, size_t n)
{
	size_t chars = 0, i = 0;
	uint32_t cp;

	while (i < n) {
		size_t l = text_next(s + i, n - i, &cp);

		if (!text_is_han(cp) && !(cp == 0x00B7 && chars > 0))
			return 0;
		if (chars == 0 && !is_surname(cp)) {
			int ok = 0;

			for (int k = 0; compound[k]; k++)
				ok |= text_starts(s, n, compound[k]);
			for (int k = 0; compound_traditional[k]; k++)
				ok |= text_starts(s, n, compound_traditional[k]);
			if (!ok)
				return 0;
		}
		chars++;
		i += l;
	}
	return chars >= 2 && chars <= 4;
}

/* Is cp a separator between the names of a byline? */
static int name_sep(uint32_t cp)
{
	return text_is_space(cp) || cp == 0x3001 /* 、 */ || cp == 0x00A0;
}

/* The agency word at the front of s (本报 of 本报驻柏林), at most a bytes. */
static size_t agency_len(const char *s, size_t a)
{
	for (int k = 0; agencies[k]; k++)
		if (text_starts(s, a, agencies[k]))
			return strlen(agencies[k]);
	return a;
}

/* Is s a name? With evidence that names follow (a label, a role word, a
 * dateline), any 2 to 4 Han characters are one (莽某某, 比華利: a surname
 * off the table, a pen name); without, it must start with a surname. */
static int name_token(const char *s, size_t n, int evidence)
{
	size_t i = 0, chars = 0;
	uint32_t cp;

	if (!evidence)
		return byline_is_name(s, n);
	while (i < n) {
		i += text_next(s + i, n - i, &cp);
		if (!text_is_han(cp) && !(cp == 0x00B7 && chars > 0))
			return 0;
		chars++;
	}
	return chars >= 2 && chars <= 4;
}

/* The length of a posting after an agency, 驻柏林 of 本报驻柏林记者: 驻 and
 * up to 8 Han characters before a role word; 0 when there is none. */
static size_t posting(const char *s, size_t n)
{
	size_t i;
	uint32_t cp;

	if (!text_starts(s, n, "驻") && !text_starts(s, n, "駐"))
		return 0;
	i = strlen("驻");
	for (int chars = 0; chars < 8 && i < n; chars++) {
		if (text_starts(s + i, n - i, "记者") || text_starts(s + i, n - i, "記者"))
			return chars ? i : 0;
		i += text_next(s + i, n - i, &cp);
		if (!text_is_han(cp))
			return 0;
	}
	return 0;
}

/* The first characters of the agencies and role words, so that most tokens
 * are let go after one look (names are most of the tokens seen). */
static const char role_firsts[] = "本新中特见实记通文图記通實";

/* Could s open with an agency or a role word? */
static int may_open_role(const char *s, size_t n)
{
	uint32_t cp;
	size_t l = n ? text_next(s, n, &cp) : 0;

	if (l != 3)
		return 0;
	for (size_t i = 0; i + 3 <= sizeof role_firsts - 1; i += 3)
		if (role_firsts[i + 1] == s[1] && role_firsts[i + 2] == s[2] && role_firsts[i] == s[0])
			return 1;
	return 0;
}

/* Take an agency (with a posting) and a role word off the front of the
 * token [*start, end), recording them; the rest must then be a name or
 * nothing. */
static void take_role(const char *s, size_t *start, size_t end, struct byline *out)
{
	size_t a = 0;

	if (!may_open_role(s + *start, end - *start))
		return;

	for (int k = 0; agencies[k]; k++)
		if (text_starts(s + *start, end - *start, agencies[k]))
			a = strlen(agencies[k]);
	if (a)
		a += posting(s + *start + a, end - *start - a);
	for (int r = 0; roles[r]; r++) {
		size_t l = a + strlen(roles[r]);

		if (!text_starts(s + *start + a, end - *start - a, roles[r]) ||
		    (end - *start != l &&
		     !name_token(s + *start + l, end - *start - l, strlen(roles[r]) > 3)))
			continue;
		if (a && !out->agency.n)
			out->agency = (struct byline_span){s + *start, agency_len(s + *start, a)};
		if (out->nrole < BYLINE_MAX)
			out->role[out->nrole++] = (struct byline_span){s + *start + a, l - a};
		*start += l;
		return;
	}
}

/* The next token of s from *i, split at name_sep(); 0 when none is left. */
static int next_token(const char *s, size_t n, size_t *i, size_t *start, size_t *end)
{
	uint32_t cp;

	size_t l = 0;

	/* Each character decoded once: l is the one just looked at. */
	while (*i < n && (l = text_next(s + *i, n - *i, &cp), name_sep(cp)))
		*i += l;
	*start = *i;
	while (*i < n && (l = text_next(s + *i, n - *i, &cp), !name_sep(cp)))
		*i += l;
	*end = *i;
	return *end > *start;
}

/* Has a role word of two characters or more (记者, not 文 or 图, which
 * open too many words) been taken off? */
static int role_words(const struct byline *out)
{
	for (size_t k = 0; k < out->nrole; k++)
		if (out->role[k].n > 3)
			return 1;
	return 0;
}

/* Split at spaces and 、; strip role words; collect names; -1 if a token
 * is not a name. evidence: names are expected here (see name_token); a
 * role word is evidence for the names after it. */
static int collect(const char *s, size_t n, struct byline *out, int evidence)
{
	size_t i = 0, start, end;

	while (next_token(s, n, &i, &start, &end)) {
		size_t j = i, s2, e2;

		take_role(s, &start, end, out);
		if (start == end)
			continue;
		/* 王  某: a two-character name padded to the width of three. */
		if (text_count(s + start, end - start, 2) == 1 &&
		    next_token(s, n, &j, &s2, &e2) && text_count(s + s2, e2 - s2, 2) == 1 &&
		    out->n < BYLINE_MAX) {
			out->name[out->n++] = (struct byline_span){s + start, e2 - start};
			i = j;
			continue;
		}
		if (!name_token(s + start, end - start, evidence || role_words(out)) ||
		    out->n == BYLINE_MAX)
			return -1;
		out->name[out->n++] = (struct byline_span){s + start, end - start};
	}
	return out->n ? 0 : -1;
}

int byline_names(const char *s, size_t n, struct byline *out, int evidence)
{
	memset(out, 0, sizeof *out);
	if (collect(s, n, out, evidence) < 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	out->kind = BYLINE_AUTHORS;
	return 0;
}

/* Labels that may open a byline or credit line with a colon (记者：王小明,
 * 来源：新华社), and what the names after them are. */
static const struct {
	const char *word;
	enum byline_kind kind;
	int agency;  /* the rest is an organisation, not personal names */
} labels[] = {
	{"本报记者", BYLINE_AUTHORS, 0}, {"特约记者", BYLINE_AUTHORS, 0},
	{"见习记者", BYLINE_AUTHORS, 0}, {"本报通讯员", BYLINE_AUTHORS, 0},
	{"记者", BYLINE_AUTHORS, 0},    {"通讯员", BYLINE_AUTHORS, 0},
	{"实习生", BYLINE_AUTHORS, 0},  {"作者", BYLINE_AUTHORS, 0},
	{"撰文", BYLINE_AUTHORS, 0},    {"文", BYLINE_AUTHORS, 0},
	{"本報記者", BYLINE_AUTHORS, 0}, {"記者", BYLINE_AUTHORS, 0},
	{"採訪、攝影", BYLINE_AUTHORS, 0}, {"採訪", BYLINE_AUTHORS, 0},
	{"攝影", BYLINE_CREDIT, 0},
	{"摄影", BYLINE_CREDIT, 0},     {"图片", BYLINE_CREDIT, 0},
	{"图", BYLINE_CREDIT, 0},       {"来源", BYLINE_CREDIT, 1},
	{"稿源", BYLINE_CREDIT, 1},
};

/* Is there a colon (:, ：, ︰) in the first bytes of s, where a label's
 * would be? Most lines have none, and need no look at the labels. */
static int early_colon(const char *s, size_t n)
{
	size_t m = n < LABEL_SCAN ? n : LABEL_SCAN;

	for (size_t i = 0; i < m; i++)
		if (s[i] == ':' || ((unsigned char)s[i] == 0xEF && i + 2 < n &&
				    (!memcmp(s + i, "：", 3) || !memcmp(s + i, "︰", 3))))
			return 1;
	return 0;
}

int byline_label(const char *s, size_t n, size_t *len)
{
	if (!early_colon(s, n))
		return -1;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		size_t l = strlen(labels[i].word);
		const char *rest = s + l;
		size_t rn = n - l;

		if (n < l || memcmp(s, labels[i].word, l) != 0)
			continue;
		while (rn && *rest == ' ')
			rest++, rn--;
		if (rn && *rest == ':') {
			*len = (size_t)(rest + 1 - s);
			return (int)i;
		}
		/* ：, or the vertical ︰ some Hong Kong text uses. */
		if (rn >= 3 && (memcmp(rest, "：", 3) == 0 || memcmp(rest, "︰", 3) == 0)) {
			*len = (size_t)(rest + 3 - s);
			return (int)i;
		}
	}
	return -1;
}

enum byline_kind byline_parse(const char *s, size_t n, struct byline *out)
{
	static const char *const open[] = {"（", "(", "【", "[", NULL};
	static const char *const close[] = {"）", ")", "】", "]", NULL};
	enum byline_kind kind = BYLINE_AUTHORS;

	memset(out, 0, sizeof *out);
	{
		/* 记者：王小明, 来源：新华社: a labelled line. */
		size_t ll;
		int li = byline_label(s, n, &ll);

		if (li >= 0) {
			const char *r = s + ll;
			size_t rn = n - ll;

			text_trim(&r, &rn);
			if (labels[li].agency) {
				if (!rn || text_count(r, rn, 12) > 12)
					return BYLINE_NONE;
				out->kind = BYLINE_CREDIT;
				out->n = 1;
				out->name[0].s = r;
				out->name[0].n = rn;
				return BYLINE_CREDIT;
			}
			if (!rn || collect(r, rn, out, 1) < 0) {
				memset(out, 0, sizeof *out);
				return BYLINE_NONE;
			}
			out->kind = labels[li].kind;
			if (out->kind == BYLINE_AUTHORS && out->nrole < BYLINE_MAX)
				out->role[out->nrole++] = (struct byline_span){
					s, strlen(labels[li].word)};
			return out->kind;
		}
	}
	for (int k = 0; open[k]; k++) {
		if (text_starts(s, n, open[k]) && text_ends(s, n, close[k])) {
			s += strlen(open[k]);
			n -= strlen(open[k]) + strlen(close[k]);
			text_trim(&s, &n);
			break;
		}
	}
	if (text_ends(s, n, "摄")) {
		kind = BYLINE_CREDIT;
		n -= strlen("摄");
	} else if (text_ends(s, n, "供图")) {
		kind = BYLINE_CREDIT;
		n -= strlen("供图");
	} else if (n > strlen("社发") && text_ends(s, n, "社发") && text_count(s, n, 8) <= 8) {
		/* An agency credit such as 新华社发 is its own name. */
		out->kind = BYLINE_CREDIT;
		out->n = 1;
		out->name[0].s = s;
		out->name[0].n = n - strlen("发");
		return BYLINE_CREDIT;
	}
	text_trim(&s, &n);
	if (!n || collect(s, n, out, 0) < 0) {
		memset(out, 0, sizeof *out);
		return BYLINE_NONE;
	}
	out->kind = kind;
	return kind;
}
