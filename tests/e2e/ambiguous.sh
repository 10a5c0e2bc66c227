#!/bin/sh
# ambiguous: ambiguous_width = auto asks the terminal (tmux draws “ ” …
# one cell wide, and has no setting to draw them wide: that case is
# covered by test_unicode's probe-answer test) and lays out by its answer,
# leaving nothing of the probe on screen or in the keys; A switches
# between one cell and two at run time, the layout following.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/ambiguous.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

open_with_settings "[display]
ambiguous_width = auto"
check "auto: the terminal answered one cell, laid out so (平台“五大工程”, on one row)" \
	has "通过打造网络平台“五大工程”,"
check "nothing of the probe is left: no …, no message, no key read from it" \
	both lacks "…" -- lacks "no such key" -- lacks "reloaded" -- status_has " 1/8 "
keys A
poll status_has "take 2 cells"
check "A: ambiguous characters take two cells" status_has "take 2 cells"
check "and the layout follows (五大工 ends the row, 程”, starts the next)" \
	both has "网络平台“五大工" -- lacks "网络平台“五大工程”,"
keys A
poll status_has "take 1 cell"
check "A again: one cell, the first layout back" both status_has "take 1 cell" -- \
	has "通过打造网络平台“五大工程”,"
stop
finish
