/*
 * json: the streaming writer. See json.h.
 *
 * Output is pretty-printed with two spaces per level. The writer tracks
 * only how many values each open container has, to place the commas.
 */
#include "json.h"

#include <stdint.h>
#include <string.h>

#include "text.h"
#include "util.h"

void json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof *j);
	j->f = f;
}

/* Comma and indentation before a value or key at the current level. */
static void prefix(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		fputs(j->count[j->depth - 1]++ ? ",\n" : "\n", j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
}

static void open_(struct json *j, char c)
{
	if (j->depth >= JSON_MAX_DEPTH)
		die(1, "JSON nesting deeper than %d", JSON_MAX_DEPTH);
	prefix(j);
	fputc(c, j->f);
	j->count[j->depth++] = 0;
}

static void close_(struct json *j, char c)
{
	int had = j->count[--j->depth];

	if (had) {
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	fputc(c, j->f);
	if (j->depth == 0)
		fputc('\n', j->f);
}

void json_object_begin(struct json *j)
{
	open_(j, '{');
}

void json_object_end(struct json *j)
{
	close_(j, '}');
}

void json_array_begin(struct json *j)
{
	open_(j, '[');
}

void json_array_end(struct json *j)
{
	close_(j, ']');
}

static void put_string(FILE *f, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	fputc('"', f);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t l;

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		fwrite(s + i - run, 1, run, f);
		run = 0;
		if (c < 0x80) {
			switch (c) {
			case '"': fputs("\\\"", f); break;
			case '\\': fputs("\\\\", f); break;
			case '\n': fputs("\\n", f); break;
			case '\t': fputs("\\t", f); break;
			case '\r': fputs("\\r", f); break;
			default: fprintf(f, "\\u%04x", c); break;
			}
			i++;
			continue;
		}
		l = text_next(s + i, n - i, &cp);
		if (cp == 0xFFFD && l != 3)
			fputs("\\ufffd", f);  /* an invalid byte, not a real U+FFFD */
		else if (text_unsafe(s + i, n - i, &cp))
			fprintf(f, "\\u%04x", (unsigned)cp);  /* C1, bidi, U+2028/9 */
		else
			fwrite(s + i, 1, l, f);
		i += l;
	}
	fwrite(s + i - run, 1, run, f);
	fputc('"', f);
}

void json_key(struct json *j, const char *key)
{
	prefix(j);
	put_string(j->f, key, strlen(key));
	fputs(": ", j->f);
	j->after_key = 1;
}

void json_string(struct json *j, const char *s, size_t n)
{
	prefix(j);
	put_string(j->f, s ? s : "", s ? n : 0);
}

void json_cstring(struct json *j, const char *s)
{
	if (s)
		json_string(j, s, strlen(s));
	else
		json_null(j);
}

void json_uint(struct json *j, unsigned long long v)
{
	prefix(j);
	fprintf(j->f, "%llu", v);
}

void json_null(struct json *j)
{
	prefix(j);
	fputs("null", j->f);
}
