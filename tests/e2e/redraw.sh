#!/bin/sh
# redraw: moving by lines and pages draws only what changed (curses scrolls
# the terminal and writes the new lines); whatever it left on the screen
# must be what a full redraw shows. After each run of j, k, Space, b, d, u
# (with counts, across articles, with search hits highlighted), the pane
# with its attributes equals the pane after C-l, which repaints every
# cell; at the end, it equals a fresh start at the same place. At 80x24
# and 40x20.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/redraw.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# canon: a capture with attributes (capture-pane -e) on standard input,
# written as each line's runs of text with the attributes they are drawn
# in, spelt out in full: two captures of the same cells give the same
# lines, wherever tmux chose to put its SGR sequences (at the end of a
# line or the start of the next) and whether blanks at the end of a line
# were written or cleared.
canon() {
	awk '
	function reset() { b = d = it = u = bl = r = 0; fg = bg = "" }
	function sgr(p,   n, a, i, c) {
		n = split(p, a, ";")
		if (n == 0) { n = 1; a[1] = 0 }
		for (i = 1; i <= n; i++) {
			c = a[i] + 0
			if (c == 0) reset()
			else if (c == 1) b = 1
			else if (c == 2) d = 1
			else if (c == 22) b = d = 0
			else if (c == 3) it = 1
			else if (c == 23) it = 0
			else if (c == 4) u = 1
			else if (c == 24) u = 0
			else if (c == 5) bl = 1
			else if (c == 25) bl = 0
			else if (c == 7) r = 1
			else if (c == 27) r = 0
			else if (c == 39) fg = ""
			else if (c == 49) bg = ""
			else if (c == 38 || c == 48) {
				k = a[i + 1] == 5 ? 2 : 4
				v = a[i]
				for (j = 1; j <= k; j++) v = v ":" a[i + j]
				i += k
				if (c == 38) fg = v; else bg = v
			} else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) fg = c
			else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) bg = c
		}
	}
	function state() { return b d it u bl r "/" fg "/" bg }
	function put(t) {
		if (t == "") return
		n_seg++; seg_s[n_seg] = state(); seg_t[n_seg] = t
	}
	BEGIN { reset(); plain = state() }
	{
		n_seg = 0
		line = $0
		while ((i = index(line, "\033[")) > 0) {
			put(substr(line, 1, i - 1))
			line = substr(line, i + 2)
			j = match(line, /[@-~]/)
			if (substr(line, j, 1) == "m") sgr(substr(line, 1, j - 1))
			line = substr(line, j + 1)
		}
		put(line)
		# Blanks in plain attributes at the end of the line are no cells
		# worth comparing.
		while (n_seg > 0 && seg_s[n_seg] == plain) {
			sub(/ +$/, "", seg_t[n_seg])
			if (seg_t[n_seg] != "") break
			n_seg--
		}
		out = ""
		for (k = 1; k <= n_seg; k++) {
			if (k == 1 || seg_s[k] != seg_s[k - 1]) out = out "<" seg_s[k] ">"
			out = out seg_t[k]
		}
		print out
	}'
}

# settle: the pane once it has stayed the same for 0.3 s, 1 s under the
# sanitizers or valgrind (the reader has answered every key sent): SCREEN,
# and SCREEN_C (canon) with the attributes; fails after WAIT seconds.
# Under the sanitizers or valgrind every settle takes a second: there the
# runs of moves are the first MOVES of the list, at 80x24 only (the plain
# run checks them all at both sizes), to keep CI within its time.
if [ "${READER_SANITIZED:-0}" = 1 ] || [ "${READER_VALGRIND:-0}" = 1 ]; then
	STILL=10 MOVES=4 SIZES="80 24"
else
	STILL=3 MOVES=10 SIZES="80 24,40 20"
fi
settle() {
	_same=0 _i=0
	snap_e
	_last=$SCREEN_E
	while [ "$_same" -lt "$STILL" ]; do
		[ "$_i" -ge $((WAIT * 10)) ] && return 1
		sleep 0.1
		_i=$((_i + 1))
		snap_e
		if [ "$SCREEN_E" = "$_last" ]; then
			_same=$((_same + 1))
		else
			_same=0 _last=$SCREEN_E
		fi
	done
	SCREEN_C=$(printf '%s\n' "$SCREEN_E" | canon)
	snap
}

# same_as_redraw: the pane now equals the pane after C-l (SCREEN shows the
# first, with the second after it, when they differ).
same_as_redraw() {
	settle || return 1
	_moved=$SCREEN_C
	keys C-l
	settle || return 1
	[ "$SCREEN_C" = "$_moved" ] && return 0
	SCREEN=$(printf '%s\n--- after C-l:\n%s' "$_moved" "$SCREEN_C")
	return 1
}

# moves W H: runs of moves, each checked against a full redraw.
moves() {
	while read -r _keys; do
		# shellcheck disable=SC2086 # one key a word
		keys $_keys
		check "${1}x$2: after $_keys the screen is what a full redraw draws" same_as_redraw
	done <<EOF
$(sed -n "1,${MOVES}p" <<MOVES
j j j j j j j
k k k j j k
Space j j k Space
b k k k j
d d u j u
3 j 5 k 2 j
Space Space Space Space
j j j j j j j j j j j j
b b b k k k k
u u u u Space b
MOVES
)
EOF
}

_ifs=$IFS
IFS=,
# shellcheck disable=SC2086 # the sizes, split on commas
set -- $SIZES
IFS=$_ifs
for size in "$@"; do
	# shellcheck disable=SC2086 # two numbers
	set -- $size
	E2E_HOME=$TMPD/home-$1x$2
	start "$1" "$2" xterm-256color "" "$EDITION"
	# The places are resolved at the first pause: the status line then
	# shows the locality.
	poll status_has " 1/8 宜兴"
	moves "$1" "$2"
	# Highlighted hits scroll with their text.
	search_for 统战
	poll status_has "hit "
	moves "$1" "$2"
	# Where it stopped (the highlight off), drawn by a reader that has
	# just started there.
	keys Escape
	poll lacks "hit "
	keys G k k
	settle
	before=$SCREEN_C
	status=$(last_row)
	keys q
	wait_for EXITED
	stop
	start "$1" "$2" xterm-256color "" "$EDITION"
	# Its status line once the places are resolved, at the first pause.
	poll status_is "$status"
	settle
	SCREEN=$(printf '%s\n--- after a fresh start:\n%s' "$before" "$SCREEN_C")
	check "${1}x$2: the screen after the moves is what a fresh start there draws" \
		[ "$SCREEN_C" = "$before" ]
	keys q
	wait_for EXITED
	stop
done

finish
