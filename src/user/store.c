/*
 * store: atomic replacement, locking and per-user paths for small text
 * files. See store.h.
 *
 * Atomicity comes from rename(2): the new content is complete and on disk
 * (fsync) before its name replaces the old one, and the directory is synced
 * so that the rename itself survives a power cut. Temporaries are named
 * ".NAME.XXXXXX" beside the file, never anything else, so that cleaning
 * them up cannot touch a file of the user's.
 */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#define TEMP_SUFFIX ".XXXXXX"
#define MAX_LINKS 8
#define LOCK_WAIT_MS 5000

char *store_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The file a write to path really replaces: a symbolic link (say into a
 * dotfiles repository) must stay a link, so follow it, even dangling. */
static char *write_target(const char *path)
{
	char *cur = xstrdup(path);

	for (int i = 0; i < MAX_LINKS; i++) {
		struct stat st;
		char buf[PATH_MAX];
		ssize_t n;
		char *dir, *next;

		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			break;
		n = readlink(cur, buf, sizeof buf - 1);
		if (n <= 0)
			break;
		buf[n] = '\0';
		if (buf[0] == '/') {
			next = xstrdup(buf);
		} else {
			dir = store_dirname(cur);
			next = xasprintf("%s/%s", dir, buf);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* Write all of data, retrying short writes and interruptions. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync a directory so that a rename in it is durable. Some file systems
 * cannot sync directories (EINVAL): there is nothing more to do there. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc, e;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	e = errno;
	close(fd);
	if (rc < 0 && e != EINVAL) {
		errno = e;
		return -1;
	}
	return 0;
}

/* Give the temporary fd the owner and group of the file it will replace
 * (st), when they differ; -1 with errno set when that is not allowed. */
static int keep_owner(int fd, const struct stat *st)
{
	struct stat mine;

	if (fstat(fd, &mine) < 0)
		return -1;
	if (mine.st_uid == st->st_uid && mine.st_gid == st->st_gid)
		return 0;
	return fchown(fd, st->st_uid, st->st_gid);
}

int store_write(const char *path, const char *data, size_t len, struct error *err)
{
	char *target = write_target(path);
	char *dir = store_dirname(target);
	char *tmp = xasprintf("%s/.%s" TEMP_SUFFIX, dir, basename_of(target));
	const char *what = _("cannot write");
	struct stat st;
	int fd, e, rc = -1;

	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		error_set(err, path, 0, 0, _("cannot create a temporary file in %s: %s"), dir,
			  strerror(e));
		goto out;
	}
	/* mkostemp makes 0600, right for a new file; a file replaced keeps
	 * its mode, owner and group, or is not replaced at all. */
	what = _("cannot keep its owner, group and mode");
	if (stat(target, &st) == 0 && (keep_owner(fd, &st) < 0 || fchmod(fd, st.st_mode & 07777) < 0))
		goto fail;
	what = _("cannot write");
	if (write_all(fd, data, len) < 0)
		goto fail;
	what = _("cannot sync");
	if (fsync(fd) < 0)
		goto fail;
	what = _("cannot write");
	e = close(fd);
	fd = -1;
	if (e < 0)
		goto fail;
	what = _("cannot replace");
	if (rename(tmp, target) < 0)
		goto fail;
	rc = 0;
	/* Past the rename the new content is in place; a failed directory sync
	 * only means it may not survive a power cut, which the caller hears. */
	if (sync_dir(dir) < 0) {
		error_set(err, path, 0, 0, _("written, but cannot sync directory %s: %s"), dir,
			  strerror(errno));
		rc = -1;
	}
	goto out;
fail:
	e = errno;
	error_set(err, path, 0, 0, "%s: %s", what, strerror(e));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(tmp);
	free(dir);
	free(target);
	return rc;
}

/* Whether name is a temporary store_write() makes for a file named base. */
static int is_temp_of(const char *name, const char *base)
{
	size_t b = strlen(base);

	return name[0] == '.' && strncmp(name + 1, base, b) == 0 &&
	       strlen(name + 1 + b) == strlen(TEMP_SUFFIX) && name[1 + b] == '.';
}

/* Remove the temporaries of path that killed writers left behind. Only
 * called under the lock, when no live writer can own one. */
static void remove_stale_temps(const char *path)
{
	char *target = write_target(path);
	char *dir = store_dirname(target);
	const char *base = basename_of(target);
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d) {
		while ((de = readdir(d)))
			if (is_temp_of(de->d_name, base))
				unlinkat(dirfd(d), de->d_name, 0);
		closedir(d);
	}
	free(dir);
	free(target);
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int store_lock(const char *path, struct error *err)
{
	char *lock = xasprintf("%s.lock", path);
	int fd = open(lock, O_RDONLY | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		error_set(err, lock, 0, 0, _("cannot open lock file: %s"), strerror(errno));
		free(lock);
		return -1;
	}
	/* Poll rather than block: a holder that is stopped or stuck must not
	 * freeze the terminal, only fail this one change. Holders keep the
	 * lock for milliseconds, so short naps lose little. */
	for (long nap = 1, start = now_ms();; nap = nap < 16 ? nap * 2 : 16) {
		struct timespec ts = {0, nap * 1000000L};

		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error_set(err, lock, 0, 0, _("cannot lock: %s"), strerror(errno));
			goto fail;
		}
		if (now_ms() - start >= LOCK_WAIT_MS) {
			error_set(err, lock, 0, 0,
				  ngettext("another process has held this lock for %d second",
					   "another process has held this lock for %d seconds",
					   LOCK_WAIT_MS / 1000),
				  LOCK_WAIT_MS / 1000);
			goto fail;
		}
		nanosleep(&ts, NULL);
	}
	free(lock);
	remove_stale_temps(path);
	return fd;
fail:
	close(fd);
	free(lock);
	return -1;
}

void store_unlock(int fd)
{
	if (fd < 0)
		return;
	flock(fd, LOCK_UN);
	close(fd);
}

int store_mkdirs(const char *dir, struct error *err)
{
	struct stat st;
	char *p;

	if (!*dir) {
		error_set(err, dir, 0, 0, "%s", _("empty directory name"));
		return -1;
	}
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	p = xstrdup(dir);
	for (char *c = p + 1;; c++) {
		char save = *c;

		if (save != '/' && save != '\0')
			continue;
		*c = '\0';
		/* Whatever mkdir says (EEXIST, or EACCES above an existing
		 * directory), what matters is whether a directory is there. */
		if (mkdir(p, 0700) < 0) {
			int e = errno;

			if (stat(p, &st) < 0) {
				error_set(err, p, 0, 0, _("cannot create directory: %s"), strerror(e));
				free(p);
				return -1;
			}
			if (!S_ISDIR(st.st_mode)) {
				error_set(err, p, 0, 0, "%s", _("not a directory"));
				free(p);
				return -1;
			}
		}
		*c = save;
		if (!save)
			break;
	}
	free(p);
	return 0;
}

/* s without its trailing slashes, as a length. */
static int trimmed(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == '/')
		n--;
	return n > INT_MAX ? INT_MAX : (int)n;
}

char *store_path(const char *xdg_var, const char *fallback_under_home, const char *name)
{
	const char *x = getenv(xdg_var);
	const char *home = getenv("HOME");

	/* The XDG spec: a relative value is invalid and must be ignored. */
	if (x && x[0] == '/')
		return xasprintf("%.*s/reader/%s", trimmed(x), x, name);
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !*home)
		return NULL;
	return xasprintf("%.*s/%s/reader/%s", trimmed(home), home, fallback_under_home, name);
}
