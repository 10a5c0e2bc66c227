/*
 * catalog: the archive's index in SQLite. See catalog.h.
 *
 * The schema: editions (one row per file, current or not an edition),
 * articles (one row per article), texts (its items' texts joined in the
 * body, and where each item and each of its source lines start in the
 * map: apart, so that the lists and the places read small rows), and
 * the search index, made apart (catalog_index()): an article whose body is
 * not in it yet (fts = 0) is searched by reading its body, so that the
 * answers are the same before and after.
 *
 * The search index is an inverted index of pairs of characters, kept by
 * hand in a WITHOUT ROWID table: the body folded as the reader's search
 * folds (width forms, case) and then traditional characters to simplified
 * ones (OpenCC's table, variants.h); for each two characters in a row (and
 * a text's last one with an end mark), the articles that hold them, as
 * varint deltas, one row per pair and batch. A query of two characters is
 * then one key; a longer one the articles every pair of it holds; one
 * character a range of keys. What the index finds is a candidate only:
 * each candidate's body is folded and searched in C, which gives the exact
 * match, its item and its source line.
 *
 * Why not FTS5: measured on 5000 generated editions (111 MB), FTS5 with a
 * tokenizer of the same pairs (detail=none) took 57 s to index the text,
 * FTS5's own trigram tokenizer as long on a smaller set (and it cannot use
 * its index under three characters); this index takes 9 s and answers
 * the same. A scan of the stored text, folded as it is read, runs at about
 * 110 MB/s: the fallback for what is not indexed yet, not the way.
 *
 * Churn: an edition read again (or whose file is gone) loses its
 * articles and text at once; their ids stay in the pairs' blobs, never
 * found (a candidate must be in articles), and are counted in meta
 * ('dead'); catalog_index() rewrites the blobs without them when they
 * are more than 1/DEAD_FRACTION of the indexed articles, and SQLite uses
 * the freed pages again, so the file does not grow with re-reading.
 * The places depend on the gazetteer: meta ('gazetteer') holds the stamp
 * of the one they were resolved with, and another makes every edition
 * stale.
 *
 * Map blob: for each item, in order, uint32 little-endian: the item's start
 * in the body, its number of pieces, then (offset in the item, source line)
 * per piece. The body holds each item's text followed by '\n'.
 */
#include "catalog.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "edition.h"
#include "fold.h"
#include "i18n.h"
#include "locality.h"
#include "store.h"
#include "text.h"
#include "util.h"
#include "variants.h"

/* 'RdCt': what marks a file as a reader catalogue; the version of its
 * schema and of how text is folded into the search index. */
#define CATALOG_APP_ID 0x52644374
#define CATALOG_VERSION 7

/* How many ids the postings of one batch hold at most before they are
 * written: about 32 MB of them. */
#define BATCH_IDS (4u << 20)

/* The search index is rewritten without the ids of deleted articles when
 * they are more than this fraction (1/n) of the indexed ones. */
#define DEAD_FRACTION 4

/* How long a batch of files may hold the write lock before it commits. */
#define BATCH_NS 250000000LL

/* How long to wait for another connection's lock before giving up. */
#define BUSY_NS 30000000000LL

struct catalog {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *find, *ins_ed, *ins_art, *ins_txt, *del_txt, *del_art, *del_ed, *dead;
	int filled;                 /* the TEMP table cur is set (1), or is
	                               to be made from a at the first query (2) */
	const struct archive *a;    /* the archive of the last fill */
	size_t nv;                  /* its number of entries then */
	struct folded f, tmp;       /* search scratch */
	struct fold_memo *memo;
	size_t batch_ids;           /* catalog_index() writes after this many */
	struct catalog_progress *prog; /* of the update or indexing running */
	long long busy_since;       /* when the wait for a lock began */
	int fail_rc;                /* a failure kept over a ROLLBACK: its code */
	char *fail_msg;             /* and message, or NULL */
};

/* Traditional characters fold to simplified by t, the table the search of
 * one edition uses (variant_fold_table(): built once per process). */
static inline uint32_t simplified(const uint32_t *t, uint32_t cp)
{
	return cp >= FOLD_SCRIPT_LO && cp <= FOLD_SCRIPT_HI ? t[cp - FOLD_SCRIPT_LO] : cp;
}

/* What fold_text() makes of the characters off its fast path, remembered
 * (a direct-mapped cache per scratch: ，“” and the like come often). */
struct fold_memo {
	uint32_t cp[1024];
	unsigned char n[1024];
	char s[1024][12];
};

/* Append cp (its bytes all from source offset src) to f. */
static inline void put_cp(struct folded *f, uint32_t cp, uint32_t src)
{
	char u[4];
	size_t ul = text_put(cp, u);

	if (f->n + ul + 1 > f->cap) {
		XGROW(f->s, f->cap, f->n + ul + 1);
		f->map = xreallocarray(f->map, f->cap, sizeof *f->map);
	}
	for (size_t k = 0; k < ul; k++) {
		f->s[f->n] = u[k];
		f->map[f->n++] = src;
	}
}

/* Fold s as the search does into f (tmp is scratch): width forms and case
 * (fold.h, whose own fast path for ASCII and Han is repeated here), then
 * traditional characters to simplified ones; f->map leads back to s. */
static void canon(const char *s, size_t n, struct folded *f, struct folded *tmp,
		  struct fold_memo *memo)
{
	const uint32_t *simp = variant_fold_table();
	size_t i = 0;

	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	f->n = 0;
	if (f->cap < n + n / 2 + 16) {
		XGROW(f->s, f->cap, n + n / 2 + 16);
		f->map = xreallocarray(f->map, f->cap, sizeof *f->map);
	}
	while (i < n) {
		uint32_t cp;
		size_t l = text_next(s + i, n - i, &cp);

		if (cp < 0x80) {
			if (f->n + 2 > f->cap)
				put_cp(f, cp, (uint32_t)i);
			else {
				f->s[f->n] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
				f->map[f->n++] = (uint32_t)i;
			}
		} else if (text_is_han(cp) || (cp >= 0x3001 && cp <= 0x303F)) {
			uint32_t to = simplified(simp, cp);

			if (to == cp && l == 3 && f->n + 4 <= f->cap) {
				/* The common case: the character as it is. */
				memcpy(f->s + f->n, s + i, 3);
				f->map[f->n] = f->map[f->n + 1] = f->map[f->n + 2] = (uint32_t)i;
				f->n += 3;
			} else {
				put_cp(f, to, (uint32_t)i);
			}
		} else if (cp >= 0xFF01 && cp <= 0xFF5E) {
			/* Full-width ASCII: NFKC gives the ASCII, then case. */
			cp -= 0xFEE0;
			put_cp(f, cp >= 'A' && cp <= 'Z' ? cp + 32 : cp, (uint32_t)i);
		} else {
			const char *fs = NULL;
			size_t fn = 0, h = cp & 1023;

			if (memo && memo->cp[h] == cp && memo->n[h]) {
				fs = memo->s[h];
				fn = memo->n[h];
			} else {
				fold_text(s + i, l, tmp);
				fs = tmp->s;
				fn = tmp->n;
				if (memo && fn && fn <= sizeof memo->s[h]) {
					memo->cp[h] = cp;
					memo->n[h] = (unsigned char)fn;
					memcpy(memo->s[h], fs, fn);
				}
			}
			for (size_t k = 0; k < fn;) {
				uint32_t c2;

				k += text_next(fs + k, fn - k, &c2);
				put_cp(f, simplified(simp, c2), (uint32_t)i);
			}
		}
		i += l;
	}
	if (f->n + 1 > f->cap) {
		XGROW(f->s, f->cap, f->n + 1);
		f->map = xreallocarray(f->map, f->cap, sizeof *f->map);
	}
	f->s[f->n] = '\0';
	f->map[f->n] = (uint32_t)n;
}

/* ---- the pairs of characters ---------------------------------------- */

/* A pair of folded characters as a number: the first in the high bits, the
 * second (or PAIR_END after a text's last character) in the low 21. */
#define PAIR_END 0x1FFFFFu
static inline int64_t pair(uint32_t a, uint32_t b)
{
	return (int64_t)a << 21 | (int64_t)(b & PAIR_END);
}

/* The postings of a batch of articles, in memory: for each pair, the
 * articles that hold it (ascending, as articles are read in id order). */
struct posting {
	int64_t pair;            /* 0: an empty slot (pair() of U+0000 U+0000 is never made) */
	int64_t *ids;
	uint32_t n, cap;
};

struct postings {
	struct posting *v;
	size_t cap, used, total;   /* slots, pairs, ids in all */
	uint64_t *seen;            /* the pairs of the article being added */
	size_t capseen;
};

static size_t slot_of(int64_t key, size_t cap)
{
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 17) & (cap - 1);
}

static void postings_grow(struct postings *ps)
{
	struct posting *old = ps->v;
	size_t oldcap = ps->cap;

	ps->cap = oldcap ? oldcap * 2 : 1 << 16;
	ps->v = xcalloc(ps->cap, sizeof *ps->v);
	for (size_t i = 0; i < oldcap; i++) {
		size_t k;

		if (!old[i].pair)
			continue;
		for (k = slot_of(old[i].pair, ps->cap); ps->v[k].pair; k = (k + 1) & (ps->cap - 1))
			;
		ps->v[k] = old[i];
	}
	free(old);
}

static void postings_add(struct postings *ps, int64_t key, int64_t id)
{
	struct posting *e;
	size_t k;

	if (2 * (ps->used + 1) > ps->cap)
		postings_grow(ps);
	for (k = slot_of(key, ps->cap); ps->v[k].pair && ps->v[k].pair != key;
	     k = (k + 1) & (ps->cap - 1))
		;
	e = &ps->v[k];
	if (!e->pair) {
		e->pair = key;
		ps->used++;
	}
	if (e->n && e->ids[e->n - 1] == id)
		return;  /* this article already has it */
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 2;
		e->ids = xreallocarray(e->ids, e->cap, sizeof *e->ids);
	}
	e->ids[e->n++] = id;
	ps->total++;
}

static void postings_clear(struct postings *ps)
{
	for (size_t i = 0; i < ps->cap; i++)
		free(ps->v[i].ids);
	free(ps->v);
	free(ps->seen);
	memset(ps, 0, sizeof *ps);
}

/* Every two characters in a row of the folded text f, and its last
 * character with PAIR_END, each once, to fn(key, ctx). */
static void pairs_of(const struct folded *f, void (*fn)(int64_t key, void *ctx), void *ctx)
{
	size_t i = 0;
	uint32_t prev = 0;
	int have = 0;

	while (i < f->n) {
		uint32_t cp;

		i += text_next(f->s + i, f->n - i, &cp);
		if (have)
			fn(pair(prev, cp), ctx);
		prev = cp;
		have = 1;
	}
	if (have)
		fn(pair(prev, PAIR_END), ctx);
}

struct adding {
	struct postings *ps;
	int64_t id;
};

static void add_pair(int64_t key, void *ctx)
{
	struct adding *ad = ctx;

	if (key)
		postings_add(ad->ps, key, ad->id);
}

static int cmp_posting(const void *x, const void *y)
{
	const struct posting *a = x, *b = y;

	return (a->pair > b->pair) - (a->pair < b->pair);
}

static int cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static void put_varint(struct sbuf *b, uint64_t v)
{
	while (v >= 0x80) {
		sbuf_addc(b, (char)((v & 0x7f) | 0x80));
		v >>= 7;
	}
	sbuf_addc(b, (char)v);
}

/* ---- opening ---------------------------------------------------------- */

static const char schema[] =
	"CREATE TABLE editions("
	" id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
	" size INTEGER NOT NULL, mtime_s INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
	" eid TEXT, date TEXT, title TEXT, page INTEGER, narticles INTEGER,"
	" why TEXT);"                          /* not NULL: no edition, and why */
	"CREATE TABLE articles("
	" id INTEGER PRIMARY KEY AUTOINCREMENT, edition INTEGER NOT NULL, number INTEGER NOT NULL,"
	" headline TEXT NOT NULL, locality TEXT NOT NULL, code TEXT NOT NULL,"
	" byline TEXT NOT NULL, line INTEGER NOT NULL,"
	" fts INTEGER NOT NULL DEFAULT 0);"    /* 1: its pairs are in pairs */
	/* The text apart, so that the lists read small rows. */
	"CREATE TABLE texts(id INTEGER PRIMARY KEY, body TEXT NOT NULL, map BLOB);"
	"CREATE INDEX articles_edition ON articles(edition);"
	"CREATE INDEX articles_pending ON articles(id) WHERE fts = 0;"
	/* The places in order, with what the lists join on: the locality
	 * index and a place's stories read this index only. */
	"CREATE INDEX articles_place ON articles(code, locality, edition);"
	/* The search index: for each pair of folded characters and each
	 * batch that saw it, the articles holding it (varint deltas). Ids of
	 * articles since deleted stay until the pair is rewritten: a query
	 * finds them gone. */
	"CREATE TABLE batches(id INTEGER PRIMARY KEY AUTOINCREMENT, made INTEGER);"
	"CREATE TABLE pairs(pair INTEGER NOT NULL, batch INTEGER NOT NULL, ids BLOB NOT NULL,"
	" PRIMARY KEY(pair, batch)) WITHOUT ROWID;"
	/* gazetteer: the stamp of the gazetteer the places were resolved
	 * with (a hash, in hex); dead: how many ids in pairs are of articles
	 * deleted since (the index is rewritten when they are many). */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
	"INSERT INTO meta(key, value) VALUES('gazetteer', ''), ('dead', 0);";

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* What the file at the open connection is: 1 ours, 0 empty, -1 not ours. */
static int recognise(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long app = -1, ver = -1, tables = -1;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT (SELECT application_id FROM pragma_application_id),"
				   " (SELECT user_version FROM pragma_user_version),"
				   " (SELECT count(*) FROM sqlite_master)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		ver = sqlite3_column_int64(st, 1);
		tables = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	if (app == 0 && ver == 0 && tables == 0)
		return 0;
	return app == CATALOG_APP_ID && ver == CATALOG_VERSION ? 1 : -1;
}

static void remove_files(const char *path)
{
	char *w = xasprintf("%s-wal", path), *s = xasprintf("%s-shm", path);

	unlink(path);
	unlink(w);
	unlink(s);
	free(w);
	free(s);
}

static int prepare(struct catalog *c)
{
	return sqlite3_prepare_v3(c->db, "SELECT id, size, mtime_s, mtime_ns, why FROM editions WHERE path = ?",
				  -1, SQLITE_PREPARE_PERSISTENT, &c->find, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "INSERT INTO editions(path, size, mtime_s, mtime_ns, eid, date,"
				  " title, page, narticles, why) VALUES(?,?,?,?,?,?,?,?,?,?)",
				  -1, SQLITE_PREPARE_PERSISTENT, &c->ins_ed, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "INSERT INTO articles(edition, number, headline, locality, code,"
				  " byline, line) VALUES(?,?,?,?,?,?,?)",
				  -1, SQLITE_PREPARE_PERSISTENT, &c->ins_art, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "INSERT INTO texts(id, body, map) VALUES(?,?,?)",
				  -1, SQLITE_PREPARE_PERSISTENT, &c->ins_txt, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "DELETE FROM texts WHERE id IN"
				  " (SELECT id FROM articles WHERE edition = ?)", -1,
				  SQLITE_PREPARE_PERSISTENT, &c->del_txt, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "DELETE FROM articles WHERE edition = ?", -1,
				  SQLITE_PREPARE_PERSISTENT, &c->del_art, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "DELETE FROM editions WHERE id = ?", -1,
				  SQLITE_PREPARE_PERSISTENT, &c->del_ed, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v3(c->db, "UPDATE meta SET value = value + (SELECT count(*) FROM articles"
				  " WHERE edition = ? AND fts = 1) WHERE key = 'dead'", -1,
				  SQLITE_PREPARE_PERSISTENT, &c->dead, NULL) != SQLITE_OK
		       ? -1 : 0;
}

static void finalize_all(struct catalog *c)
{
	sqlite3_finalize(c->find);
	sqlite3_finalize(c->ins_ed);
	sqlite3_finalize(c->ins_art);
	sqlite3_finalize(c->ins_txt);
	sqlite3_finalize(c->del_txt);
	sqlite3_finalize(c->del_art);
	sqlite3_finalize(c->del_ed);
	sqlite3_finalize(c->dead);
	c->find = c->ins_ed = c->ins_art = c->ins_txt = c->del_txt = c->del_art = c->del_ed = NULL;
	c->dead = NULL;
}

/* Is the file at path cut short? Its header says how many pages it has
 * (when that count is valid); a file shorter than that has lost pages.
 * Asked only when no write-ahead log is there to complete it. (A full
 * check would read the whole file at every start: errors found later make
 * the next start rebuild it, see gone_bad().) */
static int cut_short(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	unsigned char h[100];
	struct stat st, wst;
	FILE *f;
	int cut = 0;

	if (stat(wal, &wst) == 0 && wst.st_size > 0) {
		free(wal);
		return 0;
	}
	free(wal);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	if (fstat(fileno(f), &st) == 0 && fread(h, 1, sizeof h, f) == sizeof h &&
	    memcmp(h, "SQLite format 3", 16) == 0 && memcmp(h + 24, h + 92, 4) == 0) {
		unsigned long long psz = (unsigned long long)h[16] << 8 | h[17];
		unsigned long long pages = (unsigned long long)h[28] << 24 | (unsigned long long)h[29] << 16 |
					   (unsigned long long)h[30] << 8 | h[31];

		if (psz == 1)
			psz = 65536;
		cut = pages && pages * psz > (unsigned long long)st.st_size;
	}
	fclose(f);
	return cut;
}

/* After an error: when SQLite found the file corrupt, remove it, so that
 * the next start makes a new one (this connection and others keep the old
 * file they have open). */
static void gone_bad(struct catalog *c)
{
	int rc = (c->fail_msg ? c->fail_rc : sqlite3_errcode(c->db)) & 0xff;

	if ((rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) && strcmp(c->path, ":memory:") != 0)
		remove_files(c->path);
}

/* Keep the failure's code and message (the first one's), which a
 * ROLLBACK would replace, for report(). */
static void keep_error(struct catalog *c, int rc, const char *msg)
{
	if (c->fail_msg)
		return;
	c->fail_rc = rc;
	c->fail_msg = xstrdup(msg);
}

static void rollback(struct catalog *c)
{
	keep_error(c, sqlite3_extended_errcode(c->db), sqlite3_errmsg(c->db));
	exec(c->db, "ROLLBACK");
}

/* Say the failure (the one kept, or the last) in err; remove the file
 * when it is corrupt. */
static void report(struct catalog *c, struct error *err)
{
	error_set(err, c->path, 0, 0, "%s", c->fail_msg ? c->fail_msg : sqlite3_errmsg(c->db));
	gone_bad(c);
	free(c->fail_msg);
	c->fail_msg = NULL;
}

static long long now_ns(void);

/* Waiting for another connection's lock: a few ms at a time, up to 30 s
 * in all, but not at all once the owner cancels the update or indexing
 * (quitting must not wait for another reader's batch). */
static int busy_wait(void *arg, int count)
{
	struct catalog *c = arg;
	struct timespec ts = { 0, 5000000L };

	if (c->prog && atomic_load(&c->prog->cancel))
		return 0;
	if (count == 0)
		c->busy_since = now_ns();
	else if (now_ns() - c->busy_since > BUSY_NS)
		return 0;
	nanosleep(&ts, NULL);
	return 1;
}

/* Did the update or indexing stop because it was cancelled while it
 * waited for a lock? */
static int cancelled_waiting(struct catalog *c)
{
	int rc = (c->fail_msg ? c->fail_rc : sqlite3_errcode(c->db)) & 0xff;

	return c->prog && atomic_load(&c->prog->cancel) && rc == SQLITE_BUSY;
}

/* One attempt at opening path: 0, 1 when the file is not a catalogue of
 * ours (or is corrupt) and must go, -1 on another failure (err). */
static int try_open(struct catalog *c, struct error *err)
{
	int r, rc;

	if (strcmp(c->path, ":memory:") != 0 && cut_short(c->path))
		return 1;
	rc = sqlite3_open_v2(c->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		error_set(err, c->path, 0, 0, "%s", sqlite3_errstr(rc));
		return -1;
	}
	sqlite3_extended_result_codes(c->db, 1);
	sqlite3_busy_timeout(c->db, 30000);
	rc = exec(c->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			 " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;");
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return 1;
	if (rc != SQLITE_OK) {
		error_set(err, c->path, 0, 0, "%s", sqlite3_errmsg(c->db));
		return -1;
	}
	r = recognise(c->db);
	if (r < 0) {
		rc = sqlite3_errcode(c->db) & 0xff;
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_IOERR ||
		    rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY) {
			error_set(err, c->path, 0, 0, "%s", sqlite3_errmsg(c->db));
			return -1;
		}
		return 1;
	}
	if (r == 0) {
		/* A new file: make the schema, unless another reader just did. */
		rc = exec(c->db, "BEGIN IMMEDIATE");
		if (rc == SQLITE_OK && recognise(c->db) == 0) {
			char *sql = sqlite3_mprintf("PRAGMA application_id = %d; PRAGMA user_version = %d; %s",
						    CATALOG_APP_ID, CATALOG_VERSION, schema);

			rc = exec(c->db, sql);
			sqlite3_free(sql);
		}
		if (rc == SQLITE_OK)
			rc = exec(c->db, "COMMIT");
		else
			exec(c->db, "ROLLBACK");
		if (rc != SQLITE_OK || recognise(c->db) != 1) {
			error_set(err, c->path, 0, 0, "%s", sqlite3_errmsg(c->db));
			return -1;
		}
	}
	if (prepare(c) < 0) {
		rc = sqlite3_errcode(c->db) & 0xff;
		if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_ERROR)
			return 1;
		error_set(err, c->path, 0, 0, "%s", sqlite3_errmsg(c->db));
		return -1;
	}
	/* Opened (with SQLite's own wait, which also covers the making of
	 * the file): from now on a wait the owner can cancel. */
	sqlite3_busy_handler(c->db, busy_wait, c);
	return 0;
}

char *catalog_default_path(void)
{
	return store_path("XDG_CACHE_HOME", ".cache", "index.sqlite");
}

/* try_open(), again while another reader holds a lock SQLite does not
 * wait for (two readers making the file, or switching it to WAL, at the
 * same moment get SQLITE_BUSY at once): up to about 5 s. */
static int open_waiting(struct catalog *c, struct error *err)
{
	for (int tries = 0;; tries++) {
		int r = try_open(c, err), rc;

		if (r != -1 || !c->db || tries >= 250)
			return r;
		rc = sqlite3_errcode(c->db) & 0xff;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			return r;
		finalize_all(c);
		sqlite3_close(c->db);
		c->db = NULL;
		nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
	}
}

struct catalog *catalog_open(const char *path, int *rebuilt, struct error *err)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	int r;

	if (rebuilt)
		*rebuilt = 0;
	c->path = xstrdup(path ? path : ":memory:");
	if (path) {
		char *dir = store_dirname(path);

		if (store_mkdirs(dir, err) < 0) {
			free(dir);
			catalog_close(c);
			return NULL;
		}
		free(dir);
	}
	c->memo = xcalloc(1, sizeof *c->memo);
	c->batch_ids = BATCH_IDS;
	r = open_waiting(c, err);
	if (r == 1 && path) {
		/* Never trusted: deleted with its journal and made anew. */
		finalize_all(c);
		sqlite3_close(c->db);
		c->db = NULL;
		remove_files(path);
		if (rebuilt)
			*rebuilt = 1;
		r = open_waiting(c, err);
		if (r == 1)
			error_set(err, path, 0, 0, "%s", _("cannot make a new index"));
	}
	if (r != 0) {
		catalog_close(c);
		return NULL;
	}
	return c;
}

void catalog_close(struct catalog *c)
{
	if (!c)
		return;
	finalize_all(c);
	sqlite3_close(c->db);
	fold_free(&c->f);
	fold_free(&c->tmp);
	free(c->memo);
	free(c->fail_msg);
	free(c->path);
	free(c);
}

/* ---- updating --------------------------------------------------------- */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Is e held current? 1 yes, 0 no (*id the row to replace, or 0), -1 error. */
static int lookup(struct catalog *c, const struct archive_entry *e, long long *id)
{
	int rc, cur = 0;

	*id = 0;
	sqlite3_reset(c->find);
	sqlite3_bind_text(c->find, 1, archive_key(e), -1, SQLITE_STATIC);
	rc = sqlite3_step(c->find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(c->find, 0);
		cur = sqlite3_column_int64(c->find, 1) == e->size &&
		      sqlite3_column_int64(c->find, 2) == e->mtime_s &&
		      sqlite3_column_int64(c->find, 3) == e->mtime_ns;
	}
	sqlite3_reset(c->find);
	sqlite3_clear_bindings(c->find);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? cur : -1;
}

static void put32(struct sbuf *b, uint32_t v)
{
	char u[4] = { (char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff),
		      (char)(v >> 24 & 0xff) };

	sbuf_add(b, u, 4);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int is_iso_date(const struct str *d)
{
	return d->n == 10 && d->s[4] == '-' && d->s[7] == '-';
}

/* Remove edition id with its articles and their text, inside the open
 * transaction; its articles' ids in the search index are counted dead. */
static int drop(struct catalog *c, long long id)
{
	sqlite3_bind_int64(c->dead, 1, id);
	sqlite3_bind_int64(c->del_txt, 1, id);
	sqlite3_bind_int64(c->del_art, 1, id);
	sqlite3_bind_int64(c->del_ed, 1, id);
	return step_done(c->dead) < 0 || step_done(c->del_txt) < 0 || step_done(c->del_art) < 0 ||
	       step_done(c->del_ed) < 0 ? -1 : 0;
}

/* Store one file's result: the edition, or (ed NULL) why it is none. */
static int store(struct catalog *c, const struct archive_entry *e, long long old,
		 struct edition *ed, const char *why)
{
	long long id;
	struct sbuf body = {0}, map = {0}, by = {0};
	int fail = 0;

	if (old && drop(c, old) < 0)
		return -1;
	sqlite3_bind_text(c->ins_ed, 1, archive_key(e), -1, SQLITE_STATIC);
	sqlite3_bind_int64(c->ins_ed, 2, e->size);
	sqlite3_bind_int64(c->ins_ed, 3, e->mtime_s);
	sqlite3_bind_int64(c->ins_ed, 4, e->mtime_ns);
	if (ed && !why) {
		sqlite3_bind_text(c->ins_ed, 5, edition_id(ed), -1, SQLITE_TRANSIENT);
		if (is_iso_date(&ed->date))
			sqlite3_bind_text(c->ins_ed, 6, ed->date.s, 10, SQLITE_STATIC);
		if (ed->title.n)
			sqlite3_bind_text(c->ins_ed, 7, ed->title.s, (int)ed->title.n, SQLITE_STATIC);
		sqlite3_bind_int64(c->ins_ed, 9, (long long)ed->narticles);
	} else {
		sqlite3_bind_text(c->ins_ed, 10, why, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int(c->ins_ed, 8, e->page);
	if (step_done(c->ins_ed) < 0)
		return -1;
	if (!ed || why)
		return 0;
	id = sqlite3_last_insert_rowid(c->db);
	for (size_t i = 0; i < ed->narticles && !fail; i++) {
		const struct article *a = &ed->articles[i];

		body.len = map.len = by.len = 0;
		for (size_t k = 0; k < a->nitems; k++) {
			struct str t = edition_item_text(ed, i, k);
			size_t np = 0;
			const struct piece *p = edition_item_pieces(ed, i, k, &np);

			put32(&map, (uint32_t)body.len);
			put32(&map, (uint32_t)np);
			for (size_t j = 0; j < np; j++) {
				put32(&map, p[j].off);
				put32(&map, p[j].line);
			}
			sbuf_add(&body, t.s, t.n);
			sbuf_addc(&body, '\n');
		}
		for (size_t k = 0; k < a->nbyline; k++) {
			if (k)
				sbuf_addc(&by, ' ');
			sbuf_add(&by, a->byline[k].s, a->byline[k].n);
		}
		sqlite3_bind_int64(c->ins_art, 1, id);
		sqlite3_bind_int64(c->ins_art, 2, (long long)a->index);
		sqlite3_bind_text(c->ins_art, 3, a->headline.s ? a->headline.s : "",
				  (int)a->headline.n, SQLITE_STATIC);
		sqlite3_bind_text(c->ins_art, 4, a->locality.s ? a->locality.s : "",
				  (int)a->locality.n, SQLITE_STATIC);
		sqlite3_bind_text(c->ins_art, 5, a->has_place ? a->place_code : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(c->ins_art, 6, by.s ? by.s : "", (int)by.len, SQLITE_STATIC);
		sqlite3_bind_int64(c->ins_art, 7, (long long)a->line);
		fail = step_done(c->ins_art) < 0;
		if (fail)
			break;
		sqlite3_bind_int64(c->ins_txt, 1, sqlite3_last_insert_rowid(c->db));
		sqlite3_bind_text(c->ins_txt, 2, body.s ? body.s : "", (int)body.len, SQLITE_STATIC);
		sqlite3_bind_blob(c->ins_txt, 3, map.s ? map.s : "", (int)map.len, SQLITE_STATIC);
		fail = step_done(c->ins_txt) < 0;
	}
	sbuf_free(&body);
	sbuf_free(&map);
	sbuf_free(&by);
	return fail ? -1 : 0;
}

/* Read and store one file, inside the open transaction. */
static int update_one(struct catalog *c, const struct archive_entry *e,
		      const struct gazetteer *gaz, struct error *err)
{
	struct edition ed;
	struct error lerr;
	long long old;
	int cur = lookup(c, e, &old), r;

	if (cur != 0)
		return cur < 0 ? -1 : 0;   /* another reader stored it meanwhile */
	if (edition_load(&ed, e->path, &lerr) < 0) {
		(void)err;
		return store(c, e, old, NULL, lerr.reason);
	}
	locality_resolve(&ed, gaz);
	r = store(c, e, old, &ed, ed.narticles ? NULL : _("no articles"));
	edition_free(&ed);
	return r;
}

/* The gazetteer the stored places were resolved with: when gaz is
 * another, every edition stored is made stale (its size -1), so that an
 * update reads it again. 0, or -1 on an SQLite error. */
static int check_gazetteer(struct catalog *c, const struct gazetteer *gaz)
{
	char stamp[17];
	sqlite3_stmt *st = NULL;
	int same, rc;

	snprintf(stamp, sizeof stamp, "%016llx", gaz ? (unsigned long long)gazetteer_stamp(gaz) : 0ULL);
	if (exec(c->db, "BEGIN") != SQLITE_OK)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		if (sqlite3_prepare_v2(c->db, "SELECT value FROM meta WHERE key = 'gazetteer'", -1, &st,
				       NULL) != SQLITE_OK)
			goto fail;
		rc = sqlite3_step(st);
		same = rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT &&
		       strcmp((const char *)sqlite3_column_text(st, 0), stamp) == 0;
		sqlite3_finalize(st);
		st = NULL;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto fail;
		if (same)
			return exec(c->db, "COMMIT") == SQLITE_OK ? 0 : -1;
		if (pass)
			break;
		/* Asked again with the write lock: another reader may have
		 * just done it. */
		if (exec(c->db, "COMMIT") != SQLITE_OK || exec(c->db, "BEGIN IMMEDIATE") != SQLITE_OK)
			goto fail;
	}
	if (exec(c->db, "UPDATE editions SET size = -1 WHERE why IS NULL") != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO meta(key, value) VALUES('gazetteer', ?)",
			       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, stamp, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || exec(c->db, "COMMIT") != SQLITE_OK)
		goto fail;
	return 0;
fail:
	rollback(c);
	return -1;
}

int catalog_update(struct catalog *c, const struct archive *a, const struct gazetteer *gaz,
		   struct catalog_progress *p, struct error *err)
{
	int in_tx = 0, status = 0;
	long long started = 0;
	unsigned char *stale = xcalloc(a->n ? a->n : 1, 1);

	c->prog = p;
	if (p) {
		atomic_store(&p->total, a->n);
		atomic_store(&p->done, 0);
	}
	if (check_gazetteer(c, gaz) < 0) {
		int cancelled = cancelled_waiting(c);

		free(stale);
		c->prog = NULL;
		if (cancelled) {
			free(c->fail_msg);
			c->fail_msg = NULL;
			return 1;  /* waiting for another's lock, and told to stop */
		}
		report(c, err);
		return -1;
	}
	/* Which files it does not hold current, all seen in one read
	 * transaction (one lock, not one a file). */
	if (exec(c->db, "BEGIN") != SQLITE_OK)
		goto fail;
	in_tx = 1;
	for (size_t i = 0; i < a->n; i++) {
		long long old;
		int cur = lookup(c, &a->v[i], &old);

		if (cur < 0)
			goto fail;
		stale[i] = !cur;
	}
	if (exec(c->db, "COMMIT") != SQLITE_OK)
		goto fail;
	in_tx = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (p && atomic_load(&p->cancel)) {
			status = 1;
			break;
		}
		if (stale[i]) {
			if (!in_tx) {
				if (exec(c->db, "BEGIN IMMEDIATE") != SQLITE_OK)
					goto fail;
				in_tx = 1;
				started = now_ns();
			}
			/* Looked up again in the write transaction: another
			 * reader may have stored it meanwhile. */
			if (update_one(c, &a->v[i], gaz, err) < 0)
				goto fail;
			if (now_ns() - started > BATCH_NS) {
				if (exec(c->db, "COMMIT") != SQLITE_OK)
					goto fail;
				in_tx = 0;
			}
		}
		if (p)
			atomic_fetch_add(&p->done, 1);
	}
	if (in_tx && exec(c->db, "COMMIT") != SQLITE_OK)
		goto fail;
	free(stale);
	c->prog = NULL;
	return status;
fail:
	if (cancelled_waiting(c)) {
		status = 1;   /* what was stored stays */
	} else {
		error_set(err, c->path, 0, 0, "%s", sqlite3_errmsg(c->db));
		gone_bad(c);
		status = -1;
	}
	if (in_tx)
		exec(c->db, "ROLLBACK");
	free(stale);
	c->prog = NULL;
	return status;
}

/* Write the postings as one batch and mark their articles indexed, in one
 * transaction. */
static int flush_postings(struct catalog *c, struct postings *ps, const int64_t *ids, size_t nids)
{
	sqlite3_stmt *ins = NULL, *mark = NULL;
	struct sbuf blob = {0};
	size_t m = 0;
	long long batch;

	if (exec(c->db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return -1;
	if (exec(c->db, "INSERT INTO batches(made) VALUES(strftime('%s', 'now'))") != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO pairs(pair, batch, ids) VALUES(?,?,?)",
			       -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "UPDATE articles SET fts = 1 WHERE id = ?", -1, &mark,
			       NULL) != SQLITE_OK)
		goto fail;
	batch = sqlite3_last_insert_rowid(c->db);
	/* In the order of the table's key: the pages are written in turn. */
	for (size_t i = 0; i < ps->cap; i++)
		if (ps->v[i].pair)
			ps->v[m++] = ps->v[i];
	for (size_t i = m; i < ps->cap; i++)
		memset(&ps->v[i], 0, sizeof ps->v[i]);
	qsort(ps->v, m, sizeof *ps->v, cmp_posting);
	for (size_t i = 0; i < m; i++) {
		int64_t last = 0;

		blob.len = 0;
		for (uint32_t k = 0; k < ps->v[i].n; k++) {
			put_varint(&blob, (uint64_t)(ps->v[i].ids[k] - last));
			last = ps->v[i].ids[k];
		}
		sqlite3_bind_int64(ins, 1, ps->v[i].pair);
		sqlite3_bind_int64(ins, 2, batch);
		sqlite3_bind_blob(ins, 3, blob.s, (int)blob.len, SQLITE_STATIC);
		if (step_done(ins) < 0)
			goto fail;
	}
	for (size_t i = 0; i < nids; i++) {
		sqlite3_bind_int64(mark, 1, ids[i]);
		if (step_done(mark) < 0)
			goto fail;
	}
	if (exec(c->db, "COMMIT") != SQLITE_OK)
		goto fail;
	sbuf_free(&blob);
	sqlite3_finalize(ins);
	sqlite3_finalize(mark);
	return 0;
fail:
	sbuf_free(&blob);
	sqlite3_finalize(ins);
	sqlite3_finalize(mark);
	rollback(c);
	return -1;
}

/* One value of meta as a number (0 when missing), or -1 on error. */
static long long meta_number(struct catalog *c, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	int rc;

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		v = 0;
	sqlite3_finalize(st);
	return v;
}

/* A row of pairs being rewritten. */
struct pair_row {
	int64_t pair, batch;
	char *ids;                  /* the blob kept, NULL: delete the row */
	size_t n;
	int changed;
};

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

/* Rewrite the search index without the ids of articles that are gone, in
 * one write transaction; the dead count is then 0. -1 on error. */
static int compact(struct catalog *c)
{
	sqlite3_stmt *live = NULL, *rd = NULL, *up = NULL, *del = NULL;
	int64_t *ids = NULL, lastpair = INT64_MIN, lastbatch = INT64_MIN;
	size_t nids = 0, capids = 0, nrows = 0, caprows = 0;
	struct pair_row *rows = NULL;
	struct sbuf blob = {0};
	int rc, fail = 1;

	if (exec(c->db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(c->db, "SELECT id FROM articles WHERE fts = 1", -1, &live, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT pair, batch, ids FROM pairs WHERE (pair, batch) > (?, ?)"
				      " ORDER BY pair, batch LIMIT 4096", -1, &rd, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "UPDATE pairs SET ids = ? WHERE pair = ? AND batch = ?", -1, &up,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "DELETE FROM pairs WHERE pair = ? AND batch = ?", -1, &del,
			       NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(live)) == SQLITE_ROW) {
		XGROW(ids, capids, nids + 1);
		ids[nids++] = sqlite3_column_int64(live, 0);
	}
	if (rc != SQLITE_DONE)
		goto out;
	if (nids)
		qsort(ids, nids, sizeof *ids, cmp_i64);
	for (;;) {
		/* A slice read, then written: never a row changed under a
		 * statement still reading the table. */
		nrows = 0;
		sqlite3_bind_int64(rd, 1, lastpair);
		sqlite3_bind_int64(rd, 2, lastbatch);
		while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
			const unsigned char *b = sqlite3_column_blob(rd, 2);
			size_t bn = (size_t)sqlite3_column_bytes(rd, 2), kept = 0, all = 0;
			int64_t id = 0, last = 0;
			struct pair_row *r;

			XGROW(rows, caprows, nrows + 1);
			r = &rows[nrows++];
			r->pair = lastpair = sqlite3_column_int64(rd, 0);
			r->batch = lastbatch = sqlite3_column_int64(rd, 1);
			blob.len = 0;
			for (size_t i = 0; i < bn;) {
				uint64_t d = 0;
				int shift = 0;

				while (i < bn && shift < 63) {
					d |= (uint64_t)(b[i] & 0x7f) << shift;
					shift += 7;
					if (!(b[i++] & 0x80))
						break;
				}
				id += (int64_t)d;
				all++;
				if (nids && bsearch(&id, ids, nids, sizeof *ids, cmp_i64)) {
					put_varint(&blob, (uint64_t)(id - last));
					last = id;
					kept++;
				}
			}
			r->changed = kept != all;
			r->n = blob.len;
			r->ids = NULL;
			if (kept && r->changed) {
				r->ids = xmalloc(blob.len);
				memcpy(r->ids, blob.s, blob.len);
			}
		}
		sqlite3_reset(rd);
		if (rc != SQLITE_DONE)
			goto out;
		if (!nrows)
			break;
		for (size_t i = 0; i < nrows; i++) {
			struct pair_row *r = &rows[i];

			if (!r->changed)
				continue;
			if (r->ids) {
				sqlite3_bind_blob(up, 1, r->ids, (int)r->n, SQLITE_STATIC);
				sqlite3_bind_int64(up, 2, r->pair);
				sqlite3_bind_int64(up, 3, r->batch);
				rc = step_done(up);
			} else {
				sqlite3_bind_int64(del, 1, r->pair);
				sqlite3_bind_int64(del, 2, r->batch);
				rc = step_done(del);
			}
			free(r->ids);
			r->ids = NULL;
			if (rc < 0) {
				for (size_t k = i + 1; k < nrows; k++)
					free(rows[k].ids);
				goto out;
			}
		}
	}
	if (exec(c->db, "UPDATE meta SET value = 0 WHERE key = 'dead'") != SQLITE_OK)
		goto out;
	fail = exec(c->db, "COMMIT") != SQLITE_OK;
out:
	if (fail)
		rollback(c);
	sqlite3_finalize(live);
	sqlite3_finalize(rd);
	sqlite3_finalize(up);
	sqlite3_finalize(del);
	sbuf_free(&blob);
	free(rows);
	free(ids);
	return fail ? -1 : 0;
}

/* When the dead ids are more than 1/DEAD_FRACTION of the indexed ones,
 * rewrite the index without them. */
static int compact_if_due(struct catalog *c)
{
	long long dead = meta_number(c, "SELECT value FROM meta WHERE key = 'dead'"), indexed;

	if (dead <= 0)
		return dead < 0 ? -1 : 0;
	indexed = meta_number(c, "SELECT count(*) FROM articles WHERE fts = 1");
	if (indexed < 0)
		return -1;
	return dead * DEAD_FRACTION > indexed ? compact(c) : 0;
}

int catalog_compact(struct catalog *c, struct error *err)
{
	if (compact(c) == 0)
		return 0;
	report(c, err);
	return -1;
}

long long catalog_dead(struct catalog *c)
{
	return meta_number(c, "SELECT value FROM meta WHERE key = 'dead'");
}

/* The whole file checked (PRAGMA quick_check, about 4 ms a MB): a page
 * damaged so that queries walk through it unnoticed is found here. */
static int quick_check(struct catalog *c)
{
	sqlite3_stmt *st;
	int rc, ok = 0;

	if (sqlite3_prepare_v2(c->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		ok = r && strcmp(r, "ok") == 0;
		if (!ok)
			keep_error(c, SQLITE_CORRUPT, sqlite3_errstr(SQLITE_CORRUPT));
	} else {
		keep_error(c, sqlite3_extended_errcode(c->db), sqlite3_errmsg(c->db));
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int catalog_index(struct catalog *c, struct catalog_progress *p, struct error *err)
{
	sqlite3_stmt *rd = NULL, *count = NULL;
	struct postings ps;
	int64_t *ids = NULL, last = 0;
	size_t nids = 0, capids = 0;
	int status = 0, wrote = 0;

	memset(&ps, 0, sizeof ps);
	c->prog = p;
	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM articles WHERE fts = 0", -1, &count,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT a.id, t.body FROM articles a JOIN texts t ON t.id = a.id"
				      " WHERE a.fts = 0 AND a.id > ? ORDER BY a.id LIMIT 256", -1, &rd, NULL) != SQLITE_OK)
		goto fail;
	if (p && sqlite3_step(count) == SQLITE_ROW) {
		atomic_store(&p->total, (size_t)sqlite3_column_int64(count, 0));
		atomic_store(&p->done, 0);
	}
	sqlite3_reset(count);
	for (;;) {
		size_t got = 0;
		int rc;

		if (p && atomic_load(&p->cancel)) {
			status = 1;   /* what was read stays unindexed */
			nids = 0;
			break;
		}
		sqlite3_bind_int64(rd, 1, last);
		while ((rc = sqlite3_step(rd)) == SQLITE_ROW) {
			struct adding ad = { &ps, sqlite3_column_int64(rd, 0) };
			const char *body = (const char *)sqlite3_column_text(rd, 1);

			canon(body ? body : "", (size_t)sqlite3_column_bytes(rd, 1), &c->f, &c->tmp,
			      c->memo);
			pairs_of(&c->f, add_pair, &ad);
			XGROW(ids, capids, nids + 1);
			ids[nids++] = ad.id;
			last = ad.id;
			got++;
		}
		sqlite3_reset(rd);
		if (rc != SQLITE_DONE)
			goto fail;
		if (p)
			atomic_fetch_add(&p->done, got);
		if (!got)
			break;
		if (ps.total >= c->batch_ids) {
			if (flush_postings(c, &ps, ids, nids) < 0)
				goto fail;
			postings_clear(&ps);
			nids = 0;
			wrote = 1;
		}
	}
	if (nids && flush_postings(c, &ps, ids, nids) < 0)
		goto fail;
	/* After a run that wrote (in the background, once per new files):
	 * the file checked, and rebuilt next time when it is damaged. */
	if ((wrote || nids) && status == 0 && quick_check(c) < 0)
		goto fail;
	postings_clear(&ps);
	if (status == 0 && compact_if_due(c) < 0)
		goto fail;
	free(ids);
	sqlite3_finalize(rd);
	sqlite3_finalize(count);
	c->prog = NULL;
	return status;
fail:
	if (cancelled_waiting(c)) {
		free(c->fail_msg);   /* what was written stays */
		c->fail_msg = NULL;
		status = 1;
	} else {
		report(c, err);
		status = -1;
	}
	postings_clear(&ps);
	free(ids);
	sqlite3_finalize(rd);
	sqlite3_finalize(count);
	c->prog = NULL;
	return status;
}

void catalog_set_batch(struct catalog *c, size_t ids)
{
	c->batch_ids = ids ? ids : BATCH_IDS;
}

/* ---- filling ---------------------------------------------------------- */

static void set_current(struct catalog *c, struct archive *a);

size_t catalog_fill(struct catalog *c, struct archive *a)
{
	sqlite3_stmt *get = NULL;
	size_t unread = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT id, size, mtime_s, mtime_ns, eid, date, title, page,"
				      " narticles, why FROM editions WHERE path = ?", -1, &get, NULL) != SQLITE_OK)
		goto order;
	exec(c->db, "BEGIN");
	for (size_t i = 0; i < a->n;) {
		struct archive_entry *e = &a->v[i];
		int skipped = 0;

		sqlite3_bind_text(get, 1, archive_key(e), -1, SQLITE_STATIC);
		if (sqlite3_step(get) == SQLITE_ROW && sqlite3_column_int64(get, 1) == e->size &&
		    sqlite3_column_int64(get, 2) == e->mtime_s &&
		    sqlite3_column_int64(get, 3) == e->mtime_ns) {
			if (sqlite3_column_type(get, 9) != SQLITE_NULL) {
				char *why = xstrdup((const char *)sqlite3_column_text(get, 9));

				sqlite3_reset(get);
				archive_skip(a, i, why);
				free(why);
				skipped = 1;
			} else {
				const unsigned char *eid = sqlite3_column_text(get, 4);
				const unsigned char *date = sqlite3_column_text(get, 5);
				const unsigned char *title = sqlite3_column_text(get, 6);

				e->rowid = sqlite3_column_int64(get, 0);
				snprintf(e->id, sizeof e->id, "%s", eid ? (const char *)eid : "");
				if (date && strlen((const char *)date) == 10) {
					memcpy(e->date, date, 11);
					e->date_from = DATE_DATELINE;
				}
				free(e->title);
				e->title = title ? xstrdup((const char *)title) : NULL;
				if (sqlite3_column_int(get, 7))
					e->page = sqlite3_column_int(get, 7);
				e->narticles = (unsigned)sqlite3_column_int64(get, 8);
				e->read = 1;
			}
		} else {
			e->rowid = 0;
			unread++;
		}
		sqlite3_reset(get);
		if (!skipped)
			i++;
	}
	exec(c->db, "COMMIT");
order:
	sqlite3_finalize(get);
	archive_order(a);
	set_current(c, a);
	return unread;
}

/* Make a (in order) the archive the queries are over; the TEMP table cur
 * that says so is made by the first query (build_current()), not here: a
 * warm start shows its first screen without it. */
static void set_current(struct catalog *c, struct archive *a)
{
	c->filled = 2;
	c->a = a;
	c->nv = a->n;
}

/* The archive's editions' rows, in order, into the TEMP table cur. */
static void build_current(struct catalog *c)
{
	const struct archive *a = c->a;
	sqlite3_stmt *ins = NULL;

	c->filled = 0;
	if (exec(c->db, "CREATE TEMP TABLE IF NOT EXISTS cur(id INTEGER PRIMARY KEY,"
			" idx INTEGER NOT NULL, date TEXT NOT NULL); DELETE FROM cur;") != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR IGNORE INTO cur(id, idx, date) VALUES(?,?,?)", -1,
			       &ins, NULL) != SQLITE_OK)
		return;
	exec(c->db, "BEGIN");
	for (size_t i = 0; i < a->n; i++) {
		if (!a->v[i].rowid)
			continue;
		sqlite3_bind_int64(ins, 1, a->v[i].rowid);
		sqlite3_bind_int64(ins, 2, (long long)i);
		sqlite3_bind_text(ins, 3, a->v[i].date, -1, SQLITE_STATIC);
		step_done(ins);
	}
	exec(c->db, "COMMIT");
	sqlite3_finalize(ins);
	c->filled = 1;
}

/* The rows at or below each of paths[0..n): the path itself, or one
 * starting with it and a slash (as archive_scan() joins them). The
 * statement selects path and then what cols says; bound for path i by
 * bind_root(). */
static void root_range(const char *root, char **lo, char **hi)
{
	size_t n = strlen(root);

	*lo = n && root[n - 1] == '/' ? xstrdup(root) : xasprintf("%s/", root);
	*hi = xstrdup(*lo);
	(*hi)[strlen(*hi) - 1] = '/' + 1;
}

/* The key of a root the user named: realpath(), as archive_scan() keys
 * the files below it; NULL when it cannot be resolved (it is not there,
 * or ""), and then the catalogue holds nothing below it. */
static char *root_key(const char *root)
{
	return realpath(root, NULL);
}

size_t catalog_list(struct catalog *c, const char *const *paths, size_t n, struct archive *a)
{
	sqlite3_stmt *st = NULL;
	size_t listed = 0;
	char **keys;

	if (sqlite3_prepare_v2(c->db, "SELECT path, size, mtime_s, mtime_ns, id, eid, date, title, page,"
				      " narticles, why FROM editions WHERE path = ?1 OR (path >= ?2 AND path < ?3)",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	keys = xcalloc(n ? n : 1, sizeof *keys);
	for (size_t r = 0; r < n; r++)
		keys[r] = root_key(paths[r]);
	exec(c->db, "BEGIN");
	for (size_t r = 0; r < n; r++) {
		char *lo, *hi;

		if (!keys[r])
			continue;
		root_range(keys[r], &lo, &hi);
		sqlite3_bind_text(st, 1, keys[r], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *key = (const char *)sqlite3_column_text(st, 0);
			const unsigned char *eid = sqlite3_column_text(st, 5);
			const unsigned char *date = sqlite3_column_text(st, 6);
			const unsigned char *title = sqlite3_column_text(st, 7);
			struct archive_entry *e;
			char *path;
			int dup = 0;

			/* A root named twice, or below another: each file once. */
			for (size_t k = 0; k < r && !dup; k++)
				dup = keys[k] && archive_below(key, keys[k]);
			if (dup)
				continue;
			/* Shown as below the root as it was typed. */
			path = archive_rebase(key, keys[r], paths[r]);
			if (!path)
				path = xstrdup(key);
			if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
				archive_add_skip(a, path, (const char *)sqlite3_column_text(st, 10));
				free(path);
				continue;
			}
			e = archive_add(a, path, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
					(long)sqlite3_column_int64(st, 3), (const char *)date);
			free(path);
			e->key = xstrdup(key);
			e->rowid = sqlite3_column_int64(st, 4);
			snprintf(e->id, sizeof e->id, "%s", eid ? (const char *)eid : "");
			e->title = title ? xstrdup((const char *)title) : NULL;
			if (sqlite3_column_int(st, 8))
				e->page = sqlite3_column_int(st, 8);
			e->narticles = (unsigned)sqlite3_column_int64(st, 9);
			e->read = 1;
			listed++;
		}
		sqlite3_reset(st);
		free(lo);
		free(hi);
	}
	exec(c->db, "COMMIT");
	sqlite3_finalize(st);
	for (size_t r = 0; r < n; r++)
		free(keys[r]);
	free(keys);
	archive_order(a);
	set_current(c, a);
	return listed;
}

int catalog_knows(struct catalog *c, const char *const *paths, size_t n)
{
	sqlite3_stmt *st = NULL;
	int known = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT 1 FROM editions WHERE why IS NULL AND (path = ?1 OR"
				      " (path >= ?2 AND path < ?3)) LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	for (size_t r = 0; r < n && !known; r++) {
		char *lo, *hi, *key = root_key(paths[r]);

		if (!key)
			continue;
		root_range(key, &lo, &hi);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
		known = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		free(key);
		free(lo);
		free(hi);
	}
	sqlite3_finalize(st);
	return known;
}

long long catalog_forget_gone(struct catalog *c, const char *const *paths, size_t n,
			      struct error *err)
{
	sqlite3_stmt *st = NULL;
	long long *gone = NULL, forgotten = 0;
	size_t ngone = 0, cap = 0;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(c->db, "SELECT id, path FROM editions WHERE path = ?1 OR"
				      " (path >= ?2 AND path < ?3)", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (size_t r = 0; r < n && rc == SQLITE_DONE; r++) {
		struct stat sb;
		char *lo, *hi, *key;

		/* A root that is not there (an unmounted disk, a typing
		 * error) says nothing of its files. */
		if (stat(paths[r], &sb) < 0 || !(key = root_key(paths[r])))
			continue;
		root_range(key, &lo, &hi);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, hi, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (stat((const char *)sqlite3_column_text(st, 1), &sb) < 0 && errno == ENOENT) {
				XGROW(gone, cap, ngone + 1);
				gone[ngone++] = sqlite3_column_int64(st, 0);
			}
		sqlite3_reset(st);
		free(key);
		free(lo);
		free(hi);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	if (!ngone)
		return 0;
	if (exec(c->db, "BEGIN IMMEDIATE") != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < ngone; i++) {
		if (drop(c, gone[i]) < 0) {
			exec(c->db, "ROLLBACK");
			goto fail;
		}
		forgotten += sqlite3_changes(c->db) > 0;
	}
	if (exec(c->db, "COMMIT") != SQLITE_OK) {
		exec(c->db, "ROLLBACK");
		goto fail;
	}
	free(gone);
	return forgotten;
fail:
	error_set(err, c->path, 0, 0, "%s", sqlite3_errmsg(c->db));
	gone_bad(c);
	sqlite3_finalize(st);
	free(gone);
	return -1;
}

/* ---- queries ---------------------------------------------------------- */

static int query_error(struct catalog *c, struct error *err)
{
	report(c, err);
	return -1;
}

/* No archive chosen (-1 with err), or its table made when it is not yet
 * (0). */
static int not_filled(struct catalog *c, struct error *err)
{
	if (c->filled == 2) {
		build_current(c);
		if (c->filled == 1)
			return 0;
	}
	error_set(err, c->path, 0, 0, "%s", _("no archive chosen"));
	return -1;
}

static int place_cmp(const void *x, const void *y)
{
	const struct catalog_place *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (strcmp(a->code, b->code))
		return strcmp(a->code, b->code);
	return strcmp(a->locality, b->locality);
}

/* Each coded place's count taken with those of the places below it (the
 * codes it is a prefix of, which follow it in v sorted by code), as
 * catalog_stories() lists them. */
static void count_below(struct catalog_place *v, size_t n)
{
	size_t *own = xcalloc(n + 1, sizeof *own);

	for (size_t i = 0; i < n; i++)
		own[i] = v[i].count;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i].code);

		for (size_t j = i + 1; l && j < n && strncmp(v[j].code, v[i].code, l) == 0; j++)
			v[i].count += own[j];
	}
	free(own);
}

int catalog_places(struct catalog *c, struct catalog_place **v, size_t *n, struct error *err)
{
	sqlite3_stmt *st;
	struct catalog_place *out = NULL;
	size_t cap = 0, m = 0, best = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (c->filled != 1 && not_filled(c, err) < 0)
		return -1;
	/* Each (code, spelling) with its count; a code's places add up, and
	 * its most frequent spelling names it. */
	if (sqlite3_prepare_v2(c->db, "SELECT a.code, a.locality, count(*) FROM articles a"
				      " JOIN cur ON cur.id = a.edition"
				      " WHERE a.code <> '' OR a.locality <> ''"
				      " GROUP BY a.code, CASE WHEN a.code = '' THEN a.locality"
				      " ELSE a.locality END ORDER BY a.code, a.locality",
			       -1, &st, NULL) != SQLITE_OK)
		return query_error(c, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *loc = (const char *)sqlite3_column_text(st, 1);
		size_t cnt = (size_t)sqlite3_column_int64(st, 2);

		if (*code && m && strcmp(out[m - 1].code, code) == 0) {
			out[m - 1].count += cnt;
			if (cnt > best) {
				free(out[m - 1].locality);
				out[m - 1].locality = xstrdup(loc);
				best = cnt;
			}
			continue;
		}
		XGROW(out, cap, m + 1);
		snprintf(out[m].code, sizeof out[m].code, "%s", code);
		out[m].locality = xstrdup(loc);
		out[m].count = cnt;
		best = cnt;
		m++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_places_free(out, m);
		return query_error(c, err);
	}
	count_below(out, m);
	if (m)
		qsort(out, m, sizeof *out, place_cmp);
	*v = out;
	*n = m;
	return 0;
}

void catalog_places_free(struct catalog_place *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].locality);
	free(v);
}

static void story_from_row(struct catalog_story *s, sqlite3_stmt *st)
{
	const char *code = (const char *)sqlite3_column_text(st, 5);

	memset(s, 0, sizeof *s);
	s->edition = (size_t)sqlite3_column_int64(st, 0);
	s->article = (size_t)sqlite3_column_int64(st, 1);
	s->line = (size_t)sqlite3_column_int64(st, 2);
	s->headline = xstrdup((const char *)sqlite3_column_text(st, 3));
	s->locality = xstrdup((const char *)sqlite3_column_text(st, 4));
	snprintf(s->code, sizeof s->code, "%s", code ? code : "");
}

#define STORY_COLS "cur.idx, a.number, a.line, a.headline, a.locality, a.code"
#define NEWEST "ORDER BY cur.date DESC, cur.idx, a.number"

int catalog_stories(struct catalog *c, const char *code, const char *locality,
		    struct catalog_story **v, size_t *n, struct error *err)
{
	sqlite3_stmt *st;
	struct catalog_story *out = NULL;
	size_t cap = 0, m = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (c->filled != 1 && not_filled(c, err) < 0)
		return -1;
	if (code && *code) {
		/* The code and every code it is a prefix of. */
		char hi[16];
		size_t l = strlen(code);

		if (l >= sizeof hi)
			l = sizeof hi - 1;
		memcpy(hi, code, l);
		hi[l] = '\0';
		hi[l - 1]++;
		rc = sqlite3_prepare_v2(c->db, "SELECT " STORY_COLS " FROM articles a"
					       " JOIN cur ON cur.id = a.edition"
					       " WHERE a.code >= ?1 AND a.code < ?2 AND a.code <> '' " NEWEST,
					-1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
		}
	} else {
		rc = sqlite3_prepare_v2(c->db, "SELECT " STORY_COLS " FROM articles a"
					       " JOIN cur ON cur.id = a.edition"
					       " WHERE a.locality = ?1 AND a.locality <> '' AND a.code = '' " NEWEST,
					-1, &st, NULL);
		if (rc == SQLITE_OK)
			sqlite3_bind_text(st, 1, locality ? locality : "", -1, SQLITE_TRANSIENT);
	}
	if (rc != SQLITE_OK)
		return query_error(c, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(out, cap, m + 1);
		story_from_row(&out[m++], st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_stories_free(out, m);
		return query_error(c, err);
	}
	*v = out;
	*n = m;
	return 0;
}

/* The ids (sorted, each once) of the articles that hold a pair from lo
 * to hi, into *v; -1 on error. */
static int ids_of(struct catalog *c, int64_t lo, int64_t hi, int64_t **v, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0, m = 0, k = 0;
	int rc;

	*v = NULL;
	if (sqlite3_prepare_v2(c->db, "SELECT ids FROM pairs WHERE pair BETWEEN ? AND ?", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *b = sqlite3_column_blob(st, 0);
		size_t bn = (size_t)sqlite3_column_bytes(st, 0);
		int64_t id = 0;

		for (size_t i = 0; i < bn;) {
			uint64_t d = 0;
			int shift = 0, more = 1;

			while (i < bn && shift < 63) {
				d |= (uint64_t)(b[i] & 0x7f) << shift;
				shift += 7;
				if (!(b[i++] & 0x80)) {
					more = 0;
					break;
				}
			}
			/* Each id greater than the last, each varint whole: else
			 * the blob is damaged. */
			if (more || d == 0 || d > (uint64_t)(INT64_MAX - id)) {
				rc = SQLITE_CORRUPT;
				break;
			}
			id += (int64_t)d;
			XGROW(*v, cap, m + 1);
			(*v)[m++] = id;
		}
		if (rc == SQLITE_CORRUPT)
			break;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_CORRUPT)
		keep_error(c, SQLITE_CORRUPT, sqlite3_errstr(SQLITE_CORRUPT));
	if (rc != SQLITE_DONE) {
		free(*v);
		*v = NULL;
		return -1;
	}
	if (m)
		qsort(*v, m, sizeof **v, cmp_id);
	for (size_t i = 0; i < m; i++)
		if (!k || (*v)[k - 1] != (*v)[i])
			(*v)[k++] = (*v)[i];
	*n = k;
	return 0;
}

/* The candidates for the folded query q: the articles holding all its
 * pairs (or, for one character, a pair starting with it), and the
 * articles not in the index yet; into the TEMP table cand. */
static int candidates(struct catalog *c, const char *q, size_t qn)
{
	int64_t *acc = NULL, *v = NULL;
	size_t nacc = 0, n = 0, i = 0;
	uint32_t prev = 0;
	int have = 0, first = 1;
	sqlite3_stmt *ins = NULL, *pend = NULL;

	/* One read transaction for all of it: an indexer's batch that commits
	 * in between must be either in the pairs read or still pending. */
	if (exec(c->db, "CREATE TEMP TABLE IF NOT EXISTS cand(id INTEGER PRIMARY KEY); BEGIN") != SQLITE_OK)
		return -1;
	while (i < qn) {
		uint32_t cp;
		int64_t lo, hi;

		i += text_next(q + i, qn - i, &cp);
		if (!have) {
			prev = cp;
			have = 1;
			if (i < qn)
				continue;
			lo = pair(cp, 0);
			hi = pair(cp, PAIR_END);
		} else {
			lo = hi = pair(prev, cp);
			prev = cp;
		}
		if (ids_of(c, lo, hi, &v, &n) < 0)
			goto fail_tx;
		if (first) {
			acc = v;
			nacc = n;
			first = 0;
		} else {
			/* Both sorted: keep what both hold. */
			size_t a = 0, b = 0, k = 0;

			while (a < nacc && b < n) {
				if (acc[a] < v[b])
					a++;
				else if (acc[a] > v[b])
					b++;
				else
					acc[k++] = acc[a++], b++;
			}
			nacc = k;
			free(v);
		}
		v = NULL;
		if (!nacc)
			break;
	}
	if (exec(c->db, "DELETE FROM cand") != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR IGNORE INTO cand(id) VALUES(?)", -1, &ins,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT OR IGNORE INTO cand(id) SELECT id FROM articles"
				      " WHERE fts = 0", -1, &pend, NULL) != SQLITE_OK)
		goto fail_tx;
	for (size_t k = 0; k < nacc; k++) {
		sqlite3_bind_int64(ins, 1, acc[k]);
		if (step_done(ins) < 0)
			goto fail_tx;
	}
	if (step_done(pend) < 0 || exec(c->db, "COMMIT") != SQLITE_OK)
		goto fail_tx;
	sqlite3_finalize(ins);
	sqlite3_finalize(pend);
	free(acc);
	return 0;
fail_tx:
	rollback(c);
	sqlite3_finalize(ins);
	sqlite3_finalize(pend);
	free(acc);
	free(v);
	return -1;
}

/* The item of body offset off, and its start, from the map; the source
 * line of off. Returns the item index, or -1. */
static long locate(const unsigned char *map, size_t mapn, size_t off, size_t bn,
		   size_t *start, size_t *end, size_t *line)
{
	size_t p = 0;
	long item = -1;
	const unsigned char *best = NULL;
	size_t bestnp = 0;

	while (p + 8 <= mapn) {
		size_t st = get32(map + p), np = get32(map + p + 4);

		if (st > off) {
			*end = st - 1;
			break;
		}
		item++;
		*end = bn ? bn - 1 : 0;
		*start = st;
		best = map + p + 8;
		bestnp = np;
		if (np > (mapn - p - 8) / 8)
			return -1;
		p += 8 + np * 8;
	}
	if (item < 0)
		return -1;
	*line = 0;
	for (size_t k = 0; k < bestnp; k++) {
		if (get32(best + k * 8) > off - *start && k)
			break;
		*line = get32(best + k * 8 + 4);
	}
	return item;
}

/* Does the map fit a body of bn bytes: whole items, their starts in
 * order and inside the body? Not: the text is damaged. */
static int map_fits(const unsigned char *map, size_t mapn, size_t bn)
{
	size_t p = 0, last = 0;

	while (p + 8 <= mapn) {
		size_t st = get32(map + p), np = get32(map + p + 4);

		if (st < last || st > bn || np > (mapn - p - 8) / 8)
			return 0;
		last = st;
		p += 8 + np * 8;
	}
	return p == mapn;
}

int catalog_search(struct catalog *c, const char *query, size_t limit,
		   struct catalog_story **v, size_t *n, struct error *err)
{
	sqlite3_stmt *st, *txt = NULL;
	struct catalog_story *out = NULL;
	size_t cap = 0, m = 0, qn;
	char *q;
	int rc;

	*v = NULL;
	*n = 0;
	if (c->filled != 1 && not_filled(c, err) < 0)
		return -1;
	canon(query, strlen(query), &c->f, &c->tmp, c->memo);
	q = xstrndup(c->f.s, c->f.n);
	qn = c->f.n;
	if (!qn || memchr(q, '\n', qn)) {
		free(q);
		return 0;
	}
	if (candidates(c, q, qn) < 0) {
		free(q);
		return query_error(c, err);
	}
	/* Only the small columns are sorted; each text is read when its
	 * turn comes, and no more once the limit is reached. */
	rc = sqlite3_prepare_v2(c->db, "SELECT " STORY_COLS ", a.id FROM cand"
				       " JOIN articles a ON a.id = cand.id"
				       " JOIN cur ON cur.id = a.edition " NEWEST, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c->db, "SELECT body, map FROM texts WHERE id = ?", -1, &txt,
					NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		free(q);
		return query_error(c, err);
	}
	while ((!limit || m < limit) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *body;
		size_t bn, mapn, from = 0, s, e;
		const unsigned char *map;

		sqlite3_reset(txt);
		sqlite3_bind_int64(txt, 1, sqlite3_column_int64(st, 6));
		if ((rc = sqlite3_step(txt)) != SQLITE_ROW) {
			if (rc == SQLITE_DONE)
				continue;
			break;
		}
		body = (const char *)sqlite3_column_text(txt, 0);
		bn = (size_t)sqlite3_column_bytes(txt, 0);
		map = sqlite3_column_blob(txt, 1);
		mapn = (size_t)sqlite3_column_bytes(txt, 1);
		if (!map_fits(map, mapn, bn)) {
			keep_error(c, SQLITE_CORRUPT, sqlite3_errstr(SQLITE_CORRUPT));
			rc = SQLITE_CORRUPT;
			break;
		}
		if (!body)
			continue;
		canon(body, bn, &c->f, &c->tmp, c->memo);
		while ((!limit || m < limit) && fold_find(&c->f, q, qn, from, &s, &e)) {
			size_t start = 0, end = 0, line = 0;
			long item = locate(map, mapn, s, bn, &start, &end, &line);

			from = s + 1;
			if (item < 0 || end < start)
				continue;
			if (e > end)
				continue;  /* across two items: no match */
			XGROW(out, cap, m + 1);
			story_from_row(&out[m], st);
			out[m].text = xstrndup(body + start, end - start);
			out[m].match = s - start;
			out[m].matchlen = e - s;
			if (line)
				out[m].line = line;
			m++;
		}
	}
	if (limit && m >= limit)
		rc = SQLITE_DONE;
	sqlite3_finalize(txt);
	sqlite3_finalize(st);
	free(q);
	if (rc != SQLITE_DONE) {
		catalog_stories_free(out, m);
		return query_error(c, err);
	}
	*v = out;
	*n = m;
	return 0;
}

void catalog_stories_free(struct catalog_story *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].headline);
		free(v[i].locality);
		free(v[i].text);
	}
	free(v);
}
