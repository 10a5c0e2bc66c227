/*
 * testutil: helpers shared by the cmocka suites. See testutil.h.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

static char tmpdir[256];

static void rm_tmpdir(void)
{
	char cmd[300];

	if (tmpdir[0] && !getenv("KEEP_TMP")) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

const char *test_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

		snprintf(tmpdir, sizeof tmpdir, "%s/reader-test-XXXXXX", base);
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			abort();
		}
		atexit(rm_tmpdir);
	}
	return tmpdir;
}

const char *tmp_path(const char *name)
{
	static char bufs[8][512];
	static int next;
	char *b = bufs[next++ % 8];

	snprintf(b, sizeof bufs[0], "%s/%s", test_tmpdir(), name);
	return b;
}

const char *seed_path(void)
{
	return "data/tongxinyuan-2020-11-11.txt";
}

char *seed_bom_crlf(size_t *outlen)
{
	size_t len;
	char *data = slurp(seed_path(), &len);
	struct sbuf b = {0};

	sbuf_add(&b, "\xEF\xBB\xBF", 3);
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n')
			sbuf_addc(&b, '\r');
		sbuf_addc(&b, data[i]);
	}
	while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == '\r'))
		b.len--;
	free(data);
	*outlen = b.len;
	return sbuf_take(&b);
}

char *seed_indented(size_t *outlen, int blank_line)
{
	size_t len;
	char *data = slurp(seed_path(), &len), *line, *save = NULL;
	struct sbuf b = {0};

	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) > 150)
			sbuf_add(&b, "\u3000\u3000", 6);
		sbuf_add(&b, line, strlen(line));
		sbuf_addc(&b, '\n');
		if (blank_line && strstr(line, "为进一步做好社区"))
			sbuf_add(&b, " \u3000 \n", 5);
	}
	free(data);
	*outlen = b.len;
	return sbuf_take(&b);
}

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = {0};
	char chunk[65536];
	size_t n;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_add(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	return sbuf_take(&b);
}

void spit(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		fail_msg("cannot write %s", path);
}

char *convert(const char *to, const char *from, const char *in, size_t inlen, size_t *outlen)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = inlen * 4 + 16, left = cap;
	char *out = xmalloc(cap), *op = out, *ip = (char *)in;

	if (cd == (iconv_t)-1)
		fail_msg("iconv_open %s", to);
	if (iconv(cd, &ip, &inlen, &op, &left) == (size_t)-1)
		fail_msg("iconv to %s failed: %s", to, strerror(errno));
	iconv_close(cd);
	*outlen = cap - left;
	return out;
}

/* Drain two pipes into two buffers until both close. */
static void drain(int ofd, int efd, struct sbuf *o, struct sbuf *e)
{
	struct pollfd p[2] = {{ofd, POLLIN, 0}, {efd, POLLIN, 0}};
	char buf[65536];
	int open = 2;

	while (open > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(p[i].fd, buf, sizeof buf);
			if (n > 0) {
				sbuf_add(i ? e : o, buf, (size_t)n);
			} else {
				close(p[i].fd);
				p[i].fd = -1;
				open--;
			}
		}
	}
}

void run_reader(struct run *r, const char *const *argv, const char *const *env)
{
	const char *bin = getenv("READER_BIN") ? getenv("READER_BIN") : "./reader";
	int po[2], pe[2];
	pid_t pid;
	struct sbuf o = {0}, e = {0};
	int st;
	struct rusage ru;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	const char *home = test_tmpdir();  /* made here, not in the child */

	if (pipe(po) || pipe(pe))
		fail_msg("pipe");
	pid = fork();
	if (pid < 0)
		fail_msg("fork");
	if (pid == 0) {
		const char *args[64];
		int n = 0, fd = open("/dev/null", O_RDONLY);

		args[n++] = bin;
		for (; argv && *argv && n < 63; argv++)
			args[n++] = *argv;
		args[n] = NULL;
		dup2(fd, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]), close(pe[0]), close(po[1]), close(pe[1]);
		/* No settings from the user running the tests: the goldens
		 * are of the defaults (a test may still pass its own). */
		setenv("XDG_CONFIG_HOME", home, 1);
		setenv("HOME", home, 1);
		/* Nor their archive index (test_catalog has its own). */
		unsetenv("XDG_CACHE_HOME");
		/* Nor the language of the user running them: the messages
		 * compared are the English ones (a test may pass LC_ALL). */
		unsetenv("LANGUAGE");
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		setenv("LANG", "C.UTF-8", 1);
		for (; env && *env; env++)
			putenv((char *)*env);
		execv(bin, (char *const *)args);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	drain(po[0], pe[0], &o, &e);
	while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
		;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->maxrss_kb = ru.ru_maxrss;
	r->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->outlen = o.len;
	r->errlen = e.len;
	r->out = sbuf_take(&o);
	r->err = sbuf_take(&e);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}
