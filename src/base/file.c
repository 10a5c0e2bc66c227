/*
 * file: the one whole-file reader. See file.h.
 *
 * A regular file is mapped when the caller allows it: the mapping is one
 * page longer than the file, backed by anonymous zeroes, so the byte after
 * the text is a readable NUL without a copy. Anything else (pipes, /proc
 * files that claim size 0, character devices) is read in blocks.
 */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

/* Map size bytes of fd, followed by at least one zero byte. NULL when the
 * file cannot be mapped; the caller reads it instead. */
static void *map_file(int fd, size_t size, size_t *maplen)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), len;
	void *p;

	if (size > SIZE_MAX - pg)
		return NULL;
	len = (size / pg + 1) * pg;
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (mmap(p, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED) {
		munmap(p, len);
		return NULL;
	}
	*maplen = len;
	return p;
}

/* Read fd to its end, or to more than max bytes (max 0: no limit), or to
 * where sniff says stop. -1 with errno set on a read error; 1 when over
 * max. */
static int read_fd(int fd, size_t max, size_t hint, file_sniff_fn sniff, struct file_buf *out)
{
	char *b = NULL;
	size_t len = 0, cap = 0, whole = 0;
	int sniffed = !sniff, e;
	ssize_t r;

	/* A regular file's size is known: one buffer of exactly that size
	 * (and its NUL, and one byte for the read that finds the end), so
	 * that a 100 MB edition costs 100 MB, not the peaks or the slack of
	 * a growing array. When there is a test to run, only its first
	 * block until it has passed: a binary file never costs its size. */
	if (hint && (!max || hint <= max) && hint <= SIZE_MAX - 2)
		whole = hint + 2;
	if (whole) {
		cap = sniff && whole > FILE_SNIFF + 1 ? FILE_SNIFF + 1 : whole;
		b = xmalloc(cap);
	}
	for (;;) {
		size_t want;

		if (sniffed && cap < whole) {
			b = xreallocarray(b, whole, 1);
			cap = whole;
		}
		if (cap - len < 2)
			XGROW(b, cap, len + 65536 + 1);
		want = cap - len - 1;
		if (max && want > max + 1 - len)
			want = max + 1 - len;
		/* Until the test has run, no read goes past its first block:
		 * a regular file would otherwise be read whole in one call,
		 * and a gigabyte of NULs read to be turned down. */
		if (!sniffed && want > FILE_SNIFF - len)
			want = FILE_SNIFF - len;
		r = read(fd, b + len, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			free(b);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (max && len > max) {
			free(b);
			return 1;
		}
		if (!sniffed && len >= FILE_SNIFF) {
			sniffed = 1;
			if (sniff((const unsigned char *)b, len))
				break;
		}
	}
	b[len] = '\0';
	out->owned = b;
	out->data = b;
	out->len = len;
	return 0;
}

static int too_large(const char *path, size_t max, struct error *err)
{
	error_set(err, path, 0, 0, ngettext("too large (over %zu byte)", "too large (over %zu bytes)", max),
		  max);
	return -1;
}

int file_read(const char *path, size_t max, unsigned flags, file_sniff_fn sniff,
	      struct file_buf *out, struct error *err)
{
	struct stat st;
	int fd, rc, e;

	memset(out, 0, sizeof *out);
	out->data = "";
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && (flags & FILE_MISSING_OK))
		return 1;
	if (fd < 0 || fstat(fd, &st) < 0)
		goto sys_error;
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		error_set(err, path, 0, 0, "%s", _("is a directory"));
		return -1;
	}
	if (S_ISREG(st.st_mode) && max && (uintmax_t)st.st_size > max) {
		close(fd);
		return too_large(path, max, err);
	}
	/* A regular file of size 0 may still have content (/proc): read it. */
	if ((flags & FILE_MAP) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size <= SIZE_MAX) {
		out->map = map_file(fd, (size_t)st.st_size, &out->maplen);
		if (out->map) {
			out->data = out->map;
			out->len = (size_t)st.st_size;
			close(fd);
			return 0;
		}
	}
	rc = read_fd(fd, max, S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0, sniff,
		     out);
	if (rc < 0)
		goto sys_error;
	close(fd);
	if (rc > 0)
		return too_large(path, max, err);
	return 0;
sys_error:
	e = errno;
	if (fd >= 0)
		close(fd);
	out->data = "";
	error_set(err, path, 0, 0, "%s", strerror(e));
	return -1;
}

char *file_take(struct file_buf *f, size_t *len)
{
	char *s = f->owned ? f->owned : xstrndup(f->data, f->len);

	if (len)
		*len = f->len;
	if (!f->owned)
		file_free(f);
	memset(f, 0, sizeof *f);
	return s;
}

void file_free(struct file_buf *f)
{
	if (!f)
		return;
	free(f->owned);
	if (f->map)
		munmap(f->map, f->maplen);
	memset(f, 0, sizeof *f);
	f->data = "";
}
