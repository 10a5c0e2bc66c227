/*
 * options: every setting of the reader, in one table, and reader.ini.
 *
 * The table (name, type, default, range, one line of help) is what the
 * reader.ini loader, --help, the help screen and the manual check read.
 * reader.ini is read with iniparser from --config FILE, else
 * $XDG_CONFIG_HOME/reader/reader.ini (default ~/.config/reader/reader.ini),
 * else the system copy installed beside the bundled editions. Settings the
 * file leaves out keep their defaults. [keys] rebinds actions by name
 * (next_article = ] Right) with the key names of keys.h.
 */
#ifndef READER_OPTIONS_H
#define READER_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "keys.h"

enum opt_type { OPT_INT, OPT_BOOL, OPT_CHOICE, OPT_STRING };

/* One setting. OPT_INT, OPT_BOOL and OPT_CHOICE are an int in struct
 * options (a choice: its value when the choices are numbers, else its
 * index), OPT_STRING a char *; offset says where. */
struct option_def {
	const char *section;   /* display, behaviour, files */
	const char *name;
	enum opt_type type;
	const char *def;       /* the default, as written in reader.ini */
	int min, max;          /* OPT_INT range */
	const char *choices;   /* OPT_CHOICE: "1|2" */
	size_t offset;         /* offsetof(struct options, the field) */
	const char *help;      /* one line of help, marked N_(): _() it where shown */
};

/* The table, ending with a NULL name. */
extern const struct option_def options_table[];

struct options {
	int width;             /* display: widest text, 0 the whole screen */
	int indent;            /* display: paragraph indent in cells */
	int ambiguous_width;   /* display: 1 or 2, or 0 for auto (ask the terminal) */
	int normalize_punctuation;
	int color;             /* display: 1 colour, 0 attributes only */
	int status_line;
	int mouse;             /* display: the wheel scrolls (clicks go to curses) */
	int restore_position;  /* behaviour */
	int search_case;       /* behaviour: 1 case-sensitive */
	int search_script;     /* behaviour: 1 traditional and simplified apart */
	char *bookmarks;       /* files: "" for the XDG default */
	char *positions;
	char *editions;        /* files: directories searched, ':'-separated */
	char *lint_off;        /* lint: finding kinds left out, space-separated */
	struct keymap keys;
	char *source;          /* the file the settings came from, or NULL */
};

/* The defaults. */
void options_defaults(struct options *o);

/* The largest settings file read (1 MiB): a bigger one is "FILE: too
 * large". */
#define OPTIONS_MAX_BYTES ((size_t)1 << 20)

/*
 * Load settings from path over the defaults. Returns 0, or -1 with err
 * filled: a finding of kind FK_CONFIG naming FILE:LINE and the reason (a
 * bad value, an unknown section or key with a suggestion, a key bound to
 * two actions, an unknown action or key name, a line that is not a
 * setting), or of kind FK_ERROR when the file cannot be read or is over
 * OPTIONS_MAX_BYTES.
 */
int options_load(struct options *o, const char *path, struct error *err);

/* Which file to read: the --config argument if given, else the user's
 * reader.ini if it exists, else the system copy; NULL when there is none.
 * Returns a new string. */
char *options_find(const char *config_arg);

/* A setting's value in o, as reader.ini would write it, into buf. */
void options_format(const struct options *o, const struct option_def *d, char *buf, size_t size);

/* The bookmark and reading-position files: the setting, else the XDG
 * default. A new string, or NULL when there is no home directory. */
char *options_bookmarks_file(const struct options *o);
char *options_positions_file(const struct options *o);

/* Describe the settings for --help. */
void options_print_help(FILE *f);

void options_free(struct options *o);

#endif
