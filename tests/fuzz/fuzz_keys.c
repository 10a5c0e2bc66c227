/*
 * fuzz_keys: a libFuzzer target for the key-binding parser. The input is
 * lines; each line's first byte picks a mode, then come an action name and
 * key names separated by spaces, as in a [keys] section. Each name goes
 * through keys_code(), which must give back a code whose keys_name() names
 * it again; bound keys must look up to their action, and every action is
 * described at the end, as the help screen does.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One key name: its code must survive a trip through its name. */
static int key(const char *name)
{
	int code = keys_code(name);

	if (code >= 0 && keys_code(keys_name(code)) != code)
		abort();
	return code;
}

/* One line: a mode byte, then "action key key ..." (spaces between). */
static void line(struct keymap *m, char *s)
{
	enum keymode mode = (enum keymode)((unsigned char)*s % KEYMODE_COUNT);
	char *save = NULL, *act_name = strtok_r(*s ? s + 1 : s, " ", &save);
	enum action act = act_name ? keys_action(mode, act_name) : ACT_NONE;

	keys_mode_of_section(*s ? s + 1 : s);
	for (char *k = strtok_r(NULL, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
		int code = key(k);

		if (code < 0 || act == ACT_NONE)
			continue;
		keymap_bind(m, code, act);
		if (keymap_lookup(m, mode, code) != act)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *save = NULL;
	struct keymap m = {0};
	char buf[128];

	memcpy(text, data, size);
	text[size] = '\0';
	keymap_defaults(&m);
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		line(&m, l);
	for (int a = 0; a < ACT_COUNT; a++) {
		keymap_describe(&m, (enum action)a, " ", buf, sizeof buf);
		keymap_first(&m, (enum action)a);
	}
	keymap_free(&m);
	free(text);
	return 0;
}
