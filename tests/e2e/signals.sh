#!/bin/sh
# signals: q, SIGTERM, SIGHUP, SIGTERM with the search prompt open, C-c
# and every other signal that ends the program (SIGQUIT, SIGUSR1,
# SIGALRM, SIGPIPE, and the crashes SIGABRT and SIGSEGV) end the reader
# promptly with the terminal restored.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/signals.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# alt_was_on MODES: the alternate screen was on in MODES.
alt_was_on() {
	case $1 in 1????) return 0 ;; esac
	return 1
}

# end_by WHAT COMMAND [ARG...]: with the modes taken (m) and the reader
# known to run, COMMAND ends it; check that it does within SIGWAIT and
# that the terminal is restored.
end_by() {
	_what=$1
	shift
	m=$(modes)
	ran=$(alive && echo yes)
	"$@"
	poll -t "$SIGWAIT" has EXITED
	check "$_what" both [ "$ran" = yes ] -- has EXITED -- not alive
}

open_edition
m=$(modes)
check "while the reader runs the alternate screen is on" alt_was_on "$m"
keys q
wait_for EXITED
check "q quits with status 0" both [ "$m" != 01000 ] -- has "EXITED 0"
check "after q the terminal is restored (no alternate screen, cursor on, keypad and mouse off)" \
	restored "$m"
check "after q the reader's screen is gone" \
	both [ "$m" != 01000 ] -- has "EXITED 0" -- lacks 讲诚信代代相传
stop

for sig in TERM HUP; do
	open_edition
	end_by "SIG$sig ends the reader within ${SIGWAIT}s" kill -"$sig" "$PID"
	check "after SIG$sig the terminal is restored" restored "$m"
	stop
done

# Every other signal that ends the program restores the terminal first,
# and the program still dies of that signal (status 128 + N): the ones
# that end it cleanly, and crashes, which keep their core.
for sig in QUIT:3 USR1:10 ALRM:14 PIPE:13 ABRT:6 SEGV:11; do
	n=${sig#*:} sig=${sig%:*}
	open_edition
	end_by "SIG$sig ends the reader within ${SIGWAIT}s" kill -"$sig" "$PID"
	check "after SIG$sig the terminal is restored" restored "$m"
	check "after SIG$sig the reader died of it (status $((128 + n)))" has "EXITED $((128 + n))"
	stop
done


open_edition
keys /
poll status_is "/"
type_text 好声
poll status_is "/好声"
end_by "SIGTERM with the search prompt open ends the reader" kill -TERM "$PID"
check "after SIGTERM in the prompt the terminal is restored" restored "$m"
stop

open_edition
end_by "C-c ends the reader" keys C-c
check "after C-c the terminal is restored" restored "$m"
stop
finish
