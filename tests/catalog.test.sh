#!/bin/sh
# The command line over an archive: --search prints its hits as TSV, newest
# first; --outline and --json over a directory print the editions in date
# order (the datelines', not the names'); files that are not editions are
# reported on stderr one a line and counted, with exit status 1; and when
# the catalogue cannot be kept, one line says so and the output is the same.
# Every run has a cache of its own (XDG_CACHE_HOME), never the user's.
#   READER_BIN=$PWD/build/normal/reader sh tests/catalog.test.sh
cd "$(dirname "$0")/.." || exit 2
TOP=$PWD
READER=${READER_BIN:-$TOP/build/normal/reader}
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; printf '# got:  %s\n# want: %s\n' "$2" "$3"; fi; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/reader-catalog.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$HOME"

# The names say the opposite of the datelines: z is the oldest edition.
a=$tmp/arch
mkdir -p "$a/sub"
cp data/tongxinyuan-2020-11-11.txt "$a/a.txt"
cp tests/corpus/rmrb-2019-02-02-p01.txt "$a/sub/m.txt"
cp tests/corpus/apple-2015-05-05-g1.txt "$a/z.txt"
printf '\177ELF\000\000\000\001\002' >"$a/binary.txt"
: >"$a/empty.txt"

# --outline over the directory: date order, every article, skipped files.
"$READER" --outline "$a" >"$tmp/out" 2>"$tmp/err"
check "--outline DIR: exit status 1 for the files that are not editions" "$?" 1
check "--outline DIR: the header, then the editions oldest first" \
	"$(cut -f 1 "$tmp/out" | uniq | sed "s|$a/||" | tr '\n' ' ')" "edition z.txt sub/m.txt a.txt "
check "--outline DIR: every article (4 + 5 + 8)" "$(($(wc -l <"$tmp/out") - 1))" 17
check "--outline DIR: the header is --outline's" "$(head -n 1 "$tmp/out")" \
	"$("$READER" --outline data/tongxinyuan-2020-11-11.txt | head -n 1)"
check "--outline DIR: the bundled edition's rows are its own --outline's" \
	"$(grep "^$a/a.txt" "$tmp/out" | cut -f 2-)" \
	"$("$READER" --outline data/tongxinyuan-2020-11-11.txt | sed 1d | cut -f 2-)"
grep -q "^reader: $a/binary.txt: " "$tmp/err" && ok "skipped: the binary file named, with why" ||
	not_ok "skipped: the binary file named"
grep -q "^reader: $a/empty.txt: " "$tmp/err" && ok "skipped: the empty file named, with why" ||
	not_ok "skipped: the empty file named"
check "skipped: counted at the end" "$(tail -n 1 "$tmp/err")" "reader: 2 files are not editions"
check "skipped: nothing else on stderr" "$(wc -l <"$tmp/err")" 3
[ -f "$XDG_CACHE_HOME/reader/index.sqlite" ] && ok "the index is kept in \$XDG_CACHE_HOME/reader" ||
	not_ok "no index in $XDG_CACHE_HOME/reader"

# Several files: archive order too; a second run (warm) says the same.
"$READER" --outline "$a/a.txt" "$a/z.txt" >"$tmp/two" 2>"$tmp/err"
check "--outline FILE FILE: exit status 0" "$?" 0
check "--outline FILE FILE: in date order" "$(cut -f 1 "$tmp/two" | uniq | sed "s|$a/||" | tr '\n' ' ')" \
	"edition z.txt a.txt "
"$READER" --outline "$a" >"$tmp/warm" 2>/dev/null
cmp -s "$tmp/out" "$tmp/warm" && ok "--outline DIR: the same from the warm index" ||
	not_ok "--outline DIR: warm differs"

# --json over the directory: one array, in date order.
"$READER" --json "$a" 2>/dev/null >"$tmp/json"
check "--json DIR: an array of the three editions in date order" \
	"$(grep -o '"date": *"[0-9-]*"' "$tmp/json" | head -n 3 | tr -d ' "' | tr '\n' ' ')" \
	"date:2015-05-05 date:2019-02-02 date:2020-11-11 "
check "--json DIR: one array" "$(head -c 1 "$tmp/json")" "["
mkdir "$tmp/noed"
: >"$tmp/noed/e.txt"
"$READER" --json "$tmp/noed" >"$tmp/json" 2>/dev/null
check "--json DIR without editions: status 1" "$?" 1
check "--json DIR without editions: the empty array" "$(cat "$tmp/json")" "[]"

# --search: TSV, newest first, the matching paragraph and its line.
"$READER" --search 靖江 "$a" >"$tmp/hits" 2>"$tmp/err"
check "--search: exit status 1 (files that are not editions)" "$?" 1
check "--search: the header" "$(head -n 1 "$tmp/hits")" "$(printf 'edition\tdate\tarticle\tline\ttext')"
check "--search 靖江: the headline first, at its source line" \
	"$(sed -n 2p "$tmp/hits" | sed "s|$a/||")" \
	"$(printf 'a.txt\t2020-11-11\t5\t84\t靖江“千里取经”架设商会合作桥梁')"
check "--search 靖江: one row per match, as many as grep -o finds" \
	"$(($(wc -l <"$tmp/hits") - 1))" "$(grep -o 靖江 "$a/a.txt" | wc -l)"
"$READER" --search 國 "$a" >"$tmp/guo" 2>/dev/null
"$READER" --search 国 "$a" >"$tmp/guo2" 2>/dev/null
cmp -s "$tmp/guo" "$tmp/guo2" && ok "--search: 國 and 国 find the same" || not_ok "--search: 國 and 国 differ"
check "--search 國: the simplified editions too, newest first" \
	"$(cut -f 2 "$tmp/guo" | sed 1d | uniq | tr '\n' ' ')" "2020-11-11 2019-02-02 2015-05-05 "
"$READER" --search 'ＢＡＢＹ' "$a/z.txt" >"$tmp/w" 2>"$tmp/err"
check "--search FILE: exit status 0" "$?" 0
grep -q 'Baby' "$tmp/w" && ok "--search: full-width ＢＡＢＹ finds Baby" || not_ok "--search: width forms"
"$READER" --search 没有这样的话 "$a/a.txt" >"$tmp/none" 2>&1
check "--search with no hit: only the header" "$(cat "$tmp/none")" "$(printf 'edition\tdate\tarticle\tline\ttext')"
"$READER" --search 靖江 >/dev/null 2>"$tmp/err"
check "--search without files: a usage error" "$?" 2

# A tab in a paragraph is escaped as --outline escapes it.
mkdir "$tmp/tab"
printf '标题\n\n甲乙\t丙丁的一段。\n' >"$tmp/tab/t.txt"
"$READER" --search 丙丁 "$tmp/tab" >"$tmp/tabout" 2>/dev/null
check "--search: a tab in the text escaped" "$(sed -n 2p "$tmp/tabout" | cut -f 5)" '甲乙\t丙丁的一段。'

# No place for the index: said once, the same output.
XDG_CACHE_HOME=/dev/null/cache "$READER" --search 靖江 "$a" >"$tmp/noidx" 2>"$tmp/err"
cmp -s "$tmp/hits" "$tmp/noidx" && ok "no index: the same hits" || not_ok "no index: other hits"
check "no index: said once, before the skipped files" \
	"$(grep -c 'without an index' "$tmp/err")" 1
XDG_CACHE_HOME=/dev/null/cache "$READER" --outline "$a" >"$tmp/noidx" 2>/dev/null
cmp -s "$tmp/out" "$tmp/noidx" && ok "no index: the same outline" || not_ok "no index: another outline"

# The index cannot be written in full (a file size limit, as a full disk
# would do): the error said, every hit printed all the same, status 1.
# (Only the reader is limited, not the file its output goes to.)
mkdir "$tmp/big"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	cp data/tongxinyuan-2020-11-11.txt "$tmp/big/a$i.txt"
	cp tests/corpus/rmrb-2019-02-02-p01.txt "$tmp/big/m$i.txt"
done
XDG_CACHE_HOME=$tmp/bigc1 "$READER" --search 国 "$tmp/big" >"$tmp/bigref" 2>/dev/null
{ XDG_CACHE_HOME=$tmp/bigc2 sh -c 'trap "" XFSZ; ulimit -f 200; exec "$0" --search 国 "$1"' \
	"$READER" "$tmp/big" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | cat >"$tmp/bigout"
check "index not written: exit status 1" "$(cat "$tmp/rc")" 1
grep -q 'index.sqlite: ' "$tmp/err" && ok "index not written: the error said" ||
	not_ok "index not written: no error said"
check "index not written: every hit all the same" "$(cmp "$tmp/bigref" "$tmp/bigout" 2>&1)" ""
check "index not written: hits there" "$(($(wc -l <"$tmp/bigout") > 100))" 1

# The same when only the text index fails (the files were stored by an
# earlier run): the error said is the write's, not the rollback's.
XDG_CACHE_HOME=$tmp/bigc3 "$READER" --outline "$tmp/big" >/dev/null 2>&1
{ XDG_CACHE_HOME=$tmp/bigc3 sh -c 'trap "" XFSZ; ulimit -f 200; exec "$0" --search 国 "$1"' \
	"$READER" "$tmp/big" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | cat >"$tmp/bigout"
check "text index not written: exit status 1" "$(cat "$tmp/rc")" 1
check "text index not written: the write's error" "$(cat "$tmp/err")" \
	"reader: $tmp/bigc3/reader/index.sqlite: disk I/O error"
check "text index not written: every hit all the same" "$(cmp "$tmp/bigref" "$tmp/bigout" 2>&1)" ""

# Pages damaged inside a stored index (the header sound), before its text
# is indexed: the check after indexing finds it; every hit is printed all
# the same, and the next run makes the index anew.
XDG_CACHE_HOME=$tmp/bigc4 "$READER" --outline "$tmp/big" >/dev/null 2>&1
db=$tmp/bigc4/reader/index.sqlite
page=$(($(wc -c <"$db") / 2 / 4096))
for p in 0 1 2; do
	head -c 200 data/tongxinyuan-2020-11-11.txt |
		dd of="$db" bs=1 seek=$(((page + p) * 4096 + 100)) conv=notrunc 2>/dev/null
done
XDG_CACHE_HOME=$tmp/bigc4 "$READER" --search 国 "$tmp/big" >"$tmp/bigout" 2>"$tmp/err"
check "damaged pages: exit status 1" "$?" 1
check "damaged pages: said" "$(cat "$tmp/err")" \
	"reader: $tmp/bigc4/reader/index.sqlite: database disk image is malformed"
check "damaged pages: every hit all the same" "$(cmp "$tmp/bigref" "$tmp/bigout" 2>&1)" ""
XDG_CACHE_HOME=$tmp/bigc4 "$READER" --search 国 "$tmp/big" >"$tmp/bigout" 2>"$tmp/err"
check "damaged pages: the next run rebuilds, no error" "$?:$(cat "$tmp/err")" "0:"
check "damaged pages: the next run's hits the same" "$(cmp "$tmp/bigref" "$tmp/bigout" 2>&1)" ""

# A corrupt index is rebuilt, not trusted.
printf 'not a database at all %0500d' 0 >"$XDG_CACHE_HOME/reader/index.sqlite"
"$READER" --search 靖江 "$a" >"$tmp/again" 2>/dev/null
cmp -s "$tmp/hits" "$tmp/again" && ok "a corrupt index: rebuilt, the same hits" ||
	not_ok "a corrupt index: other hits"

echo "# passed $pass"
echo "# failed $fail"
[ "$fail" = 0 ]
