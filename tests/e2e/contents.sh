#!/bin/sh
# contents: the list of headlines (t): the open article selected, moving
# the selection, Enter, filtering.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/contents.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# selected TEXT: a line starting with TEXT is drawn in reverse.
selected() {
	snap_e
	printf '%s\n' "$SCREEN_E" | grep -q "^\(${ESC}\[[0-9;]*m\)*${ESC}\[7m$1"
}

open_edition
keys t
wait_for " Contents:"
check "t lists every headline, numbered" \
	has_all "  1  宜兴市委统战部：创新“五大工程” 唱响“好声音”" \
	"  5  靖江：靖江“千里取经”架设商会合作桥梁" \
	"  8  泰州市海陵区罡杨镇：基层统战服务为高校学子“搭台铺路”"
check "the open article is selected" selected "  1  宜兴市委统战部"
keys j j
poll selected "  3  苏州市吴中区"
check "j j moves the selection to entry 3" selected "  3  苏州市吴中区"
keys Enter
poll status_has " 3/8 "
check "Enter opens article 3" has_all "创新统战工作机制 集智建言显成效" 苏州市吴中区:
keys t
wait_for " Contents:"
type_text 石榴
wait_gone "  1  "
keys Enter
poll status_has " 7/8 "
check "filtering the contents (石榴) and Enter opens 7/8" has "民族团结谱新篇 石榴花开别样红"
stop
finish
