/*
 * test_decode: the decode module: encoding detection, U+FFFD substitution
 * and its bookkeeping, the terminator, and every way a file is refused.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decode.h"
#include "util.h"

#define FFFD "\xEF\xBF\xBD"

/* The seed edition (UTF-8, no BOM, LF line ends, no final newline). */
static char *seed(size_t *n)
{
	return slurp(seed_path(), n);
}

/* Decode path, which must succeed, and check the terminator. */
static void load(const char *path, struct decoded *d)
{
	struct error err = { 0 };

	if (decode_file(path, d, &err) < 0)
		fail_msg("%s: %s", err.file, err.reason);
	assert_non_null(d->text);
	assert_int_equal(d->text[d->len], '\0');
}

/* Decode path, which must fail with reason, leaving d empty. */
static void refused(const char *path, const char *reason)
{
	struct decoded d;
	struct error err = { 0 };

	memset(&d, 0xA5, sizeof d);
	assert_int_equal(decode_file(path, &d, &err), -1);
	assert_string_equal(err.file, path);
	assert_string_equal(err.reason, reason);
	assert_null(d.text);
	assert_null(d.subst);
	decode_free(&d);
}

/* Write data to a fresh file name and decode it. */
static void load_bytes(const char *name, const void *data, size_t n, struct decoded *d)
{
	spit(tmp_path(name), data, n);
	load(tmp_path(name), d);
}

/* Check that d holds exactly the n bytes want. */
static void same_text(const struct decoded *d, const char *want, size_t n)
{
	assert_int_equal(d->len, n);
	assert_memory_equal(d->text, want, n);
}

/* The first character boundary of s at or after i. */
static size_t boundary(const char *s, size_t i)
{
	while (((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static void test_seed_utf8(void **state)
{
	struct decoded d;
	size_t n;
	char *s = seed(&n);

	(void)state;
	load(seed_path(), &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.nsubst, 0);
	assert_null(d.subst);
	same_text(&d, s, n);
	assert_null(d.file.map);             /* read, never mapped */
	assert_ptr_equal(d.text, d.file.data);  /* and used in place */
	assert_null(d.owned);
	assert_int_equal(strlen(d.text), n);
	decode_free(&d);
	assert_null(d.text);
	free(s);
}

static void test_bytes_keep(void **state)
{
	struct decoded d;
	const char *why = NULL;
	size_t n;
	char *s = seed(&n);

	(void)state;
	assert_int_equal(decode_bytes((unsigned char *)s, n, 1, &d, &why), 0);
	assert_ptr_equal(d.text, s);    /* no copy */
	assert_null(d.owned);
	decode_free(&d);
	assert_int_equal(decode_bytes((unsigned char *)s, n, 0, &d, &why), 0);
	assert_ptr_not_equal(d.text, s);
	same_text(&d, s, n);
	assert_int_equal(d.text[n], '\0');
	decode_free(&d);
	assert_int_equal(decode_bytes((unsigned char *)"", 0, 1, &d, &why), -1);
	assert_string_equal(why, "empty file");
	free(s);
}

static void test_bom_crlf(void **state)
{
	struct sbuf in = { 0 }, want = { 0 };
	struct decoded d;
	size_t n, i, ncr = 0;
	char *s = seed(&n);

	(void)state;
	sbuf_add(&in, "\xEF\xBB\xBF", 3);
	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			sbuf_addc(&want, '\r');
		sbuf_addc(&want, s[i]);
	}
	sbuf_add(&in, want.s, want.len);
	load_bytes("bom-crlf.txt", in.s, in.len, &d);
	assert_string_equal(d.encoding, "UTF-8 with BOM");
	assert_int_equal(d.nsubst, 0);
	same_text(&d, want.s, want.len);
	for (i = 0; i < d.len; i++)
		ncr += d.text[i] == '\r';
	assert_true(ncr > 10);
	decode_free(&d);
	sbuf_free(&in);
	sbuf_free(&want);
	free(s);
}

/* UTF-16 with a BOM in the byte order enc decodes to the seed. */
static void utf16(const char *enc, const char *bom)
{
	struct sbuf in = { 0 };
	struct decoded d;
	size_t n, m;
	char *s = seed(&n), *u = convert(enc, "UTF-8", s, n, &m);

	sbuf_add(&in, bom, 2);
	sbuf_add(&in, u, m);
	load_bytes(enc, in.s, in.len, &d);
	assert_string_equal(d.encoding, enc);
	assert_int_equal(d.nsubst, 0);
	same_text(&d, s, n);
	decode_free(&d);
	sbuf_free(&in);
	free(u);
	free(s);
}

static void test_utf16le(void **state)
{
	(void)state;
	utf16("UTF-16LE", "\xFF\xFE");
}

static void test_utf16be(void **state)
{
	(void)state;
	utf16("UTF-16BE", "\xFE\xFF");
}

static void test_utf16_invalid(void **state)
{
	/* "A", an unpaired high surrogate, "B", then an odd last byte */
	static const char in[] = "\xFF\xFE" "A\0" "\x00\xD8" "B\0" "C";
	struct decoded d;

	(void)state;
	load_bytes("utf16-bad", in, sizeof in - 1, &d);
	assert_string_equal(d.encoding, "UTF-16LE");
	same_text(&d, "A" FFFD "B" FFFD, 8);
	assert_int_equal(d.nsubst, 2);
	assert_int_equal(d.subst[0].offset, 1);
	assert_int_equal(d.subst[0].nbytes, 2);
	assert_memory_equal(d.subst[0].bytes, "\x00\xD8", 2);
	assert_int_equal(d.subst[1].offset, 5);
	assert_int_equal(d.subst[1].nbytes, 1);
	assert_int_equal(d.subst[1].bytes[0], 'C');
	decode_free(&d);
}

static void test_gb18030(void **state)
{
	struct decoded d;
	size_t n, m;
	char *s = seed(&n), *g = convert("GB18030", "UTF-8", s, n, &m);

	(void)state;
	load_bytes("gb.txt", g, m, &d);
	assert_string_equal(d.encoding, "GB18030");
	assert_int_equal(d.nsubst, 0);
	same_text(&d, s, n);
	decode_free(&d);
	free(g);
	free(s);
}

static void test_gb18030_short(void **state)
{
	static const char u[] = "你好，世界。\n";
	struct decoded d;
	size_t m;
	char *g = convert("GB18030", "UTF-8", u, sizeof u - 1, &m);

	(void)state;
	load_bytes("gb-short.txt", g, m, &d);
	assert_string_equal(d.encoding, "GB18030");
	same_text(&d, u, sizeof u - 1);
	decode_free(&d);
	free(g);
}

static void test_gb18030_invalid(void **state)
{
	struct sbuf in = { 0 }, want = { 0 };
	struct decoded d;
	size_t n, m1, m2, p;
	char *s = seed(&n), *g1, *g2;

	(void)state;
	p = boundary(s, n / 2);
	g1 = convert("GB18030", "UTF-8", s, p, &m1);
	g2 = convert("GB18030", "UTF-8", s + p, n - p, &m2);
	sbuf_add(&in, g1, m1);
	sbuf_addc(&in, (char)0xFF);
	sbuf_add(&in, g2, m2);
	sbuf_add(&want, s, p);
	sbuf_add(&want, FFFD, 3);
	sbuf_add(&want, s + p, n - p);
	load_bytes("gb-bad.txt", in.s, in.len, &d);
	assert_string_equal(d.encoding, "GB18030");
	same_text(&d, want.s, want.len);
	assert_int_equal(d.nsubst, 1);
	assert_int_equal(d.subst[0].offset, p);
	assert_int_equal(d.subst[0].nbytes, 1);
	assert_int_equal(d.subst[0].bytes[0], 0xFF);
	decode_free(&d);
	sbuf_free(&in);
	sbuf_free(&want);
	free(g1);
	free(g2);
	free(s);
}

static void test_utf8_damaged(void **state)
{
	/* what is injected, and the maximal subparts it must split into */
	static const struct {
		size_t at;
		const char *bytes;
		int nparts, part[2];
	} inj[] = {
		{ 1000, "\xFF", 1, { 1 } },
		{ 7000, "\xE4\xB8", 1, { 2 } },         /* truncated 3-byte */
		{ 15000, "\xC0\x80", 2, { 1, 1 } },     /* overlong NUL */
	};
	struct sbuf in = { 0 }, want = { 0 };
	struct decode_subst exp[4];
	struct decoded d;
	size_t n, prev = 0, p, nexp = 0, i;
	char *s = seed(&n);
	int j, off;

	(void)state;
	for (i = 0; i < 3; i++) {
		p = boundary(s, inj[i].at);
		sbuf_add(&in, s + prev, p - prev);
		sbuf_add(&want, s + prev, p - prev);
		sbuf_add(&in, inj[i].bytes, strlen(inj[i].bytes));
		for (j = 0, off = 0; j < inj[i].nparts; off += inj[i].part[j++]) {
			exp[nexp].offset = want.len;
			exp[nexp].nbytes = (unsigned char)inj[i].part[j];
			memcpy(exp[nexp++].bytes, inj[i].bytes + off, (size_t)inj[i].part[j]);
			sbuf_add(&want, FFFD, 3);
		}
		prev = p;
	}
	sbuf_add(&in, s + prev, n - prev);
	sbuf_add(&want, s + prev, n - prev);
	load_bytes("damaged.txt", in.s, in.len, &d);
	assert_string_equal(d.encoding, "UTF-8");
	same_text(&d, want.s, want.len);
	assert_int_equal(d.nsubst, nexp);
	for (i = 0; i < nexp; i++) {
		assert_int_equal(d.subst[i].offset, exp[i].offset);
		assert_int_equal(d.subst[i].nbytes, exp[i].nbytes);
		assert_memory_equal(d.subst[i].bytes, exp[i].bytes, exp[i].nbytes);
	}
	decode_free(&d);
	sbuf_free(&in);
	sbuf_free(&want);
	free(s);
}

static void test_maximal_subparts(void **state)
{
	/* Unicode 15 table 3-8, then overlong, surrogate, above U+10FFFF,
	 * overlong four-byte and a valid four-byte character; the BOM makes
	 * it UTF-8 */
	static const char in[] = "\xEF\xBB\xBF"
		"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"
		"\xE0\x80\x80" "\xED\xA0\x80" "\xF4\x90\x80\x80" "\xF0\x8F\xBF"
		"\xF0\x9F\x98\x80";
	static const char want[] = "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d"
		FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD
		"\xF0\x9F\x98\x80";
	static const unsigned char first[] = {
		0xF1, 0xE1, 0xC2, 0x80, 0x80, 0xBF, 0xE0, 0x80, 0x80,
		0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xF0, 0x8F, 0xBF,
	};
	static const unsigned char nbytes[] = {
		3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	};
	struct decoded d;
	const char *why;
	size_t i;

	(void)state;
	assert_int_equal(decode_bytes((const unsigned char *)in, sizeof in - 1, 1, &d, &why), 0);
	assert_string_equal(d.encoding, "UTF-8 with BOM");
	same_text(&d, want, sizeof want - 1);
	assert_int_equal(d.text[d.len], '\0');
	assert_int_equal(d.nsubst, sizeof first);
	for (i = 0; i < d.nsubst; i++) {
		assert_int_equal(d.subst[i].bytes[0], first[i]);
		assert_int_equal(d.subst[i].nbytes, nbytes[i]);
		assert_memory_equal(d.text + d.subst[i].offset, FFFD, 3);
		if (i)
			assert_true(d.subst[i].offset > d.subst[i - 1].offset);
	}
	assert_memory_equal(d.subst[0].bytes, "\xF1\x80\x80", 3);
	decode_free(&d);
}

/* The rule allows one invalid subpart per 10 valid multibyte sequences:
 * 15 CJK characters and a bad byte are damaged UTF-8, 9 and one GB18030. */
static void test_damaged_ratio(void **state)
{
	static const char ok[] = "今天天气很好，我们去公园\xFF散步。\n";
	static const char gb[] = "今天天气很好，我\xFF们\n";
	struct decoded d;
	const char *why;

	(void)state;
	assert_int_equal(decode_bytes((const unsigned char *)ok, sizeof ok - 1, 0, &d, &why), 0);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.nsubst, 1);
	assert_int_equal(d.subst[0].offset, 36);
	decode_free(&d);
	assert_int_equal(decode_bytes((const unsigned char *)gb, sizeof gb - 1, 0, &d, &why), 0);
	assert_string_equal(d.encoding, "GB18030");
	decode_free(&d);
}

static void test_line_ends_kept(void **state)
{
	static const char in[] = "第一行\r第二行\r\n第三行\n\n第四行";
	struct decoded d;

	(void)state;
	load_bytes("ends.txt", in, sizeof in - 1, &d);
	same_text(&d, in, sizeof in - 1);
	assert_int_equal(d.text[d.len - 1], "行"[2]);
	decode_free(&d);
}

static void test_nul_and_escapes(void **state)
{
	struct sbuf in = { 0 };
	struct decoded d;
	size_t n, i, p, prev = 0;
	char *s = seed(&n);

	(void)state;
	for (i = 1; i <= 5; i++) {
		p = boundary(s, i * n / 7);
		sbuf_add(&in, s + prev, p - prev);
		sbuf_addc(&in, '\0');
		if (i == 2)
			sbuf_add(&in, "\x1B]2;title\x07", 10);
		if (i == 4)
			sbuf_add(&in, "\x1B[1m", 4);
		prev = p;
	}
	sbuf_add(&in, s + prev, n - prev);
	load_bytes("nul.txt", in.s, in.len, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.nsubst, 0);
	same_text(&d, in.s, in.len);
	decode_free(&d);
	sbuf_free(&in);
	free(s);
}

static void test_empty(void **state)
{
	(void)state;
	spit(tmp_path("empty.txt"), "", 0);
	refused(tmp_path("empty.txt"), "empty file");
	spit(tmp_path("bom8.txt"), "\xEF\xBB\xBF", 3);
	refused(tmp_path("bom8.txt"), "empty file");
	spit(tmp_path("bom16.txt"), "\xFF\xFE", 2);
	refused(tmp_path("bom16.txt"), "empty file");
}

static void test_blank(void **state)
{
	static const char b[] = " \n\r\n\t\t\n\xE3\x80\x80\xE3\x80\x80\n\f  ";
	struct sbuf in = { 0 };
	struct decoded d;
	size_t m;
	char *u;

	(void)state;
	spit(tmp_path("blank.txt"), b, sizeof b - 1);
	refused(tmp_path("blank.txt"), "contains only blank lines");
	u = convert("UTF-16BE", "UTF-8", b, sizeof b - 1, &m);
	sbuf_add(&in, "\xFE\xFF", 2);
	sbuf_add(&in, u, m);
	spit(tmp_path("blank16.txt"), in.s, in.len);
	refused(tmp_path("blank16.txt"), "contains only blank lines");
	/* one visible character is enough */
	load_bytes("notblank.txt", " \n\xE3\x80\x80x\n", 7, &d);
	same_text(&d, " \n\xE3\x80\x80x\n", 7);
	decode_free(&d);
	sbuf_free(&in);
	free(u);
}

static void test_binary(void **state)
{
	unsigned char buf[65536];
	unsigned x = 12345;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof buf; i++) {
		x = x * 1103515245 + 12345;
		buf[i] = (unsigned char)(x >> 16);
	}
	memcpy(buf, "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16);
	spit(tmp_path("elf"), buf, sizeof buf);
	refused(tmp_path("elf"), "binary file (not text)");
	refused("/bin/true", "binary file (not text)");
	/* no magic: random bytes have too many control characters */
	memcpy(buf, "plain text start", 16);
	spit(tmp_path("random"), buf, sizeof buf);
	refused(tmp_path("random"), "binary file (not text)");
	/* 2.5% NULs and no other control is binary too */
	for (i = 0; i < sizeof buf; i++)
		buf[i] = i % 40 ? "abcdefgh"[i % 8] : '\0';
	spit(tmp_path("nuls"), buf, sizeof buf);
	refused(tmp_path("nuls"), "binary file (not text)");
	spit(tmp_path("gz"), "\x1F\x8B\x08\0hello", 9);
	refused(tmp_path("gz"), "binary file (not text)");
	/* a read, not mapped, endless stream of NULs is refused at once */
	refused("/dev/zero", "binary file (not text)");
}

/* A sparse file of 64 MB of NULs is refused from its first block: in a
 * child of its own, the peak memory of decoding it grows by far less than
 * the file (reading it whole would touch all 64 MB). */
static void test_binary_sparse(void **state)
{
	const size_t big = (size_t)64 << 20;
	struct rusage ru;
	long before;
	pid_t pid;
	int fd, status;

	(void)state;
	fd = open(tmp_path("sparse"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)big), 0);
	close(fd);
	refused(tmp_path("sparse"), "binary file (not text)");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct decoded d;
		struct error err;
		int rc;

		getrusage(RUSAGE_SELF, &ru);
		before = ru.ru_maxrss;
		rc = decode_file(tmp_path("sparse"), &d, &err);
		getrusage(RUSAGE_SELF, &ru);
		/* ru_maxrss is in KiB: allow 8 MB of growth for 64 MB. */
		_exit(rc == -1 && ru.ru_maxrss - before < 8 * 1024 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	unlink(tmp_path("sparse"));
}

static void test_missing(void **state)
{
	(void)state;
	refused(tmp_path("no-such-file.txt"), "No such file or directory");
}

static void test_directory(void **state)
{
	(void)state;
	refused(test_tmpdir(), "is a directory");
}

static void test_unreadable(void **state)
{
	const char *p = tmp_path("secret.txt");
	pid_t pid;
	int st;

	(void)state;
	/* /proc/self/mem opens but its read at offset 0 fails with EIO */
	refused("/proc/self/mem", "Input/output error");
	spit(p, "秘密\n", 7);
	assert_int_equal(chmod(p, 0), 0);
	if (geteuid() != 0) {
		refused(p, "Permission denied");
		return;
	}
	/* root reads anything: drop to nobody in a child to see EACCES */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct decoded d;
		struct error err = { 0 };

		if (setgid(65534) || setuid(65534))
			_exit(77);
		if (decode_file(p, &d, &err) == 0)
			_exit(1);
		_exit(strcmp(err.reason, "Permission denied") ? 2 : 0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) == 77)
		return;
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void test_fifo(void **state)
{
	const char *p = tmp_path("fifo");
	struct sbuf want = { 0 };
	struct decoded d;
	size_t n, i;
	char *s = seed(&n);
	pid_t pid;
	int st;

	(void)state;
	for (i = 0; i < 10; i++)        /* 200 KB: several reads */
		sbuf_add(&want, s, n);
	assert_int_equal(mkfifo(p, 0600), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(p, O_WRONLY);
		size_t off = 0;

		while (fd >= 0 && off < want.len) {
			ssize_t w = write(fd, want.s + off, want.len - off);

			if (w <= 0)
				_exit(1);
			off += (size_t)w;
		}
		_exit(fd < 0);
	}
	load(p, &d);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_string_equal(d.encoding, "UTF-8");
	assert_null(d.file.map);             /* read, not mapped */
	same_text(&d, want.s, want.len);
	decode_free(&d);
	sbuf_free(&want);
	free(s);
}

/* A file of exactly size bytes: read, used in place, with a terminator
 * after it. */
static void page_multiple(size_t size)
{
	char *buf = xmalloc(size);
	struct decoded d;
	size_t i;

	for (i = 0; i + 3 <= size; i += 3)
		memcpy(buf + i, "报", 3);
	memset(buf + i, 'x', size - i);
	load_bytes("page.txt", buf, size, &d);
	assert_null(d.file.map);
	assert_ptr_equal(d.text, d.file.data);
	assert_null(d.owned);
	same_text(&d, buf, size);
	assert_int_equal(strlen(d.text), size);
	decode_free(&d);
	free(buf);
}

static void test_page_multiple(void **state)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	(void)state;
	page_multiple(4096);
	page_multiple(2 * pg);
	page_multiple(pg - 1);
}

static void test_long_line(void **state)
{
	const size_t want = 8u << 20;
	struct sbuf in = { 0 };
	struct decoded d;
	size_t n, i;
	char *s = seed(&n);

	(void)state;
	for (i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r')
			s[i] = ' ';
	while (in.len < want)
		sbuf_add(&in, s, n);
	in.len = boundary(in.s, want);
	load_bytes("long.txt", in.s, in.len, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.nsubst, 0);
	same_text(&d, in.s, in.len);
	assert_true(d.len >= want && d.len < want + 3);
	assert_null(memchr(d.text, '\n', d.len));
	decode_free(&d);
	sbuf_free(&in);
	free(s);
}

static void test_free_zeroed(void **state)
{
	struct decoded d;

	(void)state;
	memset(&d, 0, sizeof d);
	decode_free(&d);
	decode_free(&d);
	decode_free(NULL);
	assert_null(d.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_utf8),
		cmocka_unit_test(test_bytes_keep),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_utf16be),
		cmocka_unit_test(test_utf16_invalid),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_gb18030_short),
		cmocka_unit_test(test_gb18030_invalid),
		cmocka_unit_test(test_utf8_damaged),
		cmocka_unit_test(test_maximal_subparts),
		cmocka_unit_test(test_damaged_ratio),
		cmocka_unit_test(test_line_ends_kept),
		cmocka_unit_test(test_nul_and_escapes),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_binary_sparse),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_page_multiple),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_free_zeroed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
