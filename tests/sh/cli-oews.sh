#!/bin/sh
# career-import --oews: a profile from BLS OEWS fixtures (CSV and .xlsx give
# the same one), --list, --all and --occ in the other tools, --ep, --ladder,
# and errors naming the file, row and column. The fixtures' figures and
# their BLS sources: tests/data/oews/make_fixtures.py; the tier salaries:
# tests/ref/oews_ref.py.
. tests/cli/common.sh
d=tests/data/oews
imp="$bin/career-import"

# 15-1133, May 2018 ([1]): tier salaries from oews_ref.py
ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133
cp "$tmp/out" "$tmp/csv.json"
[ "$(json 'd["role"]')" = "Software Developers, Systems Software" ] || fail role
[ "$(json 'd["occ_code"]')" = 15-1133 ] || fail occ_code
[ "$(json 'd["area_code"]')" = 99 ] || fail area_code
close "$(json 'd["tiers"][0]["salary"]')" 76687.00064 1e-9
close "$(json 'd["tiers"][3]["salary"]')" 128846.9628 1e-9
ok "$imp" --oews "$d/all_data_M_2018.xlsx" --occ 15-1133
[ "$(json 'd["tiers"]')" = "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tiers"])' "$tmp/csv.json")" ] ||
    fail "the .xlsx and the CSV give different tiers"

# -o writes the file and nothing on stdout; the other tools read it
run "$imp" --oews "$d/all_data_M_2018.xlsx" --occ 15-1051 --area 56 --ep "$d/ep_2020-30.xlsx" -o "$tmp/wy.json"
[ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] || fail "-o: exit $rc or output on stdout"
ok "$bin/career-ladder" --profile "$tmp/wy.json" --format json
ok "$bin/career-estimate" --profile "$tmp/wy.json" --years 4 --salary 40000

# the separation rate and growth from EP (SYNTHETIC rows of the fixture)
ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ep "$d/ep_2020-30.csv"
close "$(json 'd["demand"]["growth"]')" 0.11 1e-12
close "$(json 'd["workforce"]["separation_rate"]')" 0.062 1e-12

# an hourly-only occupation, top-coded at $90 an hour in 2011 ([2])
ok "$imp" --oews "$d/national_M2011_dl.xlsx" --occ 27-2011 --cap-hourly 90
[ "$(json 'd["period"]')" = hour ] || fail "hourly-only: period"
json 'd["notes"]' | grep -q "below the cap" || fail "hourly-only: top-code note"

# --list and --all; --occ picks from the multi-profile file
ok "$imp" --oews "$d/all_data_M_2018.xlsx" --list --area 56
[ "$(wc -l < "$tmp/out")" -eq 2 ] || fail "--list --area 56: not 2 lines"
grep -q "^56	15-1051	370	Computer Systems Analysts$" "$tmp/out" || fail "--list line"
ok "$imp" --oews "$d/all_data_M_2018.csv" --list
[ "$(wc -l < "$tmp/out")" -eq 6 ] || fail "--list: not 6 lines"
run "$imp" --oews "$d/all_data_M_2018.csv" --all -o "$tmp/all.json"
[ "$rc" -eq 0 ] || fail "--all: exit $rc"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [p["occ_code"] for p in d] == ["15-1133", "35-3023"], d' "$tmp/all.json" ||
    fail "--all: not the two national occupations"
ok "$bin/career-ladder" --profile "$tmp/all.json" --occ 35-3023 --format json
ok "$bin/career-project" --profile "$tmp/all.json" --occ 15-1133 --horizon 5
fails 1 "no profile with occ_code '11-1111'" "$bin/career-ladder" --profile "$tmp/all.json" --occ 11-1111
fails 2 "give one of them" "$bin/career-ladder" --profile "$tmp/all.json" --occ 15-1133 --role X
fails 1 "has no occupation code" "$bin/career-estimate" --occ 15-1133 --years 1

# a ladder template
ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ladder examples/ladders/oflc.json
cmp -s "$tmp/out" "$tmp/csv.json" || fail "the shipped OFLC template differs from the built-in one"

# errors: the file, the row and the column
sed 's/"139,550"/"139,5x0"/' "$d/all_data_M_2018.csv" > "$tmp/bad.csv"
fails 1 "bad.csv:2:29: column A_PCT75: '139,5x0' is not a number" "$imp" --oews "$tmp/bad.csv" --occ 15-1133
sed '1s/,A_MEDIAN,/,A_MIDDLE,/' "$d/all_data_M_2018.csv" > "$tmp/nocol.csv"
fails 1 "missing column A_MEDIAN" "$imp" --oews "$tmp/nocol.csv" --occ 15-1133
head -c 3000 "$d/all_data_M_2018.xlsx" > "$tmp/cut.xlsx"
fails 1 "cut.xlsx.*corrupt workbook" "$imp" --oews "$tmp/cut.xlsx" --list
fails 1 "no occupation 11-1111 in area 99" "$imp" --oews "$d/all_data_M_2018.csv" --occ 11-1111
fails 1 "no-such.csv" "$imp" --oews "$tmp/no-such.csv" --occ 15-1133
fails 2 "give one of --occ CODE, --all or --list" "$imp" --oews "$d/all_data_M_2018.csv"
fails 2 "need --oews" "$imp" --occ 15-1133
fails 2 "--area: empty value" "$imp" --oews "$d/all_data_M_2018.csv" --list --area ""
fails 2 "--group: invalid value" "$imp" --oews "$d/all_data_M_2018.csv" --list --group tiny
fails 1 "." "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 -o "$tmp/no/such/dir/p.json"
echo "cli-oews: CSV = .xlsx, --list, --all, --occ, --ep, --ladder; errors"
