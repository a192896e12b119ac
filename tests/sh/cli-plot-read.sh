#!/bin/sh
# Plots a person reads at a glance: the title fits the page and
# names inflation and location, a legend gives a key for every line, band,
# the anchors' markers and the tier lines, the Monte Carlo fan has its two
# bands, its median and the deterministic path, the years of experience on
# a secondary axis, and text no font can draw is escaped, not boxes.
. tests/cli/common.sh

# The texts of an SVG (PLplot writes each string as a <text> element),
# with the font size and anchor of each.
texts() {
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
for e in ET.parse(sys.argv[1]).iter('{http://www.w3.org/2000/svg}text'):
    t = ''.join(e.itertext())
    if t.strip():
        print('%s\t%s\t%s' % (e.get('font-size'), e.get('text-anchor'), t))
PY
}
has() { grep -Fq -- "$2" "$1" || { cat "$1"; fail "the plot has no '$2'"; }; }

ok "$bin/career-project" --years 2 --horizon 12 --paths 500 --seed 1 --inflation 0.02 --location-factor 1.1 --plot "$tmp/fan.svg"
texts "$tmp/fan.svg" >"$tmp/fan.txt"
for s in "inflation 2 % a year" "location factor 1.1" "deterministic path" \
         "Monte Carlo median" "Monte Carlo p10-p90" "Monte Carlo p25-p75" \
         "tier reached" "Years of experience" "Year of the projection" \
         "year 1: Performance Architect"; do
    has "$tmp/fan.txt" "$s"
done
ok "$bin/career-ladder" --plot "$tmp/ladder.svg"
texts "$tmp/ladder.svg" >"$tmp/ladder.txt"
for s in "median m(x)" "p10-p90 band" "p25-p75 band" "tier salary at its anchor" \
         "tier starts" "0-2 years: Junior Performance Engineer" "location factor 1"; do
    has "$tmp/ladder.txt" "$s"
done

# A long title is shrunk to the page (960 px): its estimated width fits.
python3 -c "
import json; d = json.load(open('examples/profiles/performance-architect.json'))
d['role'] = 'Principal Distributed Systems Performance Architect for Low-Latency Trading Platforms'
json.dump(d, open('$tmp/long.json', 'w'))"
ok "$bin/career-project" --profile "$tmp/long.json" --horizon 10 --plot "$tmp/long.svg"
texts "$tmp/long.svg" | python3 -c "
import sys
for line in sys.stdin:
    size, anchor, text = line.rstrip('\n').split('\t', 2)
    if anchor == 'middle' and 0.55 * float(size) * len(text) > 940:
        sys.exit('clipped: %s px %r' % (size, text))" || fail "a title wider than the page"

# Colours: the legend's keys and the anchors' markers are drawn (PNG).
ok "$bin/career-project" --horizon 12 --paths 500 --seed 1 --plot "$tmp/fan.png"
python3 tests/cli/png_colours.py "$tmp/fan.png" 1f4ea0 d76e14 96b9eb cddef5 >/dev/null ||
    fail "the fan lacks its line, median or bands"
ok "$bin/career-ladder" --plot "$tmp/ladder.png"
python3 tests/cli/png_colours.py "$tmp/ladder.png" 1f4ea0 aa1e1e >/dev/null ||
    fail "the ladder lacks its curve or anchor markers"

# Characters no installed font has are written U+XXXX, not drawn as boxes;
# PLplot's escape character is drawn as itself.
python3 -c "
import json; d = json.load(open('examples/profiles/performance-architect.json'))
d['role'] = '\u8f6f\u4ef6 \U0001f680 #1 Architect'
json.dump(d, open('$tmp/cjk.json', 'w'))"
ok "$bin/career-ladder" --profile "$tmp/cjk.json" --plot "$tmp/cjk.svg"
texts "$tmp/cjk.svg" >"$tmp/cjk.txt"
has "$tmp/cjk.txt" "#1 Architect"
if [ -z "$(fc-list ':charset=8f6f' 2>/dev/null)" ]; then
    has "$tmp/cjk.txt" "<U+8F6F>"
else
    has "$tmp/cjk.txt" "$(printf '\350\275\257')"
fi
if [ -z "$(fc-list ':charset=1f680' 2>/dev/null)" ]; then
    has "$tmp/cjk.txt" "<U+1F680>"
fi
# career-merit's title too
ok "$bin/career-merit" --profile "$tmp/cjk.json" --policy examples/merit/policy.json \
    --plot "$tmp/merit.svg" examples/merit/employees.csv
texts "$tmp/merit.svg" >"$tmp/merit.txt"
has "$tmp/merit.txt" "#1 Architect: employees in their ranges"
echo "cli-plot-read: titles fit, legends with keys, markers, fan, secondary axis, escapes"
