/*
 * testcurses: the off-screen curses terminal. See testcurses.h.
 */
#include "testcurses.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "width.h"

static SCREEN *scr;
static FILE *out_f, *in_f;

int testcurses_setup(void **state)
{
	(void)state;
	if (width_init() < 0)
		return -1;
	setenv("COLUMNS", "400", 1);
	setenv("LINES", "4", 1);
	out_f = fopen("/dev/null", "w");
	in_f = fopen("/dev/null", "r");
	scr = newterm("xterm", out_f, in_f);
	if (!scr)
		return -1;
	set_term(scr);
	return 0;
}

int testcurses_teardown(void **state)
{
	(void)state;
	endwin();
	delscreen(scr);
	fclose(out_f);
	fclose(in_f);
	return 0;
}
