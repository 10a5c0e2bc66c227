/*
 * arcview: the reader over an archive. See arcview.h.
 *
 * The session opens the editions (session_open_edition(),
 * session_open_story()); the library keeps the archive, its catalogue and
 * the indexing; archlists builds the lists. Here are the panels, the
 * prompts and the messages.
 */
#include "arcview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archlists.h"
#include "draw.h"
#include "i18n.h"
#include "input.h"
#include "picker.h"

/* Say that a key needs an archive. */
static int need_archive(struct tui *t)
{
	if (t->lib)
		return 1;
	draw_say(t, "%s", _("one edition is open, not an archive (open a directory or several files)"));
	return 0;
}

/* Say that a key needs the archive's index. */
static int need_catalog(struct tui *t)
{
	if (!need_archive(t))
		return 0;
	if (t->lib->cat)
		return 1;
	draw_say(t, _("the archive has no index: %s"), t->lib->cat_error);
	return 0;
}

/* The open edition changed: what belonged to the last one goes. */
static void opened(struct tui *t)
{
	t->finding = SIZE_MAX;
	t->hide_hits = 0;
	t->msg[0] = '\0';
}

/* Open edition i, or say why not. */
static int open_edition(struct tui *t, size_t i)
{
	struct error err;

	if (session_open_edition(&t->s, i, &err) < 0) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return -1;
	}
	opened(t);
	return 0;
}

void arcview_step(struct tui *t, int dir, long count)
{
	size_t to;

	if (!need_archive(t))
		return;
	to = session_edition_by(&t->s, dir, count);
	if (to == SIZE_MAX || to == t->s.cur)
		draw_say(t, "%s", dir > 0 ? _("this is the last edition") : _("this is the first edition"));
	else
		open_edition(t, to);
}

/* Filter the editions list by what was typed (a Chinese date as the list
 * writes dates), the open edition selected when it is shown. */
static void editions_filter(struct tui *t)
{
	char q[sizeof t->filter];
	size_t qn = archlist_date_query(t->filter, t->filter_len, q, sizeof q);

	list_filter(&t->list, q, qn);
	list_select_ref(&t->list, (struct list_ref){REF_EDITION, t->s.cur});
}

/* The editions list, made again from the archive. */
static void editions_fill(struct tui *t)
{
	list_free(&t->list);
	archlist_editions(&t->list, &t->lib->a);
	editions_filter(t);
}

void arcview_editions_open(struct tui *t)
{
	if (!need_archive(t))
		return;
	t->panel = PANEL_EDITIONS;
	t->filter_len = 0;
	t->filter[0] = '\0';
	editions_fill(t);
}

void arcview_editions_draw(struct tui *t)
{
	char title[768], name[256], k[2][16];
	size_t skipped = t->lib->a.nskipped;

	if (skipped)
		snprintf(name, sizeof name,
			 ngettext("Editions (%zu; %zu file skipped, not an edition)",
				  "Editions (%zu; %zu files skipped, not editions)", skipped),
			 t->lib->a.n, skipped);
	else
		snprintf(name, sizeof name, _("Editions (%zu)"), t->lib->a.n);
	/* TRANSLATORS: a list's title: its name, then the keys (as typed). */
	snprintf(title, sizeof title, _(" %s: type a date or title to filter, %s to open, %s to close"),
		 name, picker_key_name(t, ACT_LIST_OPEN, &k[0]), picker_key_name(t, ACT_LIST_CLOSE, &k[1]));
	if (!draw_begin(t))
		return;
	draw_list(t, title, t->filter, _("  (nothing matches)"), 0);
	draw_end(t);
}

/* Enter in the editions list: the edition chosen. */
static void editions_pick(struct tui *t, struct list_ref r)
{
	if (r.kind == REF_EDITION && (r.value == t->s.cur || open_edition(t, r.value) == 0))
		t->panel = PANEL_NONE;
}

int arcview_editions_key(struct tui *t, int key)
{
	static const struct picker_ops ops = {
		.filters = 1, .open = editions_pick, .filtered = editions_filter,
	};

	picker_run(t, key, &ops);
	return 1;
}

/* Free the stories or hits listed. */
static void stories_free(struct tui *t)
{
	for (size_t i = 0; t->story_paths && i < t->nastories; i++)
		free(t->story_paths[i]);
	free(t->story_paths);
	t->story_paths = NULL;
	catalog_stories_free(t->astories, t->nastories);
	t->astories = NULL;
	t->nastories = 0;
	free(t->hit_starts);
	t->hit_starts = NULL;
}

/* Open a story of the list, at its line; for a hit, with the search
 * set in the edition so that its match is highlighted and n goes on. */
static void open_story(struct tui *t, size_t k, int hit)
{
	const struct catalog_story *st = &t->astories[k];
	/* The archive may have been filled again since the query: the
	 * edition by its path. */
	size_t i = archive_find(&t->lib->a, t->story_paths[k]);
	struct error err;
	int r;

	if (i == (size_t)-1) {
		draw_say(t, "%s", _("the story's edition is no longer in the archive"));
		return;
	}
	r = session_open_story(&t->s, i, st->article, st->line, &err);
	if (r < 0) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	opened(t);
	t->panel = PANEL_NONE;
	if (r > 0) {
		draw_say(t, "%s", _("the story is no longer in this edition"));
		return;
	}
	if (hit) {
		char e[256];

		if (view_set_search(&t->s.v, t->aquery, strlen(t->aquery), 0, e, sizeof e) == 0)
			t->last_dir = 1;
	}
}

/* Keep the paths of the stories' editions (the catalogue's answer gives
 * their indexes in the archive as it is now). */
static void keep_paths(struct tui *t)
{
	t->story_paths = xcalloc(t->nastories + 1, sizeof *t->story_paths);
	for (size_t i = 0; i < t->nastories; i++)
		t->story_paths[i] = xstrdup(t->astories[i].edition < t->lib->a.n
						    ? t->lib->a.v[t->astories[i].edition].path : "");
}

/* The search results. */
void arcview_search(struct tui *t)
{
	char q[sizeof t->aquery];
	size_t qn;
	struct error err;

	if (!need_catalog(t))
		return;
	t->prompt_search = 1;
	t->prompt_regex = 0;
	/* TRANSLATORS: the prompt of the search across the archive (F). */
	if (!input_prompt(t, _("search the archive: "), "", q, sizeof q, &qn) || !qn) {
		t->prompt_search = 0;
		return;
	}
	t->prompt_search = 0;
	snprintf(t->aquery, sizeof t->aquery, "%s", q);
	stories_free(t);
	draw_say(t, _("searching the archive for %s…"), q);
	t->redraw(t);
	if (catalog_search(t->lib->cat, q, 1000, &t->astories, &t->nastories, &err) < 0) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	t->msg[0] = '\0';
	keep_paths(t);
	list_free(&t->list);
	archlist_hits(&t->list, t->astories, t->nastories, &t->lib->a, &t->hit_starts);
	t->panel = PANEL_ARCHIVE_HITS;
	t->filter_len = 0;
	t->filter[0] = '\0';
}

/* Draw the hits' rows again with their matches highlighted. */
static void highlight_hits(struct tui *t)
{
	struct list *l = &t->list;
	int head = LINES - 2 - t->list_rows;

	for (int r = 0; r < t->list_rows && l->top + (size_t)r < l->nshown; r++) {
		size_t k = l->top + (size_t)r;
		const struct list_entry *e = &l->v[l->shown[k]];
		const struct catalog_story *st;
		size_t n = strlen(e->label), m[1][2], fit;
		int used;

		if (e->ref.kind != REF_STORY || e->ref.value >= t->nastories)
			continue;
		st = &t->astories[e->ref.value];
		fit = layout_fit(e->label, n, COLS - 1, &t->s.lo, &used);
		m[0][0] = t->hit_starts[e->ref.value];
		m[0][1] = m[0][0] + st->matchlen;
		if (m[0][0] >= fit)
			continue;
		if (m[0][1] > fit)
			m[0][1] = fit;
		move(r + head + 1, 0);
		clrtoeol();
		draw_text(t, r + head + 1, 0, e->label, n, 0, fit, 0, k == l->sel ? A_REVERSE : A_NORMAL,
			  m, 1, k == l->sel ? 0 : SIZE_MAX);
	}
}

void arcview_hits_draw(struct tui *t)
{
	char title[768], name[640], k[2][16];

	snprintf(name, sizeof name,
		 ngettext("%zu hit for %s in the archive", "%zu hits for %s in the archive", t->nastories),
		 t->nastories, t->aquery);
	snprintf(title, sizeof title, _(" %s: %s opens the story, %s closes"), name,
		 picker_key_name(t, ACT_LIST_OPEN, &k[0]), picker_key_name(t, ACT_LIST_CLOSE, &k[1]));
	if (!draw_begin(t))
		return;
	draw_list(t, title, NULL, _("  (not found)"), 0);
	highlight_hits(t);
	draw_end(t);
}

/* Enter in the archive search's hits: the story at the match. */
static void hits_pick(struct tui *t, struct list_ref r)
{
	if (r.kind == REF_STORY)
		open_story(t, r.value, 1);
}

int arcview_hits_key(struct tui *t, int key)
{
	static const struct picker_ops ops = { .open = hits_pick };

	picker_run(t, key, &ops);
	return 1;
}

/* The localities, filtered by what was typed. */
static void places_fill(struct tui *t)
{
	list_free(&t->list);
	archlist_places(&t->list, t->aplaces, t->naplaces, t->s.gaz);
	list_filter(&t->list, t->filter, t->filter_len);
}

void arcview_places_open(struct tui *t)
{
	struct error err;

	if (!need_catalog(t))
		return;
	catalog_places_free(t->aplaces, t->naplaces);
	t->aplaces = NULL;
	t->naplaces = 0;
	if (catalog_places(t->lib->cat, &t->aplaces, &t->naplaces, &err) < 0) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	t->panel = PANEL_ARCHIVE_PLACES;
	t->filter_len = 0;
	t->filter[0] = '\0';
	places_fill(t);
}

void arcview_places_draw(struct tui *t)
{
	char title[768], k[2][16];

	snprintf(title, sizeof title,
		 _(" Localities of the archive: type to filter, %s lists the stories, %s closes"),
		 picker_key_name(t, ACT_LIST_OPEN, &k[0]), picker_key_name(t, ACT_LIST_CLOSE, &k[1]));
	if (!draw_begin(t))
		return;
	draw_list(t, title, t->filter,
		  t->naplaces ? _("  (nothing matches)") : _("  (no localities indexed yet)"), 0);
	draw_end(t);
}

/* The stories of the chosen place, newest first. */
static void stories_open(struct tui *t, size_t p)
{
	const struct catalog_place *pl = &t->aplaces[p];
	struct error err;

	stories_free(t);
	if (catalog_stories(t->lib->cat, pl->code, pl->locality, &t->astories, &t->nastories,
			    &err) < 0) {
		draw_say(t, "%s: %s", err.file, err.reason);
		return;
	}
	t->aplace = p;
	keep_paths(t);
	list_free(&t->list);
	archlist_stories(&t->list, t->astories, t->nastories, &t->lib->a);
	t->panel = PANEL_ARCHIVE_STORIES;
}

/* Enter in the archive's localities: that place's stories. */
static void places_pick(struct tui *t, struct list_ref r)
{
	if (r.kind == REF_PLACE && r.value < t->naplaces)
		stories_open(t, r.value);
}

int arcview_places_key(struct tui *t, int key)
{
	static const struct picker_ops ops = { .filters = 1, .open = places_pick };

	picker_run(t, key, &ops);
	return 1;
}

void arcview_stories_draw(struct tui *t)
{
	char title[768], name[512], k[2][16];
	const struct catalog_place *pl = &t->aplaces[t->aplace];

	snprintf(name, sizeof name, ngettext("%s: %zu story", "%s: %zu stories", t->nastories),
		 pl->locality, t->nastories);
	snprintf(title, sizeof title, _(" %s, newest first: %s opens the story, %s goes back"), name,
		 picker_key_name(t, ACT_LIST_OPEN, &k[0]), picker_key_name(t, ACT_LIST_CLOSE, &k[1]));
	if (!draw_begin(t))
		return;
	draw_list(t, title, NULL, _("  (no stories)"), 0);
	draw_end(t);
}

/* Enter in a place's stories: the story. */
static void stories_pick(struct tui *t, struct list_ref r)
{
	if (r.kind == REF_STORY)
		open_story(t, r.value, 0);
}

/* Back from a place's stories to the localities, as they were. */
static void stories_back(struct tui *t)
{
	t->panel = PANEL_ARCHIVE_PLACES;
	places_fill(t);
	list_select_ref(&t->list, (struct list_ref){REF_PLACE, t->aplace});
}

int arcview_stories_key(struct tui *t, int key)
{
	static const struct picker_ops ops = { .open = stories_pick, .close = stories_back };

	picker_run(t, key, &ops);
	return 1;
}

void arcview_status(const struct tui *t, struct sbuf *left, struct sbuf *right)
{
	const struct library *l = t->lib;
	size_t done, total;

	if (!l)
		return;
	if (left) {
		if (!t->s.ed->date.n && t->s.cur < l->a.n && l->a.v[t->s.cur].date[0])
			sbuf_addf(left, "%s ", l->a.v[t->s.cur].date);
		if (t->s.cur < l->a.n)
			sbuf_addf(left, "(%zu/%zu) ", t->s.cur + 1, l->a.n);
		else if (!l->relist)   /* a warm start's place comes with its list */
			sbuf_addf(left, "(-/%zu) ", l->a.n);
	}
	switch (right ? library_progress(l, &done, &total) : 0) {
	case 1:
		/* TRANSLATORS: on the status line while the archive's files are read. */
		sbuf_addf(right, _("indexing %zu/%zu "), done, total);
		break;
	case 2:
		/* TRANSLATORS: on the status line while the search index is made. */
		sbuf_addf(right, _("indexing for search %zu/%zu "), done, total);
		break;
	}
}

int arcview_poll(struct tui *t)
{
	struct error err;
	size_t done, total;
	struct list_ref sel;
	char *kept = NULL;
	int r, redraw = 0;

	if (!t->lib)
		return 0;
	/* Once the places are read: index with them. */
	if (!t->places && (r = library_index(t->lib, t->s.gaz, &err)) != 0) {
		if (r < 0)
			draw_say(t, "%s: %s", err.file, err.reason);
		redraw = 1;
	}
	sel = list_selected(&t->list);
	if (t->panel == PANEL_EDITIONS && sel.kind == REF_EDITION && sel.value < t->lib->a.n)
		kept = xstrdup(t->lib->a.v[sel.value].path);
	r = library_poll(t->lib, &err);
	if (r != 0) {
		session_archive_changed(&t->s);
		if (r < 0)
			draw_say(t, "%s: %s", err.file, err.reason);
		if (t->panel == PANEL_EDITIONS) {
			/* Filled again in the new order, the selection kept. */
			editions_fill(t);
			if (kept)
				list_select_ref(&t->list, (struct list_ref){REF_EDITION,
									  archive_find(&t->lib->a, kept)});
		}
		redraw = 1;
	}
	free(kept);
	if (library_progress(t->lib, &done, &total) && done != t->shown_done) {
		t->shown_done = done;
		redraw = 1;
	}
	return redraw;
}

void arcview_free(struct tui *t)
{
	stories_free(t);
	catalog_places_free(t->aplaces, t->naplaces);
	t->aplaces = NULL;
	t->naplaces = 0;
}
