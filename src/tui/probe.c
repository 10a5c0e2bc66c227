/*
 * probe: ask the terminal how wide it draws ambiguous characters. See
 * probe.h; the answer is parsed by width_probe_answer() (typeset), which
 * the unit tests check.
 *
 * The terminal is in non-canonical mode without echo only while the probe
 * waits, and its modes are put back whatever happens; the probe leaves
 * nothing on screen (the line is erased) and reads no byte past the
 * answer's R, so keys typed meanwhile stay for the reader.
 */
#include "probe.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "width.h"

/* Milliseconds since some fixed point. */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read the answer, a byte at a time up to its R, within timeout_ms. */
static size_t read_answer(int fd, char *buf, size_t size, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	size_t n = 0;

	while (n < size && now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t r;

		if (poll(&p, 1, (int)(end - now_ms())) <= 0 || !(p.revents & POLLIN))
			continue;
		r = read(fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (buf[n++] == 'R')
			break;
	}
	return n;
}

/* Write s, a few bytes: one write to a terminal takes them whole. */
static int put(int fd, const char *s)
{
	ssize_t w;

	do
		w = write(fd, s, strlen(s));
	while (w < 0 && errno == EINTR);
	return w == (ssize_t)strlen(s) ? 0 : -1;
}

int probe_ambiguous(int in_fd, int out_fd, int timeout_ms)
{
	struct termios old, raw;
	char buf[64];
	size_t n = 0;

	if (!isatty(in_fd) || !isatty(out_fd) || tcgetattr(in_fd, &old) < 0)
		return 0;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &raw) < 0)
		return 0;
	/* U+2026 … is East Asian Width A: 1 or 2 cells as the terminal has it. */
	if (put(out_fd, "\r\xe2\x80\xa6\033[6n") == 0)
		n = read_answer(in_fd, buf, sizeof buf, timeout_ms);
	put(out_fd, "\r\033[K");
	tcsetattr(in_fd, TCSANOW, &old);
	return width_probe_answer(buf, n);
}
