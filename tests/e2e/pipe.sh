#!/bin/sh
# pipe: the edition through a pipe, keys from the terminal, as less does.
# `cat FILE | reader` shows FILE and takes its keys from /dev/tty without
# spinning (its CPU time stays near 0 while it waits); `reader -` too; a
# key source that goes away ends it cleanly; without a terminal the pipe
# is printed (--dump); conflicting options are usage errors.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/pipe.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# A small edition of its own, unlike the bundled one.
cat >"$TMPD/piped.txt" <<'ED'
管道里的报纸

第一篇文章的标题

这是从标准输入读来的第一段文字。

第二篇文章的标题

这是第二篇。
ED

E2E_PIPE=$TMPD/piped.txt
start 80 24 xterm-256color ''
poll has 从标准输入读来
check "cat FILE | reader shows the piped edition" has 从标准输入读来
# What it does after the first screen (the gazetteer, loaded at the
# first pause) takes a while under valgrind: let it settle first, a
# second at a time, for at most WAIT seconds.
t1=$(cpu_ticks) _k=0
while [ "$_k" -lt "$WAIT" ]; do
	sleep 1
	t0=$t1 t1=$(cpu_ticks) _k=$((_k + 1))
	[ $((t1 - t0)) -le 5 ] && break
done
t0=$(cpu_ticks)
sleep 2
t1=$(cpu_ticks)
check "waiting for a key it does not spin (CPU $t0 -> $t1 ticks in 2 s)" \
	test $((t1 - t0)) -le 20
keys ']'
poll has 这是第二篇
check "keys come from the terminal: ] goes to the next article" has 这是第二篇
keys R
poll status_has "again"
check "R on a pipe says it cannot be read again" status_has "cannot be read again"
keys q
poll has "EXITED 0"
check "q ends it with status 0" has "EXITED 0"
stop

E2E_PIPE=
# reader - reads standard input: a file redirected to it here.
new_session
tm new-session -d -s "$S" -x 80 -y 24 \
	"HOME=$TMPD/home.dash LC_ALL=C.UTF-8 $READER_BIN - <$TMPD/piped.txt; echo EXITED \$?; sleep 600"
poll has 从标准输入读来
check "reader - <FILE shows FILE" has 从标准输入读来
keys q
poll has "EXITED 0"
check "and q ends it" has "EXITED 0"
stop

# </dev/null is no edition: the bundled one opens, keys from the terminal.
new_session
tm new-session -d -s "$S" -x 80 -y 24 \
	"HOME=$TMPD/home.null LC_ALL=C.UTF-8 $READER_BIN </dev/null; echo EXITED \$?; sleep 600"
poll has 同心圆
check "reader </dev/null opens the bundled edition" has 同心圆
keys q
poll has "EXITED 0"
check "and takes q from the terminal" has "EXITED 0"
stop

# The key source hangs up while SIGHUP is blocked: the reader notices
# the end of its input itself and ends, rather than spin.
cat >"$TMPD/blockhup.pl" <<'PL'
use POSIX;
sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP));
exec @ARGV or die "exec: $!";
PL
E2E_PIPE=$TMPD/piped.txt E2E_PREFIX="perl $TMPD/blockhup.pl"
start 80 24 xterm-256color ''
E2E_PIPE= E2E_PREFIX=
poll has 从标准输入读来
rpid=$PID
tm kill-session -t "$S"
_i=0
while running "$rpid" && [ "$_i" -lt $((SIGWAIT * 10)) ]; do
	sleep 0.1
	_i=$((_i + 1))
done
SCREEN=
check "a key source that hangs up (SIGHUP blocked) ends the reader" not running "$rpid"

# No terminal: what is piped is printed, as --dump.
out=$(cat "$TMPD/piped.txt" | "$READER_BIN" 2>&1)
SCREEN=$out
check "cat FILE | reader >pipe prints the piped edition" has 这是第二篇
out=$(cat "$TMPD/piped.txt" | "$READER_BIN" --dump 2>&1)
SCREEN=$out
check "cat FILE | reader --dump prints it" has 这是第二篇
out=$("$READER_BIN" --dump - <"$TMPD/piped.txt" 2>&1)
SCREEN=$out
check "reader --dump - prints standard input" has 这是第二篇
# A terminal for the screen but none to read keys from (setsid leaves the
# pane's terminal open, but not as the controlling one).
new_session
tm new-session -d -s "$S" -x 80 -y 24 \
	"HOME=$TMPD/home.tty LC_ALL=C.UTF-8 setsid -w $READER_BIN - <$TMPD/piped.txt; echo EXITED \$?; sleep 600"
poll has EXITED
check "without a terminal for the keys it says so, status 1" \
	has_all "no terminal to read keys from" "EXITED 1"
stop

# Usage errors name the problem.
usage() {
	SCREEN=$("$READER_BIN" "$@" </dev/null 2>&1)
	echo "$?" >"$TMPD/rc"
}
usage --dump --outline
check "--dump --outline is a usage error" both has "cannot be combined" -- test "$(cat "$TMPD/rc")" = 2
usage --json -b
check "--json --bookmarks is a usage error" both has "cannot be combined" -- test "$(cat "$TMPD/rc")" = 2
usage --config=
check "--config= names the problem" both has "'--config' needs a file name" -- test "$(cat "$TMPD/rc")" = 2
usage --bookmarks "$TMPD/no-such-bookmarks"
check "--bookmarks FILE reads FILE (missing: an error)" both has "no-such-bookmarks: No such file" -- \
	test "$(cat "$TMPD/rc")" = 1
usage --bookmarks a b
check "--bookmarks with two files is a usage error" test "$(cat "$TMPD/rc")" = 2
# Every unknown short option: a clean message naming it.
bad=
for o in a e f g i k l m n p q r t u v x y z A B C D E F G H I J K M N O P Q R S T U W X Y Z 0 1 2 3 4 5 6 7 8 9 '@' '%' '+' '='; do
	msg=$("$READER_BIN" "-$o" </dev/null 2>&1 | head -n 1)
	[ "$msg" = "reader: unknown option '-$o'" ] || bad="$bad -$o:[$msg]"
done
SCREEN=$bad
check "every unknown short option is named as typed" test -z "$bad"
finish
