#!/bin/sh
# Run every test program given on the command line (cmocka suites) and the
# shell suites tests/*.test.sh (the corpus ratchet, the catalogues), one
# after another, then every end-to-end scenario tests/e2e/*.sh (lib.sh is
# their helper, not a scenario) as a suite of its own, two at a time
# (E2E_JOBS=1: one at a time; E2E_ONLY=1: only these). The scenarios share
# nothing (each has its own tmux server, home and temporary directory),
# and their outputs are printed whole in the order of their names,
# whatever order they end in.
# Then one closing line: "N passed, N failed", after "failing: SUITE..."
# when any failed. Exits non-zero when anything failed.
passed=0 failed=0 broken=""
outs=$(mktemp -d "${TMPDIR:-/tmp}/reader-run.XXXXXX") || exit 1
trap 'rm -rf "$outs"' EXIT
trap 'exit 1' HUP INT TERM

# tally SUITE STATUS OUTPUT-FILE: print a suite's output and count it: the
# last cmocka "[  PASSED  ] N" / "[  FAILED  ] N" or "# passed N" /
# "# failed N" lines; a suite that fails without a count counts as one.
tally() {
	cat "$3"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^# passed \([0-9]*\)$/\1/p' "$3" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^# failed \([0-9]*\)$/\1/p' "$3" | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$2" != 0 ]; then
		[ "${f:-0}" = 0 ] && failed=$((failed + 1))
		broken="$broken $1"
	fi
}

# E2E_ONLY=1 (make VALGRIND=1 check): only the scenarios; these suites do
# not run under valgrind, and the plain check has run them.
for t in "$@" tests/*.test.sh; do
	[ "${E2E_ONLY:-0}" = 1 ] && break
	[ -e "$t" ] || continue
	case $t in *.sh) sh "$t" ;; *) "$t" ;; esac >"$outs/out" 2>&1
	tally "$t" $? "$outs/out"
done

# The scenarios as a queue: start one (up to E2E_JOBS running), and when
# the queue is full, wait for the oldest and print it.
jobs=${E2E_JOBS:-2}
started=0 done_=0
# finish_oldest: wait for the oldest running scenario and tally it.
# shellcheck disable=SC2154
finish_oldest() {
	done_=$((done_ + 1))
	eval "_pid=\$pid_$done_ _t=\$name_$done_"
	wait "$_pid"
	tally "$_t" $? "$outs/$done_"
}
for t in tests/e2e/*.sh; do
	[ -e "$t" ] || continue
	case $t in */lib.sh) continue ;; esac
	[ $((started - done_)) -ge "$jobs" ] && finish_oldest
	started=$((started + 1))
	sh "$t" >"$outs/$started" 2>&1 &
	eval "pid_$started=\$! name_$started=\$t"
done
while [ "$done_" -lt "$started" ]; do finish_oldest; done

[ -n "$broken" ] && echo "failing:$broken"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
