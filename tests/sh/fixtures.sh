#!/bin/sh
# Each fixture is committed once: no two files of examples/ and tests/ have
# the same bytes. A fixture that is also an example lives in examples/,
# a test-only one in tests/data/; the fuzz corpora name them in
# tests/fuzz/corpus/NAME.list (copied by make fuzz) instead of holding
# copies. Every listed path exists, every corpus belongs to a fuzz target,
# and no two seeds of one corpus share a file name (one would overwrite
# the other in build/fuzz/corpus/NAME/).
set -eu
fail() { echo "FAIL: fixtures: $*"; exit 1; }
dups=$(find examples tests -type f -exec md5sum {} + | sort | uniq -w32 --all-repeated=separate)
[ -z "$dups" ] || { printf '%s\n' "$dups"; fail "the same bytes in more than one file"; }
n=0
for c in $(ls tests/fuzz/corpus | sed 's/\.list$//' | sort -u); do
    [ -f "tests/fuzz/fuzz_$c.c" ] || fail "tests/fuzz/corpus/$c: no tests/fuzz/fuzz_$c.c"
    names=$( { [ ! -d "tests/fuzz/corpus/$c" ] || ls "tests/fuzz/corpus/$c"
               [ ! -f "tests/fuzz/corpus/$c.list" ] ||
                   sed 's/#.*//' "tests/fuzz/corpus/$c.list" | while read -r f; do
                       [ -n "$f" ] || continue
                       [ -f "$f" ] || { echo "tests/fuzz/corpus/$c.list names $f, not there" >&2; exit 1; }
                       basename "$f"
                   done; } ) || fail "a corpus list names a missing file"
    same=$(printf '%s\n' "$names" | sort | uniq -d | tr '\n' ' ')
    [ -z "$same" ] || fail "corpus $c: more than one seed named $same"
    n=$((n + $(printf '%s\n' "$names" | grep -c .)))
done
for t in tests/fuzz/fuzz_*.c; do
    c=${t#tests/fuzz/fuzz_}; c=${c%.c}
    [ -e "tests/fuzz/corpus/$c" ] || [ -f "tests/fuzz/corpus/$c.list" ] ||
        fail "$t has no seed corpus (tests/fuzz/corpus/$c/ or $c.list)"
done
echo "fixtures: no file committed twice; $n fuzz seeds, each there once"
