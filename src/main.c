/*
 * main: the command line. Parses options, loads editions and hands them to
 * the chosen view. Exit status: 0 success, 1 bad input, 2 usage error.
 */
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edition.h"
#include "error.h"
#include "escape.h"
#include "export.h"
#include "gazetteer.h"
#include "i18n.h"
#include "json.h"
#include "keys.h"
#include "dump.h"
#include "layout.h"
#include "locality.h"
#include "bookmarks.h"
#include "options.h"
#include "tui.h"
#include "paths.h"
#include "util.h"
#include "width.h"

#include <unistd.h>

enum mode { MODE_NONE, MODE_OUTLINE, MODE_JSON, MODE_DUMP, MODE_TUI, MODE_BOOKMARKS };

/* TRANSLATORS: keep the option names and the columns as they are. */
static const char *const usage_text = N_(
	"usage: reader [FILE]\n"
	"       reader [OPTION]... [FILE]...\n"
	"Read plain-text Chinese newspaper editions: split into articles, reflowed\n"
	"by display width. With no FILE, the bundled edition. On a terminal and\n"
	"with no option, the edition opens full-screen (h there lists the keys);\n"
	"otherwise it is printed as --dump.\n"
	"\n"
	"  -d, --dump          print the editions laid out as the reader shows them\n"
	"  -w, --width=N       the width of --dump in columns (default $COLUMNS, else 80)\n"
	"  -o, --outline       print one TSV row per article and exit\n"
	"  -j, --json          print the editions' structure as JSON and exit\n"
	"  -b, --bookmarks     print every bookmark as TSV and exit\n"
	"  -c, --config=FILE   read settings from FILE instead of reader.ini\n"
	"  -h, --help          print this help and exit\n"
	"  -V, --version       print the version and exit\n"
	"\n"
	"Exit status: 0 success, 1 bad input, 2 usage or configuration error.\n"
	"See reader(1) for the full manual.\n\n");

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	char buf[1024];

	/* The argument may hold anything: never echo it raw. */
	snprintf(buf, sizeof buf, _(fmt), arg);
	fputs("reader: ", stderr);
	escape_fput(stderr, buf, strlen(buf), 0);
	fputc('\n', stderr);
	fputs(_("Try 'reader --help' for more information.\n"), stderr);
	exit(2);
}

/* A width in columns: a whole number from 2 to 10000. */
static long parse_width(const char *arg, const char *what)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (end == arg || *end || v < 2 || v > 10000)
		usage_error(what[0] == '-' ? N_("invalid width '%s': give a number of columns from 2 to 10000")
					   : N_("invalid COLUMNS '%s': give a number from 2 to 10000"),
			    arg);
	return v;
}

/* Standard output must have reached its file: a full disk is an error. */
static void flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die(1, "error writing to standard output");
}

/* --bookmarks: every bookmark as TSV; bad lines reported on stderr. */
static int print_bookmarks(const struct options *o)
{
	char *path = options_bookmarks_file(o);
	struct bm_store s = {0};
	struct error err;

	if (!path)
		die(1, "no home directory for the bookmarks");
	if (bm_load(&s, path, &err) < 0) {
		error_print(&err, stderr);
		free(path);
		return 1;
	}
	for (size_t i = 0; i < s.file.warnings.n; i++)
		finding_print(&s.file.warnings.v[i], stderr);
	bm_print_tsv(stdout, &s);
	bm_free(&s);
	free(path);
	flush_stdout();
	return 0;
}

/* Load the gazetteer; a missing one only costs the localities. */
static struct gazetteer *load_gazetteer(void)
{
	char *path = paths_data(PATHS_GAZETTEER);
	struct gazetteer *g = NULL;
	struct error err;

	if (!path) {
		fprintf(stderr, "reader: %s not found; localities are not resolved\n",
			PATHS_GAZETTEER);
		return NULL;
	}
	g = gazetteer_load(path, &err);
	if (!g)
		error_print(&err, stderr);
	free(path);
	return g;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dump", no_argument, NULL, 'd'},
		{"width", required_argument, NULL, 'w'},
		{"outline", no_argument, NULL, 'o'},
		{"json", no_argument, NULL, 'j'},
		{"config", required_argument, NULL, 'c'},
		{"bookmarks", no_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	enum mode mode = MODE_NONE;
	struct gazetteer *gaz;
	char *bundled = NULL;
	const char **files;
	int nfiles, status = 0, c, written = 0;
	long width = 0;
	struct json j;
	struct layout_opts lo;
	struct options opts;
	const char *config_arg = NULL;
	char *config;

	setlocale(LC_ALL, "");
	i18n_init();
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":dw:ojbc:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			mode = MODE_DUMP;
			break;
		case 'w':
			width = parse_width(optarg, "--width");
			break;
		case 'o':
			mode = MODE_OUTLINE;
			break;
		case 'j':
			mode = MODE_JSON;
			break;
		case 'c':
			config_arg = optarg;
			break;
		case 'b':
			mode = MODE_BOOKMARKS;
			break;
		case 'h':
			fputs(_(usage_text), stdout);
			options_print_help(stdout);
			flush_stdout();
			return 0;
		case 'V':
			printf("reader %s\n", READER_VERSION);
			flush_stdout();
			return 0;
		case ':':
			usage_error(N_("option '%s' needs a value"), argv[optind - 1]);
		default:
			if (optopt)
				usage_error(N_("unknown option '%s'"), (char[]){'-', (char)optopt, 0});
			usage_error(N_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (mode == MODE_NONE) {
		/* Like less acting as cat: not on a terminal, print the layout. */
		mode = isatty(STDOUT_FILENO) ? MODE_TUI : MODE_DUMP;
	}
	if (mode == MODE_TUI && argc - optind > 1)
		usage_error(N_("the reader opens one edition at a time"), "");
	options_defaults(&opts);
	config = options_find(config_arg);
	if (config) {
		struct error err;

		if (options_load(&opts, config, &err) < 0) {
			error_print(&err, stderr);
			exit(2);
		}
		free(config);
	}
	if (mode == MODE_BOOKMARKS) {
		status = print_bookmarks(&opts);
		options_free(&opts);
		return status;
	}
	if (width_init() < 0)
		die(1, "the locale is not UTF-8 and C.UTF-8 is not available: "
		       "set LANG to a UTF-8 locale");
	if (!width) {
		/* Only the dump is sized by COLUMNS; the reader asks curses. */
		const char *cols = mode == MODE_DUMP ? getenv("COLUMNS") : NULL;

		width = cols && *cols ? parse_width(cols, "COLUMNS") : 80;
	}
	lo = layout_defaults((int)width);
	lo.indent = opts.indent;
	lo.amb = opts.ambiguous_width;
	lo.normalize = opts.normalize_punctuation;
	nfiles = argc - optind;
	files = (const char **)argv + optind;
	if (nfiles == 0) {
		bundled = paths_data(PATHS_DEFAULT_EDITION);
		if (!bundled)
			die(1, "the bundled edition %s is not installed", PATHS_DEFAULT_EDITION);
		files = (const char **)&bundled;
		nfiles = 1;
	}
	gaz = mode == MODE_DUMP ? NULL : load_gazetteer();  /* the dump shows no places */
	json_init(&j, stdout);
	for (int i = 0; i < nfiles; i++) {
		struct edition ed;
		struct error err;

		if (edition_load(&ed, files[i], &err) < 0) {
			fflush(stdout);
			error_print(&err, stderr);
			status = 1;
			continue;
		}
		locality_resolve(&ed, gaz);
		/* The header and the array open only once there is something
		 * to print: bad input alone leaves standard output empty. */
		if (mode == MODE_TUI) {
			status = tui_run(&ed, gaz, &opts, &lo);
		} else if (mode == MODE_DUMP) {
			if (written)
				fputc('\n', stdout);
			dump_edition(&ed, &lo, stdout);
		} else if (mode == MODE_OUTLINE) {
			if (!written)
				export_outline_header(stdout);
			export_outline(stdout, &ed);
		} else {
			if (!written && nfiles > 1)
				json_array_begin(&j);
			export_json(&j, &ed);
		}
		written++;
		edition_free(&ed);
	}
	if (mode == MODE_JSON && nfiles > 1 && written)
		json_array_end(&j);
	gazetteer_free(gaz);
	free(bundled);
	options_free(&opts);
	flush_stdout();
	if (status > 128) {
		/* The reader was ended by a signal: end the same way, now that
		 * the terminal is restored and the position saved. */
		signal(status - 128, SIG_DFL);
		raise(status - 128);
	}
	return status;
}
