/*
 * bookmarks: parsing, checking and rewriting the bookmark and position
 * files. See bookmarks.h for the formats.
 *
 * What always holds: a store's entries are the file's lines in order, and
 * writing a store back gives every line it read byte for byte (comments,
 * bad lines and untouched bookmarks keep their raw text), except the
 * bookmarks a call removed or changed. A line is BM_GOOD exactly when it
 * passes the same checks bm_add() applies to a new bookmark, so whatever the
 * program writes loads back as good. Every change is applied, under the
 * lock, to a fresh load of the file, never to the caller's possibly stale
 * copy, so concurrent processes only ever add to each other's work.
 */
#include "bookmarks.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "text.h"
#include "util.h"

#define BM_FIELDS 9
#define POS_FIELDS 5
#define BM_COLUMNS "edition_id\tedition_path\tedition_date\tarticle\theadline\tlocality\toffset\tcreated\tnote"
#define POS_COLUMNS "edition_id\tedition_path\tarticle\toffset\tupdated"
#define WHY_SIZE 256

/* ---- Reading and splitting ---------------------------------------------- */

/* Read the whole file into b. Returns 1, 0 when it does not exist, or -1
 * with err filled. */
static int read_whole(const char *path, struct sbuf *b, struct error *err)
{
	char chunk[65536];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		error_set(err, path, 0, 0, "is a directory");
		return -1;
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
			close(fd);
			sbuf_free(b);
			return -1;
		}
		if (n == 0)
			break;
		sbuf_add(b, chunk, (size_t)n);
	}
	close(fd);
	if (!b->s)
		sbuf_add(b, "", 0);
	return 1;
}

/* The next line of data[*pos..len) without its newline; 0 at the end. A
 * last line without a newline is still a line. */
static int next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *n)
{
	const char *nl;

	if (*pos >= len)
		return 0;
	*line = data + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *n + 1;
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

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* Undo the file's escapes in place; an unknown escape stands for itself,
 * so a hand-typed backslash survives. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			char c = s[1];

			if (c == 't' || c == 'n' || c == 'r' || c == '\\') {
				*o++ = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\\';
				s++;
				continue;
			}
			if (c == 'x' && s[2] && s[3] && hexval(s[2]) >= 0 && hexval(s[3]) >= 0 &&
			    (hexval(s[2]) * 16 + hexval(s[3])) != 0) {
				*o++ = (char)(hexval(s[2]) * 16 + hexval(s[3]));
				s += 3;
				continue;
			}
		}
		*o++ = *s;
	}
	*o = '\0';
}

/* Append s escaped for a field: \t \n \r \\ as the format says, and the
 * bytes of every other character that must not reach a terminal raw (C0,
 * DEL, C1, bidirectional controls) as \xHH, so that neither the file nor
 * --bookmarks ever holds an escape sequence. */
static void put_escaped(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l;

		switch (s[i]) {
		case '\t': sbuf_add(b, "\\t", 2); i++; continue;
		case '\n': sbuf_add(b, "\\n", 2); i++; continue;
		case '\r': sbuf_add(b, "\\r", 2); i++; continue;
		case '\\': sbuf_add(b, "\\\\", 2); i++; continue;
		}
		l = text_unsafe(s + i, n - i, &cp);
		if (!l) {
			sbuf_addc(b, s[i++]);
			continue;
		}
		for (size_t k = 0; k < l; k++)
			sbuf_addf(b, "\\x%02x", (unsigned char)s[i + k]);
		i += l;
	}
}

/* The version a header line "# reader KIND N" names, or 0 when the line
 * is not such a header. */
static long header_version(const char *line, size_t n, const char *kind)
{
	char prefix[64];
	size_t p = (size_t)snprintf(prefix, sizeof prefix, "# reader %s ", kind);
	long v = 0;

	if (n <= p || memcmp(line, prefix, p) != 0)
		return 0;
	for (; p < n && isdigit((unsigned char)line[p]) && v < 1000000; p++)
		v = v * 10 + (line[p] - '0');
	for (; p < n; p++)
		if (line[p] != ' ' && line[p] != '\r')
			return 0;
	return v;
}

static int is_blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return 0;
	return 1;
}

/* ---- Checking fields ---------------------------------------------------- */

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

/* YYYY-MM-DD, with a month and day that could exist. */
static int is_date(const char *s)
{
	return strlen(s) == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) &&
	       s[7] == '-' && digits(s + 8, 2) && two(s + 5) >= 1 && two(s + 5) <= 12 &&
	       two(s + 8) >= 1 && two(s + 8) <= 31;
}

/* YYYY-MM-DDTHH:MM:SSZ, the one form the program writes. */
static int is_utc_time(const char *s)
{
	char date[11];

	if (strlen(s) != 20)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	return is_date(date) && s[10] == 'T' && digits(s + 11, 2) && s[13] == ':' &&
	       digits(s + 14, 2) && s[16] == ':' && digits(s + 17, 2) && s[19] == 'Z' &&
	       two(s + 11) <= 23 && two(s + 14) <= 59 && two(s + 17) <= 60;
}

static int is_id(const char *s)
{
	size_t i = 0;

	for (; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return i == 16;
}

/* A decimal number without sign or spaces that fits size_t. */
static int parse_num(const char *s, size_t *out)
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

/* The checks a bookmark must pass, on load and on add: NULL when it does,
 * else why not, written into why. */
static const char *check_bookmark(const struct bookmark *b, char *why, size_t size)
{
	if (!is_id(b->edition_id))
		snprintf(why, size, "edition id \"%.40s\" is not 16 hexadecimal digits", b->edition_id);
	else if (b->edition_path[0] != '/')
		snprintf(why, size, "edition path \"%.80s\" is not absolute", b->edition_path);
	else if (b->edition_date[0] && !is_date(b->edition_date))
		snprintf(why, size, "edition date \"%.40s\" is not YYYY-MM-DD", b->edition_date);
	else if (b->article < 1)
		snprintf(why, size, "article must be a number from 1");
	else if (!is_utc_time(b->created))
		snprintf(why, size, "created \"%.40s\" is not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)",
			 b->created);
	else
		return NULL;
	return why;
}

void bm_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}

/* ---- The bookmark store ------------------------------------------------- */

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

void bookmark_copy(struct bookmark *d, const struct bookmark *s)
{
	d->edition_id = dup_or_empty(s->edition_id);
	d->edition_path = dup_or_empty(s->edition_path);
	d->edition_date = dup_or_empty(s->edition_date);
	d->article = s->article;
	d->headline = dup_or_empty(s->headline);
	d->locality = dup_or_empty(s->locality);
	d->offset = s->offset;
	d->created = dup_or_empty(s->created);
	d->note = dup_or_empty(s->note);
}

void bookmark_free(struct bookmark *b)
{
	free(b->edition_id);
	free(b->edition_path);
	free(b->edition_date);
	free(b->headline);
	free(b->locality);
	free(b->created);
	free(b->note);
	memset(b, 0, sizeof *b);
}

/* Parse one bookmark line into b: NULL, or why it is bad (then b is
 * untouched). */
static const char *parse_bookmark(const char *line, size_t n, struct bookmark *b, char *why,
				  size_t size)
{
	struct bookmark t = {0};
	char *copy, *f[BM_FIELDS];
	const char *bad = NULL;
	size_t nf;

	if (memchr(line, '\0', n)) {
		snprintf(why, size, "contains a NUL byte");
		return why;
	}
	copy = xstrndup(line, n);
	if (n && copy[n - 1] == '\r')  /* a file edited with CRLF line ends */
		copy[n - 1] = '\0';
	nf = split_tabs(copy, f, BM_FIELDS);
	if (nf != BM_FIELDS) {
		snprintf(why, size, "expected %d tab-separated fields, found %zu", BM_FIELDS, nf);
		free(copy);
		return why;
	}
	for (int i = 0; i < BM_FIELDS; i++)
		unescape(f[i]);
	t.edition_id = f[0];
	t.edition_path = f[1];
	t.edition_date = f[2];
	t.headline = f[4];
	t.locality = f[5];
	t.created = f[7];
	t.note = f[8];
	/* The numbers first: check_bookmark() would blame article 0 for "x". */
	if (!parse_num(f[3], &t.article)) {
		snprintf(why, size, "article \"%.40s\" is not a number", f[3]);
		bad = why;
	} else if (!parse_num(f[6], &t.offset)) {
		snprintf(why, size, "offset \"%.40s\" is not a number", f[6]);
		bad = why;
	} else {
		bad = check_bookmark(&t, why, size);
	}
	if (!bad) {
		bookmark_copy(b, &t);
		text_ascii_lower(b->edition_id);
	}
	free(copy);
	return bad;
}

/* Append b as one line of the file, without the newline. */
static void put_bookmark(struct sbuf *o, const struct bookmark *b)
{
	put_escaped(o, b->edition_id);
	sbuf_addc(o, '\t');
	put_escaped(o, b->edition_path);
	sbuf_addc(o, '\t');
	put_escaped(o, b->edition_date);
	sbuf_addf(o, "\t%zu\t", b->article);
	put_escaped(o, b->headline);
	sbuf_addc(o, '\t');
	put_escaped(o, b->locality);
	sbuf_addf(o, "\t%zu\t", b->offset);
	put_escaped(o, b->created);
	sbuf_addc(o, '\t');
	put_escaped(o, b->note);
}

/* Append an entry of kind with a copy of raw (NULL: none) to s. */
static void push_entry(struct bm_store *s, enum bm_kind kind, const char *raw, size_t n)
{
	struct bm_entry *e;

	XGROW(s->v, s->cap, s->n + 1);
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	if (raw) {
		e->raw = xstrndup(raw, n);
		e->rawlen = n;
	}
}

void bm_free(struct bm_store *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].raw);
		bookmark_free(&s->v[i].b);
	}
	for (size_t i = 0; i < s->nwarnings; i++)
		free(s->warnings[i]);
	free(s->v);
	free(s->warnings);
	free(s->path);
	memset(s, 0, sizeof *s);
}

/* Fill s (zeroed) from the text of the file at path. Returns 0, or -1 with
 * err filled when the file names a later format version (s then empty). */
static int bm_parse(struct bm_store *s, const char *path, const char *data, size_t len,
		    struct error *err)
{
	const char *line;
	size_t n, pos = 0, lineno = 0;
	char why[WHY_SIZE];

	s->path = xstrdup(path);
	while (next_line(data, len, &pos, &line, &n)) {
		struct bookmark b = {0};

		if (++lineno == 1 && header_version(line, n, "bookmarks") > BM_VERSION) {
			error_set(err, path, 1, 0, "bookmarks format version %ld is newer than "
				  "this reader's (%d); not touching it",
				  header_version(line, n, "bookmarks"), BM_VERSION);
			bm_free(s);
			s->path = xstrdup(path);
			return -1;
		}
		if (is_blank(line, n) || line[0] == '#') {
			push_entry(s, BM_COMMENT, line, n);
		} else if (parse_bookmark(line, n, &b, why, sizeof why)) {
			push_entry(s, BM_BAD, line, n);
			XGROW(s->warnings, s->capwarnings, s->nwarnings + 1);
			s->warnings[s->nwarnings++] = xasprintf("%s:%zu: %s", path, lineno, why);
		} else {
			push_entry(s, BM_GOOD, line, n);
			s->v[s->n - 1].b = b;
		}
	}
	return 0;
}

int bm_load(struct bm_store *s, const char *path, struct error *err)
{
	struct sbuf text = {0};
	int r;

	memset(s, 0, sizeof *s);
	r = read_whole(path, &text, err);
	if (r <= 0) {
		s->path = xstrdup(path);
		return r;
	}
	r = bm_parse(s, path, text.s, text.len, err);
	sbuf_free(&text);
	return r;
}

/* The file's text for s: raw lines as they were, the others written. */
static void bm_format(const struct bm_store *s, struct sbuf *o)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct bm_entry *e = &s->v[i];

		if (e->raw)
			sbuf_add(o, e->raw, e->rawlen);
		else
			put_bookmark(o, &e->b);
		sbuf_addc(o, '\n');
	}
	if (!o->s)
		sbuf_add(o, "", 0);
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

/* One change to the file's current content: returns 1 when it changed
 * disk, 0 when there was nothing to do. */
typedef int (*bm_change)(struct bm_store *disk, const void *arg);

/* Apply change to the file as it is on disk, under its lock, write the
 * result and make s what was written. */
static int bm_mutate(struct bm_store *s, bm_change change, const void *arg, struct error *err)
{
	struct bm_store disk, fresh = {0};
	struct sbuf text = {0};
	char *dir = s->path ? store_dirname(s->path) : NULL;
	int fd = -1, rc = -1;

	memset(&disk, 0, sizeof disk);
	if (!s->path) {  /* a store that never went through bm_load */
		error_set(err, "", 0, 0, "no bookmark file to change");
		free(dir);
		return -1;
	}
	if (store_mkdirs(dir, err) < 0 || (fd = store_lock(s->path, err)) < 0)
		goto out;
	if (bm_load(&disk, s->path, err) < 0)
		goto out;
	rc = change(&disk, arg);
	if (rc > 0) {
		bm_format(&disk, &text);
		if (store_write(s->path, text.s, text.len, err) < 0) {
			rc = -1;
			goto out;
		}
		/* Reload from the very bytes written, so that line numbers in
		 * the warnings are the file's. */
		bm_parse(&fresh, s->path, text.s, text.len, NULL);
		bm_free(s);
		*s = fresh;
	} else {
		bm_free(s);
		*s = disk;
		memset(&disk, 0, sizeof disk);
	}
out:
	store_unlock(fd);
	if (rc < 0)
		name_file(err, s->path);
	bm_free(&disk);
	sbuf_free(&text);
	free(dir);
	return rc;
}

static int change_add(struct bm_store *d, const void *arg)
{
	if (d->n == 0) {
		char head[64];
		int n = snprintf(head, sizeof head, "# reader bookmarks %d", BM_VERSION);

		push_entry(d, BM_COMMENT, head, (size_t)n);
		push_entry(d, BM_COMMENT, "# " BM_COLUMNS, strlen("# " BM_COLUMNS));
	}
	push_entry(d, BM_GOOD, NULL, 0);
	bookmark_copy(&d->v[d->n - 1].b, arg);
	return 1;
}

int bm_add(struct bm_store *s, const struct bookmark *b, struct error *err)
{
	struct bookmark t;
	char now[32], why[WHY_SIZE];
	int rc;

	bookmark_copy(&t, b);
	if (!t.created[0]) {
		bm_now(now, sizeof now);
		free(t.created);
		t.created = xstrdup(now);
	}
	text_ascii_lower(t.edition_id);
	if (check_bookmark(&t, why, sizeof why)) {
		error_set(err, s->path ? s->path : "", 0, 0, "cannot add a bookmark: %s", why);
		bookmark_free(&t);
		return -1;
	}
	rc = bm_mutate(s, change_add, &t, err);
	bookmark_free(&t);
	return rc < 0 ? -1 : 0;
}

static int same_key(const struct bookmark *a, const struct bookmark *key)
{
	return a->article == key->article && a->offset == key->offset &&
	       strcasecmp(a->edition_id, key->edition_id ? key->edition_id : "") == 0 &&
	       strcmp(a->created, key->created ? key->created : "") == 0;
}

static struct bm_entry *find_key(struct bm_store *d, const struct bookmark *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == BM_GOOD && same_key(&d->v[i].b, key))
			return &d->v[i];
	return NULL;
}

static int change_remove(struct bm_store *d, const void *arg)
{
	struct bm_entry *e = find_key(d, arg);
	size_t i;

	if (!e)
		return 0;
	i = (size_t)(e - d->v);
	free(e->raw);
	bookmark_free(&e->b);
	memmove(e, e + 1, (d->n - i - 1) * sizeof *e);
	d->n--;
	return 1;
}

int bm_remove(struct bm_store *s, const struct bookmark *key, struct error *err)
{
	return bm_mutate(s, change_remove, key, err);
}

struct note_change {
	const struct bookmark *key;
	const char *note;
};

static int change_note(struct bm_store *d, const void *arg)
{
	const struct note_change *c = arg;
	struct bm_entry *e = find_key(d, c->key);

	if (!e)
		return 0;
	free(e->b.note);
	e->b.note = dup_or_empty(c->note);
	free(e->raw);  /* written anew from b */
	e->raw = NULL;
	e->rawlen = 0;
	return 1;
}

int bm_set_note(struct bm_store *s, const struct bookmark *key, const char *note,
		struct error *err)
{
	struct note_change c = {key, note};

	return bm_mutate(s, change_note, &c, err);
}

struct order {
	const char *created;
	size_t i;
};

static int newest_first(const void *pa, const void *pb)
{
	const struct order *a = pa, *b = pb;
	int c = strcmp(b->created, a->created);

	return c ? c : (a->i < b->i) - (a->i > b->i);
}

size_t bm_sorted(const struct bm_store *s, size_t *idx)
{
	struct order *o = xcalloc(s->n, sizeof *o);
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind == BM_GOOD)
			o[n++] = (struct order){s->v[i].b.created, i};
	qsort(o, n, sizeof *o, newest_first);
	for (size_t i = 0; i < n; i++)
		idx[i] = o[i].i;
	free(o);
	return n;
}

void bm_print_tsv(FILE *f, const struct bm_store *s)
{
	size_t *idx = xcalloc(s->n, sizeof *idx);
	size_t n = bm_sorted(s, idx);
	struct sbuf o = {0};

	sbuf_add(&o, BM_COLUMNS "\n", strlen(BM_COLUMNS) + 1);
	for (size_t i = 0; i < n; i++) {
		put_bookmark(&o, &s->v[idx[i]].b);
		sbuf_addc(&o, '\n');
	}
	fwrite(o.s, 1, o.len, f);
	sbuf_free(&o);
	free(idx);
}

/* ---- Reading positions -------------------------------------------------- */

/* A line of the position file: kept raw, and understood when good. */
struct pos_line {
	char *raw;
	size_t rawlen;
	int good;
	char id[17];
	char *path;
	size_t article, offset;
};

struct pos_file {
	struct pos_line *v;
	size_t n, cap;
	long version;
};

/* Understand one position line into l; 0 when it is not a valid one. */
static int parse_pos(const char *line, size_t n, struct pos_line *l)
{
	char *copy, *f[POS_FIELDS];
	int ok;

	if (memchr(line, '\0', n) || is_blank(line, n) || line[0] == '#')
		return 0;
	copy = xstrndup(line, n);
	if (n && copy[n - 1] == '\r')
		copy[n - 1] = '\0';
	ok = split_tabs(copy, f, POS_FIELDS) == POS_FIELDS;
	if (ok) {
		for (int i = 0; i < POS_FIELDS; i++)
			unescape(f[i]);
		ok = is_id(f[0]) && f[1][0] == '/' && parse_num(f[2], &l->article) &&
		     l->article >= 1 && parse_num(f[3], &l->offset) && is_utc_time(f[4]);
	}
	if (ok) {
		memcpy(l->id, f[0], 17);
		text_ascii_lower(l->id);
		l->path = xstrdup(f[1]);
	}
	free(copy);
	return ok;
}

static void pos_push(struct pos_file *p, const char *raw, size_t n)
{
	struct pos_line *l;

	XGROW(p->v, p->cap, p->n + 1);
	l = &p->v[p->n++];
	memset(l, 0, sizeof *l);
	l->raw = xstrndup(raw, n);
	l->rawlen = n;
}

/* Split the position file's text into lines, understanding the good
 * ones and noting the header's version. */
static void pos_parse(struct pos_file *p, const char *data, size_t len)
{
	const char *line;
	size_t n, pos = 0;

	while (next_line(data, len, &pos, &line, &n)) {
		if (p->n == 0)
			p->version = header_version(line, n, "positions");
		pos_push(p, line, n);
		p->v[p->n - 1].good = parse_pos(line, n, &p->v[p->n - 1]);
	}
}

static void pos_free(struct pos_file *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].raw);
		free(p->v[i].path);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

static struct pos_line *pos_find(struct pos_file *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].good && strcasecmp(p->v[i].id, id) == 0)
			return &p->v[i];
	return NULL;
}

int pos_get(const char *path, const char *edition_id, size_t *article, size_t *offset)
{
	struct sbuf text = {0};
	struct pos_file p = {0};
	struct pos_line *l;
	int found = 0;

	if (read_whole(path, &text, NULL) <= 0)
		return 0;
	pos_parse(&p, text.s, text.len);
	if (p.version <= POS_VERSION && (l = pos_find(&p, edition_id))) {
		*article = l->article;
		*offset = l->offset;
		found = 1;
	}
	pos_free(&p);
	sbuf_free(&text);
	return found;
}

/* Replace the raw text of l with s. */
static void pos_set_raw(struct pos_line *l, char *s)
{
	free(l->raw);
	l->raw = s;
	l->rawlen = strlen(s);
}

int pos_set(const char *path, const char *edition_id, const char *edition_path,
	    size_t article, size_t offset, struct error *err)
{
	struct sbuf text = {0}, line = {0}, out = {0};
	struct pos_file p = {0};
	struct pos_line *l;
	char *dir = store_dirname(path), now[32], id[17];
	int fd = -1, rc = -1;

	if (!is_id(edition_id) || edition_path[0] != '/' || article < 1) {
		error_set(err, path, 0, 0, "cannot record a position: %s",
			  !is_id(edition_id) ? "the edition id is not 16 hexadecimal digits" :
			  edition_path[0] != '/' ? "the edition path is not absolute" :
			  "article must be a number from 1");
		free(dir);
		return -1;
	}
	if (store_mkdirs(dir, err) < 0 || (fd = store_lock(path, err)) < 0 ||
	    read_whole(path, &text, err) < 0)
		goto out;
	pos_parse(&p, text.s ? text.s : "", text.len);
	if (p.version > POS_VERSION) {
		error_set(err, path, 1, 0, "positions format version %ld is newer than this "
			  "reader's (%d); not touching it", p.version, POS_VERSION);
		goto out;
	}
	l = pos_find(&p, edition_id);
	if (l && l->article == article && l->offset == offset && !strcmp(l->path, edition_path)) {
		rc = 0;  /* already there: spare the disk */
		goto out;
	}
	bm_now(now, sizeof now);
	memcpy(id, edition_id, sizeof id);
	text_ascii_lower(id);
	sbuf_addf(&line, "%s\t", id);
	put_escaped(&line, edition_path);
	sbuf_addf(&line, "\t%zu\t%zu\t%s", article, offset, now);
	if (l) {
		pos_set_raw(l, sbuf_take(&line));
	} else {
		if (p.n == 0) {
			char *head = xasprintf("# reader positions %d", POS_VERSION);

			pos_push(&p, head, strlen(head));
			free(head);
			pos_push(&p, "# " POS_COLUMNS, strlen("# " POS_COLUMNS));
		}
		pos_push(&p, line.s, line.len);
	}
	for (size_t i = 0; i < p.n; i++) {
		/* Only one line per edition: drop any later duplicates. */
		if (p.v[i].good && &p.v[i] != l && l && strcasecmp(p.v[i].id, edition_id) == 0)
			continue;
		sbuf_add(&out, p.v[i].raw, p.v[i].rawlen);
		sbuf_addc(&out, '\n');
	}
	rc = store_write(path, out.s, out.len, err);
out:
	store_unlock(fd);
	if (rc < 0)
		name_file(err, path);
	pos_free(&p);
	sbuf_free(&text);
	sbuf_free(&line);
	sbuf_free(&out);
	free(dir);
	return rc;
}
