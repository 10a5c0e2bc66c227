#!/bin/sh
# Run every test program given on the command line (cmocka suites) and the
# shell suites in tests/*.test.sh, then print one closing line:
# "N passed, N failed". Exits non-zero when anything failed.
passed=0 failed=0 broken=""
for t in "$@" tests/*.test.sh; do
	[ -e "$t" ] || continue
	case $t in *.sh) cmd="sh $t" ;; *) cmd="$t" ;; esac
	out=$($cmd 2>&1); rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^# passed \([0-9]*\)$/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^# failed \([0-9]*\)$/\1/p' | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ]; then
		[ "${f:-0}" = 0 ] && failed=$((failed + 1))
		broken="$broken $t"
	fi
done
[ -n "$broken" ] && echo "failing:$broken"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
