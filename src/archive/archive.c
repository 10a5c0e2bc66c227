/*
 * archive: find the editions below the named paths and put them in reading
 * order. See archive.h.
 *
 * The walk reads each directory once (readdir, then the names sorted by
 * byte value, which is code-point order in UTF-8), stats its entries
 * relative to the directory's descriptor, and remembers every directory
 * and file it took by device and inode in a hash set, so that a link loop
 * ends and a file reached twice is kept once. Everything is linear in the
 * number of entries but for the sorts.
 */
#include "archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

/* ---- dates in names ---------------------------------------------------- */

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

static int valid_date(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

/* The years a date in a file name may have: wider than any newspaper
 * archive, narrow enough that a serial number is seldom taken for one. */
static int name_year(int y)
{
	return y >= 1800 && y <= 2199;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The number of digits at s (at most max, s ends at e). */
static size_t digits(const char *s, const char *e, size_t max)
{
	size_t n = 0;

	while (s + n < e && n < max && is_digit(s[n]))
		n++;
	return n;
}

static int number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int starts(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(e - s) >= n && !memcmp(s, lit, n);
}

/* A date starting at s, the first digit of a run of digits: YYYYMMDD
 * (exactly eight digits), YYYY-MM-DD with -, _ or . (months and days of
 * one or two digits), or YYYY年M月D日. Sets *y, *m, *d, *end (past the
 * date) and *compact (the eight-digit form). */
static int date_at(const char *s, const char *e, int *y, int *m, int *d, const char **end,
		   int *compact)
{
	size_t run = digits(s, e, 9);
	const char *p;
	size_t n;

	*compact = 0;
	if (run == 8) {
		*y = number(s, 4), *m = number(s + 4, 2), *d = number(s + 6, 2);
		*end = s + 8;
		*compact = 1;
		return name_year(*y) && valid_date(*y, *m, *d);
	}
	if (run != 4)
		return 0;
	*y = number(s, 4);
	p = s + 4;
	if (p < e && (*p == '-' || *p == '_' || *p == '.')) {
		char sep = *p++;

		n = digits(p, e, 3);
		if (n < 1 || n > 2 || p + n >= e || p[n] != sep)
			return 0;
		*m = number(p, n);
		p += n + 1;
		n = digits(p, e, 3);
		if (n < 1 || n > 2)
			return 0;
		*d = number(p, n);
		*end = p + n;
	} else if (starts(p, e, "年")) {
		p += strlen("年");
		n = digits(p, e, 3);
		if (n < 1 || n > 2 || !starts(p + n, e, "月"))
			return 0;
		*m = number(p, n);
		p += n + strlen("月");
		n = digits(p, e, 3);
		if (n < 1 || n > 2)
			return 0;
		*d = number(p, n);
		p += n;
		if (starts(p, e, "日"))
			p += strlen("日");
		*end = p;
	} else {
		return 0;
	}
	return name_year(*y) && valid_date(*y, *m, *d);
}

/* A Chinese numeral from 1 to 99 (三, 十二, 二十, 二十三) at s; its
 * length in *len, or 0. */
static int chinese_number(const char *s, const char *e, size_t *len)
{
	static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
	int tens = 0, ones = 0;
	const char *p = s;

	for (int i = 0; i < 9; i++)
		if (starts(p, e, nums[i])) {
			ones = i + 1;
			p += strlen(nums[i]);
			break;
		}
	if (starts(p, e, "十")) {
		tens = ones ? ones : 1;
		ones = 0;
		p += strlen("十");
		for (int i = 0; i < 9; i++)
			if (starts(p, e, nums[i])) {
				ones = i + 1;
				p += strlen(nums[i]);
				break;
			}
	}
	*len = (size_t)(p - s);
	return tens * 10 + ones;
}

/* A page marker at s: 第3版 (or 第三版); p01, page3 or a section letter
 * and number (A04) after the start of the name or a separator and before
 * the end or a separator. The page, or 0. */
static int page_at(const char *name, const char *s, const char *e)
{
	size_t n;

	if (starts(s, e, "第")) {
		const char *p = s + strlen("第");
		int v;

		n = digits(p, e, 4);
		if (n >= 1 && n <= 3) {
			v = number(p, n);
		} else {
			v = chinese_number(p, e, &n);
			if (!v)
				return 0;
		}
		return starts(p + n, e, "版") ? v : 0;
	}
	if (s > name && is_alnum(s[-1]))
		return 0;
	if ((*s == 'p' || *s == 'P') && (size_t)(e - s) >= 4 && !strncasecmp(s, "page", 4)) {
		s += 4;
		if (s < e && (*s == '-' || *s == '_'))
			s++;
	} else if (*s == 'p' || *s == 'P' || (*s >= 'A' && *s <= 'Z')) {
		s++;
	} else {
		return 0;
	}
	n = digits(s, e, 4);
	if (n < 1 || n > 3 || (s + n < e && is_alnum(s[n])))
		return 0;
	return number(s, n);
}

/* archive_name_date on the name [name, e). */
static int name_date(const char *name, const char *e, char date[11], int *page)
{
	const char *date_start = NULL, *date_end = NULL;
	int found = 0, y = 0, m = 0, d = 0, compact = 0;

	*page = 0;
	for (const char *s = name; s < e; s++) {
		if (!is_digit(*s) || (s > name && is_digit(s[-1])))
			continue;
		if (date_at(s, e, &y, &m, &d, &date_end, &compact)) {
			date_start = s;
			found = 1;
			break;
		}
	}
	/* The People's Daily crawls: YYYYMMDD-PP-NN (page, article). */
	if (found && compact && date_end < e && (*date_end == '-' || *date_end == '_')) {
		size_t n = digits(date_end + 1, e, 4);

		if (n >= 1 && n <= 3 && (date_end + 1 + n == e || !is_digit(date_end[1 + n])))
			*page = number(date_end + 1, n);
	}
	for (const char *s = name; !*page && s < e; s++) {
		if (found && s >= date_start && s < date_end)
			continue;
		*page = page_at(name, s, e);
	}
	if (found)
		snprintf(date, 11, "%04d-%02d-%02d", y, m, d);
	return found;
}

/* The last component of path: [*start, return). */
static const char *last_component(const char *path, const char *end, const char **start)
{
	while (end > path && end[-1] == '/')
		end--;
	*start = end;
	while (*start > path && (*start)[-1] != '/')
		(*start)--;
	return end;
}

int archive_name_date(const char *path, char date[11], int *page)
{
	const char *s, *e = last_component(path, path + strlen(path), &s);
	int dummy;

	return name_date(s, e, date, page ? page : &dummy);
}

int archive_weekday(const char *date)
{
	static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y, m, d;

	if (!date || strlen(date) != 10 || date[4] != '-' || date[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(date[i]))
			return -1;
	y = number(date, 4), m = number(date + 5, 2), d = number(date + 8, 2);
	if (y < 1 || !valid_date(y, m, d))
		return -1;
	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* ---- the set of directories and files seen ------------------------------ */

struct archive_seen {
	struct { dev_t dev; ino_t ino; int used; } *v;
	size_t n, cap;  /* cap: a power of two */
};

static size_t seen_hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15u ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Fu;

	return (size_t)(h ^ h >> 29);
}

/* Add (dev, ino); 0 when it was there already. */
static int seen_add(struct archive_seen *s, dev_t dev, ino_t ino)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct archive_seen t = {NULL, 0, s->cap ? 2 * s->cap : 256};

		t.v = xcalloc(t.cap, sizeof *t.v);
		for (size_t k = 0; k < s->cap; k++)
			if (s->v[k].used)
				seen_add(&t, s->v[k].dev, s->v[k].ino);
		free(s->v);
		*s = t;
	}
	for (i = seen_hash(dev, ino) & (s->cap - 1); s->v[i].used; i = (i + 1) & (s->cap - 1))
		if (s->v[i].dev == dev && s->v[i].ino == ino)
			return 0;
	s->v[i].dev = dev, s->v[i].ino = ino, s->v[i].used = 1;
	s->n++;
	return 1;
}

/* ---- the scan ------------------------------------------------------------ */

static void add_skip(struct archive *a, const char *path, const char *why)
{
	XGROW(a->skipped, a->capskipped, a->nskipped + 1);
	a->skipped[a->nskipped].path = xstrdup(path);
	a->skipped[a->nskipped].why = xstrdup(why);
	a->nskipped++;
}

/* The date of an entry: its name's, else its directory's name's (a folder
 * per day: 2020-11-05/p01.txt), else its modification time's. */
static void entry_date(struct archive_entry *en)
{
	const char *s, *e = last_component(en->path, en->path + strlen(en->path), &s);
	int page, dpage;

	if (name_date(s, e, en->date, &page)) {
		en->date_from = DATE_NAME;
	} else if (s > en->path &&
		   (e = last_component(en->path, s, &s), s < e) && name_date(s, e, en->date, &dpage)) {
		en->date_from = DATE_NAME;
	} else {
		time_t t = (time_t)en->mtime_s;
		struct tm tm;

		if (localtime_r(&t, &tm) && strftime(en->date, sizeof en->date, "%Y-%m-%d", &tm) == 10) {
			en->date_from = DATE_MTIME;
		} else {
			en->date[0] = 0;
			en->date_from = DATE_NONE;
		}
	}
	en->page = page;
}

struct archive_entry *archive_add(struct archive *a, const char *path, long long size,
				  long long mtime_s, long mtime_ns, const char *date)
{
	struct archive_entry *en;

	free(a->bypath);
	a->bypath = NULL;
	a->nbypath = 0;
	XGROW(a->v, a->cap, a->n + 1);
	en = &a->v[a->n++];
	memset(en, 0, sizeof *en);
	en->path = xstrdup(path);
	en->size = size;
	en->mtime_s = mtime_s;
	en->mtime_ns = mtime_ns;
	if (date && strlen(date) == 10) {
		memcpy(en->date, date, 11);
		en->date_from = DATE_DATELINE;
	} else {
		entry_date(en);
	}
	return en;
}

void archive_add_skip(struct archive *a, const char *path, const char *why)
{
	add_skip(a, path, why);
}

/* One call of archive_scan(): the archive, the directories entered, and
 * the process's effective ids (looked up once, not per file). */
struct scan {
	struct archive *a;
	const char *root;           /* the path named that is being walked */
	char *realroot;             /* realpath() of it, or NULL */
	struct archive_seen dirs;
	uid_t uid;
	gid_t gid, groups[64];
	int ngroups;
};

/* May this process read a file of this owner and mode? The permission
 * bits against the effective ids: what access() would say but for ACLs,
 * without a system call per file (that was a fifth of a scan's time). */
static int may_read(const struct scan *sc, const struct stat *st)
{
	if (sc->uid == 0)
		return 1;
	if (st->st_uid == sc->uid)
		return (st->st_mode & S_IRUSR) != 0;
	if (st->st_gid == sc->gid)
		return (st->st_mode & S_IRGRP) != 0;
	for (int i = 0; i < sc->ngroups; i++)
		if (sc->groups[i] == st->st_gid)
			return (st->st_mode & S_IRGRP) != 0;
	return (st->st_mode & S_IROTH) != 0;
}

/* Take the file at path (stat'ed into st). */
static void take_file(struct scan *sc, const char *path, const struct stat *st)
{
	struct archive *a = sc->a;
	struct archive_entry *en;

	if (!seen_add(a->seen, st->st_dev, st->st_ino))
		return;
	if (!S_ISREG(st->st_mode)) {
		add_skip(a, path, _("not a regular file"));
		return;
	}
	if (st->st_size == 0) {
		add_skip(a, path, _("empty file"));
		return;
	}
	if (!may_read(sc, st)) {
		add_skip(a, path, strerror(EACCES));
		return;
	}
	XGROW(a->v, a->cap, a->n + 1);
	en = &a->v[a->n++];
	memset(en, 0, sizeof *en);
	en->path = xstrdup(path);
	en->key = sc->realroot ? archive_rebase(path, sc->root, sc->realroot) : NULL;
	en->size = (long long)st->st_size;
	en->mtime_s = (long long)st->st_mtim.tv_sec;
	en->mtime_ns = st->st_mtim.tv_nsec;
	entry_date(en);
}

int archive_below(const char *path, const char *root)
{
	size_t n = strlen(root);

	return strcmp(path, root) == 0 ||
	       (n && strncmp(path, root, n) == 0 && (root[n - 1] == '/' || path[n] == '/'));
}

char *archive_rebase(const char *path, const char *from, const char *to)
{
	const char *rest = path + strlen(from);
	size_t n;

	if (!archive_below(path, from))
		return NULL;
	while (*rest == '/')
		rest++;
	if (!*rest)
		return xstrdup(to);
	n = strlen(to);
	return xasprintf("%s%s%s", to, n && to[n - 1] == '/' ? "" : "/", rest);
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* dir joined with name (without doubling a slash). */
static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return n && dir[n - 1] == '/' ? xasprintf("%s%s", dir, name) : xasprintf("%s/%s", dir, name);
}

/* Walk the directory at path (already in sc->dirs), its entries in name
 * order. Returns 0, or -1 with errno when it cannot be opened. */
static int walk(struct scan *sc, const char *path)
{
	struct archive *a = sc->a;
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int dfd;

	if (!d)
		return -1;
	dfd = dirfd(d);
	while ((errno = 0, de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(de->d_name);
	}
	if (errno) {
		int e = errno;

		add_skip(a, path, strerror(e));
	}
	if (n)  /* qsort(NULL, 0) is undefined: an empty directory */
		qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; i < n; i++) {
		char *p = join(path, names[i]);
		struct stat st;

		if (fstatat(dfd, names[i], &st, 0) < 0) {
			/* a dangling link, or gone since readdir */
			add_skip(a, p, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			if (seen_add(&sc->dirs, st.st_dev, st.st_ino) && walk(sc, p) < 0)
				add_skip(a, p, strerror(errno));
		} else {
			take_file(sc, p, &st);
		}
		free(p);
		free(names[i]);
	}
	free(names);
	closedir(d);
	return 0;
}

int archive_scan(struct archive *a, const char *const *paths, size_t n, struct error *err)
{
	struct scan sc;
	int rc = 0;

	memset(&sc, 0, sizeof sc);
	sc.a = a;
	sc.uid = geteuid();
	sc.gid = getegid();
	sc.ngroups = getgroups(64, sc.groups);  /* -1 past 64: the egid only */

	free(a->bypath);
	a->bypath = NULL;
	a->nbypath = 0;
	if (!a->seen)
		a->seen = xcalloc(1, sizeof *a->seen);
	for (size_t i = 0; i < n; i++) {
		struct stat st;

		sc.root = paths[i];
		free(sc.realroot);
		sc.realroot = realpath(paths[i], NULL);
		if (stat(paths[i], &st) < 0) {
			if (rc == 0)
				error_set(err, paths[i], 0, 0, "%s", strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (seen_add(&sc.dirs, st.st_dev, st.st_ino) && walk(&sc, paths[i]) < 0) {
				if (rc == 0)
					error_set(err, paths[i], 0, 0, "%s", strerror(errno));
				rc = -1;
			}
		} else {
			take_file(&sc, paths[i], &st);
		}
	}
	free(sc.dirs.v);
	free(sc.realroot);
	return rc;
}

/* ---- order ------------------------------------------------------------- */

static int cmp_entry(const void *x, const void *y)
{
	const struct archive_entry *p = x, *q = y;
	int c;

	/* no date at all: after every dated entry */
	if (!p->date[0] != !q->date[0])
		return p->date[0] ? -1 : 1;
	c = strcmp(p->date, q->date);
	if (c)
		return c;
	if (p->page != q->page) {
		if (!p->page || !q->page)
			return p->page ? -1 : 1;
		return p->page < q->page ? -1 : 1;
	}
	return strcmp(p->path, q->path);
}

static int cmp_bypath(const void *x, const void *y, void *ctx)
{
	const struct archive_entry *v = ctx;

	return strcmp(v[*(const size_t *)x].path, v[*(const size_t *)y].path);
}

void archive_order(struct archive *a)
{
	if (a->n > 1)
		qsort(a->v, a->n, sizeof *a->v, cmp_entry);
	free(a->bypath);
	a->bypath = xreallocarray(NULL, a->n ? a->n : 1, sizeof *a->bypath);
	for (size_t i = 0; i < a->n; i++)
		a->bypath[i] = i;
	qsort_r(a->bypath, a->n, sizeof *a->bypath, cmp_bypath, a->v);
	a->nbypath = a->n;
}

size_t archive_find(const struct archive *a, const char *path)
{
	size_t lo = 0, hi = a->nbypath;

	if (!a->bypath || a->nbypath != a->n) {
		/* not ordered since the last change: look at each */
		for (size_t i = 0; i < a->n; i++)
			if (!strcmp(a->v[i].path, path))
				return i;
		return (size_t)-1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(a->v[a->bypath[mid]].path, path);

		if (c == 0)
			return a->bypath[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

void archive_skip(struct archive *a, size_t i, const char *why)
{
	struct archive_entry *en;
	int ordered = a->bypath && a->nbypath == a->n;

	if (i >= a->n)
		return;
	en = &a->v[i];
	XGROW(a->skipped, a->capskipped, a->nskipped + 1);
	a->skipped[a->nskipped].path = en->path;
	a->skipped[a->nskipped].why = xstrdup(why);
	a->nskipped++;
	free(en->title);
	free(en->key);
	memmove(en, en + 1, (a->n - i - 1) * sizeof *en);
	a->n--;
	if (ordered) {
		size_t k = 0;

		for (size_t j = 0; j < a->nbypath; j++)
			if (a->bypath[j] != i)
				a->bypath[k++] = a->bypath[j] - (a->bypath[j] > i);
		a->nbypath = k;
	}
}

void archive_free(struct archive *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].path);
		free(a->v[i].key);
		free(a->v[i].title);
	}
	for (size_t i = 0; i < a->nskipped; i++) {
		free(a->skipped[i].path);
		free(a->skipped[i].why);
	}
	free(a->v);
	free(a->skipped);
	free(a->bypath);
	if (a->seen)
		free(a->seen->v);
	free(a->seen);
	memset(a, 0, sizeof *a);
}
