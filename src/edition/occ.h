/*
 * occ: OpenCC, loaded the first time a conversion is asked for.
 *
 * OpenCC is a C++ library: linked into the program, it and the C++
 * runtime it pulls in (libstdc++, marisa) are loaded and initialised at
 * every start, about 1.8 ms of the time to the first screen, though no
 * conversion is needed before it (the script tables and the locality of
 * a traditional edition come later). So it is opened with dlopen() on
 * first use instead, once per process (thread-safe). Without it the
 * conversions fail as OpenCC's own do when its tables cannot be read.
 */
#ifndef READER_OCC_H
#define READER_OCC_H

#include <stddef.h>

#include <opencc/opencc.h>

/* As opencc_open(): (opencc_t)-1 when OpenCC or config cannot be had. */
opencc_t occ_open(const char *config);
/* As opencc_convert_utf8(), opencc_convert_utf8_free(), opencc_close(). */
char *occ_convert(opencc_t cc, const char *in, size_t len);
void occ_free(char *s);
void occ_close(opencc_t cc);

#endif
