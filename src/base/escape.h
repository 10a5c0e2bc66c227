/*
 * escape: the one way text from outside is made safe to print.
 *
 * Every byte that comes from outside the program (paths, the environment,
 * file contents) passes through escape_put() before it reaches stderr, a
 * TSV field, the bookmark and position files or --bookmarks. One dialect,
 * everywhere:
 *
 *     \xHH    an ASCII control (C0 other than TAB, and DEL), or a byte that
 *             is not part of valid UTF-8 (0x9B, an 8-bit CSI, among them)
 *     \uHHHH  a character that must not reach a terminal raw: C1 controls,
 *             bidirectional formatting characters, U+2028 and U+2029
 *     \n \r   line feed and carriage return: one message is one line
 *     \t \\   tab and backslash, with ESCAPE_FIELD only (fields of TSV and
 *             record files, where a tab separates and a backslash escapes)
 *
 * JSON output escapes the same characters with JSON's own \u00HH form
 * (json.h). escape_undo() reverses escape_put(..., ESCAPE_FIELD).
 */
#ifndef READER_ESCAPE_H
#define READER_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

enum { ESCAPE_FIELD = 1 };

/* Append n bytes of s to out, escaped as above. */
void escape_put(struct sbuf *out, const char *s, size_t n, unsigned flags);
/* The same, written to f. */
void escape_fput(FILE *f, const char *s, size_t n, unsigned flags);
/* Does s need escaping at all? (The common case is no: write it whole.) */
int escape_needed(const char *s, size_t n, unsigned flags);
/* Undo the escapes of a field in place (\t \n \r \\ \xHH \uHHHH); an
 * unknown escape, or one that would give a NUL or a UTF-16 surrogate (no
 * character), stands for itself, so a hand-typed backslash survives. Returns the new length; s[len] is NUL. */
size_t escape_undo(char *s, size_t n);

#endif
