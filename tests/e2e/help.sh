#!/bin/sh
# help: the help panel (h and F1), generated from the key table; q and
# Esc close it without quitting.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/help.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

open_edition
keys h
wait_for " Help:"
check "h opens the help" both row_starts 1 " Help: keys" -- row_has 1 "(q or Esc to close)"
check "the help lists the keys from the key table" \
	has_all "Space f PgDn" "page down" "] Right" "next article" "jump by locality" "/ " "search forward"
keys q
wait_gone " Help:"
check "q closes the help, the reader stays" has_all 讲诚信代代相传 "创新“五大工程”"
check "q in the help does not quit" alive
keys F1
wait_for " Help:"
check "F1 opens the help too" has "this help"
keys Escape
wait_gone " Help:"
check "Esc closes the help" status_has " 1/8 "
stop
finish
