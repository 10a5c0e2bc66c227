/*
 * finding: the table of kinds, lists of findings and their two printed
 * forms. See finding.h.
 */
#include "finding.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "util.h"

const struct finding_info finding_kinds[FK_COUNT] = {
	[FK_ERROR] = { "error", LEVEL_ERROR, "the file or argument cannot be used as it is" },
	[FK_CONFIG] = { "config", LEVEL_ERROR, "a setting the reader cannot take" },
	[FK_RECORD_LINE] = { "record-line", LEVEL_WARNING,
			     "a line of the bookmark or position file that does not parse; "
			     "it is kept as it is" },
	[FK_JOIN] = { "join", LEVEL_NOTE,
		      "a paragraph cut by a column break was rejoined: check the seam" },
	[FK_BYLINE_SPLIT] = { "byline-split", LEVEL_NOTE,
			      "names glued to the end of a paragraph were taken as its byline" },
	[FK_INVALID] = { "invalid-bytes", LEVEL_WARNING,
			 "bytes that are not text in the file's encoding were shown as U+FFFD" },
	[FK_CONTROL] = { "control-character", LEVEL_WARNING,
			 "a control character in the text, kept as data and shown as a mark" },
	[FK_JOIN_CANDIDATE] = { "join-candidate", LEVEL_NOTE,
				"a line that may continue the paragraph before it across a column "
				"break, left apart for want of evidence" },
	[FK_BOUNDARY] = { "boundary", LEVEL_NOTE,
			  "why the parser did or did not start an article at a heading-like "
			  "line it was unsure of" },
	[FK_INDENT] = { "indent", LEVEL_NOTE,
			"indentation taken off the start of lines: the file's usual one once, "
			"with its count of lines, any other at each line" },
	[FK_TRAILING] = { "trailing-space", LEVEL_NOTE,
			  "whitespace taken off the end of lines, and lines of only whitespace "
			  "taken as blank: the file's usual kind once, with its count of lines, "
			  "any other at each line" },
	[FK_FORMAT] = { "format-character", LEVEL_WARNING,
			"an invisible format character (zero-width joiner or space, a "
			"bidirectional control, a byte order mark) that changes how text "
			"shows without showing itself" },
	[FK_DOUBLED] = { "doubled", LEVEL_WARNING,
			 "a character or two-character word written twice where Chinese does "
			 "not double it (的的, 交流交流); common reduplications are left alone" },
	[FK_VARIANT] = { "variant", LEVEL_WARNING,
			 "a traditional or variant character in simplified text (阳羨), or a "
			 "simplified one in traditional text, by OpenCC's tables" },
	[FK_HALFWIDTH] = { "halfwidth-punctuation", LEVEL_NOTE,
			   "ASCII , : ; ? ! ( ) beside Chinese characters, where Chinese "
			   "typography uses the full-width marks; counted per paragraph" },
	[FK_MIXED_WIDTH] = { "mixed-width", LEVEL_NOTE,
			     "full-width digits or Latin letters in a paragraph that also has "
			     "half-width ones" },
	[FK_LATIN_NUMBER] = { "latin-in-number", LEVEL_WARNING,
			      "a letter that looks like a digit inside a number (4OO, 1l)" },
	[FK_UNBALANCED] = { "unbalanced", LEVEL_WARNING,
			    "a quotation mark or bracket without its partner in the paragraph "
			    "(after column-break joins)" },
	[FK_ODD_SPACE] = { "odd-space", LEVEL_NOTE,
			   "a space between two Chinese characters, a no-break space, or an "
			   "ideographic space inside a line (whitespace at a line's end is "
			   "trailing-space)" },
};

void findings_add(struct findings *fs, enum finding_kind kind, const char *file, size_t line,
		  size_t column, const char *fmt, ...)
{
	struct sbuf b = {0};
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		sbuf_add(&b, small, (size_t)n);
	} else {
		va_start(ap, fmt);
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		XGROW(b.s, b.cap, (size_t)(n < 0 ? 0 : n) + 1);
		va_start(ap, fmt);
		vsnprintf(b.s, b.cap, fmt, ap);
		va_end(ap);
	}
	XGROW(fs->v, fs->cap, fs->n + 1);
	fs->v[fs->n++] = (struct finding){ kind, file, line, column, b.s ? b.s : xstrdup("") };
}

void findings_add_text(struct findings *fs, enum finding_kind kind, const char *file, size_t line,
		       size_t column, const char *msg, size_t n)
{
	char *m = xmalloc(n + 1);

	memcpy(m, msg, n);
	m[n] = '\0';
	XGROW(fs->v, fs->cap, fs->n + 1);
	fs->v[fs->n++] = (struct finding){ kind, file, line, column, m };
}

/* Findings in qsort's hands, with their original positions: ties keep
 * the order they were found in (qsort itself is not stable). */
struct ranked {
	struct finding f;
	size_t seq;
};

static int by_place(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->f.line != y->f.line)
		return x->f.line < y->f.line ? -1 : 1;
	if (x->f.column != y->f.column)
		return x->f.column < y->f.column ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void findings_sort(struct findings *fs)
{
	struct ranked *r;

	if (fs->n < 2)
		return;
	r = xcalloc(fs->n, sizeof *r);
	for (size_t i = 0; i < fs->n; i++)
		r[i] = (struct ranked){ fs->v[i], i };
	qsort(r, fs->n, sizeof *r, by_place);
	for (size_t i = 0; i < fs->n; i++)
		fs->v[i] = r[i].f;
	free(r);
}

void findings_free(struct findings *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i].message);
	free(fs->v);
	memset(fs, 0, sizeof *fs);
}

const char *finding_level_name(enum finding_level level)
{
	return level == LEVEL_ERROR ? "error" : level == LEVEL_WARNING ? "warning" : "note";
}

void finding_print(const struct finding *fi, FILE *f)
{
	fputs("reader: ", f);
	if (fi->file && fi->file[0]) {
		escape_fput(f, fi->file, strlen(fi->file), 0);
		if (fi->line) {
			fprintf(f, ":%zu", fi->line);
			if (fi->column)
				fprintf(f, ":%zu", fi->column);
		}
		fputs(": ", f);
	}
	escape_fput(f, fi->message, strlen(fi->message), 0);
	fputc('\n', f);
}

void finding_json(const struct finding *fi, struct json *j)
{
	json_object_begin(j);
	json_key(j, "kind");
	json_cstring(j, finding_kinds[fi->kind].name);
	json_key(j, "level");
	json_cstring(j, finding_level_name(finding_kinds[fi->kind].level));
	json_key(j, "line");
	json_uint(j, fi->line);
	json_key(j, "column");
	json_uint(j, fi->column);
	json_key(j, "message");
	json_cstring(j, fi->message);
	json_object_end(j);
}
