#!/bin/sh
# career-ladder: the built-in ladder of docs/model.md §1, its market
# quantiles and demand rate, in each format; other profiles by file.
. tests/cli/common.sh

ok "$bin/career-ladder" --format json
python3 - "$tmp/out" <<'PY' || fail "ladder json"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["tiers"]
assert [x["min_years"] for x in t] == [0, 3, 8, 12]
assert [x["anchor_years"] for x in t] == [1, 5, 10, 15]
# the curve passes through the anchors (steffen)
assert [round(x["median"], 6) for x in t] == [100500, 125000, 149500, 160000]
assert [x["span"] for x in t] == ["0-2", "3-7", "8-11", "12+"]
q = d["market"]["quantiles"]
assert abs(q["p25"] - 106880.97) < 0.01 and abs(q["p50"] - 125000) < 1e-6
assert d["market"]["dist"] == "metalog"
assert abs(d["demand"]["annual_rate"] - 0.009576583) < 1e-9
assert d["demand"]["level"] == "high"
PY
ok "$bin/career-ladder" --format csv
cp "$tmp/out" "$tmp/l.csv"; csv_shape "$tmp/l.csv" 13 4
# a name with a comma or a quote is quoted as RFC 4180 says
sed 's/"Performance Architect"/"Architect, \\"Performance\\""/' \
    examples/profiles/performance-architect.json > "$tmp/odd.json"
ok "$bin/career-ladder" --profile "$tmp/odd.json" --format csv
grep -q '^"Architect, ""Performance""",1,"Architect, ""Performance""",' "$tmp/out" || { cat "$tmp/out"; fail "CSV quoting"; }
ok "$bin/career-ladder"
grep -q "160,000 USD" "$tmp/out" || fail "text money"
grep -q "0.9577 % a year" "$tmp/out" || fail "text demand rate"

# The shipped profile file gives the built-in numbers; the other example
# profiles load (3 and 5 tiers, 2 and 5 quantiles).
ok "$bin/career-ladder" --format json
cp "$tmp/out" "$tmp/builtin.json"
ok "$bin/career-ladder" --profile examples/profiles/performance-architect.json --format json
cmp -s "$tmp/out" "$tmp/builtin.json" || fail "the profile file differs from the built-in profile"
for p in examples/profiles/*.json; do
    case $p in *.schema.json) continue;; esac
    # a file of several profiles: each by its role
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
for x in (d if isinstance(d, list) else [d]): print(x["role"])' "$p" >"$tmp/roles"
    while read -r role; do
        ok "$bin/career-ladder" --profile "$p" --role "$role" --format csv
    done <"$tmp/roles"
done
# --interp and --dist change the model
ok "$bin/career-ladder" --dist lognormal --interp linear --format json
[ "$(json 'd["market"]["dist"]')" = lognormal ] || fail "--dist lognormal"
# The calibration (tests/ref/calibration_ref.py, mpmath): d, delta, the
# mean years and the mixture's percentile of each market quantile; the
# bands at 0 and 15 years follow it.
ok "$bin/career-ladder" --format json
close "$(json 'd["calibration"]["dispersion"]')" 0.636985559049159 1e-6
close "$(json 'd["calibration"]["separation_rate"]')" 0.136127856820926 1e-6
close "$(json 'd["calibration"]["mean_years"]')" 6.79919243778421 1e-6
[ "$(json 'd["calibration"]["separation_rate_source"]')" = fitted ] || fail "separation source"
close "$(json 'd["calibration"]["quantiles"][0]["mixture_p"]')" 0.0778067818229738 1e-6
close "$(json 'd["calibration"]["quantiles"][1]["mixture_p"]')" 0.525433660550178 1e-6
close "$(json 'd["calibration"]["quantiles"][2]["mixture_p"]')" 0.863707829139417 1e-6
close "$(json 'd["calibration"]["quantiles"][2]["salary"]')" 160000 0
close "$(json 'd["tiers"][0]["p10"]')" 81524.6461067469 1e-6
close "$(json 'd["tiers"][3]["p10"]')" 129790.481363975 1e-6
close "$(json 'd["tiers"][3]["p90"]')" 187245.411978931 1e-6
ok "$bin/career-ladder"
grep -q "^Calibration: dispersion d = 0.6370; separation rate 13.61 % a year (fitted)" "$tmp/out" || fail "calibration block"
# --dispersion market is today's d = 1: the tier's band is the market's.
ok "$bin/career-ladder" --format json --dispersion market
close "$(json 'd["calibration"]["dispersion"]')" 1 0
close "$(json 'd["tiers"][1]["p10"]')" 90000 1e-9
ok "$bin/career-ladder" --format json --dispersion 0.5
close "$(json 'd["calibration"]["dispersion"]')" 0.5 0
fails 2 "dispersion: invalid value 'wide'" "$bin/career-ladder" --dispersion wide
fails 2 "dispersion: '6' is out of range" "$bin/career-ladder" --dispersion 6
# The Model line and the JSON model name the band: the built-in profile's
# power band, and an imported profile's copula band with its curve in the
# market's normal scores (Utah's database architects, whose p50 = p75 is
# a mass point: docs/model.md §3).
ok "$bin/career-ladder"
grep -q "^Model: steffen curve (clamp beyond the anchors), metalog market, power band," "$tmp/out" || fail "model line, power band"
grep -q "^Experience correlation" "$tmp/out" && fail "a power band with no rho has no correlation line"
ok "$bin/career-ladder" --format json
[ "$(json 'd["calibration"]["experience_correlation"]')" = None ] || fail "no rho: null"
[ "$(json 'd["calibration"]["implied_correlation"]')" = None ] || fail "power band: null"
ok "$bin/career-import" --oews tests/data/bls/state_M2023_dl-3occ.csv --occ 15-1243 --area 49 --ep tests/data/bls/occupation_2024-34.xlsx
cp "$tmp/out" "$tmp/utah.json"
ok "$bin/career-ladder" --profile "$tmp/utah.json"
grep -q "^Model: steffen curve in the market's normal scores (clamp beyond the anchors, rising to a peak by 30 years), spline market, copula band," "$tmp/out" || { cat "$tmp/out"; fail "model line, copula band"; }
# rho, assumed by the import, beside the sqrt(1 - d^2) of the fitted band
grep -q "^Experience correlation: rho = 0.85 assumed (it placed the tiers); sqrt(1 - d^2) = 0.[0-9][0-9] for the fitted band$" "$tmp/out" || fail "experience correlation line"
ok "$bin/career-ladder" --profile "$tmp/utah.json" --format json
[ "$(json 'd["model"]["band"]')" = copula ] || fail "model band"
close "$(json 'd["calibration"]["experience_correlation"]')" 0.85 0
close "$(json 'd["calibration"]["implied_correlation"]')" "$(json '(1 - d["calibration"]["dispersion"] ** 2) ** 0.5')" 1e-12
# its bands mix back to the market within 0.03 at every published point
# (0.070 at the median with the curve in pay)
python3 - "$tmp/out" <<'PY' || fail "Utah mixture"
import json, sys
d = json.load(open(sys.argv[1]))
r = [abs(q["mixture_p"] - q["p"]) for q in d["calibration"]["quantiles"]]
assert len(r) == 5 and max(r) < 0.03, r
PY
echo "cli-ladder: ladder, market, demand, calibration, csv quoting, example profiles, the model's band"
