/*
 * error: filling and printing struct error. See error.h.
 */
#include "error.h"

#include <stdarg.h>
#include <string.h>

#include "text.h"

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

void error_put_safe(const char *s, FILE *f)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = text_unsafe(s + i, n - i, &cp);

		if (l) {
			fprintf(f, cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
			i += l;
		} else {
			fputc(s[i++], f);
		}
	}
}

void error_print(const struct error *e, FILE *f)
{
	fputs("reader: ", f);
	if (e->file[0]) {
		error_put_safe(e->file, f);
		if (e->line) {
			fprintf(f, ":%zu", e->line);
			if (e->column)
				fprintf(f, ":%zu", e->column);
		}
		fputs(": ", f);
	}
	error_put_safe(e->reason, f);
	fputc('\n', f);
}
