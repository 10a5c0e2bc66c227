/*
 * commands: less's file commands over the open article: = says what and
 * where, s saves the article as text, | pipes it to a shell command.
 */
#ifndef READER_TUI_COMMANDS_H
#define READER_TUI_COMMANDS_H

#include "shell.h"

/* The file, its encoding and size, the edition's date, the article k/N
 * and the source lines on screen, on the status line. */
void commands_info(struct tui *t);
/* Ask for a file name and write the open article to it as text (never
 * over a file that exists). */
void commands_save(struct tui *t);
/* Ask for a shell command and run it with the open article as its
 * standard input, on the terminal as it was before the reader; a key
 * brings the reader back. */
void commands_pipe(struct tui *t);

#endif
