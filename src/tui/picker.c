/*
 * picker: list moves and the article pickers. See picker.h.
 */
#include "picker.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "input.h"

int picker_move(struct tui *t, enum action act)
{
	static const enum list_move moves[] = {
		[ACT_LIST_DOWN] = LIST_NEXT, [ACT_LIST_UP] = LIST_PREV,
		[ACT_LIST_PAGE_DOWN] = LIST_PAGE_DOWN, [ACT_LIST_PAGE_UP] = LIST_PAGE_UP,
		[ACT_LIST_FIRST] = LIST_HOME, [ACT_LIST_LAST] = LIST_END,
	};

	if (act < ACT_LIST_DOWN || act > ACT_LIST_LAST)
		return 0;
	list_move(&t->list, moves[act], draw_list_page());
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
	char title[256];

	snprintf(title, sizeof title, " %s: type to filter, %s to jump, ", name,
		 keymap_first(t->keys, ACT_LIST_OPEN));
	snprintf(title + strlen(title), sizeof title - strlen(title), "%s to close",
		 keymap_first(t->keys, ACT_LIST_CLOSE));
	if (!draw_begin(t))
		return;
	draw_list(t, title, t->filter, "  (nothing matches)", 0);
	draw_end(t);
}

void picker_key(struct tui *t, int key)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_LIST, key);
	size_t cur = t->filter_len;

	if (act == ACT_LIST_CLOSE || act == ACT_LIST_QUIT) {
		t->panel = PANEL_NONE;
	} else if (act == ACT_LIST_OPEN) {
		struct list_ref r = list_selected(&t->list);

		if (r.kind == REF_ARTICLE) {
			view_open(&t->s.v, r.value, 0);
			t->panel = PANEL_NONE;
		}
	} else if (!picker_move(t, act) &&
		   input_edit(t, t->filter, &t->filter_len, &cur, sizeof t->filter, key)) {
		list_filter(&t->list, t->filter, t->filter_len);
	}
}
