#!/bin/sh
# Runs every test program given, then the shell tests in tests/sh/, and ends
# with one line "check: N passed, N failed" counting the individual tests.
# Environment: B (the build folder), CC, MAKE.
passed=0
failed=0
failed_names=
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$@"; do
    if "$t" >"$log" 2>&1; then rc=0; else rc=$?; fi
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
        failed=$((failed + 1))   # crashed or exited before cmocka's summary
        failed_names="$failed_names $t"
    elif [ "${f:-0}" -ne 0 ]; then
        failed_names="$failed_names $t"
    fi
done

for s in tests/sh/*.sh; do
    [ -f "$s" ] || continue
    if sh "$s" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "[ SHELL OK ] $s"
    else
        failed=$((failed + 1))
        failed_names="$failed_names $s"
        cat "$log"
        echo "[ SHELL FAILED ] $s"
    fi
done

[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
