#!/usr/bin/python3
"""Independent reference values for tests/test_oews.c: the profiles the
OEWS fixtures (tests/data/oews/) must import to, by the rules of
docs/model.md §4 and §11, from the published figures of each row (read here
by hand from the fixture, not by libcareer).

- The points: every published percentile; a run of equal ones keeps the
  median exactly where it is in the run, else the first, and puts each
  other a step from its neighbour, step = min(0.2 %, (next figure / it -
  1) / run length, (1 - previous figure / it) / run length), the next
  figure being the next published one, or the top code where the rest are
  top-coded.
- The market: the quantile spline of qspline_ref.py (mpmath) through the
  points, its upper tail set by the published mean; where a top-coded
  percentile's quantile falls below the top code ($208,000 / $100 up to
  May 2021), the point (p, top code) is added and the spline refitted.
- The tiers (the default OFLC template): Level I at Q(0.17), IV at
  Q(0.67), II and III a third and two thirds of the way between in pay;
  II's and III's percentiles F of their pay; a tier at percentile q
  anchored at the stable workforce's experience quantile for the share
  u = Phi(Phi^-1(q) / rho), rho = 0.85 the template's experience
  correlation (u = q at rho = 1),
  x = -ln(1 - u (1 - e^(-45 lambda))) / lambda, lambda = demand growth's
  annual rate + separation rate (0.10 assumed without a projection), in
  tenths of a year; each tier from halfway between its anchor and the one
  before (in tenths); the curve peaks at 30 years.

Run: /usr/bin/python3 tests/ref/oews_ref.py   (Debian: python3-mpmath)
"""
import math
import os
import sys

from mpmath import mp, mpf, log

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qspline_ref import Spline, Phi, Phi_inv  # noqa: E402

STEP = 0.002
X = 45


def points_of(published, top_p, cap):
    """published: [(p, s)] in order; top_p: the lowest top-coded p."""
    pts = [list(x) for x in published]
    i = 0
    while i < len(pts):
        j = i
        while j + 1 < len(pts) and pts[j + 1][1] == pts[i][1]:
            j += 1
        if j > i:
            s, run = pts[i][1], j - i + 1
            nxt = pts[j + 1][1] if j + 1 < len(pts) else (cap if top_p else math.inf)
            prev = pts[i - 1][1] if i > 0 else 0.0
            step = min(STEP, (nxt / s - 1) / run, (1 - prev / s) / run)
            at = next((k for k in range(i, j + 1) if pts[k][0] == 0.5), i)
            for k in range(i, j + 1):
                pts[k][1] = s * (1 + step * (k - at))
        i = j + 1
    return [tuple(x) for x in pts]


def market(published, mean, top_p, cap):
    pts = points_of(published, top_p, cap)
    if len(pts) < 2 and top_p:
        pts.append((top_p, cap))
    sp = Spline([(str(p), s) for p, s in pts], mean)
    if top_p and pts[-1][0] < top_p and sp.quantile(str(top_p)) < cap:
        pts.append((top_p, cap))
        sp = Spline([(str(p), s) for p, s in pts], mean)
    return pts, sp


RHO = 0.85  # the OFLC template's experience_correlation


def tenth(x):
    # C's round(): halves away from zero (Python's round() goes to even)
    return math.floor(x * 10.0 + 0.5) / 10


def anchor(q, lam, rho=RHO):
    u = float(Phi(Phi_inv(mpf(q)) / rho)) if rho < 1 else q
    return tenth(-math.log1p(-u * -math.expm1(-lam * X)) / lam)


def tiers(sp, lam, rho=RHO):
    l1 = float(sp.quantile("0.17"))
    l4 = float(sp.quantile("0.67"))
    pay = [l1, l1 + (l4 - l1) / 3, l1 + 2 * (l4 - l1) / 3, l4]
    pct = [0.17, float(sp.cdf(pay[1])), float(sp.cdf(pay[2])), 0.67]
    anchors = [anchor(q, lam, rho) for q in pct]
    mins = [0.0] + [tenth(0.5 * (anchors[i - 1] + anchors[i]))
                    for i in range(1, 4)]
    return pay, pct, anchors, mins


def annual_rate(growth, years):
    return (1 + growth) ** (1 / years) - 1


CASES = {
    # name: (published (p, salary), published mean, lowest top-coded p,
    #        top code, demand growth over 10 years, separation rate)
    "15-1133 national, annual": (
        [(.10, 66740), (.25, 85610), (.50, 110000), (.75, 139550),
         (.90, 166960)], 114000, None, 208000, 0.0, 0.10),
    "15-1133 national, with EP 2020-30": (
        [(.10, 66740), (.25, 85610), (.50, 110000), (.75, 139550),
         (.90, 166960)], 114000, None, 208000, 0.11, 0.062),
    "27-2011 actors, hourly": (
        [(.10, 8.79), (.25, 11.37), (.50, 19.14), (.75, 36.96)], 33.82, .90,
        100, 0.0, 0.10),
    "35-3023 fast food, annual": (
        [(.10, 17680), (.25, 17680), (.50, 20800), (.75, 24960),
         (.90, 29120)], 21840, None, 208000, 0.0, 0.10),
    "15-1051 metro, annual": (
        [(.10, 34665), (.25, 38733), (.50, 48221), (.75, 89406)], 70032, .90,
        208000, 0.0, 0.10),
    "15-1242 Kansas, annual (tests/data/bls/state_M2023_dl-3occ.csv)": (
        [(.10, 68880), (.25, 101870), (.50, 133200), (.75, 133200),
         (.90, 133200)], 117660, None, 239200, 0.0, 0.10),
    "15-1031 Wyoming, annual": (
        [(.10, 43762), (.25, 50475), (.50, 57740), (.75, 64057),
         (.90, 71920)], 57466, None, 208000, 0.0, 0.10),
}

if __name__ == "__main__":
    for name, (pub, mean, top_p, cap, growth, sep) in CASES.items():
        pts, sp = market(pub, mean, top_p, cap)
        lam = annual_rate(growth, 10) + sep
        pay, pct, anchors, mins = tiers(sp, lam)
        print(name)
        print("  points:", [(p, f"{s:.10g}") for p, s in pts])
        print(f"  upper tail slope {mp.nstr(sp.hi, 12)}, mean "
              f"{mp.nstr(sp.mean_with(sp.hi), 12)}")
        print("  tiers:  ", ", ".join(f"{s:.10g}" for s in pay))
        print("  pcts:   ", ", ".join(f"{q:.10g}" for q in pct))
        print("  anchors:", anchors, " mins:", mins)
        _, _, anchors1, mins1 = tiers(sp, lam, 1.0)
        print("  at rho = 1 (the power band's templates): anchors:",
              anchors1, " mins:", mins1)
        if top_p:
            print(f"  Q({top_p}) = {mp.nstr(sp.quantile(str(top_p)), 12)}")
