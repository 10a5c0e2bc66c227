#!/bin/sh
# End-to-end tests of the interactive reader, driven through tmux.
#
# Each scenario starts the reader in a detached session of a private tmux
# server, sends keys, and reads the screen back with capture-pane (-e for
# the attributes). Covered: opening the bundled edition (front matter,
# headline, status line), paging, moving between articles, the locality
# index (typing a filter, Enter), the contents, search with highlighting,
# n and "not found", the help panel, resizing (80x24 -> 40x20 -> 120x40 ->
# 1x1 -> 80x24, and sizes below the minimum), escape sequences in the text
# shown as marks and never sent to the terminal, quitting, SIGTERM, SIGHUP
# and SIGINT with the terminal restored, several TERM values, NO_COLOR.
# The reader runs with an empty HOME of its own (no settings, bookmarks or
# reading positions), in a temporary directory removed at the end.
#
# Run alone, from the top of the tree (needs tmux):
#   READER_BIN=$PWD/build/normal/reader sh tests/e2e.test.sh
# Prints "ok - ..." or "not ok - ..." (with the screen) per check, then
# "# passed N" and "# failed N"; exits non-zero if a check failed.
# READER_SANITIZED=1 (set by make SAN=1 check) allows longer waits.
#
# shellcheck disable=SC1110,SC1111,SC2317
# (the texts are Chinese, with their own quotation marks; the checks are
# functions called through check, poll and both.)
set -u

passed=0
failed=0
ESC=$(printf '\033')
TOP=$(cd "$(dirname "$0")/.." && pwd)
EDITION=$TOP/data/tongxinyuan-2020-11-11.txt

# Waits, in seconds (polled every 0.1 s): for the screen to show something,
# for the reader to end after a signal, and to let a crash happen where
# nothing on the screen changes.
if [ "${READER_SANITIZED:-0}" = 1 ]; then
	WAIT=20 SIGWAIT=8 GRACE=1
else
	WAIT=8 SIGWAIT=3 GRACE=0.5
fi

# Locale for tmux, capture-pane and wc -L: UTF-8. tmux runs pane commands
# with $SHELL: a POSIX one.
LC_ALL=C.UTF-8
LANG=C.UTF-8
SHELL=/bin/sh
export LC_ALL LANG SHELL
unset TMUX

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

# not_ok DESCRIPTION: a failed check, with the last screen it looked at.
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
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
	echo "# passed $passed"
	echo "# failed $failed"
	[ "$failed" = 0 ]
	exit
}

case ${READER_BIN:-} in
'')
	echo "not ok - READER_BIN is not set (READER_BIN=\$PWD/build/normal/reader)"
	failed=1 S=- SCREEN=
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
SOCK=reader-e2e-$$
tm() {
	tmux -u -L "$SOCK" -f /dev/null "$@"
}
cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
# A session that stays, so that the server does not exit (and race with
# the next new-session) each time a scenario's session is killed.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 86400'

# What runs in a pane: a known title, then the reader (its pid written to
# $TMPD/pid.SESSION) with an empty home, then its exit status; the shell
# stays for capture.
cat >"$TMPD/pane.sh" <<'EOF'
# pane.sh SESSION [READER ARGUMENT...]
dir=$(dirname "$0")
name=$1
shift
. "$dir/env.$name"
unset LINES COLUMNS NO_COLOR TMUX XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME
# A home of its own: no configuration, bookmarks or reading positions
# from elsewhere, and none left behind.
HOME=${home:-$dir/home.$name}
mkdir -p "$HOME"
export HOME
export TERM
[ -n "$nocolor" ] && export NO_COLOR=1
printf '\033]2;before\007'
# C-c reaches the whole foreground group: this shell must outlive it.
trap : INT
sh -c 'echo $$ >"$0"; exec "$@"' "$dir/pid.$name" "$READER_BIN" "$@"
echo "EXITED $?"
exec sleep 600
EOF

n_sessions=0
cur_wait=$WAIT
n_timeouts=0
# start W H TERM NOCOLOR [READER ARGUMENT...]: a new session S running the
# reader in a WxH pane; waits for the reader's pid.
start() {
	n_sessions=$((n_sessions + 1))
	S=s$n_sessions
	SCREEN=
	cur_wait=$WAIT
	_w=$1 _h=$2
	{
		echo "TERM='$3'"
		echo "nocolor='$4'"
		echo "READER_BIN='$READER_BIN'"
		echo "home='${E2E_HOME:-}'"
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
}

stop() {
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

# shows_top_not TEXT: the reader shows the top of the first article, and
# not TEXT.
shows_top_not() {
	has 讲诚信代代相传 && lacks "$1"
}

# same_top LINE: the top row is LINE, a paragraph's first line, in 1/8.
same_top() {
	row_is 1 "$1" && row_starts 1 "    打造思想建设工程" && status_has " 1/8 "
}

title_is() {
	[ "$(display '#{pane_title}')" = "$1" ]
}

differ() {
	[ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]
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
# of the same scenario has failed (the checks after it fail anyway), and
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
		if [ "$_i" -ge $((_max * 10)) ]; then
			cur_wait=0
			n_timeouts=$((n_timeouts + 1))
			[ "$n_timeouts" -ge 3 ] && WAIT=2
			return 1
		fi
		_i=$((_i + 1))
		sleep 0.1
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

percent() {
	last_row | sed -n 's/.* \([0-9]*\)%$/\1/p'
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

# has_colour: a colour among the SGR sequences of the screen (the defaults,
# 39 and 49, are not colours).
has_colour() {
	snap_e
	printf '%s\n' "$SCREEN_E" | grep -o "${ESC}\[[0-9;]*m" | sed "s/^${ESC}\[//; s/m\$//" |
		tr ';' '\n' | grep -Eq '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}

# widest: the widest line of the screen, in cells.
widest() {
	printf '%s\n' "$SCREEN" | wc -L
}

narrower_than() {
	[ "$(widest)" -le "$1" ]
}

widest_between() {
	_wd=$(widest)
	[ "$_wd" -ge "$1" ] && [ "$_wd" -le "$2" ]
}

# selected TEXT: a line starting with TEXT is drawn in reverse.
selected() {
	snap_e
	printf '%s\n' "$SCREEN_E" | grep -q "^\(${ESC}\[[0-9;]*m\)*${ESC}\[7m$1"
}

# taizhou_group: in the locality index, 兴化市, 靖江市 and 海陵区罡杨镇 are
# entries under the heading 江苏省泰州市.
taizhou_group() {
	printf '%s\n' "$SCREEN" | sed -n '/^江苏省泰州市$/,/^[^ ]/p' |
		grep -c '^  \(兴化市\|靖江市\|海陵区罡杨镇\)' | grep -qx 3
}

alive() {
	kill -0 "$PID" 2>/dev/null
}

# modes: the pane's alternate screen, cursor, cursor keys, keypad and
# mouse modes as 5 digits; 01000 is a shell's (no alternate screen, cursor
# shown, the rest off).
modes() {
	display '#{alternate_on}#{cursor_flag}#{keypad_cursor_flag}#{keypad_flag}#{mouse_any_flag}'
}

# alt_was_on MODES: the alternate screen was on in MODES.
alt_was_on() {
	case $1 in 1????) return 0 ;; esac
	return 1
}

# restored MODES: the reader had changed the modes (MODES, taken while it
# ran, are not a shell's), it has ended, and they are back to a shell's.
restored() {
	[ "$1" != 01000 ] && has "EXITED" && [ "$(modes)" = 01000 ]
}

# open_edition [W H [TERM [NOCOLOR]]]: start the reader on the bundled
# edition (given as FILE) and wait for its first screen.
open_edition() {
	start "${1:-80}" "${2:-24}" "${3:-xterm-256color}" "${4:-}" "$EDITION"
	poll has_all 同心圆 创新“五大工程” 唱响“好声音”
	poll status_has " 1/8 "
}

# --- the scenarios ---------------------------------------------------------

test_open() {
	start 80 24 xterm-256color ""   # no FILE: the bundled edition
	wait_for 讲诚信代代相传 同心圆
	check "open shows the banner and the masthead" has_all 讲诚信代代相传 同心圆 电话: 025-58683751
	check "open shows the masthead centred on its own line" row_is 3 "                                     同心圆"
	check "open shows the kicker and the first headline" \
		has_all "宜兴市委统战部:" "创新“五大工程” 唱响“好声音”"
	poll status_has " 1/8 "
	check "open: the status line shows the edition, 1/8 and the locality" \
		status_has " 同心圆 2020-11-11 " " 1/8 " 宜兴市委统战部 %
	check "open: the status line is the bottom row" row_starts 24 " 同心圆 2020-11-11"
	stop
}

test_paging() {
	open_edition
	p0=$(percent)
	check "before paging the end of the article is not shown" shows_top_not 典型示范
	keys Space
	wait_for 典型示范
	p1=$(percent)
	check "page down shows later text (打造“典型示范”工程)" has 打造“典型示范”工程
	check "page down: the banner has scrolled away" both has 典型示范 -- lacks 讲诚信代代相传
	check "page down changes the percentage ($p0% -> $p1%)" differ "$p0" "$p1"
	keys b
	wait_for 讲诚信代代相传
	check "b pages back up to the banner" has_all 讲诚信代代相传 "创新“五大工程”"
	keys G
	wait_for 夏晓玲
	check "G goes to the bottom: the byline, 100%" status_has "100%"
	keys g
	wait_for 讲诚信代代相传
	check "g goes back to the top" row_starts 1 "                                 讲诚信代代相传"
	keys Space Space
	poll status_has " 2/8 "
	check "page down past the end opens the next article" \
		has "兴化统一战线“暖心早茶” 搭出政企沟通平台"
	keys x
	poll status_has "no such key"
	check "an unbound key says so on the status line" status_has " x: no such key (h for help)"
	stop
}

test_articles() {
	open_edition
	keys ']'
	poll status_has " 2/8 "
	check "] opens the next article: 2/8, 兴化" status_has " 2/8 兴化"
	check "] shows the 兴化统一战线 headline at the top" \
		row_is 1 "                    兴化统一战线“暖心早茶” 搭出政企沟通平台"
	keys '['
	poll status_has " 1/8 "
	check "[ goes back to 1/8 and the front page" has_all 讲诚信代代相传 "创新“五大工程” 唱响“好声音”"
	keys '['
	poll status_has "first article"
	check "[ on the first article says so" status_has " this is the first article"
	keys Right Right
	poll status_has " 3/8 "
	check "Right twice: 3/8 苏州市吴中区" has "创新统战工作机制 集智建言显成效"
	keys Left
	poll status_has " 2/8 "
	check "Left: back to 2/8" has "兴化统一战线“暖心早茶”"
	stop
}

test_localities() {
	open_edition
	keys l
	wait_for " Localities:"
	check "l opens the locality index" \
		row_is 1 " Localities: type to filter, Enter to jump, Esc to close"
	check "the index has a filter line" row_is 2 " filter:"
	check "the index groups 兴化市, 靖江市, 海陵区罡杨镇 under 江苏省泰州市" taizhou_group
	type_text 靖江
	wait_for " filter: 靖江"
	wait_gone 兴化市
	check "typing 靖江 filters the index to 靖江市" has_all "靖江市（靖江）" 江苏省泰州市
	check "the filter hides the other entries" \
		both has "靖江市（靖江）" -- not has_any "兴化市（兴化）" "宜兴市（宜兴市委统战部）" 江苏省南京市
	keys Enter
	poll status_has " 5/8 "
	check "Enter jumps to the 靖江“千里取经” article, 5/8" \
		has_all "靖江“千里取经”架设商会合作桥梁" "近日,靖江市委统战部"
	check "the index is closed after the jump" both status_has " 5/8 " -- lacks Localities:
	keys l
	wait_for " Localities:"
	type_text zz
	wait_for "(nothing matches)"
	check "a filter matching nothing says so" has "  (nothing matches)"
	keys Escape
	wait_gone " Localities:"
	check "Esc closes the index, the article is still 5/8" status_has " 5/8 靖江"
	stop
}

test_contents() {
	open_edition
	keys t
	wait_for " Contents:"
	check "t lists every headline, numbered" \
		has_all "  1  宜兴市委统战部：创新“五大工程” 唱响“好声音”" \
		"  5  靖江：靖江“千里取经”架设商会合作桥梁" \
		"  8  泰州市海陵区罡杨镇：基层统战服务为高校学子“搭台铺路”"
	check "the open article is selected" selected "  1  宜兴市委统战部"
	keys j j
	poll selected "  3  苏州市吴中区"
	check "j j moves the selection to entry 3" selected "  3  苏州市吴中区"
	keys Enter
	poll status_has " 3/8 "
	check "Enter opens article 3" has_all "创新统战工作机制 集智建言显成效" 苏州市吴中区:
	keys t
	wait_for " Contents:"
	type_text 石榴
	wait_gone "  1  "
	keys Enter
	poll status_has " 7/8 "
	check "filtering the contents (石榴) and Enter opens 7/8" has "民族团结谱新篇 石榴花开别样红"
	stop
}

test_search() {
	open_edition
	check "before a search 好声音 is drawn plainly" both has 好声音 -- not highlighted 好声音
	keys /
	poll status_is "/"
	type_text 好声音
	poll status_is "/好声音"
	check "the search prompt echoes the CJK query" both alive -- status_is "/好声音"
	keys Enter
	poll highlighted 好声音
	check "/好声音 highlights the match" highlighted 好声音
	check "the match is on screen, the status line is back" status_has " 1/8 "
	# Matches: headline, paragraphs 1 to 3 on the first screen; the fifth
	# (交流交融) is below it, so the fourth n scrolls.
	keys n n n n
	wait_gone 讲诚信代代相传
	check "n moves on to the next matches (scrolled to 交流交融)" \
		has_all "唱响“交流交融”好声音" "唱响“议政建言”好声音"
	check "the match found by n is highlighted" highlighted 好声音
	keys n n n
	poll status_has wrapped
	check "n past the last match wraps around, and says so" \
		status_has " search wrapped to the first article"
	check "after wrapping the first match is shown" has 讲诚信代代相传
	keys /
	poll status_is "/"
	type_text 火星探测
	keys Enter
	poll status_has "not found"
	check "a search for an absent word says not found" status_has " not found"
	keys N
	poll status_has "not found"
	check "N after a failed search: not found" status_has " not found"
	keys /
	poll status_is "/"
	type_text 早茶峰会
	keys Enter
	poll status_has " 2/8 "
	check "a search finds a match in another article" highlighted 早茶峰会
	stop
}

test_help() {
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
}

# scroll_up_to TEXT: press k until the top row starts with TEXT.
scroll_up_to() {
	_n=0
	while [ "$_n" -lt 20 ]; do
		snap
		row_starts 1 "$1" && return 0
		_before=$(row 1)
		keys k
		poll not row_is 1 "$_before" || return 1
		_n=$((_n + 1))
	done
	return 1
}

resize() {
	tm resize-window -t "$S" -x "$1" -y "$2"
}

# size_is W H: the pane is W x H.
size_is() {
	[ "$(display '#{pane_width}x#{pane_height}')" = "$1x$2" ]
}

test_resize() {
	open_edition
	# Start mid-article: the first visible line is the start of a paragraph.
	keys Space
	wait_gone 讲诚信代代相传
	check "page down, then k: the top line starts a paragraph (打造思想建设工程)" \
		scroll_up_to "    打造思想建设工程"
	top80=$(row 1)

	resize 40 20
	poll size_is 40 20
	poll status_has " 1/8 "
	poll row_starts 1 "    打造思想建设工程"
	check "at 40x20 the first visible paragraph is still at the top" row_starts 1 "    打造思想建设工程"
	check "at 40x20 no line is wider than 40 cells" both status_has " 1/8 " -- narrower_than 40
	check "at 40x20 the status line is the bottom row" row_starts 20 " 同心圆 2020-11-11  1/8"
	check "at 40x20 the text is filled to the width (a line of 38 to 40 cells)" widest_between 38 40

	resize 120 40
	poll size_is 120 40
	poll status_has " 1/8 "
	wait_for 夏晓玲
	check "at 120x40 the whole article fits: from the banner to the byline" \
		has_all 讲诚信代代相传 打造“搭合唱戏”工程 夏晓玲
	check "at 120x40 the status line is the bottom row" row_starts 40 " 同心圆 2020-11-11  1/8"
	check "at 120x40 lines are laid out to 120 columns" widest_between 110 120

	resize 1 1
	poll size_is 1 1
	sleep "$GRACE"
	check "at 1x1 the reader is still running" alive

	resize 80 24
	poll size_is 80 24
	poll status_has " 1/8 "
	poll row_is 1 "$top80"
	check "back at 80x24: the same article and first line as before the resizes" \
		same_top "$top80"
	stop

	# A round trip through a size where the article does not fit whole.
	open_edition
	keys Space
	wait_gone 讲诚信代代相传
	scroll_up_to "    打造思想建设工程"
	top80=$(row 1)
	resize 40 20
	poll size_is 40 20
	resize 1 1
	poll size_is 1 1
	resize 80 24
	poll size_is 80 24
	poll row_is 1 "$top80"
	check "80x24 -> 40x20 -> 1x1 -> 80x24 keeps the first line" same_top "$top80"

	resize 30 2
	wait_for "terminal too small"
	check "at 30x2 it says terminal too small" row_is 1 "terminal too small"
	resize 7 10
	poll row_is 1 "termina"
	check "at 7x10 it says what fits of terminal too small" row_is 1 "termina"
	resize 80 24
	poll status_has " 1/8 "
	check "after the too-small sizes the article is back, the first line still on screen" \
		has_all "$top80" " 1/8 "
	keys q
	wait_for "EXITED"
	check "after all the resizes q exits with 0" has "EXITED 0"
	stop
}

test_escapes() {
	fx=$TMPD/escapes.txt
	{
		printf '同心圆\n\n2020年11月11日 星期三\n\n靖江:\n\n控制字符测试\n\n'
		printf '第一段开头\033]2;pwned\007中间\033[2J结尾,铃声\007删除\177完。\n\n'
		printf '第二段正常文字。\n\n张三\n'
	} >"$fx"
	start 80 24 xterm-256color "" "$fx"
	wait_for 控制字符测试
	poll status_has " 1/1 "
	check "an edition with escape sequences opens" has_all 同心圆 控制字符测试 第二段正常文字
	check "ESC and BEL are shown as marks: ␛]2;pwned␇" has "␛]2;pwned␇"
	check "the clear-screen sequence is shown as ␛[2J" has "␛[2J结尾"
	check "DEL is shown as ␡" has "删除␡完"
	check "the pane title was not changed by the text (still 'before')" \
		both alive -- has "␛]2;pwned␇" -- title_is before
	check "the screen was not cleared: the lines above the paragraph are there" \
		row_is 1 "                                     同心圆"
	check "the marks are drawn in reverse" highlighted "␛"
	stop
}

test_quit() {
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
}

# test_signal SIG: the reader ends promptly on SIG, the terminal restored.
test_signal() {
	open_edition
	m=$(modes)
	ran=$(alive && echo yes)
	kill -"$1" "$PID"
	poll -t "$SIGWAIT" has EXITED
	check "SIG$1 ends the reader within ${SIGWAIT}s" both [ "$ran" = yes ] -- has EXITED -- not alive
	check "after SIG$1 the terminal is restored" restored "$m"
	stop
}

test_signal_in_prompt() {
	open_edition
	keys /
	poll status_is "/"
	type_text 好声
	poll status_is "/好声"
	m=$(modes)
	ran=$(alive && echo yes)
	kill -TERM "$PID"
	poll -t "$SIGWAIT" has EXITED
	check "SIGTERM with the search prompt open ends the reader" \
		both [ "$ran" = yes ] -- has EXITED -- not alive
	check "after SIGTERM in the prompt the terminal is restored" restored "$m"
	stop
}

test_sigint_key() {
	open_edition
	m=$(modes)
	ran=$(alive && echo yes)
	keys C-c
	poll -t "$SIGWAIT" has EXITED
	check "C-c ends the reader" both [ "$ran" = yes ] -- has EXITED -- not alive
	check "after C-c the terminal is restored" restored "$m"
	stop
}

test_terms() {
	for term in xterm-256color tmux-256color screen linux vt100; do
		open_edition 80 24 "$term"
		check "TERM=$term: the reader draws the masthead, the headline, the status line" \
			has_all 同心圆 "创新“五大工程” 唱响“好声音”" "2020-11-11  1/8 宜兴市委统战部"
		keys ']'
		poll status_has " 2/8 "
		check "TERM=$term: ] works" has "兴化统一战线“暖心早茶”"
		m=$(modes)
		keys q
		wait_for EXITED
		check "TERM=$term: q exits with 0" has "EXITED 0"
		check "TERM=$term: after q the terminal is restored" restored "$m"
		stop
	done
}

test_no_color() {
	open_edition 80 24 xterm-256color ""
	check "with colours (xterm-256color): colour SGR on screen" has_colour
	stop
	open_edition 80 24 xterm-256color 1
	keys /
	poll status_is "/"
	type_text 好声音
	keys Enter
	poll highlighted 好声音
	check "NO_COLOR=1: the match is still highlighted" highlighted 好声音
	check "NO_COLOR=1: no colour SGR on screen" both has "创新“五大工程”" -- not has_colour
	stop
}

# A home shared by several runs: bookmark two stories, quit, list them
# with --bookmarks, reopen where the reader was, jump with ' and Enter.
test_bookmarks() {
	E2E_HOME=$TMPD/bookmarks-home
	open_edition
	keys ]
	poll status_has " 2/8 "
	keys m
	poll status_has "note"
	type_text 早茶好文
	keys Enter
	poll status_has bookmarked
	check "m then a note bookmarks the story" status_has bookmarked
	keys ] ] j j j
	poll status_has " 4/8 "
	keys m
	poll status_has "note"
	keys Enter
	poll status_has bookmarked
	# Down and up again: a redraw, and the top row is text, not a blank.
	keys j k
	poll status_has "4/8 ★"
	check "the status line marks a bookmarked story" status_has "4/8 ★"
	snap
	top=$(row 1)
	keys q
	wait_for EXITED
	check "q after bookmarking exits 0" has "EXITED 0"
	stop
	out=$(HOME=$E2E_HOME XDG_DATA_HOME= XDG_STATE_HOME= XDG_CONFIG_HOME= "$READER_BIN" --bookmarks 2>&1)
	check "--bookmarks lists both, newest first, with the note" \
		sh -c 'printf "%s\n" "$1" | sed -n 1p | grep -q "^edition_id	" &&
			printf "%s\n" "$1" | sed -n 2p | grep -q "幸福“脱口秀”" &&
			printf "%s\n" "$1" | sed -n 3p | grep -q "兴化统一战线.*	早茶好文\$" &&
			[ "$(printf "%s\n" "$1" | wc -l)" = 3 ]' sh "$out"
	start 80 24 xterm-256color "" "$EDITION"
	poll status_has " 4/8 "
	check "reopening restores the article" status_has " 4/8 "
	check "reopening restores the position in it" both [ -n "$top" ] -- row_is 1 "$top"
	keys "'"
	poll has " Bookmarks:"
	check "' lists the bookmarks" has_all " Bookmarks:" "幸福“脱口秀”" "— 早茶好文"
	keys Down Enter
	poll status_has " 2/8 "
	check "' then Enter on the second jumps to its story" \
		both status_has " 2/8 " -- has "兴化统一战线“暖心早茶”"
	keys "'"
	poll has " Bookmarks:"
	keys d
	poll status_has "delete"
	keys y
	poll status_has "deleted"
	check "d then y deletes a bookmark" both status_has deleted -- lacks "幸福“脱口秀”"
	keys Escape q
	wait_for EXITED
	stop
	out=$(HOME=$E2E_HOME XDG_DATA_HOME= XDG_STATE_HOME= XDG_CONFIG_HOME= "$READER_BIN" --bookmarks 2>&1)
	check "after the deletion --bookmarks lists one" \
		sh -c '[ "$(printf "%s\n" "$1" | wc -l)" = 2 ] && printf "%s\n" "$1" | grep -q 兴化统一战线' sh "$out"
	E2E_HOME=
}

# A rebinding in $XDG_CONFIG_HOME/reader/reader.ini takes effect.
test_rebinding() {
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
	keys ]
	poll status_has "no such key"
	check "] is no longer bound" both status_has "]: no such key" -- has "苏州市吴中区:"
	keys q
	wait_for EXITED
	stop
	E2E_HOME=
}

# C-z from an interactive shell: the terminal is given back while the
# reader is stopped, and fg brings it back with a correct screen.
test_suspend() {
	command -v bash >/dev/null 2>&1 || return 0
	n_sessions=$((n_sessions + 1))
	S=s$n_sessions
	mkdir -p "$TMPD/home.$S"
	tm new-session -d -s "$S" -x 80 -y 24 \
		"env -i HOME='$TMPD/home.$S' TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin bash --norc --noprofile -i"
	poll has 'bash-'
	keys "'$READER_BIN' '$EDITION'" Enter
	poll status_has " 1/8 "
	keys ]
	poll status_has " 2/8 "
	keys C-z
	poll has Stopped
	check "C-z stops the reader and gives the terminal back" \
		both has Stopped -- [ "$(tm display -p -t "$S" '#{alternate_on}')" = 0 ]
	keys fg Enter
	poll status_has " 2/8 "
	check "fg brings the reader back where it was, screen redrawn" \
		both status_has " 2/8 " -- has "兴化统一战线“暖心早茶”" -- \
		[ "$(tm display -p -t "$S" '#{alternate_on}')" = 1 ]
	keys q
	stop
}

test_open
test_suspend
test_bookmarks
test_rebinding
test_paging
test_articles
test_localities
test_contents
test_search
test_help
test_resize
test_escapes
test_quit
test_signal TERM
test_signal HUP
test_signal_in_prompt
test_sigint_key
test_terms
test_no_color
finish
