/*
 * positions: the reading-position file on top of record.h. See
 * positions.h for the format.
 *
 * What always holds: after pos_set() the file has one good line for the
 * edition (later duplicates a hand edit made are dropped), and every other
 * line is as it was.
 */
#include "positions.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "record.h"
#include "text.h"
#include "util.h"

#define POS_FIELDS 5
#define POS_COLUMNS "edition_id\tedition_path\tarticle\toffset\tupdated"

enum { P_ID, P_PATH, P_ARTICLE, P_OFFSET, P_UPDATED };

static const char *check_fields(char **f, char *why, size_t size)
{
	size_t n;
	const char *bad = NULL;

	if (!record_is_id(f[P_ID]))
		bad = _("the edition id is not 16 hexadecimal digits");
	else if (f[P_PATH][0] != '/')
		bad = _("the edition path is not absolute");
	else if (!record_parse_num(f[P_ARTICLE], &n) || n < 1)
		bad = _("article must be a number from 1");
	else if (!record_parse_num(f[P_OFFSET], &n))
		bad = _("offset is not a number");
	else if (!record_is_utc_time(f[P_UPDATED]))
		bad = _("updated is not YYYY-MM-DDTHH:MM:SSZ");
	if (!bad) {
		text_ascii_lower(f[P_ID]);
		return NULL;
	}
	snprintf(why, size, "%s", bad);
	return why;
}

static const struct record_format pos_format = {
	"positions", POS_VERSION, POS_COLUMNS, POS_FIELDS, check_fields,
};

/* The index of the first good line for the edition id at or after from,
 * or rf->n. */
static size_t pos_find(const struct record_file *rf, size_t from, const char *id)
{
	for (size_t i = from; i < rf->n; i++)
		if (rf->v[i].kind == RECORD_GOOD && strcasecmp(rf->v[i].field[P_ID], id) == 0)
			return i;
	return rf->n;
}

int pos_get(const char *path, const char *edition_id, size_t *article, size_t *offset)
{
	struct record_file rf;
	size_t i;
	int found = 0;

	if (record_load(&rf, &pos_format, path, NULL) == 0 &&
	    (i = pos_find(&rf, 0, edition_id)) < rf.n) {
		record_parse_num(rf.v[i].field[P_ARTICLE], article);
		record_parse_num(rf.v[i].field[P_OFFSET], offset);
		found = 1;
	}
	record_free(&rf);
	return found;
}

/* Newest first: by updated time (YYYY-MM-DDTHH:MM:SSZ, which sorts as
 * a string), the later line first on a tie. */
static int newer_first(const void *x, const void *y, void *ctx)
{
	const struct record *v = ctx;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int c = strcmp(v[b].field[P_UPDATED], v[a].field[P_UPDATED]);

	return c ? c : (a < b) - (a > b);
}

int pos_latest(const char *path, int (*want)(void *ctx, const char *id, const char *edition_path),
	       void *ctx, char id[17], size_t *article, size_t *offset)
{
	struct record_file rf;
	size_t best = SIZE_MAX, *order = NULL, n = 0;

	/* The good lines sorted newest first, then asked in that order up
	 * to the first yes: the cost is one sort, not a question for nearly
	 * every line (the lines are appended in time order, so each was the
	 * newest so far). */
	if (record_load(&rf, &pos_format, path, NULL) == 0 && rf.n) {
		order = xreallocarray(NULL, rf.n, sizeof *order);
		for (size_t i = 0; i < rf.n; i++)
			if (rf.v[i].kind == RECORD_GOOD)
				order[n++] = i;
		qsort_r(order, n, sizeof *order, newer_first, rf.v);
		for (size_t k = 0; k < n && best == SIZE_MAX; k++)
			if (want(ctx, rf.v[order[k]].field[P_ID], rf.v[order[k]].field[P_PATH]))
				best = order[k];
		free(order);
	}
	if (best != SIZE_MAX) {
		snprintf(id, 17, "%s", rf.v[best].field[P_ID]);
		record_parse_num(rf.v[best].field[P_ARTICLE], article);
		record_parse_num(rf.v[best].field[P_OFFSET], offset);
	}
	record_free(&rf);
	return best != SIZE_MAX;
}

/* A position to record: the fields of its line, the id in lower case. */
struct pos_change {
	const char *f[POS_FIELDS];
};

static int change_pos(struct record_file *d, const void *arg)
{
	const char *const *f = ((const struct pos_change *)arg)->f;
	size_t i = pos_find(d, 0, f[P_ID]);

	if (i == d->n) {
		record_append(d, f);
		return 1;
	}
	if (!strcmp(d->v[i].field[P_ARTICLE], f[P_ARTICLE]) &&
	    !strcmp(d->v[i].field[P_OFFSET], f[P_OFFSET]) &&
	    !strcmp(d->v[i].field[P_PATH], f[P_PATH]))
		return 0;  /* already there: spare the disk */
	record_set(d, i, f);
	/* Only one line per edition: drop any later duplicates. */
	for (size_t j; (j = pos_find(d, i + 1, f[P_ID])) < d->n;)
		record_remove(d, j);
	return 1;
}

int pos_set(const char *path, const char *edition_id, const char *edition_path,
	    size_t article, size_t offset, struct error *err)
{
	struct record_file rf;
	struct pos_change c;
	char id[17], num[2][24], now[32];
	int rc;

	if (!record_is_id(edition_id) || edition_path[0] != '/' || article < 1) {
		error_set(err, path, 0, 0, _("cannot record a position: %s"),
			  !record_is_id(edition_id) ? _("the edition id is not 16 hexadecimal digits") :
			  edition_path[0] != '/' ? _("the edition path is not absolute") :
			  _("article must be a number from 1"));
		return -1;
	}
	memcpy(id, edition_id, sizeof id);
	text_ascii_lower(id);
	snprintf(num[0], sizeof num[0], "%zu", article);
	snprintf(num[1], sizeof num[1], "%zu", offset);
	record_now(now, sizeof now);
	c = (struct pos_change){{id, edition_path, num[0], num[1], now}};
	record_init(&rf, &pos_format, path);
	rc = record_change(&rf, change_pos, &c, err);
	record_free(&rf);
	return rc < 0 ? -1 : 0;
}
