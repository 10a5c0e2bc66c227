#!/bin/sh
# chinese: the interface in Chinese under LANG=zh_CN.UTF-8, at 80x24 and
# at 40x20: the help, the status line, a prompt, the list titles, a
# message longer than the screen is wide, errors on stderr; every one in
# full (nothing cut at 40 columns); C.UTF-8 stays English, LANGUAGE
# works, and the machine-readable outputs do not change with the locale.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/chinese.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

if ! locale -a 2>/dev/null | grep -qx 'zh_CN.utf8'; then
	not_ok "the locale zh_CN.UTF-8 exists (make deps creates it with localedef)"
	finish
fi

# row_ends N TEXT: row N ends with TEXT (trailing blanks aside).
row_ends() {
	case $(row "$1" | sed 's/ *$//') in *"$2") return 0 ;; esac
	return 1
}

# zh COMMAND...: run the reader's binary in zh_CN.UTF-8, stderr to stdout.
zh() {
	env LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 HOME="$TMPD" "$READER_BIN" "$@" 2>&1
}

E2E_LANG=zh_CN.UTF-8

# 80x24.
open_edition
keys h
wait_for " 帮助："
check "80x24: h opens a Chinese help, titled with the keys as typed" \
	row_starts 1 " 帮助：按键与设置（q 或 Esc 关闭）"
check "80x24: the help lists the actions in Chinese, with their keys" \
	has_all "Space f PgDn" 向下翻页 "] Right" 下一篇 "[ Left" 上一篇 地区索引 向下搜索 书签 退出
keys q
wait_gone " 帮助："
keys '['
poll status_has 已经是第一篇
check "80x24: a Chinese message on the status line, the percent in its place" \
	both status_has " 已经是第一篇" -- row_ends 24 "%"
keys /
poll status_is "/"
type_text 好声音
poll status_is "/好声音"
check "80x24: the search prompt takes CJK input" status_is "/好声音"
keys Escape m
poll status_has "备注"
check "80x24: the note prompt in Chinese, whole" status_is "备注（直接按 Enter 不加）："
keys Escape t
wait_for " 目录："
check "80x24: the contents are titled in Chinese" row_is 1 " 目录：输入文字筛选，Enter 跳转，Esc 关闭"
keys Escape l
wait_for " 地区索引："
check "80x24: the locality index is titled in Chinese, with its filter line" \
	both row_is 1 " 地区索引：输入文字筛选，Enter 跳转，Esc 关闭" -- row_is 2 " 筛选："
keys Escape x
poll status_has "未绑定的按键"
check "80x24: an unbound key, in Chinese" status_has " x：未绑定的按键（按 h 查看帮助）"
stop

# 40x20, with a bookmark file whose two lines do not parse: the message
# naming them is wider than the screen.
E2E_HOME=$TMPD/zh-home
mkdir -p "$E2E_HOME/.local/share/reader"
printf 'not a bookmark\nnor this\n' >"$E2E_HOME/.local/share/reader/bookmarks"
start 40 20 xterm-256color '' "$EDITION"
poll joined_has "可列出）"
check "40x20: a message wider than the screen takes the rows it needs, whole" \
	joined_has "$E2E_HOME/.local/share/reader/bookmarks:1: 应有 9 个以制表符分隔的字段，实有 1 个（另有 1 行；reader --bookmarks 可列出）"
check "40x20: under a long message the percent keeps its place" row_ends 20 "%"
keys '['
poll status_has 已经是第一篇
check "40x20: the status line after the message: the article's fields again" \
	both status_has " 已经是第一篇" -- row_ends 20 "%" -- not joined_has "可列出）"
keys h
wait_for " 帮助："
check "40x20: the help's title is whole" row_starts 1 " 帮助：按键与设置（q 或 Esc 关闭）"
check "40x20: help lines wider than the screen go on below, whole" \
	joined_has "l 地区索引（输入文字筛选）" "t 目录（输入文字筛选）" "/ 向下搜索（往文末方向）"
keys NPage NPage NPage NPage NPage NPage NPage NPage NPage
poll joined_has "[files] editions ="
check "40x20: the settings with their help in Chinese, whole" \
	joined_has "[files] bookmarks =" "书签文件（留空：\$XDG_DATA_HOME/reader/bookmarks）" \
	"加书签后报纸文件被移走时到这些目录中查找，不给文件时作为报纸库打开，用 ':' 分隔"
keys q
wait_gone " 帮助："
keys m
poll joined_has "备注（直接按 Enter 不加）："
type_text 测试
poll row_is 20 "测试"
check "40x20: a prompt wider than the screen: the lead whole, the text on its own row" \
	both joined_has "备注（直接按 Enter 不加）：" -- row_ends 19 "：" -- row_is 20 "测试"
keys Escape t
wait_for " 目录："
check "40x20: the contents' title wraps, whole" \
	joined_has " 目录：输入文字筛选，Enter 跳转，Esc 关闭"
keys Escape l
wait_for " 地区索引："
check "40x20: the locality index's title wraps, whole, over its filter line" \
	both joined_has " 地区索引：输入文字筛选，Enter 跳转，Esc 关闭 筛选：" -- row_is 3 " 筛选："
keys Escape "'"
wait_for " 书签："
check "40x20: the bookmarks' title and the empty list, whole" \
	joined_has " 书签：Enter 跳转，d 删除，e 编辑备注，Esc 关闭" "（还没有书签：按 m 给文章加书签）"
stop
E2E_HOME=

# Errors on stderr: translated reasons, in the usual shapes.
out=$(zh /nonexistent)
check "an error names the file, then the reason in Chinese" \
	test "$out" = "reader: /nonexistent: 没有那个文件或目录"
: >"$TMPD/empty.txt"
out=$(zh "$TMPD/empty.txt")
check "an empty edition: 'reader: PATH: reason' in Chinese" test "$out" = "reader: $TMPD/empty.txt: 空文件"
printf '[display]\nwidth = banana\n' >"$TMPD/bad.ini"
out=$(zh --config "$TMPD/bad.ini" --outline "$EDITION")
check "a settings error: 'reader: FILE:LINE: reason' in Chinese" \
	test "$out" = "reader: $TMPD/bad.ini:2: width：不是数字"
out=$(zh --nope)
check "a usage error in Chinese" test "$out" = "reader: 未知选项 '--nope'
运行 'reader --help' 查看更多信息。"
out=$(env LANGUAGE=zh_TW LC_ALL=zh_CN.UTF-8 "$READER_BIN" --nope 2>&1)
check "LANGUAGE=zh_TW picks the traditional catalogue" test "$out" = "reader: 未知選項 '--nope'
執行 'reader --help' 檢視更多資訊。"
out=$(env LC_ALL=C.UTF-8 "$READER_BIN" --nope 2>&1)
check "C.UTF-8 stays English" test "$out" = "reader: unknown option '--nope'
Try 'reader --help' for more information."

# Machine-readable outputs are the same in every language.
for opt in --outline --json; do
	zh "$opt" "$EDITION" >"$TMPD/zh.out"
	env LC_ALL=C.UTF-8 HOME="$TMPD" "$READER_BIN" "$opt" "$EDITION" >"$TMPD/c.out" 2>&1
	check "$opt is the same in zh_CN.UTF-8 as in C.UTF-8" cmp -s "$TMPD/zh.out" "$TMPD/c.out"
done

# C.UTF-8 in the terminal: English.
E2E_LANG=
open_edition
keys h
wait_for " Help:"
check "C.UTF-8: the help is English" both row_starts 1 " Help: keys and settings" -- has "page down"
stop
finish
