#!/usr/bin/env python3
"""Reference values for the metalog numerics of tests/test_dist.c.

The log-metalog of docs/model.md §4 (Keelin 2016), solved with mpmath at
50 significant digits: no GSL, no libcareer. The p and salaries are the
exact binary doubles the C test passes (mpmath converts a Python float
exactly). Run: python3 tests/ref/metalog_mpmath.py
"""
from mpmath import mp, mpf, log, exp, matrix, lu_solve, svd_r, erfinv, sqrt

mp.dps = 50

# term j: (power of u, times z?) with u = p - 1/2, z = ln(p / (1 - p))
BASIS = [(0, 0), (0, 1), (1, 1), (1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (4, 0)]


def row(p, k):
    p = mpf(p)
    z = log(p / (1 - p))
    u = p - mpf(1) / 2
    return [u ** pw * (z if wz else 1) for pw, wz in BASIS[:k]]


def fit(points, k):
    """Least squares ln s = sum a_j b_j(p) by the normal equations at 50
    digits (the conditioning, <= 1e12 here, leaves > 35 good digits)."""
    X = matrix([row(p, k) for p, _ in points])
    y = matrix([log(mpf(s)) for _, s in points])
    return lu_solve(X.T * X, X.T * y)


def quantile(a, p):
    r = row(p, len(a))
    return exp(sum(a[j] * r[j] for j in range(len(a))))


def scaled_condition(points, k):
    X = matrix([row(p, k) for p, _ in points])
    for j in range(k):
        norm = sqrt(sum(X[i, j] ** 2 for i in range(X.rows)))
        for i in range(X.rows):
            X[i, j] /= norm
    s = svd_r(X, compute_uv=False)
    return max(s) / min(s)


def show(name, points, k, ps):
    a = fit(points, k)
    print(f"{name}: {k} terms, scaled condition {mp.nstr(scaled_condition(points, k), 3)}")
    print("  a =", ", ".join(mp.nstr(v, 17) for v in a))
    for p in ps:
        print(f"  Q({p!r}) = {mp.nstr(quantile(a, p), 20)}")


# Salaries of a lognormal market, ln s = 11.7 + 0.22 Phi^-1(p), to the cent
# (or to the nearest double, where points a few 1e-6 apart in p must keep
# their differences).
def lognormal_salary(p, cents=True):
    z = sqrt(2) * erfinv(2 * mpf(p) - 1)
    s = exp(mpf("11.7") + mpf("0.22") * z)
    return float(round(s, 2)) if cents else float(s)


SEVEN = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]
seven = [(p, lognormal_salary(p)) for p in SEVEN]
print("seven points:", seven)
print("  7 terms: scaled condition", mp.nstr(scaled_condition(seven, 7), 3))
show("seven symmetric points, 6 terms", seven, 6, [1e-9, 0.01, 0.3, 0.99])

CLUSTERED = [0.05, 0.10, 0.25, 0.250004, 0.50, 0.75, 0.90, 0.95]
clustered = [(p, lognormal_salary(p, False)) for p in CLUSTERED]
print("clustered points:", clustered)
show("clustered", clustered, 8, [1e-9, 0.25, 0.250004, 0.5, 1 - 1e-9])
