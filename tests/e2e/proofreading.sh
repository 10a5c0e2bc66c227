#!/bin/sh
# proofreading: the reader as a proofreader's tool. : goes to a source line
# of the file, through the joins the loader made (line 56 of the bundled
# edition continues the paragraph of line 54 across a column break); P
# numbers the screen lines with their source lines and highlights the
# findings of --lint, > and < go through them; r shows the file's own
# lines; v edits the file in $EDITOR and reloads it.
# Run alone: READER_BIN=$PWD/build/normal/reader sh tests/e2e/proofreading.sh
# shellcheck disable=SC1110,SC1111,SC2317,SC2119,SC2016
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

start 80 10 xterm-256color "" "$EDITION"
poll status_has " 1/8 "
keys :
poll status_has ":"
type_text 56
keys Enter
poll status_has " 3/8 "
check ":56 opens article 3 with the row holding line 56's first character (规, joined to line 54's 进一步) on top" \
	both status_has " 3/8 " -- row_has 1 "等措施,进一步规"
keys : 1 Enter
poll status_has "outside any article"
check ":1 (the masthead) is outside any article, and nothing moves" \
	both status_has "line 1 is outside any article" -- row_has 1 "等措施,进一步规"
keys : x Enter
poll status_has "not a line number"
check ":x is no line number" status_has "not a line number: x"
keys ']'
poll status_has " 4/8 "
keys 5 6 :
poll status_has " 3/8 "
check "56: (a count) goes to line 56 without a prompt" \
	both status_has " 3/8 " -- row_has 1 "等措施,进一步规"

# P: the gutter with source line numbers (only where the line changes),
# the text laid out narrower beside it.
keys P
# The first P proofreads the whole edition (OpenCC's tables, the word
# list): give it longer under the sanitizers and valgrind.
poll -t $((WAIT * 4)) status_has "proofreading:"
check "P: the status line counts the findings and names > and <" \
	status_has "proofreading: 53 findings (> and < go through them)"
check "P: the gutter numbers the rows where their source line changes (54, then 56)" \
	both row_starts 1 "  54 谈制度" -- row_starts 2 "     等措施" -- row_starts 3 "  56 性和"
keys '>'
poll has "join:"
check "> goes to the next finding, the join of line 54: its seam on the top row, its kind on the status line" \
	both has "19/53 54:118 join: the paragraph continues at line 56" -- \
	row_starts 1 "  54 等措施,进一步规范"
keys '>'
poll has "halfwidth-punctuation"
check "> again: the next finding, in the next paragraph" \
	both has "20/53 58:7 halfwidth-punctuation:" -- row_starts 1 "  58 "
keys '<'
poll has "join:"
check "< goes back to the join" has "19/53 54:118 join:"
snap_e
check "the seam is highlighted: 步 and 规, the two characters where line 54 meets line 56" \
	eval 'case $SCREEN_E in *"进一$ESC["*"步规$ESC["*) true ;; *) false ;; esac'
keys 2 0 '<'
poll has "1/53 14:8"
check "20< stops at the first finding, in article 1" both has "1/53 14:8" -- row_starts 1 "  14 "
keys '<'
poll status_has "no findings before this"
check "< before the first finding says there is none" status_has "no findings before this"
keys P
poll lacks "  54 "
check "P again: no gutter" not row_starts 1 "  5"

# r: the raw view, at the first line of the paragraph on the top line.
keys 5 6 : r
poll has "   54 创新知情机制"
check "r: the file's lines as they are, numbered, from just above the paragraph's first line" \
	both row_starts 1 "   52 吴中区党外人士" -- has "   53" -- has "   54 创新知情机制" -- \
	status_has "lines 52-" -- status_has "Esc closes"
check "the paragraph's first line is marked (its number in reverse)" \
	eval 'snap_e; case $SCREEN_E in *"$ESC[7m   54 "*) true ;; *) false ;; esac'
keys Space
poll row_starts 1 "   54 "
check "Space pages on by the lines shown" row_starts 1 "   54 "
keys k
poll row_starts 1 "   53"
check "k goes a line up" row_starts 1 "   53"
keys Escape
poll status_has " 3/8 "
check "Esc closes it, back at the same place" both status_has " 3/8 " -- lacks "   53"
keys q
wait_for EXITED
check "q quits" has "EXITED 0"
stop

# v: the editor at the top line's source line, then the edition reloaded
# at the same place. The editor records its arguments and appends a
# paragraph to the last article.
ed=$TMPD/edited.txt
cp "$EDITION" "$ed"
cat >"$TMPD/editor" <<'EDITOR'
#!/bin/sh
printf '%s\n' "$*" >"$(dirname "$2")/editor.args"
printf '\n校对时新加的一段。\n' >>"$2"
EDITOR
chmod +x "$TMPD/editor"
E2E_PREFIX="env VISUAL= EDITOR=$TMPD/editor"
start 80 10 xterm-256color "" "$ed"
E2E_PREFIX=
poll status_has " 1/8 "
keys 5 8 :
poll row_starts 1 "    创新联动机制"
keys v
poll status_has "reloaded"
check "v runs \$EDITOR with +LINE (the top line's source line, 58) and the file" \
	both eval '[ "$(cat "$TMPD/editor.args")" = "+58 $ed" ]' -- status_has "reloaded"
check "on return the edition is reloaded at the same place" \
	row_starts 1 "    创新联动机制"
keys 8 ']' G
poll has "校对时新加的一段。"
check "the editor's change is in the reloaded edition" has "校对时新加的一段。"
keys q
wait_for EXITED
stop

# A file read from standard input cannot be edited.
E2E_PIPE=$EDITION
start 80 10 xterm-256color "" -
E2E_PIPE=
poll status_has " 1/8 "
keys v
poll status_has "standard input"
check "v on standard input says there is no file to edit" \
	status_has "the edition came from standard input: there is no file to edit"
keys q
stop

# Control characters show as their marks, the line otherwise as it is;
# so do a tab, a zero-width space, an ideographic space, a no-break space
# and a space at the line's end (line 9), each a mark of its own in reverse.
printf '同心圆\n\n2020年11月11日 星期三\n\n第一篇标题\n\n正文\001含控制字符。\n\n\t第二段\342\200\213零宽\343\200\200全角\302\240不断 \n\n张三\n' >"$TMPD/ctl.txt"
start 80 10 xterm-256color "" "$TMPD/ctl.txt"
poll has "第一篇标题"
keys G r
poll has "    7 "
check "r: a control character in the raw view is its mark (␁)" has "    7 正文␁含控制字符。"
check "r: tab, zero-width, ideographic, no-break and trailing spaces have marks (→ <200B> ＿ ⍽ ␣)" \
	has "    9 →第二段<200B>零宽＿全角⍽不断␣"
check "the marks are drawn apart (in reverse)" \
	both highlighted "→" -- highlighted "<200B>" -- highlighted "＿"
keys q
poll status_has " 1/1 "
check "q closes the raw view, as a list" status_has " 1/1 "
# The tab taken off line 9 is a repair the proofreading view shows.
keys P
poll -t $((WAIT * 4)) status_has "proofreading:"
keys '>'
poll has "control-character:"
keys '>'
poll has "indent:"
check "P and > >: the indentation taken off line 9 is the finding after line 7's control" \
	has "2/5 9:1 indent: indentation removed: 1 tab"
# So is the space taken off its end: the last finding, at its column.
keys '>' '>' '>'
poll has "trailing-space:"
check "> > >: the space taken off the end of line 9 is a trailing-space finding at column 14" \
	has "5/5 9:14 trailing-space: trailing whitespace removed: 1 space"
stop
finish
