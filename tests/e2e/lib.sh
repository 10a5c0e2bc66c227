# lib.sh: what the end-to-end scenarios (tests/e2e/*.sh) share. Each
# scenario sources it, runs its checks and calls finish.
#
# A scenario starts the reader in a detached session of a tmux server of
# its own (its socket in the scenario's temporary directory), sends keys,
# and reads the screen back with capture-pane (-e for the attributes). The reader runs with an empty HOME
# of its own (no settings, bookmarks or reading positions), in a temporary
# directory removed when the scenario ends, however it ends.
#
# Run one scenario alone, from the top of the tree (needs tmux):
#   READER_BIN=$PWD/build/normal/reader sh tests/e2e/search.sh
# (make check runs them all through tests/run.sh.) A scenario prints
# "# scenario: NAME", then "ok - NAME: ..." or "not ok - NAME: ..." (with
# the screen) per check, then "# passed N" and "# failed N"; it exits
# non-zero if a check failed. READER_SANITIZED=1 (set by make SAN=1 check,
# with the LSAN and ASAN options it passes on to the reader) allows longer
# waits.
#
# READER_VALGRIND=1 (make VALGRIND=1 check) runs every reader under
# valgrind's memcheck, with tests/valgrind.supp, its report in a file of
# the scenario's temporary directory; finish ends the readers still
# running and adds one check: every report has 0 errors and nothing
# definitely lost (a failure prints the reports). It allows longer waits.
#
# shellcheck disable=SC1110,SC1111,SC2317,SC2034
# (the texts are Chinese, with their own quotation marks; the checks are
# functions called through check, poll and both; the scenarios use the
# variables set here.)
set -u

SCENARIO=$(basename "$0" .sh)
passed=0
failed=0
ESC=$(printf '\033')
TOP=$(cd "$(dirname "$0")/../.." && pwd)
EDITION=$TOP/data/tongxinyuan-2020-11-11.txt
echo "# scenario: $SCENARIO"

# Waits, in seconds: for the screen to show something, for the reader to
# end after a signal, and to let a crash happen where nothing on the screen
# changes. A poll looks at the screen PER_S times a second (every TICK):
# under the sanitizers and valgrind the reader is slow and the machine
# busy, and each look is a tmux client and a few processes.
if [ "${READER_SANITIZED:-0}" = 1 ] || [ "${READER_VALGRIND:-0}" = 1 ]; then
	WAIT=20 SIGWAIT=8 GRACE=1 PER_S=4 TICK=0.25
else
	WAIT=8 SIGWAIT=3 GRACE=0.5 PER_S=10 TICK=0.1
fi

# Locale for tmux, capture-pane and wc -L: UTF-8, and English messages
# whatever the user running the tests speaks (E2E_LANG gives the reader
# another locale). tmux runs pane commands with $SHELL: a POSIX one.
LC_ALL=C.UTF-8
LANG=C.UTF-8
SHELL=/bin/sh
export LC_ALL LANG SHELL
unset TMUX LANGUAGE LC_MESSAGES

ok() {
	passed=$((passed + 1))
	echo "ok - $SCENARIO: $1"
}

# not_ok DESCRIPTION: a failed check, with the last screen it looked at.
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $SCENARIO: $1"
	echo "#   screen ($S):"
	printf '%s\n' "$SCREEN" | sed 's/^/#   |/'
}

# check DESCRIPTION COMMAND [ARG...]: one check, passed when COMMAND succeeds.
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}

finish() {
	[ "${READER_VALGRIND:-0}" = 1 ] && valgrind_check
	echo "# passed $passed"
	echo "# failed $failed"
	[ "$failed" = 0 ] || echo "# failing scenario: $SCENARIO"
	[ "$failed" = 0 ]
	exit
}

case ${READER_BIN:-} in
'')
	S=- SCREEN=
	not_ok "READER_BIN is not set (READER_BIN=\$PWD/build/normal/reader)"
	finish
	;;
/*) ;;
*) READER_BIN=$PWD/$READER_BIN ;;
esac
S=- SCREEN=
if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is installed (make deps installs it)"
	finish
fi
if [ ! -x "$READER_BIN" ]; then
	not_ok "READER_BIN is an executable: $READER_BIN"
	finish
fi

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/reader-e2e.XXXXXX") || exit 1
# The server's socket is in TMPD too: nothing is left behind in /tmp.
tm() {
	tmux -u -S "$TMPD/tmux" -f /dev/null "$@"
}
# NO_VALGRIND=REASON: a scenario that starts the reader itself, not through
# WRAP, says why, and valgrind_check does not look for reports.
NO_VALGRIND=
# running PID: the process exists and has not ended (a zombie has: where
# nothing reaps the orphans of a killed server, they stay).
running() {
	kill -0 "$1" 2>/dev/null || return 1
	[ -r "/proc/$1/stat" ] || return 0
	case $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) in Z* | X*) return 1 ;; esac
}
# pids: what ran in the panes; on a hangup a reader still saves its
# reading position, a shell its history, into TMPD.
pids=
# end_all TENTHS: end the server and everything in its panes, and let
# them end (TENTHS tenths of a second at most); then kill what is left of
# this scenario's (its temporary directory in their environment: a pid
# may have been reused), so that nothing outlives it (a sanitized reader
# hung in its leak check after a hangup once held a core through every
# later stage). How many had to be killed is in killed.
killed=0
end_all() {
	pids="$pids $(tm list-panes -a -F '#{pane_pid}' 2>/dev/null)"
	tm kill-server >/dev/null 2>&1
	_i=0
	for _p in $pids; do
		while running "$_p" && [ "$_i" -lt "$1" ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
	done
	for _p in $pids; do
		if running "$_p" && grep -qaF "$TMPD" "/proc/$_p/environ" 2>/dev/null &&
			kill -KILL "$_p" 2>/dev/null; then
			killed=$((killed + 1))
			echo "# killed $_p: still running after the scenario"
		fi
	done
	return 0
}
cleanup() {
	# Let them end (2 s at most) before TMPD goes.
	end_all 20
	rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
# A session that stays, so that the server does not exit (and race with
# the next new-session) each time a session of the scenario is killed.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 86400'

# Under valgrind: the command that runs the reader, one report per process.
WRAP=
if [ "${READER_VALGRIND:-0}" = 1 ]; then
	WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
	      --show-leak-kinds=definite --suppressions=$TOP/tests/valgrind.supp
	      --log-file=$TMPD/valgrind.%p"
	WRAP=$(echo $WRAP)
fi

# valgrind_check: end every reader (as a hangup does), wait for their
# reports, and check them: nothing in a report (-q leaves only errors and
# definite leaks) and no reader that valgrind itself stopped with 99.
valgrind_check() {
	if [ -n "${NO_VALGRIND:-}" ]; then
		echo "# not under valgrind: $NO_VALGRIND"
		return
	fi
	_vs=$S
	end_all 300
	S=valgrind SCREEN=$(cat "$TMPD"/valgrind.* 2>/dev/null)
	_n=$(ls "$TMPD"/valgrind.* 2>/dev/null | wc -l)
	# A reader killed is one whose report is not whole.
	check "valgrind: $_n runs of the reader, 0 errors, nothing definitely lost, none killed" \
		test "$_n" -gt 0 -a -z "$SCREEN" -a "$killed" = 0
	S=$_vs
}

# What runs in a pane: a known title, then the reader (its pid written to
# $TMPD/pid.SESSION) with an empty home, then its exit status; the shell
# stays for capture.
cat >"$TMPD/pane.sh" <<'EOF'
# pane.sh SESSION [READER ARGUMENT...]
dir=$(dirname "$0")
name=$1
shift
. "$dir/env.$name"
unset LINES COLUMNS NO_COLOR TMUX XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME
# A home of its own: no configuration, bookmarks or reading positions
# from elsewhere, and none left behind.
HOME=${home:-$dir/home.$name}
mkdir -p "$HOME"
export HOME
export TERM
[ -n "$nocolor" ] && export NO_COLOR=1
[ -n "$lang" ] && export LC_ALL="$lang" LANG="$lang"
printf '\033]2;before\007'
# C-c reaches the whole foreground group: this shell must outlive it.
trap : INT
# shellcheck disable=SC2086
# E2E_PIPE: a file piped into the reader; E2E_PREFIX: a command that
# runs it (a wrapper that execs its arguments).
if [ -n "$pipe" ]; then
	cat "$pipe" | sh -c 'echo $$ >"$0"; exec "$@"' "$dir/pid.$name" $prefix $wrap "$READER_BIN" "$@"
else
	sh -c 'echo $$ >"$0"; exec "$@"' "$dir/pid.$name" $prefix $wrap "$READER_BIN" "$@"
fi
echo "EXITED $?"
exec sleep 600
EOF

n_sessions=0
cur_wait=$WAIT
n_timeouts=0
E2E_HOME=
E2E_LANG=
E2E_PIPE=
E2E_PREFIX=

# new_session: name the next session S, forget the last screen.
new_session() {
	n_sessions=$((n_sessions + 1))
	S=s$n_sessions
	SCREEN=
	cur_wait=$WAIT
}

# start W H TERM NOCOLOR [READER ARGUMENT...]: a new session S running the
# reader in a WxH pane, with the home E2E_HOME (empty: one of its own) and
# the locale E2E_LANG (empty: C.UTF-8); waits for the reader's pid.
start() {
	new_session
	_w=$1 _h=$2
	{
		echo "TERM='$3'"
		echo "nocolor='$4'"
		echo "READER_BIN='$READER_BIN'"
		echo "wrap='$WRAP'"
		echo "home='$E2E_HOME'"
		echo "lang='$E2E_LANG'"
		echo "pipe='$E2E_PIPE'"
		echo "prefix='$E2E_PREFIX'"
	} >"$TMPD/env.$S"
	shift 4
	_args=
	for _a in "$@"; do _args="$_args '$_a'"; done
	tm new-session -d -s "$S" -x "$_w" -y "$_h" "sh '$TMPD/pane.sh' $S$_args"
	_i=0
	while [ ! -s "$TMPD/pid.$S" ] && [ "$_i" -lt $((WAIT * 10)) ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	PID=$(cat "$TMPD/pid.$S" 2>/dev/null)
	pids="$pids $PID"
}

stop() {
	pids="$pids $(display '#{pane_pid}' 2>/dev/null)"
	tm kill-session -t "$S" >/dev/null 2>&1
}

not() {
	! "$@"
}

# both CMD [ARG...] -- CMD [ARG...] [-- ...]: every command succeeds (run
# in turn, each in a subshell).
both() {
	while [ $# -gt 0 ]; do
		_bn=0
		for _ba in "$@"; do
			[ "$_ba" = -- ] && break
			_bn=$((_bn + 1))
		done
		first_of "$_bn" "$@" || return 1
		shift "$_bn"
		[ $# -gt 0 ] && shift
	done
	return 0
}

# first_of N ARG...: run the first N arguments as a command.
first_of() {
	_fn=$1
	shift
	_ft=$#
	_fi=0
	while [ "$_fi" -lt "$_ft" ]; do
		_fi=$((_fi + 1))
		[ "$_fi" -le "$_fn" ] && set -- "$@" "$1"
		shift
	done
	("$@")
}

keys() {
	tm send-keys -t "$S" "$@"
}

# type_text TEXT: send TEXT literally (UTF-8).
type_text() {
	tm send-keys -t "$S" -l "$1"
}

snap() {
	SCREEN=$(tm capture-pane -p -t "$S" 2>/dev/null)
}

snap_e() {
	SCREEN_E=$(tm capture-pane -p -e -t "$S" 2>/dev/null)
}

# poll [-t SECONDS] COMMAND [ARG...]: take screenshots every 0.1 s until
# COMMAND (looking at $SCREEN) succeeds on a screen that is not changing;
# fails after the time-out. That is WAIT, but only one look after a wait
# of the same session has failed (the checks after it fail anyway), and
# 2 s after 3 failed waits in all: a broken reader does not take minutes.
poll() {
	_max=$cur_wait
	if [ "$1" = -t ]; then
		_max=$2
		shift 2
	fi
	_i=0
	while :; do
		snap
		if "$@"; then
			# A screen caught in the middle of a redraw may pass
			# too: take it when it has stayed the same for 50 ms.
			_prev=$SCREEN
			sleep 0.05
			snap
			[ "$SCREEN" = "$_prev" ] && return 0
		fi
		# The reader has ended: this screen is the last.
		case $SCREEN in *"EXITED "[0-9]*) return 1 ;; esac
		if [ "$_i" -ge $((_max * PER_S)) ]; then
			echo "# poll timed out: $*"
			cur_wait=0
			n_timeouts=$((n_timeouts + 1))
			[ "$n_timeouts" -ge 3 ] && WAIT=2
			return 1
		fi
		_i=$((_i + 1))
		sleep "$TICK"
	done
}

has() {
	case $SCREEN in *"$1"*) return 0 ;; esac
	return 1
}

lacks() {
	! has "$1"
}

# has_all TEXT...: the screen shows every TEXT.
has_all() {
	for _t in "$@"; do has "$_t" || return 1; done
}

# has_any TEXT...: the screen shows one of TEXT.
has_any() {
	for _t in "$@"; do has "$_t" && return 0; done
	return 1
}

wait_for() {
	poll has_all "$@"
}

wait_gone() {
	poll lacks "$1"
}

# row N: line N (from 1) of the last screenshot; last_row: the status line.
row() {
	printf '%s\n' "$SCREEN" | sed -n "${1}p"
}

last_row() {
	printf '%s\n' "$SCREEN" | sed -n '$p'
}

# status_has TEXT...: the bottom row shows every TEXT.
status_has() {
	_l=$(last_row)
	for _t in "$@"; do
		case $_l in *"$_t"*) ;; *) return 1 ;; esac
	done
}

status_is() {
	[ "$(last_row)" = "$1" ]
}

# joined_has TEXT...: the screen's rows, joined, show every TEXT, spaces
# left out of both (a row may end where TEXT had a space): text wrapped
# onto several rows is all there.
joined_has() {
	_j=$(printf '%s\n' "$SCREEN" | tr -d ' \n')
	for _t in "$@"; do
		_t=$(printf '%s' "$_t" | tr -d ' ')
		case $_j in *"$_t"*) ;; *) return 1 ;; esac
	done
}

# row_starts N TEXT: row N begins with TEXT.
row_starts() {
	case $(row "$1") in "$2"*) return 0 ;; esac
	return 1
}

# row_has N TEXT: row N shows TEXT.
row_has() {
	case $(row "$1") in *"$2"*) return 0 ;; esac
	return 1
}

row_is() {
	[ "$(row "$1")" = "$2" ]
}

display() {
	tm display -p -t "$S" "$1"
}

# highlighted TEXT: in a capture with attributes, TEXT is drawn in an
# attribute of its own: an SGR sequence right before it and right after.
highlighted() {
	snap_e
	printf '%s\n' "$SCREEN_E" | grep -q "${ESC}\[[0-9;]*m$1${ESC}\["
}

alive() {
	kill -0 "$PID" 2>/dev/null
}

# cpu_ticks: the reader's CPU time so far (user + system), in clock ticks.
cpu_ticks() {
	sed 's/.*) //' "/proc/$PID/stat" | awk '{print $12 + $13}'
}

# modes: the pane's alternate screen, cursor, cursor keys, keypad and
# mouse modes as 5 digits; 01000 is a shell's (no alternate screen, cursor
# shown, the rest off).
modes() {
	display '#{alternate_on}#{cursor_flag}#{keypad_cursor_flag}#{keypad_flag}#{mouse_any_flag}'
}

# restored MODES: the reader had changed the modes (MODES, taken while it
# ran, are not a shell's), it has ended, and they are back to a shell's.
restored() {
	[ "$1" != 01000 ] && has "EXITED" && [ "$(modes)" = 01000 ]
}

# open_edition [W H [TERM [NOCOLOR]]]: start the reader on the bundled
# edition (given as FILE) and wait for its first screen, places resolved.
open_edition() {
	start "${1:-80}" "${2:-24}" "${3:-xterm-256color}" "${4:-}" "$EDITION"
	poll has_all 同心圆 创新“五大工程” 唱响“好声音”
	poll status_has " 1/8 "
	# The places are read after the first screen, at the first pause:
	# the locality joins the status line then.
	poll status_has " 1/8 宜兴市委统战部"
}

# open_with_settings TEXT: start the reader at 80x24 on the bundled
# edition with TEXT as its reader.ini (--config), and wait for 1/8.
open_with_settings() {
	printf '%s\n' "$1" >"$TMPD/settings.$n_sessions.ini"
	start 80 24 xterm-256color '' --config "$TMPD/settings.$n_sessions.ini" "$EDITION"
	poll status_has " 1/8 "
}

# search_for TEXT: type / and TEXT, then Enter.
search_for() {
	keys /
	poll status_is "/"
	type_text "$1"
	keys Enter
}
