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
keys q
wait_for EXITED
stop
finish
