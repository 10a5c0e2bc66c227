/*
 * test_archlists: the pick lists over an archive. A date typed the
 * Chinese way filters the editions list as the list writes it; the list
 * gives date, weekday, title, page, articles and the bookmark mark; the
 * archive's localities are grouped under their prefecture (abroad under
 * the country, the unresolved last) with their counts; a search hit's
 * entry starts a little before its match and says where the match is.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "archlists.h"
#include "gazetteer.h"
#include "util.h"

static struct gazetteer *gaz;

static int setup(void **state)
{
	struct error err;

	(void)state;
	gaz = gazetteer_load("data/gazetteer.tsv", &err);
	return gaz ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gazetteer_free(gaz);
	return 0;
}

static void query_is(const char *typed, const char *want)
{
	char out[64];
	size_t n = archlist_date_query(typed, strlen(typed), out, sizeof out);

	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

static void test_date_query(void **state)
{
	(void)state;
	query_is("2020年11月", "2020-11");
	query_is("2020年11月5日", "2020-11-05");
	query_is("2020年1月", "2020-01");
	query_is("２０２０年３月", "2020-03");  /* full-width digits */
	query_is("11月5日", "-11-05");
	query_is("2020年", "2020");
	query_is("2020-11", "2020-11");     /* already the list's */
	query_is("同心圆", "同心圆");          /* not a date */
	query_is("2020年11月的", "2020年11月的");
	query_is("", "");
	/* A month or a day alone: the key's own field, never the other. */
	query_is("11月", "\x1f" "11月");
	query_is("５日", "月05日\x1f");
	query_is("5号", "月05日\x1f");
	query_is("45日", "45日");
	query_is("5日的", "5日的");
}

/* The labels of the entries shown, one a line. */
static char *shown_labels(const struct list *l)
{
	struct sbuf b = {0};

	for (size_t k = 0; k < l->nshown; k++)
		sbuf_addf(&b, "%s\n", l->v[l->shown[k]].label);
	return b.s ? sbuf_take(&b) : xstrdup("");
}

/* A month typed alone finds that month, not that day of every month; a
 * day alone that day, not a file name or a year holding its digits. */
static void test_month_or_day_alone(void **state)
{
	struct archive_entry v[] = {
		{.path = "a/x-2015-05-11.txt", .date = "2015-05-11"},
		{.path = "a/x-2015-11-02.txt", .date = "2015-11-02"},
		{.path = "a/x-2016-10-11.txt", .date = "2016-10-11"},
		{.path = "a/x-2011-11-11.txt", .date = "2011-11-11"},
		{.path = "a/x-2015-05-15.txt", .date = "2015-05-15"},
		{.path = "a/x-2015-06-05.txt", .date = "2015-06-05"},
	};
	struct archive a = {.v = v, .n = 6, .cap = 6};
	struct list l;
	char q[64], *s;
	size_t qn;

	(void)state;
	archlist_editions(&l, &a);
	qn = archlist_date_query("11月", strlen("11月"), q, sizeof q);
	list_filter(&l, q, qn);
	s = shown_labels(&l);
	assert_int_equal(l.nshown, 2);
	assert_non_null(strstr(s, "2015-11-02"));
	assert_non_null(strstr(s, "2011-11-11"));
	free(s);
	qn = archlist_date_query("5日", strlen("5日"), q, sizeof q);
	list_filter(&l, q, qn);
	s = shown_labels(&l);
	assert_int_equal(l.nshown, 1);
	assert_non_null(strstr(s, "2015-06-05"));
	free(s);
	qn = archlist_date_query("5月", strlen("5月"), q, sizeof q);
	list_filter(&l, q, qn);
	assert_int_equal(l.nshown, 2);
	qn = archlist_date_query("11日", strlen("11日"), q, sizeof q);
	list_filter(&l, q, qn);
	s = shown_labels(&l);
	assert_int_equal(l.nshown, 3);
	assert_null(strstr(s, "2015-11-02"));
	free(s);
	list_free(&l);
}

static void test_editions(void **state)
{
	struct archive_entry v[3] = {
		{.path = "a/tongxinyuan-2020-10-31.txt", .date = "2020-10-31", .title = "同心圆",
		 .narticles = 8, .read = 1, .page = 3},
		{.path = "a/tongxinyuan-2020-11-05.txt", .date = "2020-11-05", .title = "同心圆",
		 .narticles = 1, .read = 1, .marked = 1},
		{.path = "a/unread-2020-11-06.txt", .date = "2020-11-06"},
	};
	struct archive a = {.v = v, .n = 3, .cap = 3};
	struct list l;
	char q[64], *s;
	size_t qn;

	(void)state;
	archlist_editions(&l, &a);
	assert_int_equal(l.nshown, 3);
	assert_string_equal(l.v[0].label, "2020-10-31 Sat  同心圆  page 3  8 articles");
	assert_string_equal(l.v[1].label, "2020-11-05 Thu  同心圆  1 article  ★");
	/* Not read yet: its file's name, no count. */
	assert_string_equal(l.v[2].label, "2020-11-06 Fri  unread-2020-11-06.txt");
	qn = archlist_date_query("2020年11月", strlen("2020年11月"), q, sizeof q);
	list_filter(&l, q, qn);
	s = shown_labels(&l);
	assert_int_equal(l.nshown, 2);
	assert_null(strstr(s, "10-31"));
	free(s);
	list_filter(&l, "unread", 6);
	assert_int_equal(l.nshown, 1);
	assert_int_equal(list_selected(&l).kind, REF_EDITION);
	assert_int_equal(list_selected(&l).value, 2);
	list_free(&l);
}

static void test_places(void **state)
{
	struct catalog_place v[] = {
		{"321281", "兴化", 12},
		{"", "某地", 2},
		{"321282", "靖江", 5},
		{"320111", "南京永宁街道", 1},
		{"321200", "泰州", 3},
	};
	struct list l;
	char *s;

	(void)state;
	archlist_places(&l, v, sizeof v / sizeof *v, gaz);
	s = shown_labels(&l);
	/* Under their prefectures, by code; the unresolved last. */
	assert_non_null(strstr(s, "江苏省南京市\n"));
	assert_non_null(strstr(s, "江苏省泰州市\n"));
	assert_true(strstr(s, "江苏省南京市\n") < strstr(s, "江苏省泰州市\n"));
	assert_non_null(strstr(s, "  兴化市（兴化）  12\n"));
	assert_non_null(strstr(s, "  靖江市（靖江）  5\n"));
	assert_true(strstr(s, "兴化市") < strstr(s, "靖江市"));
	assert_true(strstr(s, "(no known place)\n  某地  2\n") > strstr(s, "靖江市"));
	free(s);
	list_filter(&l, "靖江", strlen("靖江"));
	s = shown_labels(&l);
	assert_string_equal(s, "江苏省泰州市\n  靖江市（靖江）  5\n");
	free(s);
	assert_int_equal(list_selected(&l).kind, REF_PLACE);
	assert_int_equal(list_selected(&l).value, 2);
	list_free(&l);
}

static void test_hits(void **state)
{
	struct archive_entry e[1] = {{.path = "x.txt", .date = "2020-06-15"}};
	struct archive a = {.v = e, .n = 1, .cap = 1};
	char text[] = "第一行\n引导新的社会阶层人士愛國敬業。今年举办专题学习3次\n下一行";
	struct catalog_story v[1] = {{0, 1, 20, "创新", "宜兴", "320282", text, 0, 0}};
	struct list l;
	size_t *starts;
	const char *label;

	(void)state;
	v[0].match = (size_t)(strstr(text, "愛國敬業") - text);
	v[0].matchlen = strlen("愛國敬業");
	archlist_hits(&l, v, 1, &a, &starts);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].label, "2020-06-15  宜兴  创新");
	assert_int_equal(l.v[0].ref.kind, REF_NONE);
	label = l.v[1].label;
	/* From a few characters before the match (not before its line) to
	 * the end of its line. */
	assert_string_equal(label, "    引导新的社会阶层人士愛國敬業。今年举办专题学习3次");
	assert_memory_equal(label + starts[0], "愛國敬業", strlen("愛國敬業"));
	assert_int_equal(list_selected(&l).kind, REF_STORY);
	free(starts);
	list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_query),
		cmocka_unit_test(test_month_or_day_alone),
		cmocka_unit_test(test_editions),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_hits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
