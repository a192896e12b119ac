#!/bin/sh
# Output that was wrong or lost: totals stay money
# under --per, the last occurrence of an option wins, seeds above 2^63,
# scenario labels, big numbers in every column, ladder spans and wording.
. tests/cli/common.sh

# 2. --per month|hour converts rates only: cumulative and present value are
# totals, the same whatever --per.
ok "$bin/career-project" --horizon 40 --discount 0.03 --format json
cp "$tmp/out" "$tmp/year.json"
for per in month hour; do
    ok "$bin/career-project" --horizon 40 --discount 0.03 --per $per --format json
    python3 - "$tmp/year.json" "$tmp/out" $per <<'PY' || fail "--per $per changed the totals"
import json, sys
y, o = (json.load(open(f))["rows"] for f in sys.argv[1:3])
k = {"month": 12, "hour": 2080}[sys.argv[3]]
for a, b in zip(y, o):
    assert a["cumulative"] == b["cumulative"] and a["present_value"] == b["present_value"]
    assert abs(a["salary"] / k - b["salary"]) <= 1e-9 * a["salary"]
PY
done
ok "$bin/career-project" --horizon 40 --per hour
grep -Eq ' 40 .* [0-9]{1,3},[0-9]{3},[0-9]{3} USD ' "$tmp/out" || { cat "$tmp/out"; fail "hourly lifetime earnings not in millions"; }

# 3. The last occurrence wins, for every option.
ok "$bin/career-project" --paths 300 --seed 5 --volatility 0.1 --pace-sd 0.25 --format json
cp "$tmp/out" "$tmp/want.json"
ok "$bin/career-project" --paths 300 --seed 5 --volatility 0 --volatility 0.1 --pace-sd 0 --pace-sd 0.25 --format json
cmp -s "$tmp/out" "$tmp/want.json" || fail "--volatility 0 --volatility 0.1 is not --volatility 0.1"
ok "$bin/career-estimate" --years 1 --years 5 --format json
[ "$(json 'd["years"]')" = 5.0 ] || fail "--years: the first one won"

# 4. A seed above 2^63 is written as the unsigned number, and reads back.
ok "$bin/career-project" --paths 10 --seed 18446744073709551615 --format json
[ "$(json 'd["simulation"]["seed"]')" = 18446744073709551615 ] || fail "seed $(json 'd["simulation"]["seed"]')"
ok "$bin/career-project" --paths 10 --seed "$(json 'd["simulation"]["seed"]')"

# 5. Scenario labels: the demand and the elasticity, each as used.
ok "$bin/career-project" --scenarios --elasticity 0 --horizon 3
grep -q "^Demand +10.0 % over 10 years" "$tmp/out" || { cat "$tmp/out"; fail "demand not shown at elasticity 0"; }
grep -q "elasticity 0" "$tmp/out" || fail "elasticity not shown"
grep -q "low +5.0 %, base +10.0 %, high +15.0 %" "$tmp/out" || fail "scenario labels"
ok "$bin/career-project" --scenarios --elasticity 0 --horizon 3 --format json
[ "$(json 'd["options"]["growth"]')" = 0.1 ] || fail "json growth at elasticity 0"
[ "$(json 'all(r["low"] == r["base"] == r["high"] for r in d["scenarios"]["rows"])')" = True ] ||
    fail "wages that ignore demand differ between scenarios"

# 6. Big numbers: the text shows what the JSON holds, every column.
ok "$bin/career-project" --inflation 10 --horizon 100 --format json
big=$(json 'd["rows"][-1]["salary"]')
ok "$bin/career-project" --inflation 10 --horizon 100
line=$(grep '^ *100 ' "$tmp/out")
python3 - "$big" "$line" <<'PY' || fail "text '$line' is not $big"
import re, sys
big, line = float(sys.argv[1]), sys.argv[2]
nums = [float(x) for x in re.findall(r'\d\.\d+e\+\d+', line)]
assert nums and abs(nums[0] - big) < 1e-3 * big, nums
assert all(len(f) <= 60 for f in line.split('  ')), line
PY
python3 -c "
import json; d = json.load(open('examples/profiles/performance-architect.json'))
d['tiers'][3]['salary'] = 1e300; json.dump(d, open('$tmp/big.json', 'w'))"
if "$bin/career-ladder" --profile "$tmp/big.json" >"$tmp/out" 2>"$tmp/err"; then
    grep -q "e+300 USD" "$tmp/out" || { cat "$tmp/out"; fail "1e300 not shown with its currency"; }
    awk 'length > 250 { exit 1 }' "$tmp/out" || fail "a line of hundreds of digits"
fi
ok "$bin/career-estimate" --years 5 --salary 1000000000000
awk 'length > 200 { exit 1 }' "$tmp/out" || fail "estimate at the extremes"

# 7. Ladder spans: the guide's inclusive form with whole years, else
# half-open; "1 year", "1 path"; never a rounding residue.
ok "$bin/career-ladder"
grep -Eq '^ +0 .* 0-2 ' "$tmp/out" && grep -Eq '^ +1 .* 3-7 ' "$tmp/out" &&
    grep -Eq '^ +3 .* 12\+ ' "$tmp/out" || { cat "$tmp/out"; fail "spans not 0-2, 3-7, 12+"; }
python3 -c "
import json; d = json.load(open('examples/profiles/performance-architect.json'))
d['tiers'][2]['min_years'] = 7.5; json.dump(d, open('$tmp/half.json', 'w'))"
ok "$bin/career-ladder" --profile "$tmp/half.json"
grep -q '3 to 7.5' "$tmp/out" || { cat "$tmp/out"; fail "no half-open span"; }
ok "$bin/career-estimate" --years 1
grep -q "1 year of experience" "$tmp/out" || fail "1 years"
ok "$bin/career-project" --paths 1 --horizon 1
grep -q "Monte Carlo: 1 path," "$tmp/out" || fail "1 paths"
ok "$bin/career-estimate" --years 2.9999999999999996
grep -q "e-1[0-9] year" "$tmp/out" && fail "a rounding residue in years"
echo "cli-output: totals, last option wins, big seeds, labels, big numbers, spans"
