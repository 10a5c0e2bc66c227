/*
 * paths: where the program finds its bundled data.
 */
#ifndef READER_PATHS_H
#define READER_PATHS_H

/* The bundled edition that opens when no file is named. */
#define PATHS_DEFAULT_EDITION "tongxinyuan-2020-11-11.txt"
#define PATHS_GAZETTEER "gazetteer.tsv"

/*
 * The path of a bundled data file: $READER_DATADIR/NAME when that variable
 * is set, else data/NAME beside the executable or up to two directories
 * above it (running from the source tree), else the installed
 * READER_DATADIR/NAME. Returns a new string, or NULL when none exists.
 */
char *paths_data(const char *name);

/* The system copy of reader.ini: $READER_DATADIR/reader.ini, else the one
 * at the top of the source tree the executable was built in, else the
 * installed READER_DATADIR/reader.ini; NULL when none exists. */
char *paths_system_config(void);

/* Where the message catalogues are: $READER_LOCALEDIR when set, else
 * build/locale in the source tree the executable was built in, else the
 * installed READER_LOCALEDIR. A new string. */
char *paths_locale(void);

#endif
