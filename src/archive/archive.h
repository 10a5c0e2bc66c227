/*
 * archive: the editions found below the paths the user names (files and
 * directories, recursively), in reading order: by edition date, then by
 * page, then by path. No SQLite here: what only reading a file tells (the
 * dateline's date, the paper's title, the page, the number of articles)
 * comes from the catalogue (catalog.h), which reads each file once and
 * keeps the answer.
 *
 * The date of an entry is the dateline's when the file has been read and
 * has one, else a date in the file's name (2020-11-05, 20201105,
 * 2020年11月5日), else the day of its modification time (local time);
 * date_from says which.
 *
 * Files that cannot be editions (empty, unreadable, not regular, and once
 * read: binary or without a single article) are kept in skipped with the
 * reason, never in v: the editions list says how many, --outline reports
 * each. A directory is entered once however many symbolic links lead to it
 * (device and inode), so that a link loop ends.
 *
 * What always holds: v holds no two entries with the same path; after
 * archive_order() v is sorted and archive_find() works.
 */
#ifndef READER_ARCHIVE_H
#define READER_ARCHIVE_H

#include <stddef.h>

#include "error.h"

enum date_from { DATE_NONE, DATE_MTIME, DATE_NAME, DATE_DATELINE };

struct archive_entry {
	char *path;              /* a named path, or one joined with the names below it */
	char *key;               /* the same file for the catalogue: path with its named
	                          * root made absolute (realpath()), so that however the
	                          * root is typed a file has one key (links below the
	                          * root are not resolved: a file reached through one
	                          * from another root is a key of its own); NULL when
	                          * the root could not be resolved (path is the key) */
	long long size, mtime_s; /* as stat() said when scanned */
	long mtime_ns;
	char date[11];           /* YYYY-MM-DD, or "" with DATE_NONE */
	enum date_from date_from;
	int page;                /* from 1; 0 when unknown */
	char *title;             /* the paper's name, or NULL */
	unsigned narticles;      /* 0 until read */
	char id[17];             /* edition_id(), "" until read */
	int read;                /* title, narticles and id come from the file */
	long long rowid;         /* the catalogue's, 0 when it has none */
	int marked;              /* the session's: something in it is bookmarked */
};

struct archive_skip {
	char *path;
	char *why;               /* translated, one line */
};

struct archive_seen;

struct archive {
	struct archive_entry *v;
	size_t n, cap;
	struct archive_skip *skipped;
	size_t nskipped, capskipped;
	/* private: the indices of v sorted by path, built by archive_order()
	 * for archive_find() (valid while nbypath == n); the devices and
	 * inodes of the files archive_scan() has met, so that a later scan
	 * into the same archive adds no file twice. A zeroed struct archive is empty. */
	size_t *bypath, nbypath;
	struct archive_seen *seen;
};

/*
 * Find the files below each of paths[0..n): a file is taken as named, a
 * directory walked in name order (its hidden entries, names starting
 * with '.', are left out). Each entry gets its size, modification time
 * and the date (and page) its name gives, else its modification time's.
 * Returns 0; -1 with err (naming the path) when a named path does not
 * exist or cannot be read — the others are still scanned.
 *
 * In detail: v is in scan order (the paths in the order given, each
 * directory's entries by byte value of their names) until
 * archive_order(). Symbolic links are followed; a directory or file
 * reached again (the same device and inode, by a link, a hard link, or
 * named twice) is taken once, at the first path that reached it, and a
 * further call adds to a what is new, without taking again a file an
 * earlier one took (or skipped).
 * When a file's name gives no date, the name of its directory may
 * (2020-11-05/p01.txt: DATE_NAME, the page still from the file's name).
 * Skipped with the reason: empty files, files that are not regular
 * (FIFOs, devices, sockets), files the process may not read (their
 * permission bits against the effective ids; root reads all), dangling
 * links, directories below a named one that cannot be read (strerror
 * texts).
 */
int archive_scan(struct archive *a, const char *const *paths, size_t n, struct error *err);
/* Add an entry as known from elsewhere (the catalogue), without looking
 * at the disk: its date the dateline's date when given (YYYY-MM-DD, page
 * then 0 for the caller to set), else from its name (and the page), else
 * from mtime_s. No check that the path is new: for an archive made only
 * so. Returns it, to fill further. */
struct archive_entry *archive_add(struct archive *a, const char *path, long long size,
				  long long mtime_s, long mtime_ns, const char *date);
/* The catalogue's key of e: its key, else its path. */
static inline const char *archive_key(const struct archive_entry *e)
{
	return e->key ? e->key : e->path;
}
/* Is path root itself, or below it as archive_scan() joins names (root
 * followed by a slash and more)? */
int archive_below(const char *path, const char *root);
/* path, at or below from (as archive_scan() joins names: from itself, or
 * from followed by a slash and more), rebased onto to: "a1/x.txt" from
 * "a1" onto "/srv/a1" is "/srv/a1/x.txt". Allocated; NULL when path is not
 * at or below from. The keys are made so, and the paths the user typed
 * are found again from them so. */
char *archive_rebase(const char *path, const char *from, const char *to);
/* Add a skipped file with why (both copied). */
void archive_add_skip(struct archive *a, const char *path, const char *why);
/* Move entry i to the skipped files with why (copied). */
void archive_skip(struct archive *a, size_t i, const char *why);
/* Sort v into reading order. */
void archive_order(struct archive *a);
/* The index in v of path (as stored), or (size_t)-1. Needs the order. */
size_t archive_find(const struct archive *a, const char *path);
void archive_free(struct archive *a);

/* The date (and page, else 0) a file name gives: 1 and date filled as
 * YYYY-MM-DD, or 0. Only the last component of path is looked at.
 * The shapes, the first that is a real date from 1800 to 2199 wins:
 * 2020-11-05, 2020_11_05, 2020.11.05 (month and day of one or two digits
 * too), 20201105 (exactly eight digits), 2020年11月5日. The pages: the
 * PP of YYYYMMDD-PP-NN (People's Daily crawls), 第3版 (or 第三版), and
 * p01, page3 or a section letter with its number (A04: 4) standing alone
 * between separators. *page is set even when no date is found; page may
 * be NULL. */
int archive_name_date(const char *path, char date[11], int *page);
/* The weekday of a YYYY-MM-DD date, 0 for Sunday to 6, or -1 when it is
 * no valid date. */
int archive_weekday(const char *date);

#endif
