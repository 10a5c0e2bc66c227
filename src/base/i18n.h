/*
 * i18n: the interface speaks the user's language.
 *
 * Every string shown to a person goes through _() (or N_() where it must
 * stay a constant, translated where it is used; ngettext() for counts).
 * The catalogues come from po/ (make pot keeps po/reader.pot in step with
 * the sources). Machine-readable output (--outline, --json, finding kind
 * names, the bookmark file) is never translated.
 *
 * The language follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG as usual.
 */
#ifndef READER_I18N_H
#define READER_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Bind the program's text domain to its catalogues (paths_locale()),
 * with UTF-8 output whatever the locale's charset. Call once, after
 * setlocale(LC_ALL, ""). */
void i18n_init(void);

#endif
