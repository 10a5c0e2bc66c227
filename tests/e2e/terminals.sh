#!/bin/sh
# terminals: several TERM values (drawing, ], q and the terminal restored
# on each), colours with xterm-256color and none with NO_COLOR.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/terminals.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# has_colour: a colour among the SGR sequences of the screen (the defaults,
# 39 and 49, are not colours).
has_colour() {
	snap_e
	printf '%s\n' "$SCREEN_E" | grep -o "${ESC}\[[0-9;]*m" | sed "s/^${ESC}\[//; s/m\$//" |
		tr ';' '\n' | grep -Eq '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

for term in xterm-256color tmux-256color screen linux vt100; do
	open_edition 80 24 "$term"
	check "TERM=$term: the reader draws the masthead, the headline, the status line" \
		has_all 同心圆 "创新“五大工程” 唱响“好声音”" "2020-11-11  1/8 宜兴市委统战部"
	keys ']'
	poll status_has " 2/8 "
	check "TERM=$term: ] works" has "兴化统一战线“暖心早茶”"
	m=$(modes)
	keys q
	wait_for EXITED
	check "TERM=$term: q exits with 0" has "EXITED 0"
	check "TERM=$term: after q the terminal is restored" restored "$m"
	stop
done

open_edition 80 24 xterm-256color ""
check "with colours (xterm-256color): colour SGR on screen" has_colour
stop
open_edition 80 24 xterm-256color 1
search_for 好声音
poll highlighted 好声音
check "NO_COLOR=1: the match is still highlighted" highlighted 好声音
check "NO_COLOR=1: no colour SGR on screen" both has "创新“五大工程”" -- not has_colour
stop
finish
