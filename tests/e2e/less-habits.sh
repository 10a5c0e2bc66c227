#!/bin/sh
# less-habits: what a less user types. Counts (5j, 3], 2 Space, 4g), 50%
# and 50p, = (file information), s (save the article), | (pipe it to a
# command), the one rule at an article's edge (j and k run on across
# articles as Space and b do), a number typed in the contents, and the
# mouse off by default (the terminal keeps its click-and-drag copying).
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/less-habits.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# top_row: the first row of the screen.
top_row() {
	row 1
}

# status_has_any TEXT...: the status line shows one of TEXT.
status_has_any() {
	for _s in "$@"; do status_has "$_s" && return 0; done
	return 1
}

open_edition
check "the mouse is not taken by default (no mouse mode)" test "$(display '#{mouse_any_flag}')" = 0
snap
before=$(top_row)
keys 5 j
poll not row_is 1 "$before"
snap
keys 5 k
poll row_is 1 "$before"
check "5j then 5k comes back to the same top line" row_is 1 "$before"
keys 3 ']'
poll status_has " 4/8 "
check "3] goes three articles on (4/8)" status_has " 4/8 "
keys 2 '['
poll status_has " 2/8 "
check "2[ goes two back (2/8)" status_has " 2/8 "
keys 7 g
poll status_has " 7/8 "
check "7g opens article 7" status_has " 7/8 "
keys g
keys 1 g
poll status_has " 1/8 "
keys 5 0 %
poll not status_has " 1/8 "
check "50% goes half-way into the edition (article 4 or 5)" status_has_any " 4/8 " " 5/8 "
keys 0 p
poll status_has " 1/8 "
check "0p goes back to the start" status_has " 1/8 "
keys 1 0 0 p
poll status_has " 8/8 "
check "100p goes to the end (8/8)" status_has " 8/8 "

# The one rule at an article's edge: k at the top of article 8 opens
# article 7 at its end; j at the bottom of 7 opens 8 at its headline.
keys g
keys k
poll status_has " 7/8 "
check "k past an article's top runs on into the one before" status_has " 7/8 "
keys G j
poll status_has " 8/8 "
check "j past an article's bottom runs on into the next" both status_has " 8/8 " -- has 基层统战服务为高校学子

keys 1 g =
poll has "bytes"
# The message wraps where the checkout's path makes it: read it whole.
check "= names the file, its encoding, size, date and place" \
	joined_has "tongxinyuan-2020-11-11.txt  UTF-8  20875 bytes  2020-11-11  article 1/8  source lines 14-"

keys s
poll status_has "save the article to:"
type_text "$TMPD/saved.txt"
keys Enter
poll status_has "saved the article"
check "s saves the article as text" grep -q 唱响“同心同向”好声音 "$TMPD/saved.txt"
keys s
poll status_has "save the article to:"
type_text "$TMPD/saved.txt"
keys Enter
poll status_has "File exists"
check "s never writes over a file" status_has "File exists"

keys '|'
poll status_is "|"
type_text "wc -l >$TMPD/piped.txt; echo PIPED-DONE"
keys Enter
poll has "press a key"
check "| runs the command on the terminal, then waits for a key" \
	both has "press a key" -- row_is 1 PIPED-DONE
keys Space
poll status_has " 1/8 "
check "a key brings the reader back" both status_has " 1/8 " -- lacks PIPED-DONE
check "the command read the article" test "$(cat "$TMPD/piped.txt")" -gt 5
keys '|'
poll status_is "|"
type_text "sleep 30"
keys Enter
poll lacks " 1/8 "
keys C-c
poll has "press a key"
check "C-c stops the command, not the reader" both has "press a key" -- alive
keys Space
poll status_has "exit status 130"
check "and the reader is back, saying how the command ended" status_has "sleep 30: exit status 130"

keys t
wait_for " Contents:"
keys 6
poll has "filter: 6"
keys Enter
poll status_has " 6/8 "
check "6 Enter in the contents opens article 6" status_has " 6/8 "
stop

open_with_settings "[display]
mouse = on"
check "mouse = on asks the terminal for the mouse" test "$(display '#{mouse_any_flag}')" = 1
stop
finish
