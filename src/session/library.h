/*
 * library: an archive open in the reader: its editions in reading order
 * (archive.h), its catalogue (catalog.h) on a connection of the
 * foreground's, and the background indexing that brings the catalogue up
 * to date while the reader shows the first edition. No curses here.
 *
 * The indexing runs in a thread of its own with a connection of its own
 * over a copy of the unread entries (the foreground fills and reorders
 * the archive meanwhile); the foreground asks how far it is and fills the
 * archive from the catalogue again when it ends and every few seconds
 * while it runs (library_poll()). Without a catalogue (no home, or it
 * cannot be opened) the archive is still read, in the order the names and
 * modification times give.
 *
 * A warm start (library_open_warm()) takes the archive from the catalogue
 * without reading a directory, so that the first screen does not wait
 * for a walk of thousands of files; the walk runs in a thread of its own
 * after the first screen, and its result replaces the listed archive.
 *
 * Memory: the entries (a path and a few fields each), never the editions'
 * text: the session holds the one edition open.
 */
#ifndef READER_LIBRARY_H
#define READER_LIBRARY_H

#include <stddef.h>

#include "archive.h"
#include "catalog.h"
#include "edition.h"
#include "error.h"
#include "gazetteer.h"
#include "options.h"

struct library_job;
struct library_scan;

struct library {
	struct archive a;
	struct catalog *cat;       /* the foreground's connection, or NULL */
	char *cat_path;            /* where the catalogue is, or NULL */
	char cat_error[1600];      /* why there is none, or "" */
	char scan_error[1600];     /* a path that could not be read, or "" */
	size_t first;              /* the entry library_load_first() loaded */
	struct library_job *job;   /* the indexing, while it runs or until
	                              library_poll() collects it */
	double last_fill;          /* when the archive was last filled (seconds) */
	size_t unread;             /* entries the catalogue had not read then */
	int started;               /* library_index() started the indexing */
	/* A warm start (library_open_warm()): the paths to scan, the scan
	 * still to start (rescan) or running (scan). */
	char **scan_paths;
	size_t scan_n;
	int relist;                /* the list from the catalogue is still to make */
	int rescan;
	struct library_scan *scan;
	int indexed;               /* an indexing has run to its end */
};

/* Find the editions below paths[0..n) and fill what the catalogue knows
 * of them. Returns 0 (a path that cannot be read is then in scan_error;
 * the others are read), or -1 with err when no edition is found at all. */
int library_open(struct library *l, const char *const *paths, size_t n, struct error *err);
/* The same, fast on a warm start: when the catalogue knows editions at or
 * below the paths, the archive is those (catalog_list()), with no
 * directory read: made by library_load_first(), or when that opens the
 * edition read last straight from the positions file (first is then
 * SIZE_MAX, the place not known yet), by the first library_poll() (after
 * the first screen). The scan starts at the next library_poll(), in the
 * background, and when it ends the archive is filled again with what is
 * on disk (new and changed files unread, gone ones left out, and the
 * catalogue's editions whose files are gone removed). Otherwise as
 * library_open(). */
int library_open_warm(struct library *l, const char *const *paths, size_t n, struct error *err);
/* Make a warm start's list if it is still to make, wait for its scan
 * (starting it if need be) and fill the
 * archive with its result: 1 when it did, 0 when there was none, -1 with
 * err when a path could not be read (the others are in). */
int library_settle(struct library *l, struct error *err);
/* The entry to open first: the one read last by the positions file of o
 * (found by its id, else its path), else the first. */
size_t library_first(const struct library *l, const struct options *o);
/* Load that entry into ed, its index into first; entries that cannot be
 * read are moved to the skipped ones and the next is tried. (A warm
 * start: see library_open_warm().) Returns 0, or
 * -1 with err when none can be read. */
int library_load_first(struct library *l, const struct options *o, struct edition *ed,
		       struct error *err);
/* Start bringing the catalogue up to date in the background, when there is
 * one and anything is unread. Returns 1 when it started, 0 when there is
 * nothing to do, -1 with err. */
int library_index(struct library *l, const struct gazetteer *gaz, struct error *err);
/* Is indexing running? 1 while it reads the files (*done of *total), 2
 * while it makes the search index of their articles (*done of *total
 * articles), 0 when it is not. */
int library_progress(const struct library *l, size_t *done, size_t *total);
/* Now and then (the reader calls it at every pause): a warm start's scan
 * is started, and collected when it ends; when the indexing has ended, or
 * every few seconds while it runs, the archive is filled from the
 * catalogue again. Returns 1 when it was filled (the session must find its
 * edition again: session_archive_changed()), 0 when not, -1 with err
 * when the indexing failed (what it stored is kept) or a path could not
 * be scanned (the archive was filled with the others). */
int library_poll(struct library *l, struct error *err);
/* Stop the indexing (after the file it is in) and wait for it; close the
 * catalogue and free the archive. */
void library_close(struct library *l);

#endif
