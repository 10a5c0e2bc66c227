/*
 * rawline: one source line as the raw view shows it. The file's text as
 * it is, decoded and nothing else changed, with every character that
 * would not show (or would show as something else) replaced by a mark of
 * its own, so that an archivist sees exactly what the line holds:
 *
 *     →        a tab
 *     ＿       an ideographic space U+3000 (two cells, as the space)
 *     ⍽        a no-break space U+00A0
 *     ␣        an ASCII space at the end of the line (trailing)
 *     ␀ … ␟ ␡  a C0 control character, DEL (the Control Pictures)
 *     <200B>   any other invisible, format or control character, by its
 *              code point: zero-width space and joiners (200B 200C 200D),
 *              word joiner (2060), byte order mark (FEFF), soft hyphen
 *              (00AD), bidirectional controls (200E 200F 202A-202E
 *              2066-2069), other spaces (2000-200A 202F 205F), C1
 *              controls (0080-009F), line and paragraph separators,
 *              variation selectors, tags, and characters the C library
 *              cannot measure
 *     \xE4\xB8 bytes that are not text in the file's encoding (shown in
 *              the text as U+FFFD elsewhere), as the file has them
 *
 * The marks are plain text measured by the same width code as the rest
 * (width.h); the byte ranges they take are listed, for the screen to draw
 * them apart (in reverse). No curses here: the raw view (tui/raw.c) draws
 * what this builds.
 */
#ifndef READER_RAWLINE_H
#define READER_RAWLINE_H

#include <stddef.h>

#include "decode.h"
#include "util.h"

struct rawline {
	struct sbuf text;          /* the line with its marks, UTF-8 */
	size_t (*mark)[2];         /* byte ranges of text that are marks */
	size_t nmark, capmark;
};

/* Build the raw form of n bytes at s, a line of dec's text (s points into
 * dec->text; dec gives the invalid bytes' original values). out is reset
 * and reused; free it with rawline_free(). */
void rawline_build(struct rawline *out, const struct decoded *dec, const char *s, size_t n);
void rawline_free(struct rawline *r);

#endif
