/*
 * lintout: `reader --lint`: proofread files and directories and print the
 * findings as a compiler does, one per line,
 *
 *     PATH:LINE:COL: LEVEL: KIND: message
 *
 * sorted by file and position, then a summary line; or, with --json, one
 * JSON document with every file's findings and the summary. It is given
 * files: the caller expands directories (main.c, with archive_scan(), a
 * layer above this one); a file that is not an edition is reported on
 * stderr and counted.
 */
#ifndef READER_LINTOUT_H
#define READER_LINTOUT_H

#include <stddef.h>

#include "finding.h"
#include "lint.h"

struct lint_run {
	struct lint_opts opts;
	enum finding_level min;    /* the lowest level printed and counted */
	int json;
	/* counts, filled by lintout_run(); skipped may start with the files
	 * the caller skipped (and reported) before */
	size_t files, skipped, by_level[3];
	int failed;                /* set by the caller: a named path could not be read */
};

/* Proofread each of files[0..n), in that order. A file that is no
 * edition is reported on stderr, counted and passed over; when named[i] is
 * set (the user named that file, not a directory above it; named may be
 * NULL: none was) it makes the status 2. Returns the exit status: 0 when
 * nothing at or above r->min was found, 1 when something was, 2 when
 * r->failed is set or a named file holds no edition. */
int lintout_run(struct lint_run *r, const char *const *files, const unsigned char *named,
		size_t n);

/* The level named s ("note", "warning", "error"), or -1. */
int lintout_level(const char *s);

#endif
