/*
 * testutil: what the cmocka suites share: files, temporary directories and
 * running the real reader binary (named by $READER_BIN) with captured output.
 */
#ifndef READER_TESTUTIL_H
#define READER_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

struct run {
	char *out, *err;         /* captured stdout and stderr, NUL-terminated */
	size_t outlen, errlen;
	int status;              /* exit status, or 128 + signal */
	long maxrss_kb;          /* the child's peak resident set */
	double seconds;          /* wall-clock time it ran */
};

/* Run $READER_BIN with argv (NULL-terminated, without argv[0]), stdin from
 * /dev/null, extra environment entries env (NULL-terminated, may be NULL). */
void run_reader(struct run *r, const char *const *argv, const char *const *env);
void run_free(struct run *r);

/* Read a whole file (NUL-terminated); fails the test if it cannot. */
char *slurp(const char *path, size_t *len);
/* Write a whole file; fails the test if it cannot. */
void spit(const char *path, const void *data, size_t len);
/* A fresh directory for this test program, removed at exit. */
const char *test_tmpdir(void);
/* A path inside test_tmpdir(); the result is a static buffer rotated over
 * eight slots. */
const char *tmp_path(const char *name);
/* The top of the source tree (the tests run from there). */
const char *seed_path(void);
/* The seed rewritten one paragraph per line: every body line (the long
 * ones) indented with two ideographic spaces, every blank line dropped;
 * with a spaces-only line after one paragraph when blank_line is set. */
char *seed_indented(size_t *outlen, int blank_line);
/* The seed as UTF-8 with a BOM, CRLF line ends and no line end at the end
 * of the file (NUL-terminated). */
char *seed_bom_crlf(size_t *outlen);
/* Convert with iconv; fails the test if the conversion fails. */
char *convert(const char *to, const char *from, const char *in, size_t inlen, size_t *outlen);

#endif
