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
close "$(json 'd["tiers"][0]["salary"]')" 76445.03049 1e-9
close "$(json 'd["tiers"][3]["salary"]')" 128919.1485 1e-9
close "$(json 'd["market"]["mean"]')" 114000 0
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

# an hourly-only occupation, top-coded at $100 an hour in 2011 ([2]): the
# cap of the survey's year, and shown per hour by the other tools
ok "$imp" --oews "$d/national_M2011_dl.xlsx" --occ 27-2011
cp "$tmp/out" "$tmp/actors.json"
[ "$(json 'd["period"]')" = hour ] || fail "hourly-only: period"
json 'd["notes"]' | grep -q 'the point (0.90, \$100.00) is added' || fail "hourly-only: top-code note"
ok "$bin/career-ladder" --profile "$tmp/actors.json"
grep -q "USD per hour" "$tmp/out" || fail "an hourly profile is not shown per hour"
# -v prints the notes with --oews too
run "$imp" --oews "$d/national_M2011_dl.xlsx" --occ 27-2011 -v
[ "$rc" -eq 0 ] || fail "-v --oews: exit $rc"
grep -q "Hourly-only occupation" "$tmp/err" || fail "-v --oews prints no notes"

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

# the band and the experience correlation: the copula band by default,
# its tiers anchored under rho = 0.85; --experience-correlation 1 anchors
# a level at percentile q at the workforce's quantile q (oews_ref.py)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["band"] == {"shape": "copula"}, d; assert [t["anchor_years"] for t in d["tiers"]] == [1.4, 3.6, 7.2, 11.7], d' "$tmp/csv.json" ||
    fail "the default import: not the copula band with its tiers at 1.4, 3.6, 7.2, 11.7 years"
grep -q 'Experience correlation rho = 0.85 (assumed)' "$tmp/csv.json" || fail "rho is not in the notes"
ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --experience-correlation 1
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [t["anchor_years"] for t in d["tiers"]] == [1.8, 4.0, 7.1, 10.9], d' "$tmp/out" ||
    fail "--experience-correlation 1: not the tiers at 1.8, 4.0, 7.1, 10.9 years"
fails 2 "--experience-correlation" "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --experience-correlation 0
fails 2 "--experience-correlation" "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --experience-correlation 1.5
fails 1 "copula band needs d in" "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --dispersion 2

# errors: the file, the row and the column
sed 's/"139,550"/"139,5x0"/' "$d/all_data_M_2018.csv" > "$tmp/bad.csv"
fails 1 "bad.csv:2:29: column A_PCT75: '139,5x0' is not a number" "$imp" --oews "$tmp/bad.csv" --occ 15-1133
# an empty title (the profile's role) is named where it is, not later as
# "role: must be a non-empty string"
sed '2s/"Software Developers, Systems Software"//' "$d/all_data_M_2018.csv" > "$tmp/notitle.csv"
fails 1 "notitle.csv:2:10: column OCC_TITLE: empty" "$imp" --oews "$tmp/notitle.csv" --occ 15-1133
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
# tables from standard input, a pipe and a FIFO: read once, as streams
ok "$imp" --oews "$d/all_data_M_2018.csv" --list
cp "$tmp/out" "$tmp/list.txt"
ok "$imp" --oews - --list < "$d/all_data_M_2018.csv"
cmp -s "$tmp/out" "$tmp/list.txt" || fail "--oews - (a file on stdin): not the same list"
cat "$d/all_data_M_2018.csv" | { ok "$imp" --oews - --list; }
cmp -s "$tmp/out" "$tmp/list.txt" || fail "--oews - (a pipe): not the same list"
cat "$d/all_data_M_2018.xlsx" | { ok "$imp" --oews /dev/stdin --list; }
cmp -s "$tmp/out" "$tmp/list.txt" || fail "--oews /dev/stdin (an .xlsx in a pipe): not the same list"
cat "$d/ep_2020-30.xlsx" | { ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ep -; }
close "$(json 'd["workforce"]["separation_rate"]')" 0.062 1e-12
mkfifo "$tmp/ep.fifo"
cat "$d/ep_2020-30.csv" > "$tmp/ep.fifo" &
run timeout 20 "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ep "$tmp/ep.fifo"
wait
[ "$rc" -eq 0 ] || { cat "$tmp/err"; fail "--ep FIFO: exit $rc (124: it blocked)"; }
close "$(json 'd["demand"]["growth"]')" 0.11 1e-12
fails 2 "only one of --oews, --ep and --ladder can be -" "$imp" --oews - --ep - --occ 15-1133
fails 2 "only one of --oews, --ep and --ladder can be -" "$imp" --oews - --ladder - --occ 15-1133
# --ladder - reads the template from standard input, as --oews - does
{ ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ladder -; } < examples/ladders/oflc.json
cmp -s "$tmp/out" "$tmp/csv.json" || fail "--ladder - (a file on stdin): not the OFLC profile"
cat examples/ladders/oflc.json | { ok "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ladder -; }
cmp -s "$tmp/out" "$tmp/csv.json" || fail "--ladder - (a pipe): not the OFLC profile"
echo '{' | { fails 1 "^career-import: <stdin>:" "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ladder -; }
printf 'OCC_CODE\n' | { fails 1 "^career-import: <stdin>:1:0: no header row" "$imp" --oews - --list; }
fails 1 "$d: cannot read: Is a directory" "$imp" --oews "$d" --list
fails 1 "$d: cannot read: Is a directory" "$imp" --oews "$d/all_data_M_2018.csv" --occ 15-1133 --ep "$d"

# old Mac line ends (a lone CR) are line ends: the same six occupations
tr -d '\n' < "$d/all_data_M_2018.csv" > "$tmp/cr.csv"
ok "$imp" --oews "$tmp/cr.csv" --list
cmp -s "$tmp/out" "$tmp/list.txt" || fail "CR line ends: not the same list"

# no silent misreading: a NUL byte in a cell, an annual wage written
# "66.740" beside $32.09 an hour
sed 's/Software Developers/Software\x00Developers/' "$d/all_data_M_2018.csv" > "$tmp/nul.csv"
fails 1 "nul.csv:2:10: column 10: a NUL byte in the cell" "$imp" --oews "$tmp/nul.csv" --list
sed 's/"66,740"/66.740/' "$d/all_data_M_2018.csv" > "$tmp/dot.csv"
fails 1 "dot.csv:2:26: column A_PCT10: 66.74 a year is not H_PCT10 32.09 an hour" "$imp" --oews "$tmp/dot.csv" --occ 15-1133

# workbooks made to exhaust memory are refused within 512 MB: 4 M empty
# shared strings (24 M took 405 MB), and 48 MB of <row/> in 70 KB
python3 - "$tmp" <<'PY'
import sys, zipfile
wb = ('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
      '2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>')
rels = ('<Relationships><Relationship Id="rId1" Target="worksheets/'
        'sheet1.xml"/></Relationships>')
row = ('<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>OCC_CODE'
       '</t></is></c></row></sheetData></worksheet>')
def workbook(name, sheet, sst=None):
    with zipfile.ZipFile(sys.argv[1] + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if sst:
            z.writestr("xl/sharedStrings.xml", sst)
workbook("si.xlsx", row, "<sst>" + "<si/>" * 4000000 + "</sst>")
workbook("rows.xlsx", "<worksheet><sheetData>" + "<row/>" * 8000000 +
         "</sheetData></worksheet>")
PY
(limit_mem; fails 1 "si.xlsx: corrupt workbook: xl/sharedStrings.xml inflates to 20000011 bytes.*zip bomb" "$imp" --oews "$tmp/si.xlsx" --list)
(limit_mem; fails 1 "rows.xlsx: corrupt workbook: xl/worksheets/sheet1.xml inflates.*zip bomb" "$imp" --oews "$tmp/rows.xlsx" --list)
echo "cli-oews: CSV = .xlsx, --list, --all, --occ, --ep, --ladder; stdin, pipes, FIFOs; errors"
