/*
 * proof: the article view seen from the source file. See proof.h.
 *
 * Findings are sorted by line and column, and text positions follow the
 * source order, except that a join is placed at the line before its seam:
 * a search by line starts at the line of the piece before.
 */
#include "proof.h"

#include <stdint.h>

/* The article whose lines hold `line` (the last that starts at or before
 * it), or SIZE_MAX before the first. */
static size_t article_of_line(const struct edition *ed, size_t line)
{
	size_t lo = 0, hi = ed->narticles;

	if (!ed->narticles || line < ed->articles[0].line)
		return SIZE_MAX;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ed->articles[mid].line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The first text of an article at source line `line` or after. */
static int first_at(const struct edition *ed, size_t art, size_t line, struct view_pos *p)
{
	for (size_t i = 0; i < ed->articles[art].nitems; i++) {
		size_t n;
		const struct piece *pc = edition_item_pieces(ed, art, i, &n);

		for (size_t j = 0; j < n; j++) {
			if (pc[j].line >= line) {
				*p = (struct view_pos){art, i, 0, pc[j].off, 0};
				return 0;
			}
		}
	}
	return -1;
}

int proof_line_pos(const struct edition *ed, size_t line, struct view_pos *p)
{
	size_t art = article_of_line(ed, line);

	if (art == SIZE_MAX)
		return -1;
	for (size_t k = art; k < ed->narticles; k++)
		if (first_at(ed, k, k == art ? line : 0, p) == 0)
			return 0;
	return -1;
}

size_t proof_vline_source(const struct view *v, size_t i, size_t *column)
{
	const struct vline *l = &v->vl.v[i];
	size_t line, col;

	if (l->kind == VL_BLANK || l->kind == VL_FRONT ||
	    edition_source_at(v->ed, v->art, l->item, l->l.start, &line, &col) < 0)
		return 0;
	if (column)
		*column = col;
	return line;
}

/* The end of the UTF-8 character at s[off] (n bytes in all). */
static size_t char_end(const char *s, size_t n, size_t off)
{
	if (off < n)
		off++;
	while (off < n && ((unsigned char)s[off] & 0xC0) == 0x80)
		off++;
	return off;
}

/* The start of the UTF-8 character before s[off]. */
static size_t char_start(const char *s, size_t off)
{
	if (off)
		off--;
	while (off && ((unsigned char)s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Is piece pc the first text of its source line? A column before it is
 * the indentation trimmed off, which its start stands for. */
static int first_on_line(const struct edition *ed, const struct piece *pc)
{
	return pc == ed->pieces || pc[-1].line != pc->line;
}

size_t proof_item_offset(const struct edition *ed, size_t art, size_t item, size_t line,
			 size_t column)
{
	struct str t = edition_item_text(ed, art, item);
	size_t n, best = SIZE_MAX, off, end;
	const struct piece *pc = edition_item_pieces(ed, art, item, &n);

	for (size_t j = 0; j < n; j++)
		if (pc[j].line == line && (pc[j].column <= column || first_on_line(ed, pc + j)))
			best = j;
	if (best == SIZE_MAX)
		return SIZE_MAX;
	off = pc[best].off;
	end = best + 1 < n ? pc[best + 1].off : t.n;
	for (size_t c = pc[best].column; c < column && off < end; c++)
		off = char_end(t.s, end, off);
	return off;
}

int proof_finding_pos(const struct edition *ed, const struct finding *f, struct view_pos *p)
{
	size_t art = article_of_line(ed, f->line);

	if (art == SIZE_MAX)
		return -1;
	for (size_t i = 0; i < ed->articles[art].nitems; i++) {
		size_t off = proof_item_offset(ed, art, i, f->line, f->column);

		if (off != SIZE_MAX) {
			*p = (struct view_pos){art, i, 0, off, 0};
			return 0;
		}
	}
	return proof_line_pos(ed, f->line, p);
}

/* The index of the first finding at line `line` or after. */
static size_t first_finding(const struct findings *fs, size_t line)
{
	size_t lo = 0, hi = fs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (fs->v[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The source line of the piece before the one holding byte off of an
 * item (its own when it is the first): where a search for the findings
 * that fall at off starts. */
static size_t line_before(const struct edition *ed, size_t art, size_t item, size_t off)
{
	size_t n, j = 0;
	const struct piece *pc = edition_item_pieces(ed, art, item, &n);

	if (!n)
		return 0;
	while (j + 1 < n && pc[j + 1].off <= off)
		j++;
	return pc[j ? j - 1 : 0].line;
}

/* Add the range of finding f at offset off, clipped to [start, end). */
static size_t add_range(const struct finding *f, struct str t, size_t off, size_t start,
			size_t end, size_t (*r)[2])
{
	size_t a = off, b = char_end(t.s, t.n, off);

	if (f->kind == FK_JOIN)
		a = char_start(t.s, off);
	if (a < start)
		a = start;
	if (b > end)
		b = end;
	if (a >= b)
		return 0;
	r[0][0] = a;
	r[0][1] = b;
	return 1;
}

size_t proof_vline_findings(const struct view *v, size_t i, const struct findings *fs,
			    size_t (*ranges)[2], size_t max, size_t *first)
{
	const struct vline *l = &v->vl.v[i];
	size_t nr = 0, last, col;
	struct str t;

	*first = SIZE_MAX;
	if (l->kind == VL_BLANK || l->kind == VL_FRONT || !fs->n ||
	    edition_source_at(v->ed, v->art, l->item, l->l.end, &last, &col) < 0)
		return 0;
	t = edition_item_text(v->ed, v->art, l->item);
	for (size_t k = first_finding(fs, line_before(v->ed, v->art, l->item, l->l.start));
	     k < fs->n && fs->v[k].line <= last && nr < max; k++) {
		size_t off = proof_item_offset(v->ed, v->art, l->item, fs->v[k].line,
					       fs->v[k].column);

		if (off == SIZE_MAX || off < l->l.start || off > l->l.end ||
		    (off == l->l.end && off < t.n))
			continue;
		if (*first == SIZE_MAX)
			*first = k;
		nr += add_range(&fs->v[k], t, off, l->l.start, l->l.end, ranges + nr);
	}
	return nr;
}

/* Compare two text positions of the same edition. */
static int pos_cmp(const struct view_pos *a, const struct view_pos *b)
{
	if (a->article != b->article)
		return a->article < b->article ? -1 : 1;
	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return 0;
}

/* The reference position of the top of the view: the top line's end for
 * dir 1, else the start of the first text line from the top (the
 * article's start when there is none). */
static struct view_pos top_ref(const struct view *v, int dir, size_t *line)
{
	struct view_pos p = {v->art, 0, 0, 0, 0};
	size_t col;

	*line = v->art < v->ed->narticles ? v->ed->articles[v->art].line : 0;
	for (size_t i = v->top; i < v->vl.n; i++) {
		const struct vline *l = &v->vl.v[i];

		if (l->kind == VL_BLANK || l->kind == VL_FRONT)
			continue;
		p.item = l->item;
		p.offset = dir > 0 && i == v->top ? l->l.end : l->l.start;
		if (edition_source_at(v->ed, v->art, l->item, p.offset, line, &col) == 0 && dir > 0)
			*line = line_before(v->ed, v->art, l->item, p.offset);
		break;
	}
	return p;
}

size_t proof_next_finding(const struct view *v, const struct findings *fs, int dir,
			  struct view_pos *to)
{
	size_t line, k;
	struct view_pos ref = top_ref(v, dir, &line), p;

	if (!fs->n)
		return SIZE_MAX;
	if (dir > 0) {
		for (k = first_finding(fs, line); k < fs->n; k++)
			if (proof_finding_pos(v->ed, &fs->v[k], &p) == 0 && pos_cmp(&p, &ref) >= 0)
				break;
		if (k == fs->n)
			return SIZE_MAX;
	} else {
		for (k = first_finding(fs, line + 1); k-- > 0;)
			if (proof_finding_pos(v->ed, &fs->v[k], &p) == 0 && pos_cmp(&p, &ref) < 0)
				break;
		if (k == SIZE_MAX)
			return SIZE_MAX;
	}
	*to = p;
	return k;
}
