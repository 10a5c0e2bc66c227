/*
 * lintout: the --lint driver and its two printed forms. See lintout.h.
 */
#include "lintout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edition.h"
#include "escape.h"
#include "i18n.h"
#include "json.h"
#include "util.h"
#include "words.h"

/* One finding, compiler-style. */
static void print_finding(const struct finding *f)
{
	escape_fput(stdout, f->file, strlen(f->file), 0);
	printf(":%zu:%zu: %s: %s: ", f->line, f->column,
	       finding_level_name(finding_kinds[f->kind].level), finding_kinds[f->kind].name);
	escape_fput(stdout, f->message, strlen(f->message), 0);
	putchar('\n');
}

/* Lint one file: print what is at or above the level and count it.
 * Returns 0, or -1 when the file is no edition (reported on stderr). */
static int lint_file(struct lint_run *r, const char *path, struct json *j)
{
	struct edition ed;
	struct findings fs = {0};
	struct error err;

	if (edition_load(&ed, path, &err) < 0) {
		fflush(stdout);
		error_print(&err, stderr);
		r->skipped++;
		return -1;
	}
	r->files++;
	lint_edition(&ed, &r->opts, &fs);
	findings_sort(&fs);
	if (r->json) {
		json_object_begin(j);
		json_key(j, "path");
		json_cstring(j, path);
		json_key(j, "findings");
		json_array_begin(j);
	}
	for (size_t i = 0; i < fs.n; i++) {
		enum finding_level l = finding_kinds[fs.v[i].kind].level;

		if (l < r->min)
			continue;
		r->by_level[l]++;
		if (r->json)
			finding_json(&fs.v[i], j);
		else
			print_finding(&fs.v[i]);
	}
	if (r->json) {
		json_array_end(j);
		json_object_end(j);
	}
	findings_free(&fs);
	edition_free(&ed);
	return 0;
}

static void summary(const struct lint_run *r, struct json *j)
{
	size_t total = r->by_level[0] + r->by_level[1] + r->by_level[2];

	if (r->json) {
		json_array_end(j);
		json_key(j, "summary");
		json_object_begin(j);
		json_key(j, "files");
		json_uint(j, r->files);
		json_key(j, "skipped");
		json_uint(j, r->skipped);
		json_key(j, "errors");
		json_uint(j, r->by_level[LEVEL_ERROR]);
		json_key(j, "warnings");
		json_uint(j, r->by_level[LEVEL_WARNING]);
		json_key(j, "notes");
		json_uint(j, r->by_level[LEVEL_NOTE]);
		json_object_end(j);
		json_object_end(j);
		return;
	}
	/* TRANSLATORS: the --lint summary; the counts stay digits. */
	printf(_("%zu findings (%zu errors, %zu warnings, %zu notes) in %zu files"), total,
	       r->by_level[LEVEL_ERROR], r->by_level[LEVEL_WARNING], r->by_level[LEVEL_NOTE],
	       r->files);
	if (r->skipped)
		printf(_("; %zu files skipped"), r->skipped);
	putchar('\n');
}

int lintout_run(struct lint_run *r, const char *const *files, const unsigned char *named,
		size_t n)
{
	struct json j;
	struct words *words = NULL;
	int bad = r->failed;

	json_init(&j, stdout);
	if (!r->opts.words && !(r->opts.off >> FK_DOUBLED & 1)) {
		struct error err;

		words = words_load(NULL, &err);
		if (!words) {
			fprintf(stderr, _("reader: %s: %s; doubled characters are checked against "
					  "a short list only\n"), err.file, err.reason);
		}
		r->opts.words = words;
	}
	if (r->json) {
		json_object_begin(&j);
		json_key(&j, "files");
		json_array_begin(&j);
	}
	for (size_t i = 0; i < n; i++)
		if (lint_file(r, files[i], &j) < 0 && named && named[i])
			bad = 1;  /* below a directory: counted, not fatal */
	summary(r, &j);
	if (words) {
		words_free(words);
		r->opts.words = NULL;
	}
	if (bad)
		return 2;
	return r->by_level[0] + r->by_level[1] + r->by_level[2] ? 1 : 0;
}

int lintout_level(const char *s)
{
	for (int l = LEVEL_NOTE; l <= LEVEL_ERROR; l++)
		if (!strcmp(s, finding_level_name((enum finding_level)l)))
			return l;
	return -1;
}
