#!/bin/sh
# -o /dev/stdout, /dev/fd/N and /proc/self/fd/N are the shell's own
# descriptors: the tools write through them, where
# they are, and never rename a file over what they point to. So
#   { echo HEADER; career-import G -o /dev/stdout; echo FOOTER; } > out
# keeps HEADER and FOOTER, and >> appends.
. tests/cli/common.sh
guide=examples/guides/performance-architect.txt
oews=tests/data/oews/all_data_M_2018.csv
P=examples/merit/policy.json
E=examples/merit/employees.csv

"$bin/career-import" "$guide" >"$tmp/profile.json" || fail "career-import"
"$bin/career-import" --oews "$oews" --occ 15-1133 >"$tmp/oews.json" ||
    fail "career-import --oews"
"$bin/career-merit" --policy "$P" --format csv "$E" >"$tmp/merit.csv" ||
    fail "career-merit"

# check NAME EXPECTED CMD...: CMD's -o between HEADER and FOOTER, then
# appended after MORE, lands where the shell put it.
check() {
    name=$1; want=$2; shift 2
    rm -f "$tmp/s"
    { echo HEADER; "$@"; echo FOOTER; } >"$tmp/s" || fail "exit $? from: $*"
    { echo HEADER; cat "$want"; echo FOOTER; } >"$tmp/want"
    cmp -s "$tmp/s" "$tmp/want" || { diff "$tmp/want" "$tmp/s" | head; fail "$name: not between HEADER and FOOTER: $*"; }
    { echo MORE; "$@"; } >>"$tmp/s" || fail "exit $? from >>: $*"
    { cat "$tmp/want"; echo MORE; cat "$want"; } >"$tmp/want2"
    cmp -s "$tmp/s" "$tmp/want2" || fail "$name: >> did not append: $*"
    [ "$(ls "$tmp" | grep -c 'tmp')" -eq 0 ] || fail "$name: a temporary file was left: $(ls "$tmp")"
}

# career-merit prints its summary besides -o: its -o goes to descriptor 3,
# the same file as the braces' stdout, and its stdout elsewhere
merit_to_3() {
    "$bin/career-merit" --policy "$P" -o "$1" "$E" 3>&1 >/dev/null
}

for o in /dev/stdout /proc/self/fd/1; do
    check guide "$tmp/profile.json" "$bin/career-import" "$guide" -o "$o"
    check oews "$tmp/oews.json" "$bin/career-import" --oews "$oews" --occ 15-1133 -o "$o"
done
for o in /dev/fd/3 /proc/self/fd/3; do
    check merit "$tmp/merit.csv" merit_to_3 "$o"
done

# another descriptor than stdout: 3>>FILE
echo HEADER >"$tmp/three"
"$bin/career-import" "$guide" -o /dev/fd/3 3>>"$tmp/three" || fail "-o /dev/fd/3"
{ echo HEADER; cat "$tmp/profile.json"; } | cmp -s - "$tmp/three" || fail "-o /dev/fd/3 3>>FILE did not append"
# a link to /dev/stdout is followed to the descriptor too
ln -s /dev/stdout "$tmp/link.json"
check link "$tmp/profile.json" "$bin/career-import" "$guide" -o "$tmp/link.json"
[ -L "$tmp/link.json" ] || fail "the link to /dev/stdout was replaced"
rm "$tmp/link.json"
# a descriptor that is not open is an error naming it, exit 1
fails 1 "/dev/fd/9: cannot open for writing: Bad file descriptor" \
    "$bin/career-import" "$guide" -o /dev/fd/9
echo "cli-output-stream: /dev/stdout, /proc/self/fd/1, /dev/fd/3 and a link, > and >>"
