#!/bin/sh
# suspend: C-z from an interactive shell gives the terminal back while the
# reader is stopped, and fg brings it back with a correct screen; C-\\
# then ends it by SIGQUIT with the terminal restored. Needs
# bash (job control); without it the scenario has no checks.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/suspend.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

command -v bash >/dev/null 2>&1 || finish
# The reader runs from bash, not under valgrind: under valgrind C-z does
# not stop it (valgrind takes SIGTSTP itself), so job control cannot be
# tested there.
NO_VALGRIND="job control: valgrind does not stop on C-z"
new_session
mkdir -p "$TMPD/home.$S"
tm new-session -d -s "$S" -x 80 -y 24 \
	"env -i HOME='$TMPD/home.$S' TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin bash --norc --noprofile -i"
poll has 'bash-'
keys "'$READER_BIN' '$EDITION'" Enter
poll status_has " 1/8 "
keys ']'
poll status_has " 2/8 "
keys C-z
poll has Stopped
check "C-z stops the reader and gives the terminal back" \
	both has Stopped -- [ "$(display '#{alternate_on}')" = 0 ]
keys fg Enter
poll status_has " 2/8 "
check "fg brings the reader back where it was, screen redrawn" \
	both status_has " 2/8 " -- has "兴化统一战线“暖心早茶”" -- \
	[ "$(display '#{alternate_on}')" = 1 ]
# C-\ from the keyboard: SIGQUIT to the reader's process group (its own
# under job control): the terminal comes back and the shell sees the
# reader die of SIGQUIT (status 131).
m=$(modes)
tm send-keys -t "$S" -H 1c
poll has Quit
keys 'echo "EXITED $?"' Enter
poll has "EXITED 131"
check "C-\\ ends the reader by SIGQUIT (status 131) with the terminal restored" \
	both has "EXITED 131" -- restored "$m"
stop
finish
