#!/bin/sh
# corpus.sh NAME DIR: the seed corpus of fuzz_NAME, made in DIR: the inputs
# of tests/fuzz/corpus/NAME/ (those only the fuzzer uses) and the fixtures
# that tests/fuzz/corpus/NAME.list names (one path a line from the top of
# the tree; '#' starts a comment), which the tests use too and so are kept
# once, where the tests read them. Run from the top of the tree by make fuzz.
set -eu
name=$1
dir=$2
mkdir -p "$dir"
for f in "tests/fuzz/corpus/$name"/*; do
    [ -f "$f" ] && cp "$f" "$dir/"
done
list=tests/fuzz/corpus/$name.list
[ -f "$list" ] || exit 0
sed 's/#.*//' "$list" | while read -r f; do
    [ -n "$f" ] || continue
    [ -f "$f" ] || { echo "fuzz: $list names $f, which is not there" >&2; exit 1; }
    cp "$f" "$dir/"
done
