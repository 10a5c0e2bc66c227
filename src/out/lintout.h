/*
 * lintout: `reader --lint`: proofread files and directories and print the
 * findings as a compiler does, one per line,
 *
 *     PATH:LINE:COL: LEVEL: KIND: message
 *
 * sorted by file and position, then a summary line; or, with --json, one
 * JSON document with every file's findings and the summary. Directories
 * are walked (regular files below them, in name order; symbolic links to
 * directories are not followed, so a loop cannot hang it); a file that is
 * not an edition is reported on stderr and counted.
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
	/* counts, filled by lintout_run() */
	size_t files, skipped, by_level[3];
};

/* Proofread each path (files or directories). Returns the exit status: 0
 * when nothing at or above r->min was found, 1 when something was, 2 when
 * a path could not be read or holds no edition. */
int lintout_run(struct lint_run *r, const char *const *paths, size_t n);

/* The level named s ("note", "warning", "error"), or -1. */
int lintout_level(const char *s);

#endif
