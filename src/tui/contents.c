/*
 * contents: the table of contents panel. See contents.h.
 */
#include "contents.h"

#include <stdlib.h>

#include "i18n.h"
#include "picker.h"

void contents_open(struct tui *t)
{
	list_free(&t->list);
	list_contents(&t->list, t->s.ed);
	picker_open(t, PANEL_CONTENTS);
}

void contents_draw(struct tui *t)
{
	picker_draw(t, _("Contents"));
}

/* Is s a number (and not empty)? */
static int number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Digits typed into an empty (or all-digit) filter name an article by its
 * number: the whole list stays, with that article selected for Enter. */
int contents_key(struct tui *t, int key)
{
	unsigned long n;

	if (key >= '0' && key <= '9' && keymap_lookup(t->keys, KEYMODE_LIST, key) == ACT_NONE &&
	    (!t->filter_len || number(t->filter))) {
		if (t->filter_len + 1 < sizeof t->filter) {
			t->filter[t->filter_len++] = (char)key;
			t->filter[t->filter_len] = '\0';
		}
	} else {
		picker_key(t, key);
	}
	if (t->panel != PANEL_CONTENTS || !number(t->filter))
		return 1;
	list_filter(&t->list, "", 0);
	n = strtoul(t->filter, NULL, 10);
	if (n >= 1 && n <= t->s.ed->narticles)
		list_select_ref(&t->list, (struct list_ref){REF_ARTICLE, n - 1});
	return 1;
}
