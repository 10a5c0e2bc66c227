/*
 * help: the help panel. See help.h.
 *
 * The help only scrolls: by the list moves, or by the keys that page and
 * scroll the article. It is laid out for the screen's width, every line in
 * full: a line of help wider than the screen goes on in the rows below it,
 * at its column (or under its keys when the column leaves too little
 * room), and the help is laid out again when the width changes.
 */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "picker.h"
#include "rows.h"

static const struct list_ref no_ref = {REF_NONE, 0};

/* The column of the help after the keys. */
#define HELP_COLUMN 23

/* The cells s takes. */
static int cells(const struct tui *t, const char *s)
{
	int used;

	layout_fit(s, strlen(s), 100000, &t->s.lo, &used);
	return used;
}

/* Add s laid out in rows of width cells: the first after lead, the others
 * after indent spaces (lead's width), the first referring to ref. */
static void add_rows(struct tui *t, const char *lead, int indent, const char *s, int width,
		     struct list_ref ref)
{
	struct llines ll = {0};
	size_t n = rows_layout(t, s, width - indent, &ll);

	for (size_t k = 0; k < n; k++) {
		struct sbuf b = {0};

		if (k == 0)
			sbuf_add(&b, lead, strlen(lead));
		else
			sbuf_addf(&b, "%*s", indent, "");
		sbuf_add(&b, s + ll.v[k].start, ll.v[k].end - ll.v[k].start);
		list_add(&t->list, sbuf_take(&b), "", 0, k ? no_ref : ref);
	}
	llines_free(&ll);
}

/* A head (keys, a setting) and its help: the help at column col when the
 * head leaves it room enough, else in the rows under the head. */
static void add_entry(struct tui *t, const char *head, const char *help, int col, int width,
		      struct list_ref ref)
{
	int hw = cells(t, head);

	if (hw < col && width - col >= 12) {
		struct sbuf lead = {0};

		sbuf_addf(&lead, "%s%*s", head, col - hw, "");
		add_rows(t, lead.s, col, help, width, ref);
		sbuf_free(&lead);
		return;
	}
	add_rows(t, "  ", 2, head + 2, width, ref);
	add_rows(t, "      ", 6, help, width, no_ref);
}

/* One entry per action of a mode: its keys, then what it does. */
static void add_mode(struct tui *t, enum keymode mode, int width)
{
	add_rows(t, "", 0, _(keys_modes[mode].title), width, no_ref);
	for (int a = 0; a < ACT_COUNT; a++) {
		char keys[128];
		struct sbuf s = {0};

		if (keys_actions[a].mode != mode)
			continue;
		keymap_describe(t->keys, (enum action)a, " ", keys, sizeof keys);
		sbuf_addf(&s, "  %s", keys);
		add_entry(t, s.s, _(keys_actions[a].help), HELP_COLUMN, width,
			  (struct list_ref){REF_ACTION, (size_t)a});
		sbuf_free(&s);
	}
	list_add(&t->list, xstrdup(""), "", 0, no_ref);
}

/* The settings in force, from the same table as reader.ini: each on one
 * row when it fits, else its help under it. */
static void add_settings(struct tui *t, int width)
{
	const struct options *so = t->opts;
	struct sbuf h = {0};

	sbuf_addf(&h, _("Settings (%s):"), so->source ? so->source : _("defaults"));
	add_rows(t, "", 0, h.s, width, no_ref);
	sbuf_free(&h);
	for (const struct option_def *d = options_table; d->name; d++) {
		char val[256];
		struct sbuf s = {0};
		const char *help = _(d->help);

		options_format(so, d, val, sizeof val);
		sbuf_addf(&s, "  [%s] %s = %s", d->section, d->name, val);
		add_entry(t, s.s, help,
			  cells(t, s.s) + 3 + cells(t, help) <= width ? cells(t, s.s) + 3 : width, width,
			  no_ref);
		sbuf_free(&s);
	}
}

/* Fill the help for the screen's width, keeping the scroll. */
static void fill(struct tui *t)
{
	size_t top = t->list.top;
	int width = COLS - 1 > 2 ? COLS - 1 : 2;

	list_free(&t->list);
	for (int m = 0; m < KEYMODE_COUNT; m++)
		add_mode(t, (enum keymode)m, width);
	add_settings(t, width);
	t->list.scroll_only = 1;
	list_filter(&t->list, "", 0);
	t->list.top = t->list.sel = top < t->list.nshown ? top : 0;
	t->help_cols = COLS;
}

void help_open(struct tui *t)
{
	t->list.top = 0;
	fill(t);
	t->panel = PANEL_HELP;
}

void help_draw(struct tui *t)
{
	char title[512], k[2][16];

	if (t->help_cols != COLS)
		fill(t);
	/* TRANSLATORS: the keys are as typed (q, Esc). */
	snprintf(title, sizeof title, _(" Help: keys and settings (%s or %s to close)"),
		 picker_key_name(t, ACT_LIST_QUIT, &k[0]), picker_key_name(t, ACT_LIST_CLOSE, &k[1]));
	if (!draw_begin(t))
		return;
	draw_list(t, title, NULL, "", 1);
	draw_end(t);
}

int help_key(struct tui *t, int key)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_LIST, key);

	if (act == ACT_LIST_CLOSE || act == ACT_LIST_QUIT) {
		t->panel = PANEL_NONE;
		return 1;
	}
	if (picker_move(t, act))
		return 1;
	/* The keys that move through the article move through the help. */
	switch (keymap_lookup(t->keys, KEYMODE_VIEW, key)) {
	case ACT_PAGE_DOWN: picker_move(t, ACT_LIST_PAGE_DOWN); break;
	case ACT_PAGE_UP: picker_move(t, ACT_LIST_PAGE_UP); break;
	case ACT_LINE_DOWN: picker_move(t, ACT_LIST_DOWN); break;
	case ACT_LINE_UP: picker_move(t, ACT_LIST_UP); break;
	default: break;
	}
	return 1;
}
