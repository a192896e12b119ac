#!/bin/sh
# Every numeric option of every tool against the library's limits
# (include/career.h): a value the library would refuse is the
# tool's own usage error, exit 2, naming the option, never the library's
# message with exit 1 ("options.location_factor: must be in ...",
# "projection: argument out of domain"). Values at the edges of each range,
# alone and with the longest horizon.
. tests/cli/common.sh
P=examples/merit/policy.json
E=examples/merit/employees.csv
guide=examples/guides/performance-architect.txt
oews=tests/data/oews/all_data_M_2018.csv

# check CMD...: exit 0, or exit 2 with a message that names an option.
check() {
    run "$@"
    case $rc in
    0) ;;
    2) head -n 1 "$tmp/err" | grep -Eq '^career-[a-z]+: (-[a-zA-Z]|--[a-z])' ||
           { cat "$tmp/err"; fail "a usage error that names no option: $*"; } ;;
    *) cat "$tmp/err"; fail "exit $rc, not 0 or 2: $*" ;;
    esac
}

tiny="1e-300 1e-7 1e-6 0.001 0.005 0.01"
huge="1e6 1e9 9.99e11 1e12 1e300"
for v in $tiny $huge; do
    for t in "career-estimate --years 5" "career-ladder" "career-project --horizon 100" \
             "career-merit --policy $P $E"; do
        # shellcheck disable=SC2086
        check "$bin"/$t --location-factor $v
        # shellcheck disable=SC2086
        check "$bin"/$t --dispersion $v
    done
    check "$bin/career-import" "$guide" --dispersion $v
    for per in year month hour; do
        check "$bin/career-estimate" --years 5 --salary $v --per $per
        check "$bin/career-project" --horizon 100 --salary $v --per $per
        check "$bin/career-project" --horizon 100 --target $v --per $per
    done
    check "$bin/career-import" --oews "$oews" --occ 15-1133 --cap-annual $v
    check "$bin/career-import" --oews "$oews" --occ 15-1133 --cap-hourly $v
done
for v in -0.999999 -0.9999 -0.99 -0.9 -0.5 0 1 10 99 100; do
    for h in 1 100; do
        check "$bin/career-project" --horizon $h --discount $v
        check "$bin/career-project" --horizon $h --inflation $v
        check "$bin/career-project" --horizon $h --inflation $v --discount $v
        check "$bin/career-project" --horizon $h --inflation $v --paths 100
        for gy in 0.001 1 1000; do
            check "$bin/career-project" --horizon $h --growth $v --growth-years $gy
            check "$bin/career-project" --horizon $h --growth $v --growth-years $gy --scenarios
        done
        check "$bin/career-project" --horizon $h --elasticity $v --growth 1 --growth-years 1
    done
done
for v in 0 0.001 1 5; do
    check "$bin/career-project" --horizon 100 --paths 200 --volatility $v --pace-sd 5 --inflation 10
    check "$bin/career-project" --horizon 100 --paths 200 --pace-sd $v --volatility 5 --growth 99 --growth-years 1
done
# career-equity's shares, counts and money
Q=examples/equity/employees.csv
adj="--factors years,tier --categorical tier"
for v in 1e-300 0.001 0.05 5% 0.99 99% 1 100%; do
    check "$bin/career-equity" "$Q" --threshold $v
    # shellcheck disable=SC2086
    check "$bin/career-equity" "$Q" $adj --remedy $v
    # shellcheck disable=SC2086
    check "$bin/career-equity" "$Q" $adj --remedy 5% --max-raise $v
done
for v in 0 1 2 1000000 100000000; do
    check "$bin/career-equity" "$Q" --suppress $v
done
for v in 1e-300 0.01 1e11 1e12; do
    # shellcheck disable=SC2086
    check "$bin/career-equity" "$Q" $adj --remedy 0 --floor $v --max-raise 1e-300
done
for v in 1 2 100; do
    # shellcheck disable=SC2086
    check "$bin/career-equity" "$Q" $adj --decompose b --bootstrap $v
done
for y in 0 99.99 100; do
    check "$bin/career-estimate" --years $y
    check "$bin/career-project" --horizon 100 --years $y --salary 0.01 --inflation -0.9
done

# the two the audit found, by name
fails 2 "^career-estimate: --location-factor: '1e-300' is out of range" \
    "$bin/career-estimate" --years 5 --location-factor 1e-300
fails 2 "^career-ladder: --dispersion: '0.005' is out of range" \
    "$bin/career-ladder" --dispersion 0.005
fails 2 "^career-project: --discount, --horizon: out of range together" \
    "$bin/career-project" --discount -0.999999 --horizon 100
fails 2 "^career-project: --inflation, --horizon: out of range together" \
    "$bin/career-project" --inflation -0.9999 --horizon 100
fails 2 "^career-project: --scenarios, --growth: a growth of -0.9 has a low scenario" \
    "$bin/career-project" --scenarios --growth -0.9 --growth-years 10
echo "cli-ranges: every numeric option at its edges: exit 0, or 2 naming the option"
