/*
 * block: the parser's unit, one non-blank source line, trimmed, with what
 * the parser asks of it computed once. Private to the parser (parse.c and
 * front.c); not part of the model.
 */
#ifndef READER_BLOCK_H
#define READER_BLOCK_H

#include <stddef.h>
#include <stdint.h>

struct block {
	const char *s;          /* the line, trimmed */
	/* 32-bit: a block's line, column and length are within an
	 * edition's DECODE_MAX_BYTES. */
	uint32_t n;
	uint32_t line;          /* source line */
	uint32_t col;           /* 1-based column where s starts */
	uint32_t blank_before;  /* blank lines just before this one */
	/* kicker: the name's bytes; the headline after it on the line, if
	 * any: its start in s and its bytes. 8 bits: a kicker line is at
	 * most 61 characters (classify()). */
	uint8_t klen, hoff, hn;
	unsigned indented : 1;  /* began with 　　, two spaces or a tab */
	/* What the block looks like, computed once by classify(); byl is an
	 * enum byline_kind. Bit-fields keep a block small (32 bytes): there
	 * is one per non-blank line of the file while parsing. */
	unsigned known : 1, head : 1, kick : 1, ends : 1, byl : 2;
	/* Opens with a dateline (本报北京3月5日电); is a closing byline in
	 * brackets; is a kicker ending in —— alone on its line. */
	unsigned dl : 1, brk : 1, kdash : 1;
};

#endif
