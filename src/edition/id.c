/*
 * id: the edition's id, a hash of its decoded lines. See edition_id() in
 * edition.h: it must survive re-encoding and moving the file, so it hashes
 * each line's text and never its line end or the BOM.
 */
#include <stdint.h>
#include <stdio.h>

#include "edition.h"
#include "text.h"

const char *edition_id(struct edition *ed)
{
	uint64_t h = 0xCBF29CE484222325ULL;
	size_t pos = 0, n;

	if (ed->id[0])
		return ed->id;
	/* Hashing line by line makes the id independent of the line ends. */
	while (pos < ed->dec.len) {
		size_t next = text_next_line(ed->dec.text, ed->dec.len, pos, &n);

		h = text_hash(h, ed->dec.text + pos, n);
		pos = next;
	}
	snprintf(ed->id, sizeof ed->id, "%016llx", (unsigned long long)h);
	return ed->id;
}
