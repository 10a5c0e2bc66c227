/*
 * tui_marks: bookmarks and reading positions in the terminal shell.
 *
 * m bookmarks the story at the reading position (with an optional note) or,
 * on a bookmarked story, offers to remove it; ' lists the bookmarks of every
 * edition, newest first, where Enter jumps (opening the other edition when
 * needed: by its path, else by its id in the editions directories), d
 * deletes and e edits the note. The position in each edition is saved on
 * leaving it and restored on opening it. A store that cannot be written
 * costs only a message: the reader keeps working.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "locality.h"
#include "shell.h"

/* The edition's path made absolute, as the stores want it. */
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

/* A copy of a bookmark, safe across the store's reloads (each change
 * re-reads the file and frees the old entries). */
static struct bookmark key_of(const struct bookmark *b)
{
	struct bookmark k;

	bookmark_copy(&k, b);
	return k;
}

/* Where the reader is: the open article and its text offset. */
static void here(const struct tui *t, size_t *art, size_t *offset)
{
	struct view_pos p = t->v.anchor;

	*art = p.article;
	*offset = p.item == ITEM_FRONT || !t->ed->narticles
			  ? 0
			  : edition_article_offset(t->ed, p.article, p.item, p.offset);
}

static void save_position(struct tui *t)
{
	struct error err;
	size_t art, off;
	char *path;

	if (!t->pos_path || !t->ed->narticles)
		return;
	here(t, &art, &off);
	path = abs_path(t->ed->path);
	if (pos_set(t->pos_path, edition_id(t->ed), path, art + 1, off, &err) < 0)
		shell_say(t, "%s: %s", err.file, err.reason);
	free(path);
}

/* Go to an article's text offset. */
static void go(struct tui *t, size_t art, size_t offset)
{
	struct view_pos p = {art, 0, 0, 0, 0};

	edition_article_locate(t->ed, art, offset, &p.item, &p.offset);
	view_seek(&t->v, p);
}

void marks_open(struct tui *t)
{
	const struct options *o = t->opts;
	struct error err;

	t->bm_path = options_bookmarks_file(o);
	t->pos_path = options_positions_file(o);
	if (t->bm_path) {
		t->bm_ok = bm_load(&t->bm, t->bm_path, &err) == 0;
		if (!t->bm_ok)
			shell_say(t, "%s: %s", err.file, err.reason);
		else if (t->bm.nwarnings)
			shell_say(t, "%s (and %zu more; reader --bookmarks lists them)",
				  t->bm.warnings[0], t->bm.nwarnings - 1);
	}
	if (o->restore_position && t->pos_path && t->ed->narticles) {
		size_t art, off;

		if (pos_get(t->pos_path, edition_id(t->ed), &art, &off) == 1 && art >= 1 &&
		    art <= t->ed->narticles)
			go(t, art - 1, off);
	}
}

void marks_close(struct tui *t)
{
	save_position(t);
	bm_free(&t->bm);
	free(t->bm_path);
	free(t->pos_path);
	free(t->bm_order);
	t->bm_path = t->pos_path = NULL;
	t->bm_order = NULL;
}

/* The bookmark entry of an article of the open edition, or -1. */
static long find_mark(const struct tui *t, size_t article)
{
	const char *id = edition_id(t->ed);
	const struct str *h = &t->ed->articles[article].headline;

	for (size_t i = 0; i < t->bm.n; i++) {
		const struct bookmark *b = &t->bm.v[i].b;

		if (t->bm.v[i].kind != BM_GOOD || strcmp(b->edition_id, id) != 0)
			continue;
		/* The stored headline is a C string: a NUL in the edition's
		 * headline ends it, so compare up to there. */
		if (b->article == article + 1 && strlen(b->headline) == strnlen(h->s, h->n) &&
		    memcmp(b->headline, h->s, strlen(b->headline)) == 0)
			return (long)i;
	}
	return -1;
}

int marks_is_bookmarked(const struct tui *t, size_t article)
{
	return t->ed->narticles && find_mark(t, article) >= 0;
}

void marks_toggle(struct tui *t)
{
	struct error err;
	long at;
	size_t art, off;
	char note[512];
	size_t nn;

	if (!t->ed->narticles)
		return;
	if (!t->bm_ok) {
		shell_say(t, "bookmarks are unavailable: %s", t->bm_path ? t->bm_path : "no home");
		return;
	}
	here(t, &art, &off);
	at = find_mark(t, art);
	if (at >= 0) {
		struct bookmark key = key_of(&t->bm.v[at].b);

		if (shell_confirm(t, "remove the bookmark of this story? (y/n)")) {
			if (bm_remove(&t->bm, &key, &err) < 0)
				shell_say(t, "%s: %s", err.file, err.reason);
			else
				shell_say(t, "bookmark removed");
		}
		bookmark_free(&key);
		return;
	}
	if (!shell_prompt(t, "note (Enter for none): ", "", note, sizeof note, &nn))
		return;
	{
		const struct article *a = &t->ed->articles[art];
		char *path = abs_path(t->ed->path);
		char *headline = xstrndup(a->headline.s, a->headline.n);
		char *locality = xstrndup(a->locality.s ? a->locality.s : "", a->locality.n);
		char *date = xstrndup(t->ed->date.s ? t->ed->date.s : "", t->ed->date.n);
		struct bookmark b = {(char *)edition_id(t->ed), path, date, art + 1, headline,
				     locality, off, NULL, note};

		if (bm_add(&t->bm, &b, &err) < 0)
			shell_say(t, "%s: %s", err.file, err.reason);
		else
			shell_say(t, "bookmarked");
		free(path);
		free(headline);
		free(locality);
		free(date);
	}
}

/* Fill the list panel from the store, newest first. */
static void fill_list(struct tui *t)
{
	size_t n;

	list_free(&t->list);
	free(t->bm_order);
	t->bm_order = xcalloc(t->bm.n + 1, sizeof *t->bm_order);
	n = bm_sorted(&t->bm, t->bm_order);
	for (size_t k = 0; k < n; k++) {
		const struct bookmark *b = &t->bm.v[t->bm_order[k]].b;
		struct sbuf s = {0};

		sbuf_addf(&s, "  %s  %s%s%s", *b->edition_date ? b->edition_date : "----------",
			  b->locality, *b->locality ? "  " : "", b->headline);
		if (*b->note)
			sbuf_addf(&s, "  — %s", b->note);
		XGROW(t->list.v, t->list.cap, t->list.n + 1);
		t->list.v[t->list.n++] = (struct list_entry){sbuf_take(&s), NULL, 0, k, 0};
	}
	list_filter(&t->list, "", 0);
	if (t->sel >= t->list.nshown)
		t->sel = t->list.nshown ? t->list.nshown - 1 : 0;
}

void marks_list(struct tui *t)
{
	struct error err;

	if (!t->bm_path) {
		shell_say(t, "bookmarks are unavailable: no home directory");
		return;
	}
	/* Read again: another reader may have added some. */
	bm_free(&t->bm);
	if (bm_load(&t->bm, t->bm_path, &err) < 0) {
		t->bm_ok = 0;
		shell_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	t->bm_ok = 1;
	t->sel = t->ltop = 0;
	fill_list(t);
	t->panel = PANEL_BOOKMARKS;
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

/* Find the bookmarked edition: at its path, else by id among the files of
 * the editions directories. */
static int find_edition(struct tui *t, const struct bookmark *b, struct edition *out)
{
	char *dirs, *save = NULL;
	int found = 0;

	if (try_edition(out, b->edition_path, b->edition_id, t->gaz))
		return 1;
	dirs = xstrdup(t->opts->editions);
	for (char *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		DIR *dir = opendir(d);
		struct dirent *e;

		if (!dir)
			continue;
		shell_say(t, "looking for the edition in %s…", d);
		shell_draw(t);
		while (!found && (e = readdir(dir))) {
			char *p;
			struct stat st;

			if (e->d_name[0] == '.')
				continue;
			p = xasprintf("%s/%s", d, e->d_name);
			if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
				found = try_edition(out, p, b->edition_id, t->gaz);
			free(p);
		}
		closedir(dir);
	}
	free(dirs);
	return found;
}

/* Jump to a bookmark, opening its edition when it is another one. */
static void jump(struct tui *t, const struct bookmark *b)
{
	size_t art;

	if (strcmp(b->edition_id, edition_id(t->ed)) != 0) {
		struct edition other;

		if (!find_edition(t, b, &other)) {
			shell_say(t, "%s: the edition is not there (set editions in reader.ini)",
				  b->edition_path);
			return;
		}
		save_position(t);
		t->msg[0] = '\0';
		edition_free(t->ed);
		*t->ed = other;
		view_free(&t->v);
		shell_new_view(t);
		view_resize(&t->v, shell_text_rows(t), COLS);
		view_open(&t->v, 0, 0);
	}
	art = edition_find_story(t->ed, b->article, b->headline);
	if (art == SIZE_MAX) {
		shell_say(t, "the story is no longer in this edition");
		return;
	}
	go(t, art, b->offset);
	t->panel = PANEL_NONE;
}

void marks_key(struct tui *t, int key)
{
	struct error err;
	const struct bookmark *b;
	size_t page = LINES > 4 ? (size_t)LINES - 4 : 1;

	if (key == K_ESC || key == 'q' || keymap_lookup(&t->opts->keys, key) == ACT_CLOSE) {
		t->panel = PANEL_NONE;
		return;
	}
	if (key == K_DOWN || key == 'j') {
		if (t->sel + 1 < t->list.nshown)
			t->sel++;
		return;
	}
	if (key == K_UP || key == 'k') {
		if (t->sel > 0)
			t->sel--;
		return;
	}
	if (key == K_PGDN) {
		t->sel = t->sel + page < t->list.nshown ? t->sel + page
							: (t->list.nshown ? t->list.nshown - 1 : 0);
		return;
	}
	if (key == K_PGUP) {
		t->sel = t->sel > page ? t->sel - page : 0;
		return;
	}
	if (t->sel >= t->list.nshown)
		return;
	b = &t->bm.v[t->bm_order[t->list.v[t->list.shown[t->sel]].article]].b;
	if (key == K_ENTER) {
		struct bookmark copy = key_of(b);

		jump(t, &copy);
		bookmark_free(&copy);
	} else if (key == 'd') {
		struct bookmark k = key_of(b);

		if (shell_confirm(t, "delete this bookmark? (y/n)")) {
			if (bm_remove(&t->bm, &k, &err) < 0)
				shell_say(t, "%s: %s", err.file, err.reason);
			else
				shell_say(t, "bookmark deleted");
			fill_list(t);
		}
		bookmark_free(&k);
	} else if (key == 'e') {
		char note[512];
		size_t nn;
		struct bookmark k = key_of(b);

		if (shell_prompt(t, "note: ", k.note, note, sizeof note, &nn)) {
			if (bm_set_note(&t->bm, &k, note, &err) < 0)
				shell_say(t, "%s: %s", err.file, err.reason);
			fill_list(t);
		}
		bookmark_free(&k);
	}
}
