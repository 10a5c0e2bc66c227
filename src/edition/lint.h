/*
 * lint: proofreading an edition. What the loader repaired and what looks
 * wrong in the text, as findings (finding.h) placed at source lines and
 * columns through the edition's source map, for `reader --lint` and the
 * proofreading view.
 *
 * The kinds (the table in finding.c gives each its level and rationale):
 * the loader's own findings (joins, placed at the seam's first line, join
 * candidates, bylines split off, invalid bytes, controls, boundaries),
 * format characters, doubled characters and words, characters of the
 * other script, half-width punctuation beside Chinese characters (one
 * finding per paragraph, with counts), mixed digit and letter widths,
 * letters inside numbers, unbalanced quotation marks and brackets, and odd
 * spaces. Every rule is about shapes; the lists it uses (reduplications
 * that are Chinese, bracket pairs) are general, never taken from a page.
 */
#ifndef READER_LINT_H
#define READER_LINT_H

#include <stdint.h>

#include "edition.h"
#include "finding.h"

struct words;

struct lint_opts {
	uint32_t off;              /* a bit per finding kind switched off */
	const struct words *words; /* the word list (words.h), or NULL */
};

/* Append the findings of ed to out, in no particular order (sort them
 * with findings_sort()); their file is ed->path. */
void lint_edition(const struct edition *ed, const struct lint_opts *o, struct findings *out);

/* Set o from a space- or comma-separated list of kind names to switch off
 * ("doubled variant"); -1 with *bad pointing at the first unknown name
 * (its length in *badlen). */
int lint_parse_off(struct lint_opts *o, const char *list, const char **bad, size_t *badlen);

#endif
