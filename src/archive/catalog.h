/*
 * catalog: the archive's index, kept in SQLite. It is a cache and never
 * the only copy of anything: keyed by path (archive_key(): absolute,
 * however the directory was typed), size and modification time, a file
 * that changed is read again; a file that is not a catalogue of
 * this version, or is corrupt, is rebuilt from nothing, never trusted.
 * Bookmarks and positions stay in their own text files.
 *
 * What it keeps: per edition file its path, size, modification time, id,
 * date, title, page and number of articles (or why it is no edition);
 * per article its number, headline, locality as printed, place code,
 * byline, source line and its text, searchable archive-wide with the
 * folding the reader's search uses plus traditional and simplified
 * characters matching each other.
 *
 * Concurrency: the database is in WAL mode, so several readers may open
 * one archive at once and one may read while another writes. Each file is
 * stored in a transaction of its own (or a batch of them), so a reader
 * killed while indexing leaves a catalogue that holds every file it
 * finished and nothing of the one it was in. A struct catalog is one
 * connection: use one per thread (the background indexer opens its own).
 *
 * Queries are over the editions of one archive only (the catalogue may
 * hold others): catalog_fill() tells the connection which those are.
 */
#ifndef READER_CATALOG_H
#define READER_CATALOG_H

#include <stdatomic.h>
#include <stddef.h>

#include "archive.h"
#include "error.h"
#include "gazetteer.h"

struct catalog;

/* $XDG_CACHE_HOME/reader/index.sqlite, else ~/.cache/reader/index.sqlite;
 * NULL when there is no home. Allocated. */
char *catalog_default_path(void);

/* Open the catalogue at path, creating it (and its directory). One that
 * is corrupt or of another version is replaced by an empty one (*rebuilt
 * set to 1 when so; rebuilt may be NULL). NULL with err on failure: the
 * caller goes on without an index. */
struct catalog *catalog_open(const char *path, int *rebuilt, struct error *err);
/* (path NULL: a catalogue in memory only, gone when closed, for when none
 * can be kept: the same answers, every file read each time.) */
void catalog_close(struct catalog *c);

/* How an update is going, read by another thread while it runs. */
struct catalog_progress {
	atomic_size_t done, total;   /* files read (or found current) so far, of total */
	atomic_int cancel;           /* set by the owner: stop after this file */
};

/*
 * Bring the catalogue up to date for the files of a: each one it does not
 * hold with this size and modification time is read (edition_load, then
 * locality_resolve with gaz, which may be NULL) and stored, or recorded as
 * no edition with the reason; an edition read again loses its old
 * articles and text. When gaz is not the gazetteer the stored places
 * were resolved with (gazetteer_stamp(), NULL counting as one), every
 * edition stored, of any archive, is stale first and read again. a is only read. p may be NULL. Returns 0,
 * 1 when cancelled, -1 with err (the catalogue keeps what was stored).
 */
int catalog_update(struct catalog *c, const struct archive *a, const struct gazetteer *gaz,
		   struct catalog_progress *p, struct error *err);

/*
 * Put the text of the articles catalog_update() stored into the search
 * index, in batches written each in one transaction (a reader killed in
 * the middle loses the batch it was in, no more); p counts articles.
 * Until then catalog_search() still finds them, by reading their text
 * (about 110 MB/s): run it after the update, in the background thread
 * (5000 editions: 12 s for the update, 9 s more for this).
 * Returns 0, 1 when cancelled, -1 with err.
 */
int catalog_index(struct catalog *c, struct catalog_progress *p, struct error *err);
/* How many (article, pair) postings catalog_index() gathers in memory
 * before it writes them in one transaction (0: the default, 4 Mi, about
 * 32 MB): for tests and benchmarks. */
void catalog_set_batch(struct catalog *c, size_t ids);

/*
 * Fill every entry of a that the catalogue holds current (same size and
 * modification time) from it: date (the dateline's, when it has one),
 * title, page, narticles, id, read, rowid; move the ones it knows are no
 * editions to a->skipped. Then order a, and make a the archive the
 * queries below are over. Returns how many entries are still unread.
 */
size_t catalog_fill(struct catalog *c, struct archive *a);

/*
 * A warm start's archive without reading a directory: every edition the
 * catalogue holds at or below paths[0..n) (a named file, or a directory's
 * files as archive_scan() names them), filled as catalog_fill() fills,
 * the ones it knows are no editions in a->skipped, into a (empty), put
 * in order and made the archive the queries are over. What changed on
 * disk since is not seen: scan and fill afterwards. The paths are shown
 * below each root as it was typed. Returns how many
 * editions it listed (0: none known, or an error).
 */
size_t catalog_list(struct catalog *c, const char *const *paths, size_t n, struct archive *a);
/* Does the catalogue hold anything at or below paths[0..n)? (One look
 * at the index: whether catalog_list() would list anything.) */
int catalog_knows(struct catalog *c, const char *const *paths, size_t n);

/*
 * Remove the editions at or below paths[0..n) whose files are gone (stat
 * says ENOENT; a root that is itself not there is left alone), with their
 * articles and text. Nothing else: the catalogue is shared by every
 * archive. Returns how many were removed, or -1 with err.
 */
long long catalog_forget_gone(struct catalog *c, const char *const *paths, size_t n,
			      struct error *err);

/* The search index keeps the ids of articles deleted since (an edition
 * read again, or gone) until it is rewritten: catalog_index() rewrites it
 * when they are more than a quarter of the indexed ones. How many there
 * are (-1 on error), and the rewrite itself (0, or -1 with err). */
long long catalog_dead(struct catalog *c);
int catalog_compact(struct catalog *c, struct error *err);

/* A locality over the archive, with its number of stories. */
struct catalog_place {
	char code[16];           /* the place code, or "" when unresolved */
	char *locality;          /* as printed (the most frequent spelling) */
	size_t count;            /* the stories catalog_stories() lists for
	                            it: a code's with those of the codes below
	                            it (a county's with its towns') */
};
/* Every locality of the archive's stories, most stories first. Returns 0,
 * or -1 with err. */
int catalog_places(struct catalog *c, struct catalog_place **v, size_t *n, struct error *err);
void catalog_places_free(struct catalog_place *v, size_t n);

/* A story: where it is, and for a search, the matching text. */
struct catalog_story {
	size_t edition;          /* index into the archive's v */
	size_t article;          /* from 1 */
	size_t line;             /* source line: the story's, or the match's */
	char *headline;
	char *locality;          /* as printed, or "" */
	char code[16];           /* the place code, or "" */
	char *text;              /* a search hit: the paragraph or item that
	                            matches, as in the edition; else NULL */
	size_t match, matchlen;  /* the match: bytes of text */
};
/* The stories at a place (code, or the locality as printed when code is
 * ""; a code takes in the places below it), newest first. */
int catalog_stories(struct catalog *c, const char *code, const char *locality,
		    struct catalog_story **v, size_t *n, struct error *err);
/* The stories whose text holds query (literal, folded: width forms, case,
 * traditional and simplified characters match each other), newest first,
 * at most limit (0: no limit), one per match. */
int catalog_search(struct catalog *c, const char *query, size_t limit,
		   struct catalog_story **v, size_t *n, struct error *err);
void catalog_stories_free(struct catalog_story *v, size_t n);

#endif
