/*
 * testcurses: an off-screen curses terminal (xterm, 400 columns, output to
 * /dev/null) for the suites that link ncursesw.
 */
#ifndef READER_TESTCURSES_H
#define READER_TESTCURSES_H

/* cmocka group set-up and teardown: a UTF-8 locale and the terminal. */
int testcurses_setup(void **state);
int testcurses_teardown(void **state);

#endif
