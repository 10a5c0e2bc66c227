/*
 * byline: recognising the names under an article.
 *
 * A byline is one to six personal names (2 to 4 Han characters starting with
 * a common surname, or a name joined with ·), optionally in brackets and
 * after role words (本报记者, 通讯员); a credit is the same with 摄 (photo
 * by) or an agency with 发 (新华社发). The names point into the input.
 */
#ifndef READER_BYLINE_H
#define READER_BYLINE_H

#include <stddef.h>

enum byline_kind { BYLINE_NONE, BYLINE_AUTHORS, BYLINE_CREDIT };

#define BYLINE_MAX 8

struct byline_span {
	const char *s;
	size_t n;
};

struct byline {
	enum byline_kind kind;
	size_t n;
	struct byline_span name[BYLINE_MAX];
	/* The role words taken off the names (记者, 通讯员), and the agency
	 * that opened one (本报 of 本报记者), or none (n 0). */
	size_t nrole;
	struct byline_span role[BYLINE_MAX];
	struct byline_span agency;
};

/* Classify the trimmed text s (n bytes) as a byline, a credit or neither. */
enum byline_kind byline_parse(const char *s, size_t n, struct byline *out);

/* Does s open with a byline label and a colon (记者：, 来源:)? Returns its
 * index (>= 0) and the bytes through the colon in *len, or -1. */
int byline_label(const char *s, size_t n, size_t *len);

/*
 * The names of a byline's inside, after any label: tokens split at spaces
 * and 、, role words taken off their front (本报记者王某 → agency 本报, role
 * 记者, name 王某), two one-character tokens in a row read as one name
 * printed with padding (王  某). A name starts with a known surname
 * unless evidence says names are expected (a dateline before the bracket)
 * or a role word stands before it: then any 2 to 4 Han characters are one.
 * Returns 0 with out filled, or -1 when a token is not a name.
 */
int byline_names(const char *s, size_t n, struct byline *out, int evidence);

/* Is s a single personal name (2 to 4 Han characters, a known surname)? */
int byline_is_name(const char *s, size_t n);

#endif
