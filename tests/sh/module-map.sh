#!/bin/sh
# The module map of lib/README.md holds: each module of lib/ includes the
# headers of, and calls (by its objects' undefined symbols, nm), only
# itself and the modules below it, so the tree has no circle and no arrow
# that runs back up. A module's inner headers (plan/pool.h, ...) are its
# own, and io/guide.h is guide.c's and money.c's.
set -eu
B="${B:-build/default}"
# module: the modules it may use besides itself (lib/README.md)
allowed() {
    case "$1" in
    common) echo "" ;;
    core) echo "common" ;;
    plan | io) echo "core common" ;;
    pay) echo "plan io core common" ;;
    bls) echo "io core common" ;;
    *) echo "?" ;;
    esac
}
bad=0
may_use() { # from to
    [ "$1" = "$2" ] && return 0
    for m in $(allowed "$1"); do [ "$m" = "$2" ] && return 0; done
    return 1
}
# 1. includes: "X/..." names module X; internal.h is common's.
for f in lib/*/*.c lib/*/*.h; do
    from=$(basename "$(dirname "$f")")
    [ "$(allowed "$from")" = "?" ] && { echo "module-map: $f: $from is no module of lib/README.md"; bad=1; continue; }
    for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
        case "$inc" in
        internal.h) to=common ;;
        */*) to=${inc%%/*} ;;
        *) to=$from ;; # a header beside the file
        esac
        if ! may_use "$from" "$to"; then
            echo "module-map: $f includes $inc: $from may not use $to"; bad=1
        fi
        case "$inc" in
        plan/pool.h | plan/rng.h | plan/select.h | plan/simulate.h)
            [ "$from" = plan ] || { echo "module-map: $f includes $inc, which is plan's own"; bad=1; } ;;
        pay/pay.h | bls/bls.h)
            [ "$from" = "${inc%%/*}" ] || { echo "module-map: $f includes $inc, which is ${inc%%/*}'s own"; bad=1; } ;;
        io/guide.h)
            case "$f" in
            lib/io/guide.c | lib/io/money.c | lib/io/guide.h) ;;
            *) echo "module-map: $f includes $inc, which is the guide reader's own"; bad=1 ;;
            esac ;;
        esac
    done
done
# 2. calls: who defines each symbol an object needs.
[ -d "$B/lib" ] || { echo "module-map: $B/lib not built"; exit 1; }
defs=$(mktemp)
trap 'rm -f "$defs"' EXIT
for o in "$B"/lib/*/*.o; do
    m=$(basename "$(dirname "$o")")
    nm --defined-only "$o" | awk -v m="$m" '$2 ~ /^[TDBR]$/ && $3 ~ /^career/ {print $3, m}'
done >"$defs"
[ -s "$defs" ] || { echo "module-map: no career symbols defined in $B/lib"; exit 1; }
for o in "$B"/lib/*/*.o; do
    from=$(basename "$(dirname "$o")")
    for s in $(nm --undefined-only "$o" | awk '$2 ~ /^career/ {print $2}'); do
        to=$(awk -v s="$s" '$1 == s {print $2; exit}' "$defs")
        [ -n "$to" ] || continue
        if ! may_use "$from" "$to"; then
            echo "module-map: $o calls $s of $to: $from may not use $to"; bad=1
        fi
    done
done
[ "$bad" -eq 0 ] && echo "module-map: lib/ keeps to lib/README.md"
exit "$bad"
