/*
 * test_gazetteer: loading data/gazetteer.tsv (and refusing broken files
 * with the right file and line), full and short names, chains, ambiguity,
 * headline mode, the ordinary words that must not be taken for places,
 * placeholders, and full names. Every code here was checked against the
 * data. Runs from the top of the tree.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "edition.h"
#include "gazetteer.h"
#include "locality.h"
#include "util.h"

#define DATA "data/gazetteer.tsv"
#define H GAZ_MATCH_HEADLINE

static struct gazetteer *gaz;

static int setup(void **state)
{
	struct error err = { 0 };

	(void)state;
	gaz = gazetteer_load(DATA, &err);
	if (!gaz) {
		error_print(&err, stderr);
		return -1;
	}
	return 0;
}

/* Abroad (data/abroad.tsv, next to the gazetteer): a dateline's foreign
 * city resolves to its country, Hong Kong's districts to the region, also
 * in traditional characters (through OpenCC); mainland places still go
 * to the gazetteer. Made-up articles. */
static void test_abroad_and_traditional(void **state)
{
	static const char page[] =
		"某国新闻一则\n\n本报华盛顿3月5日电  （记者 王小明）正文。\n\n\n"
		"某港新聞一則\n\n【本報訊】正文。\n\n\n九龍某處發生一件事\n\n正文說完了。\n";
	struct place pl;
	struct decoded d;
	struct edition ed;
	const char *why;

	(void)state;
	assert_true(gazetteer_abroad(gaz, "柏林", strlen("柏林"), &pl));
	assert_string_equal(pl.code, "DE");
	assert_string_equal(pl.name, "德国");
	assert_false(gazetteer_abroad(gaz, "南宁", strlen("南宁"), &pl));
	assert_true(decode_bytes((const unsigned char *)page, strlen(page), 0, &d, &why) == 0);
	edition_parse(&ed, "test", &d);
	locality_resolve(&ed, gaz);
	assert_int_equal(ed.narticles, 3);
	assert_string_equal(ed.articles[0].place_code, "US");
	assert_true(ed.articles[2].has_place);
	assert_string_equal(ed.articles[2].place_code, "81");
	assert_int_equal(ed.articles[2].locality.n, strlen("九龍"));
	edition_free(&ed);
}

/* Hong Kong's districts and places as kickers, in either script and
 * whether or not the conversion to simplified changes them (沙田, 旺角 are
 * written alike in both): they resolve to the region. A name both places
 * have (大埔, a county in Guangdong too) goes to the edition's own region;
 * a kicker that names no mainland place leaves the place to a mainland
 * dateline. Made-up pages. */
static void test_hong_kong_kickers(void **state)
{
	static const char hk[] =
		"沙田：\n居民反對興建垃圾站\n\n區議會昨日討論此事。\n\n\n"
		"旺角：行人專用區明起取消\n\n商戶表示歡迎。\n\n\n"
		"香港：\n全港天晴乾燥\n\n天文台說，天氣持續乾燥。\n\n\n"
		"銅鑼灣：\n商場人流回升\n\n商場負責人說，人流回升了。\n\n\n"
		"大埔：\n墟市周末開放\n\n墟市共有五十個攤位。\n";
	static const char mainland[] =
		"大埔：\n县城新建一座公园\n\n公园下月开放。\n\n\n"
		"东京奥运会预选赛：\n中国队晋级四强\n\n本报北京3月5日电  正文说完了。\n";
	struct place pl;
	struct decoded d;
	struct edition ed;
	const char *why;

	(void)state;
	assert_true(gazetteer_abroad(gaz, "銅鑼灣", strlen("銅鑼灣"), &pl));
	assert_string_equal(pl.code, "81");
	assert_true(gazetteer_abroad(gaz, "深水埗", strlen("深水埗"), &pl));
	assert_string_equal(pl.code, "81");
	assert_true(gazetteer_abroad(gaz, "澳門", strlen("澳門"), &pl));
	assert_string_equal(pl.code, "82");
	assert_true(gazetteer_abroad(gaz, "臺北", strlen("臺北"), &pl));
	assert_string_equal(pl.code, "71");
	assert_true(decode_bytes((const unsigned char *)hk, strlen(hk), 0, &d, &why) == 0);
	edition_parse(&ed, "test", &d);
	locality_resolve(&ed, gaz);
	assert_int_equal(ed.narticles, 5);
	for (size_t i = 0; i < 5; i++) {
		if (!ed.articles[i].has_place)
			fail_msg("article %zu (%.*s): no place", i + 1, (int)ed.articles[i].kicker.n,
				 ed.articles[i].kicker.s);
		assert_string_equal(ed.articles[i].place_code, "81");
	}
	assert_int_equal(ed.articles[0].locality.n, strlen("沙田"));
	assert_string_equal(ed.articles[3].place_name, "香港特别行政区");
	edition_free(&ed);
	assert_true(decode_bytes((const unsigned char *)mainland, strlen(mainland), 0, &d, &why) == 0);
	edition_parse(&ed, "test", &d);
	locality_resolve(&ed, gaz);
	assert_int_equal(ed.narticles, 2);
	assert_string_equal(ed.articles[0].place_name, "广东省梅州市大埔县");
	assert_string_equal(ed.articles[1].place_code, "11");
	edition_free(&ed);
}

static int teardown(void **state)
{
	(void)state;
	gazetteer_free(gaz);
	return 0;
}

/* Match s (NUL-terminated here, but passed by length) and expect a place
 * with this code and full name that used `used` bytes of s. */
static void expect(const char *s, int flags, const char *prefer, const char *code,
		   const char *full, size_t used)
{
	struct place p;

	if (!gazetteer_match(gaz, s, strlen(s), flags, prefer, &p))
		fail_msg("\"%s\" (flags %d, prefer %s): no match, want %s", s, flags,
			 prefer ? prefer : "NULL", code);
	if (strcmp(p.code, code) || (full && strcmp(p.full_name, full)) || p.matched != used)
		fail_msg("\"%s\" (flags %d, prefer %s): got %s %s after %zu bytes, want %s %s after %zu",
			 s, flags, prefer ? prefer : "NULL", p.code, p.full_name, p.matched, code,
			 full ? full : "", used);
}

/* s must not be taken for a place, with or without the headline flag. */
static void no_place(const char *s)
{
	struct place p;

	for (int flags = 0; flags <= H; flags += H)
		if (gazetteer_match(gaz, s, strlen(s), flags, "32", &p))
			fail_msg("\"%s\" (flags %d) matched %s %s", s, flags, p.code, p.full_name);
}

/* The data file's rows, read independently of the module: f[0] code,
 * f[1] level, f[2] parent, f[3] name, pointing into *text. */
struct row {
	char *f[4];
};

static struct row *read_rows(char **text, size_t *n)
{
	struct row *rows = NULL;
	size_t cap = 0;

	*text = slurp(DATA, NULL);
	*n = 0;
	for (char *line = strtok(*text, "\n"); line; line = strtok(NULL, "\n")) {
		if (*line == '#')
			continue;
		XGROW(rows, cap, *n + 1);
		rows[*n].f[0] = line;
		for (int i = 1; i < 4; i++) {
			char *tab = strchr(rows[*n].f[i - 1], '\t');

			if (!tab)
				fail_msg("%s: row %zu has fewer than 4 fields", DATA, *n + 1);
			*tab = '\0';
			rows[*n].f[i] = tab + 1;
		}
		(*n)++;
	}
	return rows;
}

static void test_size(void **state)
{
	char *text;
	size_t n;
	struct row *rows = read_rows(&text, &n);

	(void)state;
	assert_true(n > 40000);
	assert_int_equal(gazetteer_size(gaz), n);
	free(rows);
	free(text);
}

/* The bundled edition's kicker lines and headlines. */
static void test_edition_lines(void **state)
{
	(void)state;
	expect("宜兴市委统战部", 0, NULL, "320282", "江苏省无锡市宜兴市", strlen("宜兴市"));
	expect("宜兴市委统战部", H, NULL, "320282", "江苏省无锡市宜兴市", strlen("宜兴市"));
	expect("兴化统一战线“暖心早茶” 搭出政企沟通平台", H, NULL, "321281",
	       "江苏省泰州市兴化市", strlen("兴化"));
	expect("靖江“千里取经”架设商会合作桥梁", H, NULL, "321282", "江苏省泰州市靖江市",
	       strlen("靖江"));
	expect("苏州市吴中区:", 0, NULL, "320506", "江苏省苏州市吴中区", strlen("苏州市吴中区"));
	expect("南京永宁街道:幸福“脱口秀” 同心“话桑麻”", 0, NULL, "320111009",
	       "江苏省南京市浦口区永宁街道", strlen("南京永宁街道"));
}

static void test_not_places(void **state)
{
	static const char *const lines[] = {
		"张婷婷", "夏晓玲", "刘峰", "吴小同", "创新“五大工程” 唱响“好声音”",
		"创新统战工作机制 集智建言显成效", "幸福“脱口秀” 同心“话桑麻”", "同心圆",
		"讲诚信代代相传", "“拉钩上吊一百年不许变”", "电话: 025-58683751", "2020年11月11日",
		"", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "县直辖村级区划",
		"市辖", "城区", "街道", "中山路", "中山东路", "南京大学", "种畜场",
		/* Townships' short names that are ordinary words in the edition. */
		"统一战线", "平台", "民族团结", "工程", "市场", "联合", "健康",
		/* ...and counties' short names that are, in the edition too. */
		"资源", "互助", "通道",
	};

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		no_place(lines[i]);
}

/* Each name narrows the next to its descendants, at any depth. */
static void test_chains(void **state)
{
	(void)state;
	expect("淮阴区王家营街道", 0, NULL, "320804002", "江苏省淮安市淮阴区王家营街道",
	       strlen("淮阴区王家营街道"));
	expect("宝应县安宜镇", 0, NULL, "321023100", "江苏省扬州市宝应县安宜镇",
	       strlen("宝应县安宜镇"));
	expect("泰州市海陵区罡杨镇", 0, NULL, "321202101", "江苏省泰州市海陵区罡杨镇",
	       strlen("泰州市海陵区罡杨镇"));
	expect("南京市浦口区永宁街道侯冲社区", 0, NULL, "320111009", NULL,
	       strlen("南京市浦口区永宁街道"));
	/* The chain outranks prefer: only one 永宁街道 lies under 南京. */
	expect("南京永宁街道", 0, "44", "320111009", NULL, strlen("南京永宁街道"));
	/* A chain stops at the first name that is not below the last. */
	expect("南京市吴中区", 0, NULL, "3201", "江苏省南京市", strlen("南京市"));
	expect("江苏南京", 0, NULL, "3201", NULL, strlen("江苏南京"));
	expect("宁夏同心", 0, NULL, "640324", "宁夏回族自治区吴忠市同心县", strlen("宁夏同心"));
	expect("阳泉市城区", 0, NULL, "140302", "山西省阳泉市城区", strlen("阳泉市城区"));
	/* The name that ends a road's goes no further. */
	expect("南京中山路", 0, NULL, "3201", NULL, strlen("南京"));
}

static void test_unique_names(void **state)
{
	(void)state;
	/* Only one 淮阴区: no prefer can pick another. */
	expect("淮阴区", 0, NULL, "320804", "江苏省淮安市淮阴区", strlen("淮阴区"));
	expect("淮阴区", 0, "11", "320804", NULL, strlen("淮阴区"));
	expect("淮阴", H, "44", "320804", NULL, strlen("淮阴"));
}

/* Placeholder levels never show in full names, but their children match. */
static void test_municipalities(void **state)
{
	struct place p;

	(void)state;
	expect("北京市东城区", 0, NULL, "110101", "北京市东城区", strlen("北京市东城区"));
	expect("北京", H, NULL, "11", "北京市", strlen("北京"));
	expect("重庆城口县", 0, NULL, "500229", "重庆市城口县", strlen("重庆城口县"));
	expect("济源", 0, NULL, "419001", "河南省济源市", strlen("济源"));
	expect("东莞市虎门镇", 0, NULL, "441900121", "广东省东莞市虎门镇", strlen("东莞市虎门镇"));
	assert_true(gazetteer_find_code(gaz, "1101", &p));
	assert_string_equal(p.name, "市辖区");
	assert_string_equal(p.full_name, "北京市");
	assert_true(gazetteer_find_code(gaz, "441900", &p));
	assert_string_equal(p.full_name, "广东省东莞市");
}

static void test_ambiguity(void **state)
{
	(void)state;
	/* Six 永宁街道, all townships: prefer, else the smallest code. */
	expect("永宁街道", 0, "32", "320111009", "江苏省南京市浦口区永宁街道", strlen("永宁街道"));
	expect("永宁街道", 0, "51", "510115006", NULL, strlen("永宁街道"));
	expect("永宁街道", 0, NULL, "220323002", NULL, strlen("永宁街道"));
	expect("永宁街道", 0, "", "220323002", NULL, strlen("永宁街道"));
	/* The higher level wins: a county over a township of the same name,
	 * a prefecture over its county-level city. */
	expect("东城区", 0, NULL, "110101", NULL, strlen("东城区"));
	expect("东莞市", 0, NULL, "4419", "广东省东莞市", strlen("东莞市"));
	expect("恩施", 0, NULL, "4228", NULL, strlen("恩施"));
	/* A township's short name needs a parent, so prefer cannot pick the
	 * Jiangsu 永宁街道 for a bare 永宁: that is 永宁县. */
	expect("永宁", 0, NULL, "640121", NULL, strlen("永宁"));
	expect("永宁", 0, "32", "640121", NULL, strlen("永宁"));
}

/* Headlines accept counties and above only; a township's name present in
 * full is not read as a shorter county name inside it. */
static void test_headline(void **state)
{
	struct place p;

	(void)state;
	expect("南京永宁街道", H, NULL, "3201", "江苏省南京市", strlen("南京"));
	expect("吴中区党外人士参政议政", H, NULL, "320506", NULL, strlen("吴中区"));
	expect("宜兴埠镇", 0, NULL, "120113106", NULL, strlen("宜兴埠镇"));
	assert_false(gazetteer_match(gaz, "宜兴埠镇", strlen("宜兴埠镇"), H, NULL, &p));
	assert_false(gazetteer_match(gaz, "永宁街道", strlen("永宁街道"), H, "32", &p));
	assert_false(gazetteer_match(gaz, "安宜镇", strlen("安宜镇"), H, NULL, &p));
	expect("安宜镇", 0, NULL, "321023100", NULL, strlen("安宜镇"));
}

/* Short forms: suffixes of every kind, and ethnic groups after them. */
static void test_short_forms(void **state)
{
	(void)state;
	expect("宜兴", 0, NULL, "320282", NULL, strlen("宜兴"));
	expect("吴中", 0, NULL, "320506", NULL, strlen("吴中"));
	expect("江苏", H, NULL, "32", "江苏省", strlen("江苏"));
	expect("广西", H, NULL, "45", "广西壮族自治区", strlen("广西"));
	expect("新疆", H, NULL, "65", NULL, strlen("新疆"));
	expect("内蒙古", H, NULL, "15", NULL, strlen("内蒙古"));
	expect("延边", H, NULL, "2224", "吉林省延边朝鲜族自治州", strlen("延边"));
	expect("锡林郭勒", H, NULL, "1525", NULL, strlen("锡林郭勒"));
	expect("神农架", H, NULL, "429021", NULL, strlen("神农架"));
	expect("六枝", H, NULL, "520203", NULL, strlen("六枝"));
	expect("管城", H, NULL, "410104", NULL, strlen("管城"));
	expect("积石山", H, NULL, "622927", NULL, strlen("积石山"));
	/* A township's short name counts only after a parent. */
	expect("泰州罡杨", 0, NULL, "321202101", NULL, strlen("泰州罡杨"));
	expect("宝应安宜", 0, NULL, "321023100", NULL, strlen("宝应安宜"));
	no_place("罡杨");
	/* Only Han characters make a short form: not this township's. */
	expect("（白城市生态新区）官银号街道", 0, NULL, "220802012", NULL,
	       strlen("（白城市生态新区）官银号街道"));
	no_place("（白城市生态新区）官银号");
	/* A full name beats the same text as a short form: 同心县 the full
	 * name is fine where 同心 the word is not. */
	expect("同心县", H, NULL, "640324", NULL, strlen("同心县"));
}

/* No key shorter than two characters: the first character of any name,
 * alone, is never a place (和县 is, 和 is not). */
static void test_no_single_characters(void **state)
{
	char *text;
	size_t n;
	struct row *rows = read_rows(&text, &n);
	struct place p;

	(void)state;
	expect("和县", 0, NULL, "340523", NULL, strlen("和县"));
	for (size_t i = 0; i < n; i++) {
		const char *name = rows[i].f[3];
		size_t first = (unsigned char)name[0] >= 0xf0 ? 4 : (unsigned char)name[0] >= 0xe0 ? 3 : 1;

		for (int flags = 0; flags <= H; flags += H)
			if (gazetteer_match(gaz, name, first, flags, NULL, &p))
				fail_msg("\"%.*s\" alone matched %s %s", (int)first, name, p.code, p.name);
	}
	free(rows);
	free(text);
}

/* s is not NUL-terminated: only n bytes exist (ASan checks the rest). */
static void test_length_bounds(void **state)
{
	static const char text[] = "宜兴市委";
	char *copy = xmalloc(sizeof text - 1);
	struct place p;

	(void)state;
	memcpy(copy, text, sizeof text - 1);
	assert_true(gazetteer_match(gaz, copy, strlen("宜兴市"), 0, NULL, &p));
	assert_int_equal(p.matched, strlen("宜兴市"));
	assert_true(gazetteer_match(gaz, copy, strlen("宜兴"), 0, NULL, &p));
	assert_string_equal(p.code, "320282");
	assert_int_equal(p.matched, strlen("宜兴"));
	/* Cut inside 市: the partial character is not read as one. */
	assert_true(gazetteer_match(gaz, copy, strlen("宜兴") + 2, 0, NULL, &p));
	assert_int_equal(p.matched, strlen("宜兴"));
	assert_false(gazetteer_match(gaz, copy, strlen("宜"), 0, NULL, &p));
	assert_false(gazetteer_match(gaz, copy, 0, 0, NULL, &p));
	assert_false(gazetteer_match(gaz, "\xe5\xae\xff\xff\xe5\x85", 6, 0, NULL, &p));
	free(copy);
}

static void test_find_code(void **state)
{
	struct place p;

	(void)state;
	assert_true(gazetteer_find_code(gaz, "320282", &p));
	assert_string_equal(p.code, "320282");
	assert_string_equal(p.name, "宜兴市");
	assert_string_equal(p.full_name, "江苏省无锡市宜兴市");
	assert_int_equal(p.level, GAZ_COUNTY);
	assert_true(gazetteer_find_code(gaz, "32", &p));
	assert_string_equal(p.full_name, "江苏省");
	assert_int_equal(p.level, GAZ_PROVINCE);
	assert_true(gazetteer_find_code(gaz, "321202101", &p));
	assert_string_equal(p.name, "罡杨镇");
	assert_int_equal(p.level, GAZ_TOWNSHIP);
	assert_false(gazetteer_find_code(gaz, "999999", &p));
	assert_false(gazetteer_find_code(gaz, "3202820", &p));
	assert_false(gazetteer_find_code(gaz, "", &p));
}

/* Every full name starts with its province's; none shows a placeholder. */
static void test_full_names(void **state)
{
	char *text;
	size_t n;
	struct row *rows = read_rows(&text, &n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		char province[3];
		struct place p, prov;

		snprintf(province, sizeof province, "%s", rows[i].f[0]);
		assert_true(gazetteer_find_code(gaz, rows[i].f[0], &p));
		assert_true(gazetteer_find_code(gaz, province, &prov));
		assert_string_equal(p.name, rows[i].f[3]);
		assert_int_equal(p.level, atoi(rows[i].f[1]));
		if (!*prov.full_name || strncmp(p.full_name, prov.full_name, strlen(prov.full_name)))
			fail_msg("%s: full name \"%s\" does not start with \"%s\"", rows[i].f[0],
				 p.full_name, prov.full_name);
		if (strstr(p.full_name, "市辖区") || strstr(p.full_name, "直辖"))
			fail_msg("%s: full name \"%s\" shows a placeholder", rows[i].f[0], p.full_name);
	}
	free(rows);
	free(text);
}

static void test_missing_file(void **state)
{
	struct error err = { 0 };
	const char *path = tmp_path("no-such-gazetteer.tsv");

	(void)state;
	assert_null(gazetteer_load(path, &err));
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.reason, "No such file"));
}

/* A file whose row at `line` is wrong must be refused naming file and line. */
static void refused(const char *name, const char *text, size_t line, const char *why)
{
	struct error err = { 0 };
	const char *path = tmp_path(name);

	spit(path, text, strlen(text));
	if (gazetteer_load(path, &err))
		fail_msg("%s loaded", name);
	assert_string_equal(err.file, path);
	if (err.line != line || !strstr(err.reason, why))
		fail_msg("%s: got line %zu \"%s\", want line %zu \"%s\"", name, err.line, err.reason,
			 line, why);
}

#define HEAD "# test\n11\t1\t\t北京市\n1101\t2\t11\t市辖区\n"

static void test_bad_rows(void **state)
{
	struct error err = { 0 };
	struct gazetteer *g;
	struct place p;
	const char *good = "\xef\xbb\xbf# a comment\r\n\r\n11\t1\t\t北京市\r\n1101\t2\t11\t市辖区\r\n"
			   "110101\t3\t1101\t东城区\r\n110101001\t4\t110101\t东华门街道";

	(void)state;
	refused("fields.tsv", HEAD "110101\t3\t1101\n", 4, "4 tab-separated fields");
	refused("extra.tsv", HEAD "110101\t3\t1101\t东城区\tx\n", 4, "4 tab-separated fields");
	refused("level.tsv", HEAD "110101\t5\t1101\t东城区\n", 4, "bad level");
	refused("code.tsv", HEAD "11010a\t3\t1101\t东城区\n", 4, "bad code");
	refused("empty-name.tsv", HEAD "110101\t3\t1101\t\n", 4, "bad name");
	refused("order.tsv", HEAD "110101\t3\t1101\t东城区\n110100\t3\t1101\t东城区\n", 5, "order");
	refused("dup.tsv", HEAD "110101\t3\t1101\t东城区\n110101\t3\t1101\t东城区\n", 5, "order");
	refused("parent.tsv", HEAD "120101\t3\t1201\t和平区\n", 4, "parent");
	refused("skip.tsv", HEAD "110101001\t4\t110101\t东华门街道\n", 4, "parent");
	refused("root.tsv", "11\t1\t1\t北京市\n", 1, "parent");
	refused("blank.tsv", "# only comments\n\n", 0, "no divisions");

	/* A byte-order mark, CRLF, comments, blank lines and no final newline
	 * are all fine. */
	spit(tmp_path("good.tsv"), good, strlen(good));
	g = gazetteer_load(tmp_path("good.tsv"), &err);
	assert_non_null(g);
	assert_int_equal(gazetteer_size(g), 4);
	assert_true(gazetteer_match(g, "北京东城区东华门街道", strlen("北京东城区东华门街道"), 0,
				    NULL, &p));
	assert_string_equal(p.code, "110101001");
	assert_string_equal(p.full_name, "北京市东城区东华门街道");
	gazetteer_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_edition_lines),
		cmocka_unit_test(test_not_places),
		cmocka_unit_test(test_chains),
		cmocka_unit_test(test_unique_names),
		cmocka_unit_test(test_municipalities),
		cmocka_unit_test(test_ambiguity),
		cmocka_unit_test(test_headline),
		cmocka_unit_test(test_short_forms),
		cmocka_unit_test(test_no_single_characters),
		cmocka_unit_test(test_length_bounds),
		cmocka_unit_test(test_find_code),
		cmocka_unit_test(test_full_names),
		cmocka_unit_test(test_abroad_and_traditional),
		cmocka_unit_test(test_hong_kong_kickers),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_bad_rows),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
