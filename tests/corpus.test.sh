#!/bin/sh
# The corpus ratchet: runs the reader over every page of tests/corpus and
# fails, naming the page, when a per-page figure of tests/corpus/expected.tsv
# went down (see tests/score.c). Prints "ok - PAGE" / "not ok - PAGE" and
# "# passed N" / "# failed N"; exits non-zero if a page went down.
#
# Run alone, from the top of the tree (after make build/normal/score):
#   READER_BIN=$PWD/build/normal/reader sh tests/corpus.test.sh
# The scorer is the one built beside READER_BIN ($(BUILD)/score).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
READER=${READER_BIN:-$TOP/build/normal/reader}
SCORE=${SCORE_BIN:-$(dirname "$READER")/score}
if [ ! -x "$SCORE" ] || [ ! -x "$READER" ]; then
	echo "not ok - corpus: $SCORE or $READER is missing (make $(dirname "$READER")/score)"
	echo "# passed 0"
	echo "# failed 1"
	exit 1
fi
cd "$TOP" && exec "$SCORE" --reader "$READER" --ratchet tests/corpus/expected.tsv tests/corpus
