#!/bin/sh
# open-and-page: opening the bundled edition (front matter, headline, the
# status line), paging within an article, moving between articles.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/open-and-page.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# shows_top_not TEXT: the reader shows the top of the first article, and
# not TEXT.
shows_top_not() {
	has 讲诚信代代相传 && lacks "$1"
}

differ() {
	[ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]
}

percent() {
	last_row | sed -n 's/.* \([0-9]*\)%$/\1/p'
}

start 80 24 xterm-256color ""   # no FILE: the bundled edition
wait_for 讲诚信代代相传 同心圆
check "open shows the banner and the masthead" has_all 讲诚信代代相传 同心圆 电话: 025-58683751
check "open shows the masthead centred on its own line" row_is 3 "                                     同心圆"
check "open shows the kicker and the first headline" \
	has_all "宜兴市委统战部:" "创新“五大工程” 唱响“好声音”"
poll status_has " 1/8 宜兴市委统战部"
check "open: the status line shows the edition, 1/8 and the locality" \
	status_has " 同心圆 2020-11-11 " " 1/8 " 宜兴市委统战部 %
check "open: the status line is the bottom row" row_starts 24 " 同心圆 2020-11-11"
stop

# Paging.
open_edition
p0=$(percent)
check "before paging the end of the article is not shown" shows_top_not 典型示范
keys Space
wait_for 典型示范
p1=$(percent)
check "page down shows later text (打造“典型示范”工程)" has 打造“典型示范”工程
check "page down: the banner has scrolled away" both has 典型示范 -- lacks 讲诚信代代相传
check "page down changes the percentage ($p0% -> $p1%)" differ "$p0" "$p1"
keys b
wait_for 讲诚信代代相传
check "b pages back up to the banner" has_all 讲诚信代代相传 "创新“五大工程”"
keys G
wait_for 夏晓玲
check "G goes to the bottom: the byline, 100%" status_has "100%"
keys g
wait_for 讲诚信代代相传
check "g goes back to the top" row_starts 1 "                                 讲诚信代代相传"
keys Space Space
poll status_has " 2/8 "
check "page down past the end opens the next article" \
	has "兴化统一战线“暖心早茶” 搭出政企沟通平台"
keys x
poll status_has "no such key"
check "an unbound key says so on the status line" status_has " x: no such key (h for help)"
stop

# Between articles.
open_edition
keys ']'
poll status_has " 2/8 "
check "] opens the next article: 2/8, 兴化" status_has " 2/8 兴化"
check "] shows the 兴化统一战线 headline at the top" \
	row_is 1 "                    兴化统一战线“暖心早茶” 搭出政企沟通平台"
keys '['
poll status_has " 1/8 "
check "[ goes back to 1/8 and the front page" has_all 讲诚信代代相传 "创新“五大工程” 唱响“好声音”"
keys '['
poll status_has "first article"
check "[ on the first article says so" status_has " this is the first article"
keys Right Right
poll status_has " 3/8 "
check "Right twice: 3/8 苏州市吴中区" has "创新统战工作机制 集智建言显成效"
keys Left
poll status_has " 2/8 "
check "Left: back to 2/8" has "兴化统一战线“暖心早茶”"
stop
finish
