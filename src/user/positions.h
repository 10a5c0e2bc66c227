/*
 * positions: the reading-position file, a record file (record.h).
 *
 * $XDG_STATE_HOME/reader/positions (by default ~/.local/state/reader/
 * positions) starts with
 *
 *     # reader positions 1
 *     # edition_id<TAB>edition_path<TAB>article<TAB>offset<TAB>updated
 *
 * then one line per edition: where the reader last was in it (article from
 * 1, byte offset into its text) and when (UTC, YYYY-MM-DDTHH:MM:SSZ).
 * Fields are escaped as in the bookmark file. Lines that do not parse are
 * ignored, and kept when the file is rewritten; a file over
 * RECORD_MAX_BYTES (64 MiB) is "FILE: too large". The file is changed only
 * through record_change: under its lock, atomically.
 */
#ifndef READER_POSITIONS_H
#define READER_POSITIONS_H

#include <stddef.h>

#include "error.h"

#define POS_VERSION 1

/*
 * Where the reader last was in the edition with id edition_id, according to
 * the position file at path. Returns 1 with *article and *offset set, or 0
 * when the file is missing or unreadable or has no valid line for it.
 */
int pos_get(const char *path, const char *edition_id, size_t *article, size_t *offset);

/*
 * Record a position, replacing the edition's line in place or adding one
 * at the end, under the lock like the bookmarks; the file is not rewritten
 * when nothing changed. edition_path must be absolute, article from 1.
 * Returns 0, or -1 with err filled.
 */
int pos_set(const char *path, const char *edition_id, const char *edition_path,
	    size_t article, size_t offset, struct error *err);

/*
 * The position most recently recorded (by its updated time; the later
 * line on a tie) among those for which want(ctx, id, path) is 1: 1 with
 * its id (lower case) in id, its article and offset; 0 when there is
 * none, or the file is missing or unreadable. want is asked about the
 * positions newest first and about none after its first yes, so that a
 * long file costs one sort. An archive opens at the edition read last
 * this way.
 */
int pos_latest(const char *path, int (*want)(void *ctx, const char *id, const char *edition_path),
	       void *ctx, char id[17], size_t *article, size_t *offset);

#endif
