/*
 * variants: which Han characters belong to one script only, from OpenCC's
 * conversion tables (Debian libopencc): a character that OpenCC's
 * traditional-to-simplified table changes is a traditional (or variant)
 * form, one that the simplified-to-traditional table changes and the
 * other keeps is a simplified form. Proofreading uses it to find a
 * traditional character in simplified text (阳羨) and the reverse.
 *
 * The table is built on first use, from conversions of every character of
 * the CJK blocks: the traditional side first, the simplified side only
 * when asked (variant_script()); without OpenCC's data every character is
 * "both" and nothing is reported.
 */
#ifndef READER_VARIANTS_H
#define READER_VARIANTS_H

#include <stdint.h>

enum variant_script {
	VARIANT_BOTH,         /* used in both scripts (or not a Han character) */
	VARIANT_TRADITIONAL,  /* a traditional or variant form only */
	VARIANT_SIMPLIFIED,   /* a simplified form only */
};

/* Is cp a traditional or variant form only? (Needs one conversion; what
 * simplified text asks.) */
int variant_is_traditional(uint32_t cp);
/* The script cp belongs to (needs all the conversions, the first time). */
enum variant_script variant_script(uint32_t cp);
/* The other script's form of cp (its first one), or cp itself. */
uint32_t variant_other(uint32_t cp);
/* The table that folds traditional characters to simplified ones for
 * search (fold.h's fold_text_script()): for each code point from
 * FOLD_SCRIPT_LO to FOLD_SCRIPT_HI, its simplified form when it is a
 * traditional or variant form only, else itself. Built once per process
 * on first call (thread-safe; tens of milliseconds: call it when a search
 * asks, not before the first screen), never freed. */
const uint32_t *variant_fold_table(void);
/* Whether OpenCC's tables could be read. */
int variant_available(void);

#endif
