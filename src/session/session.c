/*
 * session: the reading session over an edition. See session.h.
 *
 * Owns the open edition's id and absolute path, which articles are
 * bookmarked, the bookmark store as last read, the order of the bookmarks
 * list and the search for a bookmarked edition that has moved. A store
 * that cannot be written costs the caller a message, never the session.
 */
#include "session.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "lint.h"
#include "locality.h"
#include "positions.h"
#include "proof.h"
#include "text.h"
#include "util.h"
#include "words.h"

/* A path made absolute, as the stores want it. */
static char *abs_path(const char *path)
{
	char *r = realpath(path, NULL);

	if (r) {
		char *x = xstrdup(r);

		free(r);
		return x;
	}
	return xstrdup(path);
}

/* Is b a bookmark of article `article` of the open edition? The stored
 * headline is a C string: a NUL in the edition's headline ends it, so the
 * two are compared up to there. */
static int names_article(const struct session *s, const struct bm_entry *e, size_t article)
{
	const struct bookmark *b = &e->b;
	const struct str *h = &s->ed->articles[article].headline;

	return e->kind == BM_GOOD && b->article == article + 1 && strcmp(b->edition_id, s->id) == 0 &&
	       text_equal_upto_nul(h->s, h->n, b->headline, strlen(b->headline));
}

/* Which articles are bookmarked: once per change of edition or store. */
static void mark_articles(struct session *s)
{
	size_t n = s->ed->narticles;

	free(s->marked);
	s->marked = xcalloc(n + 1, 1);
	for (size_t i = 0; i < s->bm.n; i++) {
		size_t a = s->bm.v[i].b.article;

		if (a >= 1 && a <= n && names_article(s, &s->bm.v[i], a - 1))
			s->marked[a - 1] = 1;
	}
}

/* The edition changed: its id and path, and the view over it. */
/* The file's size and modification time now; zeroes when it is gone. */
static void file_stamp(const char *path, struct session_stamp *st)
{
	struct stat sb;

	memset(st, 0, sizeof *st);
	if (path && stat(path, &sb) == 0) {
		st->size = (long long)sb.st_size;
		st->mtime_s = (long long)sb.st_mtim.tv_sec;
		st->mtime_ns = sb.st_mtim.tv_nsec;
		st->exists = 1;
	}
}

static void take_edition(struct session *s, int rows, int cols)
{
	int gutter = s->v.gutter;

	snprintf(s->id, sizeof s->id, "%s", edition_id(s->ed));
	free(s->path);
	s->path = abs_path(s->ed->path);
	file_stamp(s->path, &s->loaded);
	s->told = 0;
	findings_free(&s->lint);
	s->linted = 0;
	view_init(&s->v, s->ed, &s->lo, s->opts->width);
	s->v.gutter = gutter;
	s->v.keep_case = s->opts->search_case;
	s->v.keep_script = s->opts->search_script;
	/* Without a status line, a search's report shows over the last row. */
	s->v.covered = !s->opts->status_line;
	if (rows > 0)
		view_resize(&s->v, rows, cols);
	view_open(&s->v, 0, 0);
	mark_articles(s);
}

void session_init(struct session *s, struct edition *ed, const struct gazetteer *gaz,
		  const struct options *o, const struct layout_opts *lo)
{
	memset(s, 0, sizeof *s);
	s->ed = ed;
	s->gaz = gaz;
	s->opts = o;
	s->lo = *lo;
	take_edition(s, 0, 0);
}

/* Go to an article's text offset. */
static void go(struct session *s, size_t art, size_t offset)
{
	struct view_pos p = {art, 0, 0, 0, 0};

	if (art == 0 && offset == 0) {
		/* The start of the edition: the masthead too, as a fresh open. */
		view_open(&s->v, 0, 0);
		return;
	}
	edition_article_locate(s->ed, art, offset, &p.item, &p.offset);
	view_seek(&s->v, p);
}

/* Go to the position saved for the open edition, if the settings say so. */
static void restore(struct session *s)
{
	size_t art, off;

	if (s->opts->restore_position && s->pos_path && s->ed->narticles &&
	    pos_get(s->pos_path, s->id, &art, &off) == 1 && art >= 1 && art <= s->ed->narticles)
		go(s, art - 1, off);
}

/* Which editions of the archive hold a bookmark: by their ids, once per
 * change of the store or the archive. */
static void mark_editions(struct session *s)
{
	if (!s->arc)
		return;
	for (size_t i = 0; i < s->arc->n; i++) {
		struct archive_entry *e = &s->arc->v[i];

		e->marked = 0;
		for (size_t b = 0; e->id[0] && b < s->bm.n && !e->marked; b++)
			e->marked = s->bm.v[b].kind == BM_GOOD &&
				    strcmp(s->bm.v[b].b.edition_id, e->id) == 0;
	}
}

int session_open(struct session *s, struct error *err)
{
	const struct options *o = s->opts;
	int r = 0;

	s->bm_path = options_bookmarks_file(o);
	s->pos_path = options_positions_file(o);
	if (s->bm_path) {
		s->bm_ok = bm_load(&s->bm, s->bm_path, err) == 0;
		r = s->bm_ok ? 0 : -1;
	}
	mark_articles(s);
	mark_editions(s);
	restore(s);
	return r;
}

void session_here(const struct session *s, size_t *article, size_t *offset)
{
	struct view_pos p = s->v.anchor;

	*article = p.article;
	*offset = p.item == ITEM_FRONT || !s->ed->narticles
			  ? 0
			  : edition_article_offset(s->ed, p.article, p.item, p.offset);
}

int session_save_position(struct session *s, struct error *err)
{
	size_t art, off;

	if (!s->pos_path || !s->ed->narticles)
		return 0;
	session_here(s, &art, &off);
	return pos_set(s->pos_path, s->id, s->path, art + 1, off, err);
}

int session_close(struct session *s, struct error *err)
{
	int rc = session_save_position(s, err);

	bm_free(&s->bm);
	view_free(&s->v);
	findings_free(&s->lint);
	free(s->bm_path);
	free(s->pos_path);
	free(s->order);
	free(s->marked);
	free(s->path);
	free(s->cur_path);
	memset(s, 0, sizeof *s);
	return rc < 0 ? -1 : 0;
}

int session_is_bookmarked(const struct session *s, size_t article)
{
	return article < s->ed->narticles && s->marked[article];
}

/* The store changed (it reloads itself): mark and rank again. */
static void store_changed(struct session *s)
{
	mark_articles(s);
	mark_editions(s);
	free(s->order);
	s->order = xcalloc(s->bm.n + 1, sizeof *s->order);
	s->norder = bm_sorted(&s->bm, s->order);
}

int session_bookmark_add(struct session *s, const char *note, struct error *err)
{
	size_t art, off;
	const struct article *a;
	char *headline, *locality, *date;
	int r;

	if (!s->ed->narticles)
		return 0;
	session_here(s, &art, &off);
	a = &s->ed->articles[art];
	headline = xstrndup(a->headline.s, a->headline.n);
	locality = xstrndup(a->locality.s ? a->locality.s : "", a->locality.n);
	date = xstrndup(s->ed->date.s ? s->ed->date.s : "", s->ed->date.n);
	r = bm_add(&s->bm, &(struct bookmark){s->id, s->path, date, art + 1, headline, locality, off,
					      NULL, (char *)note},
		   err);
	free(headline);
	free(locality);
	free(date);
	store_changed(s);
	return r;
}

/* Apply a change to a copy of the bookmark at bm.v[i]: each change reloads
 * the store, which frees the entry itself. */
static int change(struct session *s, size_t i, const char *note, int remove, struct error *err)
{
	struct bookmark key;
	int r;

	bookmark_copy(&key, &s->bm.v[i].b);
	r = remove ? bm_remove(&s->bm, &key, err) : bm_set_note(&s->bm, &key, note, err);
	bookmark_free(&key);
	store_changed(s);
	return r;
}

int session_bookmark_remove(struct session *s, struct error *err)
{
	size_t art, off;

	if (!s->ed->narticles)
		return 0;
	session_here(s, &art, &off);
	for (size_t i = 0; i < s->bm.n; i++)
		if (names_article(s, &s->bm.v[i], art))
			return change(s, i, NULL, 1, err);
	return 0;
}

long session_bookmarks_list(struct session *s, struct error *err)
{
	bm_free(&s->bm);
	s->bm_ok = bm_load(&s->bm, s->bm_path, err) == 0;
	store_changed(s);
	return s->bm_ok ? (long)s->norder : -1;
}

const struct bookmark *session_bookmark(const struct session *s, size_t rank)
{
	return rank < s->norder ? &s->bm.v[s->order[rank]].b : NULL;
}

int session_bookmark_delete(struct session *s, size_t rank, struct error *err)
{
	return rank < s->norder ? change(s, s->order[rank], NULL, 1, err) : 0;
}

int session_bookmark_note(struct session *s, size_t rank, const char *note, struct error *err)
{
	return rank < s->norder ? change(s, s->order[rank], note, 0, err) : 0;
}

/* Does the file at path hold the edition with this id? Loads it if so. */
static int try_edition(struct edition *ed, const char *path, const char *id,
		       const struct gazetteer *gaz)
{
	struct error err;

	if (edition_load(ed, path, &err) < 0)
		return 0;
	if (strcmp(edition_id(ed), id) == 0) {
		locality_resolve(ed, gaz);
		return 1;
	}
	edition_free(ed);
	return 0;
}

/* Look for the edition with this id among the regular files of dir. */
static int search_dir(const struct session *s, const char *dir, const char *id,
		      struct edition *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			found = try_edition(out, p, id, s->gaz);
		free(p);
	}
	closedir(d);
	return found;
}

/* Find a bookmarked edition: at its path, else by id among the files of
 * the editions directories. */
static int find_edition(const struct session *s, const struct bookmark *b, struct edition *out,
			session_progress *progress, void *ctx)
{
	char *dirs, *save = NULL;
	int found = 0;

	if (try_edition(out, b->edition_path, b->edition_id, s->gaz))
		return 1;
	dirs = xstrdup(s->opts->editions);
	for (char *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		struct stat st;

		if (stat(d, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (progress)
			progress(ctx, d);
		found = search_dir(s, d, b->edition_id, out);
	}
	free(dirs);
	return found;
}

static void set_current(struct session *s, size_t i);

/* An edition opened otherwise than by its index (a bookmark's): which
 * entry of the archive it is, by id, else by path; SIZE_MAX when none,
 * with its own date to go on from. */
static void find_in_archive(struct session *s)
{
	size_t i;

	if (!s->arc)
		return;
	for (i = 0; i < s->arc->n; i++)
		if (strcmp(s->arc->v[i].id, s->id) == 0 || strcmp(s->arc->v[i].path, s->ed->path) == 0 ||
		    strcmp(archive_key(&s->arc->v[i]), s->path) == 0)
			break;
	set_current(s, i);
	if (i == s->arc->n) {
		s->cur = SIZE_MAX;
		snprintf(s->cur_date, sizeof s->cur_date, "%.*s", (int)s->ed->date.n,
			 s->ed->date.s ? s->ed->date.s : "");
	}
}

/* Open another edition in place of the session's. */
static int switch_edition(struct session *s, const struct bookmark *b, session_progress *progress,
			  void *ctx)
{
	struct edition other;
	struct error err;
	int rows = s->v.rows, cols = s->v.cols;

	if (!find_edition(s, b, &other, progress, ctx))
		return -1;
	session_save_position(s, &err);
	edition_free(s->ed);
	*s->ed = other;
	view_free(&s->v);
	take_edition(s, rows, cols);
	find_in_archive(s);
	return 0;
}

enum session_jump session_bookmark_open(struct session *s, size_t rank, session_progress *progress,
					void *ctx)
{
	struct bookmark b;
	enum session_jump r = JUMP_DONE;
	size_t art;

	if (rank >= s->norder)
		return JUMP_NO_STORY;
	bookmark_copy(&b, session_bookmark(s, rank));
	if (strcmp(b.edition_id, s->id) != 0 && switch_edition(s, &b, progress, ctx) < 0) {
		r = JUMP_NO_EDITION;
	} else {
		art = edition_find_story(s->ed, b.article, b.headline);
		if (art == SIZE_MAX)
			r = JUMP_NO_STORY;
		else
			go(s, art, b.offset);
	}
	bookmark_free(&b);
	return r;
}

/* The bytes of an article's text, its items one after another. */
static size_t article_len(const struct edition *ed, size_t art)
{
	size_t n = 0;

	for (size_t i = 0; i < ed->articles[art].nitems; i++)
		n += edition_item_text(ed, art, i).n;
	return n;
}

void session_percent(struct session *s, int pct)
{
	const struct edition *ed = s->ed;
	size_t total = 0, want, a;

	if (!ed->narticles)
		return;
	for (a = 0; a < ed->narticles; a++)
		total += article_len(ed, a);
	want = pct <= 0 ? 0 : pct >= 100 ? total : total / 100 * (size_t)pct + total % 100 * (size_t)pct / 100;
	for (a = 0; a + 1 < ed->narticles && want >= article_len(ed, a); a++)
		want -= article_len(ed, a);
	go(s, a, want);
}

int session_write_article(const struct session *s, FILE *f)
{
	size_t art = s->v.art;

	for (size_t i = 0; s->ed->narticles && i < s->ed->articles[art].nitems; i++) {
		struct str t = edition_item_text(s->ed, art, i);

		if (i)
			fputc('\n', f);
		fwrite(t.s, 1, t.n, f);
		fputc('\n', f);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

void session_lines_on_screen(const struct session *s, size_t *first, size_t *last)
{
	const struct view *v = &s->v;
	size_t col, line;

	*first = *last = 0;
	for (size_t i = v->top; i < v->vl.n && i < v->top + (size_t)v->rows; i++) {
		const struct vline *l = &v->vl.v[i];

		if (l->kind == VL_BLANK || l->kind == VL_FRONT ||
		    edition_source_at(s->ed, v->art, l->item, l->l.start, &line, &col) < 0)
			continue;
		if (!*first)
			*first = line;
		*last = line;
	}
}

int session_goto_line(struct session *s, size_t line)
{
	struct view_pos p;

	if (proof_line_pos(s->ed, line, &p) < 0)
		return -1;
	view_seek(&s->v, p);
	return 0;
}

const struct findings *session_findings(struct session *s)
{
	struct lint_opts lo = {0, NULL};
	struct words *w = NULL;
	struct error err;
	const char *bad;
	size_t badlen;

	if (s->linted)
		return &s->lint;
	if (s->opts->lint_off && lint_parse_off(&lo, s->opts->lint_off, &bad, &badlen) < 0)
		lo.off = 0;
	if (!(lo.off >> FK_DOUBLED & 1))
		lo.words = w = words_load(NULL, &err);
	lint_edition(s->ed, &lo, &s->lint);
	findings_sort(&s->lint);
	if (w)
		words_free(w);
	s->linted = 1;
	return &s->lint;
}

int session_piped(const struct session *s)
{
	return strcmp(s->path, "/dev/stdin") == 0;
}

int session_file_changed(struct session *s)
{
	struct session_stamp now;

	if (s->told || session_piped(s))
		return 0;
	file_stamp(s->path, &now);
	if (!memcmp(&now, &s->loaded, sizeof now))
		return 0;
	s->told = 1;
	return 1;
}

int session_reload(struct session *s, struct error *err)
{
	struct edition fresh;
	size_t art, off, number;
	int rows = s->v.rows, cols = s->v.cols;
	char *headline;

	if (session_piped(s)) {
		error_set(err, s->path, 0, 0, "%s", _("a pipe cannot be read again"));
		return -1;
	}
	if (edition_load(&fresh, s->path, err) < 0)
		return -1;
	locality_resolve(&fresh, s->gaz);
	session_here(s, &art, &off);
	number = art + 1;
	headline = s->ed->narticles ? xstrndup(s->ed->articles[art].headline.s,
					       s->ed->articles[art].headline.n)
				    : xstrdup("");
	edition_free(s->ed);
	*s->ed = fresh;
	view_free(&s->v);
	take_edition(s, rows, cols);
	/* The same story if it is still there (by number and headline), else
	 * the same number; the offset as far as the story still reaches. */
	art = s->ed->narticles ? edition_find_story(s->ed, number, headline) : SIZE_MAX;
	if (art != SIZE_MAX)
		go(s, art, off);
	free(headline);
	return 0;
}

/* Remember which entry of the archive is open. */
static void set_current(struct session *s, size_t i)
{
	s->cur = i;
	free(s->cur_path);
	s->cur_path = i < s->arc->n ? xstrdup(s->arc->v[i].path) : NULL;
	snprintf(s->cur_date, sizeof s->cur_date, "%s", i < s->arc->n ? s->arc->v[i].date : "");
}

void session_set_archive(struct session *s, struct archive *a, size_t cur)
{
	s->arc = a;
	set_current(s, cur);
	if (cur >= a->n && s->ed->path) {
		/* Not in it yet (a warm start's list comes after the first
		 * screen): found by its path when the archive changes. */
		s->cur = SIZE_MAX;
		s->cur_path = xstrdup(s->ed->path);
		snprintf(s->cur_date, sizeof s->cur_date, "%.*s", (int)s->ed->date.n,
			 s->ed->date.s ? s->ed->date.s : "");
	}
	mark_editions(s);
}

void session_archive_changed(struct session *s)
{
	size_t i;

	if (!s->arc)
		return;
	/* The archive is in order (archive.h): a binary search would do,
	 * but a linear one needs no archive function and takes microseconds
	 * for thousands of entries. */
	for (i = 0; s->cur_path && i < s->arc->n; i++)
		if (strcmp(s->arc->v[i].path, s->cur_path) == 0)
			break;
	if (s->cur_path && i < s->arc->n) {
		s->cur = i;
		snprintf(s->cur_date, sizeof s->cur_date, "%s", s->arc->v[i].date);
	} else {
		s->cur = SIZE_MAX;
	}
	mark_editions(s);
}

int session_open_edition(struct session *s, size_t i, struct error *err)
{
	struct edition other;
	struct error ignored;
	int rows = s->v.rows, cols = s->v.cols;

	if (!s->arc || i >= s->arc->n) {
		error_set(err, "", 0, 0, "%s", _("no such edition in the archive"));
		return -1;
	}
	if (edition_load(&other, s->arc->v[i].path, err) < 0)
		return -1;
	locality_resolve(&other, s->gaz);
	session_save_position(s, &ignored);
	edition_free(s->ed);
	*s->ed = other;
	view_free(&s->v);
	take_edition(s, rows, cols);
	set_current(s, i);
	restore(s);
	return 0;
}

size_t session_edition_by(const struct session *s, int dir, long count)
{
	size_t n = s->arc ? s->arc->n : 0, i = s->cur, steps = count > 0 ? (size_t)count : 1;

	if (!n)
		return SIZE_MAX;
	if (i >= n) {
		/* The open edition has left the archive: go on from where its
		 * date would be, the first edition not older than it. */
		for (i = 0; i < n && strcmp(s->arc->v[i].date, s->cur_date) < 0; i++)
			;
		if (dir > 0)
			return steps - 1 < n - i ? i + steps - 1 : n - 1;
	}
	if (dir > 0)
		return steps < n - i ? i + steps : n - 1;
	return steps < i ? i - steps : 0;
}

int session_open_story(struct session *s, size_t i, size_t article, size_t line,
		       struct error *err)
{
	if (i != s->cur && session_open_edition(s, i, err) < 0)
		return -1;
	if (article < 1 || article > s->ed->narticles)
		return 1;
	view_open(&s->v, article - 1, 0);
	if (line) {
		struct view_pos p;

		/* The line, when it is the story's: else its top. */
		if (proof_line_pos(s->ed, line, &p) == 0 && p.article == article - 1)
			view_seek(&s->v, p);
	}
	return 0;
}
