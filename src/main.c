/*
 * main: the command line. Parses options, loads editions and hands them to
 * the chosen view. Exit status: 0 success, 1 bad input, 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "catalog.h"
#include "edition.h"
#include "error.h"
#include "escape.h"
#include "export.h"
#include "gazetteer.h"
#include "i18n.h"
#include "json.h"
#include "keys.h"
#include "library.h"
#include "dump.h"
#include "layout.h"
#include "lintout.h"
#include "archive.h"
#include "locality.h"
#include "bookmarks.h"
#include "options.h"
#include "tui.h"
#include "paths.h"
#include "util.h"
#include "width.h"

#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum mode { MODE_NONE, MODE_OUTLINE, MODE_JSON, MODE_DUMP, MODE_TUI, MODE_BOOKMARKS, MODE_SEARCH };

/* TRANSLATORS: keep the option names and the columns as they are. */
static const char *const usage_text = N_(
	"usage: reader [FILE]\n"
	"       reader [OPTION]... [FILE]...\n"
	"Read plain-text Chinese newspaper editions: split into articles, reflowed\n"
	"by display width. FILE - is standard input; with no FILE, standard input\n"
	"when it is a pipe or a file, else the bundled edition. On a terminal and\n"
	"with no option, the edition opens full-screen (h there lists the keys);\n"
	"otherwise it is printed as --dump. A directory or several files open\n"
	"full-screen as an archive, edition after edition ({ and } go through it,\n"
	"e lists it, F searches it, L lists its localities).\n"
	"\n"
	"  -d, --dump          print the editions laid out as the reader shows them\n"
	"  -w, --width=N       the widest text in columns (--dump: default $COLUMNS,\n"
	"                      else 80, at most [display] width)\n"
	"  -o, --outline       print one TSV row per article and exit\n"
	"  -j, --json          print the editions' structure as JSON and exit\n"
	"  -s, --search=TEXT   print every match of TEXT in the files and directories\n"
	"                      as TSV, newest first, and exit\n"
	"  -b, --bookmarks     print every bookmark (of FILE if given) as TSV and exit\n"
	"  -L, --lint          proofread files and directories: one finding a line\n"
	"                      (with --json: as JSON); exit 1 when there are any\n"
	"      --level=LEVEL   --lint reports note (default), warning or error and up\n"
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
		die(1, "%s", _("error writing to standard output"));
}

/* --bookmarks: every bookmark as TSV; bad lines reported on stderr. */
static int print_bookmarks(const struct options *o, const char *file)
{
	char *path = file ? xstrdup(file) : options_bookmarks_file(o);
	struct bm_store s = {0};
	struct error err;

	if (!path)
		die(1, "%s", _("no home directory for the bookmarks"));
	/* A file named on the command line must exist: no empty list for a
	 * typing mistake. */
	if (file && access(file, R_OK) < 0)
		error_set(&err, file, 0, 0, "%s", strerror(errno));
	if ((file && access(file, R_OK) < 0) || bm_load(&s, path, &err) < 0) {
		error_print(&err, stderr);
		free(path);
		return 1;
	}
	/* A file of a million bad lines is a million warnings: buffer them
	 * rather than let stderr write each piece on its own. */
	setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	for (size_t i = 0; i < s.file.warnings.n; i++)
		finding_print(&s.file.warnings.v[i], stderr);
	fflush(stderr);
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
		fputs("reader: ", stderr);
		fprintf(stderr, _("%s not found; localities are not resolved"), PATHS_GAZETTEER);
		fputc('\n', stderr);
		return NULL;
	}
	g = gazetteer_load(path, &err);
	if (!g)
		error_print(&err, stderr);
	free(path);
	return g;
}

/* What the command line asked for. */
struct cli {
	enum mode mode;
	int lint;                  /* --lint (with --json: as JSON) */
	const char *level;         /* --level, or NULL */
	long width;                /* --width, or 0 */
	const char *config;        /* --config, or NULL */
	const char *search;        /* --search, or NULL */
	const char **files;
	int nfiles;
};

/* Set the mode an option asks for: two different ones are a usage error. */
static void set_mode(struct cli *c, enum mode m, const char *name)
{
	if (c->mode != MODE_NONE && c->mode != m)
		usage_error(N_("%s cannot be combined with another of --dump, --outline, --json, "
			       "--search and --bookmarks"), name);
	c->mode = m;
}

/* Is standard input a pipe or a file, to be read as the edition? */
static int stdin_has_edition(void)
{
	struct stat st;

	return !isatty(STDIN_FILENO) && fstat(STDIN_FILENO, &st) == 0 &&
	       (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode));
}

/* The files to read: "-" is standard input, read through its device. */
static void name_files(struct cli *c, char **argv, int argc)
{
	static const char *piped[] = { "/dev/stdin" };

	c->files = (const char **)argv + optind;
	c->nfiles = argc - optind;
	for (int i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], "-") == 0)
			c->files[i] = piped[0];
	if (c->nfiles == 0 && c->mode != MODE_BOOKMARKS && stdin_has_edition()) {
		c->files = piped;
		c->nfiles = 1;
	}
}

/* Parse the options into c; prints --help and --version itself and exits. */
static void parse_args(int argc, char **argv, struct cli *c)
{
	static const struct option longopts[] = {
		{"dump", no_argument, NULL, 'd'},
		{"width", required_argument, NULL, 'w'},
		{"outline", no_argument, NULL, 'o'},
		{"json", no_argument, NULL, 'j'},
		{"search", required_argument, NULL, 's'},
		{"config", required_argument, NULL, 'c'},
		{"bookmarks", no_argument, NULL, 'b'},
		{"lint", no_argument, NULL, 'L'},
		{"level", required_argument, NULL, 1},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":dw:ojs:bc:hVL", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': set_mode(c, MODE_DUMP, "--dump"); break;
		case 'w': c->width = parse_width(optarg, "--width"); break;
		case 'o': set_mode(c, MODE_OUTLINE, "--outline"); break;
		case 'j': set_mode(c, MODE_JSON, "--json"); break;
		case 's':
			set_mode(c, MODE_SEARCH, "--search");
			c->search = optarg;
			break;
		case 'c':
			if (!*optarg)
				usage_error(N_("option '%s' needs a file name"), "--config");
			c->config = optarg;
			break;
		case 'b': set_mode(c, MODE_BOOKMARKS, "--bookmarks"); break;
		case 'L': c->lint = 1; break;
		case 1: c->level = optarg; break;
		case 'h':
			fputs(_(usage_text), stdout);
			options_print_help(stdout);
			flush_stdout();
			exit(0);
		case 'V':
			printf("reader %s\n", READER_VERSION);
			flush_stdout();
			exit(0);
		case ':':
			usage_error(N_("option '%s' needs a value"), argv[optind - 1]);
		default:
			if (optopt)
				usage_error(N_("unknown option '%s'"), (char[]){'-', (char)optopt, 0});
			usage_error(N_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (c->mode == MODE_NONE) {
		/* Like less acting as cat: not on a terminal, print the layout. */
		c->mode = isatty(STDOUT_FILENO) ? MODE_TUI : MODE_DUMP;
	}
	if (c->mode == MODE_TUI && argc - optind > 1)
		for (int i = optind; i < argc; i++)
			if (strcmp(argv[i], "-") == 0)
				usage_error(N_("standard input (%s) cannot be one of several editions"), "-");
	if (c->mode == MODE_BOOKMARKS && argc - optind > 1)
		usage_error(N_("%s reads one bookmark file"), "--bookmarks");
	if (c->mode == MODE_SEARCH && c->lint)
		usage_error(N_("%s cannot be combined with --lint"), "--search");
	if (c->mode == MODE_SEARCH && argc - optind < 1)
		usage_error(N_("%s needs files or directories to search"), "--search");
	name_files(c, argv, argc);
}

/* The defaults, then the settings file; a mistake in it ends the program
 * with status 2. */
static void load_settings(const struct cli *c, struct options *opts)
{
	char *config;

	options_defaults(opts);
	config = options_find(c->config);
	if (config) {
		struct error err;

		if (options_load(opts, config, &err) < 0) {
			error_print(&err, stderr);
			exit(2);
		}
		free(config);
	}
}

/* The layout the dump (and the reader's first screen) use. */
static struct layout_opts layout_for(const struct cli *c, const struct options *opts)
{
	long width = c->width;
	struct layout_opts lo;

	if (!width) {
		/* Only the dump is sized by COLUMNS; the reader asks curses. */
		const char *cols = c->mode == MODE_DUMP ? getenv("COLUMNS") : NULL;

		width = cols && *cols ? parse_width(cols, "COLUMNS") : 80;
		/* The setting caps it, as it caps the screen's text. */
		if (opts->width > 0 && width > opts->width)
			width = opts->width;
	}
	lo = layout_defaults((int)width);
	lo.indent = opts->indent;
	lo.amb = opts->ambiguous_width ? opts->ambiguous_width : 1;  /* auto: the terminal's, or 1 */
	lo.normalize = opts->normalize_punctuation;
	return lo;
}

/* Where the editions' output goes, one edition after another. */
struct run {
	const struct cli *c;
	const struct options *opts;
	struct layout_opts lo;
	struct gazetteer *gaz;
	struct json j;
	int array;                 /* --json: the editions as one array */
	int written, status;
};

/* Show or print one loaded edition in the chosen mode. The header and the
 * JSON array open only once there is something to print: bad input alone
 * leaves standard output empty. */
static void show_edition(struct run *r, struct edition *ed)
{
	switch (r->c->mode) {
	case MODE_TUI:
		r->status = tui_run(ed, NULL, &r->gaz, r->opts, &r->lo);
		break;
	case MODE_DUMP:
		if (r->written)
			fputc('\n', stdout);
		dump_edition(ed, &r->lo, stdout);
		break;
	case MODE_OUTLINE:
		if (!r->written)
			export_outline_header(stdout);
		export_outline(stdout, ed);
		break;
	default:
		if (!r->written && r->array)
			json_array_begin(&r->j);
		export_json(&r->j, ed);
		break;
	}
	r->written++;
}

/* --outline's passes over an edition (edition_parse_each()). */
static void outline_vote(struct edition *ed, struct article *a, void *lr)
{
	(void)ed;
	locality_vote(lr, a);
}

static void outline_row(struct edition *ed, struct article *a, void *lr)
{
	if (lr)
		locality_place(lr, a);
	export_outline_article(stdout, ed, a);
}

/*
 * --outline of one file, without ever holding the edition whole: a row
 * needs only its article, so each is printed as soon as it is parsed and
 * then forgotten, and the peak memory is the text's and little more (a
 * million short articles held at once take six times their text). The
 * places need a first pass, which counts the provinces the ambiguous
 * names prefer (locality_resolve()). Returns -1 when the file cannot be
 * read (err filled).
 */
static int outline_file(struct run *r, const char *path, struct error *err)
{
	struct locality_run *lr = NULL;
	struct decoded dec;
	struct edition ed;

	if (decode_file(path, &dec, err) < 0)
		return -1;
	if (!r->written)
		export_outline_header(stdout);
	if (r->gaz) {
		lr = locality_begin(r->gaz, 0);
		edition_parse_each(&ed, path, &dec, outline_vote, lr);
		edition_free(&ed);
		locality_settle(lr);
	}
	edition_parse_each(&ed, path, &dec, outline_row, lr);
	edition_free(&ed);
	locality_end(lr);
	decode_free(&dec);
	r->written++;
	return 0;
}

/* Load the file at path and show it (--outline streams it); a file that
 * cannot be loaded is reported and makes the status 1. */
static void show_file(struct run *r, const char *path)
{
	struct edition ed;
	struct error err;
	int rc;

	if (r->c->mode == MODE_OUTLINE) {
		rc = outline_file(r, path, &err);
	} else if ((rc = edition_load(&ed, path, &err)) == 0) {
		locality_resolve(&ed, r->gaz);
		show_edition(r, &ed);
		edition_free(&ed);
	}
	if (rc < 0) {
		fflush(stdout);
		error_print(&err, stderr);
		r->status = 1;
	}
}

/* Show each file in turn; one that cannot be loaded does not stop the
 * others. */
static void run_files(struct run *r, const char **files, int nfiles)
{
	json_init(&r->j, stdout);
	r->array = nfiles > 1;
	for (int i = 0; i < nfiles; i++)
		show_file(r, files[i]);
	if (r->c->mode == MODE_JSON && nfiles > 1 && r->written)
		json_array_end(&r->j);
}

/* Does the full-screen reader open an archive: several files, a
 * directory, or with nothing named (and nothing piped in) the editions
 * directories of the settings? */
static int wants_archive(const struct cli *c, const struct options *o)
{
	struct stat st;

	if (c->mode != MODE_TUI)
		return 0;
	if (c->nfiles == 0)
		return o->editions && *o->editions;
	return c->nfiles > 1 || (stat(c->files[0], &st) == 0 && S_ISDIR(st.st_mode));
}

/* The full-screen reader over an archive: the files and directories
 * named, else the editions directories of the settings. */
static void read_archive(struct run *r, const char **files, int nfiles)
{
	struct library lib;
	struct edition ed;
	struct error err;
	char *dirs = NULL, *save = NULL;
	const char **paths = files;
	size_t n = (size_t)nfiles;

	if (!nfiles) {
		dirs = xstrdup(r->opts->editions);
		paths = xcalloc(strlen(dirs) + 1, sizeof *paths);
		for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
			paths[n++] = d;
	}
	if (library_open_warm(&lib, paths, n, &err) < 0 || library_load_first(&lib, r->opts, &ed, &err) < 0) {
		error_print(&err, stderr);
		r->status = 1;
	} else {
		r->status = tui_run(&ed, &lib, &r->gaz, r->opts, &r->lo);
		edition_free(&ed);
	}
	/* Quitting while the archive is indexed: the indexing stops after
	 * the file it is in. */
	library_close(&lib);
	if (dirs) {
		free(dirs);
		free(paths);
	}
}

/* An update of the catalogue (and for a search, its text index), run in a
 * thread of its own so that the main one can show its progress. */
struct indexing {
	struct catalog *c;
	const struct archive *a;
	const struct gazetteer *gaz;
	int text;                  /* the text index too */
	struct catalog_progress p;
	struct error err;
	int rc;
	atomic_int phase, finished;
};

static int index_work(struct indexing *x, struct catalog_progress *p)
{
	int rc = catalog_update(x->c, x->a, x->gaz, p, &x->err);

	if (rc == 0 && x->text) {
		atomic_store(&x->phase, 1);
		rc = catalog_index(x->c, p, &x->err);
	}
	return rc;
}

static void *index_thread(void *arg)
{
	struct indexing *x = arg;

	x->rc = index_work(x, &x->p);
	atomic_store(&x->finished, 1);
	return NULL;
}

/* Bring c up to date for a; the progress on stderr when it is a terminal. */
static int update_catalog(struct catalog *c, const struct archive *a, const struct gazetteer *gaz,
			  int text, struct error *err)
{
	struct indexing x;
	pthread_t t;
	int shown = 0;

	memset(&x, 0, sizeof x);
	x.c = c;
	x.a = a;
	x.gaz = gaz;
	x.text = text;
	if (!isatty(STDERR_FILENO) || pthread_create(&t, NULL, index_thread, &x) != 0) {
		x.rc = index_work(&x, NULL);
		*err = x.err;
		return x.rc;
	}
	while (!atomic_load(&x.finished)) {
		struct timespec ts = { 0, 100000000L };

		nanosleep(&ts, NULL);
		if (atomic_load(&x.finished))
			break;
		fputs("\rreader: ", stderr);
		fprintf(stderr, atomic_load(&x.phase) ? _("indexing the text: %zu of %zu articles")
						      : _("indexing: %zu of %zu files"),
			atomic_load(&x.p.done), atomic_load(&x.p.total));
		fputs("\033[K", stderr);
		fflush(stderr);
		shown = 1;
	}
	pthread_join(t, NULL);
	if (shown)
		fputs("\r\033[K", stderr);
	*err = x.err;
	return x.rc;
}

/* The catalogue at its place; when it cannot be kept there, one in memory
 * (the same answers, found by reading every file), said once. */
static struct catalog *open_catalog(void)
{
	char *path = catalog_default_path();
	struct error err;
	struct catalog *c = path ? catalog_open(path, NULL, &err) : NULL;

	if (!c) {
		if (path) {
			char why[sizeof err.reason];

			snprintf(why, sizeof why, "%s", err.reason);
			error_set(&err, path, 0, 0, _("%s; going on without an index"), why);
		} else {
			error_set(&err, "reader", 0, 0, "%s",
				  _("no home directory for the index; going on without one"));
		}
		error_print(&err, stderr);
		c = catalog_open(NULL, NULL, &err);
		if (!c) {
			error_print(&err, stderr);
			exit(1);
		}
	}
	free(path);
	return c;
}

/* Does the command line name an archive (a directory, or several files)
 * rather than one edition? */
static int names_archive(const struct cli *c)
{
	struct stat st;

	if (c->mode == MODE_SEARCH || c->nfiles > 1)
		return 1;
	return c->nfiles == 1 && stat(c->files[0], &st) == 0 && S_ISDIR(st.st_mode);
}

/* The hits of --search as TSV: the edition, its date, the article, the
 * source line and the matching paragraph or item. */
static void print_hits(const struct archive *a, const struct catalog_story *v, size_t n)
{
	fputs("edition\tdate\tarticle\tline\ttext\n", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct archive_entry *e = &a->v[v[i].edition];

		escape_fput(stdout, e->path, strlen(e->path), ESCAPE_FIELD);
		printf("\t%s\t%zu\t%zu\t", e->date, v[i].article, v[i].line);
		if (v[i].text)
			escape_fput(stdout, v[i].text, strlen(v[i].text), ESCAPE_FIELD);
		fputc('\n', stdout);
	}
}

/* The files and directories named, as an archive: scanned, brought into
 * the catalogue, ordered; then searched (--search) or each edition
 * printed in order. Files that are not editions are reported one a line
 * and counted at the end, and make the status 1. */
static void run_archive(struct run *r)
{
	struct archive a;
	struct catalog *cat;
	struct error err;

	memset(&a, 0, sizeof a);
	if (archive_scan(&a, r->c->files, (size_t)r->c->nfiles, &err) < 0) {
		error_print(&err, stderr);
		r->status = 1;
	}
	cat = open_catalog();
	/* The editions below these paths whose files are gone leave the
	 * catalogue (it would only grow otherwise). */
	if (catalog_forget_gone(cat, r->c->files, (size_t)r->c->nfiles, &err) < 0)
		error_print(&err, stderr);
	if (update_catalog(cat, &a, r->gaz, r->c->mode == MODE_SEARCH, &err) < 0) {
		/* Not all could be stored (a full disk, say): the output is
		 * still complete, from a catalogue in memory, and the status
		 * says something went wrong. */
		error_print(&err, stderr);
		r->status = 1;
		catalog_close(cat);
		cat = catalog_open(NULL, NULL, &err);
		if (!cat || update_catalog(cat, &a, r->gaz, 0, &err) < 0) {
			error_print(&err, stderr);
			exit(1);
		}
	}
	catalog_fill(cat, &a);
	for (size_t i = 0; i < a.nskipped; i++) {
		error_set(&err, a.skipped[i].path, 0, 0, "%s", a.skipped[i].why);
		error_print(&err, stderr);
		r->status = 1;
	}
	if (!a.n && !a.nskipped && !r->status) {
		/* An empty directory: nothing to print is bad input too. */
		error_set(&err, r->c->nfiles == 1 ? r->c->files[0] : "reader", 0, 0, "%s",
			  _("no editions found"));
		error_print(&err, stderr);
		r->status = 1;
	}
	json_init(&r->j, stdout);
	r->array = 1;
	if (r->c->mode == MODE_SEARCH) {
		struct catalog_story *v;
		size_t n;

		if (catalog_search(cat, r->c->search, 0, &v, &n, &err) < 0) {
			error_print(&err, stderr);
			r->status = 1;
		} else {
			print_hits(&a, v, n);
			catalog_stories_free(v, n);
		}
	} else {
		for (size_t i = 0; i < a.n; i++)
			show_file(r, a.v[i].path);
		if (r->c->mode == MODE_JSON) {
			/* No edition: still one document, the empty array. */
			if (!r->written)
				json_array_begin(&r->j);
			json_array_end(&r->j);
		}
	}
	if (a.nskipped) {
		fflush(stdout);
		fputs("reader: ", stderr);
		fprintf(stderr, ngettext("%zu file is not an edition\n", "%zu files are not editions\n",
					 a.nskipped), a.nskipped);
	}
	catalog_close(cat);
	archive_free(&a);
}

/* Everything past the options measures text: a UTF-8 locale or nothing. */
static void need_utf8(void)
{
	if (width_init() < 0)
		die(1, "%s", _("the locale is not UTF-8 and C.UTF-8 is not available: "
			       "set LANG to a UTF-8 locale"));
}

/* --lint's files: each named file, and the files below each named
 * directory in name order (archive_scan: links followed, each directory
 * and file once); what the scan skips, and a named path that cannot be
 * read, reported on stderr and counted. A named pipe or device (- is
 * /dev/stdin) is read as it is. */
static int lint_paths(struct lint_run *lr, const char *const *paths, size_t n)
{
	struct archive a = {0};
	const char **files = NULL;
	unsigned char *named = NULL;
	size_t nfiles = 0, skipped = 0;
	int status;

	for (size_t i = 0; i < n; i++) {
		struct error err;
		struct stat st;
		size_t from = a.n;

		if (stat(paths[i], &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
			files = xreallocarray(files, nfiles + 1, sizeof *files);
			named = xreallocarray(named, nfiles + 1, 1);
			files[nfiles] = paths[i];
			named[nfiles++] = 1;
			continue;
		}
		if (archive_scan(&a, &paths[i], 1, &err) < 0) {
			error_print(&err, stderr);
			lr->failed = 1;
		}
		files = xreallocarray(files, nfiles + (a.n - from) + 1, sizeof *files);
		named = xreallocarray(named, nfiles + (a.n - from) + 1, 1);
		for (size_t k = from; k < a.n; k++) {
			files[nfiles] = a.v[k].path;
			named[nfiles++] = !strcmp(a.v[k].path, paths[i]);
		}
		for (; skipped < a.nskipped; skipped++) {
			error_set(&err, a.skipped[skipped].path, 0, 0, "%s", a.skipped[skipped].why);
			error_print(&err, stderr);
			if (!strcmp(a.skipped[skipped].path, paths[i]))
				lr->failed = 1;
		}
	}
	lr->skipped = a.nskipped;
	status = lintout_run(lr, files, named, nfiles);
	free(files);
	free(named);
	archive_free(&a);
	return status;
}

/* --lint: proofread the files and directories named. */
static int run_lint(const struct cli *c, const struct options *opts)
{
	struct lint_run lr;
	const char *bad;
	size_t badlen;
	int level = c->level ? lintout_level(c->level) : LEVEL_NOTE;

	memset(&lr, 0, sizeof lr);
	if (level < 0)
		usage_error(N_("invalid level '%s': give note, warning or error"), c->level);
	if (opts->lint_off && lint_parse_off(&lr.opts, opts->lint_off, &bad, &badlen) < 0) {
		fprintf(stderr, _("reader: %s: [lint] off: no such kind of finding '%.*s'\n"),
			opts->source ? opts->source : "reader.ini", (int)badlen, bad);
		return 2;
	}
	need_utf8();
	if (c->nfiles == 0)
		usage_error(N_("%s needs files or directories to proofread"), "--lint");
	lr.min = (enum finding_level)level;
	lr.json = c->mode == MODE_JSON;
	return lint_paths(&lr, c->files, (size_t)c->nfiles);
}

int main(int argc, char **argv)
{
	struct cli c = { MODE_NONE, 0, NULL, 0, NULL, NULL, NULL, 0 };
	struct options opts;
	struct run r = { &c, &opts, {0}, NULL, {0}, 0, 0, 0 };
	char *bundled = NULL;

	setlocale(LC_ALL, "");
	i18n_init();
	parse_args(argc, argv, &c);
	load_settings(&c, &opts);
	if (c.lint) {
		r.status = run_lint(&c, &opts);
		options_free(&opts);
		flush_stdout();
		return r.status;
	}
	if (c.mode == MODE_BOOKMARKS) {
		r.status = print_bookmarks(&opts, c.nfiles ? c.files[0] : NULL);
		options_free(&opts);
		return r.status;
	}
	need_utf8();
	r.lo = layout_for(&c, &opts);
	if (c.width)  /* the full-screen view: the widest text */
		opts.width = (int)c.width;
	if (wants_archive(&c, &opts)) {
		read_archive(&r, c.files, c.nfiles);
		gazetteer_free(r.gaz);
		options_free(&opts);
		if (r.status > 128) {
			signal(r.status - 128, SIG_DFL);
			raise(r.status - 128);
		}
		return r.status;
	}
	if (c.nfiles == 0) {
		bundled = paths_data(PATHS_DEFAULT_EDITION);
		if (!bundled)
			die(1, _("the bundled edition %s is not installed"), PATHS_DEFAULT_EDITION);
		c.files = (const char **)&bundled;
		c.nfiles = 1;
	}
	/* The dump shows no places; the full-screen view reads them after
	 * its first screen. */
	if (c.mode != MODE_TUI && names_archive(&c)) {
		/* The catalogue keeps the places, whatever this mode shows. */
		r.gaz = load_gazetteer();
		run_archive(&r);
	} else {
		r.gaz = c.mode == MODE_DUMP || c.mode == MODE_TUI ? NULL : load_gazetteer();
		run_files(&r, c.files, c.nfiles);
	}
	gazetteer_free(r.gaz);
	free(bundled);
	options_free(&opts);
	flush_stdout();
	if (r.status > 128) {
		/* The reader was ended by a signal: end the same way, now that
		 * the terminal is restored and the position saved. */
		signal(r.status - 128, SIG_DFL);
		raise(r.status - 128);
	}
	return r.status;
}
