#!/bin/sh
# career-import: the seed guide imports to the built-in profile (the tools
# give identical output from it); errors name the file and the missing part.
. tests/cli/common.sh
guide=examples/guides/performance-architect.txt

ok "$bin/career-import" "$guide"
cp "$tmp/out" "$tmp/pa.json"
[ "$(json 'd["format"]')" = career-profile/1 ] || fail format
run "$bin/career-import" "$guide" -o "$tmp/pa2.json"
[ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] || fail "-o: exit $rc or output on stdout"
cmp -s "$tmp/pa.json" "$tmp/pa2.json" || fail "-o and stdout differ"
for args in "career-ladder --format json" "career-estimate --years 7.5 --salary 131000 --format json" \
            "career-project --horizon 20 --scenarios --format csv"; do
    set -- $args
    tool=$1; shift
    ok "$bin/$tool" "$@"
    cp "$tmp/out" "$tmp/builtin"
    ok "$bin/$tool" --profile "$tmp/pa.json" "$@"
    cmp -s "$tmp/out" "$tmp/builtin" || fail "$tool: the imported profile differs from the built-in one"
done

# errors: a guide without its salary section, a missing file, a folder
sed '/Annual Salary/d' "$guide" > "$tmp/nosalary.txt"
fails 1 "nosalary.txt.*salary" "$bin/career-import" "$tmp/nosalary.txt"
fails 1 "no-such-guide.txt: No such file" "$bin/career-import" "$tmp/no-such-guide.txt"
fails 1 "is a folder" "$bin/career-import" "$tmp"
fails 2 "missing the GUIDE" "$bin/career-import"
fails 2 "unexpected argument" "$bin/career-import" "$guide" "$guide"
fails 1 "." "$bin/career-import" "$guide" -o "$tmp/no/such/dir/p.json"
# a guide cut off in its tiers, from standard input: refused, naming the tier
# (they used to import with 2 tiers, Performance Architect at Senior's pay)
for n in 164 167 170 173; do
    head -n "$n" "$guide" >"$tmp/cut.txt"
    fails 1 "^career-import: -:[0-9]+:1: guide: the text ends inside the career tiers, after tier '" \
        sh -c '"$1" - <"$2"' sh "$bin/career-import" "$tmp/cut.txt"
done
head -n 169 "$guide" >"$tmp/cut.txt"
fails 1 "cut.txt:168:1: guide: tier 'Senior Performance Architect' has no 'Experience: A-B years' line: the text ends there" \
    "$bin/career-import" "$tmp/cut.txt"
# a tier's span deleted: refused, naming the tier
sed '/Experience: 6-9 years/d' tests/data/guide-sre-5-tiers.txt >"$tmp/nospan.txt"
fails 1 "nospan.txt:48:1: guide: tier 'Senior Site Reliability Engineer' has no 'Experience: A-B years' line after it" \
    "$bin/career-import" "$tmp/nospan.txt"
# cut after the next section's heading: every tier is whole, and imports
head -n 180 "$guide" >"$tmp/cut.txt"
ok "$bin/career-import" "$tmp/cut.txt"
cmp -s "$tmp/out" "$tmp/pa.json" || fail "head -n 180: not the seed's profile"
# "$108,5" where "90,000" groups with a comma: refused, not read as 1085
sed '30s/.*/$108,5/' "$guide" >"$tmp/comma.txt"
fails 1 "comma.txt:30:1: guide: amount '108,5' is ambiguous: ',' is the decimal mark in it, but ',' groups digits in '90,000'" \
    "$bin/career-import" "$tmp/comma.txt"
# --verbose: the importer's guesses on stderr, and as notes in the JSON
ok "$bin/career-import" --verbose examples/guides/performance-architect.txt
[ "$(grep -c '^career-import: note: ' "$tmp/err")" -eq 5 ] || { cat "$tmp/err"; fail "--verbose notes"; }
grep -q "anchored at 5 years, the midpoint of '3-7 years'" "$tmp/err" || fail "--verbose anchor note"
[ "$(json 'len(d["notes"])')" = 5 ] || fail "notes in the JSON"
ok "$bin/career-import" examples/guides/performance-architect.txt
[ ! -s "$tmp/err" ] || { cat "$tmp/err"; fail "notes on stderr without --verbose"; }
# A guide whose Entry level sits far below its market cannot be calibrated:
# refused, naming the guide and the cause; --dispersion market imports it
sed 's/\$100,500/$30,500/' "$guide" > "$tmp/wide.txt"
fails 1 "wide.txt: calibration: the best dispersion is 0" "$bin/career-import" "$tmp/wide.txt"
ok "$bin/career-import" --dispersion market "$tmp/wide.txt"
[ "$(json 'd["tiers"][0]["salary"]')" = 30500 ] || fail "--dispersion market import"
fails 2 "dispersion: invalid value" "$bin/career-import" --dispersion wide "$guide"
echo "cli-import: seed guide = built-in profile; notes; calibration; errors"
