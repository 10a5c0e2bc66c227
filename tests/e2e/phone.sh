#!/bin/sh
# phone: the new commands on a phone-sized screen, 40x20 and 30x15: the
# hit count stays on the status line, = and the messages wrap rather than
# lose their end, the save prompt and the regex prompt show in full, and
# the contents take a number.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/phone.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# joined: the screen's rows joined by one space each (blanks squeezed), so
# that a message wrapped over rows can be looked for whole.
joined() {
	printf '%s\n' "$SCREEN" | tr '\n' ' ' | tr -s ' '
}
squeezed_has() {
	case $(joined) in *"$1"*) return 0 ;; esac
	return 1
}

for size in "40 20" "30 15"; do
	set -- $size
	start "$1" "$2" xterm-256color '' "$EDITION"
	poll status_has "1/8"
	search_for 好声音
	poll status_has "hit 1/7"
	check "${1}x$2: the hit count is on the status line" status_has "hit 1/7"
	keys n
	poll status_has "hit 2/7"
	check "${1}x$2: n moves it on" status_has "hit 2/7"
	keys =
	poll squeezed_has "source lines"
	check "${1}x$2: = wraps: the file, size, article and source lines all shown" \
		both squeezed_has "tongxinyuan" -- squeezed_has "20875 bytes" -- \
		squeezed_has "article 1/8" -- squeezed_has "source lines"
	keys Escape s
	poll squeezed_has "save the article to:"
	check "${1}x$2: the save prompt shows in full" squeezed_has "save the article to:"
	keys Escape /
	poll status_is "/"
	keys C-r
	poll status_has "regex /"
	check "${1}x$2: the regex prompt shows" status_has "regex /"
	keys Escape A
	poll squeezed_has "now take 2 cells"
	check "${1}x$2: the ambiguous-width message wraps whole" squeezed_has "now take 2 cells"
	keys A t
	poll has "Contents"
	keys 5 Enter
	poll status_has "5/8"
	check "${1}x$2: 5 Enter in the contents opens article 5" status_has "5/8"
	stop
done
finish
