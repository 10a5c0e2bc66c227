/*
 * words: a list of Chinese words, to tell a doubled character that is a
 * slip (寡寡) from one that is two words meeting (中国|国家) or a word of
 * its own (浓浓). The list is the dictionary of the jieba segmenter
 * (Debian package python3-jieba, MIT licence): one word a line, followed
 * by its frequency and part of speech. Only words of two to four
 * characters are kept, in a hash set over the file's own bytes.
 */
#ifndef READER_WORDS_H
#define READER_WORDS_H

#include <stddef.h>

#include "error.h"

struct words;

/* Load the word list at path (NULL: the default, WORDS_PATH). Returns the
 * set, or NULL with err filled when the file cannot be read. */
struct words *words_load(const char *path, struct error *err);
/* Is the n bytes at s a word of the list? (w may be NULL: never.) */
int words_has(const struct words *w, const char *s, size_t n);
void words_free(struct words *w);

#endif
