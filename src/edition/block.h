/*
 * block: the parser's unit, one non-blank source line, trimmed, with what
 * the parser asks of it computed once. Private to the parser (parse.c and
 * front.c); not part of the model.
 */
#ifndef READER_BLOCK_H
#define READER_BLOCK_H

#include <stddef.h>

struct block {
	const char *s;          /* the line, trimmed */
	size_t n;
	size_t line;            /* source line */
	size_t col;             /* 1-based column where s starts */
	size_t blank_before;    /* blank lines just before this one */
	int indented;           /* began with 　　, two spaces or a tab */
	/* What the block looks like, computed once by classify(). */
	unsigned known : 1, head : 1, kick : 1, ends : 1;
	unsigned char byl;      /* enum byline_kind */
	size_t klen;            /* kicker: the name's bytes */
	const char *hs;         /* kicker: the headline after it, if any */
	size_t hn;
};

#endif
