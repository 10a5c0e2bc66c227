/*
 * gazetteer: loading data/gazetteer.tsv and matching place names. See
 * gazetteer.h; the file format is described in data/GAZETTEER.md.
 *
 * The whole file is read into one buffer and parsed in place: codes and
 * names are offsets into it, and besides it there are only the division
 * array, the key array and the hash slots. Start-up cost is mostly page
 * faults, so the structures are kept small and full names are built on
 * first use (into chunks that live as long as the gazetteer; hence the
 * query functions, though they take a const gazetteer, must not run in
 * two threads at once).
 *
 * Always true after a successful load: divisions are in code order, which
 * is a pre-order walk, so the descendants of division i are exactly the
 * indices i+1 .. end-1; every key is at least two characters long; no
 * placeholder (市辖区, 县, ...直辖...区划) is a key; each key's chains list
 * their divisions in code order.
 */
#include "gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "i18n.h"
#include "util.h"

#define NONE UINT32_MAX
#define MAX_NAME 255            /* bytes: namelen fits a byte */
#define MAX_CODE 12
#define MAX_FILE (256u << 20)   /* the real file is about 1.4 MB */
#define CHUNK 16384             /* full names are allocated this much at a time */
#define COUNT(a) (sizeof(a) / sizeof *(a))

enum { FULL, SHORT };

struct div {
	uint32_t code, name;    /* offsets into the buffer */
	const char *full;       /* NULL until first asked for */
	uint32_t parent, end;   /* end: one past the last descendant */
	uint32_t next[2];       /* next division with the same FULL / SHORT key */
	uint8_t namelen, level;
	uint8_t placeholder;    /* a grouping, not a place: never a key */
	uint8_t shown;          /* adds its name to full names */
};

struct key {
	uint32_t s;             /* offset of a name, or of the start of one */
	uint16_t len, weak;     /* weak: an ordinary word, only after a parent */
	uint32_t head[2];       /* first division with this FULL / SHORT key */
};

/* Where full names are built; reached through a pointer so that const
 * query functions may add to it. */
struct names {
	struct chunk {
		struct chunk *next;
		char data[];
	} *chunks;
	size_t left;
};

struct gazetteer {
	char *buf;
	struct div *div;
	size_t ndiv;
	struct key *key;
	size_t nkey;
	struct slot {
		uint32_t hash, key; /* key index + 1, 0 when empty */
	} *slot;
	size_t mask, maxkey;    /* maxkey: the longest key in bytes */
	struct names *names;
	/* data/abroad.tsv: its text, cut up in place, and one entry per
	 * place name, pointing at its row's code and name. */
	char *abuf;
	struct abroad {
		const char *code, *name, *place;
		size_t n;
	} *ab;
	size_t nab;
	uint64_t stamp;         /* FNV-1a of both files' bytes as read */
};

/* FNV-1a over n bytes, continuing from h. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct lit {
	const char *s;
	size_t n;
};
#define L(x) {x, sizeof x - 1}

/* Administrative suffixes; the first that fits is stripped, so of those
 * that end alike the longer comes first (自治县 before 县). Townships'
 * suffixes lead because most rows are townships. No 民族乡 or 民族苏木: 乡
 * and then the ethnic pass strip those, and cope with 少数民族乡 too. */
static const struct lit suffixes[] = {
	L("街道办事处"), L("街道"), L("镇"), L("乡"), L("苏木"), L("维吾尔自治区"),
	L("壮族自治区"), L("回族自治区"), L("特别行政区"), L("自治区"), L("地区"),
	L("林区"), L("特区"), L("区"), L("自治县"), L("县"), L("市"), L("自治州"),
	L("自治旗"), L("旗"), L("省"), L("盟"),
};

/* Ethnic groups (民, 少数民 and 各 stand for 民族, 少数民族, 各族), longer
 * before any that ends them; stripped with 族 after the suffix, so that
 * 延边朝鲜族自治州 is also 延边 and 管城回族区 is also 管城. */
static const struct lit ethnic[] = {
	L("少数民"), L("柯尔克孜"), L("乌孜别克"), L("维吾尔"), L("哈萨克"),
	L("鄂温克"), L("鄂伦春"), L("达斡尔"), L("塔吉克"), L("俄罗斯"),
	L("塔塔尔"), L("蒙古"), L("布依"), L("朝鲜"), L("土家"), L("哈尼"),
	L("傈僳"), L("高山"), L("拉祜"), L("东乡"), L("纳西"), L("景颇"),
	L("仫佬"), L("布朗"), L("撒拉"), L("毛南"), L("仡佬"), L("锡伯"),
	L("阿昌"), L("普米"), L("德昂"), L("保安"), L("裕固"), L("独龙"),
	L("赫哲"), L("门巴"), L("珞巴"), L("基诺"), L("回"), L("藏"), L("苗"),
	L("彝"), L("壮"), L("满"), L("侗"), L("瑶"), L("白"), L("傣"), L("黎"),
	L("佤"), L("畲"), L("水"), L("土"), L("羌"), L("怒"), L("京"), L("民"),
	L("各"),
};

/* County-level or higher short names that are everyday words far more
 * often than places, in this paper's prose above all (同心圆, 合作, 惠民),
 * and generic full names (城区, 街道, 种畜场, 经济开发区): matched only
 * right after a parent (宁夏同心, 阳泉市城区), never on their own. */
static const char *const weak_words[] = {
	"同心", "和平", "新华", "光明", "红旗", "前进", "东风", "解放", "友谊",
	"友好", "工农", "向阳", "振兴", "复兴", "共和", "合作", "会同", "公安",
	"惠民", "富民", "爱民", "惠农", "民权", "民乐", "安居", "乐业", "安康",
	"平安", "太平", "安定", "平定", "太和", "和顺", "永安", "长寿", "富裕",
	"丰满", "大方", "大名", "大兴", "新建", "新兴", "兴隆", "兴业", "清新",
	"清流", "高明", "新民", "阳春", "武功", "长子", "元宝", "南部", "宏伟",
	"建华", "东方", "中原", "江南", "江北", "河东", "河西", "通道", "资源",
	"互助", "河口", "沿河", "大厂", "大通", "大化", "城关", "城南",
	"城北", "城东", "城西", "城中", "城厢", "老城", "新城", "新市", "市中",
	"市北", "市南", "站前", "街道", "城区", "郊区", "矿区", "东区", "西区",
	"开发区", "经济开发区", "经济技术开发区", "高新区", "高新技术开发区",
	"高新技术产业开发区", "工业园区", "工业集中区", "保税区", "农场", "林场",
	"国营林场", "盐场", "苗圃", "种畜场", "种猪场", "种羊场", "畜牧场", "良种场",
	"原种场", "良种繁育场", "园艺场", "农科所", "社区建设办公室",
};

/* What follows a short name when the text names a street or an institution
 * (中山路, 南京大学) rather than the division. */
static const struct lit not_after_short[] = {
	L("路"), L("街"), L("巷"), L("大道"), L("大街"), L("大学"), L("学院"),
	L("中学"), L("小学"), L("公园"), L("广场"), L("号"),
};

static const struct lit zu = L("族"), lu = L("路"), jie = L("街");

/* The last byte is compared first: this runs for every suffix of every
 * row at load time, and a libc memcmp call per test would dominate it. */
static inline int ends_with(const char *s, size_t n, const struct lit *l)
{
	return l->n <= n && s[n - 1] == l->s[l->n - 1] && !memcmp(s + n - l->n, l->s, l->n);
}

/* The length of the UTF-8 character at s and its code point, or 1 for a
 * malformed byte, so that any input is walked without reading past n. */
static size_t char_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len = s[0] < 0xc0 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	uint32_t c = len == 1 ? s[0] : s[0] & (0x7fu >> len);

	*cp = s[0];
	if (len > n)
		return 1;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1;
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* Whether s holds a second character after its first. */
static int two_chars(const char *s, size_t n)
{
	uint32_t c;

	return n && n > char_len((const unsigned char *)s, n, &c);
}

/* Whether every character of s is a Han ideograph. */
static int all_han(const char *s, size_t n)
{
	uint32_t c;

	for (size_t i = 0; i < n;) {
		i += char_len((const unsigned char *)s + i, n - i, &c);
		if (!((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
		      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff)))
			return 0;
	}
	return 1;
}

/* The byte length of name's short form, or 0 when it has none: the longest
 * suffix comes off (only if two characters stay), then ethnic groups. */
static size_t short_len(const char *name, size_t n)
{
	size_t len = 0;
	int bare = 0;

	for (size_t i = 0; i < COUNT(suffixes) && !len; i++)
		if (ends_with(name, n, &suffixes[i])) {
			len = n - suffixes[i].n;
			if (!two_chars(name, len))
				return 0;
		}
	while (len) {
		size_t cut = 0;
		int minzu = 0;

		if (ends_with(name, len, &zu)) {
			for (size_t i = 0; i < COUNT(ethnic) && !cut; i++)
				if (ends_with(name, len - zu.n, &ethnic[i])) {
					cut = zu.n + ethnic[i].n;
					minzu = i == 0 || !strcmp(ethnic[i].s, "民");
				}
		} else if (bare) {
			/* 鄂温克民族乡: before 民族 a group is named without 族. */
			for (size_t i = 0; i < COUNT(ethnic) && !cut; i++)
				if (ethnic[i].n >= 6 && ends_with(name, len, &ethnic[i]))
					cut = ethnic[i].n;
		}
		if (!cut || !two_chars(name, len - cut))
			break;
		len -= cut;
		bare = minzu;
	}
	return len && all_han(name, len) ? len : 0;
}

/* A multiplicative hash taken four bytes at a time, with a final mix so
 * that the low bits (the slot index) depend on every byte. */
static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = (uint32_t)n * 0x9e3779b1u, w;
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		memcpy(&w, s + i, 4);
		h = (h ^ w) * 0x85ebca6bu;
	}
	for (; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0xc2b2ae35u;
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	return h ^ h >> 13;
}

/* The key for s (n bytes, hash h), or NULL with *at the empty slot where it
 * would go. The hash sits in the slot so that a probe past another key
 * need not touch the key array. */
static struct key *lookup(const struct gazetteer *g, const char *s, size_t n, uint32_t h,
			  size_t *at)
{
	for (size_t i = h & g->mask;; i = (i + 1) & g->mask) {
		const struct slot *sl = &g->slot[i];
		struct key *k = sl->key ? &g->key[sl->key - 1] : NULL;

		if (!k) {
			*at = i;
			return NULL;
		}
		if (sl->hash == h && k->len == n && !memcmp(g->buf + k->s, s, n))
			return k;
	}
}

/* Add division i under its name's first n bytes (hash h) in chain which;
 * divisions come last first, so each chain ends up in code order. */
static void add_key(struct gazetteer *g, uint32_t i, size_t n, uint32_t h, int which)
{
	const char *s = g->buf + g->div[i].name;
	size_t at;
	struct key *k = lookup(g, s, n, h, &at);

	if (!k) {
		k = &g->key[g->nkey++];
		*k = (struct key){g->div[i].name, (uint16_t)n, 0, {NONE, NONE}};
		g->slot[at] = (struct slot){h, (uint32_t)g->nkey};
		if (n > g->maxkey)
			g->maxkey = n;
	}
	g->div[i].next[which] = k->head[which];
	k->head[which] = i;
}

/* 市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划 and the townships'
 * ...直辖村级区划 only group what lies under them: no name of their own.
 * name is NUL-terminated here; strstr runs only on the rare ...区划. */
static int is_placeholder(const char *name, size_t n)
{
	static const struct lit quhua = L("区划");

	return !strcmp(name, "县") || !strcmp(name, "市辖区") ||
	       (ends_with(name, n, &quhua) && strstr(name, "直辖"));
}

/* Check one row (fields f, lengths fl) against the rows before it and
 * append it; NULL when fine, else what is wrong. open[] holds the latest
 * division of each level that may still get children. */
static const char *add_row(struct gazetteer *g, char *f[4], const size_t fl[4], uint32_t open[5])
{
	unsigned level = fl[1] == 1 ? (unsigned)(f[1][0] - '0') : 0;
	const struct div *p;
	const char *pcode;
	struct div *d;
	size_t digits = 0;

	while (digits < fl[0] && f[0][digits] >= '0' && f[0][digits] <= '9')
		digits++;
	if (!fl[0] || fl[0] > MAX_CODE || digits != fl[0])
		return N_("bad code");
	if (level < GAZ_PROVINCE || level > GAZ_TOWNSHIP)
		return N_("bad level (not 1 to 4)");
	if (!fl[3] || fl[3] > MAX_NAME)
		return N_("bad name (empty or too long)");
	if (g->ndiv && strcmp(g->buf + g->div[g->ndiv - 1].code, f[0]) >= 0)
		return N_("code out of order (rows must be sorted by code, without duplicates)");
	/* The parent must be the latest row one level up: with sorted codes
	 * that is what makes every division's descendants one contiguous run. */
	p = level > GAZ_PROVINCE && open[level - 1] != NONE ? &g->div[open[level - 1]] : NULL;
	pcode = p ? g->buf + p->code : NULL;
	if (level == GAZ_PROVINCE ? fl[2] != 0 :
	    !p || strncmp(pcode, f[2], fl[2]) || pcode[fl[2]] || fl[0] <= fl[2] ||
	    memcmp(f[0], f[2], fl[2]))
		return N_("parent code is not the division above this row");
	d = &g->div[g->ndiv];
	*d = (struct div){(uint32_t)(f[0] - g->buf), (uint32_t)(f[3] - g->buf), NULL,
			  p ? (uint32_t)(p - g->div) : NONE, NONE, {NONE, NONE},
			  (uint8_t)fl[3], (uint8_t)level, (uint8_t)is_placeholder(f[3], fl[3]), 0};
	/* A name that repeats its parent's (东莞市 under 东莞市) adds nothing. */
	d->shown = !d->placeholder &&
		   !(p && p->namelen == fl[3] && !memcmp(g->buf + p->name, f[3], fl[3]));
	for (unsigned l = level; l <= GAZ_TOWNSHIP; l++) {
		if (open[l] != NONE)
			g->div[open[l]].end = (uint32_t)g->ndiv;
		open[l] = NONE;
	}
	open[level] = (uint32_t)g->ndiv++;
	return NULL;
}

/* Split the rows into g->div, in place; -1 with err naming the line. */
static int parse_rows(struct gazetteer *g, const char *path, size_t len, struct error *err)
{
	uint32_t open[GAZ_TOWNSHIP + 1] = {NONE, NONE, NONE, NONE, NONE};
	size_t line = 0;
	char *p = g->buf, *end = g->buf + len, *eol;

	/* A row takes at least 7 bytes ("1\t1\t\tX\n"); the pages of the array
	 * that no row reaches are never touched, so the slack costs nothing. */
	g->div = xreallocarray(NULL, len / 7 + 1, sizeof *g->div);
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3; /* an editor's byte-order mark */
	for (; p < end; p = eol + 1) {
		char *f[4] = {p}, *stop;
		size_t fl[4], n = 1;
		const char *why;

		line++;
		/* One pass over the line finds its tabs and its end; a libc call
		 * per field would cost more than the scan on fields this short. */
		for (eol = p; eol < end && *eol != '\n'; eol++)
			if (*eol == '\t') {
				*eol = '\0';
				if (n < 4)
					f[n] = eol + 1;
				n++;
			}
		*eol = '\0';
		stop = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
		*stop = '\0';
		if (*p == '#' || p == stop)
			continue;
		for (size_t i = 0; i < 4 && n == 4; i++)
			fl[i] = (size_t)((i < 3 ? f[i + 1] - 1 : stop) - f[i]);
		why = n != 4 ? N_("expected 4 tab-separated fields") : add_row(g, f, fl, open);
		if (why) {
			error_set(err, path, line, 0, "%s", _(why));
			return -1;
		}
	}
	for (int l = GAZ_PROVINCE; l <= GAZ_TOWNSHIP; l++)
		if (open[l] != NONE)
			g->div[open[l]].end = (uint32_t)g->ndiv;
	if (!g->ndiv) {
		error_set(err, path, 0, 0, "%s", _("no divisions"));
		return -1;
	}
	g->div = xreallocarray(g->div, g->ndiv, sizeof *g->div);
	return 0;
}

/* Hash every full and short name but the placeholders', back to front.
 * The slots are hit at random, so each row's keys are hashed AHEAD rows
 * early and their slots prefetched, so that the cache misses overlap. */
static void build_keys(struct gazetteer *g)
{
	enum { AHEAD = 16 };
	struct { uint32_t h[2]; size_t len[2]; } ring[AHEAD];
	size_t cap = 16, at;

	while (cap <= g->ndiv * 2) /* more slots than keys: a probe always ends */
		cap *= 2;
	g->slot = xreallocarray(NULL, cap, sizeof *g->slot);
	memset(g->slot, 0, cap * sizeof *g->slot); /* one fault a page, not two */
	g->mask = cap - 1;
	g->key = xreallocarray(NULL, 2 * g->ndiv, sizeof *g->key);
	/* Row t is hashed at step t + AHEAD and inserted at step t. */
	for (size_t t = g->ndiv + AHEAD; t-- > 0;) {
		size_t r = t % AHEAD, x = t - AHEAD;
		const struct div *d = &g->div[x < g->ndiv ? x : 0];
		const char *name = g->buf + d->name;

		if (t < g->ndiv)
			for (int w = FULL; w <= SHORT; w++)
				if (ring[r].len[w])
					add_key(g, (uint32_t)t, ring[r].len[w], ring[r].h[w], w);
		if (t < AHEAD)
			continue;
		ring[r].len[FULL] = !d->placeholder && two_chars(name, d->namelen) ? d->namelen : 0;
		ring[r].len[SHORT] = d->placeholder ? 0 : short_len(name, d->namelen);
		for (int w = FULL; w <= SHORT; w++)
			if (ring[r].len[w]) {
				ring[r].h[w] = hash(name, ring[r].len[w]);
				__builtin_prefetch(&g->slot[ring[r].h[w] & g->mask]);
			}
	}
	for (size_t i = 0; i < COUNT(weak_words); i++) {
		size_t n = strlen(weak_words[i]);
		struct key *k = lookup(g, weak_words[i], n, hash(weak_words[i], n), &at);

		if (k)
			k->weak = 1;
	}
}

/* One row of abroad.tsv (code, name, places split at 、), cut in place. */
static void abroad_row(struct gazetteer *g, char *row, size_t *cap)
{
	char *name = strchr(row, '\t'), *places, *p;

	if (*row == '#' || !name || !(places = strchr(name + 1, '\t')))
		return;
	*name++ = '\0';
	*places++ = '\0';
	for (p = places; *p;) {
		char *sep = strstr(p, "、");
		size_t n = sep ? (size_t)(sep - p) : strlen(p);

		if (n) {
			XGROW(g->ab, *cap, g->nab + 1);
			g->ab[g->nab++] = (struct abroad){row, name, p, n};
		}
		p += n + (sep ? strlen("、") : 0);
	}
}

/* Read abroad.tsv from the folder of the gazetteer at path; without it,
 * nothing abroad resolves. */
static void load_abroad(struct gazetteer *g, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *apath = xasprintf("%.*sabroad.tsv", slash ? (int)(slash - path + 1) : 0, path);
	struct file_buf f;
	size_t len, cap = 0;
	struct error e;

	if (file_read(apath, MAX_FILE, 0, NULL, &f, &e) == 0) {
		g->abuf = file_take(&f, &len);
		g->stamp = fnv(g->stamp ^ 0x61627264ULL, g->abuf, len);
		for (char *row = g->abuf, *eol; row < g->abuf + len; row = eol + 1) {
			eol = memchr(row, '\n', (size_t)(g->abuf + len - row));
			if (!eol)
				eol = g->abuf + len;
			*eol = '\0';
			if (eol > row && eol[-1] == '\r')
				eol[-1] = '\0';
			abroad_row(g, row, &cap);
		}
	}
	free(apath);
}

int gazetteer_abroad(const struct gazetteer *g, const char *s, size_t n, struct place *out)
{
	const struct abroad *best = NULL;

	for (size_t i = 0; i < g->nab; i++)
		if (g->ab[i].n <= n && !memcmp(s, g->ab[i].place, g->ab[i].n) &&
		    (!best || g->ab[i].n > best->n))
			best = &g->ab[i];
	if (!best)
		return 0;
	*out = (struct place){best->code, best->name, best->name, GAZ_PROVINCE, best->n};
	return 1;
}

struct gazetteer *gazetteer_load(const char *path, struct error *err)
{
	struct gazetteer *g = xcalloc(1, sizeof *g);
	struct file_buf f;
	size_t len;

	g->names = xcalloc(1, sizeof *g->names);
	/* Read, not mapped: the rows are cut up in place. */
	if (file_read(path, MAX_FILE, 0, NULL, &f, err) < 0) {
		gazetteer_free(g);
		return NULL;
	}
	g->buf = file_take(&f, &len);
	g->stamp = fnv(0xcbf29ce484222325ULL, g->buf, len);
	if (parse_rows(g, path, len, err) < 0) {
		gazetteer_free(g);
		return NULL;
	}
	build_keys(g);
	load_abroad(g, path);
	return g;
}

void gazetteer_free(struct gazetteer *g)
{
	if (!g)
		return;
	for (struct chunk *c = g->names->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(g->names);
	free(g->buf);
	free(g->abuf);
	free(g->ab);
	free(g->div);
	free(g->key);
	free(g->slot);
	free(g);
}

size_t gazetteer_size(const struct gazetteer *g)
{
	return g->ndiv;
}

uint64_t gazetteer_stamp(const struct gazetteer *g)
{
	return g->stamp;
}

/* Division i's full name, built from its parent's on first use. */
static const char *full_name(const struct gazetteer *g, uint32_t i)
{
	struct div *d = &g->div[i];
	struct names *a = g->names;
	const char *pf;
	size_t plen, n;
	char *s;

	if (d->full)
		return d->full;
	pf = d->parent == NONE ? "" : full_name(g, d->parent);
	if (!d->shown)
		return d->full = pf;
	plen = strlen(pf);
	n = plen + d->namelen + 1;
	if (n > a->left) {
		struct chunk *c = xmalloc(sizeof *c + (n > CHUNK ? n : CHUNK));

		c->next = a->chunks;
		a->chunks = c;
		a->left = n > CHUNK ? n : CHUNK;
	}
	a->left -= n;
	s = a->chunks->data + a->left;
	memcpy(s, pf, plen);
	memcpy(s + plen, g->buf + d->name, d->namelen + 1u);
	return d->full = s;
}

static void fill(const struct gazetteer *g, uint32_t i, size_t matched, struct place *out)
{
	const struct div *d = &g->div[i];

	*out = (struct place){g->buf + d->code, g->buf + d->name, full_name(g, i),
			      (enum gaz_level)d->level, matched};
}

int gazetteer_find_code(const struct gazetteer *g, const char *code, struct place *out)
{
	size_t lo = 0, hi = g->ndiv;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(g->buf + g->div[mid].code, code);

		if (!c) {
			fill(g, (uint32_t)mid, 0, out);
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The best of one key chain under the rules of gazetteer_match(): only
 * descendants of prev and, for headlines, county level or above; a
 * township's short name only after a parent (南京永宁 but not 平台 for
 * 平台镇: most are ordinary words); then prefer, the higher level, the
 * smaller code (the chain's own order). */
static uint32_t pick(const struct gazetteer *g, uint32_t head, int which, int flags,
		     const char *prefer, uint32_t prev)
{
	uint32_t best = NONE;
	int bestp = 0;
	size_t pn = prefer ? strlen(prefer) : 0;

	for (uint32_t i = head; i != NONE; i = g->div[i].next[which]) {
		const struct div *d = &g->div[i];
		int p;

		if (d->level > GAZ_COUNTY && ((flags & GAZ_MATCH_HEADLINE) ||
					      (which == SHORT && prev == NONE)))
			continue;
		if (prev != NONE && !(i > prev && i < g->div[prev].end))
			continue;
		p = pn && !strncmp(g->buf + d->code, prefer, pn);
		if (best == NONE || p > bestp || (p == bestp && d->level < g->div[best].level)) {
			best = i;
			bestp = p;
		}
	}
	return best;
}

/* Whether the short name s[0..len) is really a road's or an institution's:
 * it ends like a road (人民路) or the text goes on into one (中山路). */
static int road_like(const char *s, size_t len, size_t n)
{
	int road = ends_with(s, len, &lu) || ends_with(s, len, &jie);

	for (size_t i = 0; i < COUNT(not_after_short) && !road; i++)
		road = n - len >= not_after_short[i].n &&
		       !memcmp(s + len, not_after_short[i].s, not_after_short[i].n);
	return road;
}

/* One link of the chain at s: the longest name there, full before short.
 * The longest name present decides: when none of its divisions qualifies
 * (a township in a headline, a place outside prev, a road) the text names
 * that one, so no shorter name inside it (宜兴 in 宜兴埠镇, 中山 in
 * 中山东路) is tried. Weak words count as absent at the start. */
static uint32_t match_one(const struct gazetteer *g, const char *s, size_t n, int flags,
			  const char *prefer, uint32_t prev, size_t *len)
{
	size_t ends[MAX_NAME + 2], k = 0, at = 0, slot;
	uint32_t c, best;

	while (at < n && at < g->maxkey) {
		at += char_len((const unsigned char *)s + at, n - at, &c);
		ends[++k] = at;
	}
	for (; k >= 2; k--) {
		const struct key *key = lookup(g, s, ends[k], hash(s, ends[k]), &slot);

		if (!key || (key->weak && prev == NONE))
			continue;
		*len = ends[k];
		if ((best = pick(g, key->head[FULL], FULL, flags, prefer, prev)) != NONE)
			return best;
		if (road_like(s, ends[k], n))
			return NONE;
		return pick(g, key->head[SHORT], SHORT, flags, prefer, prev);
	}
	return NONE;
}

int gazetteer_match(const struct gazetteer *g, const char *s, size_t n, int flags,
		    const char *prefer, struct place *out)
{
	uint32_t prev = NONE, d;
	size_t pos = 0, len = 0;

	while (pos < n && (d = match_one(g, s + pos, n - pos, flags, prefer, prev, &len)) != NONE) {
		prev = d;
		pos += len;
	}
	if (prev == NONE)
		return 0;
	fill(g, prev, pos, out);
	return 1;
}
