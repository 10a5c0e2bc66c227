/*
 * probe: ambiguous_width = auto. Before curses starts, ask the terminal
 * how wide it draws an East Asian ambiguous character (cjk-layout.md
 * §2.3): print one at column 1, ask for the cursor position (ESC [ 6 n),
 * read the answer from the terminal with a time-out, and erase the line.
 */
#ifndef READER_TUI_PROBE_H
#define READER_TUI_PROBE_H

/* The cells the terminal gives an ambiguous character (1 or 2), asking
 * through out_fd and reading the answer from in_fd (a terminal) within
 * timeout_ms; 0 when it does not answer in time or is no terminal. */
int probe_ambiguous(int in_fd, int out_fd, int timeout_ms);

#endif
