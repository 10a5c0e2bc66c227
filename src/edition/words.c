/*
 * words: the word list as a hash set. See words.h.
 *
 * The set stores, for each word, its offset and length in the file's
 * bytes; open addressing with linear probing, at most half full.
 */
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "text.h"
#include "util.h"

#ifndef WORDS_PATH
#define WORDS_PATH "/usr/lib/python3/dist-packages/jieba/dict.txt"
#endif

#define WORDS_MAX_BYTES (64u << 20)

struct words {
	struct file_buf file;
	struct slot {
		uint32_t off;
		uint32_t len;      /* 0: empty */
	} *v;
	size_t mask;
};

static uint64_t hash(const char *s, size_t n)
{
	return text_hash(0x5bd1e995, s, n);
}

static void insert(struct words *w, uint32_t off, uint32_t len)
{
	const char *s = w->file.data + off;
	size_t i = (size_t)hash(s, len) & w->mask;

	while (w->v[i].len) {
		if (w->v[i].len == len && !memcmp(w->file.data + w->v[i].off, s, len))
			return;
		i = (i + 1) & w->mask;
	}
	w->v[i] = (struct slot){off, len};
}

/* Add the words worth keeping (2 to 4 characters) to the table; returns
 * how many. */
static size_t scan(struct words *w)
{
	const char *t = w->file.data;
	size_t len = w->file.len, pos = 0, kept = 0;

	while (pos < len) {
		size_t n, next = text_next_line(t, len, pos, &n);
		size_t word = 0, chars;

		while (word < n && t[pos + word] != ' ')
			word++;
		chars = text_count(t + pos, word, 5);
		if (chars >= 2 && chars <= 4 && pos <= UINT32_MAX) {
			kept++;
			insert(w, (uint32_t)pos, (uint32_t)word);
		}
		pos = next;
	}
	return kept;
}

struct words *words_load(const char *path, struct error *err)
{
	struct words *w = xcalloc(1, sizeof *w);
	size_t n, cap = 16;

	if (file_read(path ? path : WORDS_PATH, WORDS_MAX_BYTES, 0, NULL, &w->file, err) < 0) {
		free(w);
		return NULL;
	}
	/* The table is sized by the file's lines (each holds a word at
	 * most): counting them is a memchr() per line, and the words are
	 * then decoded and hashed in one scan, not two. */
	n = 1;
	for (const char *p = w->file.data, *end = p + w->file.len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	while (cap < 2 * n + 2)
		cap *= 2;
	w->v = xcalloc(cap, sizeof *w->v);
	w->mask = cap - 1;
	scan(w);
	return w;
}

int words_has(const struct words *w, const char *s, size_t n)
{
	size_t i;

	if (!w || !n)
		return 0;
	i = (size_t)hash(s, n) & w->mask;
	while (w->v[i].len) {
		if (w->v[i].len == n && !memcmp(w->file.data + w->v[i].off, s, n))
			return 1;
		i = (i + 1) & w->mask;
	}
	return 0;
}

void words_free(struct words *w)
{
	if (!w)
		return;
	file_free(&w->file);
	free(w->v);
	free(w);
}
