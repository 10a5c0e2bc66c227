/*
 * record: reading, checking and rewriting record files, and the one
 * lock-load-change-write cycle. See record.h for the format.
 *
 * A good record's fields live in one allocation: field[0] starts it and
 * the other fields point into it, so a record is freed with two calls.
 * Every change is applied, under the lock, to a fresh load of the file,
 * never to the caller's possibly stale copy, so that concurrent processes
 * only ever add to each other's work.
 */
#include "record.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "file.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

#define WHY_SIZE 256

/* ---- Splitting ---------------------------------------------------------- */

/*
 * The next line of data[*pos..len) by the program's one line rule
 * (text_next_line: LF, CRLF or CR ends a line): its text without its end,
 * and the end as one of the static strings "\n", "\r\n", "\r" (a last
 * line without an end gets "\n", which is what writing it back adds), so
 * that a rewrite keeps every line's own end. 0 at the end.
 */
static int next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *n,
		     const char **eol)
{
	size_t next, end;

	if (*pos >= len)
		return 0;
	*line = data + *pos;
	next = text_next_line(data, len, *pos, n);
	end = *pos + *n;
	*eol = next - end == 2 ? "\r\n" : end < len && data[end] == '\r' ? "\r" : "\n";
	*pos = next;
	return 1;
}

/* Split line (modified in place) at tabs into at most max fields. Returns
 * the number of fields the line has, which may be more than max. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	for (char *p = line;; p++) {
		if (n < max)
			f[n] = p;
		n++;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p = '\0';
	}
	return n;
}

/* The version a header line "# reader NAME N" names, or 0 when the line
 * is not such a header. */
static long header_version(const char *line, size_t n, const char *name)
{
	char prefix[64];
	size_t p = (size_t)snprintf(prefix, sizeof prefix, "# reader %s ", name);
	long v = 0;

	if (n <= p || memcmp(line, prefix, p) != 0)
		return 0;
	for (; p < n && isdigit((unsigned char)line[p]) && v < 1000000; p++)
		v = v * 10 + (line[p] - '0');
	for (; p < n; p++)
		if (line[p] != ' ')
			return 0;
	return v;
}

static int is_blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return 0;
	return 1;
}

/* ---- Field forms ------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The two-digit number at s, which digits() has checked. */
static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int record_is_date(const char *s)
{
	return strlen(s) == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) &&
	       s[7] == '-' && digits(s + 8, 2) && two(s + 5) >= 1 && two(s + 5) <= 12 &&
	       two(s + 8) >= 1 && two(s + 8) <= 31;
}

int record_is_utc_time(const char *s)
{
	char date[11];

	if (strlen(s) != 20)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	return record_is_date(date) && s[10] == 'T' && digits(s + 11, 2) && s[13] == ':' &&
	       digits(s + 14, 2) && s[16] == ':' && digits(s + 17, 2) && s[19] == 'Z' &&
	       two(s + 11) <= 23 && two(s + 14) <= 59 && two(s + 17) <= 60;
}

int record_is_id(const char *s)
{
	size_t i = 0;

	for (; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return i == 16;
}

int record_parse_num(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || !digits(s, strlen(s)))
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > SIZE_MAX)
		return 0;
	*out = (size_t)v;
	return 1;
}

void record_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}

/* ---- Records ------------------------------------------------------------ */

/* n strings copied into one allocation, as a good record holds them. */
static char **fields_dup(const char *const *field, size_t n)
{
	char **f = xcalloc(n, sizeof *f);
	size_t total = 0, at = 0;
	char *buf;

	for (size_t i = 0; i < n; i++)
		total += strlen(field[i]) + 1;
	buf = xmalloc(total);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(field[i]) + 1;

		f[i] = memcpy(buf + at, field[i], l);
		at += l;
	}
	return f;
}

static void fields_free(char **field)
{
	if (field)
		free(field[0]);
	free(field);
}

/* Append a line of kind with a copy of raw (NULL: none) to rf. */
static struct record *push(struct record_file *rf, enum record_kind kind, const char *raw,
			   size_t n, const char *eol)
{
	struct record *r;

	XGROW(rf->v, rf->cap, rf->n + 1);
	r = &rf->v[rf->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->eol = eol;
	if (raw) {
		r->raw = xstrndup(raw, n);
		r->rawlen = n;
	}
	return r;
}

/* Split and check a data line: NULL with *out set to its fields (as
 * fields_dup makes them), or why it is bad. */
static const char *parse_data(const struct record_format *fmt, const char *line, size_t n,
			      char ***out, char *why, size_t size)
{
	char *copy, **f;
	const char *bad = NULL;
	size_t nf;

	if (memchr(line, '\0', n)) {
		snprintf(why, size, "%s", _("contains a NUL byte"));
		return why;
	}
	copy = xstrndup(line, n);
	f = xcalloc(fmt->nfields, sizeof *f);
	nf = split_tabs(copy, f, fmt->nfields);
	if (nf != fmt->nfields) {
		snprintf(why, size, ngettext("expected %zu tab-separated field, found %zu",
					      "expected %zu tab-separated fields, found %zu",
					      fmt->nfields),
			 fmt->nfields, nf);
		bad = why;
	} else {
		for (size_t i = 0; i < nf; i++)
			escape_undo(f[i], strlen(f[i]));
		bad = fmt->check(f, why, size);
	}
	if (bad) {
		free(copy);
		free(f);
		return bad;
	}
	*out = f;  /* f[0] == copy: split_tabs starts there, escape_undo keeps it */
	return NULL;
}

/* Fill rf (initialised, empty) from the text of its file. Returns 0, or -1
 * with err filled when the text names a later format version. */
static int parse_text(struct record_file *rf, const char *data, size_t len, struct error *err)
{
	const char *line, *eol;
	size_t n, pos = 0, lineno = 0;
	char why[WHY_SIZE];
	long v = 0;

	while (next_line(data, len, &pos, &line, &n, &eol)) {
		char **f = NULL;

		if (++lineno == 1 && !(v = header_version(line, n, rf->fmt->name)))
			rf->foreign = 1;
		if (lineno == 1 && v > rf->fmt->version) {
			error_set(err, rf->path, 1, 0, _("%s format version %ld is newer than this "
				    "reader's (%d); not touching it"), rf->fmt->name, v, rf->fmt->version);
			return -1;
		}
		if (is_blank(line, n) || line[0] == '#') {
			push(rf, RECORD_COMMENT, line, n, eol);
		} else if (parse_data(rf->fmt, line, n, &f, why, sizeof why)) {
			push(rf, RECORD_BAD, line, n, eol);
			findings_add(&rf->warnings, FK_RECORD_LINE, rf->path, lineno, 0, "%s", why);
		} else {
			push(rf, RECORD_GOOD, line, n, eol)->field = f;
		}
	}
	return 0;
}

void record_init(struct record_file *rf, const struct record_format *fmt, const char *path)
{
	memset(rf, 0, sizeof *rf);
	rf->fmt = fmt;
	rf->path = xstrdup(path);
}

void record_free(struct record_file *rf)
{
	for (size_t i = 0; i < rf->n; i++) {
		free(rf->v[i].raw);
		fields_free(rf->v[i].field);
	}
	free(rf->v);
	free(rf->path);
	findings_free(&rf->warnings);
	memset(rf, 0, sizeof *rf);
}

/* Empty rf, keeping its format and path. */
static void record_clear(struct record_file *rf)
{
	const struct record_format *fmt = rf->fmt;
	char *path = rf->path;

	rf->path = NULL;
	record_free(rf);
	rf->fmt = fmt;
	rf->path = path;
}

int record_load(struct record_file *rf, const struct record_format *fmt, const char *path,
		struct error *err)
{
	struct file_buf fb;
	int rc;

	record_init(rf, fmt, path);
	rc = file_read(path, RECORD_MAX_BYTES, FILE_MISSING_OK, NULL, &fb, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && parse_text(rf, fb.data, fb.len, err) < 0) {
		record_clear(rf);
		rc = -1;
	}
	file_free(&fb);
	return rc < 0 ? -1 : 0;
}

/* ---- Changing ----------------------------------------------------------- */

void record_put_fields(struct sbuf *o, const char *const *field, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(o, '\t');
		escape_put(o, field[i], strlen(field[i]), ESCAPE_FIELD);
	}
}

/* The file's text for rf: raw lines as they were, the others written. */
static void format_text(const struct record_file *rf, struct sbuf *o)
{
	for (size_t i = 0; i < rf->n; i++) {
		const struct record *r = &rf->v[i];

		if (r->raw)
			sbuf_add(o, r->raw, r->rawlen);
		else
			record_put_fields(o, (const char *const *)r->field, rf->fmt->nfields);
		sbuf_add(o, r->eol, strlen(r->eol));
	}
	if (!o->s)
		sbuf_add(o, "", 0);
}

void record_append(struct record_file *rf, const char *const *field)
{
	if (rf->n == 0) {
		char *head = xasprintf("# reader %s %d", rf->fmt->name, rf->fmt->version);
		char *cols = xasprintf("# %s", rf->fmt->columns);

		push(rf, RECORD_COMMENT, head, strlen(head), "\n");
		push(rf, RECORD_COMMENT, cols, strlen(cols), "\n");
		free(head);
		free(cols);
	}
	push(rf, RECORD_GOOD, NULL, 0, "\n")->field = fields_dup(field, rf->fmt->nfields);
}

void record_set(struct record_file *rf, size_t i, const char *const *field)
{
	struct record *r = &rf->v[i];
	char **old = r->field;  /* field may point into it */

	r->field = fields_dup(field, rf->fmt->nfields);
	fields_free(old);
	r->kind = RECORD_GOOD;
	free(r->raw);  /* written anew from the fields */
	r->raw = NULL;
	r->rawlen = 0;
}

void record_remove(struct record_file *rf, size_t i)
{
	free(rf->v[i].raw);
	fields_free(rf->v[i].field);
	memmove(rf->v + i, rf->v + i + 1, (rf->n - i - 1) * sizeof *rf->v);
	rf->n--;
}

/* Make err name path, the file the caller knows, keeping what failed
 * (the directory, the lock file) in the reason. */
static void name_file(struct error *err, const char *path)
{
	struct error inner;

	if (!err || strcmp(err->file, path) == 0)
		return;
	inner = *err;
	error_set(err, path, 0, 0, "%s: %s", inner.file, inner.reason);
}

/* Write disk, changed, to its file and make rf the file as written. */
static int write_back(struct record_file *rf, const struct record_file *disk, struct error *err)
{
	struct record_file fresh;
	struct sbuf text = {0};
	int rc;

	format_text(disk, &text);
	rc = store_write(disk->path, text.s, text.len, err);
	if (rc == 0) {
		record_init(&fresh, disk->fmt, disk->path);
		parse_text(&fresh, text.s, text.len, NULL);
		record_free(rf);
		*rf = fresh;
	}
	sbuf_free(&text);
	return rc;
}

int record_change(struct record_file *rf, record_change_fn change, const void *arg,
		  struct error *err)
{
	struct record_file disk = {0};
	char *dir;
	int fd = -1, rc = -1;

	if (!rf->path || !rf->fmt) {  /* a file that never went through record_init */
		error_set(err, "", 0, 0, _("no %s file to change"), rf->fmt ? rf->fmt->name : "record");
		return -1;
	}
	dir = store_dirname(rf->path);
	if (store_mkdirs(dir, err) < 0 || (fd = store_lock(rf->path, err)) < 0 ||
	    record_load(&disk, rf->fmt, rf->path, err) < 0)
		goto out;
	if (disk.foreign) {
		/* A file that is not ours (a link to another file, a typo in
		 * the settings) is never rewritten. */
		error_set(err, rf->path, 1, 0,
			  _("not a reader %s file (its first line is not \"# reader %s %d\"); "
			    "not touching it"), rf->fmt->name, rf->fmt->name, rf->fmt->version);
		goto out;
	}
	rc = change(&disk, arg);
	if (rc > 0 && write_back(rf, &disk, err) < 0) {
		rc = -1;
	} else if (rc == 0) {
		record_free(rf);
		*rf = disk;
		memset(&disk, 0, sizeof disk);
	}
out:
	store_unlock(fd);
	if (rc < 0)
		name_file(err, rf->path);
	record_free(&disk);
	free(dir);
	return rc;
}
