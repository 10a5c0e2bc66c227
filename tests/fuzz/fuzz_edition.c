/*
 * fuzz_edition: a libFuzzer target for the loader and the layout. The first
 * byte of an input picks the layout (a width from 2 to 129, the
 * ambiguous width and the punctuation rule); the rest is decoded, parsed
 * into an edition, and every article laid out and drawn at that one width,
 * then written as the outline and as JSON; the sanitizers watch. One width
 * per input, not several: the fuzzer explores widths through the inputs,
 * and each input runs as fast as one layout. Built and run by `make fuzz`
 * (clang's libFuzzer; FUZZ_SECONDS sets how long).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "decode.h"
#include "edition.h"
#include "export.h"
#include "dump.h"
#include "layout.h"
#include "width.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct decoded d;
	const char *why;
	struct edition ed;
	FILE *devnull;
	struct layout_opts o;

	if (!ready) {
		width_init();
		ready = 1;
	}
	if (!size)
		return 0;
	o = layout_defaults(2 + (data[0] & 0x7F));
	o.normalize = data[0] >> 7;
	o.amb = 1 + (data[0] & 1);
	o.indent = data[0] % 5;
	if (decode_bytes(data + 1, size - 1, 0, &d, &why) < 0)
		return 0;
	edition_parse(&ed, "fuzz", &d);
	devnull = fopen("/dev/null", "w");
	dump_edition(&ed, &o, devnull);
	export_outline(devnull, &ed);
	{
		struct json j;

		json_init(&j, devnull);
		export_json(&j, &ed);
	}
	fclose(devnull);
	edition_free(&ed);
	return 0;
}
