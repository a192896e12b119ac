#!/bin/sh
# The tools that do not draw (career-estimate, career-import) link neither
# PLplot nor cairo, and JSON numbers are the shortest text that reads back
# exactly (0.1, not 0.10000000000000001).
. tests/cli/common.sh

for t in estimate import; do
    if ldd "$bin/career-$t" | grep -Eq 'plplot|cairo'; then
        fail "career-$t links PLplot or cairo"
    fi
    if nm "$bin/career-$t" | grep -Eq ' [UT] (c_)?pl(init|end|sdev)'; then
        fail "career-$t holds PLplot calls"
    fi
done
ldd "$bin/career-ladder" | grep -q plplot || fail "career-ladder does not link PLplot"

ok "$bin/career-project" --inflation 0.1 --discount 0.03 --format json
grep -q '"inflation": 0.1,' "$tmp/out" || fail "inflation not written as 0.1"
grep -q '"discount": 0.03$' "$tmp/out" || fail "discount not written as 0.03"
python3 - "$tmp/out" <<'PY' || fail "a JSON number longer than it needs"
import re, sys
def sig(t):
    m = t.lower().split('e')[0].replace('-', '').replace('.', '').lstrip('0')
    return len(m.rstrip('0')) if m else 1
text = open(sys.argv[1]).read()
for t in re.findall(r'-?\d+\.\d+(?:[eE][-+]?\d+)?', text):
    if sig(t) > max(15, sig(repr(float(t)))):
        print(t); sys.exit(1)
PY
json 'd["options"]["inflation"]' >/dev/null
echo "cli-link: no PLplot in estimate/import; shortest JSON numbers"
