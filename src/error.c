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

void error_print(const struct error *e, FILE *f)
{
	fputs("reader: ", f);
	if (e->file[0]) {
		fputs(e->file, f);
		if (e->line) {
			fprintf(f, ":%zu", e->line);
			if (e->column)
				fprintf(f, ":%zu", e->column);
		}
		fputs(": ", f);
	}
	fprintf(f, "%s\n", e->reason);
}
