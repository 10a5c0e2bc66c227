/*
 * picker: list moves and the article pickers. See picker.h.
 */
#include "picker.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "input.h"

const char *picker_key_name(const struct tui *t, enum action act, char (*buf)[16])
{
	snprintf(*buf, sizeof *buf, "%s", keymap_first(t->keys, act));
	return *buf;
}

int picker_move(struct tui *t, enum action act)
{
	static const enum list_move moves[] = {
		[ACT_LIST_DOWN] = LIST_NEXT, [ACT_LIST_UP] = LIST_PREV,
		[ACT_LIST_PAGE_DOWN] = LIST_PAGE_DOWN, [ACT_LIST_PAGE_UP] = LIST_PAGE_UP,
		[ACT_LIST_FIRST] = LIST_HOME, [ACT_LIST_LAST] = LIST_END,
	};

	if (act < ACT_LIST_DOWN || act > ACT_LIST_LAST)
		return 0;
	list_move(&t->list, moves[act], draw_list_page(t));
	return 1;
}

void picker_open(struct tui *t, enum panel p)
{
	t->panel = p;
	t->filter_len = 0;
	t->filter[0] = '\0';
	/* Start at the open article. */
	list_select_ref(&t->list, (struct list_ref){REF_ARTICLE, t->s.v.art});
}

void picker_draw(struct tui *t, const char *name)
{
	char title[512], k[2][16];

	/* TRANSLATORS: a list's title: its name, then the keys (as typed). */
	snprintf(title, sizeof title, _(" %s: type to filter, %s to jump, %s to close"), name,
		 picker_key_name(t, ACT_LIST_OPEN, &k[0]), picker_key_name(t, ACT_LIST_CLOSE, &k[1]));
	if (!draw_begin(t))
		return;
	draw_list(t, title, t->filter, _("  (nothing matches)"), 0);
	draw_end(t);
}

void picker_run(struct tui *t, int key, const struct picker_ops *ops)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_LIST, key);
	size_t cur = t->filter_len;

	if (act == ACT_LIST_QUIT || (act == ACT_LIST_CLOSE && !ops->close)) {
		t->panel = PANEL_NONE;
	} else if (act == ACT_LIST_CLOSE) {
		ops->close(t);
	} else if (act == ACT_LIST_OPEN) {
		ops->open(t, list_selected(&t->list));
	} else if (!picker_move(t, act) && ops->filters &&
		   input_edit(t, t->filter, &t->filter_len, &cur, sizeof t->filter, key)) {
		if (ops->filtered)
			ops->filtered(t);
		else
			list_filter(&t->list, t->filter, t->filter_len);
	}
}

/* An article picker's Enter: the article chosen. */
static void open_article(struct tui *t, struct list_ref r)
{
	if (r.kind == REF_ARTICLE) {
		view_open(&t->s.v, r.value, 0);
		t->panel = PANEL_NONE;
	}
}

void picker_key(struct tui *t, int key)
{
	static const struct picker_ops ops = { .filters = 1, .open = open_article };

	picker_run(t, key, &ops);
}
