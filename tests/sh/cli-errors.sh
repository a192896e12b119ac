#!/bin/sh
# Exit statuses: 2 for usage errors (one line naming the option and the
# value, then the --help hint), 1 for data errors (the library's message with
# file:line:column or the JSON path); stdout stays empty either way.
. tests/cli/common.sh
e="$bin/career-estimate"; p="$bin/career-project"; l="$bin/career-ladder"

# strict numbers
for v in "" 5x nan inf -inf 1e999 0x10 " 5" "5 " 1,5; do
    fails 2 "career-estimate: --years: invalid number '$v'" "$e" --years "$v"
done
fails 2 "--years: '-1' is out of range" "$e" --years -1
fails 2 "--salary: '0' is out of range" "$e" --years 5 --salary 0
fails 2 "--location-factor: invalid number 'abc'" "$e" --years 5 --location-factor abc
fails 2 "--years: missing" "$e"
fails 2 "option '--years' needs a value" "$e" --years
fails 2 "unknown option '--bogus'" "$e" --years 5 --bogus
fails 2 "unknown option '-q'" "$e" -q
fails 2 "unexpected argument 'extra'" "$e" --years 5 extra
fails 2 "--format: invalid value 'xml'" "$e" --years 5 --format xml
fails 2 "--per: invalid value 'week'" "$e" --years 5 --per week
fails 2 "--interp: invalid value 'cubic'" "$l" --interp cubic
fails 2 "--dist: invalid value 'normal'" "$l" --dist normal
fails 2 "--horizon: '0' is out of range" "$p" --horizon 0
fails 2 "--horizon: '101' is out of range" "$p" --horizon 101
fails 2 "--horizon: invalid whole number '2.5'" "$p" --horizon 2.5
fails 2 "--paths: invalid whole number '-3'" "$p" --paths -3
fails 2 "--seed: invalid whole number '1e3'" "$p" --paths 10 --seed 1e3
fails 2 "--seed: '99999999999999999999' is out of range" "$p" --paths 10 --seed 99999999999999999999
fails 2 "--growth: '-1' is out of range" "$p" --growth -1
fails 2 "--volatility: '-0.1' is out of range" "$p" --paths 10 --volatility -0.1
fails 2 "--seed: needs --paths" "$p" --seed 3
fails 2 "--threads: '0' is out of range" "$p" --paths 10 --threads 0
fails 2 "--plot: 'out.pdf' must end in .svg or .png" "$p" --plot out.pdf
fails 2 "--plot: '.*' must end in .svg or .png" "$l" --plot "$tmp/svg"

# data errors: the library's message with the place
printf '{\n  "format": "career-profile/1",\n  "role": "x",,\n}\n' > "$tmp/syntax.json"
fails 1 "^career-ladder: .*syntax.json:3:[0-9]+: " "$l" --profile "$tmp/syntax.json"
sed 's/"min_years": 8/"min_years": 2/' examples/profiles/performance-architect.json > "$tmp/order.json"
fails 1 "order.json: tiers\[2\]\.min_years: must be greater than tiers\[1\]\.min_years" "$e" --years 1 --profile "$tmp/order.json"
fails 1 "no-such.json" "$e" --years 1 --profile "$tmp/no-such.json"
fails 1 "no profile with role" "$l" --profile examples/profiles/performance-architect.json --role Astronaut
fails 1 "no role 'Astronaut' in the built-in profile" "$l" --role Astronaut
# akima needs 5 points: an infeasible model is a data error
fails 1 "akima" "$l" --interp akima
fails 1 "no such folder" "$p" --plot "$tmp/nowhere/p.svg"
# nothing reaches stdout when writing it fails (a full disk)
if [ -w /dev/full ]; then
    if "$l" >/dev/full 2>"$tmp/err"; then fail "writing to /dev/full succeeded"; fi
    grep -q "cannot write" "$tmp/err" || fail "no message for a failed write"
fi
echo "cli-errors: usage errors exit 2, data errors exit 1, stdout empty"
