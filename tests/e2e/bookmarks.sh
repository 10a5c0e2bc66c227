#!/bin/sh
# bookmarks: a home shared by several runs: bookmark two stories, quit,
# list them with --bookmarks, reopen where the reader was, jump with ' and
# Enter, delete one.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/bookmarks.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

E2E_HOME=$TMPD/bookmarks-home

# list_bookmarks: what reader --bookmarks prints with the shared home.
list_bookmarks() {
	HOME=$E2E_HOME XDG_DATA_HOME='' XDG_STATE_HOME='' XDG_CONFIG_HOME='' "$READER_BIN" --bookmarks 2>&1
}

open_edition
keys ']'
poll status_has " 2/8 "
keys m
poll status_has "note"
type_text 早茶好文
keys Enter
poll status_has bookmarked
check "m then a note bookmarks the story" status_has bookmarked
keys ']' ']' j j j
poll status_has " 4/8 "
keys m
poll status_has "note"
keys Enter
poll status_has bookmarked
# Down and up again: a redraw, and the top row is text, not a blank.
keys j k
poll status_has "4/8 ★"
check "the status line marks a bookmarked story" status_has "4/8 ★"
snap
top=$(row 1)
keys q
wait_for EXITED
check "q after bookmarking exits 0" has "EXITED 0"
stop
out=$(list_bookmarks)
check "--bookmarks lists both, newest first, with the note" \
	sh -c 'printf "%s\n" "$1" | sed -n 1p | grep -q "^edition_id	" &&
		printf "%s\n" "$1" | sed -n 2p | grep -q "幸福“脱口秀”" &&
		printf "%s\n" "$1" | sed -n 3p | grep -q "兴化统一战线.*	早茶好文\$" &&
		[ "$(printf "%s\n" "$1" | wc -l)" = 3 ]' sh "$out"
start 80 24 xterm-256color "" "$EDITION"
poll status_has " 4/8 "
check "reopening restores the article" status_has " 4/8 "
check "reopening restores the position in it" both [ -n "$top" ] -- row_is 1 "$top"
keys "'"
poll has " Bookmarks:"
check "' lists the bookmarks" has_all " Bookmarks:" "幸福“脱口秀”" "— 早茶好文"
keys Down Enter
poll status_has " 2/8 "
check "' then Enter on the second jumps to its story" \
	both status_has " 2/8 " -- has "兴化统一战线“暖心早茶”"
keys "'"
poll has " Bookmarks:"
keys d
poll status_has "delete"
keys y
poll status_has "deleted"
check "d then y deletes a bookmark" both status_has deleted -- lacks "幸福“脱口秀”"
keys Escape q
wait_for EXITED
stop
out=$(list_bookmarks)
check "after the deletion --bookmarks lists one" \
	sh -c '[ "$(printf "%s\n" "$1" | wc -l)" = 2 ] && printf "%s\n" "$1" | grep -q 兴化统一战线' sh "$out"
finish
