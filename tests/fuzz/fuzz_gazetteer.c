/*
 * fuzz_gazetteer: a libFuzzer target for the gazetteer. The bundled
 * data/gazetteer.tsv (or $READER_GAZETTEER) is loaded once; each input is
 * a flags byte, a code to prefer up to the first NUL, and the text matched
 * at its start, in the ways the parser matches (a headline, a kicker) and
 * with every prefix the match reports looked up again by its code. An
 * input whose flags byte has bit 7 set is itself loaded as a gazetteer
 * file and matched against a fixed text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_file.h"
#include "gazetteer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load_input(const uint8_t *data, size_t size)
{
	struct error err;
	struct gazetteer *g = gazetteer_load(fuzz_file(data, size), &err);
	struct place p;
	static const char text[] = "江苏省南京市浦口区永宁街道北京";

	if (!g)
		return;
	gazetteer_match(g, text, sizeof text - 1, 0, NULL, &p);
	gazetteer_match(g, text, sizeof text - 1, GAZ_MATCH_HEADLINE, "32", &p);
	gazetteer_find_code(g, "32", &p);
	gazetteer_free(g);
}

/* The bundled gazetteer, loaded on the first call. */
static const struct gazetteer *bundled(void)
{
	static struct gazetteer *g;

	if (!g) {
		const char *path = getenv("READER_GAZETTEER");
		struct error err;

		g = gazetteer_load(path ? path : "data/gazetteer.tsv", &err);
		if (!g)
			abort();
	}
	return g;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct gazetteer *g = bundled();
	char prefer[16] = "";
	const uint8_t *text, *nul;
	size_t n;
	struct place p, q;

	if (!size)
		return 0;
	if (data[0] & 0x80) {
		load_input(data + 1, size - 1);
		return 0;
	}
	/* flags, prefer NUL text */
	text = data + 1;
	n = size - 1;
	nul = memchr(text, 0, n);
	if (nul) {
		size_t np = (size_t)(nul - text);

		memcpy(prefer, text, np < sizeof prefer ? np : sizeof prefer - 1);
		n -= np + 1;
		text = nul + 1;
	}
	if (gazetteer_match(g, (const char *)text, n, data[0] & GAZ_MATCH_HEADLINE, prefer, &p)) {
		if (p.matched == 0 || p.matched > n || !gazetteer_find_code(g, p.code, &q) ||
		    strcmp(q.code, p.code))
			abort();
	}
	return 0;
}
