#!/bin/sh
# career-project: the deterministic reference path of docs/model.md §8,
# the tier timeline, the target year, scenarios and CSV shapes.
. tests/cli/common.sh

ok "$bin/career-project" --horizon 10 --format json
[ "$(json 'len(d["rows"])')" = 11 ] || fail "11 rows"
close "$(json 'd["rows"][10]["salary"]')" 164450 1e-6
close "$(json 'd["rows"][5]["salary"]')" 131101.106 1e-8
close "$(json 'd["rows"][10]["cumulative"]')" 1440848.52 1e-8
close "$(json 'd["rows"][10]["market_percentile"]')" 0.824136 1e-6
close "$(json 'd["options"]["annual_rate"]')" 0.009576583 1e-6
# tiers reached in years 0, 3, 8 and not within 10 (min years 0, 3, 8, 12)
[ "$(json '[t["year"] for t in d["tiers"]]')" = "[0, 3, 8, None]" ] || fail "tier years $(json 'd["tiers"]')"

# The second reference of docs/model.md §8: x0 = 2, s0 = 110,000, H = 15, 2.5 %
# inflation, 3 % discount (given to the cent, hence 1e-7).
ok "$bin/career-project" --years 2 --salary 110000 --horizon 15 --inflation 0.025 --discount 0.03 --format json
close "$(json 'd["rows"][15]["salary"]')" 275540.24 1e-7
close "$(json 'd["rows"][15]["real_salary"]')" 190251.05 1e-7
close "$(json 'd["rows"][15]["present_value"]')" 2427892.70 1e-7

# Target: 150,000 is first reached in year 8 (152,209; year 7 is 145,342).
ok "$bin/career-project" --target 150000 --format json
[ "$(json 'd["target"]["year"]')" = 8 ] || fail "target year"
ok "$bin/career-project" --target 900000 --format json
[ "$(json 'd["target"]["year"]')" = None ] || fail "target never reached"
ok "$bin/career-project" --target 150000
grep -q "first reached in year 8" "$tmp/out" || fail "text target"

# Scenarios: base = the projection; low < base < high after year 0.
ok "$bin/career-project" --scenarios --format json
python3 - "$tmp/out" <<'PY' || fail "scenarios"
import json, sys
d = json.load(open(sys.argv[1]))
g = d["scenarios"]["growth"]
assert abs(g["low"] - 0.05) < 1e-15 and abs(g["high"] - 0.15) < 1e-15
for r, s in zip(d["rows"], d["scenarios"]["rows"]):
    assert s["base"] == r["salary"]
    assert r["year"] == 0 or s["low"] < s["base"] < s["high"]
PY

# --elasticity 0: wages ignore demand, so --growth changes nothing.
ok "$bin/career-project" --elasticity 0 --format csv
cp "$tmp/out" "$tmp/a.csv"
ok "$bin/career-project" --elasticity 0 --growth 0.5 --format csv
cmp -s "$tmp/out" "$tmp/a.csv" || fail "elasticity 0"

# CSV: 1 + 8 columns, + 3 with scenarios, + 6 fan and 4 tier shares.
ok "$bin/career-project" --horizon 10 --format csv
cp "$tmp/out" "$tmp/p.csv"; csv_shape "$tmp/p.csv" 13 11
head -n 1 "$tmp/p.csv" | grep -q '^year,years,tier,tier_name,salary,real_salary,market_percentile,cumulative,present_value' || fail "CSV header"
ok "$bin/career-project" --horizon 4 --scenarios --paths 500 --seed 1 --format csv
cp "$tmp/out" "$tmp/p.csv"; csv_shape "$tmp/p.csv" 26 5

# Text: thousands separators and the currency.
ok "$bin/career-project" --horizon 10
grep -Eq '^ +10 .*164,450 USD' "$tmp/out" || { cat "$tmp/out"; fail "text year 10"; }
grep -q "Tier timeline" "$tmp/out" || fail "timeline"
echo "cli-project: reference path, timeline, target, scenarios, csv"
