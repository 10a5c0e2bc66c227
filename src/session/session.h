/*
 * session: one reading session over an edition, between the terminal
 * shell and the core. The shell asks it to open an edition, go to the
 * saved position, bookmark a story or remove its bookmark, list, delete,
 * annotate and open bookmarks, and save the position; it asks the
 * bookmark and position stores, the parser and the view. No curses here.
 *
 * What always holds: id is the open edition's id and marked[a] says
 * whether article a is bookmarked, both recomputed only when the edition
 * or the bookmarks change (never per redraw); order ranks the bookmarks
 * newest first as last listed. The editions directories are searched only
 * when the user opens a bookmark of an edition no longer at its path.
 */
#ifndef READER_SESSION_H
#define READER_SESSION_H

#include <stddef.h>
#include <stdio.h>

#include "archive.h"
#include "bookmarks.h"
#include "edition.h"
#include "error.h"
#include "gazetteer.h"
#include "layout.h"
#include "options.h"
#include "view.h"

/* When a file was loaded: to notice that it changed on disk since. */
struct session_stamp {
	long long size, mtime_s;
	long mtime_ns;
	int exists;
};

struct session {
	struct edition *ed;        /* the open edition: the caller's, whose
	                              contents a jump to another replaces */
	struct view v;             /* the article view over it */
	const struct gazetteer *gaz;
	const struct options *opts;
	struct layout_opts lo;
	char id[17];               /* ed's id */
	char *path;                /* ed's path, absolute when it resolves */
	unsigned char *marked;     /* per article: bookmarked */
	struct bm_store bm;        /* the bookmarks, as last read or written */
	int bm_ok;                 /* they could be read */
	char *bm_path, *pos_path;  /* NULL when there is no home */
	size_t *order;             /* rank in the list -> index into bm.v */
	size_t norder;
	struct session_stamp loaded;  /* the edition's file when it was read */
	int told;                  /* session_file_changed() said so already */
	struct findings lint;      /* the edition's proofreading findings,
	                              sorted, once session_findings() ran */
	int linted;                /* lint holds them for this edition */
	struct archive *arc;       /* the archive ed is one of (the caller's),
	                              or NULL for a single edition */
	size_t cur;                /* ed's index in arc->v, or SIZE_MAX when
	                              it is no longer there */
	char *cur_path;            /* arc->v[cur].path as stored: to find it
	                              again when the archive is reordered */
	char cur_date[11];         /* its date, to go on from when it is gone */
};

/* Start a session over ed with the view laid out by lo (its width is the
 * screen's business) and o's settings; nothing is read yet. */
void session_init(struct session *s, struct edition *ed, const struct gazetteer *gaz,
		  const struct options *o, const struct layout_opts *lo);
/* Read the bookmarks and, with restore_position, go to the position saved
 * for this edition (call once the view has its size). Returns 0, or -1
 * with err when the bookmarks cannot be read: the session goes on without
 * them. Bad lines of the file are in s->bm.warnings. */
int session_open(struct session *s, struct error *err);
/* Save the position and release all but the edition. Returns 0, or -1
 * with err filled when the position could not be saved (a full disk):
 * the caller says so, as for a failed bookmark. */
int session_close(struct session *s, struct error *err);

/* Record the reading position of this edition. Returns 0 (also when
 * there is nothing to record), or -1 with err. */
int session_save_position(struct session *s, struct error *err);
/* The article at the reading position, and its text offset there. */
void session_here(const struct session *s, size_t *article, size_t *offset);

/* Is the article bookmarked? Constant time. */
int session_is_bookmarked(const struct session *s, size_t article);
/* Bookmark the story at the reading position with a note (may be "").
 * Returns 0, or -1 with err. */
int session_bookmark_add(struct session *s, const char *note, struct error *err);
/* Remove the bookmark of the story at the reading position. Returns 1, 0
 * when it has none, or -1 with err. */
int session_bookmark_remove(struct session *s, struct error *err);

/* Read the bookmarks again (another reader may have changed them) and rank
 * them newest first. Returns how many, or -1 with err. */
long session_bookmarks_list(struct session *s, struct error *err);
/* The bookmark of a rank in that list, or NULL. */
const struct bookmark *session_bookmark(const struct session *s, size_t rank);
/* Delete it, or set its note; both rank the list again. Return 1, 0 when
 * it is gone already, or -1 with err. */
int session_bookmark_delete(struct session *s, size_t rank, struct error *err);
int session_bookmark_note(struct session *s, size_t rank, const char *note, struct error *err);

enum session_jump { JUMP_DONE, JUMP_NO_EDITION, JUMP_NO_STORY };
/* Called with each editions directory before it is searched. */
typedef void session_progress(void *ctx, const char *dir);
/*
 * Go to the bookmark of a rank: in this edition, or in its own edition,
 * opened at its path or else found by id in the editions directories
 * (progress, which may be NULL, hears of each). Opening another edition
 * saves the position in this one first, replaces *s->ed and lays the view
 * out again at the same size. JUMP_NO_EDITION when it is nowhere (nothing
 * changed); JUMP_NO_STORY when its edition holds the story no more.
 */
enum session_jump session_bookmark_open(struct session *s, size_t rank, session_progress *progress,
					void *ctx);

/* Go pct (0 to 100) percent of the way into the edition's text, counted
 * over every article's text. */
void session_percent(struct session *s, int pct);
/* Write the open article to f as plain text: its items in order (kicker,
 * headline, paragraphs, byline), each on a line, a blank line between.
 * Returns 0, or -1 on a write error (errno set). */
int session_write_article(const struct session *s, FILE *f);
/* The source lines of the first and last text on screen (*first 0 when
 * the screen shows no article text). */
void session_lines_on_screen(const struct session *s, size_t *first, size_t *last);

/* The edition's proofreading findings (lint.h, with the settings'
 * [lint] off), sorted by line and column: found on the first call for
 * each edition loaded, then kept. */
const struct findings *session_findings(struct session *s);

/* Go to source line `line` of the file: the display line of its text, or
 * of the nearest text after it, at the top (proof.h). Returns 0, or -1
 * when the line is outside any article (nothing moves). */
int session_goto_line(struct session *s, size_t line);

/* Was the edition read from a pipe on standard input (which cannot be
 * read again: it is never reported changed, and reloading it fails)? */
int session_piped(const struct session *s);

/* Has the edition's file changed on disk (size, modification time, or
 * gone) since it was loaded? Says so once per load: 1 the first time it
 * notices, 0 before and after. The open edition stays as it was loaded
 * (it is held in memory, never mapped) until session_reload(). */
int session_file_changed(struct session *s);

/* Read the edition's file again and reopen it at the same story (by
 * number and headline) and text offset, as far as they still exist; the
 * edition is replaced in place. Returns 0, or -1 with err filled (the old
 * edition stays open). */
int session_reload(struct session *s, struct error *err);

/*
 * Archives: the session over one edition of an archive (archive.h), all
 * the others on disk only. The archive is the caller's: it may fill and
 * reorder it (catalog_fill), then call session_archive_changed().
 */
/* Make the open edition entry cur of a. Marks the editions that hold a
 * bookmark (their marked field). */
void session_set_archive(struct session *s, struct archive *a, size_t cur);
/* The archive was filled or reordered: find the open edition again (by
 * its path as stored) and mark the bookmarked editions again. */
void session_archive_changed(struct session *s);
/* Open edition i of the archive in place of the open one: the position
 * in this one is saved, the new one opens at its saved position (with
 * restore_position), else at its start. Returns 0, or -1 with err when it
 * cannot be read (nothing changed). */
int session_open_edition(struct session *s, size_t i, struct error *err);
/* The index of the edition count editions after (dir 1) or before (dir
 * -1) the open one in the archive's order, stopping at either end; the
 * open one's own index when there is none that way (SIZE_MAX without an
 * archive, or when the archive is empty). */
size_t session_edition_by(const struct session *s, int dir, long count);
/* Open article `article` (from 1) of edition i, at source line `line`
 * of the file when that is in the article (0: at its top). Returns 0, -1
 * with err when the edition cannot be read, 1 when it has no such article
 * (the edition is open, at its saved position). */
int session_open_story(struct session *s, size_t i, size_t article, size_t line,
		       struct error *err);

#endif
