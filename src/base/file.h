/*
 * file: the one whole-file reader.
 *
 * Every file the program reads whole (editions, the settings file, the
 * bookmark and position files, the gazetteer) is read here, so that a
 * directory, a device that never ends, a file over its limit or a read
 * error is met in one place and reported one way ("PATH: reason").
 *
 * What always holds after file_read() returns 0: data points at len bytes
 * followed by a NUL that is not part of them (data[len] == '\0' is
 * readable), whether the file was mapped or read.
 */
#ifndef READER_FILE_H
#define READER_FILE_H

#include <stddef.h>

#include "error.h"

struct file_buf {
	const char *data;
	size_t len;
	/* private */
	char *owned;          /* heap buffer, or NULL */
	void *map;            /* mapping, or NULL */
	size_t maplen;
};

enum {
	FILE_MAP = 1,         /* a regular file may be mapped rather than read */
	FILE_MISSING_OK = 2,  /* a missing file is not an error (returns 1) */
};

/*
 * A test run once, when at least FILE_SNIFF bytes have been read (a
 * shorter file is not tested: its caller looks at all of it anyway): when
 * it returns non-zero the read stops there and the caller gets what was
 * read so far. It lets the loader turn
 * down a binary file without reading gigabytes of it.
 */
#define FILE_SNIFF 65536
typedef int (*file_sniff_fn)(const unsigned char *data, size_t n);

/*
 * Read the file at path whole. max is the largest size accepted (0: no
 * limit); a larger file, or a device that gives more, is "too large (over
 * N bytes)", found without reading more than max + 1 bytes. Returns 0; 1
 * for a missing file with FILE_MISSING_OK (out is then empty and valid);
 * or -1 with err filled as "PATH: reason" (missing, unreadable, a
 * directory, too large).
 */
int file_read(const char *path, size_t max, unsigned flags, file_sniff_fn sniff,
	      struct file_buf *out, struct error *err);

/* Hand over a heap copy of the data (NUL-terminated) and release the rest:
 * for callers that edit the text in place. */
char *file_take(struct file_buf *f, size_t *len);

/* Release what file_read() holds; f may be zeroed. */
void file_free(struct file_buf *f);

#endif
