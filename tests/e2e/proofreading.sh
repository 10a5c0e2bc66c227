#!/bin/sh
# proofreading: the reader as a proofreader's tool. : goes to a source line
# of the file, through the joins the loader made (line 56 of the bundled
# edition continues the paragraph of line 54 across a column break).
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/proofreading.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

start 80 10 xterm-256color "" "$EDITION"
poll status_has " 1/8 "
keys :
poll status_has ":"
type_text 56
keys Enter
poll status_has " 3/8 "
check ":56 opens article 3 with the row holding line 56's first character (规, joined to line 54's 进一步) on top" \
	both status_has " 3/8 " -- row_has 1 "等措施,进一步规"
keys : 1 Enter
poll status_has "outside any article"
check ":1 (the masthead) is outside any article, and nothing moves" \
	both status_has "line 1 is outside any article" -- row_has 1 "等措施,进一步规"
keys : x Enter
poll status_has "not a line number"
check ":x is no line number" status_has "not a line number: x"
keys ]
poll status_has " 4/8 "
keys 5 6 :
poll status_has " 3/8 "
check "56: (a count) goes to line 56 without a prompt" \
	both status_has " 3/8 " -- row_has 1 "等措施,进一步规"

# P: the gutter with source line numbers (only where the line changes),
# the text laid out narrower beside it.
keys P
poll status_has "proofreading:"
check "P: the status line counts the findings and names > and <" \
	status_has "proofreading: 53 findings (> and < go through them)"
check "P: the gutter numbers the rows where their source line changes (54, then 56)" \
	both row_starts 1 "  54 谈制度" -- row_starts 2 "     等措施" -- row_starts 3 "  56 性和"
keys '>'
poll has "join:"
check "> goes to the next finding, the join of line 54: its seam on the top row, its kind on the status line" \
	both has "19/53 54:118 join: the paragraph continues at line 56" -- \
	row_starts 1 "  54 等措施,进一步规范"
keys '>'
poll has "halfwidth-punctuation"
check "> again: the next finding, in the next paragraph" \
	both has "20/53 58:7 halfwidth-punctuation:" -- row_starts 1 "  58 "
keys '<'
poll has "join:"
check "< goes back to the join" has "19/53 54:118 join:"
snap_e
check "the seam is highlighted: 步 and 规, the two characters where line 54 meets line 56" \
	eval 'case $SCREEN_E in *"进一$ESC["*"步规$ESC["*) true ;; *) false ;; esac'
keys 2 0 '<'
poll has "1/53 14:8"
check "20< stops at the first finding, in article 1" both has "1/53 14:8" -- row_starts 1 "  14 "
keys '<'
poll status_has "no findings before this"
check "< before the first finding says there is none" status_has "no findings before this"
keys P
poll lacks "  54 "
check "P again: no gutter" not row_starts 1 "  5"
keys q
wait_for EXITED
check "q quits" has "EXITED 0"
stop
finish
