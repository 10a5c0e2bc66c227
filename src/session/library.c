/*
 * library: an archive open in the reader, and its background indexing.
 * See library.h.
 */
#include "library.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "i18n.h"
#include "positions.h"
#include "util.h"

/* While indexing runs, the archive is filled again this often (seconds):
 * dates and titles appear as they are read, and the order settles. */
#define REFILL_SECONDS 3.0

/* The indexing thread's own: its connection, its copy of the entries to
 * read, its progress and its result. */
struct library_job {
	pthread_t thread;
	char *path;
	struct archive a;          /* copies of the unread entries */
	const struct gazetteer *gaz;
	struct catalog_progress p;
	atomic_int finished;
	atomic_int phase;          /* 0 reading the files, 1 the search index */
	int filled;                /* the foreground filled the archive since
	                              the files were all read */
	int rc;
	struct error err;
};

/* The scan of a warm start, in a thread of its own after the first
 * screen: the directories walked into an archive of its own, and the
 * catalogue's editions whose files are gone removed (on a connection of
 * its own). */
struct library_scan {
	pthread_t thread;
	char **paths;
	size_t n;
	char *cat_path;            /* or NULL */
	struct archive a;
	atomic_int finished;
	int rc;
	struct error err;
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fill the archive from the catalogue, or put it in order without one. */
static void fill(struct library *l)
{
	if (l->cat) {
		l->unread = catalog_fill(l->cat, &l->a);
	} else {
		archive_order(&l->a);
		l->unread = l->a.n;
	}
	l->last_fill = now_seconds();
}

static void open_catalog(struct library *l)
{
	struct error cerr;

	l->cat_path = catalog_default_path();
	if (!l->cat_path)
		snprintf(l->cat_error, sizeof l->cat_error, "%s",
			 _("no home directory for the archive's index"));
	else if (!(l->cat = catalog_open(l->cat_path, NULL, &cerr)))
		snprintf(l->cat_error, sizeof l->cat_error, "%s: %s", cerr.file, cerr.reason);
}

int library_open(struct library *l, const char *const *paths, size_t n, struct error *err)
{
	memset(l, 0, sizeof *l);
	if (archive_scan(&l->a, paths, n, err) < 0)
		snprintf(l->scan_error, sizeof l->scan_error, "%s: %s", err->file, err->reason);
	open_catalog(l);
	fill(l);
	if (l->a.n)
		return 0;
	if (!l->scan_error[0])
		error_set(err, n ? paths[0] : "", 0, 0, "%s", _("no editions found here"));
	return -1;
}

int library_open_warm(struct library *l, const char *const *paths, size_t n, struct error *err)
{
	memset(l, 0, sizeof *l);
	open_catalog(l);
	if (!l->cat || !catalog_knows(l->cat, paths, n)) {
		/* Nothing known: the scan first, as a cold start does. */
		if (l->cat)
			catalog_close(l->cat);
		archive_free(&l->a);
		free(l->cat_path);
		return library_open(l, paths, n, err);
	}
	l->last_fill = now_seconds();
	l->unread = 0;
	l->scan_paths = xcalloc(n ? n : 1, sizeof *l->scan_paths);
	for (size_t i = 0; i < n; i++)
		l->scan_paths[i] = xstrdup(paths[i]);
	l->scan_n = n;
	l->relist = 1;
	l->rescan = 1;
	return 0;
}

/* A warm start's list, when it is still to make. 1 when made. */
static int relist(struct library *l)
{
	if (!l->relist)
		return 0;
	l->relist = 0;
	catalog_list(l->cat, (const char *const *)l->scan_paths, l->scan_n, &l->a);
	l->last_fill = now_seconds();
	return 1;
}

/* pos_latest()'s question on a warm start, before the list: is this a
 * file below the archive's paths that is there? The positions file
 * keeps absolute paths: the paths are compared made absolute (roots[i]
 * is realpath() of the warm start's path i, or NULL). The last yes is the
 * answer. */
struct latest_path {
	char **roots;
	size_t n;
	char *path;
};

/* Is path at or below one of q's roots? */
static int below_roots(const struct latest_path *q, const char *path)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->roots[i] && archive_below(path, q->roots[i]))
			return 1;
	return 0;
}

static int below_and_there(void *ctx, const char *id, const char *path)
{
	struct latest_path *q = ctx;
	struct stat st;

	(void)id;
	if (!below_roots(q, path) || stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	free(q->path);
	q->path = xstrdup(path);
	return 1;
}

/* A warm start with a position: the edition read last opened before the
 * list is made, from the path the positions file gives. 0, or -1 when
 * there is none or it cannot be read. */
static int load_latest(struct library *l, const struct options *o, struct edition *ed)
{
	char *pos = options_positions_file(o), id[17];
	struct latest_path q = {xcalloc(l->scan_n ? l->scan_n : 1, sizeof *q.roots), l->scan_n, NULL};
	struct error ignored;
	size_t art, off;
	int rc = -1;

	for (size_t i = 0; i < l->scan_n; i++)
		q.roots[i] = realpath(l->scan_paths[i], NULL);
	if (pos && o->restore_position && pos_latest(pos, below_and_there, &q, id, &art, &off) == 1 &&
	    q.path && edition_load(ed, q.path, &ignored) == 0)
		rc = 0;
	for (size_t i = 0; i < l->scan_n; i++)
		free(q.roots[i]);
	free(q.roots);
	free(q.path);
	free(pos);
	return rc;
}

static void *scan_main(void *arg)
{
	struct library_scan *sc = arg;

	sc->rc = archive_scan(&sc->a, (const char *const *)sc->paths, sc->n, &sc->err);
	if (sc->cat_path) {
		struct error cerr;
		struct catalog *c = catalog_open(sc->cat_path, NULL, &cerr);

		/* What it fails to forget stays until the next start. */
		if (c) {
			catalog_forget_gone(c, (const char *const *)sc->paths, sc->n, &cerr);
			catalog_close(c);
		}
	}
	atomic_store(&sc->finished, 1);
	return NULL;
}

/* Start a thread with every signal blocked (they are the foreground's:
 * they end the reader through its loop, and none may interrupt the
 * thread's reads and writes). Returns pthread_create()'s result. */
static int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static void scan_free(struct library_scan *sc)
{
	archive_free(&sc->a);
	free(sc->cat_path);
	free(sc);
}

/* Start the warm start's scan. 0, or -1 with err. */
static int scan_start(struct library *l, struct error *err)
{
	struct library_scan *sc = xcalloc(1, sizeof *sc);
	int rc;

	l->rescan = 0;
	sc->paths = l->scan_paths;
	sc->n = l->scan_n;
	sc->cat_path = l->cat_path ? xstrdup(l->cat_path) : NULL;
	atomic_init(&sc->finished, 0);
	rc = start_thread(&sc->thread, scan_main, sc);
	if (rc != 0) {
		error_set(err, l->cat_path ? l->cat_path : "", 0, 0, "%s", strerror(rc));
		scan_free(sc);
		return -1;
	}
	l->scan = sc;
	return 0;
}

/* The scan has ended: its archive replaces the listed one (in place: the
 * session keeps its pointer), filled from the catalogue. 1, or -1 with
 * err naming the path that could not be read (the others are in). */
static int scan_collect(struct library *l, struct error *err)
{
	struct library_scan *sc = l->scan;
	int rc = 1;

	pthread_join(sc->thread, NULL);
	l->scan = NULL;
	if (sc->rc < 0) {
		snprintf(l->scan_error, sizeof l->scan_error, "%s: %s", sc->err.file, sc->err.reason);
		*err = sc->err;
		rc = -1;
	}
	archive_free(&l->a);
	l->a = sc->a;
	memset(&sc->a, 0, sizeof sc->a);
	scan_free(sc);
	fill(l);
	return rc;
}

int library_settle(struct library *l, struct error *err)
{
	relist(l);
	if (l->rescan && scan_start(l, err) < 0)
		return -1;
	if (!l->scan)
		return 0;
	return scan_collect(l, err);
}

/* pos_latest()'s question: is this position one of an edition of the
 * archive (by id, else by path)? The yes is the answer's entry. The ids
 * are sorted once (the indices of the entries that have one) and both
 * are looked up by binary search, so that a long positions file costs
 * no scan of the archive per line. */
struct latest {
	const struct archive *a;
	size_t found;
	size_t *byid, nbyid;
};

static int cmp_byid(const void *x, const void *y, void *ctx)
{
	const struct archive_entry *v = ctx;

	return strcmp(v[*(const size_t *)x].id, v[*(const size_t *)y].id);
}

static int in_archive(void *ctx, const char *id, const char *path)
{
	struct latest *q = ctx;
	size_t lo = 0, hi, i;

	if (!q->byid) {
		q->byid = xreallocarray(NULL, q->a->n ? q->a->n : 1, sizeof *q->byid);
		for (i = 0; i < q->a->n; i++)
			if (q->a->v[i].id[0])
				q->byid[q->nbyid++] = i;
		qsort_r(q->byid, q->nbyid, sizeof *q->byid, cmp_byid, q->a->v);
	}
	for (hi = q->nbyid; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(q->a->v[q->byid[mid]].id, id);

		if (c == 0) {
			q->found = q->byid[mid];
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if ((i = archive_find(q->a, path)) != (size_t)-1) {
		q->found = i;
		return 1;
	}
	return 0;
}

size_t library_first(const struct library *l, const struct options *o)
{
	char *pos = options_positions_file(o), id[17];
	struct latest q = {&l->a, 0, NULL, 0};
	size_t art, off;

	if (!pos || !o->restore_position || pos_latest(pos, in_archive, &q, id, &art, &off) != 1)
		q.found = 0;
	free(q.byid);
	free(pos);
	return q.found;
}

int library_load_first(struct library *l, const struct options *o, struct edition *ed,
		       struct error *err)
{
	size_t i;

	/* The place in the archive comes with the list, after the first
	 * screen (library_poll()). */
	if (l->relist && load_latest(l, o, ed) == 0) {
		l->first = SIZE_MAX;
		return 0;
	}
	relist(l);
	i = library_first(l, o);
	if (!l->a.n)
		error_set(err, l->scan_n ? l->scan_paths[0] : "", 0, 0, "%s", _("no editions found here"));
	while (l->a.n) {
		if (i >= l->a.n)
			i = 0;
		if (edition_load(ed, l->a.v[i].path, err) == 0) {
			l->first = i;
			return 0;
		}
		archive_skip(&l->a, i, err->reason);
	}
	return -1;
}

static void *index_main(void *arg)
{
	struct library_job *j = arg;
	struct catalog *c = catalog_open(j->path, NULL, &j->err);

	if (!c) {
		j->rc = -1;
	} else {
		j->rc = catalog_update(c, &j->a, j->gaz, &j->p, &j->err);
		/* Then the search index over what was stored: the search
		 * reads the text meanwhile. */
		if (j->rc == 0) {
			atomic_store(&j->phase, 1);
			j->rc = catalog_index(c, &j->p, &j->err);
		}
		catalog_close(c);
	}
	atomic_store(&j->finished, 1);
	return NULL;
}

/* A copy of entry e for the job: what catalog_update() reads. */
static void copy_entry(struct archive *to, const struct archive_entry *e)
{
	struct archive_entry *c;

	XGROW(to->v, to->cap, to->n + 1);
	c = &to->v[to->n++];
	*c = *e;
	c->path = xstrdup(e->path);
	c->key = e->key ? xstrdup(e->key) : NULL;
	c->title = e->title ? xstrdup(e->title) : NULL;
}

static void job_free(struct library_job *j)
{
	archive_free(&j->a);
	free(j->path);
	free(j);
}

int library_index(struct library *l, const struct gazetteer *gaz, struct error *err)
{
	struct library_job *j;
	int rc;

	/* After a warm start's scan: what it finds is what to read. */
	if (!l->cat || l->started || !l->unread || l->relist || l->rescan || l->scan)
		return 0;
	l->started = 1;
	j = xcalloc(1, sizeof *j);
	j->path = xstrdup(l->cat_path);
	j->gaz = gaz;
	for (size_t i = 0; i < l->a.n; i++)
		if (!l->a.v[i].read)
			copy_entry(&j->a, &l->a.v[i]);
	atomic_init(&j->p.done, 0);
	atomic_init(&j->p.total, j->a.n);
	atomic_init(&j->p.cancel, 0);
	atomic_init(&j->finished, 0);
	atomic_init(&j->phase, 0);
	rc = start_thread(&j->thread, index_main, j);
	if (rc != 0) {
		error_set(err, l->cat_path, 0, 0, "%s", strerror(rc));
		job_free(j);
		return -1;
	}
	l->job = j;
	return 1;
}

int library_progress(const struct library *l, size_t *done, size_t *total)
{
	if (!l->job)
		return 0;
	*done = atomic_load(&l->job->p.done);
	*total = atomic_load(&l->job->p.total);
	return 1 + atomic_load(&l->job->phase);
}

/* Wait for the thread and take its result. */
static int collect(struct library *l, struct error *err)
{
	int rc;

	pthread_join(l->job->thread, NULL);
	rc = l->job->rc;
	if (rc < 0)
		*err = l->job->err;
	job_free(l->job);
	l->job = NULL;
	return rc;
}

int library_poll(struct library *l, struct error *err)
{
	int rc = 0;

	/* A warm start: the list, then the scan once the first screen is
	 * out, the archive filled again when it ends. */
	if (relist(l))
		return 1;
	if (l->rescan)
		return scan_start(l, err);
	if (l->scan)
		return atomic_load(&l->scan->finished) ? scan_collect(l, err) : 0;
	if (!l->job)
		return 0;
	if (atomic_load(&l->job->finished)) {
		rc = collect(l, err);
		l->indexed = rc == 0;
		fill(l);
		return rc < 0 ? -1 : 1;
	}
	/* Every file read (the search index comes next): all they tell, at
	 * once. */
	if (atomic_load(&l->job->phase) && !l->job->filled) {
		l->job->filled = 1;
		fill(l);
		return 1;
	}
	if (now_seconds() - l->last_fill < REFILL_SECONDS)
		return 0;
	fill(l);
	return 1;
}

void library_close(struct library *l)
{
	struct error err;

	if (l->job) {
		atomic_store(&l->job->p.cancel, 1);
		collect(l, &err);
	}
	if (l->scan) {
		/* The walk is not cancelled: it ends when the directories
		 * are read. */
		pthread_join(l->scan->thread, NULL);
		scan_free(l->scan);
	}
	for (size_t i = 0; i < l->scan_n; i++)
		free(l->scan_paths[i]);
	free(l->scan_paths);
	if (l->cat)
		catalog_close(l->cat);
	archive_free(&l->a);
	free(l->cat_path);
	memset(l, 0, sizeof *l);
}
