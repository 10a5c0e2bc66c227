/*
 * error: filling and printing struct error. See error.h.
 */
#include "error.h"

#include <stdarg.h>
#include <string.h>

static void error_vset(struct error *e, enum finding_kind kind, const char *file, size_t line,
		       size_t column, const char *fmt, va_list ap)
{
	e->kind = kind;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->column = column;
	vsnprintf(e->reason, sizeof e->reason, fmt, ap);
}

void error_set(struct error *e, const char *file, size_t line, size_t column,
	       const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	error_vset(e, FK_ERROR, file, line, column, fmt, ap);
	va_end(ap);
}

void error_set_kind(struct error *e, enum finding_kind kind, const char *file, size_t line,
		    size_t column, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	error_vset(e, kind, file, line, column, fmt, ap);
	va_end(ap);
}

struct finding error_finding(const struct error *e)
{
	return (struct finding){ e->kind, e->file, e->line, e->column, (char *)e->reason };
}

void error_print(const struct error *e, FILE *f)
{
	struct finding fi = error_finding(e);

	finding_print(&fi, f);
}
