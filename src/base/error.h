/*
 * error: the out-parameter that recoverable failures fill.
 *
 * A failing core function returns -1 or NULL and describes the failure
 * here: a finding (finding.h) whose file name and message live in the
 * structure itself, so that it needs no allocation and no release.
 * Callers print it with error_print(), which is finding_print().
 */
#ifndef READER_ERROR_H
#define READER_ERROR_H

#include <stddef.h>
#include <stdio.h>

#include "finding.h"

struct error {
	enum finding_kind kind;     /* FK_ERROR unless said otherwise */
	char file[1024];
	size_t line, column;
	char reason[512];
};

/* Fill e (which may be NULL) with a file, position and printf-style
 * reason; the kind is FK_ERROR. */
void error_set(struct error *e, const char *file, size_t line, size_t column,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same with another kind (FK_CONFIG, ...). */
void error_set_kind(struct error *e, enum finding_kind kind, const char *file, size_t line,
		    size_t column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The error as a finding (pointing into e). */
struct finding error_finding(const struct error *e);
/* Write "reader: FILE[:LINE[:COLUMN]]: reason\n" to f, escaped. */
void error_print(const struct error *e, FILE *f);

#endif
