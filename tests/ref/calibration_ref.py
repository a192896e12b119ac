#!/usr/bin/python3
"""Independent reference values for tests/test_calibrate.c.

The calibrated band of docs/model.md §6 for a profile, computed with
mpmath at 30 digits and nothing of libcareer's: Steffen's curve written out
from Steffen (1990) with GSL's end slopes (the one-sided secant), the
3-term log-metalog through the three points, F(s) by root-finding, the
mixture integral by mpmath's tanh-sinh quadrature on the pieces between the
anchors, and the least-squares fit by Gauss-Newton with the derivatives of
F_mix in d and delta written as integrals of their own (so the minimum is
where J^T r = 0 exactly, not a finite-difference estimate of it).

Run: /usr/bin/python3 tests/ref/calibration_ref.py   (Debian: python3-mpmath)
It takes a few minutes; --fixed prints only the fits with d held fixed,
--extend only the extended curve that reaches 0.
"""
import sys

from mpmath import mp, mpf, exp, log, quad, findroot, matrix, lu_solve, expm1

mp.dps = 30
X = mpf(45)

# ---- the built-in profile ---------------------------------------------------
ANCHORS = [mpf(1), mpf(5), mpf(10), mpf(15)]
SALARIES = [mpf(100500), mpf(125000), mpf(149500), mpf(160000)]
MARKET = [(mpf("0.10"), mpf(90000)), (mpf("0.50"), mpf(125000)),
          (mpf("0.90"), mpf(160000))]
G = mpf("0.10")   # demand growth over 10 years
RATE = (1 + G) ** (mpf(1) / 10) - 1


def steffen_slopes(x, y):
    n = len(x)
    h = [x[i + 1] - x[i] for i in range(n - 1)]
    s = [(y[i + 1] - y[i]) / h[i] for i in range(n - 1)]
    d = [s[0]] + [mpf(0)] * (n - 2) + [s[-1]]
    for i in range(1, n - 1):
        p = (s[i - 1] * h[i] + s[i] * h[i - 1]) / (h[i - 1] + h[i])
        sg = (1 if s[i - 1] > 0 else -1 if s[i - 1] < 0 else 0) + \
             (1 if s[i] > 0 else -1 if s[i] < 0 else 0)
        d[i] = sg * min(abs(s[i - 1]), abs(s[i]), abs(p) / 2)
    return d


SLOPES = steffen_slopes(ANCHORS, SALARIES)


def m(x):
    """Steffen's curve, flat beyond the anchors (clamp)."""
    if x <= ANCHORS[0]:
        return SALARIES[0]
    if x >= ANCHORS[-1]:
        return SALARIES[-1]
    i = max(k for k in range(len(ANCHORS) - 1) if ANCHORS[k] <= x)
    h = ANCHORS[i + 1] - ANCHORS[i]
    t = (x - ANCHORS[i]) / h
    y0, y1 = SALARIES[i], SALARIES[i + 1]
    d0, d1 = SLOPES[i] * h, SLOPES[i + 1] * h
    return ((2 * t**3 - 3 * t**2 + 1) * y0 + (t**3 - 2 * t**2 + t) * d0 +
            (-2 * t**3 + 3 * t**2) * y1 + (t**3 - t**2) * d1)


# ---- the metalog through the three points -------------------------------------
def basis(p):
    L = log(p / (1 - p))
    return [mpf(1), L, (p - mpf(1) / 2) * L]


A = lu_solve(matrix([basis(p) for p, _ in MARKET]),
             matrix([log(s) for _, s in MARKET]))
LOG_MEDIAN = A[0]


def log_q(p):
    b = basis(p)
    return sum(A[j] * b[j] for j in range(3))


def dlogq_dp(p):
    L = log(p / (1 - p))
    dL = 1 / (p * (1 - p))
    return A[1] * dL + A[2] * (L + (p - mpf(1) / 2) * dL)


def cdf_log(t):
    """F at ln s = t, and its density in ln s."""
    g = lambda z: log_q(1 / (1 + exp(-z))) - t
    if g(mpf(-80)) >= 0:
        return mpf(0), mpf(0)   # below Q(1e-35): F is 0 at this precision
    if g(mpf(80)) <= 0:
        return mpf(1), mpf(0)
    lo, hi = mpf(-80), mpf(80)  # bisect to 1e-4, then Newton in z
    while hi - lo > mpf("1e-4"):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if g(mid) < 0 else (lo, mid)
    z = (lo + hi) / 2
    for _ in range(8):
        p = 1 / (1 + exp(-z))
        z -= g(z) / (dlogq_dp(p) * p * (1 - p))
    p = 1 / (1 + exp(-z))
    return p, 1 / dlogq_dp(p)


# ---- the mixture and its derivatives ------------------------------------------
def weight(x, lam):
    return lam * exp(-lam * x) / -expm1(-lam * X)


def dweight(x, lam):
    """d w / d lambda."""
    e = exp(-lam * X)
    return weight(x, lam) * (1 / lam - x - X * e / (1 - e))


PIECES = [0] + [a for a in ANCHORS if a < X] + [X]


def integrate(f):
    return sum(quad(f, [PIECES[i], PIECES[i + 1]])
               for i in range(len(PIECES) - 1))


def mixture(s, d, delta):
    """F_mix(s), d F_mix / d d, d F_mix / d delta."""
    lam = RATE + delta
    ls = log(s)

    def parts(x):
        t = LOG_MEDIAN + (ls - log(m(x))) / d
        return t, cdf_log(t)

    f = integrate(lambda x: parts(x)[1][0] * weight(x, lam))
    fd = integrate(lambda x: parts(x)[1][1] *
                   (-(ls - log(m(x))) / d**2) * weight(x, lam))
    fl = integrate(lambda x: parts(x)[1][0] * dweight(x, lam))
    return f, fd, fl


def calibrate(d, delta):
    for it in range(30):
        rows = [mixture(s, d, delta) for _, s in MARKET]
        r = matrix([row[0] - p for row, (p, _) in zip(rows, MARKET)])
        J = matrix([[row[1], row[2]] for row in rows])
        step = lu_solve(J.T * J, -(J.T * r))
        d, delta = d + step[0], delta + step[1]
        print(f"  iteration {it}: d={mp.nstr(d, 15)} delta={mp.nstr(delta, 15)}",
              file=sys.stderr)
        if abs(step[0]) < mpf(10) ** -14 and abs(step[1]) < mpf(10) ** -14:
            break
    return d, delta


def calibrate_delta(d, delta):
    """The fit with d held fixed: Gauss-Newton in delta alone."""
    for it in range(30):
        rows = [mixture(s, d, delta) for _, s in MARKET]
        r = [row[0] - p for row, (p, _) in zip(rows, MARKET)]
        jl = [row[2] for row in rows]
        step = -sum(a * b for a, b in zip(jl, r)) / sum(a * a for a in jl)
        delta += step
        if abs(step) < mpf(10) ** -14:
            break
    return delta, [row[0] for row in rows]


def fixed_dispersion():
    """A fixed d: the separation rate alone is fitted."""
    for d in (mpf(1), mpf("0.5")):
        delta, fm = calibrate_delta(d, mpf("0.1"))
        print(f"  d = {d} fixed: delta = {mp.nstr(delta, 15)}, F_mix = "
              + " / ".join(mp.nstr(v, 12) for v in fm))


def main():
    d, delta = calibrate(mpf("0.6"), mpf("0.13"))
    lam = RATE + delta
    mean = 1 / lam - X * exp(-lam * X) / (1 - exp(-lam * X))
    print("built-in profile, calibrated (steffen, clamp, metalog)")
    print(f"  d      = {mp.nstr(d, 15)}")
    print(f"  delta  = {mp.nstr(delta, 15)}")
    print(f"  lambda = {mp.nstr(lam, 15)}")
    print(f"  mean years = {mp.nstr(mean, 15)}")
    for p, s in MARKET:
        print(f"  F_mix({mp.nstr(s, 8)}) = "
              f"{mp.nstr(mixture(s, d, delta)[0], 15)} (market p {p})")
    for x in (0, 5, 15):
        for p in (mpf("0.10"), mpf("0.90")):
            q = m(mpf(x)) * exp(d * (log_q(p) - LOG_MEDIAN))
            print(f"  band at {x} years: Q({p}) = {mp.nstr(q, 15)}")
    # a fixed d = 1 and a given delta: F_mix at the market median
    f = mixture(mpf(125000), mpf(1), mpf("0.11"))[0]
    print(f"  d = 1, delta = 0.11: F_mix(125000) = {mp.nstr(f, 15)}")


def steep_case():
    """The quadrature on a steep, narrow case: tiers 60,000 at 1 year and
    200,000 at 10 (2 points: linear, flat beyond), the built-in market,
    d = 0.1 and delta = 0.2 fixed. The band at x is then a step about 0.05
    years wide where m(x) = s: the reference splits there too."""
    global ANCHORS, SALARIES
    saved = ANCHORS, SALARIES
    ANCHORS, SALARIES = [mpf(1), mpf(10)], [mpf(60000), mpf(200000)]

    def linear(x):
        if x <= ANCHORS[0]:
            return SALARIES[0]
        if x >= ANCHORS[1]:
            return SALARIES[1]
        t = (x - ANCHORS[0]) / (ANCHORS[1] - ANCHORS[0])
        return SALARIES[0] + t * (SALARIES[1] - SALARIES[0])

    d, lam = mpf("0.1"), RATE + mpf("0.2")
    for s in (mpf(90000), mpf(125000), mpf(160000)):
        xs = ANCHORS[0] + (s - SALARIES[0]) / (SALARIES[1] - SALARIES[0]) * 9
        cuts = [mpf(0), ANCHORS[0], xs - mpf("0.2"), xs, xs + mpf("0.2"),
                ANCHORS[1], X]

        def f(x):
            t = LOG_MEDIAN + (log(s) - log(linear(x))) / d
            return cdf_log(t)[0] * weight(x, lam)

        v = sum(quad(f, [cuts[i], cuts[i + 1]]) for i in range(len(cuts) - 1))
        print(f"  steep, d = 0.1, delta = 0.2: F_mix({mp.nstr(s, 8)}) = "
              f"{mp.nstr(v, 15)}")
    ANCHORS, SALARIES = saved


def extend_case(anchors, salaries, name):
    """An extended curve that reaches 0: Steffen's curve
    extended with its end slopes (GSL's one-sided secants), floored at 0
    where it reaches it (the band is then all below any salary: F_x = 1).
    The built-in market, d = 0.05 and delta = 0.1 fixed. The integral is
    split at the anchors, at the zero, and around the step where
    m(x) = s."""
    global ANCHORS, SALARIES, SLOPES
    saved = ANCHORS, SALARIES, SLOPES
    ANCHORS = [mpf(a) for a in anchors]
    SALARIES = [mpf(y) for y in salaries]
    SLOPES = steffen_slopes(ANCHORS, SALARIES)
    lo, hi = SLOPES[0], SLOPES[-1]
    zeros = []
    if hi < 0:
        zeros.append(ANCHORS[-1] - SALARIES[-1] / hi)
    if lo > 0:
        zeros.append(ANCHORS[0] - SALARIES[0] / lo)

    def extended(x):
        if x < ANCHORS[0]:
            return max(SALARIES[0] + lo * (x - ANCHORS[0]), mpf(0))
        if x > ANCHORS[-1]:
            return max(SALARIES[-1] + hi * (x - ANCHORS[-1]), mpf(0))
        return m(x)

    d, lam = mpf("0.05"), RATE + mpf("0.1")
    for s in (mpf(2000), mpf(20000), mpf(90000), mpf(125000), mpf(160000)):
        cuts = {mpf(0), X} | set(zeros) | set(ANCHORS)
        # where m(x) = s: by bisection on each monotone piece of the curve
        # between 0 and X (the extensions are straight)
        knots = [mpf(0)] + ANCHORS + [X]
        for a, b in zip(knots, knots[1:]):
            fa, fb = extended(a) - s, extended(b) - s
            if fa * fb < 0:
                cuts.add(findroot(lambda x: extended(x) - s, (a, b),
                                  solver="bisect"))
        for c in list(cuts):
            for w in (mpf("0.02"), mpf("0.1"), mpf("0.5")):
                cuts |= {c - w, c + w}
        cuts = sorted(c for c in cuts if 0 <= c <= X)

        def f(x):
            mx = extended(x)
            if mx <= 0:
                return weight(x, lam)
            t = LOG_MEDIAN + (log(s) - log(mx)) / d
            return cdf_log(t)[0] * weight(x, lam)

        v = sum(quad(f, [cuts[i], cuts[i + 1]]) for i in range(len(cuts) - 1))
        print(f"  {name}, d = 0.05, delta = 0.1: F_mix({mp.nstr(s, 8)}) "
              f"= {mp.nstr(v, 15)}")
    ANCHORS, SALARIES, SLOPES = saved


def extend_cases():
    # falls 4,000 a year from 100,000 at 15 years: 0 from 40 years on
    extend_case([1, 5, 10, 15], [100000, 130000, 120000, 100000],
                "falling to 0 at 40")
    # rises 40,000 a year to 30,000 at 4 years: 0 up to 3.25 years
    extend_case([4, 7], [30000, 150000], "rising from 0 at 3.25")


if __name__ == "__main__":
    if sys.argv[1:] == ["--fixed"]:
        fixed_dispersion()
    elif sys.argv[1:] == ["--extend"]:
        extend_cases()
    else:
        main()
        steep_case()
        fixed_dispersion()
        extend_cases()
