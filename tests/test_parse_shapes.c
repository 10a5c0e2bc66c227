/*
 * test_parse_shapes: the shapes of real newspaper pages (issue 10), each
 * with a small made-up page: headings of one to three lines, datelines
 * and their names, closing bylines in brackets, subheads, joins made only
 * on evidence, and the notes left where the parser was unsure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"
#include "edition.h"
#include "shapes.h"
#include "text.h"
#include "variants.h"

static void parse(struct edition *ed, const char *text)
{
	struct decoded d;
	const char *why = NULL;

	if (decode_bytes((const unsigned char *)text, strlen(text), 0, &d, &why) < 0)
		fail_msg("decode failed: %s", why);
	edition_parse(ed, "test", &d);
}

static void eq(struct str s, const char *want)
{
	if (!want) {
		assert_int_equal(s.n, 0);
		return;
	}
	if (s.n != strlen(want) || memcmp(s.s, want, s.n) != 0)
		fail_msg("got \"%.*s\", want \"%s\"", (int)s.n, s.s ? s.s : "", want);
}

static size_t count(const struct edition *ed, enum finding_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < ed->findings.n; i++)
		n += ed->findings.v[i].kind == k;
	return n;
}

/* An indented page: unindented lines are headings (kicker, headline,
 * subtitle), indented ones paragraphs, short ones subheads. */
static void test_three_line_heading(void **state)
{
	struct edition ed;

	(void)state;
	parse(&ed, "山村小学迎来新校舍\n某县多方筹资改善办学条件\n——来自西部山区的报道\n"
		   "\u3000\u3000本报西宁3月5日电  （记者 王小明、李红）新校舍今天启用，孩子们很高兴。\n"
		   "\u3000\u3000■ 教室亮了\n"
		   "\u3000\u3000老师说，教室比以前亮多了。\n"
		   "第二篇的标题\n\u3000\u3000新华社北京3月5日电  第二篇的正文。\n");
	assert_int_equal(ed.narticles, 2);
	eq(ed.articles[0].kicker, "山村小学迎来新校舍");
	eq(ed.articles[0].headline, "某县多方筹资改善办学条件");
	eq(ed.articles[0].subtitle, "——来自西部山区的报道");
	eq(ed.articles[0].dateline, "本报西宁3月5日电");
	eq(ed.articles[0].dateline_place, "西宁");
	eq(ed.articles[0].agency, "本报");
	assert_int_equal(ed.articles[0].nbyline, 2);
	eq(ed.articles[0].byline[1], "李红");
	eq(ed.articles[0].roles[0], "记者");
	assert_int_equal(ed.articles[0].nparas, 3);
	assert_int_equal(ed.articles[0].paras[1].kind, PARA_SUBHEAD);
	eq(ed.articles[1].agency, "新华社");
	edition_free(&ed);
}

/* Two heading lines: a —— line is the subtitle; otherwise a kicker over
 * the headline. */
static void test_two_line_heading(void **state)
{
	struct edition ed;

	(void)state;
	parse(&ed, "某某集团签下大单\n书写合作新篇章\n\n正文第一段写得很长，说了很多事情。\n\n"
		   "（本报记者 赵明）\n\n\n访问记的标题\n——访某研究所研究员\n\n正文。\n");
	assert_int_equal(ed.narticles, 2);
	eq(ed.articles[0].kicker, "某某集团签下大单");
	eq(ed.articles[0].headline, "书写合作新篇章");
	assert_int_equal(ed.articles[0].nparas, 1);
	assert_int_equal(ed.articles[0].nbyline, 1);
	eq(ed.articles[1].headline, "访问记的标题");
	eq(ed.articles[1].subtitle, "——访某研究所研究员");
	edition_free(&ed);
}

/* On a blank page a heading-like line without a mark is a subhead, and
 * the doubt is a boundary note; a dateline under it makes it a headline. */
static void test_subhead_or_headline(void **state)
{
	struct edition ed;

	(void)state;
	parse(&ed, "第一篇标题\n\n第一段正文，写了很多。\n\n小标题在这里\n\n第二段正文。\n\n"
		   "第二篇标题\n\n本报上海3月5日电  第二篇正文。\n");
	assert_int_equal(ed.narticles, 2);
	assert_int_equal(ed.articles[0].nparas, 3);
	assert_int_equal(ed.articles[0].paras[1].kind, PARA_SUBHEAD);
	assert_int_equal(count(&ed, FK_BOUNDARY), 1);
	eq(ed.articles[1].dateline, "本报上海3月5日电");
	edition_free(&ed);
}

/* A column break inside prose is joined; a short unfinished line (a
 * label, a credit) is left apart as a candidate. */
static void test_join_on_evidence(void **state)
{
	struct edition ed;

	(void)state;
	parse(&ed, "标题\n\n开头一段。\n\n这是一个很长的段落，讲了一件事情，讲到一半被分\n\n"
		   "栏截断了，后面还有一半。\n\n核心提示\n\n又一段。\n");
	assert_int_equal(ed.narticles, 1);
	assert_int_equal(count(&ed, FK_JOIN), 1);
	assert_int_equal(ed.articles[0].paras[1].last_line, 7);
	edition_free(&ed);
	parse(&ed, "标题\n\n这是第一段的内容，讲完了。\n\n图为某某在工作现场\n\n"
		   "下一段正文比较短\n\n再一段。\n");
	assert_int_equal(count(&ed, FK_JOIN), 0);
	assert_int_equal(count(&ed, FK_JOIN_CANDIDATE), 2);
	edition_free(&ed);
}

/* Not joined on shape alone: an unfinished first line under the heading
 * (a deck), and a short unfinished line over a text many times its length
 * (a subhead over its section). Comparable pieces are joined. */
static void test_join_lead_and_lopsided(void **state)
{
	struct edition ed;

	(void)state;
	parse(&ed, "某地新事一则\n\n小河变清了，岸边的人家也多了起来\n\n"
		   "今年春天，村里请来了技术员，讲怎样种果树，讲怎样养鱼。\n\n"
		   "治水先治源，一条河带活一个村\n\n"
		   "说起这条小河，老人们都记得它过去的样子：河水发黑，岸上堆满垃圾，"
		   "夏天一到，气味难闻，谁也不愿意从河边走。后来，村里定下规矩，"
		   "家家户户轮流清理河道，一年下来，河水慢慢变清了。\n\n"
		   "如今，河边建起了步道，傍晚散步的人多了，孩子们在岸边放风\n\n"
		   "筝，老人们坐在树下聊天，说起变化都很高兴。\n");
	assert_int_equal(ed.narticles, 1);
	assert_int_equal(count(&ed, FK_JOIN), 1);
	assert_int_equal(count(&ed, FK_JOIN_CANDIDATE), 2);
	assert_int_equal(ed.articles[0].nparas, 5);
	assert_int_equal(ed.articles[0].paras[4].first_line, 11);
	assert_int_equal(ed.articles[0].paras[4].last_line, 13);
	edition_free(&ed);
}

/* Bylines: a bracket closing an article, a dateline in brackets, names
 * glued after the last sentence with a label, names padded with spaces. */
static void test_bylines(void **state)
{
	struct byline bl;
	struct dateline d;

	(void)state;
	assert_true(shape_bracket_byline("（本报记者 赵明、钱亮整理）",
					 strlen("（本报记者 赵明、钱亮整理）"), &bl));
	assert_int_equal(bl.n, 2);
	assert_int_equal(bl.agency.n, strlen("本报"));
	assert_true(shape_bracket_byline("（本报某城电）", strlen("（本报某城电）"), &bl));
	assert_int_equal(bl.n, 0);
	assert_false(shape_bracket_byline("（作者为某大学教授）", strlen("（作者为某大学教授）"),
					  &bl));
	assert_true(byline_names("王  某", strlen("王  某"), &bl, 0) == 0);
	assert_int_equal(bl.n, 1);
	assert_true(shape_dateline("据新华社电 正文", strlen("据新华社电 正文"), &d) > 0);
	assert_int_equal(d.place.n, 0);
	assert_true(shape_dateline("【本報訊】正文", strlen("【本報訊】正文"), &d) > 0);
	assert_int_equal(shape_dateline("本报记者近日从某地获悉，电力供应正常。",
					strlen("本报记者近日从某地获悉，电力供应正常。"), &d),
			 0);
	{
		struct edition ed;

		parse(&ed, "標題\n\n第一段。\n\n第二段完了。\u3000記者：陳某某\n");
		assert_int_equal(ed.articles[0].nbyline, 1);
		eq(ed.articles[0].byline[0], "陳某某");
		assert_int_equal(count(&ed, FK_BYLINE_SPLIT), 1);
		edition_free(&ed);
		/* Glued in the middle of a story: the story goes on. */
		parse(&ed, "標題\n\n第一段說完了。\u3000記者︰陳某某\n\n"
			   "後面還有正文，說了更多的事情。\n");
		assert_int_equal(ed.narticles, 1);
		assert_int_equal(ed.articles[0].nparas, 2);
		assert_int_equal(ed.articles[0].nbyline, 1);
		edition_free(&ed);
	}
}

/* Names with evidence: after a label (採訪：), a role word or a dateline
 * any 2 to 4 Han characters are a name, surname or not; a posting
 * (本报驻某地记者) is part of the role; a dateline may list places. */
static void test_bylines_with_evidence(void **state)
{
	struct byline bl;
	struct dateline d;
	static const char multi[] = "本报甲城、乙城、丙城3月5日电  （记者莽小舟、艾青青）正文。";

	(void)state;
	assert_int_equal(byline_parse("採訪：比小樂", strlen("採訪：比小樂"), &bl), BYLINE_AUTHORS);
	assert_int_equal(bl.n, 1);
	assert_int_equal(byline_parse("比小樂", strlen("比小樂"), &bl), BYLINE_NONE);
	assert_int_equal(byline_parse("記者︰比小樂", strlen("記者︰比小樂"), &bl), BYLINE_AUTHORS);
	assert_int_equal(byline_parse("本报驻某城记者 莽小舟", strlen("本报驻某城记者 莽小舟"), &bl),
			 BYLINE_AUTHORS);
	assert_int_equal(bl.n, 1);
	assert_int_equal(bl.agency.n, strlen("本报"));
	assert_int_equal(byline_parse("图片报道", strlen("图片报道"), &bl), BYLINE_NONE);
	assert_true(shape_dateline(multi, strlen(multi), &d) > 0);
	assert_int_equal(d.names.n, 2);
	assert_int_equal(d.names.name[0].n, strlen("莽小舟"));
	assert_false(shape_column_tag("莽小舟摄（某图库）", strlen("莽小舟摄（某图库）")));
	assert_int_equal(shape_para_kind("莽小舟摄（某图库）", strlen("莽小舟摄（某图库）"), 1),
			 PARA_CREDIT);
}

/* Surnames as traditional text prints them: each simplified surname's
 * traditional form (吴 吳, 陆 陸, 钟 鍾, 欧阳 歐陽) opens a name without
 * other evidence, alone, in a list or in a closing bracket. */
static void test_traditional_surnames(void **state)
{
	static const char *const names[] = {"吳穎", "陸明", "鍾小華", "葉大文", "歐陽小明",
					    "諸葛青", "區小芬"};
	/* Surnames traditional text prints unchanged, whose first OpenCC
	 * form is another word (余, not 餘); see tools/gen-surnames.py. */
	static const char kept[] = "于余干郁咸游后范台";
	struct byline bl;
	size_t checked = 0;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		assert_int_equal(byline_parse(names[i], strlen(names[i]), &bl), BYLINE_AUTHORS);
		assert_int_equal(bl.n, 1);
	}
	assert_int_equal(byline_parse("吳穎 陸明", strlen("吳穎 陸明"), &bl), BYLINE_AUTHORS);
	assert_int_equal(bl.n, 2);
	assert_true(shape_bracket_byline("（記者 吳穎）", strlen("（記者 吳穎）"), &bl));
	eq((struct str){bl.name[0].s, bl.name[0].n}, "吳穎");
	/* Not any two characters: 後來 is no name. */
	assert_false(byline_is_name("後來", strlen("後來")));
	/* Every surname that exists only in simplified text has its
	 * traditional form on the list too. */
	if (!variant_available())
		skip();
	for (uint32_t cp = 0x4E00; cp <= 0x9FFF; cp++) {
		char s[16], t[16];
		size_t n = text_put(cp, s), m;
		uint32_t o;

		memcpy(s + n, "小明", strlen("小明"));
		n += strlen("小明");
		if (!byline_is_name(s, n) || variant_script(cp) != VARIANT_SIMPLIFIED ||
		    memmem(kept, strlen(kept), s, text_put(cp, t)))
			continue;
		o = variant_other(cp);
		m = text_put(o, t);
		memcpy(t + m, "小明", strlen("小明"));
		m += strlen("小明");
		if (!byline_is_name(t, m))
			fail_msg("%.*s is a surname, its traditional form %.*s is not", (int)text_put(cp, s), s,
				 (int)text_put(o, t), t);
		checked++;
	}
	assert_true(checked > 100);
}

/* A kicker with a colon, its headline (under it or on its line) and a ——
 * subtitle: one article of three heading parts, the subtitle no new
 * article's headline, whatever follows it. */
static void test_kicker_headline_subtitle(void **state)
{
	struct edition ed;

	(void)state;
	parse(&ed, "河湾镇：\n老桥修好了\n——一座石桥的百年故事\n\n"
		   "本报某地3月5日电  石桥今天重新通行。\n\n（记者 王小明）\n\n\n"
		   "山前村：果园迎来丰收\n——村民合作社的第三年\n\n"
		   "本报某地3月6日电  果园今年收成很好。\n\n李红\n");
	assert_int_equal(ed.narticles, 2);
	eq(ed.articles[0].kicker, "河湾镇");
	eq(ed.articles[0].headline, "老桥修好了");
	eq(ed.articles[0].subtitle, "——一座石桥的百年故事");
	eq(ed.articles[0].dateline, "本报某地3月5日电");
	assert_int_equal(ed.articles[0].nparas, 1);
	eq(ed.articles[1].kicker, "山前村");
	eq(ed.articles[1].headline, "果园迎来丰收");
	eq(ed.articles[1].subtitle, "——村民合作社的第三年");
	assert_int_equal(ed.articles[1].nparas, 1);
	edition_free(&ed);
	assert_true(shape_dash_subtitle("——来自一线的调查", strlen("——来自一线的调查")));
	assert_true(shape_dash_subtitle("—— 来自一线的调查", strlen("—— 来自一线的调查")));
	assert_false(shape_dash_subtitle("——", strlen("——")));
	assert_false(shape_dash_subtitle("——来了。他说", strlen("——来了。他说")));
	assert_false(shape_dash_subtitle("来自一线的调查", strlen("来自一线的调查")));
}

/* Labels and credits are paragraphs of their kind, never headings. */
static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(shape_para_kind("本版制图：某某", strlen("本版制图：某某"), 1),
			 PARA_CREDIT);
	assert_int_equal(shape_para_kind("（作者为某大学教授）",
					 strlen("（作者为某大学教授）"), 0),
			 PARA_NOTE);
	assert_int_equal(shape_para_kind("——编  者", strlen("——编  者"), 0), PARA_NOTE);
	assert_true(shape_column_tag("某地新事（百姓故事）", strlen("某地新事（百姓故事）")));
	assert_false(shape_column_tag("（某某）", strlen("（某某）")));
}

/* Indentation trimmed off is a repair: the page's usual one is a single
 * note at its first line with the count, any other a note at each line. */
static void test_indent_recorded(void **state)
{
	struct edition ed;
	const struct finding *f[4];
	size_t n = 0;

	(void)state;
	parse(&ed, "某地新闻标题\n"
		   "\u3000\u3000第一段的正文，写得很长。\n"
		   "\u3000\u3000第二段的正文，也写得很长。\n"
		   "\t第三段的正文，用了制表符。\n"
		   "\u3000\u3000第四段的正文，又是正常的。\n"
		   "  \u3000第五段的正文，混了空格。\n");
	for (size_t i = 0; i < ed.findings.n; i++)
		if (ed.findings.v[i].kind == FK_INDENT && n < 4)
			f[n++] = &ed.findings.v[i];
	assert_int_equal(n, 3);
	assert_int_equal(f[0]->line, 2);
	assert_int_equal(f[0]->column, 1);
	assert_non_null(strstr(f[0]->message, "2 ideographic spaces (U+3000)"));
	assert_non_null(strstr(f[0]->message, "this line and 2 more"));
	assert_int_equal(f[1]->line, 4);
	assert_string_equal(f[1]->message, "indentation removed: 1 tab");
	assert_int_equal(f[2]->line, 6);
	assert_string_equal(f[2]->message,
			    "indentation removed: 2 spaces and 1 ideographic space (U+3000)");
	/* The text itself is the line without its indentation. */
	assert_int_equal(ed.narticles, 1);
	eq(ed.articles[0].paras[2].text, "第三段的正文，用了制表符。");
	edition_free(&ed);

	/* A page without indentation has no such note. */
	parse(&ed, "某地新闻标题\n第一段的正文，写得很长。\n");
	assert_int_equal(count(&ed, FK_INDENT), 0);
	edition_free(&ed);
}

/* Trailing whitespace trimmed off is a repair too: the page's usual kind
 * (here one ideographic space) a single note at its first line with the
 * count, any other a note at each line at the column where it starts, and
 * a line of only whitespace, taken as blank, too (its usual kind apart:
 * one note). CR of CRLF is no whitespace. */
static void test_trailing_recorded(void **state)
{
	struct edition ed;
	const struct finding *f[6];
	size_t n = 0;

	(void)state;
	parse(&ed, "某地新闻标题\u3000\r\n"
		   "\u3000\u3000第一段的正文，写得很长。\u3000\r\n"
		   "\u3000\u3000第二段的正文。\u3000\r\n"
		   "\u3000\u3000第三段。 \t\r\n"
		   "\u00a0\u3000\r\n"
		   "\u3000\u3000第四段。\r\n"
		   "\u3000\u3000第五段。\u3000\u00a0\r\n");
	for (size_t i = 0; i < ed.findings.n; i++)
		if (ed.findings.v[i].kind == FK_TRAILING && n < 6)
			f[n++] = &ed.findings.v[i];
	assert_int_equal(n, 4);
	assert_int_equal(f[0]->line, 1);
	assert_int_equal(f[0]->column, 7);
	assert_non_null(strstr(f[0]->message, "usual trailing whitespace, 1 ideographic space (U+3000)"));
	assert_non_null(strstr(f[0]->message, "this line and 2 more"));
	assert_int_equal(f[1]->line, 4);
	assert_int_equal(f[1]->column, 7);
	assert_string_equal(f[1]->message, "trailing whitespace removed: 1 tab and 1 space");
	assert_int_equal(f[2]->line, 5);
	assert_int_equal(f[2]->column, 1);
	assert_string_equal(f[2]->message, "a line of only whitespace taken as blank: "
			    "1 ideographic space (U+3000) and 1 other space (no-break, form feed)");
	assert_int_equal(f[3]->line, 7);
	assert_int_equal(f[3]->column, 7);
	assert_string_equal(f[3]->message, "trailing whitespace removed: "
			    "1 ideographic space (U+3000) and 1 other space (no-break, form feed)");
	/* The texts are the lines without it. */
	assert_int_equal(ed.narticles, 1);
	eq(ed.articles[0].headline, "某地新闻标题");
	eq(ed.articles[0].paras[0].text, "第一段的正文，写得很长。");
	edition_free(&ed);

	/* Without trailing whitespace, no such note; lines of only
	 * whitespace that are all alike are one note. */
	parse(&ed, "某地新闻标题\n第一段的正文，写得很长。\n");
	assert_int_equal(count(&ed, FK_TRAILING), 0);
	edition_free(&ed);
	parse(&ed, "某地新闻标题\n  \n第一段的正文。\n  \n第二段的正文。\n");
	assert_int_equal(count(&ed, FK_TRAILING), 1);
	for (size_t i = 0; i < ed.findings.n; i++)
		if (ed.findings.v[i].kind == FK_TRAILING) {
			assert_int_equal(ed.findings.v[i].line, 2);
			assert_non_null(strstr(ed.findings.v[i].message,
					       "usual line of only whitespace, 2 spaces"));
		}
	edition_free(&ed);
	/* Every line ending with an ideographic space, the blank ones too:
	 * both usual kinds are one note each, and nothing else. */
	parse(&ed, "某地新闻标题\u3000\n\u3000\n第一段的正文。\u3000\n\u3000\n"
		   "第二段的正文。\u3000\n\u3000\n第三段的正文。\u3000\n");
	assert_int_equal(count(&ed, FK_TRAILING), 2);
	edition_free(&ed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_line_heading),
		cmocka_unit_test(test_trailing_recorded),
		cmocka_unit_test(test_two_line_heading),
		cmocka_unit_test(test_kicker_headline_subtitle),
		cmocka_unit_test(test_subhead_or_headline),
		cmocka_unit_test(test_join_on_evidence),
		cmocka_unit_test(test_join_lead_and_lopsided),
		cmocka_unit_test(test_bylines),
		cmocka_unit_test(test_bylines_with_evidence),
		cmocka_unit_test(test_traditional_surnames),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_indent_recorded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
