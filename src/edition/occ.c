/*
 * occ: OpenCC, loaded when first needed. See occ.h.
 */
#include "occ.h"

#include <dlfcn.h>
#include <pthread.h>

/* The library's name as the dynamic linker knows it (its SONAME, from the
 * build: Makefile), then the development link as a fallback. */
#ifndef READER_OPENCC_SONAME
#define READER_OPENCC_SONAME "libopencc.so.1.1"
#endif

static struct {
	opencc_t (*open)(const char *config);
	char *(*convert)(opencc_t cc, const char *in, size_t len);
	void (*free)(char *s);
	int (*close)(opencc_t cc);
} fn;
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	void *h = dlopen(READER_OPENCC_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		h = dlopen("libopencc.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	/* POSIX: a function pointer may be converted from dlsym()'s void *
	 * through an object of the pointer type. */
	*(void **)&fn.open = dlsym(h, "opencc_open");
	*(void **)&fn.convert = dlsym(h, "opencc_convert_utf8");
	*(void **)&fn.free = dlsym(h, "opencc_convert_utf8_free");
	*(void **)&fn.close = dlsym(h, "opencc_close");
	/* Never closed: the tables built from it live as long as the
	 * process. */
	loaded = fn.open && fn.convert && fn.free && fn.close;
}

opencc_t occ_open(const char *config)
{
	pthread_once(&once, load);
	return loaded ? fn.open(config) : (opencc_t)-1;
}

char *occ_convert(opencc_t cc, const char *in, size_t len)
{
	/* A handle comes only from occ_open(), after the load. */
	return loaded && cc != (opencc_t)-1 ? fn.convert(cc, in, len) : NULL;
}

void occ_free(char *s)
{
	if (loaded && s)
		fn.free(s);
}

void occ_close(opencc_t cc)
{
	if (loaded && cc != (opencc_t)-1)
		fn.close(cc);
}
