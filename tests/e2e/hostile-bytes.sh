#!/bin/sh
# hostile-bytes: escape sequences, BEL and DEL in the text are shown as
# marks, drawn in reverse, and never sent to the terminal.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/hostile-bytes.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

title_is() {
	[ "$(display '#{pane_title}')" = "$1" ]
}

fx=$TMPD/escapes.txt
{
	printf '同心圆\n\n2020年11月11日 星期三\n\n靖江:\n\n控制字符测试\n\n'
	printf '第一段开头\033]2;pwned\007中间\033[2J结尾,铃声\007删除\177完。\n\n'
	printf '第二段正常文字。\n\n张三\n'
} >"$fx"
start 80 24 xterm-256color "" "$fx"
wait_for 控制字符测试
poll status_has " 1/1 "
check "an edition with escape sequences opens" has_all 同心圆 控制字符测试 第二段正常文字
check "ESC and BEL are shown as marks: ␛]2;pwned␇" has "␛]2;pwned␇"
check "the clear-screen sequence is shown as ␛[2J" has "␛[2J结尾"
check "DEL is shown as ␡" has "删除␡完"
check "the pane title was not changed by the text (still 'before')" \
	both alive -- has "␛]2;pwned␇" -- title_is before
check "the screen was not cleared: the lines above the paragraph are there" \
	row_is 1 "                                     同心圆"
check "the marks are drawn in reverse" highlighted "␛"
stop
finish
