#!/bin/sh
# archive: the reader over a directory of a few hundred editions: the
# first screen at once while the index is built in the background (its
# progress on the status line), } { :n :p by date, the editions list
# filtered by a date typed either way, the archive search finding a story
# in traditional characters from a simplified query, the archive's
# locality index with its counts and a story opened from it, a warm start
# seeing a file added since, q quitting while the indexing runs, and one
# edition alone saying it is no archive.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/archive.sh
# (GENARCHIVE_BIN, when set, is the synthetic-archive generator of make
# bench; the checks here need the archive below, written by awk.)
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

N=300
ARC=$TMPD/archive
# The special edition: the one story in traditional characters.
TRAD=2020-06-15

# The seed edition once per day from 2020-01-01, N days, in a directory per
# month, each with its date in its dateline and its file name; the phrase
# 爱国敬业 is 敬业奉献 in all but one, where it is 愛國敬業. A file that is
# no edition is skipped and counted.
mkdir -p "$ARC"
awk -v n="$N" -v dir="$ARC" -v trad="$TRAD" '
{ seed[NR] = $0 }
END {
	split("31 29 31 30 31 30 31 31 30 31 30 31", ml, " ")
	y = 2020; m = 1; d = 1
	for (i = 0; i < n; i++) {
		date = sprintf("%04d-%02d-%02d", y, m, d)
		sub_dir = sprintf("%s/%04d-%02d", dir, y, m)
		if (d == 1)
			system("mkdir -p " sub_dir)
		f = sprintf("%s/tongxinyuan-%s.txt", sub_dir, date)
		for (k = 1; k <= NR; k++) {
			line = seed[k]
			gsub(/2020年11月11日/, sprintf("%d年%d月%d日", y, m, d), line)
			if (date == trad)
				gsub(/爱国敬业/, "愛國敬業", line)
			else
				gsub(/爱国敬业/, "敬业奉献", line)
			print line > f
		}
		close(f)
		if (++d > ml[m]) { d = 1; if (++m > 12) { m = 1; y++ } }
	}
}' "$EDITION"
: >"$ARC/2020-01/empty.txt"

# The screen once every file of the archive is read into the index: no
# count of files on the status line (the search index may still be made,
# "indexing for search N/M": the search reads the text meanwhile).
indexed() {
	status_has "(" && ! last_row | grep -q 'indexing [0-9]'
}

# rows_with TEXT: how many rows of the screen show TEXT.
rows_with() {
	printf '%s\n' "$SCREEN" | grep -c -- "$1"
}

E2E_HOME=$TMPD/home1
start 100 30 xterm-256color '' "$ARC"
poll status_has "2020-01-01 (1/$N)"
check "the first edition is on screen at once, its date and place in the archive on the status line" \
	both status_has "2020-01-01 (1/$N)" -- has 同心圆
poll status_has indexing
check "the indexing's progress is on the status line while it runs" status_has "indexing "
keys j
poll status_has indexing
check "keys work while it runs" both status_has indexing -- status_has "(1/$N)"
poll -t 60 indexed
check "the files are all read (their count goes from the status line)" indexed

keys '}'
poll status_has "2020-01-02 (2/$N)"
check "} opens the next edition by date" status_has "2020-01-02 (2/$N)"
keys 3 '}'
poll status_has "2020-01-05 (5/$N)"
check "3} goes three editions on" status_has "2020-01-05 (5/$N)"
keys '{'
poll status_has "2020-01-04 (4/$N)"
check "{ opens the previous edition" status_has "2020-01-04 (4/$N)"
keys : n
poll status_has "2020-01-05 (5/$N)"
check ":n opens the next edition at once, with no Enter, as in less" \
	both status_has "2020-01-05 (5/$N)" -- not status_has ":n"
keys : p
poll status_has "2020-01-04 (4/$N)"
check ":p the previous one, at once too" status_has "2020-01-04 (4/$N)"
# Keys typed after :n are keys again, not text appended to the prompt.
keys : n : p : n
poll status_has "2020-01-05 (5/$N)"
check ":n:p:n goes on, back and on" both status_has "2020-01-05 (5/$N)" -- not status_has ":n:p"
keys : p
poll status_has "2020-01-04 (4/$N)"
keys '{' '{' '{' '{'
poll status_has "this is the first edition"
check "{ at the first edition says so" both status_has "this is the first edition" -- not has "EXITED"

# The position in each edition is its own.
keys '}' ']' ']'
poll status_has "(2/$N)" " 3/8 "
keys '}' '{'
poll status_has "(2/$N)"
check "an edition reopens at its own position (article 3)" status_has "(2/$N)" " 3/8 "

keys e
wait_for " Editions ($N; 1 file skipped"
check "e lists the editions and says how many files were skipped" \
	has_all " Editions ($N; 1 file skipped" "2020-01-01 Wed  同心圆  8 articles"
type_text 2020-03
poll has " filter: 2020-03"
check "typing 2020-03 filters the list to March's editions (a screenful of them)" \
	both test "$(rows_with '^2020-03-')" = 26 -- not has 2020-02-
keys C-u
type_text 2020年3月
poll has " filter: 2020年3月"
check "2020年3月 filters it the same" both test "$(rows_with '^2020-03-')" = 26 -- not has 2020-02-
keys C-u
type_text 2020年5月20日
poll has " filter: 2020年5月20日"
keys Enter
poll status_has "2020-05-20 ("
check "Enter opens the edition chosen" status_has "2020-05-20 (141/$N)"

keys F
poll status_has "search the archive:"
type_text 爱国敬业
keys Enter
wait_for "hit for 爱国敬业"
check "F finds the story in traditional characters from a simplified query, and only it" \
	both has " 1 hit for 爱国敬业 in the archive" -- has "$TRAD  宜兴市委统战部  创新“五大工程”" -- has 愛國敬業
check "the match is highlighted" highlighted 愛國敬業
keys Enter
poll status_has "$TRAD"
check "Enter opens the story at the match" \
	both status_has "$TRAD (167/$N)" " 1/8 " -- has 愛國敬業

keys L
wait_for " Localities of the archive"
check "L lists the archive's localities with their counts" \
	both has "靖江市（靖江）  $N" -- has 江苏省泰州市
type_text 靖江
poll has " filter: 靖江"
check "typing filters the localities" both has "靖江市（靖江）  $N" -- not has 兴化市
keys Enter
wait_for "靖江: $N stories, newest first"
check "Enter lists the locality's stories, newest first" \
	both row_starts 3 "2020-10-26  靖江“千里取经”" -- row_starts 4 "2020-10-25  靖江"
keys Down Enter
poll status_has "2020-10-25 ("
check "Enter opens the story" status_has "2020-10-25 ($((N - 1))/$N)" " 5/8 靖江"
keys l
wait_for " Localities:"
check "l is still the open edition's locality index" both has " Localities: type to filter" -- not has " $N"
keys Escape
keys q
poll has "EXITED"
check "q quits" has "EXITED 0"
stop

# A warm start (the same home and index): the archive listed from the
# index at once, the edition read last open; a file added since is in it
# once the directories are scanned, after the first screen.
sed 's/2020年11月11日/2020年12月31日/' "$EDITION" >"$ARC/2020-10/tongxinyuan-2020-12-31.txt"
start 100 30 xterm-256color '' "$ARC"
poll status_has "2020-10-25 ($((N - 1))/"
check "a warm start opens the edition read last, its place in the archive shown" \
	status_has "2020-10-25 ($((N - 1))/"
poll status_has "/$((N + 1)))"
check "a file added since the last run is counted in once the scan is done" \
	status_has "2020-10-25 ($((N - 1))/$((N + 1)))"
keys e
wait_for " Editions ($((N + 1)); 1 file skipped"
type_text 2020-12
poll has "2020-12-31 Thu"
check "e lists the added file" both has " Editions ($((N + 1)); 1 file skipped" -- has "2020-12-31 Thu"
keys C-u
keys Escape q
poll has "EXITED"
stop
rm "$ARC/2020-10/tongxinyuan-2020-12-31.txt"

# q while the indexing runs (a fresh cache: everything to read).
E2E_HOME=$TMPD/home2
start 100 30 xterm-256color '' "$ARC"
poll status_has indexing
m=$(modes)
keys q
poll -t "$SIGWAIT" has "EXITED"
check "q quits at once while the indexing runs, the terminal restored" \
	both has "EXITED 0" -- restored "$m"
stop

# The generator's archive (make check passes GENARCHIVE_BIN): ten papers,
# dates in file names, datelines or neither, some in traditional
# characters, three files that are no editions. Under the sanitizers and
# valgrind a smaller one (the checks hold at any size; reading 300 under
# valgrind was a third of its stage).
if [ "${READER_SANITIZED:-0}" = 1 ] || [ "${READER_VALGRIND:-0}" = 1 ]; then
	N=60
fi
if [ -n "${GENARCHIVE_BIN:-}" ] && [ -x "$GENARCHIVE_BIN" ] &&
	(cd "$TOP" && "$GENARCHIVE_BIN" "$TMPD/gen" "$N" >/dev/null); then
	E2E_HOME=$TMPD/home3
	start 100 30 xterm-256color '' "$TMPD/gen"
	poll status_has "/$((N + 2)))"
	check "genarchive: the first screen at once, the files not read yet counted in" \
		status_has "/$((N + 2)))"
	gen_indexed() {
		status_has "/$N)" && indexed
	}
	poll -t 60 gen_indexed
	check "genarchive: once indexed, the two binary files are skipped too" gen_indexed
	keys e
	wait_for " Editions ($N; 3 files skipped"
	check "genarchive: e says 3 files were skipped" has " Editions ($N; 3 files skipped"
	keys Escape
	# status_date, status_place: the date on the status line, and the
	# edition's place in the archive after it.
	status_date() {
		last_row | sed -n 's/.* \([0-9]\{4\}-[0-9][0-9]-[0-9][0-9]\) ([0-9]*\/.*/\1/p'
	}
	status_place() {
		last_row | sed -n 's/.* [0-9-]\{10\} (\([0-9]*\)\/.*/\1/p'
	}
	poll status_has "/$N)"
	prev=$(status_date) at=$(status_place) ordered=1
	for i in 1 2 3 4 5; do
		keys '}'
		poll status_has "($((at + i))/$N)"
		d=$(status_date)
		[ -n "$d" ] && ! expr "$d" '<' "$prev" >/dev/null || ordered=0
		prev=$d
	done
	check "genarchive: } goes through the editions in date order" test "$ordered" = 1
	stop
else
	echo "# genarchive: GENARCHIVE_BIN not set (make check sets it): its checks skipped"
fi

# One edition: the archive keys say there is none.
E2E_HOME=
open_edition
keys '}'
poll status_has "not an archive"
check "} over one edition says it is no archive" status_has "one edition is open, not an archive"
stop
finish
