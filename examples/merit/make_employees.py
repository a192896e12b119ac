#!/usr/bin/env python3
# make_employees.py - writes examples/merit/employees.csv: 200 made-up
# employees for the example merit policy, the same file on every run
# (splitmix64 from a fixed seed, no library generator whose sequence could
# change between Python versions).
#
#   python3 examples/merit/make_employees.py > examples/merit/employees.csv
#
# Salaries scatter around the built-in profile's anchors (linear between
# them, as a rough median by experience) by a factor of 0.75 to 1.35, so
# that some sit below the range minimum and some above the maximum. A few
# employees carry an explicit tier (promoted ahead of their years).
N = 200
ANCHORS = [(1, 100500), (5, 125000), (10, 149500), (15, 160000)]
MIN_YEARS = [0, 3, 8, 12]
RATINGS = [("unsatisfactory", 0.03), ("below", 0.12), ("meets", 0.55),
           ("exceeds", 0.22), ("outstanding", 0.08)]
state = 0x2385
MASK = (1 << 64) - 1

def uniform():
    global state
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return ((z ^ (z >> 31)) >> 11) / float(1 << 53)

def median(x):
    if x <= ANCHORS[0][0]:
        return ANCHORS[0][1]
    for (x0, y0), (x1, y1) in zip(ANCHORS, ANCHORS[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return ANCHORS[-1][1]

def rating():
    u, acc = uniform(), 0.0
    for name, share in RATINGS:
        acc += share
        if u < acc:
            return name
    return RATINGS[-1][0]

print("id,years,tier,salary,rating")
for i in range(N):
    years = round(20 * uniform() ** 1.3, 1)
    salary = round(median(years) * (0.75 + 0.6 * uniform()), 2)
    tier = max(t for t, y in enumerate(MIN_YEARS) if years >= y)
    explicit = str(tier + 1) if uniform() < 0.04 and tier < 3 else ""
    print("E%04d,%.1f,%s,%.2f,%s" % (i + 1, years, explicit, salary, rating()))
