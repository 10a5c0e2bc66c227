/*
 * record: the versioned record-file format under the bookmark and position
 * files, and the one lock-load-change-write cycle that changes them.
 *
 * A record file is UTF-8 text meant to be read, grepped and edited by
 * people. A new file starts with two comment lines,
 *
 *     # reader NAME VERSION
 *     # column<TAB>column<TAB>...
 *
 * The first names the format and its version; a file whose first line
 * names a later version is refused rather than rewritten. Every other line
 * is blank, a comment (its first character is "#"), or a record: a fixed
 * number of fields separated by tabs, each escaped with escape.h's field
 * dialect (escape_put(..., ESCAPE_FIELD)); older files that wrote a C1
 * control as the \xHH escapes of its two UTF-8 bytes load the same. A line
 * ends at LF, CRLF or CR.
 *
 * What always holds: a record_file's lines are the file's lines in order,
 * and writing it back gives every line it read byte for byte, line end
 * included (comments, bad lines, untouched records), except the records a
 * change removed or rewrote. A line is RECORD_GOOD exactly when it has the
 * format's number of fields and the format's check accepts them; every
 * other data line is RECORD_BAD and has one finding of kind
 * FK_RECORD_LINE ("FILE:LINE: reason") in the file's warnings.
 */
#ifndef READER_RECORD_H
#define READER_RECORD_H

#include <stddef.h>

#include "error.h"
#include "finding.h"
#include "util.h"

/* The largest record file read (64 MiB): a bigger one is "FILE: too
 * large", not a reason to fill memory. */
#define RECORD_MAX_BYTES ((size_t)64 << 20)

struct record_format {
	const char *name;       /* the header's NAME: "bookmarks" */
	int version;            /* the newest version this reader writes */
	const char *columns;    /* the column names, tab-separated */
	size_t nfields;
	/* NULL when the unescaped fields (nfields of them, NUL-terminated and
	 * editable) make a good record, else why not, written into why. */
	const char *(*check)(char **field, char *why, size_t size);
};

enum record_kind {
	RECORD_GOOD,     /* a record the format accepts */
	RECORD_BAD,      /* a data line that does not parse, kept verbatim */
	RECORD_COMMENT,  /* a comment or a blank line, kept verbatim */
};

struct record {
	enum record_kind kind;
	char *raw;            /* the line as read, without its end; NULL for a
	                         record to be written from its fields */
	size_t rawlen;        /* raw may hold NUL bytes */
	const char *eol;      /* the line's end as read: "\n", "\r\n" or "\r" */
	char **field;         /* RECORD_GOOD: nfields unescaped strings */
};

struct record_file {
	const struct record_format *fmt;
	char *path;
	struct record *v;
	size_t n, cap;
	struct findings warnings;   /* FK_RECORD_LINE, one per bad line */
	int foreign;                /* the file has text but its first line is
	                               not this format's header: it is read,
	                               never rewritten */
};

/* Make rf an empty file of format fmt at path (rf is overwritten). */
void record_init(struct record_file *rf, const struct record_format *fmt, const char *path);

/*
 * Load the file at path into rf (overwritten: record_free it before
 * reuse). A missing file is an empty one. Returns 0, or -1 with err filled
 * when the file cannot be read, is over RECORD_MAX_BYTES or names a later
 * version of the format; rf is then empty but keeps its format and path.
 */
int record_load(struct record_file *rf, const struct record_format *fmt, const char *path,
		struct error *err);

/* One change to a file's current content: 1 when it changed it, 0 when
 * there was nothing to do. */
typedef int (*record_change_fn)(struct record_file *disk, const void *arg);

/*
 * The one way a record file is changed: create its directory when missing,
 * take its lock (store.h), load what is on disk now, apply change, and when
 * it changed something write the result atomically and reload rf from the
 * very bytes written (so that warnings name the file's lines); otherwise rf
 * becomes what is on disk. A file whose first line is not the format's
 * header (rf->foreign: say a link to some other file) is never rewritten:
 * -1, "not a reader NAME file". Returns change's result, or -1 with err
 * filled ("PATH: reason"), rf and the file then as they were (but see
 * store_write for a failed directory sync).
 */
int record_change(struct record_file *rf, record_change_fn change, const void *arg,
		  struct error *err);

/* Append a record of the given fields (copied) at the end; an empty file
 * gets the two header lines first. */
void record_append(struct record_file *rf, const char *const *field);
/* Give record i new fields (copied; they may be its own old ones); it is
 * then written from them. */
void record_set(struct record_file *rf, size_t i, const char *const *field);
/* Remove record i. */
void record_remove(struct record_file *rf, size_t i);

/* Append n fields to o, escaped and separated by tabs (no line end). */
void record_put_fields(struct sbuf *o, const char *const *field, size_t n);

/* The field forms the record files share. */
/* 16 hexadecimal digits: an edition id. */
int record_is_id(const char *s);
/* YYYY-MM-DD, with a month and day that could exist. */
int record_is_date(const char *s);
/* YYYY-MM-DDTHH:MM:SSZ, the one form of time the program writes. */
int record_is_utc_time(const char *s);
/* A decimal number without sign or spaces that fits size_t: 1 and *out. */
int record_parse_num(const char *s, size_t *out);
/* The current time as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void record_now(char *buf, size_t size);

/* Release everything rf holds and zero it; rf may be zeroed already. */
void record_free(struct record_file *rf);

#endif
