/*
 * ptybytes: bytes a full-screen program writes to its terminal per key,
 * for `make bench`. Runs COMMAND in a pseudo-terminal of COLSxROWS, waits
 * until its first screen is drawn (output quiet for QUIET ms), then sends
 * KEY N times, counting what each answer writes.
 *   Usage: ptybytes COLS ROWS N KEY COMMAND [ARG]...
 * Prints: startup_ms first_screen_bytes mean_bytes_per_key
 *         mean_text_bytes_per_key
 * (text: the bytes of what is drawn, outside escape sequences and control
 * characters, to compare programs that show more or less text per key).
 * Exits 1 without figures when COMMAND ends before its first screen.
 * With PTYBYTES_DUMP=FILE in the environment, everything the program
 * writes is also copied to FILE, a line "=== key N" before the answer to
 * each key, to see what the bytes are. PTYBYTES_BEFORE=KEYS sends KEYS, one
 * byte at a time, after the first screen and before the counted keys (to
 * start elsewhere than the top: "]]" then k).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET 150

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long text_bytes;
static int hung_up;  /* the terminal's other end closed: the command ended */
static FILE *dump;

/* Count the text in buf: bytes outside ESC sequences (ESC [ ... final,
 * ESC ( X, ESC and one byte) and control characters. The state carries
 * over from one read to the next. */
static void count_text(const unsigned char *buf, ssize_t n)
{
	static int state;  /* 0 text, 1 after ESC, 2 in CSI, 3 one more byte */

	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (state == 1)
			state = c == '[' ? 2 : c == '(' || c == ')' ? 3 : 0;
		else if (state == 2)
			state = c >= 0x40 && c <= 0x7E ? 0 : 2;
		else if (state == 3)
			state = 0;
		else if (c == 0x1B)
			state = 1;
		else if (c >= 0x20 && c != 0x7F)
			text_bytes++;
	}
}

/* Read until the program has been quiet for QUIET ms; returns the bytes
 * read and, in *last, when the last byte came. */
static long drain(int fd, double *last)
{
	char buf[65536];
	long total = 0;

	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int r = poll(&p, 1, QUIET);
		ssize_t n;

		if (r <= 0)
			return total;
		n = read(fd, buf, sizeof buf);
		if (n <= 0) {
			hung_up = 1;
			return total;
		}
		total += n;
		if (dump)
			fwrite(buf, 1, (size_t)n, dump);
		count_text((const unsigned char *)buf, n);
		*last = now_ms();
	}
}

int main(int argc, char **argv)
{
	struct winsize ws;
	int fd, n;
	pid_t pid;
	double t0, last = 0;
	long first, sum = 0;

	if (argc < 6) {
		fprintf(stderr, "usage: ptybytes COLS ROWS N KEY COMMAND [ARG]...\n");
		return 2;
	}
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)atoi(argv[1]);
	ws.ws_row = (unsigned short)atoi(argv[2]);
	n = atoi(argv[3]);
	if (getenv("PTYBYTES_DUMP") && !(dump = fopen(getenv("PTYBYTES_DUMP"), "wb"))) {
		perror(getenv("PTYBYTES_DUMP"));
		return 1;
	}
	t0 = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[5], argv + 5);
		_exit(127);
	}
	/* the first byte may take a while (an archive being scanned) */
	{
		struct pollfd p = {fd, POLLIN, 0};

		if (poll(&p, 1, 10000) <= 0) {
			fprintf(stderr, "ptybytes: %s wrote nothing in 10 s\n", argv[5]);
			kill(pid, SIGTERM);
			return 1;
		}
	}
	first = drain(fd, &last);
	{
		/* A command that ended before its first screen (an error
		 * message, an argument it refuses) has no figures. */
		int status;

		if (hung_up ? waitpid(pid, &status, 0) == pid : waitpid(pid, &status, WNOHANG) == pid) {
			fprintf(stderr, "ptybytes: %s exited before its first screen (%s %d)\n",
				argv[5], WIFEXITED(status) ? "status" : "signal",
				WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
			return 1;
		}
	}
	printf("%.1f %ld ", last - t0, first);
	for (const char *b = getenv("PTYBYTES_BEFORE"); b && *b; b++) {
		if (write(fd, b, 1) < 0)
			break;
		drain(fd, &last);
	}
	if (dump)
		fprintf(dump, "\n=== counted from here\n");
	text_bytes = 0;
	for (int i = 0; i < n; i++) {
		if (dump)
			fprintf(dump, "\n=== key %d\n", i + 1);
		if (write(fd, argv[4], strlen(argv[4])) < 0)
			break;
		sum += drain(fd, &last);
	}
	printf("%.1f %.1f\n", n ? (double)sum / n : 0.0, n ? (double)text_bytes / n : 0.0);
	if (write(fd, "q", 1) < 0)
		kill(pid, SIGTERM);
	usleep(100000);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	if (dump)
		fclose(dump);
	return 0;
}
