#!/usr/bin/python3
"""Independent reference values for tests/test_oews.c: the profiles the
OEWS fixtures (tests/data/oews/) must import to.

From the published percentiles of each row (read here by hand from the
fixture, not by libcareer), with numpy only: equal adjacent percentiles
merged into one point at their mean p; top-coded ones left out; the
log-metalog of Keelin (2016) fitted by least squares (basis 1, L, uL, u,
u^2, u^2 L with u = p - 1/2, L = ln(p/(1-p))), or the lognormal for 2
points; when the metalog through all points is not increasing (checked
here on a grid of 200,001 values of L in [-40, 40] and in both tails), the
largest subset that is, preferring subsets that keep both end points, then
the point nearest p = 1/2, then the higher bit mask. A tier's salary is
Q(p) at the OFLC percentiles 0.17, 0.34, 0.50, 0.67.
Run: /usr/bin/python3 tests/ref/oews_ref.py
"""
import math
from statistics import NormalDist

import numpy as np

BASIS = [(0, 0), (0, 1), (1, 1), (1, 0), (2, 0), (2, 1)]  # (power of u, times L)


def design(p, k):
    L = math.log(p / (1 - p))
    u = p - 0.5
    return [u ** pw * (L if wl else 1.0) for pw, wl in BASIS[:k]]


def fit(points):
    k = len(points)
    if k == 2:
        z = np.array([NormalDist().inv_cdf(p) for p, _ in points])
        y = np.log([s for _, s in points])
        A = np.vstack([np.ones(2), z]).T
        mu, sigma = np.linalg.lstsq(A, y, rcond=None)[0]
        return ("lognormal", mu, sigma)
    X = np.array([design(p, k) for p, _ in points])
    y = np.log([s for _, s in points])
    a = np.linalg.lstsq(X, y, rcond=None)[0]
    return ("metalog", a)


def increasing(model):
    if model[0] == "lognormal":
        return model[2] > 0
    a = model[1]
    k = len(a)
    L = np.linspace(-40, 40, 200001)
    p = 1 / (1 + np.exp(-L))
    u = p - 0.5
    dpdL = p * (1 - p)
    # dM/dL: d/dL of sum a_j u^pw L^wl
    d = np.zeros_like(L)
    for j in range(k):
        pw, wl = BASIS[j]
        du = pw * u ** (pw - 1) * dpdL if pw else 0.0
        d += a[j] * ((du * L + u ** pw) if wl else du)
    tails = [sum(a[j] * (s * 0.5) ** BASIS[j][0] for j in range(k) if BASIS[j][1])
             for s in (-1, 1)]
    return bool(np.all(d > 0)) and all(t > 0 for t in tails)


def quantile(model, p):
    if model[0] == "lognormal":
        return math.exp(model[1] + model[2] * NormalDist().inv_cdf(p))
    return math.exp(sum(c * b for c, b in zip(model[1], design(p, len(model[1])))))


def merge(points):
    out = []
    for p, s in points:
        if out and out[-1][1] == s:
            ps = out[-1][2] + [p]
            out[-1] = (sum(ps) / len(ps), s, ps)
        else:
            out.append((p, s, [p]))
    return [(p, s) for p, s, _ in out]


def choose(points):
    n = len(points)
    mid = min(range(n), key=lambda i: (abs(points[i][0] - 0.5), i))
    masks = [m for m in range(1, 1 << n) if bin(m).count("1") >= 2]

    def rank(m):
        ends = (m & 1) and (m >> (n - 1)) & 1
        return (bin(m).count("1") * 4 + ends * 2 + ((m >> mid) & 1), m)

    for m in sorted(masks, key=rank, reverse=True):
        sub = [points[i] for i in range(n) if m >> i & 1]
        model = fit(sub)
        if increasing(model):
            return sub, model
    raise SystemExit("no subset fits")


CASES = {
    # name: (published (p, salary) pairs, top-coded p's)
    "15-1133 national, annual": (
        [(.10, 66740), (.25, 85610), (.50, 110000), (.75, 139550), (.90, 166960)], []),
    "27-2011 actors, hourly": (
        [(.10, 8.79), (.25, 11.37), (.50, 19.14), (.75, 36.96)], [.90]),
    "35-3023 fast food, annual": (
        [(.10, 17680), (.25, 17680), (.50, 20800), (.75, 24960), (.90, 29120)], []),
    "15-1051 metro, annual": (
        [(.10, 34665), (.25, 38733), (.50, 48221), (.75, 89406)], [.90]),
    "15-1031 Wyoming, annual": (
        [(.10, 43762), (.25, 50475), (.50, 57740), (.75, 64057), (.90, 71920)], []),
}

for name, (published, top) in CASES.items():
    pts, model = choose(merge(published))
    print(name)
    print("  points:", [(round(p, 6), s) for p, s in pts])
    print("  tiers: ", ", ".join(f"{quantile(model, p):.10g}" for p in (.17, .34, .50, .67)))
    for p in top:
        print(f"  Q({p}) = {quantile(model, p):.10g}")
