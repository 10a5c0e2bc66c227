/*
 * fuzz_file: what the file-reading fuzz targets share. The parsers under
 * test read a path, so each input is written to one temporary file made
 * on the first call (in TMPDIR, a tmpfs is best) and rewritten in place for
 * every input; the file is removed at exit.
 */
#ifndef READER_FUZZ_FILE_H
#define READER_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_path[4096];

static void fuzz_file_remove(void)
{
	unlink(fuzz_path);
}

/* The temporary file's path, holding exactly data[0..size). */
static const char *fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;

	if (fd < 0) {
		const char *dir = getenv("TMPDIR");

		snprintf(fuzz_path, sizeof fuzz_path, "%s/reader-fuzz.XXXXXX",
			 dir && *dir ? dir : "/tmp");
		fd = mkstemp(fuzz_path);
		if (fd < 0)
			abort();
		atexit(fuzz_file_remove);
	}
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	return fuzz_path;
}

#endif
