/*
 * booklist: the bookmarks panel. See booklist.h.
 *
 * A store that cannot be written costs only a message: the reader keeps
 * working.
 */
#include "booklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "input.h"
#include "picker.h"

static void say_error(struct tui *t, const struct error *err)
{
	draw_say(t, "%s: %s", err->file, err->reason);
}

void booklist_toggle(struct tui *t)
{
	struct error err;
	char note[512];
	size_t nn, art, off;

	if (!t->s.ed->narticles)
		return;
	if (!t->s.bm_ok) {
		draw_say(t, _("bookmarks are unavailable: %s"),
			 t->s.bm_path ? t->s.bm_path : _("no home directory"));
		return;
	}
	session_here(&t->s, &art, &off);
	if (session_is_bookmarked(&t->s, art)) {
		if (!input_confirm(t, _("remove the bookmark of this story? (y/n)")))
			return;
		if (session_bookmark_remove(&t->s, &err) < 0)
			say_error(t, &err);
		else
			draw_say(t, "%s", _("bookmark removed"));
		return;
	}
	if (!input_prompt(t, _("note (Enter for none): "), "", note, sizeof note, &nn))
		return;
	if (session_bookmark_add(&t->s, note, &err) < 0)
		say_error(t, &err);
	else
		draw_say(t, "%s", _("bookmarked"));
}

/* Fill the list from the session's ranking, keeping the selection. */
static void fill(struct tui *t, size_t sel)
{
	list_free(&t->list);
	for (size_t k = 0; k < t->s.norder; k++) {
		const struct bookmark *b = session_bookmark(&t->s, k);
		struct sbuf s = {0};

		sbuf_addf(&s, "  %s  %s%s%s", *b->edition_date ? b->edition_date : "----------",
			  b->locality, *b->locality ? "  " : "", b->headline);
		if (*b->note)
			sbuf_addf(&s, "  — %s", b->note);
		list_add(&t->list, sbuf_take(&s), "", 0, (struct list_ref){REF_BOOKMARK, k});
	}
	list_filter(&t->list, "", 0);
	t->list.sel = sel < t->list.nshown ? sel : t->list.nshown ? t->list.nshown - 1 : 0;
}

void booklist_open(struct tui *t)
{
	struct error err;

	if (!t->s.bm_path) {
		draw_say(t, _("bookmarks are unavailable: %s"), _("no home directory"));
		return;
	}
	if (session_bookmarks_list(&t->s, &err) < 0) {
		say_error(t, &err);
		return;
	}
	fill(t, 0);
	t->panel = PANEL_BOOKMARKS;
}

void booklist_draw(struct tui *t)
{
	char title[512], empty[256], k[4][16];

	/* TRANSLATORS: the keys are as typed (Enter, d, e, Esc). */
	snprintf(title, sizeof title, _(" Bookmarks: %s jumps, %s deletes, %s edits the note, %s closes"),
		 picker_key_name(t, ACT_LIST_OPEN, &k[0]), picker_key_name(t, ACT_LIST_DELETE, &k[1]),
		 picker_key_name(t, ACT_LIST_EDIT, &k[2]), picker_key_name(t, ACT_LIST_CLOSE, &k[3]));
	snprintf(empty, sizeof empty, _("  (no bookmarks yet: %s bookmarks a story)"),
		 keymap_first(t->keys, ACT_BOOKMARK));
	if (!draw_begin(t))
		return;
	draw_list(t, title, NULL, empty, 0);
	draw_end(t);
}

/* Tells the user which directory is being searched for an edition. */
static void searching(void *ctx, const char *dir)
{
	struct tui *t = ctx;

	draw_say(t, _("looking for the edition in %s…"), dir);
	t->redraw(t);
}

static void jump(struct tui *t, size_t rank)
{
	const struct bookmark *b = session_bookmark(&t->s, rank);
	char *path = xstrdup(b->edition_path);

	switch (session_bookmark_open(&t->s, rank, searching, t)) {
	case JUMP_DONE:
		t->msg[0] = '\0';
		t->panel = PANEL_NONE;
		break;
	case JUMP_NO_EDITION:
		draw_say(t, _("%s: the edition is not there (set editions in reader.ini)"), path);
		break;
	case JUMP_NO_STORY:
		draw_say(t, "%s", _("the story is no longer in this edition"));
		break;
	}
	free(path);
}

/* Edit the note of the bookmark of a rank. */
static void edit_note(struct tui *t, size_t rank)
{
	char note[512], *old = xstrdup(session_bookmark(&t->s, rank)->note);
	size_t nn;
	struct error err;

	if (input_prompt(t, _("note: "), old, note, sizeof note, &nn)) {
		if (session_bookmark_note(&t->s, rank, note, &err) < 0)
			say_error(t, &err);
		fill(t, t->list.sel);
	}
	free(old);
}

int booklist_key(struct tui *t, int key)
{
	enum action act = keymap_lookup(t->keys, KEYMODE_LIST, key);
	struct list_ref r = list_selected(&t->list);
	struct error err;

	if (act == ACT_LIST_CLOSE || act == ACT_LIST_QUIT) {
		t->panel = PANEL_NONE;
	} else if (picker_move(t, act) || r.kind != REF_BOOKMARK) {
		return 1;
	} else if (act == ACT_LIST_OPEN) {
		jump(t, r.value);
	} else if (act == ACT_LIST_DELETE) {
		if (input_confirm(t, _("delete this bookmark? (y/n)"))) {
			if (session_bookmark_delete(&t->s, r.value, &err) < 0)
				say_error(t, &err);
			else
				draw_say(t, "%s", _("bookmark deleted"));
			fill(t, t->list.sel);
		}
	} else if (act == ACT_LIST_EDIT) {
		edit_note(t, r.value);
	}
	return 1;
}
