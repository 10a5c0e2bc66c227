#!/bin/sh
# The message catalogues: po/reader.pot holds exactly the strings the
# sources mark for translation (make pot regenerates it), and every
# translation is complete, not fuzzy, and keeps the format specifiers of
# the original (msgfmt --check).
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The msgids of a catalogue, one per line, in order.
msgids() {
	msgcat --no-wrap --sort-output "$1" 2>/dev/null | sed -n 's/^msgid //p; s/^msgid_plural //p'
}

xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	--no-location --sort-output -o "$tmp/now.pot" \
	$(find src -name '*.c' | sort) 2>"$tmp/err" || { cat "$tmp/err"; not_ok "xgettext runs"; }
msgids po/reader.pot > "$tmp/pot.ids"
msgids "$tmp/now.pot" > "$tmp/now.ids"
if cmp -s "$tmp/pot.ids" "$tmp/now.ids"; then
	ok "po/reader.pot has exactly the strings marked in src/ ($(wc -l < "$tmp/now.ids") msgids)"
else
	diff "$tmp/pot.ids" "$tmp/now.ids" | sed 's/^/# /' | head -20
	not_ok "po/reader.pot is out of date: run make pot"
fi

for po in po/*.po; do
	l=$(basename "$po" .po)
	if msgfmt --check -o /dev/null "$po" 2>"$tmp/err"; then
		ok "$l: msgfmt --check (format specifiers, header, plural forms)"
	else
		sed 's/^/# /' "$tmp/err"; not_ok "$l: msgfmt --check"
	fi
	n=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ')
	[ "$n" = 0 ] && ok "$l: nothing fuzzy" || not_ok "$l: $n fuzzy messages"
	n=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ')
	[ "$n" = 0 ] && ok "$l: nothing untranslated" || not_ok "$l: $n untranslated messages"
	if msgcmp --use-untranslated "$po" po/reader.pot 2>"$tmp/err"; then
		ok "$l: every string of reader.pot is in $po"
	else
		sed 's/^/# /' "$tmp/err" | head; not_ok "$l: strings of reader.pot missing from $po"
	fi
done
echo "# passed $pass"
echo "# failed $fail"
[ "$fail" = 0 ]
