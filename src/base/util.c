/*
 * util: allocation helpers and the fatal path. See util.h.
 */
#include "util.h"

#include "escape.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void (*die_hook)(void);

void die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void die(int status, const char *fmt, ...)
{
	va_list ap;
	char msg[2048];
	void (*hook)(void) = die_hook;

	die_hook = NULL; /* a failing hook must not recurse */
	if (hook)
		hook();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The message may quote outside text (TERM, a path): never raw. */
	fputs("reader: ", stderr);
	escape_fput(stderr, msg, strlen(msg), 0);
	fputc('\n', stderr);
	exit(status);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(1, _("out of memory (%zu bytes)"), n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		die(1, "%s", _("allocation size overflow"));
	p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die(1, _("out of memory (%zu x %zu bytes)"), nmemb, size);
	return p;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
	size_t n;

	if (size && nmemb > SIZE_MAX / size)
		die(1, "%s", _("allocation size overflow"));
	n = nmemb * size;
	p = realloc(p, n ? n : 1);
	if (!p)
		die(1, _("out of memory (%zu bytes)"), n);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(1, "%s", _("bad format string"));
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void xgrow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			die(1, "%s", _("allocation size overflow"));
		n *= 2;
	}
	*p = xreallocarray(*p, n, size);
	*cap = n;
}

void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		die(1, "%s", _("allocation size overflow"));
	XGROW(b->s, b->cap, b->len + n + 1);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_add(b, &c, 1);
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(1, "%s", _("bad format string"));
	XGROW(b->s, b->cap, b->len + (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
