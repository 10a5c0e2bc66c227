/*
 * contents: the table of contents panel. See contents.h.
 */
#include "contents.h"

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

int contents_key(struct tui *t, int key)
{
	picker_key(t, key);
	return 1;
}
