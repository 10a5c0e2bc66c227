#!/bin/sh
# resize: 80x24 -> 40x20 -> 120x40 -> 1x1 -> 80x24 keeps the reading
# position and fills each width; sizes below the minimum say so; q still
# exits cleanly afterwards.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/resize.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# same_top LINE: the top row is LINE, a paragraph's first line, in 1/8.
same_top() {
	row_is 1 "$1" && row_starts 1 "    打造思想建设工程" && status_has " 1/8 "
}

# widest: the widest line of the screen, in cells.
widest() {
	printf '%s\n' "$SCREEN" | wc -L
}

narrower_than() {
	[ "$(widest)" -le "$1" ]
}

widest_between() {
	_wd=$(widest)
	[ "$_wd" -ge "$1" ] && [ "$_wd" -le "$2" ]
}

# scroll_up_to TEXT: press k until the top row starts with TEXT.
scroll_up_to() {
	_n=0
	while [ "$_n" -lt 20 ]; do
		snap
		row_starts 1 "$1" && return 0
		_before=$(row 1)
		keys k
		poll not row_is 1 "$_before" || return 1
		_n=$((_n + 1))
	done
	return 1
}

resize() {
	tm resize-window -t "$S" -x "$1" -y "$2"
}

# resize_to W H: resize, and wait until the pane has that size.
resize_to() {
	resize "$1" "$2"
	poll size_is "$1" "$2"
}

# size_is W H: the pane is W x H.
size_is() {
	[ "$(display '#{pane_width}x#{pane_height}')" = "$1x$2" ]
}

open_edition
# Start mid-article: the first visible line is the start of a paragraph.
keys Space
wait_gone 讲诚信代代相传
check "page down, then k: the top line starts a paragraph (打造思想建设工程)" \
	scroll_up_to "    打造思想建设工程"
top80=$(row 1)

resize_to 40 20
poll status_has " 1/8 "
poll row_starts 1 "    打造思想建设工程"
check "at 40x20 the first visible paragraph is still at the top" row_starts 1 "    打造思想建设工程"
check "at 40x20 no line is wider than 40 cells" both status_has " 1/8 " -- narrower_than 40
check "at 40x20 the status line is the bottom row" row_starts 20 " 同心圆 2020-11-11  1/8"
check "at 40x20 the text is filled to the width (a line of 38 to 40 cells)" widest_between 38 40

resize_to 120 40
poll status_has " 1/8 "
wait_for 夏晓玲
check "at 120x40 the whole article fits: from the banner to the byline" \
	has_all 讲诚信代代相传 打造“搭合唱戏”工程 夏晓玲
check "at 120x40 the status line is the bottom row" row_starts 40 " 同心圆 2020-11-11  1/8"
check "at 120x40 lines are laid out to 120 columns" widest_between 110 120

resize_to 1 1
sleep "$GRACE"
check "at 1x1 the reader is still running" alive

resize_to 80 24
poll status_has " 1/8 "
poll row_is 1 "$top80"
check "back at 80x24: the same article and first line as before the resizes" \
	same_top "$top80"
stop

# A round trip through a size where the article does not fit whole.
open_edition
keys Space
wait_gone 讲诚信代代相传
scroll_up_to "    打造思想建设工程"
top80=$(row 1)
resize_to 40 20
resize_to 1 1
resize_to 80 24
poll row_is 1 "$top80"
check "80x24 -> 40x20 -> 1x1 -> 80x24 keeps the first line" same_top "$top80"

resize 30 2
wait_for "terminal too small"
check "at 30x2 it says terminal too small" row_is 1 "terminal too small"
resize 7 10
poll row_is 1 "termina"
check "at 7x10 it says what fits of terminal too small" row_is 1 "termina"
resize 80 24
poll status_has " 1/8 "
check "after the too-small sizes the article is back, the first line still on screen" \
	has_all "$top80" " 1/8 "
keys q
wait_for "EXITED"
check "after all the resizes q exits with 0" has "EXITED 0"
stop
finish
