/*
 * test_fold: the promises of src/typeset/fold.h, one test each:
 *   - full-width and half-width forms fold to one form (ＡＢＣ and ABC, ，
 *     and ",", the ideographic space and " ", half-width katakana), and
 *     CJK ideographs and CJK punctuation fold to themselves;
 *   - letter case folds (ASCII, and beyond it: Ä, ß to ss), and
 *     fold_text_case() with keep_case keeps it while still folding width;
 *   - every folded byte maps back to the source character it came from,
 *     the map never decreases and map[n] is the source length, so that
 *     fold_find() and fold_find_back() give source ranges, from whole
 *     characters only;
 *   - empty input and an empty query; invalid bytes and NULs (folded, not
 *     lost); a long input; a struct reused from a longer text;
 *   - fold_text_script(): each character of the table's range becomes its
 *     entry (after width and case folding), also where that changes its
 *     length in bytes, and the map still leads back to whole source
 *     characters; a NULL table and an identity one change nothing; the
 *     memo of NFKC answers keeps keep_case apart.
 * (The 4 GiB cut is not tested: it would need 4 GiB of text.)
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "fold.h"

/* Fold a NUL-terminated source into f; returns the folded text. */
static const char *fold_s(struct folded *f, const char *s, int keep_case)
{
	fold_text_case(s, strlen(s), f, keep_case);
	return f->s;
}

/* The map never decreases, starts at 0 for a non-empty text, ends with the
 * source length, and the folded text is NUL-terminated valid UTF-8. */
static void assert_well_formed(const struct folded *f, size_t srclen)
{
	assert_int_equal(f->map[f->n], srclen);
	assert_int_equal(f->s[f->n], '\0');
	if (f->n)
		assert_int_equal(f->map[0], 0);
	for (size_t i = 1; i <= f->n; i++)
		assert_true(f->map[i - 1] <= f->map[i]);
	assert_null(u8_check((const uint8_t *)f->s, f->n));
}

/* find Q in the folded f from source offset from; returns the source
 * range as start * 1000 + end, or -1 when there is none. */
static long find(const struct folded *f, const char *q, size_t from)
{
	size_t s, e;

	if (!fold_find(f, q, strlen(q), from, &s, &e))
		return -1;
	assert_true(s < e);
	return (long)(s * 1000 + e);
}

static long find_back(const struct folded *f, const char *q, size_t before)
{
	size_t s = 0, e = 0;

	if (!fold_find_back(f, q, strlen(q), before, &s, &e))
		return -1;
	assert_true(s < before);
	return (long)(s * 1000 + e);
}

/* A source, keep_case, and what it folds to. */
struct folding {
	const char *src;
	int keep_case;
	const char *want;
};

static void assert_folds(const struct folding *t, size_t n)
{
	struct folded f = {0};

	for (size_t i = 0; i < n; i++) {
		fold_s(&f, t[i].src, t[i].keep_case);
		if (strcmp(f.s, t[i].want) != 0)
			fail_msg("%s (keep_case %d) folds to %s, not %s", t[i].src, t[i].keep_case,
				 f.s, t[i].want);
		assert_well_formed(&f, strlen(t[i].src));
	}
	fold_free(&f);
}

static void test_width_forms(void **state)
{
	static const struct folding t[] = {
		{"ＡＢＣ１２３", 0, "abc123"},
		{"ａｂｃ", 0, "abc"},
		{"，：；！？（）", 0, ",:;!?()"},
		{"a\u3000b", 0, "a b"},     /* the ideographic space */
		{"ｶﾀｶﾅ", 0, "カタカナ"},    /* half-width katakana */
		{"ＡＢＣ，", 1, "ABC,"},     /* width folds with keep_case too */
	};

	(void)state;
	assert_folds(t, sizeof t / sizeof t[0]);
}

static void test_cjk_itself(void **state)
{
	struct folded f = {0};
	const char *src = "同心圆“好声音”。、《兴化》";

	(void)state;
	assert_string_equal(fold_s(&f, src, 0), src);
	assert_int_equal(f.n, strlen(src));
	for (size_t i = 0; i < f.n; i++)
		assert_int_equal(f.map[i], (i / 3) * 3);  /* all three-byte characters */
	assert_well_formed(&f, strlen(src));
	fold_free(&f);
}

static void test_case(void **state)
{
	static const struct folding t[] = {
		{"Hello, WORLD 2020", 0, "hello, world 2020"},
		{"ÄÖÜ É", 0, "äöü é"},
		{"Straße", 0, "strasse"},
		{"ΣΟΦΙΑ", 0, "σοφια"},
		/* keep_case: case stays, the rest still folds. */
		{"Hello, WORLD", 1, "Hello, WORLD"},
		{"ÄＢc", 1, "ÄBc"},
	};

	(void)state;
	assert_folds(t, sizeof t / sizeof t[0]);
}

static void test_map_to_source(void **state)
{
	struct folded f = {0};
	/* 价 格 ： Ａ Ｂ Ｃ 元: seven three-byte characters. */
	const char *src = "价格：ＡＢＣ元";

	(void)state;
	assert_string_equal(fold_s(&f, src, 0), "价格:abc元");
	assert_well_formed(&f, strlen(src));
	/* The colon (folded byte 6) came from the full-width one at 6; a at
	 * folded 7 from Ａ at 9, c at 9 from Ｃ at 15, 元 at 10 from 18. */
	assert_int_equal(f.map[6], 6);
	assert_int_equal(f.map[7], 9);
	assert_int_equal(f.map[9], 15);
	assert_int_equal(f.map[10], 18);
	/* A match's range is the source characters it came from. */
	assert_int_equal(find(&f, "abc", 0), 9 * 1000 + 18);
	assert_int_equal(find(&f, "b", 0), 12 * 1000 + 15);
	assert_int_equal(find(&f, ":a", 0), 6 * 1000 + 12);
	assert_int_equal(find(&f, "价格", 0), 0 * 1000 + 6);
	assert_int_equal(find(&f, "c元", 0), 15 * 1000 + 21);
	assert_int_equal(find(&f, "d", 0), -1);
	fold_free(&f);
}

static void test_expansion(void **state)
{
	struct folded f = {0};

	(void)state;
	/* ß folds to two bytes from one source character: a match of either
	 * half covers the whole ß, and a match may only start where a source
	 * character starts. */
	fold_s(&f, "aßb", 0);
	assert_string_equal(f.s, "assb");
	assert_well_formed(&f, strlen("aßb"));
	assert_int_equal(find(&f, "s", 0), 1 * 1000 + 3);
	assert_int_equal(find(&f, "s", 2), -1);
	assert_int_equal(find(&f, "sb", 0), -1);     /* starts inside ß */
	assert_int_equal(find(&f, "as", 0), 0 * 1000 + 3);
	/* The ligature ﬁ folds to fi: no match starts at its i. */
	fold_s(&f, "ﬁx", 0);
	assert_string_equal(f.s, "fix");
	assert_int_equal(find(&f, "ix", 0), -1);
	assert_int_equal(find(&f, "fi", 0), 0 * 1000 + 3);
	fold_free(&f);
}

static void test_find_from_and_back(void **state)
{
	struct folded f = {0};

	(void)state;
	fold_s(&f, "ＡＢＣabcAbc", 0);  /* Ａ Ｂ Ｃ at 0, 3, 6; a at 9, A at 12 */
	assert_int_equal(find(&f, "abc", 0), 0 * 1000 + 9);
	assert_int_equal(find(&f, "abc", 1), 9 * 1000 + 12);
	assert_int_equal(find(&f, "abc", 9), 9 * 1000 + 12);
	assert_int_equal(find(&f, "abc", 10), 12 * 1000 + 15);
	assert_int_equal(find(&f, "abc", 13), -1);
	assert_int_equal(find(&f, "abc", 1000), -1);
	assert_int_equal(find_back(&f, "abc", 15), 12 * 1000 + 15);
	assert_int_equal(find_back(&f, "abc", 12), 9 * 1000 + 12);
	assert_int_equal(find_back(&f, "abc", 9), 0 * 1000 + 9);
	assert_int_equal(find_back(&f, "abc", 1), 0 * 1000 + 9);
	assert_int_equal(find_back(&f, "abc", 0), -1);
	assert_int_equal(find_back(&f, "xyz", 15), -1);
	fold_free(&f);
}

static void test_empty(void **state)
{
	struct folded f = {0};
	size_t s = 7, e = 7;

	(void)state;
	fold_text("", 0, &f);
	assert_int_equal(f.n, 0);
	assert_string_equal(f.s, "");
	assert_well_formed(&f, 0);
	assert_int_equal(find(&f, "a", 0), -1);
	assert_int_equal(find_back(&f, "a", 1), -1);
	/* An empty query matches nothing, in any text. */
	fold_s(&f, "abc", 0);
	assert_false(fold_find(&f, "", 0, 0, &s, &e));
	assert_false(fold_find_back(&f, "", 0, 3, &s, &e));
	assert_int_equal(s, 7);
	assert_int_equal(e, 7);
	fold_free(&f);
	assert_null(f.s);
	assert_null(f.map);
	fold_free(&f);  /* twice is harmless */
}

static void test_odd_input(void **state)
{
	struct folded f = {0};
	const char bad[] = "a\xff" "B\xe4\xb8" "c";  /* a lone byte, a cut CJK character */
	const char nul[] = "x\0Y";

	(void)state;
	fold_text(bad, sizeof bad - 1, &f);
	assert_well_formed(&f, sizeof bad - 1);
	/* Each invalid sequence (the cut character is one) became U+FFFD,
	 * mapped to where it starts; nothing around it was lost. */
	assert_string_equal(f.s, "a\uFFFDb\uFFFDc");
	assert_int_equal(f.map[1], 1);
	assert_int_equal(f.map[5], 3);
	assert_int_equal(find(&f, "b", 0), 2 * 1000 + 3);
	assert_int_equal(find(&f, "c", 0), 5 * 1000 + 6);
	/* A NUL is folded as a character, not an end. */
	fold_text(nul, sizeof nul - 1, &f);
	assert_int_equal(f.n, 3);
	assert_memory_equal(f.s, "x\0y", 3);
	assert_well_formed(&f, 3);
	assert_int_equal(find(&f, "y", 0), 2 * 1000 + 3);
	/* Only n bytes are read: the rest of the buffer is not folded. */
	fold_text("ABCDEF", 3, &f);
	assert_string_equal(f.s, "abc");
	assert_int_equal(f.map[f.n], 3);
	fold_free(&f);
}

/* A script table for the test: 國 to 国, 學 to 学, and 丽 (U+4E3D) to a
 * character of four bytes (U+20000), which no real table does but which
 * must still map back; the rest to itself. */
static uint32_t *test_table(void)
{
	uint32_t *t = malloc((FOLD_SCRIPT_HI - FOLD_SCRIPT_LO + 1) * sizeof *t);

	assert_non_null(t);
	for (uint32_t cp = FOLD_SCRIPT_LO; cp <= FOLD_SCRIPT_HI; cp++)
		t[cp - FOLD_SCRIPT_LO] = cp;
	t[0x570B - FOLD_SCRIPT_LO] = 0x56FD;
	t[0x5B78 - FOLD_SCRIPT_LO] = 0x5B66;
	t[0x4E3D - FOLD_SCRIPT_LO] = 0x20000;
	return t;
}

static void test_script(void **state)
{
	struct folded f = {0};
	uint32_t *t = test_table();
	const char *src = "ＡＢ國家,学校與學校丽x";
	size_t n = strlen(src), s, e, from = 0, count = 0;
	const char *guo = strstr(src, "國"), *li = strstr(src, "丽");

	(void)state;
	fold_text_script(src, n, &f, 0, t);
	assert_string_equal(f.s, "ab国家,学校與学校\xF0\xA0\x80\x80x");
	assert_well_formed(&f, n);
	/* 国家 finds 國家 at its source bytes. */
	assert_int_equal(find(&f, "国家", 0), (long)((guo - src) * 1000 + (guo - src) + 6));
	/* 学校 finds both, each at its own source bytes. */
	while (fold_find(&f, "学校", strlen("学校"), from, &s, &e)) {
		assert_int_equal(e - s, 6);
		assert_true(memcmp(src + s + 3, "校", 3) == 0);
		from = s + 1;
		count++;
	}
	assert_int_equal(count, 2);
	/* Three bytes of source became four: the match is still 丽's three. */
	assert_int_equal(find(&f, "\xF0\xA0\x80\x80x", 0),
			 (long)((li - src) * 1000 + (li - src) + 4));
	/* No table and an identity table fold the script not at all. */
	fold_text_script(src, n, &f, 0, NULL);
	assert_string_equal(f.s, "ab國家,学校與學校丽x");
	for (uint32_t cp = FOLD_SCRIPT_LO; cp <= FOLD_SCRIPT_HI; cp++)
		t[cp - FOLD_SCRIPT_LO] = cp;
	fold_text_script(src, n, &f, 1, t);
	assert_string_equal(f.s, "AB國家,学校與學校丽x");
	/* The same character off the fast path, with and without case kept:
	 * the remembered answer of one is not the other's. */
	assert_string_equal(fold_s(&f, "\xC3\x84", 0), "\xC3\xA4");  /* Ä to ä */
	assert_string_equal(fold_s(&f, "\xC3\x84", 1), "\xC3\x84");
	assert_string_equal(fold_s(&f, "\xC3\x84", 0), "\xC3\xA4");
	free(t);
	fold_free(&f);
}

static void test_long_and_reuse(void **state)
{
	struct folded f = {0};
	const char *unit = "ＡＢ兴化统一战线 Tea, ";
	size_t ul = strlen(unit), reps = 30000, n = ul * reps, unit_folded;
	size_t tea = (size_t)(strstr(unit, "Tea") - unit);
	char *big = malloc(n + 18);
	size_t s, e, count = 0, from = 0;

	(void)state;
	assert_non_null(big);
	fold_s(&f, unit, 0);
	assert_string_equal(f.s, "ab兴化统一战线 tea, ");
	unit_folded = f.n;
	for (size_t i = 0; i < reps; i++)
		memcpy(big + i * ul, unit, ul);
	memcpy(big + n, "ＮＥＥＤＬＥ", 18);
	n += 18;
	fold_text(big, n, &f);
	assert_well_formed(&f, n);
	assert_int_equal(f.n, unit_folded * reps + 6);
	/* The needle at the very end, found from the start and from just
	 * before it; the last repetition found backwards from the end. */
	assert_true(fold_find(&f, "needle", 6, 0, &s, &e));
	assert_int_equal(s, ul * reps);
	assert_int_equal(e, n);
	assert_true(fold_find(&f, "needle", 6, n - 18, &s, &e));
	assert_true(fold_find_back(&f, "ab兴化", strlen("ab兴化"), n, &s, &e));
	assert_int_equal(s, ul * (reps - 1));
	/* Every repetition is found once, at its own offset. */
	while (fold_find(&f, "tea,", 4, from, &s, &e)) {
		assert_int_equal(s, count * ul + tea);
		assert_int_equal(e - s, 4);
		count++;
		from = s + 1;
	}
	assert_int_equal(count, reps);
	/* The same struct, reused for a short text: nothing of the long one
	 * shows through. */
	fold_s(&f, "Ｘ", 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.s, "x");
	assert_well_formed(&f, 3);
	assert_int_equal(find(&f, "needle", 0), -1);
	free(big);
	fold_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_forms),
		cmocka_unit_test(test_cjk_itself),
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_map_to_source),
		cmocka_unit_test(test_expansion),
		cmocka_unit_test(test_find_from_and_back),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_long_and_reuse),
		cmocka_unit_test(test_script),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
