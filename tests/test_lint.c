/*
 * test_lint: each kind of proofreading finding on small made-up texts,
 * the reduplications that must pass, and the seams of joins.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "edition.h"
#include "lint.h"
#include "util.h"
#include "words.h"

static struct words *words;

static int setup(void **state)
{
	struct error err;

	(void)state;
	words = words_load(NULL, &err);  /* Debian python3-jieba, a test dependency */
	return words ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	words_free(words);
	return 0;
}

/* Lint a made-up edition: kicker, headline, then the body text. */
static void lint_text(const char *body, struct findings *fs)
{
	char *text = xasprintf("靖江：\n\n标题\n\n%s\n", body);
	struct lint_opts o = {0, words};
	struct decoded d;
	struct edition ed;
	const char *why;

	assert_int_equal(decode_bytes((const unsigned char *)text, strlen(text), 0, &d, &why), 0);
	edition_parse(&ed, "made-up.txt", &d);
	memset(fs, 0, sizeof *fs);
	lint_edition(&ed, &o, fs);
	findings_sort(fs);
	/* The file name is the edition's, gone with it: forget it. */
	for (size_t i = 0; i < fs->n; i++)
		fs->v[i].file = NULL;
	edition_free(&ed);
	free(text);
}

/* How many findings of kind k; the first one's column in *col. */
static size_t count(const struct findings *fs, enum finding_kind k, size_t *col)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].kind == k && !n++ && col)
			*col = fs->v[i].column;
	return n;
}

static void expect(const char *body, enum finding_kind k, size_t want, size_t want_col)
{
	struct findings fs;
	size_t col = 0, n;

	lint_text(body, &fs);
	n = count(&fs, k, &col);
	if (n != want || (want && want_col && col != want_col))
		fail_msg("%s: %zu %s findings (first at column %zu), want %zu (at %zu)", body, n,
			 finding_kinds[k].name, col, want, want_col);
	findings_free(&fs);
}

static void test_doubled(void **state)
{
	(void)state;
	expect("他说的的确是真的。", FK_DOUBLED, 0, 0);       /* 的确: a word */
	expect("这是我们的的工作。", FK_DOUBLED, 1, 5);
	expect("照顾寡寡孤独的老人。", FK_DOUBLED, 1, 3);
	expect("开展交流交流活动。", FK_DOUBLED, 1, 3);
	expect("他常常去看看老人。", FK_DOUBLED, 0, 0);
	expect("大家高高兴兴地回家。", FK_DOUBLED, 0, 0);    /* AABB */
	expect("我们研究研究再说。", FK_DOUBLED, 0, 0);
	expect("中国国家博物馆开放。", FK_DOUBLED, 0, 0);    /* 中国|国家 */
	expect("研究所所长讲话。", FK_DOUBLED, 0, 0);        /* 研究所|所长 */
	expect("孩子们跃跃欲试。", FK_DOUBLED, 0, 0);
	expect("他说着说着笑了。", FK_DOUBLED, 0, 0);
}

static void test_variant(void **state)
{
	(void)state;
	expect("今天阳羨的茶很好。", FK_VARIANT, 1, 4);
	expect("今天阳羡的茶很好。", FK_VARIANT, 0, 0);
}

static void test_halfwidth(void **state)
{
	struct findings fs;

	(void)state;
	lint_text("一,二,三:四。时间是10:30,地点在北京。", &fs);
	assert_int_equal(count(&fs, FK_HALFWIDTH, NULL), 1);  /* one per paragraph */
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].kind == FK_HALFWIDTH) {
			assert_non_null(strstr(fs.v[i].message, "3 ','"));  /* not 10:30 */
			assert_non_null(strstr(fs.v[i].message, "1 ':'"));
			assert_int_equal(fs.v[i].column, 2);
		}
	findings_free(&fs);
	expect("一，二，三：四。", FK_HALFWIDTH, 0, 0);
}

static void test_widths_and_numbers(void **state)
{
	(void)state;
	expect("共有１２人，其中3人缺席。", FK_MIXED_WIDTH, 1, 3);
	expect("共有１２人。", FK_MIXED_WIDTH, 0, 0);
	expect("投资4OO万元。", FK_LATIN_NUMBER, 1, 3);
	expect("新冠病毒COVID-19疫情。", FK_LATIN_NUMBER, 0, 0);
	expect("投资400万元。", FK_LATIN_NUMBER, 0, 0);
}

static void test_unbalanced(void **state)
{
	(void)state;
	expect("他说：“我们走。", FK_UNBALANCED, 1, 4);
	expect("他说：“我们走。”然后（笑）离开。", FK_UNBALANCED, 0, 0);
	expect("书名是《春天》》。", FK_UNBALANCED, 1, 8);
	expect("他说“我们的‘家’”。", FK_UNBALANCED, 0, 0);
}

static void test_spaces_and_format(void **state)
{
	(void)state;
	expect("我们 一起去。", FK_ODD_SPACE, 1, 3);
	expect("宣传片《紫玉金沙 圆梦小康》入围。", FK_ODD_SPACE, 0, 0);
	expect("我们\xc2\xa0一起去。", FK_ODD_SPACE, 1, 3);
	expect("我们一起去。   ", FK_ODD_SPACE, 0, 0);              /* the line's end: not odd-space */
	expect("我们一起去。   ", FK_TRAILING, 1, 7);               /* but trailing-space */
	expect("隐形\xe2\x80\x8d字符。", FK_FORMAT, 1, 3);
	expect("反转\xe2\x80\xae控制。", FK_FORMAT, 1, 3);
}

/* A join is placed at the end of the paragraph's first piece. */
static void test_join_at_seam(void **state)
{
	struct findings fs;
	size_t n = 0;

	(void)state;
	lint_text("第一段话说完了，没有断开的地方。\n\n"
		  "这是被分栏截断的一个很长的段落，它在这里断开进一\n\n步说明了问题，然后接着讲下去。",
		  &fs);
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].kind == FK_JOIN) {
			n++;
			assert_int_equal(fs.v[i].line, 7);
			assert_int_equal(fs.v[i].column, 25);  /* just after 一 */
			assert_non_null(strstr(fs.v[i].message, "line 9"));
		}
	assert_int_equal(n, 1);
	findings_free(&fs);
}

static void test_off(void **state)
{
	struct lint_opts o = {0, NULL};
	const char *bad = NULL;
	size_t badlen = 0;

	(void)state;
	assert_int_equal(lint_parse_off(&o, "doubled, variant", &bad, &badlen), 0);
	assert_true(o.off & (1u << FK_DOUBLED));
	assert_true(o.off & (1u << FK_VARIANT));
	assert_false(o.off & (1u << FK_JOIN));
	assert_int_equal(lint_parse_off(&o, "join frobs", &bad, &badlen), -1);
	assert_int_equal(badlen, 5);
	assert_memory_equal(bad, "frobs", 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doubled),
		cmocka_unit_test(test_variant),
		cmocka_unit_test(test_halfwidth),
		cmocka_unit_test(test_widths_and_numbers),
		cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_spaces_and_format),
		cmocka_unit_test(test_join_at_seam),
		cmocka_unit_test(test_off),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
