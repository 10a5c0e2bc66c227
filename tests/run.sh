#!/bin/sh
# Run every test program given on the command line (cmocka suites) and the
# shell suites tests/*.test.sh (the corpus ratchet, the catalogues), one
# after another, then every end-to-end scenario tests/e2e/*.sh (lib.sh is
# their helper, not a scenario) as a suite of its own, two at a time
# (E2E_JOBS=1: one at a time; E2E_ONLY=1: only these). The scenarios share
# nothing (each has its own tmux server, home and temporary directory),
# and their outputs are printed whole in the order of their names once
# all have ended, each suite's with how long it took.
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
	s=$(date +%s)
	case $t in *.sh) sh "$t" ;; *) "$t" ;; esac >"$outs/out" 2>&1
	rc=$?
	echo "# $t took $(($(date +%s) - s)) s" >>"$outs/out"
	tally "$t" $rc "$outs/out"
done

# The scenarios, E2E_JOBS at a time, each started as soon as a slot is free
# (a long one does not hold the others up), each with its output, status
# and time in files; then tallied in the order of their names.
export RUN_OUTS="$outs"
for t in tests/e2e/*.sh; do
	case $t in */lib.sh) ;; *) [ -e "$t" ] && echo "$t" ;; esac
done | xargs -n 1 -P "${E2E_JOBS:-2}" sh -c '
	n=$(basename "$1" .sh) s=$(date +%s)
	sh "$1" >"$RUN_OUTS/$n.out" 2>&1
	echo $? >"$RUN_OUTS/$n.rc"
	echo $(($(date +%s) - s)) >"$RUN_OUTS/$n.time"' sh
for t in tests/e2e/*.sh; do
	case $t in */lib.sh) continue ;; esac
	[ -e "$t" ] || continue
	n=$(basename "$t" .sh)
	echo "# $t took $(cat "$outs/$n.time" 2>/dev/null || echo '?') s" >>"$outs/$n.out"
	tally "$t" "$(cat "$outs/$n.rc" 2>/dev/null || echo 1)" "$outs/$n.out"
done

[ -n "$broken" ] && echo "failing:$broken"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
