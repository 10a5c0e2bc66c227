/*
 * width: cell widths and drawn glyphs, shared by the layout and the
 * screen. See width.h.
 */
#include "width.h"

#include <dlfcn.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <uniwidth.h>
#include <wchar.h>

#include "eaw_table.h"

static int generation;
static int terminal_amb = 1;

/* The C library's wcwidth, looked up past this program: the shell
 * interposes its own wcwidth() (for curses), and a call by name from here
 * would reach that one. Without a dynamic C library, libunistring's
 * measure stands in. */
int width_libc(uint32_t cp)
{
	static int (*real)(wchar_t);
	static int looked;

	if (!looked) {
		real = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
		looked = 1;
	}
	if (real)
		return real((wchar_t)cp);
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ? -1 : uc_width(cp, "UTF-8");
}

void width_set_ambiguous(int amb)
{
	terminal_amb = amb == 2 ? 2 : 1;
}

int width_ambiguous(void)
{
	return terminal_amb;
}

int width_terminal(uint32_t cp)
{
	int w = width_libc(cp);

	if (w == 1 && terminal_amb == 2 && width_is_ambiguous(cp))
		return 2;
	return w;
}

int width_generation(void)
{
	return generation;
}

int width_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	generation++;
	if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"))
		return 0;
	return -1;
}

int width_is_ambiguous(uint32_t cp)
{
	size_t lo = 0, hi = sizeof eaw_ambiguous / sizeof eaw_ambiguous[0];

	if (cp < eaw_ambiguous[0].lo)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < eaw_ambiguous[mid].lo)
			hi = mid;
		else if (cp > eaw_ambiguous[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Zero-width format characters that are drawn as nothing: they must not
 * reach the terminal (a bidi override would reorder what follows) and
 * take no cell. */
/* Format characters that do a job where they stand and are drawn as
 * nothing: the zero-width space (a break opportunity), the joiners
 * (emoji sequences, scripts that join), variation selectors and tags. */
static int invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0xE0000 && cp <= 0xE007F);
}

/* Format characters that would change the text without showing: the
 * bidirectional controls (U+202E turns a line around), the soft hyphen,
 * word joiners and invisible operators, a byte order mark inside the
 * text, interlinear annotation marks. Drawn as a mark, so that nothing of
 * the file disappears from the screen or the dump. */
static int hidden_format(uint32_t cp)
{
	return cp == 0x00AD || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0x180E;
}

uint32_t width_glyph(uint32_t cp, int *mark)
{
	*mark = 0;
	if (cp == '\t')
		return ' ';
	if (cp < 0x20) {
		*mark = 1;
		return 0x2400 + cp;  /* ␀ … ␟ */
	}
	if (cp == 0x7F) {
		*mark = 1;
		return 0x2421;  /* ␡ */
	}
	if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
		*mark = 1;
		return '?';
	}
	if (invisible(cp))
		return 0;
	if (hidden_format(cp)) {
		*mark = 1;
		return WIDTH_FORMAT_MARK;
	}
	if (cp < 0x7F)
		return cp;
	if (width_libc(cp) < 0) {
		/* Unknown to this C library (newer Unicode, unassigned, private
		 * use it rejects): a mark of the width the character would take. */
		*mark = 1;
		return (cp >= 0x20000 && cp <= 0x3FFFD) || uc_width(cp, "UTF-8") == 2 ? 0x3013 : '?';
	}
	return cp;
}

int width_cp(uint32_t cp, int amb)
{
	int mark, w;
	uint32_t g = width_glyph(cp, &mark);

	if (g == 0)
		return 0;
	if (g < 0x7F)
		return 1;
	w = width_libc(g);
	if (w < 0)
		w = 1;
	if (w == 1 && amb == 2 && width_is_ambiguous(g))
		w = 2;
	return w;
}

/* A decimal number at s[*i] (at most 5 digits), or -1. */
static long cpr_number(const char *s, size_t n, size_t *i)
{
	long v = 0;
	size_t start = *i;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && *i - start < 5)
		v = v * 10 + (s[(*i)++] - '0');
	return *i > start ? v : -1;
}

int width_probe_answer(const char *s, size_t n)
{
	/* The last answer counts: the one to this probe. */
	for (size_t k = n; k-- > 0;) {
		size_t i = k + 2;
		long row, col;

		if (s[k] != '\033' || k + 1 >= n || s[k + 1] != '[')
			continue;
		row = cpr_number(s, n, &i);
		if (row < 1 || i >= n || s[i++] != ';')
			continue;
		col = cpr_number(s, n, &i);
		if (col < 1 || i >= n || s[i] != 'R')
			continue;
		return col == 2 || col == 3 ? (int)col - 1 : 0;
	}
	return 0;
}
