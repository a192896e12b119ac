#!/bin/sh
# The conventions users expect: - for stdin and stdout, pipes
# and FIFOs read as streams, option errors that say what is wrong, errors
# naming the input, no raw control character on a terminal, and every
# output naming the model it used.
. tests/cli/common.sh
profile=examples/profiles/performance-architect.json
guide=examples/guides/performance-architect.txt

# - is standard input (--profile -, career-import -) and stdout (-o -).
run "$bin/career-ladder" --profile - --format json <"$profile"
[ "$rc" -eq 0 ] && [ "$(json 'd["role"]')" = "Performance Architect" ] || fail "--profile -"
cat "$profile" | "$bin/career-ladder" --profile - >"$tmp/out" || fail "--profile - from a pipe"
cat "$guide" | "$bin/career-import" - >"$tmp/a.json" || fail "career-import - from a pipe"
"$bin/career-import" "$guide" -o - >"$tmp/b.json" || fail "-o -"
[ ! -e ./- ] || fail "-o - wrote a file named -"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "stdin and file imports differ"
# a pipe through /dev/stdin, and a FIFO, are read like any stream
cat "$guide" | "$bin/career-import" /dev/stdin >"$tmp/c.json" || fail "career-import /dev/stdin from a pipe"
cmp -s "$tmp/a.json" "$tmp/c.json" || fail "/dev/stdin import differs"
mkfifo "$tmp/fifo"
cat "$guide" >"$tmp/fifo" &
"$bin/career-import" "$tmp/fifo" >"$tmp/d.json" || fail "career-import FIFO"
wait
cmp -s "$tmp/a.json" "$tmp/d.json" || fail "FIFO import differs"
cat "$profile" >"$tmp/fifo" &
"$bin/career-estimate" --profile "$tmp/fifo" --years 3 >"$tmp/out" || fail "--profile FIFO"
wait

# Option errors.
fails 2 "ambiguous.*--plot.*--plot-years.*--profile.*--per" "$bin/career-ladder" --p x
fails 2 "'--scenarios' takes no value" "$bin/career-project" --scenarios=1
fails 2 "--plot-years: needs --plot" "$bin/career-ladder" --plot-years 3
fails 2 "--growth-years.*--horizon" "$bin/career-project" --growth-years 0.01 --horizon 100
if [ -w /dev/full ]; then
    run "$bin/career-ladder" --help
    "$bin/career-ladder" --help >/dev/full 2>"$tmp/err" && fail "--help >/dev/full exits 0"
    grep -q "cannot write" "$tmp/err" || fail "--help >/dev/full says nothing"
fi
ok "$bin/career-ladder" --format JSON
json 'd["role"]' >/dev/null
ok "$bin/career-ladder" --format Text
ok "$bin/career-estimate" --years 2 --per MONTHLY --format Csv
grep -q '^role,' "$tmp/out" || fail "--format Csv"
grep -qi 'ascii' man/career-estimate.1 || fail "--role's case rule not in the man page"

# A fit that fails on a profile names the file.
fails 1 "$tmp/akima.json" sh -c "cp '$profile' '$tmp/akima.json' && '$bin/career-ladder' --profile '$tmp/akima.json' --interp akima"

# Control characters from a profile: escaped in text, quoted in CSV and JSON.
python3 -c "
import json; d = json.load(open('$profile'))
d['role'] = 'Evil\x1b[31mRole\x07'; d['tiers'][0]['name'] = 'Junior\rX\x9b1m'
json.dump(d, open('$tmp/ctl.json', 'w'))"
for t in ladder "estimate --years 1" "project --horizon 2 --scenarios"; do
    ok $bin/career-$t --profile "$tmp/ctl.json"
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/out"; then
        fail "career-$t let a control character through"
    fi
    grep -q 'Evil\\x1b\[31mRole\\x07' "$tmp/out" || fail "career-$t: no escape shown"
    ok $bin/career-$t --profile "$tmp/ctl.json" --format json
    json 'd["role"]' | grep -q "Evil" || fail "career-$t json"
    LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/out" && fail "career-$t json raw control"
done
# ... nor through an error message on stderr (the roles of a file of two)
python3 -c "
import json; d = json.load(open('$tmp/ctl.json')); e = dict(d, role='Other')
json.dump([d, e], open('$tmp/ctl2.json', 'w'))"
fails 1 'Evil\\x1b' "$bin/career-ladder" --profile "$tmp/ctl2.json"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/err" && fail "a raw control character on stderr"
ok "$bin/career-ladder" --profile "$tmp/ctl.json" --format csv
python3 -c "
import csv, sys; r = list(csv.reader(open('$tmp/out', newline='')))
assert r[1][0] == 'Evil\x1b[31mRole\x07' and r[1][2] == 'Junior\rX\x9b1m', r[1]" || fail "CSV lost a control character"

# Wide characters (CJK, emoji) take two columns: the table stays aligned.
python3 -c "
import json; d = json.load(open('$profile'))
d['tiers'][1]['name'] = '\u6027\u80fd\u67b6\u6784\u5e08 \U0001f680'
json.dump(d, open('$tmp/wide.json', 'w'))"
ok "$bin/career-ladder" --profile "$tmp/wide.json"
python3 - "$tmp/out" <<'PY' || fail "a table with wide characters is not aligned"
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
rows = open(sys.argv[1], encoding='utf-8').read().split('\n\n')[1].splitlines()
sys.exit(0 if len({w(r) for r in rows}) == 1 else 1)
PY

# Every output names the model it used.
for t in ladder "estimate --years 1" "project --horizon 2"; do
    ok $bin/career-$t --interp linear --dist lognormal --dispersion 0.5 --location-factor 1.25 --format json
    [ "$(json '[d["model"][k] for k in ("interp", "dist", "dispersion", "location_factor")]')" = "['linear', 'lognormal', 0.5, 1.25]" ] ||
        fail "career-$t json model: $(json 'd["model"]')"
    ok $bin/career-$t --location-factor 1.25
    grep -q "^Model: steffen curve .*metalog market, power band, dispersion d = 0.6[0-9]* (calibrated), location factor 1.25" "$tmp/out" ||
        fail "career-$t text: no model line"
done
for t in ladder "estimate --years 1" "project --horizon 2 --paths 50"; do
    ok $bin/career-$t --interp linear --location-factor 1.25 --format csv
    head -n 1 "$tmp/out" | grep -q ',interp,dist,dispersion,location_factor.$' ||
        fail "career-$t csv: no model columns"
    sed -n 2p "$tmp/out" | grep -q ',linear,metalog,0\.[0-9]*,1\.25.$' || fail "career-$t csv: model values"
done
echo "cli-conventions: stdin/stdout, streams, option errors, control characters, model stated"
