#!/bin/sh
# search-count: search that shows where you are. The status line counts
# the hits (hit 1/7), the current hit is drawn unlike the others, n moves
# the count on, "not found" repeats the pattern, the front matter is
# searched, /! and C-r search a regular expression, Up recalls the last
# search, Esc takes the highlight off.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/search-count.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# sgr_before TEXT N: the SGR sequence right before the Nth TEXT on screen.
sgr_before() {
	snap_e
	printf '%s\n' "$SCREEN_E" | grep -o "${ESC}\[[0-9;]*m$1" | sed -n "${2}p" | sed "s/$1\$//"
}

open_edition
search_for 好声音
poll status_has "hit 1/7"
check "the status line counts the hits: hit 1/7" status_has "hit 1/7"
first=$(sgr_before 好声音 1)
second=$(sgr_before 好声音 2)
check "the current hit is drawn unlike the other hits" \
	both test -n "$first" -- test -n "$second" -- test "$first" != "$second"
keys n
poll status_has "hit 2/7"
check "n moves on: hit 2/7" status_has "hit 2/7"
check "and the current hit moved with it" test "$(sgr_before 好声音 2)" = "$first"
keys N
poll status_has "hit 1/7"
check "N moves back: hit 1/7" status_has "hit 1/7"
keys Escape
poll not highlighted 好声音
check "Esc takes the highlight off" both not highlighted 好声音 -- lacks "hit 1/7"
keys n
poll status_has "hit 2/7"
check "n after Esc goes on, highlighted again" both highlighted 好声音 -- status_has "hit 2/7"

search_for 火星探测
poll status_has "not found"
check "not found repeats the pattern" status_has "not found: 火星探测"

# The masthead line is searched too (the status line also names it).
search_for 责任编辑
poll status_has "hit 1/1"
check "the front matter is searched (责任编辑 in the dateline)" \
	both status_has "hit 1/1" -- highlighted 责任编辑

# Up in the prompt: the last search again.
keys /
poll status_is "/"
keys Up
poll status_is "/责任编辑"
check "Up in the search prompt recalls the last search" status_is "/责任编辑"
keys Up
poll status_is "/火星探测"
check "Up again, the one before" status_is "/火星探测"
keys Down Down
poll status_is "/"
check "Down past the newest: what was typed" status_is "/"
keys C-r
poll status_has "regex /"
check "C-r in the prompt switches to a regular expression" status_has "regex /"
type_text '唱响.{6}好声音'
keys Enter
poll status_has "hit 1/"
check "the regular expression 唱响.{6}好声音 is searched: 5 hits" \
	both status_has "hit 1/5" -- highlighted "唱响“同心同向”好声音"
search_for '!唱响“(同心|共享)'
poll status_has "hit 1/2"
check "/! starts a regular expression too" status_has "hit 1/2"
search_for '!a('
poll status_has "bad regular expression"
check "a bad regular expression is named" status_has "bad regular expression"
stop
finish
