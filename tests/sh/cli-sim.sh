#!/bin/sh
# career-project --paths: the same seed gives the same output at 1 and 2
# threads; without shocks and with a fixed pace every quantile is the
# deterministic path; the tier shares are sensible.
. tests/cli/common.sh

for f in json csv table; do
    ok "$bin/career-project" --paths 3000 --seed 42 --threads 1 --horizon 12 --format $f
    cp "$tmp/out" "$tmp/one"
    ok "$bin/career-project" --paths 3000 --seed 42 --threads 2 --horizon 12 --format $f
    cmp -s "$tmp/out" "$tmp/one" || fail "--format $f differs between 1 and 2 threads"
done
ok "$bin/career-project" --paths 3000 --seed 43 --threads 2 --horizon 12 --format json
cmp -s "$tmp/out" "$tmp/one" && fail "seeds 42 and 43 give the same output"

ok "$bin/career-project" --paths 200 --volatility 0 --pace-sd 0 --horizon 10 --format json
python3 - "$tmp/out" <<'PY' || fail "sigma = 0 is the deterministic path"
import json, sys
d = json.load(open(sys.argv[1]))
for r, b in zip(d["rows"], d["simulation"]["bands"]):
    for k in ("mean", "p10", "p25", "p50", "p75", "p90"):
        assert abs(b[k] - r["salary"]) <= 1e-9 * r["salary"], (k, b, r)
PY

ok "$bin/career-project" --paths 5000 --seed 5 --format json
python3 - "$tmp/out" <<'PY' || fail "tier shares"
import json, sys
d = json.load(open(sys.argv[1]))
bands = d["simulation"]["bands"]
assert d["simulation"]["paths"] == 5000 and len(bands) == 11
for t in range(4):
    s = [b["share_tier%d" % t] for b in bands]
    assert all(0 <= x <= 1 for x in s) and s == sorted(s), s
assert all(b["share_tier0"] == 1 for b in bands)
assert all(b["p10"] <= b["p25"] <= b["p50"] <= b["p75"] <= b["p90"] for b in bands)
PY
echo "cli-sim: reproducible across threads, sigma = 0 identity, shares"
