/*
 * json: a small streaming JSON writer.
 *
 * Written out rather than built as a tree so that a 100 MB edition is
 * printed without a second copy in memory. Every string is escaped so that
 * the output is valid JSON whatever bytes it is given, and no control
 * character (C0, DEL, C1) or line separator reaches the output raw.
 */
#ifndef READER_JSON_H
#define READER_JSON_H

#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *f;
	int depth;
	int count[JSON_MAX_DEPTH];  /* values written at each open level */
	int after_key;
};

void json_init(struct json *j, FILE *f);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/* Write a member name; the next value call writes its value. */
void json_key(struct json *j, const char *key);
/* Write a string value of n bytes (UTF-8; invalid bytes become U+FFFD). */
void json_string(struct json *j, const char *s, size_t n);
/* Write a string value, or null when s is NULL. */
void json_cstring(struct json *j, const char *s);
void json_uint(struct json *j, unsigned long long v);
void json_null(struct json *j);

#endif
