#!/bin/sh
# career-equity: the example workforce's EU and UK figures agree with a
# computation of their own here (Python's csv and statistics, not the
# library), in every format; the decomposition adds up; the remedy's -o
# file adds up to its cost and raises only the underpaid sex of the
# category; usage errors exit 2 naming the option, data errors 1 naming
# the row and the column, with nothing on stdout.
. tests/cli/common.sh
q="$bin/career-equity"
E=examples/equity/employees.csv

# The example file is what its seeded script writes.
python3 examples/equity/make_employees.py "$tmp/gen.csv"
cmp -s "$tmp/gen.csv" "$E" || fail "employees.csv differs from make_employees.py's output"

ok "$q" "$E" --format json
python3 - "$tmp/out" "$E" <<'PY' || fail "EU figures"
import csv, json, statistics, sys
d = json.load(open(sys.argv[1]))
per = {"year": 1.0, "month": 12.0, "week": 365 / 7}
rows = []
for r in csv.DictReader(open(sys.argv[2])):
    hours = float(r["hours"]) * 365 / 7
    pay = float(r["pay"])
    basic = pay * hours if r["period"] == "hour" else pay * per[r["period"]]
    annual = basic + float(r["bonus"])
    rows.append((r["sex"], r["category"], annual, annual / hours, float(r["bonus"])))
def gap(m, f):
    return (m - f) / m
F = [r for r in rows if r[0] == "F"]
M = [r for r in rows if r[0] == "M"]
f = d["figures"]
def close(a, b):
    assert abs(a - b) <= 1e-9 * abs(b), (a, b)
close(f["mean_gap_annual"], gap(statistics.mean(r[2] for r in M), statistics.mean(r[2] for r in F)))
close(f["mean_gap_hourly"], gap(statistics.mean(r[3] for r in M), statistics.mean(r[3] for r in F)))
close(f["median_gap_hourly"], gap(statistics.median(r[3] for r in M), statistics.median(r[3] for r in F)))
close(f["variable_share_women"], sum(r[4] > 0 for r in F) / len(F))
close(f["mean_gap_variable"], gap(statistics.mean(r[4] for r in M if r[4] > 0),
                                  statistics.mean(r[4] for r in F if r[4] > 0)))
assert d["workers"] == 500
for c in d["categories"]:
    k = [r for r in rows if r[1] == c["category"]]
    kf, km = [r for r in k if r[0] == "F"], [r for r in k if r[0] == "M"]
    close(c["gap_hourly"], gap(statistics.mean(r[3] for r in km), statistics.mean(r[3] for r in kf)))
    assert c["joint_assessment"] == (abs(c["gap_hourly"]) >= 0.05)
    assert c["women"] == len(kf) and c["men"] == len(km)
    # no factors: nothing explains the gap (the adjusted one is that of
    # the mean ln hourly pay)
    assert c["unexplained"] == c["joint_assessment"]
for b in d["quartiles"]:
    close(b["women"] + b["men"], 1.0)
PY

# The factors: Operations' gap is not explained, the others' are.
ok "$q" "$E" --factors years,tier,location --categorical tier --format json
python3 - "$tmp/out" <<'PY' || fail "adjusted gaps"
import json, sys
c = {x["category"]: x for x in json.load(open(sys.argv[1]))["categories"]}
assert c["Operations"]["unexplained"] and c["Operations"]["adjusted_gap"] > 0.05
for k in ("Engineering", "Sales"):
    assert c[k]["joint_assessment"] and not c[k]["unexplained"], k
assert not c["Support"]["joint_assessment"]
PY
ok "$q" "$E" --factors years,tier,location --categorical tier
grep -q '^Operations .* yes: not explained' "$tmp/out" || fail "table: Operations"
grep -q '^(a) mean gap, hourly pay  *21.0 %$' "$tmp/out" || fail "table: (a) as a percentage"

# CSV: one figure a row, the same fractions as JSON.
ok "$q" "$E" --format csv
cp "$tmp/out" "$tmp/fig.csv"
head -n 1 "$tmp/fig.csv" | tr -d '\r' | grep -qx 'figure,group,value' || fail "CSV header"
tr -d '\r' <"$tmp/fig.csv" | grep -q '^mean_gap_hourly,,0.2100980203558752$' || fail "CSV figure"
grep -q '^gap_hourly,Operations,' "$tmp/fig.csv" || fail "CSV category"

# The UK report: the service's percentages are the fractions rounded.
ok "$q" "$E" --report uk --format json
python3 - "$tmp/out" <<'PY' || fail "UK json"
import json, sys
from decimal import Decimal, ROUND_HALF_UP
d = json.load(open(sys.argv[1]))
for k, v in d["figures"].items():
    want = Decimal(repr(v * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert abs(d["service_percent"][k] - float(want)) < 1e-9, (k, v)
PY

# The decomposition adds up, term by term.
ok "$q" "$E" --factors years,tier --categorical tier --decompose neumark --bootstrap 20 --format json
python3 - "$tmp/out" <<'PY' || fail "decomposition"
import json, sys
o = json.load(open(sys.argv[1]))["decomposition"]
assert o["reference"] == "neumark" and o["se_explained"] > 0
assert abs(o["endowments"] + o["coefficients"] + o["interaction"] - o["gap"]) < 1e-12
assert abs(sum(t["explained"] for t in o["terms"]) - o["explained"]) < 1e-12
assert [t["term"] for t in o["terms"]][:3] == ["(intercept)", "years", "tier=1"]
PY

# The remedy: -o's raises add up to the cost, women of Operations only.
ok "$q" "$E" --factors years,tier,location --categorical tier --remedy 5% \
    --max-raise 15% --remedy-each -o "$tmp/raises.csv" --format json
csv_shape "$tmp/raises.csv" 5 500
python3 - "$tmp/out" "$tmp/raises.csv" <<'PY' || fail "remedy"
import csv, json, sys
rem = {r["scope"]: r for r in json.load(open(sys.argv[1]))["remedy"]}
op = rem["Operations"]
assert op["raised_sex"] == "women" and op["gap_before"] > 0.05
assert 0.0499 < op["gap_after"] <= 0.05 and op["uniform_cost"] > op["cost"]
assert rem["Support"]["within"]
raises = list(csv.DictReader(open(sys.argv[2])))
paid = [r for r in raises if float(r["raise"]) > 0]
assert len(paid) == op["raised"]
assert all(r["category"] == "Operations" and r["sex"] == "F" for r in paid)
assert round(sum(float(r["raise"]) * 100 for r in paid)) == round(op["cost"] * 100)
PY

# Standard input; Article 12(3)'s blanks.
run "$q" - --format json <"$E"
[ "$rc" -eq 0 ] && [ "$(json 'd["file"]')" = "<stdin>" ] || fail "- as standard input"
ok "$q" "$E" --suppress 70 --format json
[ "$(json '[c["gap_hourly"] is None for c in d["categories"]]')" = "[False, True, True, True]" ] ||
    fail "--suppress 70 blanks the categories under 70 women or men"

# --plot: an SVG xmllint accepts, a PNG, and stdout as without it.
ok "$q" "$E" --factors years,tier --categorical tier --format csv
cp "$tmp/out" "$tmp/noplot.csv"
ok "$q" "$E" --factors years,tier --categorical tier --format csv --plot "$tmp/gap.svg"
cmp -s "$tmp/out" "$tmp/noplot.csv" || fail "--plot changed stdout"
xmllint --noout "$tmp/gap.svg" || fail "--plot: not SVG"
ok "$q" "$E" --report uk --plot "$tmp/uk.png"
[ "$(head -c 4 "$tmp/uk.png" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "--plot: not PNG"
fails 2 "must end in .svg or .png" "$q" "$E" --plot "$tmp/gap.pdf"

# Usage errors: exit 2, the option named.
fails 2 "--report: invalid value 'fr'" "$q" "$E" --report fr
fails 2 "--decompose: invalid value 'oaxaca'" "$q" "$E" --decompose oaxaca
fails 2 "--remedy: '150%' is out of range" "$q" "$E" --remedy 150%
fails 2 "--max-raise: only with --remedy" "$q" "$E" --max-raise 10%
fails 2 "--bootstrap: only with --decompose" "$q" "$E" --bootstrap 10
fails 2 "--column: unknown field 'salary'" "$q" "$E" --column salary=pay
fails 2 "--threshold: invalid number" "$q" "$E" --threshold five
fails 2 "no employees file given" "$q"
fails 2 "unknown option '--profile'" "$q" "$E" --profile x.json

# Data errors: exit 1, the file, row and column named.
printf 'sex,pay,hours\nF,52000,40\nQ,61000,40\n' >"$tmp/bad.csv"
fails 1 "bad.csv:3:1: sex: F or M" "$q" "$tmp/bad.csv"
printf 'sex,pay,hours\nF,-5,40\n' >"$tmp/bad.csv"
fails 1 "bad.csv:2:2: pay: must be >= 0" "$q" "$tmp/bad.csv"
fails 1 "no column 'wage' in the header" "$q" "$E" --column pay=wage
fails 1 "no-such.csv" "$q" "$tmp/no-such.csv"
printf 'sex,pay,hours,a,b\nF,11,40,1,2\nM,12,40,2,4\nF,13,40,3,6\nM,15,40,4,8\nF,14,40,5,10\nM,17,40,6,12\nF,16,40,7,14\nM,19,40,8,16\n' >"$tmp/col.csv"
fails 1 "factors\\[1\\] \\(b\\): collinear" "$q" "$tmp/col.csv" --factors a,b --decompose jann
echo "cli-equity: EU, UK, decomposition and remedy as computed independently; errors named"
