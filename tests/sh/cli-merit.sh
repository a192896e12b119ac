#!/bin/sh
# career-merit: the example cycle meets its budget to the cent in every
# format, -o writes the same rows as --format csv, --plot draws; bad input
# (unknown rating, negative salary, NaN, an empty file, a broken policy)
# exits 1 naming the line, with nothing on stdout.
. tests/cli/common.sh
m="$bin/career-merit"
P=examples/merit/policy.json
E=examples/merit/employees.csv
[ -x "$m" ] || fail "career-merit not built in $bin"

# The example policy follows its schema (where python3 has jsonschema).
if python3 -c 'import jsonschema' 2>/dev/null; then
    python3 - <<'PY' || fail "policy.json does not follow policy.schema.json"
import json, jsonschema
s = json.load(open("examples/merit/policy.schema.json"))
jsonschema.Draft202012Validator.check_schema(s)
jsonschema.validate(json.load(open("examples/merit/policy.json")), s,
                    cls=jsonschema.Draft202012Validator)
PY
fi

# The example file is what its script writes (deterministic).
python3 examples/merit/make_employees.py > "$tmp/gen.csv"
cmp -s "$tmp/gen.csv" "$E" || fail "employees.csv differs from make_employees.py's output"

ok "$m" --policy "$P" "$E" --format json
python3 - "$tmp/out" <<'PY' || fail "merit json"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["employees"] == 200 and len(d["employees"]) == 200
assert s["budget_met"] is True
assert s["budget_cents"] == s["cost_cents"], (s["budget_cents"], s["cost_cents"])
assert round(s["budget"] * 100) == s["budget_cents"]
# budget = 3.5 % of the eligible payroll, to the cent (half away from 0)
assert s["budget_cents"] == int(0.035 * round(s["payroll"] * 100) + 0.5)
# the cost adds up from the rows: merit (base + lump) plus the lifts
rows = d["employees"]
merit = sum(round(r["merit"] * 100) for r in rows)
lift = sum(round(r["lift"] * 100) for r in rows)
assert merit + lift == s["cost_cents"]
for r in rows:
    assert round((r["base_raise"] + r["lump_sum"]) * 100) == round((r["merit"] + r["lift"]) * 100)
    assert round((r["salary"] + r["base_raise"]) * 100) == round(r["new_salary"] * 100)
n = s["counts"]
assert n["lifted"] == sum("lifted" in r["flags"] for r in rows) and n["lifted"] > 0
assert n["lump_sum"] == sum("lump_sum" in r["flags"] for r in rows) and n["lump_sum"] > 0
assert all(r["merit"] == 0 for r in rows if r["rating"] == "unsatisfactory")
assert len(d["ranges"]) == 4 and d["ranges"][1]["mid"] == 125000
PY

# money in the JSON text reads as cents, not as 17 digits
grep -Eq '^    "budget": [0-9]+(\.[0-9]{1,2})?,$' "$tmp/out" || fail "budget not written to the cent"
grep -Eq '^    "cost": [0-9]+(\.[0-9]{1,2})?,$' "$tmp/out" || fail "cost not written to the cent"

ok "$m" --policy "$P" "$E" --format csv
cp "$tmp/out" "$tmp/rows.csv"; csv_shape "$tmp/rows.csv" 21 200
# every record states the model it comes from, as the other tools' CSV do
head -n 1 "$tmp/rows.csv" | tr -d '\r' | grep -q ',flags,interp,dist,dispersion,location_factor$' || fail "model columns in the CSV"
sed -n 2p "$tmp/rows.csv" | grep -q ',steffen,metalog,0\.63698' || fail "the model's cells in the CSV"
ok "$m" --policy "$P" "$E" -o "$tmp/o.csv" --plot "$tmp/p.svg"
cmp -s "$tmp/o.csv" "$tmp/rows.csv" || fail "-o differs from --format csv"
grep -q "Merit cycle: 200 employees" "$tmp/out" || fail "text summary"
xmllint --noout "$tmp/p.svg" || fail "plot is not SVG"
ls "$tmp" | grep -q 'tmp\.' && fail "-o left a temporary file"

# stdin, quoted fields, CRLF line ends, a blank line, columns in any order
printf 'rating,"salary",years,id\r\n"meets",100000.50,5,"A, ""one"""\r\n\r\nexceeds,90000,2,B\r\n' |
    { run "$m" --policy "$P" --format csv -; }
[ "$rc" -eq 0 ] || { cat "$tmp/err"; fail "CSV from stdin"; }
grep -q '^"A, ""one""",1,meets,5,100000.5,' "$tmp/out" || { cat "$tmp/out"; fail "quoted id"; }

# bad rows: exit 1, the file and line named, nothing on stdout
printf 'id,years,salary,rating\nA,5,100000,meets\nB,3,90000,great\n' > "$tmp/bad.csv"
fails 1 "bad.csv:3: rating: unknown 'great'" "$m" --policy "$P" "$tmp/bad.csv"
printf 'id,years,salary,rating\nA,5,-100,meets\n' > "$tmp/neg.csv"
fails 1 "neg.csv:2: salary: must be at least a cent" "$m" --policy "$P" "$tmp/neg.csv"
printf 'id,years,salary,rating\nA,nan,100,meets\n' > "$tmp/nan.csv"
fails 1 "nan.csv:2: years: not a number 'nan'" "$m" --policy "$P" "$tmp/nan.csv"
printf 'id,years,salary,rating\nA,5,0x10,meets\n' > "$tmp/hex.csv"
fails 1 "hex.csv:2: salary: not a number '0x10'" "$m" --policy "$P" "$tmp/hex.csv"
printf 'id,years,salary,rating\n' > "$tmp/empty.csv"
fails 1 "no employees" "$m" --policy "$P" "$tmp/empty.csv"
printf 'id,years,rating\nA,5,meets\n' > "$tmp/nosal.csv"
fails 1 "no column 'salary'" "$m" --policy "$P" "$tmp/nosal.csv"
sed 's/"rate": 0.035/"rate": "high"/' "$P" > "$tmp/badpol.json"
fails 1 "budget.rate: expected a number, got a string" "$m" --policy "$tmp/badpol.json" "$E"
# a budget no scale can meet is a warning, not an error
sed 's/"rate": 0.035/"rate": 0.5/' "$P" > "$tmp/rich.json"
run "$m" --policy "$tmp/rich.json" "$E"
[ "$rc" -eq 0 ] && grep -q "no scale meets the budget" "$tmp/err" || fail "unmet budget warning"
grep -q "budget not met" "$tmp/out" || fail "unmet budget in the summary"

# usage errors: exit 2
fails 2 "policy FILE is required" "$m" "$E"
fails 2 "no employees file" "$m" --policy "$P"
fails 2 "only 'year'" "$m" --policy "$P" --per month "$E"
fails 2 "must end in .svg or .png" "$m" --policy "$P" --plot "$tmp/x.pdf" "$E"
ok "$m" --help
grep -q "^Usage: career-merit" "$tmp/out" || fail "--help"
ok "$m" --version
# --per is read in any case and by alias, as in the other tools
ok "$bin/career-merit" --policy examples/merit/policy.json --per YEAR examples/merit/employees.csv
ok "$bin/career-merit" --policy examples/merit/policy.json --per annual examples/merit/employees.csv
# -o replaces its file whole with the mode fopen would give (the umask's),
# and an existing file keeps its mode; every output names the model.
(umask 022 && "$bin/career-merit" --policy examples/merit/policy.json -o "$tmp/r.csv" examples/merit/employees.csv >/dev/null) ||
    fail "-o with umask 022"
[ "$(stat -c %a "$tmp/r.csv")" = 644 ] || fail "-o made a file of mode $(stat -c %a "$tmp/r.csv"), not 644"
chmod 640 "$tmp/r.csv"
"$bin/career-merit" --policy examples/merit/policy.json -o "$tmp/r.csv" examples/merit/employees.csv >/dev/null
[ "$(stat -c %a "$tmp/r.csv")" = 640 ] || fail "-o changed an existing file's mode"
ok "$bin/career-merit" --policy examples/merit/policy.json --format json examples/merit/employees.csv
[ "$(json 'd["model"]["interp"]')" = steffen ] || fail "merit json: no model"
ok "$bin/career-merit" --policy examples/merit/policy.json examples/merit/employees.csv
grep -q "^Model: steffen curve" "$tmp/out" || fail "merit text: no model line"
# nothing read in silence: a NUL byte cuts no cell short, an id that is
# not UTF-8 is no "out of memory" in JSON, a cell past the header is no
# cell ignored; each names the line and the column
printf 'id,years,salary,rating\nA\000B,5,100000,meets\n' > "$tmp/nul.csv"
fails 1 "nul.csv:2: id: a NUL byte in the cell" "$m" --policy "$P" --format csv "$tmp/nul.csv"
printf 'id,years,salary,rating\nA,5,100\000000,meets\n' > "$tmp/nul2.csv"
fails 1 "nul2.csv:2: salary: a NUL byte in the cell" "$m" --policy "$P" "$tmp/nul2.csv"
printf 'id,years,salary,rating\nE\3771,5,100000,meets\n' > "$tmp/utf8.csv"
fails 1 "utf8.csv:2: id: not UTF-8 text" "$m" --policy "$P" --format json "$tmp/utf8.csv"
printf 'id,years,salary,rating\nA,5,100000,meets\nB,5,100000,meets,extra\n' > "$tmp/extra.csv"
fails 1 "extra.csv:3: 5 cells under a header of 4" "$m" --policy "$P" "$tmp/extra.csv"
fails 1 "$tmp: is a directory, not an employees file" "$m" --policy "$P" "$tmp"
# old Mac line ends: a lone CR ends a line
printf 'id,years,salary,rating\rA,5,100000,meets\rB,3,90000,exceeds\r' > "$tmp/cr.csv"
ok "$m" --policy "$P" --format csv "$tmp/cr.csv"
[ "$(wc -l < "$tmp/out")" -eq 3 ] || fail "CR line ends: not 2 employees"

# --policy - reads standard input; only one input can
ok "$m" --policy - "$E" < "$P"
grep -q "Merit cycle: 200 employees" "$tmp/out" || fail "--policy -"
echo '{' | { fails 1 "^career-merit: <stdin>:2:1: " "$m" --policy - "$E"; }
fails 2 "only one of --policy, --profile and the employees file" "$m" --policy - -

# endless or huge input ends in an error, within 512 MB: /dev/zero (11 GB
# before), more than 2^20 employees, more than 64 MiB of text
(limit_mem; fails 1 "/dev/zero:1: the header: a NUL byte" "$m" --policy "$P" /dev/zero)
(limit_mem; yes 'E1,5,100000,meets' | sed '1s/.*/id,years,salary,rating/' |
    { fails 1 "<stdin>:1048578: more than 1048576 employees" "$m" --policy "$P" -; })
(limit_mem; yes "$(printf '%0120d' 0),5,100000,meets" | sed '1s/.*/id,years,salary,rating/' |
    { fails 1 "<stdin>: over 64 MiB" "$m" --policy "$P" -; })

# The rows are written as they are made, never built whole (a
# million employees as JSON took 3.6 GB): 200,000 employees within 512
# MB, as JSON (740 MB before), CSV and -o, every row there.
python3 - >"$tmp/big.csv" <<'PY'
import random
random.seed(19)
print("id,years,salary,rating")
for i in range(200000):
    print("E%d,%.1f,%.2f,%s" % (i, random.uniform(0, 20),
          random.uniform(60000, 200000), random.choice(["meets", "exceeds", "below"])))
PY
for f in json csv; do
    (limit_mem; { "$m" --policy "$P" --format $f "$tmp/big.csv" 2>"$tmp/err"; echo $? >"$tmp/rc"; } |
        grep -c '^E[0-9]*,\|"id": "E' >"$tmp/rows") || true
    [ "$(cat "$tmp/rc")" = 0 ] || { cat "$tmp/err"; fail "--format $f on 200,000 employees: exit $(cat "$tmp/rc")"; }
    [ "$(cat "$tmp/rows")" = 200000 ] || fail "--format $f on 200,000 employees: $(cat "$tmp/rows") rows"
done
(limit_mem; "$m" --policy "$P" -o "$tmp/big-out.csv" "$tmp/big.csv" >/dev/null 2>"$tmp/err") ||
    { cat "$tmp/err"; fail "-o on 200,000 employees"; }
[ "$(grep -c '^E' "$tmp/big-out.csv")" = 200000 ] || fail "-o on 200,000 employees: rows missing"
rm "$tmp/big.csv" "$tmp/big-out.csv"
echo "cli-merit: budget to the cent, csv/json/-o/--plot, stdin, bad rows and policies, bounded input, streamed rows"
