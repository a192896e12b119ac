#!/usr/bin/env python3
"""explore.py - libcareer from Python, notebook style: a profile, its curve
and band, a projection and a Monte Carlo fan.

    python3 python/examples/explore.py [--profile FILE.json [--role NAME]]
                                       [--out curve.png]

Each "# %%" block can be pasted into a Jupyter cell. The plot is drawn when
matplotlib is installed (Debian: python3-matplotlib), else skipped.
"""
import argparse
import os
import sys

# %% Setup: run from a checkout without installing the package.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import numpy as np  # noqa: E402

import careerlib  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--profile", help="a JSON profile (default: the built-in one)")
ap.add_argument("--role", help="the role, when the file holds several")
ap.add_argument("--out", default="career-curve.png", help="the plot's file")
args = ap.parse_args()

# %% A profile and its model (the band's spread calibrated to the market).
profile = (careerlib.Profile.load(args.profile, role=args.role) if args.profile
           else careerlib.Profile.default())
model = careerlib.Model(profile)
cal = model.calibration()
print(f"{profile.role} ({profile.currency} per {profile.period}), "
      f"library {careerlib.library_version()}")
for t in model.tiers:
    print(f"  from {t.min_years:4.0f} y  {t.name}")
print(f"band dispersion d = {cal.dispersion:.4f}, separation rate {cal.separation_rate:.3f}")

# %% The curve and its p10-p90 band: arrays in, arrays out.
years = np.linspace(0, 25, 251)
median = model.salary_at(years)
band = model.quantile_at(years[:, None], [0.10, 0.90])  # shape (251, 2)
for x in (0, 5, 10, 15):
    i = int(x * 10)
    print(f"  {x:2d} y: median {median[i]:>9,.0f}  p10 {band[i, 0]:>9,.0f}  "
          f"p90 {band[i, 1]:>9,.0f}")

# %% Where does a salary sit?
print(f"140,000 at 5 years: percentile {model.percentile_at(5, 140000):.3f}, "
      f"compa-ratio {model.compa_ratio(5, 140000):.3f}")

# %% A deterministic projection from 0 years, and a Monte Carlo fan.
rows = model.project(horizon=10)
print("year  tier      salary    cumulative")
for r in rows:
    print(f"{r['year']:4d}  {r['tier']:4d}  {r['salary']:>10,.0f}  {r['cumulative']:>12,.0f}")
fan = model.simulate(paths=20000, seed=7, horizon=10)
print(f"Monte Carlo year 10: p10 {fan['p10'][-1]:,.0f}, p50 {fan['p50'][-1]:,.0f}, "
      f"p90 {fan['p90'][-1]:,.0f}")

# %% The plot, when matplotlib is there.
try:
    import matplotlib
    matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib not installed (Debian: python3-matplotlib): no plot")
else:
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.fill_between(years, band[:, 0], band[:, 1], alpha=0.3, label="p10-p90")
    ax.plot(years, median, label="median m(x)")
    ax.set_xlabel("years of experience")
    ax.set_ylabel(f"salary ({profile.currency} per {profile.period})")
    ax.set_title(profile.role)
    ax.legend()
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    print(f"plot: {args.out}")
