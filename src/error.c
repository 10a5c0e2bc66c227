/*
 * error: filling and printing struct error. See error.h.
 */
#include "error.h"

#include <stdarg.h>
#include <string.h>

void error_set(struct error *e, const char *file, size_t line, size_t column,
	       const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->column = column;
	va_start(ap, fmt);
	vsnprintf(e->reason, sizeof e->reason, fmt, ap);
	va_end(ap);
}

/* Write s with its control characters as \xHH: a file name or a line of
 * an edition quoted in a reason must not drive the terminal. */
static void put_safe(const char *s, FILE *f)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			fprintf(f, "\\x%02x", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			fprintf(f, "\\xc2\\x%02x", *++p);  /* a C1 control */
		else
			fputc(*p, f);
	}
}

void error_print(const struct error *e, FILE *f)
{
	fputs("reader: ", f);
	if (e->file[0]) {
		put_safe(e->file, f);
		if (e->line) {
			fprintf(f, ":%zu", e->line);
			if (e->column)
				fprintf(f, ":%zu", e->column);
		}
		fputs(": ", f);
	}
	put_safe(e->reason, f);
	fputc('\n', f);
}
