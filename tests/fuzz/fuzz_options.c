/*
 * fuzz_options: a libFuzzer target for the configuration reader. Each
 * input is a reader.ini, read over the defaults by options_load() (with
 * its key sections, through the key-binding parser); every setting is then
 * formatted back as the help screen does. See fuzz_file.h.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_file.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o;
	struct error err;
	char buf[256];
	FILE *devnull = fopen("/dev/null", "w");

	options_defaults(&o);
	if (options_load(&o, fuzz_file(data, size), &err) == 0)
		for (size_t i = 0; options_table[i].name; i++)
			options_format(&o, &options_table[i], buf, sizeof buf);
	else
		error_print(&err, devnull);
	fclose(devnull);
	options_free(&o);
	return 0;
}
