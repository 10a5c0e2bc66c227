/*
 * help: the help panel. See help.h.
 *
 * The help only scrolls: by the list moves, or by the keys that page and
 * scroll the article.
 */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "picker.h"

static const struct list_ref no_ref = {REF_NONE, 0};

/* One line per action of a mode: its keys, then what it does. */
static void add_mode(struct tui *t, enum keymode mode)
{
	list_add(&t->list, xstrdup(keys_modes[mode].title), "", 0, no_ref);
	for (int a = 0; a < ACT_COUNT; a++) {
		char keys[128];
		struct sbuf s = {0};
		int used;

		if (keys_actions[a].mode != mode)
			continue;
		keymap_describe(t->keys, (enum action)a, " ", keys, sizeof keys);
		sbuf_addf(&s, "  %s", keys);
		layout_fit(s.s, s.len, 1000, &t->s.lo, &used);
		for (; used < 22; used++)
			sbuf_addc(&s, ' ');
		sbuf_addf(&s, " %s", keys_actions[a].help);
		list_add(&t->list, sbuf_take(&s), "", 0, (struct list_ref){REF_ACTION, (size_t)a});
	}
	list_add(&t->list, xstrdup(""), "", 0, no_ref);
}

/* The settings in force, from the same table as reader.ini. */
static void add_settings(struct tui *t)
{
	const struct options *so = t->opts;
	struct sbuf h = {0};

	sbuf_addf(&h, "Settings (%s):", so->source ? so->source : "defaults");
	list_add(&t->list, sbuf_take(&h), "", 0, no_ref);
	for (const struct option_def *d = options_table; d->name; d++) {
		char val[256];
		struct sbuf s = {0};

		options_format(so, d, val, sizeof val);
		sbuf_addf(&s, "  [%s] %s = %s   %s", d->section, d->name, val, d->help);
		list_add(&t->list, sbuf_take(&s), "", 0, no_ref);
	}
}

void help_open(struct tui *t)
{
	list_free(&t->list);
	for (int m = 0; m < KEYMODE_COUNT; m++)
		add_mode(t, (enum keymode)m);
	add_settings(t);
	t->list.scroll_only = 1;
	list_filter(&t->list, "", 0);
	t->panel = PANEL_HELP;
}

void help_draw(struct tui *t)
{
	char title[128];

	snprintf(title, sizeof title, " Help: keys and settings (%s or ",
		 keymap_first(t->keys, ACT_LIST_QUIT));
	snprintf(title + strlen(title), sizeof title - strlen(title), "%s to close)",
		 keymap_first(t->keys, ACT_LIST_CLOSE));
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
