/*
 * wcwidth: ambiguous-width characters two cells wide, for curses too.
 *
 * ncursesw places text with the C library's wcwidth(), which gives East
 * Asian ambiguous characters (“ ” … · —) one cell. When the setting
 * ambiguous_width is 2 (a terminal that draws them double width), the
 * layout counts two cells for them, and curses must agree or every such
 * character shifts the rest of the line. The executable therefore defines
 * wcwidth() itself: ELF symbol interposition makes libncursesw call this
 * one, which is the width module's width_terminal() (the C library's,
 * widened by the setting the shell gave width_set_ambiguous()). The core
 * never reaches this override: it measures with width_libc().
 */
#include <stdint.h>
#include <wchar.h>

#include "width.h"

int wcwidth(wchar_t c)
{
	return width_terminal((uint32_t)c);
}
