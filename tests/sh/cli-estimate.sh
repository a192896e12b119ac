#!/bin/sh
# career-estimate: the reference figures of docs/model.md §3-§5 in each
# output format, and money per month and hour.
. tests/cli/common.sh

# m(5) = 125,000 and the band's p50 is the median (docs/model.md §3, §5).
ok "$bin/career-estimate" --years 5 --format json
[ "$(json 'd["band"]["p50"]')" = 125000.0 ] || fail "band.p50 is $(json 'd["band"]["p50"]')"
[ "$(json 'd["role"]')" = "Performance Architect" ] || fail role
[ "$(json 'd["tier"]')" = 1 ] || fail tier
[ "$(json 'd["tier_name"]')" = "Performance Architect" ] || fail tier_name
[ "$(json 'd["years"]')" = 5.0 ] || fail years
[ "$(json 'd["salary"] is None and d["percentile"] is None')" = True ] || fail "salary keys without --salary are not null"
# The calibrated band at 5 years: 125,000 (Q(p) / 125,000)^d with
# d = 0.6369855584 (tests/ref/calibration_ref.py): p10 = 125,000 * 0.72^d.
close "$(json 'd["band"]["p10"]')" 101398.813565606 1e-6

# With the market's whole spread (d = 1): Q(0.25) = 106,880.97 in the
# market and at 5 years, where m = Q(0.5).
ok "$bin/career-estimate" --years 5 --format json --dispersion market
close "$(json 'd["band"]["p25"]')" 106880.97 1e-7
close "$(json 'd["band"]["p10"]')" 90000 1e-9
close "$(json 'd["band"]["p90"]')" 160000 1e-9

# With a salary: compa-ratio 140,000 / 125,000 = 1.12; F(149,500) = 0.8241360
# at 5 years equals the market's because m(5) is the market median (d = 1).
ok "$bin/career-estimate" --years 5 --salary 149500 --format json --dispersion market
close "$(json 'd["compa_ratio"]')" 1.196 1e-12
close "$(json 'd["percentile"]')" 0.8241360 1e-6
close "$(json 'd["market_percentile"]')" 0.8241360 1e-6
# range penetration (149,500 - 90,000) / (160,000 - 90,000) = 0.85
close "$(json 'd["range_penetration"]')" 0.85 1e-9
[ "$(json 'd["years_to_next_tier"]')" = 3.0 ] || fail "years to the next tier"

# Text: thousands separators and the currency code.
ok "$bin/career-estimate" --years 5 --salary 140000
grep -q "median  *125,000 USD" "$tmp/out" || { cat "$tmp/out"; fail "text median"; }
grep -q "compa-ratio  *1.120" "$tmp/out" || fail "text compa-ratio"

# CSV: a header and one record; the same 22 columns with or without --salary.
ok "$bin/career-estimate" --years 5 --salary 140000 --format csv
cp "$tmp/out" "$tmp/e.csv"; csv_shape "$tmp/e.csv" 22 1
ok "$bin/career-estimate" --years 12.5 --format csv
cp "$tmp/out" "$tmp/e.csv"; csv_shape "$tmp/e.csv" 22 1

# --per: a month is a twelfth of a year; an hour 1/2080; --salary is read in it.
ok "$bin/career-estimate" --years 5 --per month --format json
close "$(json 'd["band"]["p50"]')" "$(python3 -c 'print(125000/12)')" 1e-12
ok "$bin/career-estimate" --years 5 --per hour --salary 60.096153846 --format json
close "$(json 'd["compa_ratio"]')" 1 1e-9
ok "$bin/career-estimate" --years 5 --per hour
grep -q "60.10 USD" "$tmp/out" || fail "hourly money has cents"

# --location-factor multiplies every salary.
ok "$bin/career-estimate" --years 5 --location-factor 1.2 --format json
close "$(json 'd["band"]["p50"]')" 150000 1e-12
echo "cli-estimate: reference figures in json, csv and text"

# An hourly profile (BLS publishes hourly-only occupations so) is shown per
# hour by default, and --salary is read per hour: the built-in profile's
# figures divided by 2,080, m(5) = 125,000 / 2,080 = 60.096 an hour, and a
# salary of 67.31 an hour is 67.31 / 60.096... = 1.12 of it.
sed 's/"period": "year"/"period": "hour"/' examples/profiles/performance-architect.json |
    python3 -c '
import json, sys
d = json.load(sys.stdin)
for t in d["tiers"]:
    if "salary" in t:
        t["salary"] /= 2080
d["market"]["quantiles"] = [[p, s / 2080] for p, s in d["market"]["quantiles"]]
json.dump(d, sys.stdout)' >"$tmp/hourly.json"
ok "$bin/career-estimate" --profile "$tmp/hourly.json" --years 5 --salary 67.3077 --format json
[ "$(json 'd["period"]')" = hour ] || fail "an hourly profile is not shown per hour by default"
close "$(json 'd["median"]')" 60.0961538461538 1e-9
close "$(json 'd["compa_ratio"]')" 1.12 1e-5
ok "$bin/career-estimate" --profile "$tmp/hourly.json" --years 5 --per year --format json
close "$(json 'd["median"]')" 125000 1e-9
