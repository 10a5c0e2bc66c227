/*
 * floor: the yardstick for `make bench`'s dump figure. It does the least a
 * width-aware reflow can do with libunistring: u8_width_linebreaks() on
 * each line of the file at width W, no tailoring, no clusters, no marks,
 * and writes the pieces out. The reader's full layout is measured against
 * it.  Usage: floor WIDTH FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>

int main(int argc, char **argv)
{
	FILE *f;
	char *buf = NULL, *p;
	size_t cap = 0, len = 0, pcap = 0;
	char *brk = NULL;
	int width;

	if (argc != 3 || (width = atoi(argv[1])) < 2 || !(f = fopen(argv[2], "rb"))) {
		fprintf(stderr, "usage: floor WIDTH FILE\n");
		return 2;
	}
	for (;;) {
		size_t n;

		if (len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 1 << 20)))
			return 1;
		n = fread(buf + len, 1, cap - len, f);
		if (!n)
			break;
		len += n;
	}
	fclose(f);
	for (p = buf; p < buf + len;) {
		char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(buf + len - p), start = 0;

		if (n > pcap && !(brk = realloc(brk, pcap = n)))
			return 1;
		u8_width_linebreaks((const uint8_t *)p, n, width, 0, 0, NULL, "UTF-8", brk);
		for (size_t i = 1; i < n; i++)
			if (brk[i] == UC_BREAK_POSSIBLE) {
				fwrite(p + start, 1, i - start, stdout);
				putchar('\n');
				start = i;
			}
		fwrite(p + start, 1, n - start, stdout);
		putchar('\n');
		p += n + 1;
	}
	free(brk);
	free(buf);
	return ferror(stdout) != 0;
}
