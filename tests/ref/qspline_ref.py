#!/usr/bin/python3
"""Independent reference values for the quantile spline (tests/test_dist.c).

The spline of docs/model.md §4, written out again with mpmath at 30 digits
and nothing of libcareer's: z_i = Phi^-1(p_i), y_i = ln s_i, Steffen's
(1990) slopes at the inner points, the end secants at the ends, cubic
Hermite segments, lognormal tails (ln S linear in z) beyond the ends with
the end secants as slopes, or, with a published mean, the upper tail's
slope found by root-finding on the mean, whose integral is mpmath's
tanh-sinh quadrature over the segments and the tails.

Run: /usr/bin/python3 tests/ref/qspline_ref.py   (Debian: python3-mpmath)
"""
from mpmath import mp, mpf, erfc, sqrt, exp, log, quad, findroot, inf

mp.dps = 30


def Phi(z):
    return erfc(-z / sqrt(2)) / 2


def Phi_inv(p):
    return findroot(lambda z: Phi(z) - p, mpf(0))


def phi(z):
    return exp(-z * z / 2) / sqrt(2 * mp.pi)


class Spline:
    def __init__(self, points, mean=None):
        self.z = [Phi_inv(mpf(p)) for p, _ in points]
        self.y = [log(mpf(s)) for _, s in points]
        z, y, n = self.z, self.y, len(points)
        sec = [(y[i + 1] - y[i]) / (z[i + 1] - z[i]) for i in range(n - 1)]
        d = [sec[0]] + [mpf(0)] * (n - 2) + [sec[-1]]
        for i in range(1, n - 1):
            h0, h1 = z[i] - z[i - 1], z[i + 1] - z[i]
            par = (sec[i - 1] * h1 + sec[i] * h0) / (h0 + h1)
            d[i] = min(2 * sec[i - 1], 2 * sec[i], par)
        self.d = d
        self.lo = sec[0]
        self.hi = sec[-1]
        if mean is not None:
            # the slope in [0.001, 2.5] whose tail gives the mean (the
            # mean grows with it), or the end of that range nearest it
            target, lo, hi = mpf(mean), mpf("0.001"), mpf("2.5")
            if self.mean_with(lo) >= target:
                self.hi = lo
            elif self.mean_with(hi) <= target:
                self.hi = hi
            else:
                self.hi = findroot(lambda g: self.mean_with(g) - target,
                                   (lo, hi), solver="anderson")

    def H(self, x):
        z, y, d = self.z, self.y, self.d
        if x <= z[0]:
            return y[0] + self.lo * (x - z[0])
        if x >= z[-1]:
            return y[-1] + self.hi * (x - z[-1])
        i = max(k for k in range(len(z) - 1) if z[k] <= x)
        h = z[i + 1] - z[i]
        t = (x - z[i]) / h
        return ((2 * t**3 - 3 * t**2 + 1) * y[i] + (t**3 - 2 * t**2 + t) * h * d[i]
                + (-2 * t**3 + 3 * t**2) * y[i + 1] + (t**3 - t**2) * h * d[i + 1])

    def mean_with(self, g):
        saved, self.hi = self.hi, g
        cuts = [-inf] + self.z + [inf]
        v = quad(lambda x: exp(self.H(x)) * phi(x), cuts)
        self.hi = saved
        return v

    def quantile(self, p):
        return exp(self.H(Phi_inv(mpf(p))))

    def cdf(self, s):
        ls = log(mpf(s))
        return Phi(findroot(lambda x: self.H(x) - ls, mpf(0),
                            solver="secant"))


def report(name, points, mean=None):
    sp = Spline(points, mean)
    print(name)
    print(f"  tail slopes: lower {mp.nstr(sp.lo, 15)}, upper {mp.nstr(sp.hi, 15)}")
    for p in ("0.01", "0.2", "0.4", "0.6", "0.8", "0.99"):
        print(f"  Q({p}) = {mp.nstr(sp.quantile(p), 15)}")
    for s in (99750, 150000, 30000, 300000):
        print(f"  F({s}) = {mp.nstr(sp.cdf(s), 15)}")
    print(f"  mean = {mp.nstr(sp.mean_with(sp.hi), 15)}")


# The points whose 5-term metalog dips (tests/test_dist.c,
# infeasible_metalog_interior): the spline passes through them anyway.
DIP = [("0.05", 50000), ("0.3", 99000), ("0.5", 99500), ("0.7", 100000),
       ("0.95", 200000)]

def builtin_metalog_mean():
    """The built-in profile's 3-term log-metalog through (0.1, 90000),
    (0.5, 125000), (0.9, 160000), solved exactly, and its mean."""
    from mpmath import matrix, lu_solve
    pts = [(mpf("0.1"), 90000), (mpf("0.5"), 125000), (mpf("0.9"), 160000)]
    rows, rhs = [], []
    for p, s in pts:
        L = log(p / (1 - p))
        rows.append([1, L, (p - mpf("0.5")) * L])
        rhs.append(log(mpf(s)))
    a = lu_solve(matrix(rows), matrix(rhs))

    def q(p):
        L = log(p / (1 - p))
        return exp(a[0] + a[1] * L + a[2] * (p - mpf("0.5")) * L)

    print(f"built-in metalog: mean = {mp.nstr(quad(q, [0, mpf('0.5'), 1]), 15)}")


if __name__ == "__main__":
    report("dipping points, no mean", DIP)
    report("dipping points, mean 110000", DIP, 110000)
    builtin_metalog_mean()
