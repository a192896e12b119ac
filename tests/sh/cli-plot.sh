#!/bin/sh
# --plot: an SVG that xmllint accepts and a PNG with a real picture in it
# (decoded: more than a handful of colours), with nothing on stdout from
# PLplot beyond the tool's own output.
. tests/cli/common.sh

colours() { python3 tests/cli/png_colours.py "$1" | awk '{print $2}'; }

ok "$bin/career-project" --horizon 15 --paths 2000 --seed 3 --format csv --plot "$tmp/fan.svg"
cp "$tmp/out" "$tmp/with-plot.csv"
xmllint --noout "$tmp/fan.svg" || fail "invalid SVG"
grep -q "<svg" "$tmp/fan.svg" || fail "not an SVG"
ok "$bin/career-project" --horizon 15 --paths 2000 --seed 3 --format csv
cmp -s "$tmp/out" "$tmp/with-plot.csv" || fail "--plot changed stdout"

ok "$bin/career-project" --horizon 15 --paths 2000 --seed 3 --plot "$tmp/fan.png"
n=$(colours "$tmp/fan.png") || fail "not a PNG"
[ "$n" -gt 8 ] || fail "the PNG is blank ($n colours)"
ok "$bin/career-project" --plot "$tmp/path.png"
[ "$(colours "$tmp/path.png")" -gt 8 ] || fail "blank PNG without paths"

ok "$bin/career-ladder" --plot "$tmp/ladder.svg"
xmllint --noout "$tmp/ladder.svg" || fail "invalid ladder SVG"
ok "$bin/career-ladder" --per hour --plot "$tmp/ladder.png"
[ "$(colours "$tmp/ladder.png")" -gt 8 ] || fail "blank ladder PNG"
echo "cli-plot: valid SVG, non-blank PNG, stdout unchanged"
