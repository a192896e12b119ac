#!/usr/bin/python3
"""Independent reference values for the copula band (tests/test_calibrate.c,
copula_reference): docs/model.md §5 and §6 written out again with mpmath,
scipy and numpy, and nothing of libcareer's.

The profile (COPULA in the test): tiers at 1, 6 and 15 years paid 70,000,
95,000 and 125,000, joined by straight lines in the market's normal
scores (options.interp linear: the copula band's curve is
m(x) = exp(H(a(x))) with a(x) straight between the tiers' scores) and
flat beyond (clamp); the market the quantile spline of qspline_ref.py
through (0.10, 60,000), (0.25, 72,000), (0.50, 90,000), (0.75, 115,000),
(0.90, 140,000) with the mean 100,000 setting its upper tail; the
workforce's density w(x) = lambda e^(-lambda x) / (1 - e^(-45 lambda)) on
[0, 45] with lambda = 0.1 (separation rate 0.1, no demand growth).

The copula band at x years, with H the spline's ln Q as a function of the
normal score, score(s) the z with H(z) = ln s and a(x) = score(m(x)) the
curve's score:

    Q_x(p) = exp(H(a(x) + d Phi^-1(p))),
    F_x(s) = Phi((score(s) - a(x)) / d),
    F_mix(s) = integral over [0, 45] of F_x(s) w(x) dx,

by mpmath's quadrature on the pieces between the anchors, for a fixed
d = 0.6; and d calibrated: the minimum of sum_i (F_mix(s_i) - p_i)^2,
by scipy's bounded Brent search on Gauss-Legendre nodes (80 a piece).

Run: /usr/bin/python3 tests/ref/copula_ref.py   (Debian: python3-mpmath,
python3-scipy)
"""
import os
import sys

import numpy as np
from mpmath import mp, mpf, exp, quad, findroot, log
from scipy.optimize import minimize_scalar
from scipy.stats import norm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qspline_ref import Spline, Phi, Phi_inv  # noqa: E402

POINTS = [("0.10", 60000), ("0.25", 72000), ("0.50", 90000),
          ("0.75", 115000), ("0.90", 140000)]
MEAN = 100000
ANCHORS = [1, 6, 15]
PAY = [70000, 95000, 125000]
LAM = mpf("0.1")
X = 45
D = mpf("0.6")

sp = Spline(POINTS, MEAN)


def score(s):
    ls = log(mpf(s))
    return findroot(lambda z: sp.H(z) - ls, mpf(0), solver="secant")


def a(x):
    """The curve's normal score: straight between the tiers' scores."""
    zs = [score(s) for s in PAY]
    if x <= ANCHORS[0]:
        return zs[0]
    if x >= ANCHORS[-1]:
        return zs[-1]
    i = max(k for k in range(len(ANCHORS) - 1) if ANCHORS[k] <= x)
    t = (x - ANCHORS[i]) / mpf(ANCHORS[i + 1] - ANCHORS[i])
    return zs[i] + t * (zs[i + 1] - zs[i])


def m(x):
    return exp(sp.H(a(x)))


def w(x):
    return LAM * exp(-LAM * x) / (1 - exp(-LAM * X))


def band_quantile(x, p, d=D):
    return exp(sp.H(a(x) + d * Phi_inv(mpf(p))))


def band_cdf(x, s, d=D):
    return Phi((score(s) - a(x)) / d)


def mixture(s, d=D):
    zs = score(s)
    cuts = [0] + ANCHORS + [X]
    return quad(lambda x: Phi((zs - a(x)) / d) * w(x), cuts)


def calibrated():
    """d by Brent's method on nodes whose a(x) is computed once."""
    g, gw = np.polynomial.legendre.leggauss(80)
    cuts = [0] + ANCHORS + [X]
    xs, ws = [], []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        xs += list(0.5 * (hi - lo) * g + 0.5 * (lo + hi))
        ws += list(0.5 * (hi - lo) * gw)
    az = np.array([float(a(mpf(x))) for x in xs])
    wt = np.array([float(w(mpf(x))) for x in xs]) * np.array(ws)
    zs = np.array([float(score(s)) for _, s in POINTS])
    p = np.array([float(q) for q, _ in POINTS])

    def cost(d):
        f = (wt[None, :] * norm.cdf((zs[:, None] - az[None, :]) / d)).sum(1)
        return ((f - p) ** 2).sum()

    r = minimize_scalar(cost, bounds=(0.05, 1.0), method="bounded",
                        options={"xatol": 1e-12})
    f = (wt[None, :] * norm.cdf((zs[:, None] - az[None, :]) / r.x)).sum(1)
    return r.x, f


def peaked(x, peak=30):
    """m(x) of the same curve given curve.peak_years = peak: past the last
    anchor the score goes on as z_n + s t - s t^2 / (2 T), its own slope s
    at the anchor bent to 0 at the peak T years on, or earlier where it
    would pass the market's p90 score Phi^-1(0.90)."""
    zs = [score(v) for v in PAY]
    xn, zn = ANCHORS[-1], zs[-1]
    s = (zs[-1] - zs[-2]) / (ANCHORS[-1] - ANCHORS[-2])
    span = mpf(peak - xn)
    cap = Phi_inv(mpf("0.90"))
    if zn + s * span / 2 > cap:
        span = 2 * (cap - zn) / s
    t = min(max(mpf(x) - xn, 0), span)
    if x <= xn:
        return m(x)
    return exp(sp.H(zn + s * t - s * t * t / (2 * span)))


if __name__ == "__main__":
    print("the curve:")
    for x in (mpf("3.5"), mpf(12)):
        rate = mp.diff(lambda v: log(m(v)), x)
        print(f"  m'/m at {mp.nstr(x, 3)} years =", mp.nstr(rate, 15))
    print("  peak at 30: m(25) =", mp.nstr(peaked(25), 15),
          " m(30) =", mp.nstr(peaked(30), 15),
          " m(40) =", mp.nstr(peaked(40), 15))
    print("  peak at 18: m(17) =", mp.nstr(peaked(17, 18), 15),
          " m(18) =", mp.nstr(peaked(18, 18), 15))
    print("  its m'/m at 20 years =",
          mp.nstr(mp.diff(lambda v: log(peaked(v)), 20), 15))
    print("fixed d = 0.6:")
    print("  Q_6(0.25)   =", mp.nstr(band_quantile(6, "0.25"), 15))
    print("  Q_3.5(0.90) =", mp.nstr(band_quantile(mpf("3.5"), "0.90"), 15))
    print("  Q_20(0.10)  =", mp.nstr(band_quantile(20, "0.10"), 15))
    print("  F_6(110000) =", mp.nstr(band_cdf(6, 110000), 15))
    lo, hi = band_quantile(6, "0.10"), band_quantile(6, "0.90")
    print("  penetration at 6 years of 100000 =",
          mp.nstr((100000 - lo) / (hi - lo), 15))
    print("  m(9)        =", mp.nstr(m(9), 15))
    print("  F_mix(s_i)  =",
          ", ".join(mp.nstr(mixture(s), 12) for _, s in POINTS))
    d, f = calibrated()
    print(f"calibrated: d = {d:.10f}")
    print("  F_mix(s_i)  =", ", ".join(f"{v:.10f}" for v in f))
