/*
 * options: the settings table and the reader.ini loader. See options.h.
 *
 * One table, one loop: every entry of options_table names its field in
 * struct options (offset and type), so setting, formatting and describing
 * a setting is the same code for all of them.
 *
 * One pass over reader.ini, in this order:
 *   1. file_read reads it once (OPTIONS_MAX_BYTES at most); a byte-order
 *      mark is dropped.
 *   2. The line scanner (scan) walks its lines once: it rejects what
 *      iniparser would only warn about (a line that is neither a section,
 *      a setting nor a comment; one too long for iniparser) and notes
 *      where each section and key stands. That is all it is for: iniparser
 *      cannot say on which line it found a key, and every message names
 *      FILE:LINE.
 *   3. iniparser, the configuration library, parses the same text and
 *      gives every value.
 *   4. One loop over what the scanner found, in file order, checks each
 *      section and setting against the table and sets it from iniparser's
 *      value; [keys] is left to load_keys.
 * What always holds: a loaded struct options has every setting within its
 * range and a key map with no key bound twice.
 */
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "file.h"
#include "i18n.h"
#include "paths.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define FIELD(x) offsetof(struct options, x)

const struct option_def options_table[] = {
	{"display", "width", OPT_INT, "80", 0, 1000, NULL, FIELD(width),
	 N_("widest text in columns, centred on a wider screen (0: the whole screen)")},
	{"display", "indent", OPT_INT, "4", 0, 16, NULL, FIELD(indent),
	 N_("first-line indent of paragraphs in cells (4 = two ideographic spaces)")},
	{"display", "ambiguous_width", OPT_CHOICE, "1", 0, 0, "auto|1|2", FIELD(ambiguous_width),
	 N_("cells for East Asian ambiguous characters such as “ ” … · — (as your terminal; auto asks it)")},
	{"display", "normalize_punctuation", OPT_BOOL, "false", 0, 0, NULL, FIELD(normalize_punctuation),
	 N_("show half-width , : ; ! ? ( ) between Chinese characters as full width")},
	{"display", "colors", OPT_BOOL, "true", 0, 0, NULL, FIELD(color),
	 N_("use colours where the terminal has them (NO_COLOR turns them off too)")},
	{"display", "status_line", OPT_BOOL, "true", 0, 0, NULL, FIELD(status_line),
	 N_("show the status line at the bottom of the screen")},
	{"display", "mouse", OPT_BOOL, "false", 0, 0, NULL, FIELD(mouse),
	 N_("the mouse wheel scrolls (the terminal's own click-and-drag copying then needs Shift)")},
	{"behaviour", "restore_position", OPT_BOOL, "true", 0, 0, NULL, FIELD(restore_position),
	 N_("reopen each edition where you left it")},
	{"behaviour", "search_case", OPT_CHOICE, "insensitive", 0, 0, "insensitive|sensitive", FIELD(search_case),
	 N_("whether search tells upper from lower case (width forms always match)")},
	{"behaviour", "search_script", OPT_CHOICE, "either", 0, 0, "either|exact", FIELD(search_script),
	 N_("whether search finds traditional and simplified characters alike (國 and 国) or each only itself")},
	{"files", "bookmarks", OPT_STRING, "", 0, 0, NULL, FIELD(bookmarks),
	 N_("bookmark file (empty: $XDG_DATA_HOME/reader/bookmarks)")},
	{"files", "positions", OPT_STRING, "", 0, 0, NULL, FIELD(positions),
	 N_("reading positions file (empty: $XDG_STATE_HOME/reader/positions)")},
	{"files", "editions", OPT_STRING, "", 0, 0, NULL, FIELD(editions),
	 N_("directories, ':'-separated, searched for editions moved since they were bookmarked, "
	    "and opened as an archive when no file is named")},
	{"lint", "off", OPT_STRING, "", 0, 0, NULL, FIELD(lint_off),
	 N_("kinds of finding --lint leaves out, space-separated (the manual lists them)")},
	{NULL, NULL, OPT_INT, NULL, 0, 0, NULL, 0, NULL},
};

static const char *const sections[] = {"display",   "behaviour",   "files", "lint",
				       "keys",      "keys.list", "keys.prompt", NULL};

/* Where in the file each section and key stands. */
struct spot {
	char key[128];   /* "section:key", lower case, as iniparser names it */
	size_t line;
};

struct spots {
	struct spot *v;
	size_t n, cap;
};

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* iniparser cannot read longer lines (its ASCIILINESZ). */
#define LINE_MAX_BYTES 1000

/* The file's text, without a byte-order mark, as a new string; NULL with
 * err filled when it cannot be read or is too large. */
static char *read_config(const char *path, size_t *len, struct error *err)
{
	struct file_buf fb;
	size_t skip;
	char *text;

	if (file_read(path, OPTIONS_MAX_BYTES, 0, NULL, &fb, err) < 0)
		return NULL;
	skip = fb.len >= 3 && !memcmp(fb.data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	text = xstrndup(fb.data + skip, fb.len - skip);
	*len = fb.len - skip;
	file_free(&fb);
	return text;
}

/* Find each section header and key line of the file's text; fill err for
 * a line that is neither, or too long (iniparser would only warn). */
static int scan(const char *path, char *text, struct spots *sp, struct error *err)
{
	char section[64] = "";
	size_t line = 0;
	char *next = text;

	while (next && *next) {
		char *raw = next, *nl = strchr(raw, '\n'), *s, *eq;
		struct spot *p;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		line++;
		if (strlen(raw) > LINE_MAX_BYTES) {
			error_set_kind(err, FK_CONFIG, path, line, 0, ngettext("line too long (over %d byte)",
									    "line too long (over %d bytes)", LINE_MAX_BYTES),
				       LINE_MAX_BYTES);
			return -1;
		}
		s = trim(raw);
		if (!*s || *s == ';' || *s == '#')
			continue;
		XGROW(sp->v, sp->cap, sp->n + 1);
		p = &sp->v[sp->n];
		p->line = line;
		if (*s == '[') {
			char *e = strchr(s, ']');

			if (!e) {
				error_set_kind(err, FK_CONFIG, path, line, 0, _("a section header needs a closing ]"));
				return -1;
			}
			*e = '\0';
			snprintf(section, sizeof section, "%s", trim(s + 1));
			text_ascii_lower(section);
			snprintf(p->key, sizeof p->key, "%s", section);
			sp->n++;
			continue;
		}
		if (!(eq = strchr(s, '='))) {
			error_set_kind(err, FK_CONFIG, path, line, 0, _("expected 'name = value' or '[section]'"));
			return -1;
		}
		*eq = '\0';
		if (!section[0]) {
			error_set_kind(err, FK_CONFIG, path, line, 0, _("%s: a setting before any [section]"), trim(s));
			return -1;
		}
		snprintf(p->key, sizeof p->key, "%s:%s", section, trim(s));
		text_ascii_lower(p->key);
		sp->n++;
	}
	return 0;
}

static size_t line_of(const struct spots *sp, const char *key)
{
	size_t line = 0;

	/* The last occurrence: it is the one iniparser keeps. */
	for (size_t i = 0; i < sp->n; i++)
		if (strcmp(sp->v[i].key, key) == 0)
			line = sp->v[i].line;
	return line;
}

/* Edit distance, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof prev);
	}
	return prev[lb];
}

/* The closest of the names to s, or NULL when none is close. */
static const char *suggest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bd = 3;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(s, names[i]);

		if (d < bd) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

/* A suggestion as the end of a message, " (did you mean NAME?)" ([NAME]
 * for a section, when brackets), in buf; "" when there is none. */
static const char *did_you_mean(const char *s, int brackets, char *buf, size_t size)
{
	if (!s)
		return "";
	snprintf(buf, size, brackets ? _(" (did you mean [%s]?)") : _(" (did you mean %s?)"), s);
	return buf;
}

/* Where a setting lives in o. */
static void *field_of(const struct options *o, const struct option_def *d)
{
	return (char *)o + d->offset;
}

/* Store a checked value: the string v for OPT_STRING, else iv. */
static void set_value(struct options *o, const struct option_def *d, const char *v, int iv)
{
	if (d->type == OPT_STRING) {
		char **sp = field_of(o, d);

		free(*sp);
		*sp = xstrdup(v);
	} else {
		*(int *)field_of(o, d) = iv;
	}
}

/* Check and store one value; fill err (FILE:LINE) when it is bad. */
static int parse_value(struct options *o, const struct option_def *d, const char *v,
		       const char *path, size_t line, struct error *err)
{
	char *end;
	long n;

	switch (d->type) {
	case OPT_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (end == v || *end || errno) {
			error_set_kind(err, FK_CONFIG, path, line, 0, _("%s: not a number"), d->name);
			return -1;
		}
		if (n < d->min || n > d->max) {
			error_set_kind(err, FK_CONFIG, path, line, 0, _("%s: %ld is out of range (%d to %d)"),
				       d->name, n, d->min, d->max);
			return -1;
		}
		set_value(o, d, v, (int)n);
		return 0;
	case OPT_BOOL:
		if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcasecmp(v, "on") ||
		    !strcmp(v, "1"))
			set_value(o, d, v, 1);
		else if (!strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcasecmp(v, "off") ||
			 !strcmp(v, "0"))
			set_value(o, d, v, 0);
		else {
			error_set_kind(err, FK_CONFIG, path, line, 0, _("%s: not true or false"), d->name);
			return -1;
		}
		return 0;
	case OPT_CHOICE: {
		char buf[128], *save = NULL;
		int i = 0;

		snprintf(buf, sizeof buf, "%s", d->choices);
		for (char *c = strtok_r(buf, "|", &save); c; c = strtok_r(NULL, "|", &save), i++)
			if (!strcasecmp(c, v)) {
				/* Numeric choices are their value; others their index. */
				set_value(o, d, v, isdigit((unsigned char)*c) ? atoi(c) : i);
				return 0;
			}
		error_set_kind(err, FK_CONFIG, path, line, 0, _("%s: '%s' is not one of %s"), d->name, v,
			       d->choices);
		return -1;
	}
	case OPT_STRING:
		set_value(o, d, v, 0);
		return 0;
	}
	return 0;
}

void options_defaults(struct options *o)
{
	struct error err;

	memset(o, 0, sizeof *o);
	for (const struct option_def *d = options_table; d->name; d++)
		if (parse_value(o, d, d->def, "(defaults)", 0, &err) < 0)
			die(1, _("internal error: bad default for %s"), d->name);
	keymap_defaults(&o->keys);
}

/* Defaults stay for the actions of a mode the file does not mention,
 * unless one of their keys was taken: then the file must rebind that
 * action too. Bindings of the other modes are kept as they are. */
static int keep_defaults(const struct keymap *def, struct keymap *user, enum keymode mode,
			 const int *rebound, const size_t *owner_line, const char *path,
			 struct error *err)
{
	for (size_t i = 0; i < def->n; i++) {
		const struct binding *b = &def->v[i];
		enum action now;

		/* The wheel is not in the actions' key lists: it stays. */
		if (keys_actions[b->act].mode == mode && rebound[b->act] &&
		    b->code != K_WHEEL_UP && b->code != K_WHEEL_DOWN)
			continue;
		now = keymap_lookup(user, keys_actions[b->act].mode, b->code);
		if (now != ACT_NONE) {
			error_set(err, path, owner_line[now], 0,
				  _("%s: key '%s' is already bound to %s by default (rebind %s too)"),
				  keys_actions[now].name, keys_name(b->code), keys_actions[b->act].name,
				  keys_actions[b->act].name);
			return -1;
		}
		keymap_bind(user, b->code, b->act);
	}
	return 0;
}

/* A key table's section ([keys], [keys.list], [keys.prompt]): the mode's
 * actions rebound by name; a key may serve one action of a mode. */
static int load_mode_keys(struct options *o, dictionary *dict, const struct spots *sp,
			  const char *path, enum keymode mode, struct error *err)
{
	const char *section = keys_modes[mode].section;
	int nkeys = iniparser_getsecnkeys(dict, section);
	const char **names;
	size_t owner_line[ACT_COUNT] = {0};
	struct keymap user = {0};
	int rebound[ACT_COUNT] = {0};

	if (nkeys <= 0)
		return 0;
	names = xcalloc((size_t)nkeys, sizeof *names);
	iniparser_getseckeys(dict, section, names);
	for (int i = 0; i < nkeys; i++) {
		const char *act_name = names[i] + strlen(section) + 1;
		enum action act = keys_action(mode, act_name);
		size_t line = line_of(sp, names[i]);
		char buf[512], *save = NULL;

		if (act == ACT_NONE) {
			const char *all[ACT_COUNT], *s;
			size_t n = 0;

			for (int a = 0; a < ACT_COUNT; a++)
				if (keys_actions[a].mode == mode)
					all[n++] = keys_actions[a].name;
			s = suggest(act_name, all, n);
			error_set(err, path, line, 0, _("%s: no such action%s"), act_name,
				  did_you_mean(s, 0, buf, sizeof buf));
			goto fail;
		}
		rebound[act] = 1;
		owner_line[act] = line;
		snprintf(buf, sizeof buf, "%s", iniparser_getstring(dict, names[i], ""));
		for (char *k = strtok_r(buf, " \t", &save); k; k = strtok_r(NULL, " \t", &save)) {
			int code = keys_code(k);
			enum action was;

			if (code < 0) {
				error_set(err, path, line, 0, _("%s: no such key '%s' (see KEYS in reader(1))"),
					  act_name, k);
				goto fail;
			}
			was = keymap_lookup(&user, mode, code);
			if (was != ACT_NONE && was != act) {
				error_set(err, path, line, 0, _("%s: key '%s' is already bound to %s"),
					  act_name, k, keys_actions[was].name);
				goto fail;
			}
			keymap_bind(&user, code, act);
		}
	}
	if (keep_defaults(&o->keys, &user, mode, rebound, owner_line, path, err) < 0)
		goto fail;
	keymap_free(&o->keys);
	o->keys = user;
	free(names);
	return 0;
fail:
	keymap_free(&user);
	free(names);
	return -1;
}

/* Every key table's section. */
static int load_keys(struct options *o, dictionary *dict, const struct spots *sp, const char *path,
		     struct error *err)
{
	for (int m = 0; m < KEYMODE_COUNT; m++)
		if (load_mode_keys(o, dict, sp, path, (enum keymode)m, err) < 0)
			return -1;
	return 0;
}

/* iniparser reports what it cannot parse on stderr unless given a
 * callback; the scanner has already named every such line. */
static int ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* iniparser reads a path: hand it the text through an anonymous file.
 * NULL with err filled when that fails. */
static dictionary *ini_parse(const char *path, const char *text, size_t len, struct error *err)
{
	char fdpath[64];
	dictionary *dict;
	int fd = memfd_create("reader.ini", MFD_CLOEXEC);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		error_set(err, path, 0, 0, _("cannot read it: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
	iniparser_set_error_callback(ini_quiet);
	dict = iniparser_load(fdpath);
	close(fd);
	if (!dict)
		error_set_kind(err, FK_CONFIG, path, 0, 0, _("not a settings file iniparser can read"));
	return dict;
}

/* A section header the scanner found: one of the known sections, or an
 * error with a suggestion. */
static int check_section(const char *sec, const char *path, size_t line, struct error *err)
{
	const char *s;
	char buf[128];

	for (int k = 0; sections[k]; k++)
		if (!strcmp(sec, sections[k]))
			return 0;
	s = suggest(sec, sections, sizeof sections / sizeof *sections - 1);
	error_set_kind(err, FK_CONFIG, path, line, 0, _("[%s]: no such section%s"), sec,
		       did_you_mean(s, 1, buf, sizeof buf));
	return -1;
}

/* The table's entry for name in section sec; NULL with err filled (and a
 * suggestion) when there is none. */
static const struct option_def *find_setting(const char *sec, const char *name, const char *path,
					     size_t line, struct error *err)
{
	const char *names[32], *s;
	size_t nn = 0;
	char buf[128];

	for (const struct option_def *d = options_table; d->name; d++) {
		if (strcmp(d->section, sec))
			continue;
		if (!strcmp(d->name, name))
			return d;
		if (nn < 32)
			names[nn++] = d->name;
	}
	s = suggest(name, names, nn);
	error_set_kind(err, FK_CONFIG, path, line, 0, _("%s: no such setting in [%s]%s"), name, sec,
		       did_you_mean(s, 0, buf, sizeof buf));
	return NULL;
}

/* Step 4: every section and setting the scanner found, in file order,
 * checked against the table and set from iniparser's value. A key written
 * twice is set once, at its last line, whose value iniparser keeps. */
static int apply_file(struct options *o, dictionary *dict, const struct spots *sp,
		      const char *path, struct error *err)
{
	for (size_t i = 0; i < sp->n; i++) {
		const char *key = sp->v[i].key, *colon = strchr(key, ':'), *v;
		const struct option_def *d;
		char sec[64];

		snprintf(sec, sizeof sec, "%.*s", colon ? (int)(colon - key) : (int)strlen(key), key);
		if (!colon) {
			if (check_section(sec, path, sp->v[i].line, err) < 0)
				return -1;
			continue;
		}
		if (keys_mode_of_section(sec) >= 0)
			continue;
		d = find_setting(sec, colon + 1, path, sp->v[i].line, err);
		if (!d)
			return -1;
		v = iniparser_getstring(dict, key, NULL);
		if (v && line_of(sp, key) == sp->v[i].line &&
		    parse_value(o, d, v, path, sp->v[i].line, err) < 0)
			return -1;
	}
	return 0;
}

int options_load(struct options *o, const char *path, struct error *err)
{
	struct spots sp = {0};
	dictionary *dict = NULL;
	size_t len = 0;
	char *text = read_config(path, &len, err), *lines;
	int rc = -1;

	if (!text)
		return -1;
	lines = xstrndup(text, len);  /* the scanner cuts its copy into lines */
	if (scan(path, lines, &sp, err) == 0 && (dict = ini_parse(path, text, len, err)) &&
	    apply_file(o, dict, &sp, path, err) == 0) {
		if (load_keys(o, dict, &sp, path, err) == 0)
			rc = 0;
		else if (err)
			err->kind = FK_CONFIG;
	}
	if (rc == 0) {
		free(o->source);
		o->source = xstrdup(path);
	}
	if (dict)
		iniparser_freedict(dict);
	free(lines);
	free(text);
	free(sp.v);
	return rc;
}

char *options_find(const char *config_arg)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *p;

	if (config_arg)
		return xstrdup(config_arg);
	if (xdg && xdg[0] == '/')
		p = xasprintf("%s/reader/reader.ini", xdg);
	else if (home && *home)
		p = xasprintf("%s/.config/reader/reader.ini", home);
	else
		p = NULL;
	if (p && access(p, F_OK) == 0)
		return p;
	free(p);
	return paths_system_config();
}

void options_format(const struct options *o, const struct option_def *d, char *buf, size_t size)
{
	int v;

	if (d->type == OPT_STRING) {
		const char *sv = *(char *const *)field_of(o, d);

		snprintf(buf, size, "%s", sv ? sv : "");
		return;
	}
	v = *(const int *)field_of(o, d);
	if (d->type == OPT_BOOL) {
		snprintf(buf, size, "%s", v ? "true" : "false");
	} else if (d->type == OPT_CHOICE && !isdigit((unsigned char)d->choices[0])) {
		/* A choice by name: the v-th of "a|b|c". */
		const char *c = d->choices, *bar;

		for (int i = 0; i < v && (bar = strchr(c, '|')); i++)
			c = bar + 1;
		snprintf(buf, size, "%.*s", (int)strcspn(c, "|"), c);
	} else {
		snprintf(buf, size, "%d", v);
	}
}

char *options_bookmarks_file(const struct options *o)
{
	return *o->bookmarks ? xstrdup(o->bookmarks)
			     : store_path("XDG_DATA_HOME", ".local/share", "bookmarks");
}

char *options_positions_file(const struct options *o)
{
	return *o->positions ? xstrdup(o->positions)
			     : store_path("XDG_STATE_HOME", ".local/state", "positions");
}

void options_print_help(FILE *f)
{
	const char *sec = "";

	fputs(_("Settings (reader.ini; see reader(1) for the file and the [keys] section):\n"), f);
	for (const struct option_def *d = options_table; d->name; d++) {
		if (strcmp(sec, d->section))
			fprintf(f, "  [%s]\n", sec = d->section);
		fprintf(f, "    %-22s %s ", d->name, _(d->help));
		/* TRANSLATORS: the default value of a setting, then its choices
		 * ("; 1|2") or nothing. */
		fprintf(f, _("(default %s%s%s)\n"), *d->def ? d->def : _("empty"),
			d->choices ? "; " : "", d->choices ? d->choices : "");
	}
}

void options_free(struct options *o)
{
	free(o->bookmarks);
	free(o->positions);
	free(o->editions);
	free(o->lint_off);
	free(o->source);
	keymap_free(&o->keys);
	memset(o, 0, sizeof *o);
}
