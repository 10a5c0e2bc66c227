#!/bin/sh
# The manuals: man/reader.1 and its translation man/zh_CN/reader.1 are
# mandoc -Tlint clean, and kept in step: the same date, the same number of
# sections and subsections, and the same .It lines (every option, key
# binding, setting, variable, file and exit status, which are names, not
# prose). test_options checks that both name every option of --help,
# every setting of the table and every action with its default keys.
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
en=man/reader.1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
grep '^\.It' "$en" >"$tmp/en.it"

for page in man/reader.1 man/zh_CN/*.1; do
	if out=$(mandoc -Tlint -W warning "$page" 2>&1) && [ -z "$out" ]; then
		ok "$page: mandoc -Tlint is clean"
	else
		printf '%s\n' "$out" | sed 's/^/# /'
		not_ok "$page: mandoc -Tlint"
	fi
	[ "$page" = "$en" ] && continue
	for m in Dd Sh Ss; do
		a=$(grep -c "^\\.$m\\b" "$en") b=$(grep -c "^\\.$m\\b" "$page")
		if [ "$m" = Dd ]; then
			a=$(grep '^\.Dd' "$en") b=$(grep '^\.Dd' "$page")
		fi
		[ "$a" = "$b" ] && ok "$page: .$m as in $en ($b)" ||
			not_ok "$page: .$m: $b, $en: $a"
	done
	grep '^\.It' "$page" >"$tmp/it"
	if diff "$tmp/en.it" "$tmp/it" >"$tmp/diff"; then
		ok "$page: the same .It lines as $en (options, keys, settings, files)"
	else
		sed 's/^/# /' "$tmp/diff"
		not_ok "$page: .It lines differ from $en"
	fi
done
echo "# passed $pass"
echo "# failed $fail"
[ "$fail" = 0 ]
