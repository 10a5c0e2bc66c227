/*
 * proofing: the proofreading view over the article panel (P): a gutter
 * with each screen line's source line number, the findings of --lint
 * highlighted, the current finding on the status line, and > and < going
 * from finding to finding across the edition. The core does the work
 * (proof.h, session_findings()); this draws it.
 */
#ifndef READER_TUI_PROOFING_H
#define READER_TUI_PROOFING_H

#include <stddef.h>

#include "shell.h"

/* The gutter's width in columns: a line number in 4 and a space (a
 * number of 5 digits fills it). */
#define PROOF_GUTTER 5

/* Turn the view on or off. */
void proofing_toggle(struct tui *t);
/* Draw row r's gutter for display line i (the number only when it
 * differs from the row above's, and always on the first row). */
void proofing_gutter(struct tui *t, int r, size_t i);
/* Append the ranges of display line i's findings to m (holding nm of
 * max), returning the new count. */
size_t proofing_ranges(struct tui *t, size_t i, size_t (*m)[2], size_t nm, size_t max);
/* Put the current finding, or the first on the top line, on the status
 * line when nothing else is said. */
void proofing_status(struct tui *t);
/* > and <: the next (dir 1) or previous finding, count times. */
void proofing_step(struct tui *t, int dir, long times);

#endif
