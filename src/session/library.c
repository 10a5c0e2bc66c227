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

int library_open(struct library *l, const char *const *paths, size_t n, struct error *err)
{
	struct error cerr;

	memset(l, 0, sizeof *l);
	if (archive_scan(&l->a, paths, n, err) < 0)
		snprintf(l->scan_error, sizeof l->scan_error, "%s: %s", err->file, err->reason);
	l->cat_path = catalog_default_path();
	if (!l->cat_path)
		snprintf(l->cat_error, sizeof l->cat_error, "%s",
			 _("no home directory for the archive's index"));
	else if (!(l->cat = catalog_open(l->cat_path, NULL, &cerr)))
		snprintf(l->cat_error, sizeof l->cat_error, "%s: %s", cerr.file, cerr.reason);
	fill(l);
	if (l->a.n)
		return 0;
	if (!l->scan_error[0])
		error_set(err, n ? paths[0] : "", 0, 0, "%s", _("no editions found here"));
	return -1;
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
	size_t i = library_first(l, o);

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
	sigset_t all, old;
	int rc;

	if (!l->cat || l->started || !l->unread)
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
	/* The signals are the foreground's (they end the reader through its
	 * loop): the thread blocks them all, so that none interrupts its
	 * reads and writes. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&j->thread, NULL, index_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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
	if (l->cat)
		catalog_close(l->cat);
	archive_free(&l->a);
	free(l->cat_path);
	memset(l, 0, sizeof *l);
}
