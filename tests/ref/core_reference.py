#!/usr/bin/env python3
"""Independent reference values for tests/test_curve.c and tests/test_dist.c.

Computed from the formulas of docs/model.md §3-§5 with numpy and Python's
statistics module only: no GSL, no libcareer. Run: python3 tests/ref/core_reference.py
"""
import math
from statistics import NormalDist

import numpy as np

X = np.array([1.0, 5.0, 10.0, 15.0])
Y = np.array([100500.0, 125000.0, 149500.0, 160000.0])


def natural_cubic(x, y, t):
    """Natural cubic spline: solve for the second derivatives, then evaluate."""
    n = len(x)
    h = np.diff(x)
    A = np.zeros((n, n))
    r = np.zeros(n)
    A[0, 0] = A[-1, -1] = 1.0
    for i in range(1, n - 1):
        A[i, i - 1] = h[i - 1]
        A[i, i] = 2 * (h[i - 1] + h[i])
        A[i, i + 1] = h[i]
        r[i] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
    M = np.linalg.solve(A, r)
    i = min(max(np.searchsorted(x, t, side="right") - 1, 0), n - 2)
    a, b = x[i], x[i + 1]
    hh = b - a
    return (M[i] * (b - t) ** 3 / (6 * hh) + M[i + 1] * (t - a) ** 3 / (6 * hh)
            + (y[i] / hh - M[i] * hh / 6) * (b - t)
            + (y[i + 1] / hh - M[i + 1] * hh / 6) * (t - a))


print("cspline")
for t in (2.0, 7.5, 12.0):
    print(f"  m({t}) = {natural_cubic(X, Y, t):.10f}")

print("mincer: ln m = a + b x + c x^2 (least squares)")
c2, c1, c0 = np.polyfit(X, np.log(Y), 2)
print(f"  a={c0:.15g} b={c1:.15g} c={c2:.15g}")
for t in (0.0, 1.0, 2.0, 7.5, 12.0, 15.0):
    tt = min(max(t, 1.0), 15.0)  # clamp outside the anchors
    print(f"  m({t}) = {math.exp(c0 + c1 * tt + c2 * tt * tt):.10f}")

# log-metalog with 3 terms through (0.1, 90000), (0.5, 125000), (0.9, 160000)
P = np.array([0.1, 0.5, 0.9])
S = np.array([90000.0, 125000.0, 160000.0])
L = np.log(P / (1 - P))
B = np.column_stack([np.ones(3), L, (P - 0.5) * L])
a = np.linalg.solve(B, np.log(S))
print("metalog a =", [f"{v:.12f}" for v in a])


def Q(p):
    l = math.log(p / (1 - p))
    return math.exp(a[0] + a[1] * l + a[2] * (p - 0.5) * l)


for p in (0.001, 0.01, 0.25, 0.75, 0.99, 0.999):
    print(f"  Q({p}) = {Q(p):.8f}")

# lognormal least squares on z = Phi^-1(p)
z = np.array([NormalDist().inv_cdf(p) for p in P])
sigma, mu = np.polyfit(z, np.log(S), 1)
print(f"lognormal mu={mu:.12f} sigma={sigma:.12f}")
for p in (0.01, 0.25, 0.99):
    print(f"  Q({p}) = {math.exp(mu + sigma * NormalDist().inv_cdf(p)):.8f}")
for s in (80000.0, 149500.0, 200000.0):
    print(f"  F({s}) = {NormalDist().cdf((math.log(s) - mu) / sigma):.12f}")

# the band at x years: Q_x(p) = m(x) (Q(p)/Q(1/2))^d with steffen m(7.5)
m75 = 138550.3472222222
for d in (1.0, 0.5):
    for p in (0.1, 0.25, 0.9):
        print(f"  Q_7.5({p}; d={d}) = {m75 * (Q(p) / Q(0.5)) ** d:.8f}")
