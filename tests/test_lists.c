/*
 * test_lists: the pick lists. The locality index groups the seed's
 * articles under their prefectures, filtering keeps a heading with its
 * matching entries, the contents list every headline, and moving through a
 * list never selects a heading.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "lists.h"
#include "locality.h"
#include "util.h"

static struct gazetteer *gaz;
static struct edition ed;

static int setup(void **state)
{
	struct error err;

	(void)state;
	gaz = gazetteer_load("data/gazetteer.tsv", &err);
	if (!gaz || edition_load(&ed, seed_path(), &err) < 0)
		return -1;
	locality_resolve(&ed, gaz);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	edition_free(&ed);
	gazetteer_free(gaz);
	return 0;
}

static const struct list_entry *shown(const struct list *l, size_t k)
{
	return &l->v[l->shown[k]];
}

/* The seed's index: six prefectures, each heading followed by its
 * articles; 泰州 holds three (海陵区, 兴化, 靖江), in paper order after
 * their codes; every article once. */
static void test_localities(void **state)
{
	struct list l;
	int seen[64] = {0};
	size_t headings = 0;

	(void)state;
	list_localities(&l, &ed, gaz);
	assert_int_equal(l.nshown, l.n);
	assert_int_equal(l.v[0].ref.kind, REF_NONE);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].ref.kind == REF_NONE) {
			headings++;
			assert_true(i + 1 < l.n && l.v[i + 1].ref.kind == REF_ARTICLE);
			continue;
		}
		assert_int_equal(l.v[i].ref.kind, REF_ARTICLE);
		assert_true(l.v[i].ref.value < ed.narticles);
		seen[l.v[i].ref.value]++;
	}
	assert_int_equal(headings, 6);
	for (size_t a = 0; a < ed.narticles; a++)
		assert_int_equal(seen[a], 1);
	/* The selection starts on the first article, not its heading. */
	assert_int_equal(l.sel, 1);
	list_free(&l);
}

static void test_filter(void **state)
{
	struct list l;

	(void)state;
	list_localities(&l, &ed, gaz);
	list_filter(&l, "泰州", strlen("泰州"));
	assert_int_equal(l.nshown, 4);
	assert_string_equal(shown(&l, 0)->label, "江苏省泰州市");
	assert_int_equal(shown(&l, 1)->ref.value, 7);
	assert_int_equal(shown(&l, 2)->ref.value, 1);
	assert_int_equal(shown(&l, 3)->ref.value, 4);
	assert_int_equal(l.sel, 1);
	/* 兴化: one entry under its heading; ＷＸＹ: nothing, and nothing
	 * to select or move to. */
	list_filter(&l, "兴化", strlen("兴化"));
	assert_int_equal(l.nshown, 2);
	assert_int_equal(shown(&l, 0)->ref.kind, REF_NONE);
	assert_int_equal(list_selected(&l).value, 1);
	list_filter(&l, "ＷＸＹ", strlen("ＷＸＹ"));
	assert_int_equal(l.nshown, 0);
	assert_int_equal(list_selected(&l).kind, REF_NONE);
	list_move(&l, LIST_NEXT, 5);
	list_move(&l, LIST_END, 5);
	assert_int_equal(list_selected(&l).kind, REF_NONE);
	list_filter(&l, "", 0);
	assert_int_equal(l.nshown, l.n);
	list_free(&l);
}

static void test_contents(void **state)
{
	struct list l;

	(void)state;
	list_contents(&l, &ed);
	assert_int_equal(l.n, ed.narticles);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].ref.kind, REF_ARTICLE);
		assert_int_equal(l.v[i].ref.value, i);
	}
	assert_non_null(strstr(l.v[1].label, "兴化统一战线"));
	assert_true(strncmp(l.v[1].label, "  2  兴化：", strlen("  2  兴化：")) == 0);
	list_filter(&l, "同心", strlen("同心"));
	assert_true(l.nshown >= 2);
	assert_true(list_select_ref(&l, (struct list_ref){REF_ARTICLE, 5}));
	assert_int_equal(list_selected(&l).value, 5);
	assert_false(list_select_ref(&l, (struct list_ref){REF_ARTICLE, 2}));
	list_free(&l);
}

/* H a b H H c H: headings at the start, twice in a row and at the end. */
static void make_list(struct list *l)
{
	static const char *const labels[] = {"H1", "a", "b", "H2", "H3", "c", "H4"};

	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < 7; i++) {
		struct list_ref r = {labels[i][0] == 'H' ? REF_NONE : REF_BOOKMARK, i};

		list_add(l, xstrdup(labels[i]), labels[i], strlen(labels[i]), r);
	}
	list_filter(l, "", 0);
}

static void test_navigation(void **state)
{
	static const struct {
		enum list_move m;
		size_t rows, want;
	} steps[] = {
		{LIST_PREV, 3, 1},       /* nothing selectable above */
		{LIST_NEXT, 3, 2},
		{LIST_NEXT, 3, 5},       /* over two headings */
		{LIST_NEXT, 3, 5},       /* nothing selectable below */
		{LIST_PREV, 3, 2},
		{LIST_END, 3, 5},
		{LIST_HOME, 3, 1},
		{LIST_PAGE_DOWN, 3, 2},  /* lands on H3: back to b */
		{LIST_PAGE_DOWN, 10, 5},
		{LIST_PAGE_UP, 10, 1},
	};
	/* A scroll-only list moves its top, never past the last page. */
	static const struct {
		enum list_move m;
		size_t top;
	} scrolls[] = {
		{LIST_HOME, 0}, {LIST_PAGE_DOWN, 3}, {LIST_PAGE_DOWN, 4}, {LIST_NEXT, 4},
		{LIST_PREV, 3}, {LIST_END, 4},
	};
	struct list l;

	(void)state;
	make_list(&l);
	assert_int_equal(l.sel, 1);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		list_move(&l, steps[i].m, steps[i].rows);
		if (l.sel != steps[i].want)
			fail_msg("step %zu: selected %zu, want %zu", i, l.sel, steps[i].want);
	}
	/* Keeping the selection visible in two rows. */
	l.sel = 5;
	list_show(&l, 2);
	assert_int_equal(l.top, 4);
	l.sel = 1;
	list_show(&l, 2);
	assert_int_equal(l.top, 1);
	l.scroll_only = 1;
	for (size_t i = 0; i < sizeof scrolls / sizeof scrolls[0]; i++) {
		list_move(&l, scrolls[i].m, 3);
		if (l.top != scrolls[i].top)
			fail_msg("scroll %zu: top %zu, want %zu", i, l.top, scrolls[i].top);
	}
	assert_int_equal(list_selected(&l).kind, REF_NONE);
	list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_localities),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_contents),
		cmocka_unit_test(test_navigation),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
