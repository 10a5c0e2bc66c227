/*
 * edition: the document model of one newspaper edition, and the entry
 * points of its parser (parse.c, with front.c and damage.c) and its id
 * (id.c).
 *
 * An edition is front matter (banner, masthead, contacts, dateline) and a
 * list of articles (kicker, locality, headline, paragraphs, byline, credits),
 * plus the repairs the parser made and the damage it found, as findings
 * (finding.h), each traceable to its source line and column. Text fields
 * are UTF-8 with an explicit length, since the text may hold NUL bytes;
 * they are never NULL (an absent field has s == NULL and n == 0 only where
 * the comment says "or none").
 *
 * The source map: every item's text (a paragraph's too) is made of pieces,
 * each a run of bytes copied unchanged from one source line, so that any
 * byte of any item leads back to its source line and column
 * (edition_source_at()), and any source line to the file's own bytes
 * (edition_raw_line()), whatever the file's encoding.
 *
 * Invariants: the non-whitespace characters of all text fields, in order,
 * are exactly the non-whitespace characters of the decoded file, except the
 * separators the parser consumed (a kicker's colon, the 摄 of a credit, a
 * byline's brackets and role words) and front-matter labels; line numbers
 * are 1-based source lines.
 */
#ifndef READER_EDITION_H
#define READER_EDITION_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "error.h"

/* A piece of text with its length; s is NUL-terminated but may hold NULs. */
struct str {
	const char *s;
	size_t n;
};

/*
 * One piece of an item's text: bytes copied unchanged from one source line,
 * from off in the item's text to the next piece's off (or the text's end).
 * line and column (in characters, from 1) are where it starts in the
 * source; src is its byte offset in the decoded text. Between two pieces
 * the text may hold one space the parser put there (a Latin word cut at a
 * line end); it belongs to the piece before it.
 *
 * The model's numbers (offsets, lines, columns, counts) are 32-bit where
 * there is one per piece, paragraph or item: an edition is at most
 * DECODE_MAX_BYTES (2 GiB), whose decoded text (at most 1.5 times that)
 * and every text made from it stay under 4 GiB.
 */
struct piece {
	uint32_t off;
	uint32_t line, column;
	uint32_t src;
};

/* What a paragraph is within its article (the model of issue 10). */
enum para_kind {
	PARA_TEXT,      /* body text */
	PARA_SUBHEAD,   /* a short heading between paragraphs (■ 让群众少跑腿) */
	PARA_NOTE,      /* an editor's note or a note on the author (编者按, （作者为…）) */
	PARA_CAPTION,   /* a box label or caption (核心阅读, 图片报道) */
	PARA_CREDIT,    /* a credit or layout line (本版制图：某某, 某某摄) */
};

struct paragraph {
	struct str text;
	enum para_kind kind;
	size_t first_line, last_line;
	uint32_t piece, npieces;   /* its pieces: ed->pieces[piece ...] */
};

/* What an article shows, in source order: the dump and the reader draw
 * these, so that nothing of the source is left out or moved. */
enum item_kind { ITEM_KICKER, ITEM_HEADLINE, ITEM_PARA, ITEM_BYLINE, ITEM_SUBTITLE };

struct item {
	enum item_kind kind;
	uint32_t para;             /* ITEM_PARA: index into paras */
	uint32_t line;             /* source line */
	uint32_t piece;            /* its one piece in ed->pieces (ITEM_PARA:
	                              see the paragraph's) */
	struct str text;           /* as printed (a kicker with its colon, a
	                              credit with its 摄); none for ITEM_PARA */
};                                 /* in this order: 32 bytes, not 40 */

struct article {
	size_t index;              /* from 1 */
	size_t line;               /* first source line (kicker or headline) */
	struct str kicker;         /* without its colon, or none */
	/* Filled by locality_resolve(), a pass of its own (locality.h). */
	struct str locality;       /* the place as printed, or none */
	int has_place;
	char place_code[16];       /* the resolved division, when has_place */
	char *place_name;          /* its full name, when has_place */
	struct str headline;
	struct str subtitle;       /* 副题, as printed (often opening with ——), or none */
	/* The dateline as printed at the head of the first paragraph
	 * (本报北京3月5日电, 【本報訊】), or none: it stays in that
	 * paragraph's text; these point into it. */
	struct str dateline;
	struct str dateline_place; /* its place (北京), or none */
	struct str agency;         /* 本报, 新华社 (from the dateline or a role word), or none */
	struct str *byline;        /* author names */
	size_t nbyline;
	struct str *roles;         /* the role words of the byline (记者, 通讯员) */
	size_t nroles;
	struct str *credit;        /* photo and agency credit names */
	size_t ncredit;
	struct paragraph *paras;
	size_t nparas;
	struct item *items;        /* everything above, in source order */
	size_t nitems;
	/* byline, roles, credit, paras and items point into arrays the
	 * edition holds for all its articles (struct edition's pools), NULL
	 * when their count is 0: one allocation each for the whole edition,
	 * not five per article. */
};

enum para_style {
	STYLE_BLANK,   /* paragraphs separated by blank lines */
	STYLE_LINE,    /* one paragraph per line, usually indented with 　　 */
};

struct edition {
	char *path;
	char id[17];               /* see edition_id() */
	const char *encoding;
	enum para_style style;
	struct str title, date, weekday, phone, email;  /* each may be none */
	struct str *editors;
	size_t neditors;
	struct str *banner;
	size_t nbanner;
	struct str *front;         /* the front-matter lines, as printed */
	size_t nfront;
	struct article *articles;
	size_t narticles;
	/* The repairs (FK_JOIN, FK_BYLINE_SPLIT) and the damage found
	 * (FK_INVALID, FK_CONTROL), sorted by line, then column; their file
	 * is path. Columns count characters from 1. */
	struct findings findings;
	struct piece *pieces;      /* of all items, see struct piece */
	size_t npieces;
	/* private */
	struct decoded dec;
	size_t cappieces;
	struct raw_line {          /* built by the first edition_raw_line() */
		size_t off, n;
	} *raw_lines;
	size_t nraw_lines;
	size_t *text_lines;        /* where each decoded line starts, built by
	                              the first edition_text_line() */
	size_t ntext_lines;
	char **owned;              /* allocations the str fields point into */
	size_t nowned, capowned;
	size_t caparticles;
	/* The articles' arrays, in article order (see struct article); the
	 * parser sizes them exactly once it is done. */
	struct edition_pool {
		void *v;
		size_t n, cap;
	} pool_items, pool_paras, pool_byline, pool_roles, pool_credit;
};

/*
 * Read, decode and parse the file at path. Localities are left unresolved:
 * locality_resolve() is a separate pass. Returns 0, or -1 with err filled
 * ("PATH: reason").
 */
int edition_load(struct edition *ed, const char *path, struct error *err);

/*
 * Parse already decoded text; the edition takes ownership of dec. path is
 * only recorded. Never fails: any text gives some structure.
 */
void edition_parse(struct edition *ed, const char *path, struct decoded *dec);

/*
 * Parse as edition_parse() does, but hand each article to each as soon as
 * it is complete, then forget it, so that an edition of any size is read
 * in little more memory than its text (--outline). In each, a is the only
 * article ed holds, whole (items, paragraphs, names, pieces) and with its
 * index; each may fill its locality (its place_name is released after).
 * Neither the articles nor the findings are kept: when it returns, ed
 * holds the front matter, pointing into dec, which stays the caller's
 * (decode_free() it after edition_free(ed)); ed has no text of its own
 * (no edition_id(), edition_raw_line() or edition_text_line()).
 */
typedef void (*edition_each_fn)(struct edition *ed, struct article *a, void *ctx);
void edition_parse_each(struct edition *ed, const char *path, const struct decoded *dec,
			edition_each_fn each, void *ctx);

/*
 * The edition's id: a 64-bit hash of its decoded lines, in hex. It ignores
 * the line ends and the BOM, so it survives re-encoding and moving the
 * file. Computed on first use, as only some views need it.
 */
const char *edition_id(struct edition *ed);

/* The text of an article's item (a paragraph's text for ITEM_PARA). */
struct str edition_item_text(const struct edition *ed, size_t art, size_t item);

/*
 * An article's text offset: a byte offset into its items' texts taken one
 * after another. It names a reading position independently of any width;
 * bookmarks and saved positions store it. _locate() maps it back to an
 * item and an offset in it (the end of the article when past it).
 */
size_t edition_article_offset(const struct edition *ed, size_t art, size_t item, size_t off);
void edition_article_locate(const struct edition *ed, size_t art, size_t offset, size_t *item,
			    size_t *off);

/* The article (index from 0) a bookmark names by its number (from 1) and
 * headline: that number if the headline matches, else the first article
 * with the headline, else the number when it exists; SIZE_MAX if none. */
size_t edition_find_story(const struct edition *ed, size_t number, const char *headline);

/* The pieces of an article's item, in text order; *n of them (at least
 * one for every item the parser made). */
const struct piece *edition_item_pieces(const struct edition *ed, size_t art, size_t item,
					size_t *n);

/*
 * Where byte off of an article's item text came from: its source line and
 * column (in characters, from 1). off == the text's length gives the
 * column just after its last character. Returns 0, or -1 when off is past
 * the text or the item has no pieces.
 */
int edition_source_at(const struct edition *ed, size_t art, size_t item, size_t off,
		      size_t *line, size_t *column);

/*
 * The file's own bytes of source line `line` (from 1), in the file's own
 * encoding (GB18030, UTF-16 ...) and without its line end: *bytes and *n.
 * The decoder keeps the file's bytes (the mapping of the file, or the
 * buffer it was read into); the offsets of the lines in them are found on
 * the first call, which is why ed is not const. Returns 0, or -1 when there
 * is no such line.
 */
int edition_raw_line(struct edition *ed, size_t line, const unsigned char **bytes, size_t *n);

/*
 * The decoded text of source line `line` (from 1), UTF-8, without its line
 * end, exactly as decoded (invalid bytes as U+FFFD, nothing else changed):
 * *s and *n. The line offsets are found on the first call. Returns 0, or
 * -1 when there is no such line. edition_text_lines() is how many there are.
 */
int edition_text_line(struct edition *ed, size_t line, const char **s, size_t *n);
size_t edition_text_lines(struct edition *ed);

/* For the parser: keep s (n bytes, from malloc) for the edition's
 * lifetime, released by edition_free(); returns it as a str. */
struct str edition_own(struct edition *ed, char *s, size_t n);

/* Release everything the edition holds; ed may be zeroed. */
void edition_free(struct edition *ed);

#endif
