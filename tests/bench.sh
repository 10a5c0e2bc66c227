#!/bin/sh
# Benchmark (not a test): how fast `reader --outline` reads big files, and
# how much memory it needs, with `wc -l` on the same file as the yardstick.
#
# Inputs are the bundled edition repeated in whole copies until the file is
# at least N MB (MB = 10^6 bytes; sizes from BENCH_SIZES, default "10 100").
# The page cache is warmed first, so this measures parsing, not the disk.
# Each time is the best of up to BENCH_RUNS runs (default 5; fewer when a
# command is slow), less the overhead of reading the clock itself. Peak RSS
# is GNU time's %M on one extra run that also warms the binary.
#
# How to read a line:
#   outline  10 MB  reader 0.061 s  164 MB/s  peak 31 MB (3.0x file)  | wc -l 0.012 s  ...  ratio 5.1x
# "ratio" is reader time / wc -l time. Targets: ratio within 5x, and peak
# RSS at most 1.5x the file size (issue 11); each is reported "target met" or
# "target missed" and never fails the run. The exit status is non-zero
# only when the reader (or wc) fails, or the benchmark cannot run at all.
#
# The terminal figures are for an 80x24 pseudo-terminal, or the size
# BENCH_TTY gives (BENCH_TTY=40x20). --lint is timed against --outline at
# BENCH_LINT_SIZE MB (default 100). The edition search (/) is timed at
# BENCH_SEARCH_SIZE MB (default 100).
#
# Usage: READER_BIN=/abs/path/reader [BENCH_SIZES="1 5"] [BENCH_RUNS=3] [BENCH_TTY=40x20] sh tests/bench.sh

EDITION=data/tongxinyuan-2020-11-11.txt
SIZES=${BENCH_SIZES:-10 100}
RUNS=${BENCH_RUNS:-5}
TTY=${BENCH_TTY:-80x24}
BUDGET_NS=5000000000     # stop repeating a command once its runs took this long
SPEED_TARGET=5           # reader time / wc -l time
MEMORY_TARGET=1.5        # reader peak RSS / file size

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -n "$READER_BIN" ] || die "READER_BIN is not set (run it with make bench)"
[ -x "$READER_BIN" ] || die "$READER_BIN is not an executable"
[ -r "$EDITION" ] || die "$EDITION not found (run it from the top of the tree)"
case $RUNS in '' | *[!0-9]* | 0) die "BENCH_RUNS must be a positive integer" ;; esac
case $TTY in [1-9]*x[1-9]*) ;; *) die "BENCH_TTY must be COLUMNSxROWS, such as 40x20, not '$TTY'" ;; esac
case ${TTY%x*}${TTY#*x} in *[!0-9]*) die "BENCH_TTY must be COLUMNSxROWS, such as 40x20, not '$TTY'" ;; esac
TTY_COLS=${TTY%x*} TTY_ROWS=${TTY#*x}
for s in $SIZES; do
	case $s in *[!0-9]* | 0) die "BENCH_SIZES must be positive whole MB counts, not '$s'" ;; esac
done
case $(date +%s%N) in *[!0-9]*) die "date +%s%N is not supported (GNU date needed)" ;; esac

tmp=$(mktemp -d) || die "mktemp -d failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

now() { date +%s%N; }

# The cost of reading the clock twice, best of a few; subtracted from times.
clock_ns=
for _ in 1 2 3 4 5; do
	a=$(now); b=$(now)
	d=$((b - a))
	[ -z "$clock_ns" ] || [ "$d" -lt "$clock_ns" ] && clock_ns=$d
done

# GNU time is optional: without it peak RSS is "n/a".
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/rss" true 2>/dev/null &&
	grep -q '^[0-9][0-9]*$' "$tmp/rss"; then
	gnu_time=/usr/bin/time
fi

# run_failed NAME: report a failed command with its stderr, then stop.
run_failed() {
	echo "bench: $1 failed (exit status $2):" >&2
	sed 's/^/  /' "$tmp/err" >&2
	exit 1
}

# best_time CMD...: run CMD (stdout discarded) up to RUNS times; sets best_ns.
best_time() {
	best_ns='' spent=0 n=0
	while [ "$n" -lt "$RUNS" ]; do
		a=$(now)
		"$@" >/dev/null 2>"$tmp/err"
		rc=$?
		b=$(now)
		[ "$rc" = 0 ] || run_failed "$1" "$rc"
		d=$((b - a - clock_ns))
		[ "$d" -gt 1000 ] || d=1000
		[ -z "$best_ns" ] || [ "$d" -lt "$best_ns" ] && best_ns=$d
		spent=$((spent + b - a))
		n=$((n + 1))
		[ "$spent" -lt "$BUDGET_NS" ] || break
	done
	runs_done=$n
}

# peak_rss CMD...: run CMD once under GNU time; sets rss_kb (empty: n/a).
# Without GNU time it still runs CMD once, as the warm-up run.
peak_rss() {
	rss_kb=
	if [ -n "$gnu_time" ]; then
		"$gnu_time" -f %M -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/err"
		rc=$?
		[ "$rc" = 0 ] || run_failed "$1" "$rc"
		rss_kb=$(tail -n 1 "$tmp/rss")
	else
		"$@" >/dev/null 2>"$tmp/err" || run_failed "$1" "$?"
	fi
}

# make_input MB: write $tmp/in-MB, the smallest number of whole copies of the
# edition that reaches MB * 10^6 bytes; sets input, input_bytes, copies.
# $tmp/base grows by doubling and is kept for the next (larger) size.
unit=$(wc -c <"$EDITION")
make_input() {
	want=$(($1 * 1000000))
	copies=$(((want + unit - 1) / unit))
	input_bytes=$((copies * unit))
	[ -f "$tmp/base" ] || cp "$EDITION" "$tmp/base"
	while [ "$(wc -c <"$tmp/base")" -lt "$input_bytes" ]; do
		if ! cat "$tmp/base" "$tmp/base" >"$tmp/next" || ! mv "$tmp/next" "$tmp/base"; then
			die "cannot write inputs in $tmp"
		fi
	done
	input=$tmp/in-$1
	head -c "$input_bytes" "$tmp/base" >"$input" || die "cannot write $input"
}

# bench_outline MB: reader --outline against wc -l on $input.
bench_outline() {
	peak_rss "$READER_BIN" --outline "$input"
	best_time "$READER_BIN" --outline "$input"
	reader_ns=$best_ns reader_runs=$runs_done
	best_time wc -l "$input"
	wc_ns=$best_ns
	awk -v mb="$1" -v bytes="$input_bytes" -v r="$reader_ns" -v w="$wc_ns" \
		-v kb="$rss_kb" -v st="$SPEED_TARGET" -v mt="$MEMORY_TARGET" -v runs="$reader_runs" -v maxruns="$RUNS" '
	BEGIN {
		ratio = r / w
		line = sprintf("outline %4d MB  reader %6.3f s %6.0f MB/s  ", mb, r / 1e9, bytes / r * 1e3)
		if (kb != "") {
			rss = kb * 1024
			line = line sprintf("peak %5.0f MB (%.1fx file)", rss / 1e6, rss / bytes)
		} else
			line = line "peak RSS: n/a          "
		line = line sprintf("  | wc -l %6.3f s %6.0f MB/s  ratio %.1fx", w / 1e9, bytes / w * 1e3, ratio)
		print line
		v = sprintf("%15s speed: target %s (%.2fx, target within %dx)", "",
			ratio <= st ? "met" : "missed", ratio, st)
		if (kb != "")
			v = v sprintf("  memory: target %s (%.2fx, target at most %.1fx)",
				rss <= mt * bytes ? "met" : "missed", rss / bytes, mt)
		else
			v = v "  memory: n/a (no GNU time)"
		if (runs < maxruns)
			v = v sprintf("  [reader: best of %d]", runs)
		print v
	}'
}

# bench_lint MB: reader --lint against reader --outline on the same files:
# $input (the bundled edition repeated: dense in findings, a few dozen per
# copy) and an ordinary file of the same size (indented articles of plain
# prose, a finding every few articles). Target (issue 13): --lint within
# 2x --outline. --lint exits 1 when it finds anything: that is no failure.
lint_ok() { "$READER_BIN" --lint "$1"; [ $? -le 1 ]; }
bench_lint() {
	LC_ALL=C awk -v want=$(($1 * 1000000)) 'BEGIN {
		for (i = 0; bytes < want; i++) {
			s = sprintf("第%d期 读书会在市图书馆举行\n\n　　本报讯 %d日上午，市图书馆举办第%d期读书会，一百多名读者参加。\n　　活动邀请了三位作家，与读者交流阅读体会，分享写作经验。\n　　主办方表示，今后将每月举办一次，欢迎市民参加。\n\n（记者 王明）\n\n", i, i % 28 + 1, i)
			printf "%s", s
			bytes += length(s)
		}
	}' >"$tmp/plain" || die "cannot write $tmp/plain"
	for f in "$input" "$tmp/plain"; do
		[ "$f" = "$input" ] && what="edition x$copies" || what="plain prose"
		best_time "$READER_BIN" --outline "$f"
		o_ns=$best_ns
		best_time lint_ok "$f"
		l_ns=$best_ns
		nf=$("$READER_BIN" --lint "$f" | tail -n 1 | cut -d' ' -f1)
		awk -v mb="$1" -v o="$o_ns" -v l="$l_ns" -v what="$what" -v nf="$nf" 'BEGIN {
			printf "lint    %4d MB  %-16s --lint %6.3f s  --outline %6.3f s  ratio %.2fx (%s findings)\n",
				mb, what, l / 1e9, o / 1e9, l / o, nf
			printf "%15s speed: target %s (%.2fx, target within 2x)\n", "",
				l <= 2 * o ? "met" : "missed", l / o
		}'
	done
	rm -f "$tmp/plain"
}

# bench_dump MB: reader --dump at 80 columns against the floor: a program
# that only calls u8_width_linebreaks on each line and writes the lines.
# Target: the full layout is no slower than the floor.
bench_dump() {
	[ -n "$FLOOR_BIN" ] && [ -x "$FLOOR_BIN" ] || {
		echo "dump: FLOOR_BIN not set (run it with make bench)"
		return
	}
	best_time "$READER_BIN" --dump --width 80 "$input"
	dump_ns=$best_ns
	best_time "$FLOOR_BIN" 80 "$input"
	floor_ns=$best_ns
	awk -v mb="$1" -v bytes="$input_bytes" -v r="$dump_ns" -v f="$floor_ns" '
	BEGIN {
		printf "dump    %4d MB  reader %6.3f s %6.0f MB/s  | floor (u8_width_linebreaks) %6.3f s %6.0f MB/s  ratio %.2fx\n",
			mb, r / 1e9, bytes / r * 1e3, f / 1e9, bytes / f * 1e3, r / f
		printf "%15s speed: target %s (%.2fx, target no slower than the floor)\n", "",
			r <= f ? "met" : "missed", r / f
	}'
	# Wall time on a shared machine is noisy; instruction counts are
	# not. callgrind counts both on 100 whole copies (2 MB).
	if command -v valgrind >/dev/null 2>&1; then
		head -c $((unit * 100)) "$input" >"$tmp/two"
		ri=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$READER_BIN" --dump \
			--width 80 "$tmp/two" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
		fi_=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$FLOOR_BIN" 80 \
			"$tmp/two" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
		awk -v r="$ri" -v f="$fi_" 'BEGIN {
			printf "%15s instructions (callgrind, 2 MB): reader %.1f M, floor %.1f M, ratio %.2fx\n",
				"", r / 1e6, f / 1e6, r / f
		}'
	fi
}

# pty_reader KEY [ARG...]: one run of the reader (with ARGs) on the
# edition in a TTY pty, KEY pressed 6 times.
pty_reader() {
	_key=$1
	shift
	# A home of its own: no saved position to reopen at.
	rm -rf "$tmp/home/.local"
	HOME=$tmp/home XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= \
		LANG=C.UTF-8 "$PTYBYTES_BIN" "$TTY_COLS" "$TTY_ROWS" 6 "$_key" "$READER_BIN" "$@" "$EDITION"
}

# tty_run PROG KEY: the median of 5 runs of PROG in a TTY pty, KEY
# pressed 6 times: "startup_ms first_screen_bytes bytes_per_key
# text_bytes_per_key". PROG: reader; reader-bare, the reader without its
# status line; less; less-laid, less on the text as the reader lays it out.
tty_run() {
	for _ in 1 2 3 4 5; do
		case $1 in
		reader) pty_reader "$2" ;;
		reader-bare) pty_reader "$2" --config "$tmp/bare.ini" ;;
		less) LANG=C.UTF-8 LESS= "$PTYBYTES_BIN" "$TTY_COLS" "$TTY_ROWS" 6 "$2" less "$EDITION" ;;
		less-laid) LANG=C.UTF-8 LESS= "$PTYBYTES_BIN" "$TTY_COLS" "$TTY_ROWS" 6 "$2" less "$tmp/laid" ;;
		esac
	done | sort -n -k 1 | sed -n 3p
}

# bench_terminal: the time to the first full screen and the bytes written
# to the terminal (80x24, or BENCH_TTY) per page down (Space) and per line
# down (j), for the reader and for less on the seed edition, in the same
# run (both in a pseudo-terminal, TERM=xterm-256color, C.UTF-8). Targets: the first
# screen within 2x less's time, no more bytes per key than less. Two more
# lines, for comparison only: less on the same lines as the reader shows
# (reader --dump --width COLUMNS), and the reader without its status line
# (the status line below the text makes curses scroll through a scroll
# region, and its percentage changes on most keys).
bench_terminal() {
	[ -n "$PTYBYTES_BIN" ] && [ -x "$PTYBYTES_BIN" ] || {
		echo "terminal: PTYBYTES_BIN not set (run it with make bench)"
		return
	}
	mkdir -p "$tmp/home"
	"$READER_BIN" --dump --width "$TTY_COLS" "$EDITION" >"$tmp/laid" 2>"$tmp/err" ||
		run_failed "$READER_BIN --dump" "$?"
	sed 's/^status_line = .*/status_line = false/' reader.ini >"$tmp/bare.ini" ||
		die "cannot write $tmp/bare.ini"
	for prog in reader less reader-bare less-laid; do
		tty_run "$prog" " " >"$tmp/tty-$prog"
		tty_run "$prog" j >"$tmp/tty-$prog-j"
	done
	read -r r_ms r_first r_page r_ptext <"$tmp/tty-reader"
	read -r l_ms l_first l_page l_ptext <"$tmp/tty-less"
	read -r _ _ r_line r_ltext <"$tmp/tty-reader-j"
	read -r _ _ l_line l_ltext <"$tmp/tty-less-j"
	awk -v tty="$TTY" -v rm="$r_ms" -v rf="$r_first" -v rp="$r_page" -v lm="$l_ms" -v lf="$l_first" -v lp="$l_page" \
	    -v rl="$r_line" -v ll="$l_line" -v rpt="$r_ptext" -v lpt="$l_ptext" -v rlt="$r_ltext" -v llt="$l_ltext" '
	BEGIN {
		printf "terminal %-6s first screen: reader %5.1f ms (%d bytes) | less %5.1f ms (%d bytes): %.2fx less, target within 2x: %s\n",
			tty, rm, rf, lm, lf, rm / lm, rm <= 2 * lm ? "met" : "missed"
		printf "%15s page down (Space): reader %6.0f bytes | less %6.0f bytes: %.2fx less, target no more: %s\n", "",
			rp, lp, rp / lp, rp <= lp ? "met" : "missed"
		printf "%15s line down (j):     reader %6.0f bytes | less %6.0f bytes: %.2fx less, target no more: %s\n", "",
			rl, ll, rl / ll, rl <= ll ? "met" : "missed"
		printf "%15s per byte of text shown: page down reader %.3f | less %.3f (%s); line down reader %.3f | less %.3f (%s)\n", "",
			rp / rpt, lp / lpt, rp / rpt <= lp / lpt ? "met" : "missed",
			rl / rlt, ll / llt, rl / rlt <= ll / llt ? "met" : "missed"
	}'
	for prog in less-laid reader-bare; do
		read -r _ _ page ptext <"$tmp/tty-$prog"
		read -r _ _ line ltext <"$tmp/tty-$prog-j"
		awk -v p="$prog" -v pg="$page" -v pt="$ptext" -v ln="$line" -v lt="$ltext" 'BEGIN {
			printf "%15s %-33s page down %6.0f bytes (%.3f per byte of text), line down %4.0f (%.3f)\n", "",
				p == "reader-bare" ? "reader without the status line:" : "less on the reader'"'"'s lines (--dump):",
				pg, pg / pt, ln, ln / lt
		}'
	done
}

echo "reader benchmark: $READER_BIN"
echo "inputs: $EDITION ($unit bytes) repeated whole until >= N MB; MB = 10^6 bytes"
printf 'times: best of up to %s runs, page cache warm, clock overhead (%s ms) subtracted\n' \
	"$RUNS" "$(awk -v c="$clock_ns" 'BEGIN { printf "%.2f", c / 1e6 }')"
if [ -n "$gnu_time" ]; then
	echo "peak RSS: GNU time %M (KiB), shown in MB"
else
	echo "peak RSS: n/a (install the Debian package 'time' for /usr/bin/time)"
fi
echo

# bench_shapes: the shapes of issue 11, with their targets (peak RSS at
# most 1.5x the file; a relayout after a resize under 100 ms, with no
# growth across resizes): --outline on BENCH_ARTICLES (default 1000000)
# short articles of 85 bytes, and the article view (bench-relayout: a
# 24-row view, six resizes, no terminal) on one line of BENCH_LINE_MB
# (default 200) MB.
bench_shapes() {
	arts=${BENCH_ARTICLES:-1000000}
	awk -v n="$arts" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "第%d条新闻标题\n\n　　很短的文章一句话，再加上几个字吧。\n\n", i
	}' >"$tmp/short" || die "cannot write $tmp/short"
	bytes=$(wc -c <"$tmp/short")
	peak_rss "$READER_BIN" --outline "$tmp/short"
	[ -n "$rss_kb" ] && awk -v n="$arts" -v b="$bytes" -v kb="$rss_kb" 'BEGIN {
		r = kb * 1024 / b
		printf "short   %d articles, %.0f MB: --outline peak %.0f MB (%.1fx file)  memory: target %s (1.5x)\n",
			n, b / 1e6, kb * 1024 / 1e6, r, r <= 1.5 ? "met" : "missed"
	}'
	rm -f "$tmp/short"
	bench_sparse
	[ -n "$RELAYOUT_BIN" ] && [ -x "$RELAYOUT_BIN" ] || {
		echo "line: RELAYOUT_BIN not set (run it with make bench)"
		return
	}
	printf '中文长行测试，没有换行。%.0s' $(seq 1000) >"$tmp/line"
	while [ "$(wc -c <"$tmp/line")" -lt $((${BENCH_LINE_MB:-200} * 1000000)) ]; do
		cat "$tmp/line" "$tmp/line" >"$tmp/next" && mv "$tmp/next" "$tmp/line" ||
			die "cannot write $tmp/line"
	done
	bytes=$(wc -c <"$tmp/line")
	echo "line    one line of $((bytes / 1000000)) MB in the article view (bench-relayout):"
	"$RELAYOUT_BIN" "$tmp/line" >"$tmp/out" 2>"$tmp/err" || run_failed "$RELAYOUT_BIN" "$?"
	sed 's/^/        /' "$tmp/out"
	awk -v b="$bytes" '/^slowest/ {
		ms = $3; after = $(NF - 4)
		printf "        relayout: target %s (%.1f ms, under 100 ms)  memory: target %s (%.2fx file, 1.5x)\n",
			ms < 100 ? "met" : "missed", ms, after * 1048576 <= 1.5 * b ? "met" : "missed",
			after * 1048576 / b
	}' "$tmp/out"
	rm -f "$tmp/line"
}

# bench_sparse: a sparse file of BENCH_SPARSE_MB (default 1024) MiB of
# NULs, which --outline must refuse as binary from its first block: the
# target is a peak within 16 MB of the reader's own on the seed edition
# (reading the file whole would take its size).
bench_sparse() {
	[ -n "$gnu_time" ] || {
		echo "sparse: n/a (no GNU time)"
		return
	}
	mb=${BENCH_SPARSE_MB:-1024}
	truncate -s "${mb}M" "$tmp/zeros" || die "cannot write $tmp/zeros"
	peak_rss "$READER_BIN" --outline "$EDITION"
	base_kb=$rss_kb
	a=$(now)
	"$gnu_time" -f %M -o "$tmp/rss" "$READER_BIN" --outline "$tmp/zeros" >/dev/null 2>"$tmp/err"
	rc=$?
	b=$(now)
	[ "$rc" = 1 ] && grep -q "binary file" "$tmp/err" || run_failed "$READER_BIN (refusing $tmp/zeros)" "$rc"
	awk -v mb="$mb" -v kb="$(tail -n 1 "$tmp/rss")" -v base="$base_kb" -v ns="$((b - a - clock_ns))" 'BEGIN {
		printf "sparse  %d MiB of NULs: refused as binary in %.3f s, peak %.0f MB (seed edition: %.0f MB)  memory: target %s (within 16 MB of it)\n",
			mb, ns / 1e9, kb * 1024 / 1e6, base * 1024 / 1e6, (kb - base) * 1024 <= 16e6 ? "met" : "missed"
	}'
	rm -f "$tmp/zeros"
}

# bench_search MB: the edition search (/) over all of $input without a
# terminal (bench-search): each query literal and as a regular expression,
# with the script kept (search_script = exact) and folded (either, the
# default: 國 finds 国), in CPU ms; the first search's time includes
# building OpenCC's table. No target: the figures are to compare.
bench_search() {
	[ -n "$SEARCH_BIN" ] && [ -x "$SEARCH_BIN" ] || {
		echo "search: SEARCH_BIN not set (run it with make bench)"
		return
	}
	echo "search  $1 MB: the edition search over the whole edition (bench-search, CPU time):"
	"$SEARCH_BIN" "$input" >"$tmp/out" 2>"$tmp/err" || run_failed "$SEARCH_BIN" "$?"
	sed 's/^/        /' "$tmp/out"
}

# shellcheck disable=SC2086 # split on purpose: the sizes are checked digits
for mb in $(printf '%s\n' $SIZES | sort -n | uniq); do
	make_input "$mb"
	cat "$input" >/dev/null
	bench_outline "$mb"
	[ "$mb" != "${BENCH_LINT_SIZE:-100}" ] || bench_lint "$mb"
	[ "$mb" != "${BENCH_DUMP_SIZE:-10}" ] || bench_dump "$mb"
	[ "$mb" != "${BENCH_SEARCH_SIZE:-100}" ] || bench_search "$mb"
	rm -f "$input"
done
bench_shapes
# bench_archive: issue 14's figures on a synthetic archive of
# BENCH_ARCHIVE (default 5000) editions of about 20 KB (genarchive, seed 1,
# kept in build/bench/ and written again only when missing or older than
# the generator), beside
# grep -rF over the same files, the page cache warm for both (every file
# read once first): the cold full index (reader --search with a fresh
# XDG_CACHE_HOME: scan, parse and store every edition, then search), the
# warm archive-wide search (the same again on that index), their peak RSS,
# and the time to the first screen of `reader DIR` in an 80x24 pty with the
# index warm (ptybytes, the median of 5). Targets: cold index within 2x
# grep -rF; search under 100 ms and within 1x grep -rF; peak RSS under
# 200 MB; first screen under 50 ms. What the reader does not do yet
# (--search unknown, a directory refused) is "n/a" with the reason.
bench_archive() {
	n=${BENCH_ARCHIVE:-5000} word=靖江
	case $n in '' | *[!0-9]* | 0) die "BENCH_ARCHIVE must be a positive number of editions" ;; esac
	[ -n "$GENARCHIVE_BIN" ] && [ -x "$GENARCHIVE_BIN" ] || {
		echo "archive: GENARCHIVE_BIN not set (run it with make bench)"
		return
	}
	dir=build/bench/archive-$n-1
	if [ ! -f "$dir.stamp" ] || [ "$GENARCHIVE_BIN" -nt "$dir.stamp" ]; then
		rm -rf "$dir" && mkdir -p build/bench || die "cannot write build/bench"
		"$GENARCHIVE_BIN" "$dir" "$n" 1 >"$tmp/gen" 2>"$tmp/err" || run_failed "$GENARCHIVE_BIN" "$?"
		mv "$tmp/gen" "$dir.stamp"
	fi
	bytes=$(find "$dir/" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	find "$dir/" -type f -exec cat {} + >/dev/null
	echo "archive $n editions, $((bytes / 1000000)) MB in $dir (genarchive $n 1); page cache warm"
	best_time grep -rF "$word" "$dir"
	grep_ns=$best_ns
	awk -v g="$grep_ns" -v word="$word" -v h="$(grep -rF "$word" "$dir" | wc -l)" \
		'BEGIN { printf "        grep -rF %s: %.3f s (%d lines)\n", word, g / 1e9, h }'

	# cold: each run with an index of its own, timed alone
	mkdir -p "$tmp/xdg" || die "cannot write $tmp"
	cold_ns='' cold_kb='' k=0 spent=0 why=
	while [ "$k" -lt "$RUNS" ] && [ "$spent" -lt "$BUDGET_NS" ]; do
		k=$((k + 1))
		mkdir "$tmp/xdg/$k"
		a=$(now)
		if [ -n "$gnu_time" ]; then
			XDG_CACHE_HOME=$tmp/xdg/$k "$gnu_time" -f %M -o "$tmp/rss" \
				"$READER_BIN" --search "$word" "$dir" >/dev/null 2>"$tmp/err"
		else
			XDG_CACHE_HOME=$tmp/xdg/$k "$READER_BIN" --search "$word" "$dir" >/dev/null 2>"$tmp/err"
		fi
		rc=$?
		b=$(now)
		if [ "$rc" != 0 ]; then
			why="reader --search: $(head -n 1 "$tmp/err") (exit status $rc)"
			break
		fi
		d=$((b - a - clock_ns)) spent=$((spent + b - a))
		[ -z "$cold_ns" ] || [ "$d" -lt "$cold_ns" ] && cold_ns=$d
		[ -n "$gnu_time" ] && kb=$(tail -n 1 "$tmp/rss") &&
			{ [ -z "$cold_kb" ] || [ "$kb" -gt "$cold_kb" ]; } && cold_kb=$kb
		[ "$k" = 1 ] || rm -rf "$tmp/xdg/$k"
	done
	if [ -n "$why" ]; then
		echo "        cold index: n/a ($why)"
		echo "        warm search: n/a (no index)"
	else
		# warm: the index of the first cold run
		peak_rss env XDG_CACHE_HOME="$tmp/xdg/1" "$READER_BIN" --search "$word" "$dir"
		warm_kb=$rss_kb
		best_time env XDG_CACHE_HOME="$tmp/xdg/1" "$READER_BIN" --search "$word" "$dir"
		warm_ns=$best_ns
		hits=$(XDG_CACHE_HOME=$tmp/xdg/1 "$READER_BIN" --search "$word" "$dir" 2>/dev/null | wc -l)
		awk -v c="$cold_ns" -v w="$warm_ns" -v g="$grep_ns" -v ck="$cold_kb" -v wk="$warm_kb" \
		    -v h="$hits" -v runs="$k" '
		function mem(kb) { return kb == "" ? "peak RSS n/a" : sprintf("peak %.0f MB", kb * 1024 / 1e6) }
		BEGIN {
			printf "        cold index (--search, fresh XDG_CACHE_HOME): %.3f s  %s  ratio %.1fx grep -rF  target within 2x: %s  [best of %d]\n",
				c / 1e9, mem(ck), c / g, c <= 2 * g ? "met" : "missed", runs
			printf "        warm search (--search on that index): %.1f ms  %s  ratio %.2fx grep -rF  (%d lines)\n",
				w / 1e6, mem(wk), w / g, h
			printf "        search: target %s (under 100 ms), target %s (within 1x grep -rF)\n",
				w < 1e8 ? "met" : "missed", w <= g ? "met" : "missed"
			if (ck != "" && wk != "")
				printf "        memory: target %s (%.0f MB at most, under 200 MB)\n",
					(ck > wk ? ck : wk) * 1024 < 200e6 ? "met" : "missed", (ck > wk ? ck : wk) * 1024 / 1e6
			else
				print "        memory: n/a (no GNU time)"
		}'
	fi

	# the first screen of the archive, the index warm when there is one
	[ -n "$PTYBYTES_BIN" ] && [ -x "$PTYBYTES_BIN" ] || {
		echo "        first screen: n/a (PTYBYTES_BIN not set: run it with make bench)"
		return
	}
	mkdir -p "$tmp/home"
	index="index warm"
	[ -z "$why" ] || index="index as the runs before left it, no --search to build it"
	[ -d "$tmp/xdg/1" ] || mkdir -p "$tmp/xdg/1"
	for _ in 1 2 3 4 5; do
		rm -rf "$tmp/home/.local"
		HOME=$tmp/home XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= XDG_CACHE_HOME=$tmp/xdg/1 \
			LANG=C.UTF-8 "$PTYBYTES_BIN" 80 24 1 " " "$READER_BIN" "$dir" 2>"$tmp/err" || break
	done >"$tmp/pty"
	if [ "$(wc -l <"$tmp/pty")" -lt 5 ]; then
		echo "        first screen (reader DIR, 80x24 pty): n/a ($(head -n 1 "$tmp/err"))"
	else
		sort -n -k 1 "$tmp/pty" | sed -n 3p | awk -v index_="$index" '{
			printf "        first screen (reader DIR, 80x24 pty, %s, no position): %.1f ms (%d bytes), median of 5  target %s (under 50 ms)\n",
				index_, $1, $2, $1 < 50 ? "met" : "missed"
		}'
	fi
	# again with a position held (one run that goes to the next edition
	# and quits first): the edition read last opens before the archive
	# is listed
	rm -rf "$tmp/home/.local"
	HOME=$tmp/home XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= XDG_CACHE_HOME=$tmp/xdg/1 \
		LANG=C.UTF-8 "$PTYBYTES_BIN" 80 24 1 "}q" "$READER_BIN" "$dir" >/dev/null 2>&1
	for _ in 1 2 3 4 5; do
		HOME=$tmp/home XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= XDG_CACHE_HOME=$tmp/xdg/1 \
			LANG=C.UTF-8 "$PTYBYTES_BIN" 80 24 1 " " "$READER_BIN" "$dir" 2>"$tmp/err" || break
	done >"$tmp/pty"
	if [ "$(wc -l <"$tmp/pty")" -ge 5 ]; then
		sort -n -k 1 "$tmp/pty" | sed -n 3p | awk -v index_="$index" '{
			printf "        first screen (reader DIR, 80x24 pty, %s, a position held): %.1f ms (%d bytes), median of 5  target %s (under 50 ms)\n",
				index_, $1, $2, $1 < 50 ? "met" : "missed"
		}'
	fi
	rm -rf "$tmp/xdg"
}

# bench_catalog: the catalogue's phases and searches on the same archive,
# through bench-catalog (tests/bench/catalog.c): the update (parse and
# store every edition), the text index apart, then searches of one to four
# characters (CPU-bound figures: best of 5 in one process), each with its
# number of hits. BENCH_CATALOG_OPTIONS=1 adds the other ways measured
# against the index (a scan of stored folded text in C and in SQL, FTS5's
# trigram tokenizer), which takes a minute more.
bench_catalog() {
	n=${BENCH_ARCHIVE:-5000}
	dir=build/bench/archive-$n-1
	[ -n "$CATALOG_BIN" ] && [ -x "$CATALOG_BIN" ] && [ -d "$dir" ] || {
		echo "catalogue: n/a (CATALOG_BIN not set or no archive: run it with make bench)"
		return
	}
	db=$tmp/catalog.sqlite
	rm -f "$db" "$db"-*
	echo "catalogue (bench-catalog) over $dir, cold:"
	"$CATALOG_BIN" index "$db" "$dir" 2>&1 | sed 's/^/        /'
	for q in 靖江 泰州市 千里取经 國; do
		"$CATALOG_BIN" search "$db" "$q" "$dir" 2>&1 | grep '^search' |
			sed "s/^search/        search $q:/"
	done
	if [ "${BENCH_CATALOG_OPTIONS:-0}" = 1 ]; then
		for q in 靖江 泰州市; do
			"$CATALOG_BIN" options "$db" "$q" "$dir" 2>&1 | grep '^options' |
				sed "s/^options: /        $q: /"
		done
	fi
	rm -f "$db" "$db"-*
}

if command -v less >/dev/null 2>&1; then
	bench_terminal
else
	echo "terminal: less is not installed; no comparison"
fi
bench_archive
bench_catalog
exit 0
