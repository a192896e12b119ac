# Sourced by tests/sh/cli-*.sh: where the tools are, a scratch folder, and
# checks of exit status, stdout and stderr. POSIX sh.
set -eu
bin="${B:-build/default}/bin"
# The command-line tools: one per examples/career-*.c but the demo program
# (estimate project ladder import merit equity), every one of them built.
tools=$(for f in examples/career-*.c; do f=${f#examples/career-}; echo "${f%.c}"; done | grep -vx demo)
for t in $tools; do
    [ -x "$bin/career-$t" ] || { echo "career-$t not built in $bin"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A sanitizer build must not count PLplot's and cairo's own leaks as ours.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/cli/lsan.supp:print_suppressions=0"
# Nor ThreadSanitizer the font stack's own threads (uninstrumented).
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}suppressions=$(pwd)/tests/cli/tsan.supp"

fail() { echo "FAIL: $*"; exit 1; }

# run CMD...: runs it, keeping stdout, stderr and the exit status.
run() {
    if "$@" >"$tmp/out" 2>"$tmp/err"; then rc=0; else rc=$?; fi
}

# ok CMD...: exit 0, something on stdout.
ok() {
    run "$@"
    [ "$rc" -eq 0 ] || { cat "$tmp/err"; fail "exit $rc from: $*"; }
    [ -s "$tmp/out" ] || fail "nothing on stdout from: $*"
}

# fails STATUS PATTERN CMD...: exits STATUS, stdout empty, stderr matches the
# extended regular expression PATTERN (and, for usage errors, the hint).
fails() {
    want=$1; pattern=$2; shift 2
    run "$@"
    [ "$rc" -eq "$want" ] || { cat "$tmp/err"; fail "exit $rc, not $want, from: $*"; }
    [ ! -s "$tmp/out" ] || fail "stdout not empty on error from: $*"
    grep -Eq -- "$pattern" "$tmp/err" || { cat "$tmp/err"; fail "stderr does not match '$pattern' from: $*"; }
    if [ "$want" -eq 2 ]; then
        [ "$(wc -l <"$tmp/err")" -eq 2 ] || { cat "$tmp/err"; fail "usage error not two lines from: $*"; }
        grep -q "^Try '.* --help' for more information\.$" "$tmp/err" || fail "no --help hint from: $*"
    fi
}

# json EXPR: evaluates a python expression on the JSON document on stdout
# (bound to d) and prints it.
json() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$tmp/out" "$1"
}

# close A B REL: |A - B| <= REL * |B|
close() {
    python3 -c 'import sys; a, b, r = map(float, sys.argv[1:]); sys.exit(0 if abs(a - b) <= r * abs(b) else 1)' "$1" "$2" "$3" ||
        fail "$1 is not $2 to $3"
}

# csv_shape FILE COLUMNS ROWS: RFC 4180 with a header of COLUMNS fields and
# ROWS records, every one COLUMNS long.
csv_shape() {
    python3 - "$1" "$2" "$3" <<'PY' || fail "CSV $1 is not $2 columns x $3 rows"
import csv, sys
with open(sys.argv[1], newline='') as f:
    rows = list(csv.reader(f, strict=True))
cols, n = int(sys.argv[2]), int(sys.argv[3])
ok = len(rows) == n + 1 and all(len(r) == cols for r in rows)
if not ok:
    print([len(r) for r in rows])
sys.exit(0 if ok else 1)
PY
}

# limit_mem: in a subshell, bounds the memory of the commands that follow
# to 512 MB, so that a regression fails instead of eating the machine:
# ulimit -v, or, where the build cannot run under it (ASan and TSan reserve
# terabytes of address space), the sanitizers' own RSS limit.
if [ "$( (ulimit -v 524288 && "$bin/career-import" --version >/dev/null 2>&1
         echo $?) 2>/dev/null)" = 0 ]; then
    limit_mem() { ulimit -v 524288; }
else
    limit_mem() {
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=512"
        TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}hard_rss_limit_mb=512"
        export ASAN_OPTIONS TSAN_OPTIONS
    }
fi
