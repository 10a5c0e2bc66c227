/*
 * i18n: binding the text domain. See i18n.h.
 */
#include "i18n.h"

#include <stdlib.h>

#include "paths.h"

void i18n_init(void)
{
	char *dir = paths_locale();

	bindtextdomain("reader", dir);
	/* The terminal and the layout speak UTF-8 whatever the locale says. */
	bind_textdomain_codeset("reader", "UTF-8");
	textdomain("reader");
	free(dir);
}
