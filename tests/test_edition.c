/*
 * test_edition: the parser on the seed edition, its re-encoded and
 * re-indented variants, and small hand-made editions.
 */
#include "testutil.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "edition.h"
#include "gazetteer.h"
#include "locality.h"
#include "text.h"
#include "util.h"

static struct gazetteer *gaz;

struct expect {
	const char *kicker, *locality, *headline, *names, *place;
	size_t paras, line;
};

/* The table of docs/edition-format.md; names are byline, or credit. */
static const struct expect seed[8] = {
	{"宜兴市委统战部", "宜兴市委统战部", "创新“五大工程” 唱响“好声音”", "夏晓玲",
	 "江苏省无锡市宜兴市", 6, 14},
	{NULL, "兴化", "兴化统一战线“暖心早茶” 搭出政企沟通平台", "刘峰", "江苏省泰州市兴化市",
	 5, 32},
	{"苏州市吴中区", "苏州市吴中区", "创新统战工作机制 集智建言显成效", "吴小同",
	 "江苏省苏州市吴中区", 6, 46},
	{"南京永宁街道", "南京永宁街道", "幸福“脱口秀” 同心“话桑麻”", "王家佳 张婷婷",
	 "江苏省南京市浦口区永宁街道", 4, 66},
	{NULL, "靖江", "靖江“千里取经”架设商会合作桥梁", "credit:方圆 胡亮",
	 "江苏省泰州市靖江市", 1, 84},
	{"淮阴区王家营街道", "淮阴区王家营街道", "厚植“凝聚力” 绘好社区“同心圆”",
	 "李翠霞 包越", "江苏省淮安市淮阴区王家营街道", 4, 92},
	{"宝应县安宜镇", "宝应县安宜镇", "民族团结谱新篇 石榴花开别样红", "吴加珍 王雨 葛家会",
	 "江苏省扬州市宝应县安宜镇", 6, 104},
	{"泰州市海陵区罡杨镇", "泰州市海陵区罡杨镇", "基层统战服务为高校学子“搭台铺路”",
	 "杨浩春", "江苏省泰州市海陵区罡杨镇", 5, 120},
};

static char *strs(const struct str *v, size_t n)
{
	struct sbuf b = {0};

	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, v[i].s, v[i].n);
	}
	return sbuf_take(&b);
}

static void assert_str(struct str s, const char *want)
{
	if (!want) {
		assert_int_equal(s.n, 0);
		return;
	}
	if (s.n != strlen(want) || memcmp(s.s, want, s.n) != 0)
		fail_msg("got \"%.*s\", want \"%s\"", (int)s.n, s.s ? s.s : "", want);
}

static void parse_bytes(struct edition *ed, const char *data, size_t n)
{
	struct decoded d;
	const char *why = NULL;

	if (decode_bytes((const unsigned char *)data, n, 0, &d, &why) < 0)
		fail_msg("decode failed: %s", why);
	edition_parse(ed, "test", &d);
	locality_resolve(ed, gaz);
}

/* The seed's articles and front matter as the table says, whatever the
 * variant; check_lines is off for variants that move lines. */
static void check_seed(const struct edition *ed, int check_lines)
{
	assert_int_equal(ed->narticles, 8);
	for (size_t i = 0; i < 8; i++) {
		const struct article *a = &ed->articles[i];
		const struct expect *e = &seed[i];
		char *names;

		assert_int_equal(a->index, i + 1);
		assert_str(a->kicker, e->kicker);
		assert_str(a->headline, e->headline);
		assert_str(a->locality, e->locality);
		if (strncmp(e->names, "credit:", 7) == 0) {
			assert_int_equal(a->nbyline, 0);
			names = strs(a->credit, a->ncredit);
			assert_string_equal(names, e->names + 7);
		} else {
			assert_int_equal(a->ncredit, 0);
			names = strs(a->byline, a->nbyline);
			assert_string_equal(names, e->names);
		}
		free(names);
		assert_int_equal(a->nparas, e->paras);
		assert_true(a->has_place);
		assert_string_equal(a->place_name, e->place);
		if (check_lines)
			assert_int_equal(a->line, e->line);
	}
	assert_str(ed->title, "同心圆");
	assert_str(ed->date, "2020-11-11");
	assert_str(ed->weekday, "星期三");
	assert_str(ed->phone, "025-58683751");
	assert_str(ed->email, "329423334@qq.com");
	assert_int_equal(ed->neditors, 3);
	assert_str(ed->editors[2], "胡亮");
	assert_int_equal(ed->nbanner, 2);
	assert_str(ed->banner[0], "讲诚信代代相传");
}

/* Count findings of one kind. */
static size_t nfindings(const struct edition *ed, enum finding_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < ed->findings.n; i++)
		n += ed->findings.v[i].kind == k;
	return n;
}

static void test_seed(void **state)
{
	struct edition ed;
	size_t len;
	char *data = slurp(seed_path(), &len);
	static const size_t joins[5] = {56, 60, 72, 76, 80};
	size_t k = 0;

	(void)state;
	parse_bytes(&ed, data, len);
	check_seed(&ed, 1);
	assert_string_equal(ed.encoding, "UTF-8");
	assert_int_equal(ed.style, STYLE_BLANK);
	/* Five column breaks rejoined and one glued byline split off. */
	assert_int_equal(ed.findings.n, 6);
	for (size_t i = 0; i < ed.findings.n; i++) {
		const struct finding *r = &ed.findings.v[i];

		assert_string_equal(r->file, "test");
		if (r->kind == FK_JOIN) {
			assert_int_equal(r->line, joins[k++]);
			assert_int_equal(r->column, 1);
		} else {
			assert_int_equal(r->kind, FK_BYLINE_SPLIT);
			assert_int_equal(r->line, 64);
			assert_non_null(strstr(r->message, "吴小同"));
		}
	}
	assert_int_equal(k, 5);
	/* The joined paragraph spans both source lines and loses no text. */
	{
		const struct paragraph *p = &ed.articles[2].paras[2];

		assert_int_equal(p->first_line, 54);
		assert_int_equal(p->last_line, 56);
		assert_non_null(strstr(p->text.s, "进一步规范协商建言工作"));
		p = &ed.articles[2].paras[5];
		assert_int_equal(p->first_line, 64);
		assert_true(p->text.n > 9);
		assert_memory_equal(p->text.s + p->text.n - 9, "效果。", 9);
	}
	edition_free(&ed);
	free(data);
}

/* Parse a variant and compare it with the seed: same structure, same
 * paragraph texts. */
static void check_variant(const char *data, size_t len, const char *encoding, int same_id)
{
	struct edition ed, ref;
	size_t rlen;
	char *rdata = slurp(seed_path(), &rlen);

	parse_bytes(&ref, rdata, rlen);
	parse_bytes(&ed, data, len);
	assert_string_equal(ed.encoding, encoding);
	check_seed(&ed, same_id);
	for (size_t i = 0; i < 8; i++)
		for (size_t p = 0; p < ref.articles[i].nparas; p++) {
			struct str a = ed.articles[i].paras[p].text, b = ref.articles[i].paras[p].text;

			assert_int_equal(a.n, b.n);
			assert_memory_equal(a.s, b.s, a.n);
		}
	if (same_id)
		assert_string_equal(edition_id(&ed), edition_id(&ref));
	else
		assert_string_not_equal(edition_id(&ed), edition_id(&ref));
	assert_int_equal(nfindings(&ed, FK_JOIN), 5);
	assert_int_equal(nfindings(&ed, FK_BYLINE_SPLIT), 1);
	edition_free(&ed);
	edition_free(&ref);
	free(rdata);
}

static void test_gb18030(void **state)
{
	size_t len, olen;
	char *data = slurp(seed_path(), &len);
	char *gb = convert("GB18030", "UTF-8", data, len, &olen);

	(void)state;
	check_variant(gb, olen, "GB18030", 1);
	free(gb);
	free(data);
}

static void test_utf16le(void **state)
{
	size_t len, olen;
	char *data = slurp(seed_path(), &len);
	char *u = convert("UTF-16LE", "UTF-8", data, len, &olen);
	char *bom = xmalloc(olen + 2);

	(void)state;
	memcpy(bom, "\xFF\xFE", 2);
	memcpy(bom + 2, u, olen);
	check_variant(bom, olen + 2, "UTF-16LE", 1);
	free(bom);
	free(u);
	free(data);
}

/* UTF-8 with a BOM, CRLF line ends and no newline at the end. */
static void test_bom_crlf(void **state)
{
	size_t len;
	char *data = seed_bom_crlf(&len);

	(void)state;
	check_variant(data, len, "UTF-8 with BOM", 1);
	free(data);
}

/* Old Mac line ends: CR alone. */
static void test_cr(void **state)
{
	size_t len;
	char *data = slurp(seed_path(), &len);

	(void)state;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n')
			data[i] = '\r';
	check_variant(data, len, "UTF-8", 1);
	free(data);
}

static void test_indented(void **state)
{
	size_t len;
	char *data = seed_indented(&len, 1);
	struct edition ed;

	(void)state;
	check_variant(data, len, "UTF-8", 0);
	parse_bytes(&ed, data, len);
	assert_int_equal(ed.style, STYLE_LINE);
	edition_free(&ed);
	free(data);
}

/* NUL, ESC and DEL are kept in the text and recorded with their columns;
 * invalid bytes become U+FFFD, recorded likewise. */
static void test_controls_and_invalid(void **state)
{
	static const char text[] =
		"宜兴市委统战部:\n\n标题在这里\n\n"
		"第一段有\0一个空字符,还有\x1b]2;title\x07和\x7f。\n\n"
		"第二段有坏字节\xff\xfe在这里。\n\n张三\n";
	struct edition ed;
	const struct paragraph *p;

	(void)state;
	parse_bytes(&ed, text, sizeof text - 1);
	assert_int_equal(ed.narticles, 1);
	assert_int_equal(ed.articles[0].nparas, 2);
	p = &ed.articles[0].paras[0];
	assert_non_null(memchr(p->text.s, '\0', p->text.n));
	assert_non_null(memchr(p->text.s, 0x1b, p->text.n));
	assert_int_equal(nfindings(&ed, FK_CONTROL), 4);
	assert_int_equal(ed.findings.v[0].kind, FK_CONTROL);
	assert_int_equal(ed.findings.v[0].line, 5);
	assert_int_equal(ed.findings.v[0].column, 5);
	assert_non_null(strstr(ed.findings.v[0].message, "NUL"));
	assert_non_null(strstr(ed.findings.v[1].message, "ESC"));
	assert_non_null(strstr(ed.findings.v[2].message, "BEL"));
	assert_non_null(strstr(ed.findings.v[3].message, "DEL"));
	assert_true(nfindings(&ed, FK_INVALID) >= 1);
	for (size_t i = 0; i < ed.findings.n; i++)
		if (ed.findings.v[i].kind == FK_INVALID) {
			assert_int_equal(ed.findings.v[i].line, 7);
			assert_int_equal(ed.findings.v[i].column, 8);
			assert_non_null(strstr(ed.findings.v[i].message, "FF"));
			break;
		}
	assert_non_null(strstr(ed.articles[0].paras[1].text.s, "\uFFFD"));
	assert_str(ed.articles[0].byline[0], "张三");
	edition_free(&ed);
}

/* A kicker that names a person gives no locality; other kicker forms. */
static void test_kickers(void **state)
{
	static const char text[] =
		"张婷婷:\n\n一位志愿者的故事\n\n她每天清晨出门。\n\n（本报记者 李明）\n\n\n"
		"南京市鼓楼区——\n\n老街换新颜\n\n街道修缮了老街。\n\n新华社发\n\n"
		"宿迁市：  喜迎国庆 共筑梦想\n\n市民欢聚一堂。\n\n王芳 文/图\n";
	struct edition ed;

	(void)state;
	parse_bytes(&ed, text, sizeof text - 1);
	assert_int_equal(ed.narticles, 3);
	assert_str(ed.articles[0].kicker, "张婷婷");
	assert_int_equal(ed.articles[0].locality.n, 0);
	assert_false(ed.articles[0].has_place);
	assert_str(ed.articles[0].headline, "一位志愿者的故事");
	assert_int_equal(ed.articles[0].nbyline, 1);
	assert_str(ed.articles[0].byline[0], "李明");
	assert_str(ed.articles[1].kicker, "南京市鼓楼区——");
	assert_string_equal(ed.articles[1].place_name, "江苏省南京市鼓楼区");
	assert_int_equal(ed.articles[1].ncredit, 1);
	assert_str(ed.articles[1].credit[0], "新华社");
	assert_str(ed.articles[2].kicker, "宿迁市");
	assert_str(ed.articles[2].headline, "喜迎国庆 共筑梦想");
	assert_int_equal(ed.articles[2].nparas, 1);
	edition_free(&ed);
}

/* No front matter, no bylines: a section break (two blank lines) above a
 * heading starts an article. */
static void test_no_front_matter(void **state)
{
	static const char text[] =
		"第一条消息的标题\n\n这是第一条消息。\n\n这是第二段。\n\n\n"
		"第二条消息的标题\n\n这是第二条消息的正文。";
	struct edition ed;

	(void)state;
	parse_bytes(&ed, text, sizeof text - 1);
	assert_int_equal(ed.title.n, 0);
	assert_int_equal(ed.nbanner, 0);
	assert_int_equal(ed.narticles, 2);
	assert_int_equal(ed.articles[0].nparas, 2);
	assert_str(ed.articles[1].headline, "第二条消息的标题");
	assert_int_equal(ed.articles[1].line, 8);
	edition_free(&ed);
}

/* Every non-blank line of the seed lands somewhere: the characters of all
 * fields add up to the file's, less the separators the parser consumes. */
static void test_nothing_lost(void **state)
{
	size_t len, total = 0, got = 0;
	char *data = slurp(seed_path(), &len);
	struct edition ed;

	(void)state;
	for (size_t i = 0; i < len; i++)
		total += ((unsigned char)data[i] & 0xC0) != 0x80 && data[i] != '\n' &&
			 data[i] != ' ';
	parse_bytes(&ed, data, len);
	for (size_t i = 0; i < ed.narticles; i++) {
		const struct article *a = &ed.articles[i];
		struct str all[2] = {a->kicker, a->headline};

		for (int k = 0; k < 2; k++)
			for (size_t c = 0; c < all[k].n; c++)
				got += ((unsigned char)all[k].s[c] & 0xC0) != 0x80 && all[k].s[c] != ' ';
		for (size_t p = 0; p < a->nparas; p++)
			for (size_t c = 0; c < a->paras[p].text.n; c++)
				got += ((unsigned char)a->paras[p].text.s[c] & 0xC0) != 0x80 &&
				       a->paras[p].text.s[c] != ' ';
		for (size_t k = 0; k < a->nbyline; k++)
			got += a->byline[k].n / 3;
		for (size_t k = 0; k < a->ncredit; k++)
			got += a->credit[k].n / 3 + (k + 1 == a->ncredit); /* the 摄 */
	}
	/* Kicker colons (3 half-width, 3 with a headline on the line: 6). */
	got += 6;
	/* Front matter lines, counted whole. */
	for (size_t l = 0, line = 1; l < len; line++) {
		size_t e = l;

		while (e < len && data[e] != '\n')
			e++;
		if (line <= 12)
			for (size_t c = l; c < e; c++)
				got += ((unsigned char)data[c] & 0xC0) != 0x80 && data[c] != ' ';
		l = e + 1;
	}
	assert_int_equal(got, total);
	edition_free(&ed);
	free(data);
}

/* Found in review: each of these once gave the wrong articles. */
static void test_review_cases(void **state)
{
	struct edition ed;
	static const char section[] =
		"标题一\n\n正文第一段，讲到这里没有句号\n\n\n标题二\n\n正文二。\n";
	static const char contact[] =
		"第一篇标题\n\n第一段正文内容，讲述了很多事情。\n\n第二段正文内容。\n\n王小明\n\n"
		"第二篇标题\n\n活动咨询电话：0523-12345678。\n\n第三段。\n";
	static const char labels[] =
		"第一篇标题\n\n正文内容。\n\n记者：王小明\n\n来源：新华社\n\n另一篇标题\n\n又一段。\n";

	(void)state;
	/* Two blank lines before a headline end an unfinished paragraph. */
	parse_bytes(&ed, section, sizeof section - 1);
	assert_int_equal(ed.narticles, 2);
	assert_str(ed.articles[1].headline, "标题二");
	assert_int_equal(nfindings(&ed, FK_JOIN), 0);
	edition_free(&ed);
	/* A phone number in an article is not front matter. */
	parse_bytes(&ed, contact, sizeof contact - 1);
	assert_int_equal(ed.nfront, 0);
	assert_int_equal(ed.title.n, 0);
	assert_int_equal(ed.narticles, 2);
	assert_str(ed.articles[0].headline, "第一篇标题");
	assert_int_equal(ed.articles[0].nparas, 2);
	edition_free(&ed);
	/* Labelled bylines and credits are not kickers. */
	parse_bytes(&ed, labels, sizeof labels - 1);
	assert_int_equal(ed.narticles, 2);
	assert_int_equal(ed.articles[0].nbyline, 1);
	assert_str(ed.articles[0].byline[0], "王小明");
	assert_int_equal(ed.articles[0].ncredit, 1);
	assert_str(ed.articles[0].credit[0], "新华社");
	assert_str(ed.articles[1].headline, "另一篇标题");
	edition_free(&ed);
}

/* A paragraph rejoined over 20,000 lines: linear, one buffer. */
static void test_long_join(void **state)
{
	struct sbuf b = {0};
	struct edition ed;

	(void)state;
	sbuf_add(&b, "标题一行\n", strlen("标题一行\n"));
	for (int i = 0; i < 20000; i++)
		sbuf_addf(&b, "这是一段没有句号的文字，第%d行\n", i);
	parse_bytes(&ed, b.s, b.len);
	assert_int_equal(ed.narticles, 1);
	assert_int_equal(ed.articles[0].nparas, 1);
	assert_int_equal(ed.articles[0].paras[0].last_line, 20001);
	assert_non_null(strstr(ed.articles[0].paras[0].text.s, "第19999行"));
	/* Nothing held but the one buffer per joined paragraph. */
	assert_true(ed.nowned < 8);
	edition_free(&ed);
	sbuf_free(&b);
}

/* The one line rule: LF, CRLF and a lone CR each end a line; the last
 * line needs no end; CR CR LF is a lone CR and then a CRLF. */
static void test_next_line(void **state)
{
	static const char t[] = "a\nbb\r\nccc\rd\r\r\n\ne";
	static const size_t want_n[] = {1, 2, 3, 1, 0, 0, 1};
	static const size_t want_next[] = {2, 6, 10, 12, 14, 15, 16};
	size_t pos = 0, k = 0, n;

	(void)state;
	while (pos < sizeof t - 1) {
		size_t next = text_next_line(t, sizeof t - 1, pos, &n);

		assert_true(k < 7);
		assert_int_equal(n, want_n[k]);
		assert_int_equal(next, want_next[k]);
		pos = next;
		k++;
	}
	assert_int_equal(k, 7);
	/* A CR at the very end ends the last line. */
	assert_int_equal(text_next_line("x\r", 2, 0, &n), 2);
	assert_int_equal(n, 1);
}

static int setup(void **state)
{
	struct error err;

	(void)state;
	gaz = gazetteer_load("data/gazetteer.tsv", &err);
	if (!gaz)
		error_print(&err, stderr);
	return gaz ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gazetteer_free(gaz);
	return 0;
}

/* An edition over DECODE_MAX_BYTES (a sparse file: nothing is written or
 * read) is refused as too large, before the 32-bit offsets of the model
 * could overflow. */
static void test_too_large(void **state)
{
	const char *path = tmp_path("huge.txt");
	struct edition ed;
	struct error err;
	FILE *f = fopen(path, "w");

	(void)state;
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), (off_t)DECODE_MAX_BYTES + 1), 0);
	fclose(f);
	assert_int_equal(edition_load(&ed, path, &err), -1);
	assert_non_null(strstr(err.reason, "too large"));
	remove(path);
}

/* ---- edition_parse_each() ------------------------------------------------ */

/* The articles edition_parse_each() hands over, checked one by one against
 * those edition_load() holds at once (with their places resolved). */
struct each_check {
	const struct edition *whole;
	struct locality_run *lr;
	size_t seen;
};

static void same_str(struct str got, struct str want)
{
	assert_int_equal(got.n, want.n);
	if (want.n)
		assert_memory_equal(got.s, want.s, want.n);
}

static void same_strs(const struct str *got, const struct str *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		same_str(got[i], want[i]);
}

static void each_vote(struct edition *ed, struct article *a, void *ctx)
{
	struct each_check *c = ctx;

	(void)ed;
	locality_vote(c->lr, a);
	c->seen++;
}

static void each_compare(struct edition *ed, struct article *a, void *ctx)
{
	struct each_check *c = ctx;
	const struct article *w;

	assert_int_equal(ed->narticles, 1);
	assert_ptr_equal(a, &ed->articles[0]);
	assert_true(c->seen < c->whole->narticles);
	w = &c->whole->articles[c->seen];
	locality_place(c->lr, a);
	assert_int_equal(a->index, w->index);
	assert_int_equal(a->line, w->line);
	same_str(a->kicker, w->kicker);
	same_str(a->headline, w->headline);
	same_str(a->subtitle, w->subtitle);
	same_str(a->dateline, w->dateline);
	same_str(a->agency, w->agency);
	same_str(a->locality, w->locality);
	assert_int_equal(a->has_place, w->has_place);
	if (w->has_place) {
		assert_string_equal(a->place_code, w->place_code);
		assert_string_equal(a->place_name, w->place_name);
	}
	assert_int_equal(a->nbyline, w->nbyline);
	assert_int_equal(a->nroles, w->nroles);
	assert_int_equal(a->ncredit, w->ncredit);
	same_strs(a->byline, w->byline, w->nbyline);
	same_strs(a->roles, w->roles, w->nroles);
	same_strs(a->credit, w->credit, w->ncredit);
	assert_int_equal(a->nparas, w->nparas);
	for (size_t i = 0; i < w->nparas; i++) {
		assert_int_equal(a->paras[i].kind, w->paras[i].kind);
		assert_int_equal(a->paras[i].first_line, w->paras[i].first_line);
		assert_int_equal(a->paras[i].last_line, w->paras[i].last_line);
	}
	assert_int_equal(a->nitems, w->nitems);
	for (size_t i = 0; i < w->nitems; i++) {
		const struct piece *pg, *pw;
		size_t ng, nw;

		assert_int_equal(a->items[i].kind, w->items[i].kind);
		same_str(edition_item_text(ed, 0, i), edition_item_text(c->whole, c->seen, i));
		pg = edition_item_pieces(ed, 0, i, &ng);
		pw = edition_item_pieces(c->whole, c->seen, i, &nw);
		assert_int_equal(ng, nw);
		for (size_t k = 0; k < nw; k++) {
			assert_int_equal(pg[k].off, pw[k].off);
			assert_int_equal(pg[k].line, pw[k].line);
			assert_int_equal(pg[k].column, pw[k].column);
			assert_int_equal(pg[k].src, pw[k].src);
		}
	}
	c->seen++;
}

static void parse_each_matches(const char *path)
{
	struct edition whole, ed;
	struct each_check c = {0};
	struct decoded dec;
	struct error err;

	assert_int_equal(edition_load(&whole, path, &err), 0);
	locality_resolve(&whole, gaz);
	assert_int_equal(decode_file(path, &dec, &err), 0);
	c.whole = &whole;
	c.lr = locality_begin(gaz, 0);
	edition_parse_each(&ed, path, &dec, each_vote, &c);
	assert_int_equal(c.seen, whole.narticles);
	assert_int_equal(ed.narticles, 0);
	edition_free(&ed);
	locality_settle(c.lr);
	c.seen = 0;
	edition_parse_each(&ed, path, &dec, each_compare, &c);
	assert_int_equal(c.seen, whole.narticles);
	/* Nothing of the articles is kept; the front matter is. */
	assert_int_equal(ed.narticles, 0);
	assert_int_equal(ed.findings.n, 0);
	same_str(ed.title, whole.title);
	assert_int_equal(ed.nfront, whole.nfront);
	edition_free(&ed);
	locality_end(c.lr);
	decode_free(&dec);
	edition_free(&whole);
}

static void test_parse_each(void **state)
{
	glob_t g;

	(void)state;
	parse_each_matches(seed_path());
	/* The corpus: joins, credits, traditional text, UTF-16, GB18030. */
	assert_int_equal(glob("tests/corpus/*.txt", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 10);
	for (size_t i = 0; i < g.gl_pathc; i++)
		parse_each_matches(g.gl_pathv[i]);
	globfree(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_cr),
		cmocka_unit_test(test_indented),
		cmocka_unit_test(test_controls_and_invalid),
		cmocka_unit_test(test_kickers),
		cmocka_unit_test(test_no_front_matter),
		cmocka_unit_test(test_nothing_lost),
		cmocka_unit_test(test_review_cases),
		cmocka_unit_test(test_long_join),
		cmocka_unit_test(test_next_line),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_parse_each),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
