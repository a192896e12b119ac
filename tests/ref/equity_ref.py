#!/usr/bin/python3
"""Reference values of tests/test_equity.c, computed independently of the
library: with statsmodels (OLS and its OaxacaBlinder), numpy and scipy.

  1. Greene's credit card data (shipped with Debian's python3-statsmodels):
     AVGEXP on AGE, INCOME, INCOMESQ by OWNRENT.
  2. A nine-row case one can check by hand.
  3. The 24-worker workforce of the test (WORKERS below, the test's
     table): the EU and UK figures, the regression of ln hourly pay, the
     decomposition, and the cheapest remedy's continuous optimum.

statsmodels 0.13.5's Cotton weights are those of the groups before it
swaps them (it puts the larger mean first), so for ccard it weights the
owners' coefficients by 45/72, the renters' count: Cotton (1988) weights
each group's by its own share, so that figure is formed here from the two
fitted models. Its 'pooled' twofold is Jann's (with the group indicator);
'nuemark' (sic) is Neumark's.

Debian: python3-statsmodels python3-pandas python3-scipy (mk/deps.mk).
Run: /usr/bin/python3 tests/ref/equity_ref.py
"""
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize
from statsmodels.stats.oaxaca import OaxacaBlinder

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uk_quartiles_ref import quartiles  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def show(name, *values):
    print("%-28s %s" % (name, " ".join("%.12g" % v for v in values)))


def oaxaca(y, x, group, label):
    """Threefold, Jann, Neumark, Reimers and Cotton (own weights)."""
    exog = np.column_stack([np.ones(len(y)), x, group])
    ob = OaxacaBlinder(y, exog, exog.shape[1] - 1, hasconst=True)
    three = ob.three_fold().params
    jann = ob.two_fold(two_fold_type="pooled").params
    neumark = ob.two_fold(two_fold_type="nuemark").params
    reimers = ob.two_fold(two_fold_type="reimers").params
    bf, bs = ob._f_model.params, ob._s_model.params
    nf = int((group == ob.bi[0]).sum())
    w = nf / len(y)
    star = w * bf + (1 - w) * bs
    cot_x = (ob.exog_f_mean - ob.exog_s_mean) @ star
    show(label + " gap", three[3])
    show(label + " threefold E C I", three[0], three[1], three[2])
    show(label + " jann X U", jann[1], jann[0])
    show(label + " neumark X U", neumark[1], neumark[0])
    show(label + " reimers X U", reimers[1], reimers[0])
    show(label + " cotton X U", cot_x, three[3] - cot_x)
    pooled = sm.OLS(y, exog).fit()
    show(label + " pooled group coef", pooled.params[-1])


def ccard():
    # Debian's python3-statsmodels ships the data (its authors keep the
    # rights to it, so it is not copied into the repository)
    import statsmodels.datasets.ccard
    d = statsmodels.datasets.ccard.load_pandas().data
    print("ccard: means by OWNRENT", d.groupby("OWNRENT").AVGEXP.mean().to_dict(),
          "counts", d.groupby("OWNRENT").size().to_dict())
    oaxaca(d.AVGEXP.values, d[["AGE", "INCOME", "INCOMESQ"]].values,
           d.OWNRENT.values, "ccard")


def nine():
    y = np.array([3.00, 3.10, 3.25, 3.30, 3.45, 2.90, 2.95, 3.05, 3.15])
    x = np.array([1, 3, 5, 7, 9, 0, 2, 4, 6], float)
    g = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0])
    oaxaca(y, x[:, None], g, "nine")


# sex (1 F, 2 M, 0 not given), category, pay, period (0 year, 1 month,
# 2 hour, 3 week), weekly hours, bonus, reduced pay, years, tier
WORKERS = [
    (1, 0, 39832.78, 0, 40, 0, 0, 4.9, 0), (2, 0, 5221.89, 1, 40, 0, 0, 2.4, 2),
    (1, 0, 24.18, 2, 30, 0, 0, 5.4, 0), (2, 0, 1396.65, 3, 20, 0, 0, 13.7, 2),
    (1, 0, 68190.22, 0, 40, 2500, 0, 17.6, 2),
    (2, 0, 3342.26, 1, 30, 500, 1, 3.6, 0),
    (1, 0, 21.07, 2, 40, 0, 0, 14.0, 0), (2, 0, 1059.21, 3, 20, 500, 0, 6.2, 1),
    (1, 0, 38789.14, 0, 20, 0, 0, 5.6, 0),
    (2, 0, 4230.08, 1, 37.5, 2500, 0, 1.0, 1),
    (1, 0, 25.04, 2, 40, 2500, 0, 10.1, 1),
    (2, 0, 1361.82, 3, 30, 1200, 0, 18.5, 2),
    (1, 0, 51953.81, 0, 30, 500, 0, 11.7, 1),
    (2, 0, 5775.0, 1, 30, 2500, 0, 10.5, 2),
    (1, 1, 19.33, 2, 37.5, 2500, 0, 1.8, 0),
    (2, 1, 1005.9, 3, 40, 500, 0, 1.2, 1), (1, 1, 39126.35, 0, 40, 0, 0, 8.0, 0),
    (2, 1, 3712.47, 1, 40, 1200, 0, 10.9, 0), (1, 1, 35.57, 2, 30, 0, 0, 3.8, 2),
    (2, 1, 1376.13, 3, 37.5, 0, 0, 14.8, 2),
    (1, 1, 42201.12, 0, 30, 2500, 0, 8.2, 0),
    (2, 1, 4008.74, 1, 30, 0, 0, 16.9, 0),
    (1, 1, 29.11, 2, 40, 2500, 0, 5.7, 2),
    (0, 1, 1193.65, 3, 37.5, 500, 0, 1.3, 2),
]


def frame():
    d = pd.DataFrame(WORKERS, columns=["sex", "cat", "pay", "period", "hours",
                                       "bonus", "reduced", "years", "tier"])
    hours_year = d.hours * 365 / 7
    per_year = d.period.map({0: 1.0, 1: 12.0, 3: 365 / 7}).fillna(0)
    d["basic"] = np.where(d.period == 2, d.pay * hours_year, d.pay * per_year)
    d["annual"] = d.basic + d.bonus
    d["hourly"] = d.annual / hours_year
    d["basic_hourly"] = d.basic / hours_year
    return d


def gap(m, f):
    return (m - f) / m


def eu(d):
    s = d[d.sex > 0]
    f, m = s[s.sex == 1], s[s.sex == 2]
    fv, mv = f[f.bonus > 0], m[m.bonus > 0]
    show("eu (a) annual hourly", gap(m.annual.mean(), f.annual.mean()),
         gap(m.hourly.mean(), f.hourly.mean()))
    show("eu (b) variable", gap(mv.bonus.mean(), fv.bonus.mean()))
    show("eu (c) annual hourly", gap(m.annual.median(), f.annual.median()),
         gap(m.hourly.median(), f.hourly.median()))
    show("eu (d) variable", gap(mv.bonus.median(), fv.bonus.median()))
    show("eu (e) women men", len(fv) / len(f), len(mv) / len(m))
    show("eu (f) women", *[float(w) for w in
                           quartiles(list(s.hourly), list(s.sex == 1))])
    for c in (0, 1):
        k = s[s.cat == c]
        kf, km = k[k.sex == 1], k[k.sex == 2]
        kfv, kmv = kf[kf.bonus > 0], km[km.bonus > 0]
        show("eu (g) cat%d hourly annual" % c,
             gap(km.hourly.mean(), kf.hourly.mean()),
             gap(km.annual.mean(), kf.annual.mean()))
        show("art 7 cat%d hourly f m" % c, kf.hourly.mean(), km.hourly.mean())
        show("art 7 cat%d annual f m" % c, kf.annual.mean(), km.annual.mean())
        show("eu (g) cat%d basic variable" % c,
             gap(km.basic_hourly.mean(), kf.basic_hourly.mean()),
             gap(kmv.bonus.mean(), kfv.bonus.mean()))


def uk(d):
    s = d[d.sex > 0]
    full = s[s.reduced == 0]
    f, m = full[full.sex == 1], full[full.sex == 2]
    fb, mb = s[(s.sex == 1) & (s.bonus > 0)], s[(s.sex == 2) & (s.bonus > 0)]
    show("uk hourly mean median", gap(m.hourly.mean(), f.hourly.mean()),
         gap(m.hourly.median(), f.hourly.median()))
    show("uk bonus mean median", gap(mb.bonus.mean(), fb.bonus.mean()),
         gap(mb.bonus.median(), fb.bonus.median()))
    show("uk bonus shares", len(fb) / (s.sex == 1).sum(),
         len(mb) / (s.sex == 2).sum())
    show("uk bands women", *[float(w) for w in
                             quartiles(list(full.hourly),
                                       list(full.sex == 1))])


def design(s):
    x = pd.DataFrame({"years": s.years,
                      "tier1": (s.tier == 1).astype(float),
                      "tier2": (s.tier == 2).astype(float),
                      "female": (s.sex == 1).astype(float)})
    return sm.add_constant(x)


def regression(d):
    s = d[d.sex > 0]
    for name, k in (("all", s), ("cat0", s[s.cat == 0]), ("cat1", s[s.cat == 1])):
        r = sm.OLS(np.log(k.hourly), design(k)).fit()
        show("ols %s coef se t p r2 n" % name, r.params.female, r.bse.female,
             r.tvalues.female, r.pvalues.female, r.rsquared, r.nobs)


def decomposition(d):
    s = d[d.sex > 0]
    x = design(s)[["years", "tier1", "tier2"]].values
    oaxaca(np.log(s.hourly.values), x, (s.sex == 2).astype(int).values, "wf")


def remedy(d, target, max_raise):
    """The least cost of raises to the women's annual ordinary pay that
    bring 1 - e^c within target, by SLSQP on the continuous problem."""
    s = d[d.sex > 0].reset_index(drop=True)
    z = design(s)
    c0 = sm.OLS(np.log(s.hourly), z).fit().params.female
    women = np.where(s.sex == 1)[0]
    hours_year = (s.hours * 365 / 7).values

    def coef(r):
        h = s.hourly.values.copy()
        h[women] += r / hours_year[women]
        return sm.OLS(np.log(h), z).fit().params.female

    need = np.log(1 - target)
    cap = [(0, max_raise * s.basic[i]) for i in women]
    res = optimize.minimize(lambda r: r.sum(), np.array([b for _, b in cap]) / 2,
                            jac=lambda r: np.ones_like(r), bounds=cap,
                            constraints=[{"type": "ineq",
                                          "fun": lambda r: coef(r) - need}],
                            method="SLSQP", options={"ftol": 1e-12,
                                                     "maxiter": 500})
    show("remedy t=%g m=%g c0 slsqp" % (target, max_raise), c0, res.fun)
    # The KKT conditions: each woman's new annual pay is lambda w_i, held
    # between her pay and her cap (w_i = d c / d y_i, a row of Z's
    # pseudo-inverse); lambda by brentq against a fresh OLS each time.
    w = np.linalg.pinv(z.values)[list(z.columns).index("female")][women]
    a = s.annual.values[women]
    caps = np.floor(max_raise * s.basic.values[women] * 100 + 1e-6) / 100

    def raises(lam):
        return np.clip(lam * w - a, 0, caps) * (w > 0)

    lam = optimize.brentq(lambda t: coef(raises(t)) - need, 1.0, 1e8,
                          xtol=1e-12, rtol=1e-15)
    r = raises(lam)
    show("remedy kkt lambda cost", lam, r.sum())
    show("remedy kkt raises", *r)


if __name__ == "__main__":
    ccard()
    nine()
    d = frame()
    eu(d)
    uk(d)
    regression(d)
    decomposition(d)
    remedy(d, 0.05, 0.25)
    remedy(d, 0.05, 0.12)
