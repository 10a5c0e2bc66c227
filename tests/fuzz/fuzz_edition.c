/*
 * fuzz_edition: a libFuzzer target for the loader and the layout. Any bytes
 * are decoded, parsed into an edition, and every article laid out and
 * drawn at a few widths; the sanitizers watch. Built and run by
 * `make fuzz` (clang's libFuzzer; FUZZ_SECONDS sets how long).
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
	static const int widths[] = {2, 7, 40, 80};
	FILE *devnull;

	if (!ready) {
		width_init();
		ready = 1;
	}
	if (decode_bytes(data, size, 0, &d, &why) < 0)
		return 0;
	edition_parse(&ed, "fuzz", &d);
	devnull = fopen("/dev/null", "w");
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		struct layout_opts o = layout_defaults(widths[w]);

		o.normalize = w & 1;
		o.amb = 1 + (int)(w & 1);
		dump_edition(&ed, &o, devnull);
	}
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
