/*
 * width: how many terminal cells a character takes, and what the screen
 * draws for it. The one measure both the layout and the curses shell use,
 * so that they always agree.
 *
 * Widths follow the C library's wcwidth() in a UTF-8 locale (that is what
 * ncursesw uses to place text), with East Asian ambiguous characters
 * (“ ” ‘ ’ … · —) taking 1 or 2 cells by the setting ambiguous_width.
 *
 * This module also owns the terminal's ambiguous width: the curses shell
 * puts its own wcwidth() in front of the C library's so that curses counts
 * ambiguous characters as the terminal draws them, and that override asks
 * width_terminal(). The core itself never calls wcwidth() by name: it
 * reaches the C library's own (width_libc), so the layout is the same
 * whatever the program in front of it has interposed.
 * Characters that must not reach the terminal raw (controls, bidi and other
 * format characters) are drawn as a visible mark of fixed width, or not at
 * all when they are zero-width format characters.
 */
#ifndef READER_WIDTH_H
#define READER_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Make sure LC_CTYPE is a UTF-8 locale, switching to C.UTF-8 when it is
 * not. Returns 0, or -1 when no UTF-8 locale is available. */
int width_init(void);

/* Changes whenever width_init() changes the locale, so that caches of
 * widths know to start again. */
int width_generation(void);

/* The C library's wcwidth() of cp, never an interposed one: -1 for what
 * it cannot measure. */
int width_libc(uint32_t cp);

/* Set the cells the terminal gives ambiguous characters (1 or 2; any
 * other value is 1), and read it back. Only width_terminal() reads it: the
 * layout takes its ambiguous width from its options. */
void width_set_ambiguous(int amb);
int width_ambiguous(void);

/* What the terminal's wcwidth() is: width_libc(), with ambiguous
 * characters two cells wide when width_ambiguous() is 2. */
int width_terminal(uint32_t cp);

/*
 * The probe of ambiguous_width = auto: a terminal's answer to ESC [ 6 n
 * (ESC [ ROW ; COL R), found in n bytes that may hold other input before
 * it, after the probe printed one ambiguous character at column 1. Returns
 * the cells the terminal gave it (1 or 2), or 0 when there is no such
 * answer or it makes no sense.
 */
int width_probe_answer(const char *s, size_t n);

/* Is cp East Asian Width "A" (ambiguous)? */
int width_is_ambiguous(uint32_t cp);

/* Cells cp takes on screen (0, 1 or 2); amb is 1 or 2. */
int width_cp(uint32_t cp, int amb);

/* The mark drawn for a format character that would change the text
 * without showing (◇, WHITE DIAMOND). */
#define WIDTH_FORMAT_MARK 0x25C7

/*
 * What the screen and the dump draw for cp, one convention everywhere:
 * cp itself; or a visible mark (*mark set, drawn in reverse on screen)
 * for controls (the Control Pictures ␀ … ␟, ␡ for DEL), C1 controls (?),
 * format characters that would change the text without showing (◇ for
 * the bidirectional controls, the soft hyphen, word joiners, a byte order
 * mark inside the text) and code points the C library cannot measure; or
 * 0 for a format character that does a job where it stands and is drawn as
 * nothing (the zero-width space, the joiners of emoji sequences, variation
 * selectors, tags; --lint lists them). width_cp() is the width of this
 * glyph.
 */
uint32_t width_glyph(uint32_t cp, int *mark);

#endif
