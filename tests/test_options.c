/*
 * test_options: the settings table, reader.ini and the manuals (English
 * and Chinese) agree, and bad configuration is reported with FILE:LINE
 * and exit status 2.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "options.h"
#include "util.h"

/* The manual and its translations: each must name every option, setting
 * and action with its default keys (tests/man.test.sh checks the rest). */
static const char *const manual_paths[] = {"man/reader.1", "man/zh_CN/reader.1"};
#define NMANUALS (sizeof manual_paths / sizeof *manual_paths)
static char *manuals[NMANUALS], *ini, *completion;

static int setup(void **state)
{
	(void)state;
	for (size_t m = 0; m < NMANUALS; m++)
		manuals[m] = slurp(manual_paths[m], NULL);
	ini = slurp("reader.ini", NULL);
	completion = slurp("tools/reader.bash-completion", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t m = 0; m < NMANUALS; m++)
		free(manuals[m]);
	free(ini);
	free(completion);
	return 0;
}

/* Does text hold the line want (a whole line, exactly)? */
static int has_line(const char *text, const char *want)
{
	size_t n = strlen(want);

	for (const char *p = text; (p = strstr(p, want)); p++)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Every option --help lists is in the manual. */
static void test_help_in_manual(void **state)
{
	struct run r;
	int seen = 0;

	(void)state;
	run_reader(&r, (const char *[]){"--help", NULL}, NULL);
	assert_int_equal(r.status, 0);
	for (char *p = r.out; (p = strstr(p, "--")); p += 2) {
		char name[32], want[48];
		size_t n = 0;

		while (n < sizeof name - 1 && ((p[2 + n] >= 'a' && p[2 + n] <= 'z') || p[2 + n] == '-'))
			name[n] = p[2 + n], n++;
		name[n] = '\0';
		if (!n || !strcmp(name, "help") || !strcmp(name, "version"))
			continue;
		snprintf(want, sizeof want, "Fl -%s", name);
		for (size_t m = 0; m < NMANUALS; m++)
			if (!strstr(manuals[m], want))
				fail_msg("--%s is in --help but not in %s", name, manual_paths[m]);
		snprintf(want, sizeof want, "--%s", name);
		if (!strstr(completion, want))
			fail_msg("--%s is in --help but not in tools/reader.bash-completion", name);
		seen++;
	}
	assert_true(seen >= 6);
	/* And every setting is in --help. */
	for (const struct option_def *d = options_table; d->name; d++)
		if (!strstr(r.out, d->name))
			fail_msg("setting %s is missing from --help", d->name);
	run_free(&r);
}

/* Every setting is in the manual and, with its default, in reader.ini. */
static void test_settings_documented(void **state)
{
	(void)state;
	for (const struct option_def *d = options_table; d->name; d++) {
		char want[128];

		snprintf(want, sizeof want, ".It Ic %s No =%s%s", d->name, *d->def ? " Ar " : "",
			 d->def);
		for (size_t m = 0; m < NMANUALS; m++)
			if (!has_line(manuals[m], want))
				fail_msg("%s lacks \"%s\"", manual_paths[m], want);
		snprintf(want, sizeof want, "%s =%s%s", d->name, *d->def ? " " : "", d->def);
		if (!has_line(ini, want))
			fail_msg("reader.ini lacks \"%s\"", want);
		snprintf(want, sizeof want, "[%s]", d->section);
		if (!has_line(ini, want))
			fail_msg("reader.ini lacks the section %s", want);
	}
}

/* The text of reader.ini's section name (without brackets), up to the
 * next section; a new string, "" when there is no such section. */
static char *ini_section(const char *name)
{
	char head[64];
	const char *at, *end;

	snprintf(head, sizeof head, "\n[%s]\n", name);
	at = strstr(ini, head);
	if (!at)
		return xstrdup("");
	end = strstr(at + strlen(head), "\n[");
	return xstrndup(at, end ? (size_t)(end - at) : strlen(at));
}

/* The .It line before the manual's ".Ic NAME :" line names the default
 * keys ([ ] ? ' escaped); fail unless they are the table's. */
static void check_manual_keys(size_t m, const struct action_info *k, const char *at)
{
	const char *manual = manuals[m];
	const char *it = at;
	char keys[64];
	size_t n = 0;

	while (it > manual && strncmp(it, ".It ", 4) != 0)
		it--;
	for (const char *p = it + 4; p < at && *p != '\n' && n < sizeof keys - 1; p++)
		if (!(p[0] == '\\' && p[1] == '&'))
			keys[n++] = *p;
		else
			p++;
	keys[n] = '\0';
	if (strcmp(keys, k->keys) != 0)
		fail_msg("%s gives %s the keys \"%s\", the table \"%s\"", manual_paths[m], k->name,
			 keys, k->keys);
}

/* The action k is in manual m with its default keys, after the manual
 * names its table's section. */
static void check_manual_action(size_t m, const struct action_info *k, const char *section)
{
	char want[128];
	const char *at, *named;

	snprintf(want, sizeof want, ".Ic %s :", k->name);
	if (!has_line(manuals[m], want))
		fail_msg("%s lacks the action %s", manual_paths[m], k->name);
	at = strstr(manuals[m], want);
	check_manual_keys(m, k, at);
	snprintf(want, sizeof want, ".Ic [%s]", section);
	named = strstr(manuals[m], want);
	if (!named || named > at)
		fail_msg("%s gives %s before naming [%s]", manual_paths[m], k->name, section);
}

/* Every action of every key table is in the manuals with its default
 * keys, after they name the table's section, and in that section of
 * reader.ini. */
static void test_keys_documented(void **state)
{
	(void)state;
	for (int a = 0; a < ACT_COUNT; a++) {
		const struct action_info *k = &keys_actions[a];
		const char *section = keys_modes[k->mode].section;
		char want[128], *text;

		for (size_t m = 0; m < NMANUALS; m++)
			check_manual_action(m, k, section);
		text = ini_section(section);
		snprintf(want, sizeof want, "%s = %s", k->name, k->keys);
		if (!has_line(text, want))
			fail_msg("reader.ini lacks \"%s\" in [%s]", want, section);
		free(text);
	}
}

/* reader.ini loads, and gives exactly the defaults. */
static void test_ini_is_defaults(void **state)
{
	struct options d, o;
	struct error err;

	(void)state;
	options_defaults(&d);
	options_defaults(&o);
	if (options_load(&o, "reader.ini", &err) < 0)
		fail_msg("reader.ini: %s", err.reason);
	assert_int_equal(o.width, d.width);
	assert_int_equal(o.indent, d.indent);
	assert_int_equal(o.ambiguous_width, d.ambiguous_width);
	assert_int_equal(o.normalize_punctuation, d.normalize_punctuation);
	assert_int_equal(o.color, d.color);
	assert_int_equal(o.status_line, d.status_line);
	assert_int_equal(o.restore_position, d.restore_position);
	assert_int_equal(o.search_case, d.search_case);
	assert_int_equal(o.keys.n, d.keys.n);
	for (size_t i = 0; i < d.keys.n; i++)
		assert_int_equal(keymap_lookup(&o.keys, keys_actions[d.keys.v[i].act].mode, d.keys.v[i].code),
				 d.keys.v[i].act);
	options_free(&d);
	options_free(&o);
}

/* Values land; settings left out keep their defaults. */
/* Load text, written to a file of this name, over the defaults into o;
 * fails the test if it does not load. */
static void load_text(struct options *o, const char *name, const char *text, size_t n)
{
	const char *p = tmp_path(name);
	struct error err;

	spit(p, text, n);
	options_defaults(o);
	if (options_load(o, p, &err) < 0)
		fail_msg("%s:%zu: %s", err.file, err.line, err.reason);
}

static void test_load_values(void **state)
{
	static const char text[] =
		"; a comment\n[display]\nwidth = 60\nambiguous_width = 2\ncolors = no\n"
		"[behaviour]\nsearch_case = Sensitive\n[keys]\nnext_article = ] Tab\n"
		"search = Semicolon\n";
	struct options o;

	(void)state;
	load_text(&o, "ok.ini", text, sizeof text - 1);
	assert_int_equal(o.width, 60);
	assert_int_equal(o.ambiguous_width, 2);
	assert_int_equal(o.color, 0);
	assert_int_equal(o.search_case, 1);
	assert_int_equal(o.indent, 4);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, K_TAB), ACT_NEXT_ARTICLE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, K_RIGHT), ACT_NONE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, ';'), ACT_SEARCH);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, '/'), ACT_NONE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, ' '), ACT_NONE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, K_SPACE), ACT_PAGE_DOWN);
	options_free(&o);
}

/* Every setting formats back to what loads it: the one loop reads and
 * writes each field through the table's offset. Mistakes are findings of
 * kind FK_CONFIG; a file over OPTIONS_MAX_BYTES is too large. */
static void test_format_and_kinds(void **state)
{
	const char *p = tmp_path("fmt.ini");
	static const char text[] =
		"[display]\nwidth = 61\nindent = 2\nambiguous_width = 2\ncolors = off\n"
		"status_line = no\nnormalize_punctuation = yes\nmouse = on\n[behaviour]\n"
		"restore_position = 0\nsearch_case = sensitive\nsearch_script = exact\n"
		"[files]\nbookmarks = /b\n"
		"positions = /p\neditions = /e:/f\n[lint]\noff = doubled variant\n";
	static const char *const want[] = {"61", "2", "2", "true", "false", "false", "true",
					   "false", "sensitive", "exact", "/b", "/p", "/e:/f", "doubled variant"};
	struct options o;
	struct error err;
	char buf[64], *big;
	size_t i = 0;

	(void)state;
	spit(p, text, sizeof text - 1);
	options_defaults(&o);
	if (options_load(&o, p, &err) < 0)
		fail_msg("%s", err.reason);
	for (const struct option_def *d = options_table; d->name; d++, i++) {
		assert_true(i < sizeof want / sizeof *want);
		options_format(&o, d, buf, sizeof buf);
		assert_string_equal(buf, want[i]);
	}
	options_free(&o);

	spit(p, "[display]\nwidth = 2000\n", strlen("[display]\nwidth = 2000\n"));
	options_defaults(&o);
	assert_int_equal(options_load(&o, p, &err), -1);
	assert_int_equal(err.kind, FK_CONFIG);
	assert_int_equal(err.line, 2);
	spit(p, "[keys]\nnext_article = j\n", strlen("[keys]\nnext_article = j\n"));
	assert_int_equal(options_load(&o, p, &err), -1);
	assert_int_equal(err.kind, FK_CONFIG);
	options_free(&o);

	big = xmalloc(OPTIONS_MAX_BYTES + 1);
	memset(big, ';', OPTIONS_MAX_BYTES + 1);
	spit(p, big, OPTIONS_MAX_BYTES + 1);
	free(big);
	options_defaults(&o);
	assert_int_equal(options_load(&o, p, &err), -1);
	assert_int_equal(err.kind, FK_ERROR);
	assert_non_null(strstr(err.reason, "too large"));
	options_free(&o);
}

/* A bad file: the message, with FILE:LINE, through the real binary. */
/* The list and prompt tables rebind on their own: a key may serve one
 * action in each mode, and the other modes keep their defaults. */
static void test_load_tables(void **state)
{
	static const char text[] = "[keys.list]\nlist_down = J Down\nlist_quit = x\n"
				   "[keys.prompt]\nprompt_cancel = C-c\n";
	struct options o;

	(void)state;
	load_text(&o, "tables.ini", text, sizeof text - 1);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_LIST, 'J'), ACT_LIST_DOWN);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_LIST, 'j'), ACT_NONE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_LIST, 'x'), ACT_LIST_QUIT);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_LIST, 'k'), ACT_LIST_UP);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, 'j'), ACT_LINE_DOWN);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, 'x'), ACT_NONE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_PROMPT, 3), ACT_PROMPT_CANCEL);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_PROMPT, K_ESC), ACT_NONE);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_PROMPT, K_ENTER), ACT_PROMPT_ACCEPT);
	assert_string_equal(keymap_first(&o.keys, ACT_LIST_QUIT), "x");
	options_free(&o);
}

static void expect_error(const char *text, const char *want)
{
	const char *p = tmp_path("bad.ini");
	struct run r;
	char *full;

	spit(p, text, strlen(text));
	run_reader(&r, (const char *[]){"--config", p, "--outline", seed_path(), NULL}, NULL);
	full = xasprintf("reader: %s:%s\n", p, want);
	if (r.status != 2 || strcmp(r.err, full) != 0)
		fail_msg("for \"%s\": status %d, stderr \"%s\", want \"%s\"", text, r.status, r.err,
			 full);
	assert_int_equal(r.outlen, 0);
	free(full);
	run_free(&r);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("[display]\nwidth = banana\n", "2: width: not a number");
	expect_error("[display]\n\nindent = 99\n", "3: indent: 99 is out of range (0 to 16)");
	expect_error("[display]\nambiguous_width = 3\n", "2: ambiguous_width: '3' is not one of auto|1|2");
	expect_error("[display]\ncolors = maybe\n", "2: colors: not true or false");
	expect_error("[dispaly]\nwidth = 60\n", "1: [dispaly]: no such section (did you mean [display]?)");
	expect_error("[display]\nwidht = 60\n",
		     "2: widht: no such setting in [display] (did you mean width?)");
	expect_error("[keys]\nnext_artcle = ]\n",
		     "2: next_artcle: no such action (did you mean next_article?)");
	expect_error("[keys]\nnext_article = Foo\n",
		     "2: next_article: no such key 'Foo' (see KEYS in reader(1))");
	expect_error("[keys]\nnext_article = x\nprevious_article = x\n",
		     "3: previous_article: key 'x' is already bound to next_article");
	expect_error("[keys.list]\nlist_dwon = x\n",
		     "2: list_dwon: no such action (did you mean list_down?)");
	expect_error("[keys.list]\nlist_up = j\n",
		     "2: list_up: key 'j' is already bound to list_down by default "
		     "(rebind list_down too)");
	expect_error("[keys.lists]\n", "1: [keys.lists]: no such section (did you mean [keys.list]?)");
	expect_error("[keys]\nnext_article = n\n",
		     "2: next_article: key 'n' is already bound to next_match by default "
		     "(rebind next_match too)");
	expect_error("width = 3\n", "1: width: a setting before any [section]");
	expect_error("[display]\njunk\n", "2: expected 'name = value' or '[section]'");
	{
		char *longline = xmalloc(1300);

		memset(longline, 'x', 1299);
		longline[1299] = '\0';
		memcpy(longline, "[display]\nwidth = 6", 19);
		expect_error(longline, "2: line too long (over 1000 bytes)");
		free(longline);
	}
}

/* A byte-order mark and CRLF line ends are fine; a directory is not. */
static void test_bom_crlf(void **state)
{
	static const char text[] = "\xEF\xBB\xBF; settings\r\n[display]\r\nwidth = 60\r\n"
				   "[keys]\r\nnext_article = x\r\n";
	struct options o;
	struct run r;

	(void)state;
	load_text(&o, "bom.ini", text, sizeof text - 1);
	assert_int_equal(o.width, 60);
	assert_int_equal(keymap_lookup(&o.keys, KEYMODE_VIEW, 'x'), ACT_NEXT_ARTICLE);
	options_free(&o);
	run_reader(&r, (const char *[]){"--config", test_tmpdir(), "-o", NULL}, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, ": is a directory"));
	run_free(&r);
}

/* --config naming a missing file is an error; the user's file is found
 * through XDG_CONFIG_HOME. */
static void test_find(void **state)
{
	struct run r;
	char *dir = xasprintf("%s/cfg/reader", test_tmpdir()), *cmd, *env;

	(void)state;
	run_reader(&r, (const char *[]){"--config", tmp_path("nope.ini"), "-o", NULL}, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "nope.ini: No such file or directory"));
	run_free(&r);
	cmd = xasprintf("mkdir -p '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("%s/reader.ini", dir);
	spit(cmd, "[display]\nwidth = oops\n", 23);
	env = xasprintf("XDG_CONFIG_HOME=%s/cfg", test_tmpdir());
	run_reader(&r, (const char *[]){"-o", NULL}, (const char *[]){env, NULL});
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "reader.ini:2: width: not a number"));
	run_free(&r);
	free(cmd);
	free(env);
	free(dir);
}

/* Counts typed before a key: digits append, anything else is no digit,
 * and a count stops growing rather than overflow. */
static void test_counts(void **state)
{
	long c = 0;

	(void)state;
	c = keys_count(c, '5');
	assert_int_equal(c, 5);
	c = keys_count(c, '0');
	assert_int_equal(c, 50);
	assert_int_equal(keys_count(c, 'j'), -1);
	assert_int_equal(keys_count(c, K_SPACE), -1);
	assert_int_equal(keys_count(-1, '7'), 7);
	c = 0;
	for (int i = 0; i < 20; i++)
		c = keys_count(c, '9');
	assert_true(c > 0 && c <= 99999999L * 10);
	assert_int_equal(keys_count(c, '9'), c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_in_manual),
		cmocka_unit_test(test_settings_documented),
		cmocka_unit_test(test_keys_documented),
		cmocka_unit_test(test_ini_is_defaults),
		cmocka_unit_test(test_load_values),
		cmocka_unit_test(test_format_and_kinds),
		cmocka_unit_test(test_load_tables),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_counts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
