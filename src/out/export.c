/*
 * export: outline (TSV) and JSON views of a parsed edition. See export.h.
 */
#include "export.h"

#include <string.h>

#include "escape.h"

/* A TSV field, escaped (escape.h, ESCAPE_FIELD) so that it stays one
 * field and holds no control character. s may be NULL when n is 0. */
static void tsv_field(FILE *f, const char *s, size_t n)
{
	if (n)
		escape_fput(f, s, n, ESCAPE_FIELD);
}

static void tsv_names(FILE *f, const struct str *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(' ', f);
		tsv_field(f, v[i].s, v[i].n);
	}
}

void export_outline_header(FILE *f)
{
	fputs("edition\tindex\tlocality\tkicker\theadline\tbyline\tparagraphs\tline\tsubtitle\n",
	      f);
}

void export_outline_article(FILE *f, const struct edition *ed, const struct article *a)
{
	tsv_field(f, ed->path, strlen(ed->path));
	fprintf(f, "\t%zu\t", a->index);
	tsv_field(f, a->locality.s, a->locality.n);
	fputc('\t', f);
	tsv_field(f, a->kicker.s, a->kicker.n);
	fputc('\t', f);
	tsv_field(f, a->headline.s, a->headline.n);
	fputc('\t', f);
	/* A credit-only article shows its photographers as the byline. */
	if (a->nbyline)
		tsv_names(f, a->byline, a->nbyline);
	else
		tsv_names(f, a->credit, a->ncredit);
	fprintf(f, "\t%zu\t%zu\t", a->nparas, a->line);
	tsv_field(f, a->subtitle.s, a->subtitle.n);
	fputc('\n', f);
}

void export_outline(FILE *f, const struct edition *ed)
{
	for (size_t i = 0; i < ed->narticles; i++)
		export_outline_article(f, ed, &ed->articles[i]);
}

static void json_str(struct json *j, struct str s)
{
	if (s.s)
		json_string(j, s.s, s.n);
	else
		json_null(j);
}

static void json_strs(struct json *j, const struct str *v, size_t n)
{
	json_array_begin(j);
	for (size_t i = 0; i < n; i++)
		json_string(j, v[i].s, v[i].n);
	json_array_end(j);
}

/* The names of the paragraph kinds in --json. */
static const char *const para_kind_names[] = {
	[PARA_TEXT] = "text", [PARA_SUBHEAD] = "subhead", [PARA_NOTE] = "note",
	[PARA_CAPTION] = "caption", [PARA_CREDIT] = "credit",
};

static void json_article(struct json *j, const struct article *a)
{
	json_object_begin(j);
	json_key(j, "index");
	json_uint(j, a->index);
	json_key(j, "kicker");
	json_str(j, a->kicker);
	json_key(j, "locality");
	json_str(j, a->locality);
	json_key(j, "place");
	if (a->has_place) {
		json_object_begin(j);
		json_key(j, "code");
		json_cstring(j, a->place_code);
		json_key(j, "name");
		json_cstring(j, a->place_name);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_key(j, "headline");
	json_string(j, a->headline.s, a->headline.n);
	json_key(j, "subtitle");
	json_str(j, a->subtitle);
	json_key(j, "dateline");
	json_str(j, a->dateline);
	json_key(j, "dateline_place");
	json_str(j, a->dateline_place);
	json_key(j, "agency");
	json_str(j, a->agency);
	json_key(j, "byline");
	json_strs(j, a->byline, a->nbyline);
	json_key(j, "roles");
	json_strs(j, a->roles, a->nroles);
	json_key(j, "credit");
	json_strs(j, a->credit, a->ncredit);
	json_key(j, "line");
	json_uint(j, a->line);
	json_key(j, "paragraphs");
	json_array_begin(j);
	for (size_t k = 0; k < a->nparas; k++) {
		json_object_begin(j);
		json_key(j, "text");
		json_string(j, a->paras[k].text.s, a->paras[k].text.n);
		json_key(j, "kind");
		json_cstring(j, para_kind_names[a->paras[k].kind]);
		json_key(j, "first_line");
		json_uint(j, a->paras[k].first_line);
		json_key(j, "last_line");
		json_uint(j, a->paras[k].last_line);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

void export_json(struct json *j, struct edition *ed)
{
	json_object_begin(j);
	json_key(j, "edition");
	json_object_begin(j);
	json_key(j, "path");
	json_cstring(j, ed->path);
	json_key(j, "id");
	json_cstring(j, edition_id(ed));
	json_key(j, "encoding");
	json_cstring(j, ed->encoding);
	json_key(j, "paragraph_style");
	json_cstring(j, ed->style == STYLE_LINE ? "line" : "blank");
	json_key(j, "title");
	json_str(j, ed->title);
	json_key(j, "date");
	json_str(j, ed->date);
	json_key(j, "weekday");
	json_str(j, ed->weekday);
	json_key(j, "editors");
	json_strs(j, ed->editors, ed->neditors);
	json_key(j, "phone");
	json_str(j, ed->phone);
	json_key(j, "email");
	json_str(j, ed->email);
	json_key(j, "banner");
	json_strs(j, ed->banner, ed->nbanner);
	json_object_end(j);
	json_key(j, "articles");
	json_array_begin(j);
	for (size_t i = 0; i < ed->narticles; i++)
		json_article(j, &ed->articles[i]);
	json_array_end(j);
	json_key(j, "repairs");
	json_array_begin(j);
	for (size_t i = 0; i < ed->findings.n; i++)
		finding_json(&ed->findings.v[i], j);
	json_array_end(j);
	json_object_end(j);
}
