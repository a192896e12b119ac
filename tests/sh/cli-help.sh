#!/bin/sh
# --help and --version exit 0 on stdout; the help names every long option of
# the tool (read from its source) and gives an example.
. tests/cli/common.sh
for t in $tools; do
    ok "$bin/career-$t" --help
    grep -q "^Usage: career-$t" "$tmp/out" || fail "career-$t --help: no usage line"
    grep -q "^Example" "$tmp/out" || fail "career-$t --help: no example"
    for o in $(sed -n 's/^ *{"\([a-z-]*\)", [a-z_]*argument.*/\1/p' examples/career-$t.c examples/cli.h); do
        # a tool without the common options (career-import, career-equity)
        # answers only for its own
        ! grep -q CLI_LONG_OPTIONS examples/career-$t.c &&
            ! grep -q "\"$o\"" examples/career-$t.c && continue
        grep -q -- "--$o" "$tmp/out" || fail "career-$t --help does not mention --$o"
    done
    ok "$bin/career-$t" -h
    ok "$bin/career-$t" --version
    grep -Eq "^career-$t \(libcareer\) [0-9]+\.[0-9]+\.[0-9]+$" "$tmp/out" || fail "career-$t --version"
    ok "$bin/career-$t" -V
    [ ! -s "$tmp/err" ] || fail "career-$t -V wrote to stderr"
done
echo "cli-help: --help and --version for the tools:" $tools
