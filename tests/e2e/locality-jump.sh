#!/bin/sh
# locality-jump: the locality index: its groups, typing a filter, Enter
# to jump, a filter matching nothing, Esc.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/locality-jump.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# taizhou_group: in the locality index, 兴化市, 靖江市 and 海陵区罡杨镇 are
# entries under the heading 江苏省泰州市.
taizhou_group() {
	printf '%s\n' "$SCREEN" | sed -n '/^江苏省泰州市$/,/^[^ ]/p' |
		grep -c '^  \(兴化市\|靖江市\|海陵区罡杨镇\)' | grep -qx 3
}

open_edition
keys l
wait_for " Localities:"
check "l opens the locality index" \
	row_is 1 " Localities: type to filter, Enter to jump, Esc to close"
check "the index has a filter line" row_is 2 " filter:"
check "the index groups 兴化市, 靖江市, 海陵区罡杨镇 under 江苏省泰州市" taizhou_group
type_text 靖江
wait_for " filter: 靖江"
wait_gone 兴化市
check "typing 靖江 filters the index to 靖江市" has_all "靖江市（靖江）" 江苏省泰州市
check "the filter hides the other entries" \
	both has "靖江市（靖江）" -- not has_any "兴化市（兴化）" "宜兴市（宜兴市委统战部）" 江苏省南京市
keys Enter
poll status_has " 5/8 "
check "Enter jumps to the 靖江“千里取经” article, 5/8" \
	has_all "靖江“千里取经”架设商会合作桥梁" "近日,靖江市委统战部"
check "the index is closed after the jump" both status_has " 5/8 " -- lacks Localities:
keys l
wait_for " Localities:"
type_text zz
wait_for "(nothing matches)"
check "a filter matching nothing says so" has "  (nothing matches)"
keys Escape
wait_gone " Localities:"
check "Esc closes the index, the article is still 5/8" status_has " 5/8 靖江"
stop
finish
