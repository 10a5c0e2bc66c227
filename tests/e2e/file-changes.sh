#!/bin/sh
# file-changes: the edition's file truncated or rewritten while the reader
# shows it (a sync tool, a shell's >, rsync --inplace): the reader keeps
# the edition as loaded, says the file changed, and R reloads it at the
# same story.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/file-changes.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

ed=$TMPD/changing.txt
cp "$EDITION" "$ed"
start 80 24 xterm-256color "" "$ed"
poll status_has " 1/8 "
: >"$ed"
keys ']'
poll status_has "changed on disk"
check "after the file is truncated, ] still turns the page (no crash)" \
	both alive -- has "兴化统一战线“暖心早茶”"
check "the status line says the file changed and that R reloads it" \
	status_has "changed on disk; R reloads it"
keys ']'
poll status_has " 3/8 "
check "the edition stays readable as loaded" both alive -- status_has " 3/8 "

# The file comes back with a new headline for the third story.
sed 's/创新统战工作机制 集智建言显成效/创新统战工作机制 集智建言再显成效/' "$EDITION" >"$ed"
keys R
poll has "集智建言再显成效"
check "R reloads the edition from disk at the same story" \
	both has "集智建言再显成效" -- has "苏州市吴中区:" -- status_has "reloaded"
keys q
wait_for EXITED
check "q after a reload quits with status 0" has "EXITED 0"
stop
finish
