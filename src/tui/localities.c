/*
 * localities: the locality index panel. See localities.h.
 */
#include "localities.h"

#include "i18n.h"
#include "picker.h"

void localities_open(struct tui *t)
{
	list_free(&t->list);
	list_localities(&t->list, t->s.ed, t->s.gaz);
	picker_open(t, PANEL_LOCALITIES);
}

void localities_draw(struct tui *t)
{
	picker_draw(t, _("Localities"));
}

int localities_key(struct tui *t, int key)
{
	picker_key(t, key);
	return 1;
}
