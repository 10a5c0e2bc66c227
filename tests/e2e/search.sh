#!/bin/sh
# search: / with a CJK query, the match highlighted, n through the
# matches and around, "not found", N, a match in another article, and a
# query in traditional characters finding the simplified text (好聲音 finds
# 好声音: search_script = either, the default), but not with
# search_script = exact; with status_line = false, the hit count shown
# until the next key.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/search.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

open_edition
check "before a search 好声音 is drawn plainly" both has 好声音 -- not highlighted 好声音
keys /
poll status_is "/"
type_text 好声音
poll status_is "/好声音"
check "the search prompt echoes the CJK query" both alive -- status_is "/好声音"
keys Enter
poll highlighted 好声音
check "/好声音 highlights the match" highlighted 好声音
check "the match is on screen, the status line is back" status_has " 1/8 "
# Matches: headline, paragraphs 1 to 3 on the first screen; the fifth
# (交流交融) is below it, so the fourth n scrolls.
keys n n n n
wait_gone 讲诚信代代相传
check "n moves on to the next matches (scrolled to 交流交融)" \
	has_all "唱响“交流交融”好声音" "唱响“议政建言”好声音"
check "the match found by n is highlighted" highlighted 好声音
keys n n n
poll status_has wrapped
check "n past the last match wraps around, and says so" \
	status_has " search wrapped to the first article"
check "after wrapping the first match is shown" has 讲诚信代代相传
search_for 火星探测
poll status_has "not found"
check "a search for an absent word says not found" status_has " not found"
keys N
poll status_has "not found"
check "N after a failed search: not found" status_has " not found"
search_for 早茶峰会
poll status_has " 2/8 "
check "a search finds a match in another article" highlighted 早茶峰会
search_for 好聲音
poll status_has "hit 1/7"
check "a traditional query (好聲音) finds the simplified text, all 7 hits" status_has "hit 1/7"
check "the simplified match of the traditional query is highlighted" highlighted 好声音
stop
open_with_settings "$(printf '[behaviour]\nsearch_script = exact')"
search_for 好聲音
poll status_has "not found"
check "with search_script = exact the traditional query finds nothing" status_has " not found"
stop
# Without the status line the hit count still shows, until the next key.
printf '[display]\nstatus_line = false\n' >"$TMPD/nostatus.ini"
start 80 24 xterm-256color '' --config "$TMPD/nostatus.ini" "$EDITION"
poll has 唱响“好声音”
check "status_line = false: no status line" not status_has " 1/8 "
search_for 好声音
poll status_has "hit 1/7"
check "status_line = false: a search still shows where the hit is (hit 1/7)" \
	both status_has "hit 1/7" -- highlighted 好声音
keys n
poll status_has "hit 2/7"
check "status_line = false: n shows hit 2/7" status_has "hit 2/7"
keys j
poll not status_has "hit 2/7"
check "status_line = false: the next key takes it off again" not status_has "hit "
stop
finish
