#!/bin/sh
# startup: how the reader starts and what the terminal lets through: an
# unknown TERM falls back to a basic terminal with a warning, C-s and C-q
# reach the reader (no flow control), -w narrows the full-screen text,
# --dump honours [display] width, and reopening an edition at its first
# article shows the masthead as a fresh open does.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/startup.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

start 80 24 xterm-not-in-terminfo '' "$EDITION"
poll has 同心圆
check "an unknown TERM still opens the edition" has_all 同心圆 创新“五大工程”
check "and says it draws as a basic terminal" has_all "is unknown here" "(vt100)"
keys q
poll has "EXITED 0"
check "q ends it with status 0" has "EXITED 0"
stop

open_with_settings "[keys]
next_article = C-s ] Right
previous_article = C-q [ Left"
keys C-s
poll status_has " 2/8 "
check "C-s reaches the reader (bound to next_article)" status_has " 2/8 "
keys C-q
poll status_has " 1/8 "
check "C-q reaches the reader (bound to previous_article)" status_has " 1/8 "
stop

# widest: the widest row of the screen but its status line, in columns.
widest() {
	printf '%s\n' "$SCREEN" | sed '$d' | sed 's/^ *//' | wc -L
}
start 80 24 xterm-256color '' -w 30 "$EDITION"
poll status_has " 1/8 "
check "-w 30 in the full-screen view: no text row wider than 30" test "$(widest)" -le 30
check "and the text is centred" row_starts 3 "                         "
stop

cat >"$TMPD/narrow.ini" <<'INI'
[display]
width = 36
INI
SCREEN=$(COLUMNS=100 "$READER_BIN" --config "$TMPD/narrow.ini" --dump "$EDITION" 2>&1)
check "--dump honours [display] width (36 under COLUMNS=100)" test "$(printf '%s\n' "$SCREEN" | wc -L)" -le 36
SCREEN=$(COLUMNS=100 "$READER_BIN" --config "$TMPD/narrow.ini" --dump -w 60 "$EDITION" 2>&1)
check "--width overrides it" test "$(printf '%s\n' "$SCREEN" | wc -L)" -gt 36

# Reopening at the first article: the masthead, as a fresh open.
E2E_HOME=$TMPD/home.keep
open_edition
keys ']'
poll status_has " 2/8 "
keys '['
poll status_has " 1/8 "
keys q
poll has "EXITED 0"
stop
open_edition
check "reopened at the first article, the masthead is there" row_has 3 同心圆
stop
finish
