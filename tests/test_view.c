/*
 * test_view: the article view (src/views/view.h), without a terminal, on
 * the bundled edition and on small made-up editions written to a
 * temporary file:
 *   - opening an article at its top or its end, and nothing for an
 *     article that does not exist; the front matter above article 1;
 *   - scrolling stays within 0 and view_max_top(); view_percent();
 *   - sizes: the width in use (max_width, the minimum of 2), the margin,
 *     and the reading position kept through width changes: the first
 *     visible character before a change is on the top line after it, and
 *     a round trip gives the position back exactly;
 *   - view_seek() to a text position;
 *   - search forwards, backwards, around the end, not found, no query;
 *     every match of the edition visited once, in order, with its line on
 *     screen; view_line_matches() covering exactly the matches;
 *   - the query folded as the text is: full and half width, case, and
 *     case kept when keep_case is set;
 *   - a paragraph of 4 MB: a resize lays out a bounded number of lines
 *     (counted, not timed), the reading position survives it, scrolling
 *     through it keeps the display lines bounded and the text continuous,
 *     and the bottom is 100%.
 *   - the hits counted (hit k of n), n and N stepping through them and
 *     around; the current hit told apart on its line; the front matter
 *     searched too; regular expressions (PCRE2, UTF-8) with the same
 *     width folding and case rule, a bad one refused with a message;
 *   - traditional and simplified characters match each other (国 finds
 *     國 and the reverse, literal and regex, the hit on the original
 *     bytes) unless keep_script is set; with no OpenCC data the test says
 *     so and checks only the exact matches.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edition.h"
#include "layout.h"
#include "lint.h"
#include "proof.h"
#include "rawline.h"
#include "variants.h"
#include "view.h"
#include "width.h"

/* A made-up edition: the masthead and dateline, then three articles; the
 * first has a kicker, and a paragraph with ＡＢＣ, abc and Abc, a
 * full-width and a half-width comma. */
static const char made_up[] =
	"同心圆\n\n2020年11月11日 星期三\n\n靖江:\n\n第一篇标题\n\n"
	"正文含ＡＢＣ公司和abc以及Abc，还有半角逗号,结束。\n\n张三\n\n"
	"第二篇标题\n\n第二篇正文，没有那个词。\n\n李四\n\n"
	"第三篇标题\n\n最后一篇也提到abc公司。\n\n王五\n";

static void load(struct edition *ed, const char *path)
{
	struct error err;

	memset(ed, 0, sizeof *ed);
	if (edition_load(ed, path, &err) < 0)
		fail_msg("edition_load %s: %s", path, err.reason);
}

static void load_made_up(struct edition *ed)
{
	const char *path = tmp_path("made-up.txt");

	spit(path, made_up, sizeof made_up - 1);
	load(ed, path);
	assert_int_equal(ed->narticles, 3);
}

/* A view of ed in a rows x cols text area, article 0 open at its top. */
static void view_at(struct view *v, struct edition *ed, int rows, int cols, int max_width)
{
	struct layout_opts lo = layout_defaults(cols);

	view_init(v, ed, &lo, max_width);
	view_resize(v, rows, cols);
	view_open(v, 0, 0);
}

/* The display line that holds text position p, or SIZE_MAX. */
static size_t line_of(const struct view *v, struct view_pos p)
{
	for (size_t i = 0; i < v->vl.n; i++) {
		const struct vline *l = &v->vl.v[i];

		if (l->kind == VL_BLANK)
			continue;
		if (p.item == ITEM_FRONT ? l->kind != VL_FRONT || l->item != p.front
					 : l->kind == VL_FRONT || l->item != p.item)
			continue;
		if (l->l.start <= p.offset && (p.offset < l->l.next || l->l.next >= l->textlen))
			return i;
	}
	return SIZE_MAX;
}

static int same_pos(struct view_pos a, struct view_pos b)
{
	return a.article == b.article && a.item == b.item && a.offset == b.offset &&
	       (a.item != ITEM_FRONT || a.front == b.front) && a.above == b.above;
}

/* How many times q occurs in the items of article art (all when SIZE_MAX). */
static size_t occurrences(const struct edition *ed, size_t art, const char *q)
{
	size_t n = 0;

	for (size_t a = 0; a < ed->narticles; a++) {
		if (art != SIZE_MAX && a != art)
			continue;
		for (size_t i = 0; i < ed->articles[a].nitems; i++) {
			struct str t = edition_item_text(ed, a, i);
			const char *p = t.s, *end = t.s + t.n;

			while ((p = memmem(p, (size_t)(end - p), q, strlen(q))) != NULL) {
				n++;
				p += strlen(q);
			}
		}
	}
	return n;
}

static void test_open(void **state)
{
	struct edition ed;
	struct view v;

	(void)state;
	load(&ed, seed_path());
	assert_int_equal(ed.narticles, 8);
	view_at(&v, &ed, 24, 80, 0);
	/* Article 1 (index 0) begins with the front matter: the banner. */
	assert_int_equal(v.art, 0);
	assert_int_equal(v.top, 0);
	assert_int_equal(v.vl.v[0].kind, VL_FRONT);
	assert_int_equal(view_position(&v).item, ITEM_FRONT);
	assert_int_equal(view_position(&v).front, 0);
	/* Another article has no front matter; its first line is its own. */
	view_open(&v, 1, 0);
	assert_int_equal(v.art, 1);
	assert_int_equal(v.top, 0);
	assert_int_not_equal(v.vl.v[0].kind, VL_FRONT);
	assert_int_equal(v.vl.v[0].article, 1);
	/* At its end: the last lines fill the screen. */
	view_open(&v, 2, 1);
	assert_int_equal(v.art, 2);
	assert_true(v.top > 0);
	assert_int_equal(v.top, view_max_top(&v));
	assert_int_equal(v.top + 24, v.vl.n);
	/* No such article: nothing changes. */
	view_open(&v, 8, 0);
	view_open(&v, SIZE_MAX, 0);
	assert_int_equal(v.art, 2);
	assert_int_equal(v.top, view_max_top(&v));
	view_free(&v);
	edition_free(&ed);
}

static void test_scroll_and_percent(void **state)
{
	struct edition ed;
	struct view v;
	size_t n;
	int last;

	(void)state;
	load(&ed, seed_path());
	view_at(&v, &ed, 10, 80, 0);
	n = v.vl.n;
	assert_true(n > 10);
	assert_int_equal(view_max_top(&v), n - 10);
	assert_int_equal(view_percent(&v), (int)(10 * 100 / n));
	/* Up from the top: still the top. */
	view_scroll(&v, -5);
	assert_int_equal(v.top, 0);
	/* Line by line to the end: the percentage never goes down, and the
	 * top stops at view_max_top(). */
	last = view_percent(&v);
	for (size_t i = 0; i < n + 5; i++) {
		view_scroll(&v, 1);
		assert_true(v.top <= view_max_top(&v));
		assert_true(view_percent(&v) >= last);
		last = view_percent(&v);
	}
	assert_int_equal(v.top, n - 10);
	assert_int_equal(view_percent(&v), 100);
	view_scroll(&v, 1000000);
	assert_int_equal(v.top, n - 10);
	view_scroll(&v, -3);
	assert_int_equal(v.top, n - 13);
	assert_int_equal(view_percent(&v), (int)((n - 3) * 100 / n));
	view_scroll(&v, -1000000);
	assert_int_equal(v.top, 0);
	/* A screen taller than the article: no scrolling, 100 %. */
	view_resize(&v, (int)n + 10, 80);
	assert_int_equal(view_max_top(&v), 0);
	view_scroll(&v, 3);
	assert_int_equal(v.top, 0);
	assert_int_equal(view_percent(&v), 100);
	/* One row: the top may be any line but the last rows' worth. */
	view_resize(&v, 1, 80);
	assert_int_equal(view_max_top(&v), v.vl.n - 1);
	view_free(&v);
	edition_free(&ed);
}

static void test_sizes(void **state)
{
	struct edition ed;
	struct view v;

	(void)state;
	load(&ed, seed_path());
	/* max_width caps the text width; the text is centred. */
	view_at(&v, &ed, 24, 100, 60);
	assert_int_equal(v.lo.width, 60);
	assert_int_equal(v.margin, 20);
	for (size_t i = 0; i < v.vl.n; i++)
		assert_true(v.vl.v[i].l.indent + v.vl.v[i].l.width <= 60);
	/* Narrower than the cap: the whole width, no margin. */
	view_resize(&v, 24, 50);
	assert_int_equal(v.lo.width, 50);
	assert_int_equal(v.margin, 0);
	/* Below the minimum: a width of 2, one row. */
	view_resize(&v, 0, 1);
	assert_int_equal(v.lo.width, 2);
	assert_int_equal(v.rows, 1);
	assert_true(v.top <= view_max_top(&v));
	view_free(&v);
	edition_free(&ed);
}

/* At 80 x 24, from every top line of article art (every step-th), to each
 * width and back: the first visible character stays on the top line
 * (unless the end of the article holds the top lower), and the round trip
 * gives the same position. */
static void resize_keeps(struct edition *ed, size_t art, size_t step)
{
	static const int widths[] = {40, 23, 120, 2, 7, 79, 81};
	struct view v;
	size_t n;

	view_at(&v, ed, 24, 80, 0);
	view_open(&v, art, 0);
	n = v.vl.n;
	for (size_t top = 0; top < n; top += step) {
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			struct view_pos p, q;
			size_t line;

			view_resize(&v, 24, 80);
			view_open(&v, art, 0);
			view_scroll(&v, (long)top);
			p = view_position(&v);
			view_resize(&v, 24, widths[w]);
			assert_int_equal(v.lo.width, widths[w]);
			line = line_of(&v, p);
			assert_int_not_equal(line, SIZE_MAX);
			assert_true(line >= p.above);
			if (line - p.above <= view_max_top(&v))
				assert_int_equal(v.top, line - p.above);
			else
				assert_int_equal(v.top, view_max_top(&v));
			q = view_position(&v);
			if (v.top == line - p.above) {
				assert_int_equal(q.item, p.item);
				assert_true(q.offset <= p.offset);
			}
			view_resize(&v, 24, 80);
			assert_true(same_pos(view_position(&v), p));
		}
	}
	view_free(&v);
}

static void test_resize_keeps_position(void **state)
{
	struct edition ed;

	(void)state;
	load(&ed, seed_path());
	for (size_t a = 0; a < ed.narticles; a++)
		resize_keeps(&ed, a, a == 0 ? 1 : 3);
	edition_free(&ed);
	load_made_up(&ed);
	resize_keeps(&ed, 0, 1);
	edition_free(&ed);
}

static void test_seek(void **state)
{
	struct edition ed;
	struct view v, w;
	struct view_pos p;
	size_t line;

	(void)state;
	load(&ed, seed_path());
	/* A position taken in one view, at another width, sought in another:
	 * the same character on the top line. */
	view_at(&w, &ed, 24, 33, 0);
	view_open(&w, 3, 0);
	view_scroll(&w, 7);
	p = view_position(&w);
	assert_int_equal(p.article, 3);
	view_at(&v, &ed, 24, 80, 0);
	view_seek(&v, p);
	assert_int_equal(v.art, 3);
	line = line_of(&v, p);
	assert_int_not_equal(line, SIZE_MAX);
	assert_int_equal(v.top, line - p.above);
	/* A line start is given back exactly. */
	p = view_position(&v);
	view_scroll(&v, 2);
	view_seek(&v, p);
	assert_true(same_pos(view_position(&v), p));
	/* The middle of a line: that line is at the top. */
	p.offset += 4;
	view_open(&v, 0, 0);
	view_seek(&v, p);
	assert_int_equal(v.art, 3);
	assert_int_equal(view_position(&v).item, p.item);
	assert_int_equal(view_position(&v).offset, p.offset - 4);
	/* No such article: nothing moves. */
	p.article = 8;
	view_seek(&v, p);
	assert_int_equal(v.art, 3);
	view_free(&v);
	view_free(&w);
	edition_free(&ed);
}

/* Search q forwards from the top of article 0 until the search wraps;
 * returns how many matches it found, which it stores in found[] (where
 * they end in ends[]). Each has its line on screen. */
static size_t search_all(struct view *v, const char *q, struct view_pos *found, size_t *ends,
			 size_t max)
{
	size_t n = 0;
	enum search_result r;

	view_open(v, 0, 0);
	view_set_query(v, q, strlen(q));
	while ((r = view_search(v, 1)) == SEARCH_FOUND) {
		size_t line = line_of(v, v->match);

		assert_true(n < max);
		assert_int_not_equal(line, SIZE_MAX);
		assert_true(line >= v->top && line < v->top + (size_t)v->rows);
		assert_int_equal(v->art, v->match.article);
		ends[n] = v->match_end;
		found[n++] = v->match;
	}
	assert_int_equal(r, SEARCH_WRAPPED);
	assert_true(n > 0);
	assert_true(same_pos(v->match, found[0]));
	return n;
}

static void test_search(void **state)
{
	struct edition ed;
	struct view v;
	struct view_pos found[64];
	size_t ends[64], n, top;
	const char *q = "好声音";

	(void)state;
	load(&ed, seed_path());
	view_at(&v, &ed, 24, 80, 0);
	assert_int_equal(view_search(&v, 1), SEARCH_NONE);
	/* Forwards: every occurrence in the edition, once, in text order. */
	n = search_all(&v, q, found, ends, 64);
	assert_int_equal(n, occurrences(&ed, SIZE_MAX, q));
	assert_true(n >= 7);
	for (size_t i = 0; i < n; i++) {
		struct str t = edition_item_text(&ed, found[i].article, found[i].item);

		assert_memory_equal(t.s + found[i].offset, q, strlen(q));
		assert_int_equal(ends[i], found[i].offset + strlen(q));
		if (i > 0)
			assert_true(found[i - 1].article < found[i].article ||
				    (found[i - 1].article == found[i].article &&
				     (found[i - 1].item < found[i].item ||
				      (found[i - 1].item == found[i].item &&
				       found[i - 1].offset < found[i].offset))));
	}
	/* Backwards from the first: around to the last, then every one in
	 * reverse. */
	assert_int_equal(view_search(&v, -1), SEARCH_WRAPPED);
	assert_true(same_pos(v.match, found[n - 1]));
	for (size_t i = n - 1; i-- > 0;) {
		assert_int_equal(view_search(&v, -1), SEARCH_FOUND);
		assert_true(same_pos(v.match, found[i]));
		assert_int_equal(v.match_end, found[i].offset + strlen(q));
	}
	/* Not found: no match, the view stays where it is. */
	view_open(&v, 4, 0);
	view_scroll(&v, 5);
	top = v.top;
	view_set_query(&v, "火星探测", strlen("火星探测"));
	assert_int_equal(view_search(&v, 1), SEARCH_NOT_FOUND);
	assert_int_equal(view_search(&v, -1), SEARCH_NOT_FOUND);
	assert_false(v.has_match);
	assert_int_equal(v.art, 4);
	assert_int_equal(v.top, top);
	/* An empty query clears the search. */
	view_set_query(&v, "", 0);
	assert_null(v.sr.text);
	assert_int_equal(view_search(&v, 1), SEARCH_NONE);
	/* From the top of a later article, the first match after it. */
	view_open(&v, 1, 0);
	view_set_query(&v, "早茶峰会", strlen("早茶峰会"));
	assert_int_equal(view_search(&v, 1), SEARCH_FOUND);
	assert_int_equal(v.match.article, 1);
	view_free(&v);
	edition_free(&ed);
}

/* With the bottom row covered (the status line shown over the text when it
 * is off), no hit is left there: at every height, every hit of a word
 * common in the seed is on a row the user sees. Uncovered, some hit does
 * sit on the last row at some height (so that this can fail). */
static void test_search_covered(void **state)
{
	struct edition ed;
	struct view v;
	const char *q = "社会";
	int on_last = 0;

	(void)state;
	load(&ed, seed_path());
	for (int covered = 0; covered <= 1; covered++) {
		for (int rows = 4; rows <= 30; rows++) {
			enum search_result r;

			view_at(&v, &ed, rows, 40, 0);
			v.covered = covered;
			view_set_query(&v, q, strlen(q));
			while ((r = view_search(&v, 1)) == SEARCH_FOUND) {
				size_t line = line_of(&v, v.match);

				assert_true(line >= v.top && line < v.top + (size_t)rows);
				if (line == v.top + (size_t)rows - 1) {
					assert_int_equal(covered, 0);
					on_last = 1;
				}
			}
			assert_int_equal(r, SEARCH_WRAPPED);
			view_free(&v);
		}
	}
	assert_true(on_last);
	edition_free(&ed);
}

/* The matches view_line_matches() gives over every line of article art:
 * each within its line and a piece of q; returns their bytes in all. */
static size_t line_match_bytes(struct view *v, size_t art, const char *q)
{
	size_t total = 0;

	view_open(v, art, 0);
	for (size_t i = 0; i < v->vl.n; i++) {
		const struct vline *l = &v->vl.v[i];
		size_t ranges[8][2], k = view_line_matches(v, i, ranges, 8);

		if (l->kind == VL_BLANK || l->kind == VL_FRONT)
			assert_int_equal(k, 0);
		for (size_t j = 0; j < k; j++) {
			size_t len = ranges[j][1] - ranges[j][0];

			assert_true(ranges[j][0] >= l->l.start && ranges[j][1] <= l->l.end);
			assert_true(len > 0);
			assert_non_null(memmem(q, strlen(q), l->text + ranges[j][0], len));
			total += len;
		}
	}
	return total;
}

static void test_line_matches(void **state)
{
	struct edition ed;
	struct view v;
	size_t ranges[4][2];
	const char *q = "好声音";

	(void)state;
	load(&ed, seed_path());
	view_at(&v, &ed, 24, 80, 0);
	assert_int_equal(view_line_matches(&v, 0, ranges, 4), 0);  /* no query */
	view_set_query(&v, q, strlen(q));
	/* At every width the lines' ranges cover every match of each
	 * article, even one broken across two lines, and nothing else. */
	for (int w = 5; w <= 80; w += 15) {
		view_resize(&v, 24, w);
		for (size_t a = 0; a < ed.narticles; a++)
			assert_int_equal(line_match_bytes(&v, a, q),
					 occurrences(&ed, a, q) * strlen(q));
	}
	view_free(&v);
	edition_free(&ed);
}

/* The matches of q (keep_case as given) from the top of the made-up
 * edition, each as "ARTICLE:TEXT", joined with spaces. */
static const char *matches(struct view *v, const char *q, int keep_case)
{
	static char out[512];
	struct view_pos found[16];
	size_t ends[16], n;

	v->keep_case = keep_case;
	n = search_all(v, q, found, ends, 16);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		struct str t = edition_item_text(v->ed, found[i].article, found[i].item);

		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%zu:%.*s", i ? " " : "",
			 found[i].article, (int)(ends[i] - found[i].offset), t.s + found[i].offset);
	}
	return out;
}

static void test_query_folding(void **state)
{
	static const struct {
		const char *q;
		int keep_case;
		const char *want;
	} folding[] = {
		/* Full width, half width and case all match each other. */
		{"abc", 0, "0:ＡＢＣ 0:abc 0:Abc 2:abc"},
		{"ＡＢＣ", 0, "0:ＡＢＣ 0:abc 0:Abc 2:abc"},
		{"aBｃ", 0, "0:ＡＢＣ 0:abc 0:Abc 2:abc"},
		{"，", 0, "0:， 0:, 1:，"},
		{",", 0, "0:， 0:, 1:，"},
		{"abc公司", 0, "0:ＡＢＣ公司 2:abc公司"},
		/* keep_case: case tells them apart, width still does not. */
		{"Abc", 1, "0:Abc"},
		{"ABC", 1, "0:ＡＢＣ"},
		{"abc", 1, "0:abc 2:abc"},
	};
	struct edition ed;
	struct view v;
	size_t ranges[4][2], line;
	const char *text;

	(void)state;
	load_made_up(&ed);
	view_at(&v, &ed, 24, 30, 0);
	for (size_t i = 0; i < sizeof folding / sizeof folding[0]; i++)
		if (strcmp(matches(&v, folding[i].q, folding[i].keep_case), folding[i].want) != 0)
			fail_msg("%s (keep_case %d) matches %s, not %s", folding[i].q,
				 folding[i].keep_case, matches(&v, folding[i].q, folding[i].keep_case),
				 folding[i].want);
	/* At 80 columns the paragraph is one line: three ranges, the
	 * source bytes of ＡＢＣ, abc and Abc; at most max of them. */
	v.keep_case = 0;
	view_resize(&v, 24, 80);
	view_set_query(&v, "abc", 3);
	view_open(&v, 0, 0);
	assert_int_equal(view_search(&v, 1), SEARCH_FOUND);
	line = line_of(&v, v.match);
	text = v.vl.v[line].text;
	assert_int_equal(v.vl.v[line].l.start, 0);
	assert_int_equal(view_line_matches(&v, line, ranges, 4), 3);
	assert_int_equal(ranges[0][0], strlen("正文含"));
	assert_int_equal(ranges[0][1], strlen("正文含ＡＢＣ"));
	assert_memory_equal(text + ranges[1][0], "abc", 3);
	assert_int_equal(ranges[1][1] - ranges[1][0], 3);
	assert_memory_equal(text + ranges[2][0], "Abc", 3);
	assert_int_equal(ranges[2][1] - ranges[2][0], 3);
	assert_int_equal(view_line_matches(&v, line, ranges, 2), 2);
	assert_int_equal(view_line_matches(&v, line, ranges, 1), 1);
	assert_int_equal(ranges[0][0], strlen("正文含"));
	view_free(&v);
	edition_free(&ed);
}

/* A 4 MB one-line paragraph after a headline. */
static void load_long(struct edition *ed)
{
	static const char sentence[] = "中文长行测试，没有换行。";  /* 36 bytes */
	size_t reps = ((size_t)4 << 20) / (sizeof sentence - 1);
	struct sbuf b = {0};
	const char *path = tmp_path("long.txt");

	sbuf_add(&b, "长文标题\n\n", strlen("长文标题\n\n"));
	for (size_t i = 0; i < reps; i++)
		sbuf_add(&b, sentence, sizeof sentence - 1);
	sbuf_addc(&b, '\n');
	spit(path, b.s, b.len);
	sbuf_free(&b);
	load(ed, path);
	assert_int_equal(ed->narticles, 1);
}

/* The most lines a resize may lay out at width w: three units of the
 * largest size (two segments and the 1 KiB a boundary may move), each of
 * 3-byte characters two cells wide, and the screen's margins. */
static size_t unit_bound(int w)
{
	return 3 * ((2 * DOCLINES_SEGMENT + 1024) / 3 / (size_t)(w / 2) + 2) + 5 * 24;
}

static void test_long_paragraph_bounded(void **state)
{
	struct edition ed;
	struct view v;
	static const int widths[] = {40, 100, 61, 80, 33, 80};
	struct view_pos at;
	size_t para_bytes, start;

	(void)state;
	load_long(&ed);
	view_at(&v, &ed, 24, 80, 0);
	assert_true(v.windowed);
	para_bytes = edition_item_text(&ed, 0, ed.articles[0].nitems - 1).n;
	view_seek(&v, (struct view_pos){0, ed.articles[0].nitems - 1, 0, para_bytes / 2, 0});
	at = v.anchor;
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		size_t before = v.laid_out, whole = para_bytes / 3 / (size_t)(widths[i] / 2);
		struct view_pos p;
		const struct vline *top;

		view_resize(&v, 24, widths[i]);
		p = view_position(&v);
		top = &v.vl.v[v.top];
		assert_true(v.laid_out - before <= unit_bound(widths[i]));
		assert_true(v.laid_out - before < whole / 10);
		assert_true(v.vl.n <= unit_bound(widths[i]));
		/* The character at the reading position is on the top line. */
		assert_int_equal(p.item, at.item);
		assert_true(top->l.start <= at.offset && at.offset < top->l.next);
	}
	/* Page through a part of it and back: bounded, continuous. */
	start = v.vl.v[v.top].l.start;
	for (int k = 0; k < 500; k++) {
		size_t next = v.vl.v[v.top + 22].l.next;

		view_scroll(&v, 23);
		assert_int_equal(v.vl.v[v.top].l.start, next);
		assert_true(v.vl.n <= unit_bound(80));
	}
	for (int k = 0; k < 500; k++)
		view_scroll(&v, -23);
	assert_int_equal(v.vl.v[v.top].l.start, start);
	view_scroll(&v, (long)v.vl.n);
	assert_int_equal(view_percent(&v), 100);
	assert_int_equal(v.top, view_max_top(&v));
	view_scroll(&v, -(long)v.vl.n);
	assert_int_equal(v.top, 0);
	assert_int_equal(v.vl.v[0].kind, VL_HEADLINE);
	view_free(&v);
	edition_free(&ed);
}

/* How many hits a regular expression has in the made-up edition. */
static size_t regex_hits(struct view *v, const char *re, int keep_case)
{
	char err[256];
	size_t total;

	v->keep_case = keep_case;
	if (view_set_search(v, re, strlen(re), 1, err, sizeof err) < 0)
		fail_msg("%s: %s", re, err);
	view_hit(v, &total);
	return total;
}

/* A made-up edition in both scripts: a simplified article and a Hong Kong
 * one, with full-width letters before the traditional words so that the
 * folded and the source offsets differ. */
static const char two_scripts[] =
	"同心圆\n\n2020年11月11日 星期三\n\n第一篇标题\n\n"
	"国家重视学校教育。\n\n张三\n\n"
	"第二篇標題\n\nＡＢ國家重視學校教育，國家。\n\n李四\n";

static void test_script_folding(void **state)
{
	struct edition ed;
	struct view v;
	struct view_pos found[16];
	size_t ends[16], n, total;
	char err[256];
	const char *guo = "國家";
	struct str t;

	(void)state;
	spit(tmp_path("scripts.txt"), two_scripts, sizeof two_scripts - 1);
	load(&ed, tmp_path("scripts.txt"));
	assert_int_equal(ed.narticles, 2);
	view_at(&v, &ed, 24, 80, 0);
	/* keep_script: each only itself. */
	v.keep_script = 1;
	n = search_all(&v, "国家", found, ends, 16);
	assert_int_equal(n, 1);
	assert_int_equal(found[0].article, 0);
	n = search_all(&v, guo, found, ends, 16);
	assert_int_equal(n, 2);
	if (!variant_available()) {
		print_message("no OpenCC data: traditional and simplified not folded\n");
		view_free(&v);
		edition_free(&ed);
		return;
	}
	/* Folded (the default): 国家 and 國家 find all three, the
	 * traditional ones at their own bytes (after ＡＢ, six bytes). */
	v.keep_script = 0;
	for (int k = 0; k < 2; k++) {
		n = search_all(&v, k ? guo : "国家", found, ends, 16);
		assert_int_equal(n, 3);
		assert_int_equal(found[0].article, 0);
		assert_int_equal(found[1].article, 1);
		t = edition_item_text(&ed, 1, found[1].item);
		assert_int_equal(found[1].offset, strlen("ＡＢ"));
		assert_int_equal(ends[1] - found[1].offset, strlen(guo));
		assert_memory_equal(t.s + found[1].offset, guo, strlen(guo));
		assert_memory_equal(t.s + found[2].offset, guo, strlen(guo));
	}
	/* A word mixing the scripts; the headline too. */
	assert_int_equal(search_all(&v, "學校教育", found, ends, 16), 2);
	assert_int_equal(search_all(&v, "标题", found, ends, 16), 2);
	/* The regular expression's subject folds too, and a class. */
	assert_int_equal(view_set_search(&v, "[國]家重视", strlen("[國]家重视"), 1, err, sizeof err), 0);
	view_hit(&v, &total);
	assert_int_equal(total, 2);
	v.keep_script = 1;
	assert_int_equal(view_set_search(&v, "[國]家重视", strlen("[國]家重视"), 1, err, sizeof err), 0);
	view_hit(&v, &total);
	assert_int_equal(total, 0);
	view_free(&v);
	edition_free(&ed);
}

static void test_regex(void **state)
{
	struct edition ed;
	struct view v;
	char err[256] = "";

	(void)state;
	load_made_up(&ed);
	view_at(&v, &ed, 24, 80, 0);
	assert_int_equal(regex_hits(&v, "ab.", 0), 4);      /* ＡＢＣ abc Abc abc */
	assert_int_equal(regex_hits(&v, "Ab.", 1), 1);      /* case kept */
	assert_int_equal(regex_hits(&v, "AB[C]", 1), 1);    /* ＡＢＣ: width folded */
	assert_int_equal(regex_hits(&v, "第.篇标题", 0), 3);  /* UTF-8: . is a character */
	assert_int_equal(regex_hits(&v, "^第", 0), 4);      /* three headlines, a paragraph */
	assert_int_equal(regex_hits(&v, "，", 0), 3);       /* a full-width comma is literal */
	assert_int_equal(regex_hits(&v, "x*", 0), 0);       /* empty matches are no hits */
	assert_int_equal(regex_hits(&v, "张三|李四", 0), 2);
	assert_int_equal(view_search(&v, 1), SEARCH_FOUND);
	assert_int_equal(v.match.article, 0);
	assert_int_equal(view_set_search(&v, "a(", 2, 1, err, sizeof err), -1);
	assert_true(strstr(err, "regular expression") != NULL);
	assert_null(v.sr.text);
	assert_int_equal(view_search(&v, 1), SEARCH_NONE);
	view_free(&v);
	edition_free(&ed);
}

static void test_hits(void **state)
{
	struct edition ed;
	struct view v;
	size_t total, ranges[4][2], cur, line;

	(void)state;
	load_made_up(&ed);
	view_at(&v, &ed, 24, 80, 0);
	/* The masthead is searched like the rest. */
	view_set_query(&v, "同心圆", strlen("同心圆"));
	assert_int_equal(view_search(&v, 1), SEARCH_FOUND);
	assert_true(v.match.item == ITEM_FRONT);
	assert_int_equal(view_hit(&v, &total), 1);
	assert_int_equal(total, 1);
	line = line_of(&v, v.match);
	assert_int_equal(view_line_hits(&v, line, ranges, 4, &cur), 1);
	assert_int_equal(cur, 0);
	/* abc: four hits, counted 1 to 4, then around to 1; N back to 4. */
	view_set_query(&v, "abc", 3);
	assert_int_equal(view_hit(&v, &total), 0);
	assert_int_equal(total, 4);
	for (size_t k = 1; k <= 4; k++) {
		assert_int_equal(view_search(&v, 1), SEARCH_FOUND);
		assert_int_equal(view_hit(&v, &total), k);
	}
	assert_int_equal(view_search(&v, 1), SEARCH_WRAPPED);
	assert_int_equal(view_hit(&v, &total), 1);
	assert_int_equal(view_search(&v, -1), SEARCH_WRAPPED);
	assert_int_equal(view_hit(&v, &total), 4);
	assert_int_equal(view_search(&v, -1), SEARCH_FOUND);
	assert_int_equal(view_search(&v, -1), SEARCH_FOUND);
	/* The second hit is current: on its line, the second range. */
	assert_int_equal(view_hit(&v, &total), 2);
	line = line_of(&v, v.match);
	assert_int_equal(view_line_hits(&v, line, ranges, 4, &cur), 3);
	assert_int_equal(cur, 1);
	view_free(&v);
	edition_free(&ed);
}

/* 3] and 2[: counted articles, stopping at the first and the last. */
static void test_article_by(void **state)
{
	struct edition ed;
	struct view v;

	(void)state;
	load_made_up(&ed);
	view_at(&v, &ed, 24, 80, 0);
	assert_int_equal(view_article_by(&v, 1, 0), 1);   /* no count: one */
	assert_int_equal(view_article_by(&v, 1, 2), 2);
	assert_int_equal(view_article_by(&v, 1, 99), 2);  /* the last */
	assert_int_equal(view_article_by(&v, -1, 1), 0);  /* the first already */
	view_open(&v, 2, 0);
	assert_int_equal(view_article_by(&v, -1, 1), 1);
	assert_int_equal(view_article_by(&v, -1, 5), 0);
	assert_int_equal(view_article_by(&v, 1, 1), 2);
	view_free(&v);
	edition_free(&ed);
}

/* Go to a source line: line 56 of the bundled edition is the second
 * piece of a paragraph of article 3 joined across a column break at line
 * 54; lines outside the articles are outside. */
static void test_goto_line(void **state)
{
	struct edition ed;
	struct view v;
	struct view_pos p;
	struct layout_opts lo = {.width = 40, .indent = 2, .amb = 1};
	size_t line, col, n;
	const struct piece *pc;
	const struct vline *l;

	(void)state;
	load(&ed, seed_path());
	assert_int_equal(proof_line_pos(&ed, 56, &p), 0);
	assert_int_equal(p.article, 2);
	pc = edition_item_pieces(&ed, p.article, p.item, &n);
	assert_true(n >= 2);
	assert_int_equal(pc[0].line, 54);
	assert_int_equal(edition_source_at(&ed, p.article, p.item, p.offset, &line, &col), 0);
	assert_int_equal(line, 56);
	assert_int_equal(col, 1);
	/* The blank line 55 goes on to line 56; line 1 is front matter. */
	assert_int_equal(proof_line_pos(&ed, 55, &p), 0);
	assert_int_equal(edition_source_at(&ed, p.article, p.item, p.offset, &line, &col), 0);
	assert_int_equal(line, 56);
	assert_int_equal(proof_line_pos(&ed, 1, &p), -1);
	assert_int_equal(proof_line_pos(&ed, 100000, &p), -1);

	/* In the view: the top line holds line 56's first character. */
	view_init(&v, &ed, &lo, 0);
	view_resize(&v, 10, 40);
	view_open(&v, 0, 0);
	assert_int_equal(proof_line_pos(&ed, 56, &p), 0);
	view_seek(&v, p);
	assert_int_equal(v.art, 2);
	l = &v.vl.v[v.top];
	assert_int_equal(l->item, p.item);
	assert_true(l->l.start <= p.offset && p.offset < l->l.next);
	line = proof_vline_source(&v, v.top, &col);
	assert_true(line == 54 || line == 56);
	view_free(&v);
	edition_free(&ed);
}

/* The findings on display lines: the join's seam is highlighted on both
 * sides, and > and < walk the findings across articles. */
static void test_findings(void **state)
{
	struct edition ed;
	struct view v;
	struct view_pos p;
	struct findings fs = {0};
	struct layout_opts lo = {.width = 40, .indent = 2, .amb = 1};
	size_t join = SIZE_MAX, off, r[8][2], nr, first, k, line, col;

	(void)state;
	load(&ed, seed_path());
	lint_edition(&ed, &(struct lint_opts){0, NULL}, &fs);
	findings_sort(&fs);
	for (size_t i = 0; i < fs.n && join == SIZE_MAX; i++)
		if (fs.v[i].kind == FK_JOIN && fs.v[i].line == 54)
			join = i;
	assert_int_not_equal(join, SIZE_MAX);
	assert_int_equal(proof_finding_pos(&ed, &fs.v[join], &p), 0);
	assert_int_equal(edition_source_at(&ed, p.article, p.item, p.offset, &line, &col), 0);
	assert_int_equal(line, 56);
	off = p.offset;

	view_init(&v, &ed, &lo, 0);
	view_resize(&v, 10, 40);
	view_seek(&v, p);
	nr = proof_vline_findings(&v, v.top, &fs, r, 8, &first);
	assert_true(nr >= 1);
	assert_int_not_equal(first, SIZE_MAX);
	for (k = 0; k < nr; k++)
		if (r[k][0] <= off && off < r[k][1])
			break;
	assert_true(k < nr);

	/* > from the top of the first article reaches the first finding in an
	 * article, and goes on forward; < comes back. */
	view_open(&v, 0, 0);
	k = proof_next_finding(&v, &fs, 1, &p);
	assert_int_not_equal(k, SIZE_MAX);
	view_seek(&v, p);
	first = proof_next_finding(&v, &fs, 1, &p);
	assert_true(first != SIZE_MAX && first > k);
	view_seek(&v, p);
	assert_int_equal(proof_next_finding(&v, &fs, -1, &p), k);
	view_free(&v);
	findings_free(&fs);
	edition_free(&ed);
}

/* An indentation finding (column 1, before the trimmed text) is placed at
 * the text's start and highlighted there; a kicker's finding does not
 * spill onto the headline that shares its line. */
static void test_indent_finding(void **state)
{
	struct edition ed;
	struct view v;
	struct view_pos p;
	struct layout_opts lo = {.width = 40, .indent = 2, .amb = 1};
	const char *path = tmp_path("indent.txt");
	static const char text[] = "靖江:标题在这里\n\n\t第一段的正文，写得很长。\n\n张三\n";
	const struct finding *f = NULL;
	size_t r[8][2], nr, first, line, kick = SIZE_MAX;

	(void)state;
	spit(path, text, sizeof text - 1);
	load(&ed, path);
	for (size_t i = 0; i < ed.findings.n; i++)
		if (ed.findings.v[i].kind == FK_INDENT)
			f = &ed.findings.v[i];
	assert_non_null(f);
	assert_int_equal(f->line, 3);
	assert_int_equal(f->column, 1);
	assert_int_equal(proof_finding_pos(&ed, f, &p), 0);
	assert_int_equal(ed.articles[p.article].items[p.item].kind, ITEM_PARA);
	assert_int_equal(p.offset, 0);
	view_init(&v, &ed, &lo, 0);
	view_resize(&v, 10, 40);
	view_seek(&v, p);
	for (line = v.top; line < v.vl.n; line++)
		if (v.vl.v[line].kind != VL_BLANK && v.vl.v[line].item == p.item)
			break;
	assert_true(line < v.vl.n);
	nr = proof_vline_findings(&v, line, &ed.findings, r, 8, &first);
	assert_int_equal(nr, 1);
	assert_int_equal(r[0][0], 0);
	view_free(&v);
	/* Line 1 holds the kicker (column 1) and the headline (column 4). */
	for (size_t i = 0; i < ed.articles[0].nitems; i++)
		if (ed.articles[0].items[i].kind == ITEM_HEADLINE)
			kick = i;
	assert_int_not_equal(kick, SIZE_MAX);
	assert_int_equal(proof_item_offset(&ed, 0, kick, 1, 1), SIZE_MAX);
	edition_free(&ed);
}

/* The raw view's lines: every invisible character a mark of its own,
 * listed as a mark, measured by the width code; the rest as it is. */
static void test_rawline(void **state)
{
	static const char in[] = "a\tb\u3000c\u00a0d\u200be\u200cf\u200dg\u2060h\ufeffi"
				 "\u00adj\u202ek\u202cl\x01m\xc2\x85" "n\u2003o\xe4\xb8p  ";
	static const char want[] = "a→b＿c⍽d<200B>e<200C>f<200D>g<2060>h<FEFF>i"
				   "<00AD>j<202E>k<202C>l␁m<0085>n<2003>o\\xE4\\xB8p␣␣";
	struct decoded d;
	const char *why = NULL;
	struct rawline r = {0};
	struct layout_opts lo = {.width = 1000, .amb = 1};
	int used;

	(void)state;
	assert_int_equal(width_init(), 0);  /* widths as in a UTF-8 locale */
	if (decode_bytes((const unsigned char *)in, sizeof in - 1, 0, &d, &why) < 0)
		fail_msg("decode failed: %s", why);
	rawline_build(&r, &d, d.text, d.len);
	assert_string_equal(r.text.s, want);
	assert_int_equal(r.nmark, 17);  /* the two invalid bytes are one */
	/* Each mark is one range, in order, that holds no letter of the text. */
	for (size_t k = 0; k < r.nmark; k++) {
		assert_true(r.mark[k][0] < r.mark[k][1]);
		assert_true(k == 0 || r.mark[k - 1][1] <= r.mark[k][0]);
		for (size_t i = r.mark[k][0]; i < r.mark[k][1]; i++)
			assert_false(r.text.s[i] >= 'a' && r.text.s[i] <= 'p' && r.text.s[i] != 'x');
	}
	assert_memory_equal(r.text.s + r.mark[0][0], "→", strlen("→"));
	/* Widths: → 1 cell (ambiguous, 1 here), ＿ 2 as U+3000 is, codes by
	 * their letters, as the width code measures them. */
	layout_fit(r.text.s, r.text.len, 1000, &lo, &used);
	assert_int_equal(used, (int)strlen("abcdefghijklmnop") + 1 + 2 + 1 + 6 * 10 + 1 + 8 + 2);
	/* A plain line is itself, with no marks; the buffers are reused. */
	rawline_build(&r, &d, d.text, 1);
	assert_string_equal(r.text.s, "a");
	assert_int_equal(r.nmark, 0);
	rawline_free(&r);
	decode_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_scroll_and_percent),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_resize_keeps_position),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_search_covered),
		cmocka_unit_test(test_line_matches),
		cmocka_unit_test(test_query_folding),
		cmocka_unit_test(test_long_paragraph_bounded),
		cmocka_unit_test(test_regex),
		cmocka_unit_test(test_script_folding),
		cmocka_unit_test(test_hits),
		cmocka_unit_test(test_article_by),
		cmocka_unit_test(test_goto_line),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_indent_finding),
		cmocka_unit_test(test_rawline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
