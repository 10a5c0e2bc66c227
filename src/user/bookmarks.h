/*
 * bookmarks: the bookmark file, a record file (record.h).
 *
 * $XDG_DATA_HOME/reader/bookmarks (by default ~/.local/share/reader/
 * bookmarks) is UTF-8 text, one bookmark a line, meant to be read, grepped
 * and edited by people. A new file starts with
 *
 *     # reader bookmarks 1
 *     # edition_id<TAB>edition_path<TAB>edition_date<TAB>article<TAB>headline<TAB>locality<TAB>offset<TAB>created<TAB>note
 *
 * The first line names the format and its version; a file whose first line
 * names a later version is refused rather than rewritten. Every other line
 * is blank, a comment (its first character is "#"), or a bookmark of nine
 * fields separated by tabs:
 *
 *     edition_id    the edition's id: 16 hexadecimal digits (the hash of
 *                   its text, so it survives moving or re-encoding the file)
 *     edition_path  where the edition was, an absolute path
 *     edition_date  the edition's date, YYYY-MM-DD, or empty
 *     article       the article's number in the edition, from 1
 *     headline      the article's headline
 *     locality      the article's locality as printed, or empty
 *     offset        a byte offset into the article's text, decimal
 *     created       when the bookmark was made, UTC: YYYY-MM-DDTHH:MM:SSZ
 *     note          the reader's note, or empty
 *
 * Inside a field a tab is written \t, a line feed \n, a carriage return \r,
 * a backslash \\, any other ASCII control and any byte that is not UTF-8
 * \xHH, and a C1 control or a bidirectional formatting character \uHHHH
 * (escape.h's one dialect); a backslash before anything else stands for
 * itself. Files written before this dialect, with a C1 control as the \xHH
 * of its two UTF-8 bytes (\xc2\x85), load the same.
 * For example (tabs shown as "→"):
 *
 *     0123456789abcdef→/srv/papers/tongxinyuan-2020-11-11.txt→2020-11-11→4→
 *     幸福“脱口秀” 同心“话桑麻”→南京永宁街道→312→2026-11-27T12:58:41Z→ask\nabout this
 *
 * (one line, broken here to fit). A line that does not parse (wrong number
 * of fields, an id that is not 16 hex digits, an article or offset that is
 * not a number, a created time or date in another form, a relative path) is
 * reported as a finding "FILE:LINE: reason" on every load and otherwise
 * left alone: the program keeps such lines, and comments, verbatim and in
 * place when it rewrites the file. New bookmarks are added at the end. A
 * file over RECORD_MAX_BYTES (64 MiB) is "FILE: too large".
 *
 * The file is only ever replaced whole and atomically (see store.h), and
 * every change is made under the file's lock, to what is on disk at that
 * moment (record_change): two readers running at once never lose each
 * other's changes.
 */
#ifndef READER_BOOKMARKS_H
#define READER_BOOKMARKS_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "record.h"

#define BM_VERSION 1

/* One bookmark; every string is non-NULL once loaded (empty when absent). */
struct bookmark {
	char *edition_id, *edition_path, *edition_date;
	size_t article;
	char *headline, *locality;
	size_t offset;
	char *created, *note;
};

enum bm_kind {
	BM_GOOD = RECORD_GOOD,        /* a bookmark */
	BM_BAD = RECORD_BAD,          /* a line that does not parse, kept verbatim */
	BM_COMMENT = RECORD_COMMENT,  /* a comment or a blank line, kept verbatim */
};

/* The file, line by line and in file order: the record file itself, and a
 * typed view of its lines that every load and change rebuilds. */
struct bm_store {
	struct record_file file;  /* the lines; file.warnings: FK_RECORD_LINE
	                             findings, one per bad line */
	struct bm_entry {
		enum bm_kind kind;
		const char *raw;  /* the line as read, without its end; NULL for
		                     a bookmark written from its fields */
		size_t rawlen;    /* raw may hold NUL bytes */
		struct bookmark b;  /* BM_GOOD only; its strings belong to file */
	} *v;
	size_t n, cap;
};

/* A deep copy of a bookmark (NULL strings become ""), and its release:
 * what a caller keeps across a change, which reloads the store. */
void bookmark_copy(struct bookmark *dst, const struct bookmark *src);
void bookmark_free(struct bookmark *b);

/*
 * Load the bookmark file at path into s (which is overwritten: bm_free a
 * store before reusing it). A missing file is an empty store. Returns 0, or
 * -1 with err filled when the file cannot be read or has a later format
 * version; s is then an empty store that still has its path.
 */
int bm_load(struct bm_store *s, const char *path, struct error *err);

/*
 * Each change below is made under the file's lock to the file as it is on
 * disk now (keeping what other processes added), written atomically, and
 * then s is reloaded from what was written. The directory is created when
 * missing. On failure they return -1 with err filled ("PATH: reason"),
 * and s and the file are as they were (but for one case: the file was
 * replaced and only syncing its directory failed; see store_write).
 */

/* Add b at the end. created may be NULL or empty: now. Strings other than
 * the id, path and created may be NULL (empty). Returns 0 or -1; a bookmark
 * that would not load back (a bad id, path, date, article or time) is an
 * error. */
int bm_add(struct bm_store *s, const struct bookmark *b, struct error *err);

/* Remove the first bookmark with key's edition id, article, offset and
 * created. Returns 1, 0 when there is none (any more), or -1. */
int bm_remove(struct bm_store *s, const struct bookmark *key, struct error *err);

/* Set the note (NULL: empty) of the bookmark bm_remove would remove.
 * Returns 1, 0 when there is none, or -1. */
int bm_set_note(struct bm_store *s, const struct bookmark *key, const char *note,
		struct error *err);

/* The indexes into s->v of the bookmarks, newest first: by created, later
 * lines first among equals. idx has room for s->n. Returns the count. */
size_t bm_sorted(const struct bm_store *s, size_t *idx);

/* Write a header row naming the columns, then one row per bookmark in
 * bm_sorted() order, fields tab-separated and escaped as in the file. */
void bm_print_tsv(FILE *f, const struct bm_store *s);

/* Release everything s holds and zero it; s may be zeroed already. */
void bm_free(struct bm_store *s);

#endif
