/*
 * finding: the one kind of located message.
 *
 * Errors, the parser's repairs, warnings about lines of the bookmark and
 * position files, and (later) proofreading findings are all findings: a
 * kind, a place (file, 1-based line and column, 0 when unknown) and a
 * message. The table of kinds gives each its stable name (what --json and
 * reader.ini call it), its level and one line of rationale, as mandoc's
 * message table does; every output prints a finding one way:
 *
 *     stderr   reader: FILE:LINE:COLUMN: message     (finding_print)
 *     --json   {"kind", "level", "line", "column", "message"}  (finding_json)
 *
 * Outside text in a file name or message is escaped on output (escape.h).
 */
#ifndef READER_FINDING_H
#define READER_FINDING_H

#include <stddef.h>
#include <stdio.h>

#include "json.h"

enum finding_level { LEVEL_NOTE, LEVEL_WARNING, LEVEL_ERROR };

enum finding_kind {
	FK_ERROR,          /* a file or an argument cannot be used */
	FK_CONFIG,         /* a mistake in the settings file */
	FK_RECORD_LINE,    /* a bookmark or position line that does not parse */
	FK_JOIN,           /* a paragraph rejoined across a column break */
	FK_BYLINE_SPLIT,   /* a byline split off the end of a paragraph */
	FK_INVALID,        /* invalid bytes replaced by U+FFFD */
	FK_CONTROL,        /* a control character, kept as data */
	FK_JOIN_CANDIDATE, /* a line that may continue a paragraph, not joined */
	FK_BOUNDARY,       /* an article boundary the parser was unsure of */
	FK_INDENT,         /* indentation trimmed off the start of lines */
	FK_TRAILING,       /* whitespace trimmed off the end of lines */
	/* Proofreading (--lint): what looks wrong in the text itself. */
	FK_FORMAT,         /* an invisible format character (ZWJ, bidi, BOM) */
	FK_DOUBLED,        /* a character or word doubled by mistake */
	FK_VARIANT,        /* a character of the other script (阳羨) */
	FK_HALFWIDTH,      /* half-width punctuation between Chinese characters */
	FK_MIXED_WIDTH,    /* full-width digits or letters beside half-width ones */
	FK_LATIN_NUMBER,   /* a letter inside a number (4OO) */
	FK_UNBALANCED,     /* an unclosed or unopened quotation mark or bracket */
	FK_ODD_SPACE,      /* a space where none belongs */
	FK_COUNT,
};

struct finding_info {
	const char *name;           /* stable: join, byline-split, ... */
	enum finding_level level;
	const char *rationale;      /* why it is reported, one line */
};

/* The table of kinds, indexed by enum finding_kind. */
extern const struct finding_info finding_kinds[FK_COUNT];

struct finding {
	enum finding_kind kind;
	const char *file;           /* borrowed from the finding's owner; or NULL */
	size_t line, column;        /* 1-based; 0 when unknown */
	char *message;              /* owned by the list that holds it */
};

/* A list of findings; the file names are borrowed (the edition's or the
 * store's path), the messages owned. */
struct findings {
	struct finding *v;
	size_t n, cap;
};

/* Append a finding with a printf-style message. */
void findings_add(struct findings *fs, enum finding_kind kind, const char *file, size_t line,
		  size_t column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Append a finding whose message is the n bytes at msg, as they are
 * (no format: the cheap way for many findings). */
void findings_add_text(struct findings *fs, enum finding_kind kind, const char *file, size_t line,
		       size_t column, const char *msg, size_t n);
/* Sort by line, then column, keeping the order of equal places. */
void findings_sort(struct findings *fs);
/* Release the messages and the list; fs may be zeroed. */
void findings_free(struct findings *fs);

/* The name of a level: "note", "warning", "error". */
const char *finding_level_name(enum finding_level level);
/* Write "reader: FILE[:LINE[:COLUMN]]: message\n" to f, escaped. */
void finding_print(const struct finding *fi, FILE *f);
/* Write the finding as a JSON object. */
void finding_json(const struct finding *fi, struct json *j);

#endif
