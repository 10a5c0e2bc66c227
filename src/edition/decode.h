/*
 * decode: turn the bytes of an edition file into UTF-8 text.
 *
 * Detects the encoding (UTF-8 with or without BOM, UTF-16LE/BE with BOM,
 * GB18030 through iconv when the bytes are not UTF-8), converts to UTF-8,
 * and replaces every invalid byte sequence with U+FFFD, recording where each
 * replacement stands in the output and which bytes it replaced. Line ends
 * are left exactly as they were (CR, LF or CRLF); no other byte is changed,
 * so NUL and control characters stay in the text as data.
 *
 * Invariants: text is valid UTF-8 of length len, followed by a NUL that is
 * not part of the text; subst[] is sorted by offset.
 */
#ifndef READER_DECODE_H
#define READER_DECODE_H

#include <stddef.h>

#include "error.h"
#include "file.h"

/* The largest edition read (2 GiB): its decoded text stays under 4 GiB,
 * which the model's 32-bit offsets need (edition.h). A bigger one is
 * "FILE: too large". */
#define DECODE_MAX_BYTES ((size_t)2 << 30)

/* One U+FFFD the decoder put in place of invalid input. */
struct decode_subst {
	size_t offset;           /* byte offset of the U+FFFD in text */
	unsigned char bytes[4];  /* the input bytes it replaced (at most 4 kept) */
	unsigned char nbytes;    /* how many of bytes[] are meaningful */
};

struct decoded {
	const char *text;        /* UTF-8, BOM removed, NUL-terminated */
	size_t len;              /* bytes of text, excluding the terminator */
	const char *encoding;    /* "UTF-8", "UTF-8 with BOM", "UTF-16LE",
	                            "UTF-16BE" or "GB18030" (static strings) */
	struct decode_subst *subst;
	size_t nsubst;
	/* The input as it was, BOM included: the file's own bytes, kept for
	 * the source map (edition_raw_line()). For valid UTF-8, text is
	 * raw + the BOM's length. */
	const unsigned char *raw;
	size_t rawlen;
	/* private */
	char *owned;             /* heap copy of text, or NULL */
	struct file_buf file;    /* the file read (decode_file()): raw */
	unsigned char *rawcopy;  /* decode_bytes() with keep = 0: raw */
};

/*
 * Decode n bytes. Returns 0 and fills *out, or -1 and sets *why to a static
 * reason when the data is not a text edition: "empty file", "contains only
 * blank lines" or "binary file (not text)" (in English, marked N_(): _()
 * it to show it). With keep = 1, out keeps using
 * data (as raw, and as text when it is valid UTF-8, without a copy): data
 * must stay valid until decode_free(out), and data[n] must be readable and
 * a NUL, which becomes the text's terminator (a string, a slurp()ed or
 * sbuf buffer qualifies). With keep = 0, out keeps a copy of data instead.
 */
int decode_bytes(const unsigned char *data, size_t n, int keep,
		 struct decoded *out, const char **why);

/*
 * Read and decode the file at path, through file_read() (a binary file is
 * not read past its first block). The file is read, never mapped: a file
 * truncated or rewritten by another program while the reader has it open
 * (a sync tool, a shell's >, rsync --inplace) must not fault the reader,
 * which keeps the edition as it was loaded. The file's bytes stay in out
 * as raw until decode_free(); UTF-8 text is used in place, without a copy.
 * Returns 0, or -1 with err filled as "PATH: reason" (missing, unreadable,
 * a directory, empty, blank or binary).
 */
int decode_file(const char *path, struct decoded *out, struct error *err);

/* Release what decode_bytes() or decode_file() holds. */
void decode_free(struct decoded *d);

#endif
