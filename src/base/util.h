/*
 * util: allocation that never returns NULL, and the one fatal path.
 *
 * Every allocation in the program goes through x*(); a size overflow or an
 * exhausted heap ends the program through die(), which first runs the hook
 * the terminal shell registers so that the terminal is restored.
 */
#ifndef READER_UTIL_H
#define READER_UTIL_H

#include <stddef.h>

/* Allocate n bytes (n may be 0); never returns NULL. */
void *xmalloc(size_t n);
/* Allocate nmemb zeroed elements of size bytes, rejecting overflow. */
void *xcalloc(size_t nmemb, size_t size);
/* Resize p to nmemb * size bytes, rejecting overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* Copy a NUL-terminated string. */
char *xstrdup(const char *s);
/* Copy n bytes of s and terminate the copy. */
char *xstrndup(const char *s, size_t n);
/* printf into a fresh allocation. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *p so that it holds at least need elements of size bytes; *cap is
 * the current capacity in elements and grows geometrically. XGROW() calls
 * it only when need is over the capacity (need is evaluated twice): most
 * calls find room, and cost a comparison. */
void xgrow(void **p, size_t *cap, size_t need, size_t size);
#define XGROW(arr, cap, need) \
	((need) > (cap) ? xgrow((void **)&(arr), &(cap), (need), sizeof *(arr)) : (void)0)

/* Print "reader: MESSAGE" to stderr, run the exit hook and exit(status). */
_Noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A hook run once by die() before it exits (the terminal shell's restore). */
void die_set_hook(void (*hook)(void));

/* A growable byte string, always NUL-terminated when s is not NULL. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand over the string (never NULL) and reset the buffer. */
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);

#endif
