/*
 * error: the out-parameter that recoverable failures fill.
 *
 * A failing core function returns -1 or NULL and describes the failure here:
 * the file it concerns, the 1-based line and column when they are known
 * (0 when not), and a reason. Callers print it as "reader: FILE:LINE: reason".
 */
#ifndef READER_ERROR_H
#define READER_ERROR_H

#include <stddef.h>
#include <stdio.h>

struct error {
	char file[1024];
	size_t line, column;
	char reason[512];
};

/* Fill e (which may be NULL) with a file, position and printf-style reason. */
void error_set(struct error *e, const char *file, size_t line, size_t column,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Write s to f with every character that must not reach a terminal raw
 * (text_unsafe()) written as \xHH (ASCII) or \uHHHH. */
void error_put_safe(const char *s, FILE *f);
/* Write "reader: FILE[:LINE[:COLUMN]]: reason\n" to f. */
void error_print(const struct error *e, FILE *f);

#endif
