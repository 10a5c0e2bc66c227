/*
 * front: the front matter of an edition, the page's furniture above the
 * first article: banner lines, the masthead, contacts (phone, e-mail) and
 * the dateline (date, weekday, editors).
 */
#ifndef READER_FRONT_H
#define READER_FRONT_H

#include <stddef.h>

#include "block.h"
#include "edition.h"

/* Front matter is looked for among the first blocks only: front_parse()
 * reads blk[0] to blk[FRONT_BLOCKS - 1] at most. */
#define FRONT_BLOCKS 24

/*
 * Find the front matter among the first blocks and fill ed's title, date,
 * weekday, phone, email, editors, banner and front. Returns the index of
 * the first block after it (0 when there is none).
 */
size_t front_parse(struct edition *ed, const struct block *blk, size_t nb);

#endif
