#!/bin/sh
# config-keys: a rebinding in $XDG_CONFIG_HOME/reader/reader.ini (here
# ~/.config) takes effect, and the key it replaces is unbound.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/config-keys.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

E2E_HOME=$TMPD/config-home
mkdir -p "$E2E_HOME/.config/reader"
printf '[keys]\nnext_article = x Tab\n' >"$E2E_HOME/.config/reader/reader.ini"
open_edition
keys x
poll status_has " 2/8 "
check "the rebound key x opens the next article" status_has " 2/8 "
keys Tab
poll status_has " 3/8 "
check "Tab, bound too, opens the one after" status_has " 3/8 "
keys ']'
poll status_has "no such key"
check "] is no longer bound" both status_has "]: no such key" -- has "苏州市吴中区:"
keys q
wait_for EXITED
stop
finish
