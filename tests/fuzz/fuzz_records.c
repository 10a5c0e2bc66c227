/*
 * fuzz_records: a libFuzzer target for the record files. The first byte
 * picks the parser: even, the bookmark file (bm_load(), then the bookmarks
 * sorted and printed as --bookmarks does); odd, the position file
 * (pos_get() for the id in the input's first record, and for a fixed one).
 * The rest is the file. See fuzz_file.h.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bookmarks.h"
#include "fuzz_file.h"
#include "positions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void bookmarks(const char *path)
{
	struct bm_store s;
	struct error err;
	FILE *devnull = fopen("/dev/null", "w");

	if (bm_load(&s, path, &err) == 0) {
		size_t *idx = malloc((s.n + 1) * sizeof *idx);

		bm_sorted(&s, idx);
		free(idx);
		bm_print_tsv(devnull, &s);
	}
	fclose(devnull);
	bm_free(&s);
}

/* The 16 bytes after the first tab of the data, as an edition id. */
static void positions(const char *path, const uint8_t *data, size_t size)
{
	char id[17] = "0123456789abcdef";
	size_t art, off;
	const uint8_t *tab = memchr(data, '\t', size);

	pos_get(path, id, &art, &off);
	if (tab && (size_t)(data + size - tab) > 16) {
		memcpy(id, tab + 1, 16);
		pos_get(path, id, &art, &off);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;

	if (!size)
		return 0;
	path = fuzz_file(data + 1, size - 1);
	if (data[0] & 1)
		positions(path, data + 1, size - 1);
	else
		bookmarks(path);
	return 0;
}
