#!/usr/bin/env python3
# merit_ref.py - independent reference values for tests/test_merit.c.
# Plain python3 with exact rational arithmetic (fractions.Fraction): the
# ranges of a spread policy on the built-in profile (the curve passes
# through the tiers' anchor salaries, docs/model.md §3), positions by
# range penetration, lifts, the matrix with its limits, the scale k found
# by walking the sorted breakpoints of Cost(k) with exact slopes, merit
# cents by Hamilton's largest-remainder rule (ties: lower index first) and
# the lump sums above the maximum. It shares no code with lib/merit.c.
# Run: python3 tests/ref/merit_ref.py  (prints the C tables of the test)
from fractions import Fraction as F
import math

MIDS = [100500, 125000, 149500, 160000]       # m(anchor) of tiers 0..3
MIN_YEARS = [0, 3, 8, 12]
SPREAD = F(1, 2)
RATINGS = ["none", "low", "mid", "high"]      # "none" is not eligible
MATRIX = {"none": ["0", "0", "0", "0"],
          "low": ["0.01", "0.005", "0", "0"],
          "mid": ["0.04", "0.03", "0.025", "0.02"],
          "high": ["0.07", "0.06", "0.05", "0.04"]}
MIN_RAISE_FROM, MIN_RAISE = 2, F("0.015")     # from "mid"
MAX_RAISE = F("0.08")
EDGES = [F(1, 4), F(1, 2), F(3, 4)]
# (years, tier or None, salary, rating)
POP = [(1.5, None, "76543.21", 3), (2, None, "95000.55", 2),
       (4, None, "149000.10", 3), (6, None, "160500.00", 2),
       (9, None, "130250.75", 1), (10, None, "175000.99", 3),
       (13, None, "140000.01", 2), (20, None, "200001.00", 3),
       (0.5, None, "83000.33", 1), (5, None, "99999.99", 2),
       (3, 2, "118000.00", 3), (7, None, "112345.67", 0)]

def rnd(x):                       # half away from zero, as llround
    return math.floor(x + F(1, 2)) if x >= 0 else -math.floor(-x + F(1, 2))

def ranges():
    out = []
    for mid in MIDS:
        mn = F(mid) / (1 + SPREAD / 2)
        out.append((mn, F(mid), mn * (1 + SPREAD)))
    return out

def tier_of(years, tier):
    return tier if tier is not None else max(i for i, y in enumerate(MIN_YEARS) if years >= y)

def classify(lift_on):
    rows = []
    R = ranges()
    for i, (years, tier, sal, r) in enumerate(POP):
        t = tier_of(years, tier)
        mn, mid, mx = R[t]
        s = F(sal)
        cents = rnd(s * 100)
        pen = (s - mn) / (mx - mn)
        pos = sum(1 for e in EDGES if pen >= e)
        lift = max(0, rnd(mn * 100) - cents) if lift_on else 0
        rows.append(dict(t=t, pos=pos, r=r, cents=cents, lift=lift,
                         base=cents + lift, maxc=rnd(mx * 100),
                         eligible=r != 0))
    return rows

def limits(r, pos):
    m = F(MATRIX[RATINGS[r]][pos])
    lo = MIN_RAISE if r >= MIN_RAISE_FROM else F(0)
    return m, min(lo, MAX_RAISE), MAX_RAISE

def rate(row, k):
    if not row["eligible"]:
        return F(0)
    m, lo, hi = limits(row["r"], row["pos"])
    return min(max(k * m, lo), hi)

def cost(rows, k):
    return sum(row["base"] * rate(row, k) for row in rows)

def solve(rows, target):
    bps = set()
    for row in rows:
        if not row["eligible"]:
            continue
        m, lo, hi = limits(row["r"], row["pos"])
        if m > 0:
            if lo > 0: bps.add(lo / m)
            bps.add(hi / m)
    bps = sorted(bps)
    if cost(rows, F(0)) >= target:
        return F(0), cost(rows, F(0)) <= target + F(1, 2)
    prev = F(0)
    for b in bps:
        cb = cost(rows, b)
        if cb >= target:    # linear on [prev, b]: interpolate exactly
            cp = cost(rows, prev)
            return prev + (target - cp) * (b - prev) / (cb - cp), True
        prev = b
    return prev, cost(rows, prev) >= target - F(1, 2)

def cycle(name, budget_rate, lift_on=True, lift_counts=True):
    rows = classify(lift_on)
    payroll = sum(r["cents"] for r in rows if r["eligible"])
    budget = rnd(F(budget_rate) * payroll)
    lifts = sum(r["lift"] for r in rows)
    target = budget - (lifts if lift_counts else 0)
    k, met = solve(rows, target)
    exact = [r["base"] * rate(r, k) for r in rows]
    if met:
        merit = [math.floor(a) for a in exact]
        left = target - sum(merit)
        order = sorted(range(len(rows)), key=lambda i: (-(exact[i] - merit[i]), i))
        for i in order[:left]:
            merit[i] += 1
    else:
        merit = [rnd(a) for a in exact]
    out = []
    for r, mc in zip(rows, merit):
        room = max(0, r["maxc"] - r["base"])
        into = min(mc, room)
        out.append((mc, r["lift"], r["lift"] + into, mc - into, r["cents"] + r["lift"] + into))
    total = sum(mc for mc in merit) + (lifts if lift_counts else 0)
    print("/* %s: budget %d, cost %d, k = %.17g, %s */" % (name, budget, total, float(k), "met" if met else "unmet"))
    print("static const ref_case %s = {%d, %d, %.17g, %d, {" % (name, budget, total, float(k), 1 if met else 0))
    for o in out:
        print("    {%d, %d, %d, %d, %d}," % o)
    print("}};")

cycle("ref_k_above_1", "0.06")
cycle("ref_k_below_1", "0.02")
cycle("ref_lift_not_counted", "0.02", lift_counts=False)
cycle("ref_no_lift", "0.02", lift_on=False)
cycle("ref_unmet_high", "0.5")
cycle("ref_unmet_low", "0")
