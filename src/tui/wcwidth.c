/*
 * wcwidth: ambiguous-width characters two cells wide, for curses too.
 *
 * ncursesw places text with the C library's wcwidth(), which gives East
 * Asian ambiguous characters (“ ” … · —) one cell. When the setting
 * ambiguous_width is 2 (a terminal that draws them double width), the
 * layout counts two cells for them, and curses must agree or every such
 * character shifts the rest of the line. The executable therefore defines
 * wcwidth() itself: ELF symbol interposition makes libncursesw call this
 * one, which asks the C library's and widens ambiguous characters when
 * the shell says so. With the setting at 1 it is the C library's exactly.
 */
#include <dlfcn.h>
#include <wchar.h>

#include "width.h"

extern int tui_ambiguous_wide;

int wcwidth(wchar_t c)
{
	static int (*real)(wchar_t);
	int w;

	if (!real) {
		real = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
		if (!real)
			return c < 0x7F && c >= 0x20 ? 1 : -1;
	}
	w = real(c);
	if (w == 1 && tui_ambiguous_wide && width_is_ambiguous((uint32_t)c))
		return 2;
	return w;
}
