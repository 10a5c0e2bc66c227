/*
 * bookmarks: the bookmark file on top of record.h. See bookmarks.h for
 * the format.
 *
 * What always holds: s->v has one entry per line of s->file, in order, and
 * a line is BM_GOOD exactly when it passes the same checks bm_add()
 * applies to a new bookmark, so whatever the program writes loads back as
 * good. The entries borrow their strings from s->file; every load and
 * change rebuilds them (bm_view).
 */
#include "bookmarks.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

#define BM_FIELDS 9
#define BM_COLUMNS "edition_id\tedition_path\tedition_date\tarticle\theadline\tlocality\toffset\tcreated\tnote"
#define WHY_SIZE 256

enum { F_ID, F_PATH, F_DATE, F_ARTICLE, F_HEADLINE, F_LOCALITY, F_OFFSET, F_CREATED, F_NOTE };

/* The checks a bookmark must pass, on load and on add: NULL when it does,
 * else why not, written into why. */
static const char *check_bookmark(const struct bookmark *b, char *why, size_t size)
{
	if (!record_is_id(b->edition_id))
		snprintf(why, size, _("edition id \"%.40s\" is not 16 hexadecimal digits"), b->edition_id);
	else if (b->edition_path[0] != '/')
		snprintf(why, size, _("edition path \"%.80s\" is not absolute"), b->edition_path);
	else if (b->edition_date[0] && !record_is_date(b->edition_date))
		snprintf(why, size, _("edition date \"%.40s\" is not YYYY-MM-DD"), b->edition_date);
	else if (b->article < 1)
		snprintf(why, size, "%s", _("article must be a number from 1"));
	else if (!record_is_utc_time(b->created))
		snprintf(why, size, _("created \"%.40s\" is not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)"),
			 b->created);
	else
		return NULL;
	return why;
}

/* The bookmark the fields of a line spell, its strings borrowed from
 * them; the numbers are 0 when they do not parse. */
static struct bookmark from_fields(char **f)
{
	struct bookmark b = {
		.edition_id = f[F_ID], .edition_path = f[F_PATH], .edition_date = f[F_DATE],
		.headline = f[F_HEADLINE], .locality = f[F_LOCALITY],
		.created = f[F_CREATED], .note = f[F_NOTE],
	};

	if (!record_parse_num(f[F_ARTICLE], &b.article))
		b.article = 0;
	if (!record_parse_num(f[F_OFFSET], &b.offset))
		b.offset = 0;
	return b;
}

/* The fields of a line for b; num holds the numbers' text. */
static void to_fields(const struct bookmark *b, char num[2][24], const char *f[BM_FIELDS])
{
	snprintf(num[0], sizeof num[0], "%zu", b->article);
	snprintf(num[1], sizeof num[1], "%zu", b->offset);
	f[F_ID] = b->edition_id;
	f[F_PATH] = b->edition_path;
	f[F_DATE] = b->edition_date;
	f[F_ARTICLE] = num[0];
	f[F_HEADLINE] = b->headline;
	f[F_LOCALITY] = b->locality;
	f[F_OFFSET] = num[1];
	f[F_CREATED] = b->created;
	f[F_NOTE] = b->note;
}

/* The format's check: the numbers first (check_bookmark() would blame
 * article 0 for "x"), then the rest; the id is kept in lower case. */
static const char *check_fields(char **f, char *why, size_t size)
{
	struct bookmark b;
	size_t n;

	if (!record_parse_num(f[F_ARTICLE], &n)) {
		snprintf(why, size, _("article \"%.40s\" is not a number"), f[F_ARTICLE]);
		return why;
	}
	if (!record_parse_num(f[F_OFFSET], &n)) {
		snprintf(why, size, _("offset \"%.40s\" is not a number"), f[F_OFFSET]);
		return why;
	}
	text_ascii_lower(f[F_ID]);
	b = from_fields(f);
	return check_bookmark(&b, why, size);
}

static const struct record_format bm_format = {
	"bookmarks", BM_VERSION, BM_COLUMNS, BM_FIELDS, check_fields,
};

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

/* Rebuild the typed view of s->file. */
static void bm_view(struct bm_store *s)
{
	s->n = 0;
	XGROW(s->v, s->cap, s->file.n + 1);
	for (size_t i = 0; i < s->file.n; i++) {
		const struct record *r = &s->file.v[i];
		struct bm_entry *e = &s->v[s->n++];

		memset(e, 0, sizeof *e);
		e->kind = (enum bm_kind)r->kind;
		e->raw = r->raw;
		e->rawlen = r->rawlen;
		if (r->kind == RECORD_GOOD)
			e->b = from_fields(r->field);
	}
}

void bm_free(struct bm_store *s)
{
	record_free(&s->file);
	free(s->v);
	memset(s, 0, sizeof *s);
}

int bm_load(struct bm_store *s, const char *path, struct error *err)
{
	int rc;

	memset(s, 0, sizeof *s);
	rc = record_load(&s->file, &bm_format, path, err);
	bm_view(s);
	return rc;
}

/* A change to the file, and the view rebuilt whatever came of it. */
static int bm_change(struct bm_store *s, record_change_fn change, const void *arg,
		     struct error *err)
{
	int rc = record_change(&s->file, change, arg, err);

	bm_view(s);
	return rc;
}

static int change_add(struct record_file *d, const void *arg)
{
	const char *f[BM_FIELDS];
	char num[2][24];

	to_fields(arg, num, f);
	record_append(d, f);
	return 1;
}

int bm_add(struct bm_store *s, const struct bookmark *b, struct error *err)
{
	struct bookmark t;
	char now[32], why[WHY_SIZE];
	int rc;

	bookmark_copy(&t, b);
	if (!t.created[0]) {
		record_now(now, sizeof now);
		free(t.created);
		t.created = xstrdup(now);
	}
	text_ascii_lower(t.edition_id);
	if (check_bookmark(&t, why, sizeof why)) {
		error_set(err, s->file.path ? s->file.path : "", 0, 0, _("cannot add a bookmark: %s"),
			  why);
		bookmark_free(&t);
		return -1;
	}
	rc = bm_change(s, change_add, &t, err);
	bookmark_free(&t);
	return rc < 0 ? -1 : 0;
}

/* The index of the first good line of d with key's id, article, offset
 * and created, or d->n. */
static size_t find_key(const struct record_file *d, const struct bookmark *key)
{
	for (size_t i = 0; i < d->n; i++) {
		struct bookmark a;

		if (d->v[i].kind != RECORD_GOOD)
			continue;
		a = from_fields(d->v[i].field);
		if (a.article == key->article && a.offset == key->offset &&
		    strcasecmp(a.edition_id, key->edition_id ? key->edition_id : "") == 0 &&
		    strcmp(a.created, key->created ? key->created : "") == 0)
			return i;
	}
	return d->n;
}

static int change_remove(struct record_file *d, const void *arg)
{
	size_t i = find_key(d, arg);

	if (i == d->n)
		return 0;
	record_remove(d, i);
	return 1;
}

int bm_remove(struct bm_store *s, const struct bookmark *key, struct error *err)
{
	return bm_change(s, change_remove, key, err);
}

struct note_change {
	const struct bookmark *key;
	const char *note;
};

static int change_note(struct record_file *d, const void *arg)
{
	const struct note_change *c = arg;
	size_t i = find_key(d, c->key);
	const char *f[BM_FIELDS];
	struct bookmark b;
	char num[2][24];

	if (i == d->n)
		return 0;
	b = from_fields(d->v[i].field);
	to_fields(&b, num, f);
	f[F_NOTE] = c->note ? c->note : "";
	record_set(d, i, f);
	return 1;
}

int bm_set_note(struct bm_store *s, const struct bookmark *key, const char *note,
		struct error *err)
{
	struct note_change c = {key, note};

	return bm_change(s, change_note, &c, err);
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
		const char *fields[BM_FIELDS];
		char num[2][24];

		to_fields(&s->v[idx[i]].b, num, fields);
		record_put_fields(&o, fields, BM_FIELDS);
		sbuf_addc(&o, '\n');
	}
	fwrite(o.s, 1, o.len, f);
	sbuf_free(&o);
	free(idx);
}
