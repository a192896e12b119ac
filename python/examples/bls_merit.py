#!/usr/bin/env python3
"""bls_merit.py - an occupation from BLS tables, then a merit cycle on it,
in pandas: the OEWS rows as a DataFrame, a profile with Employment
Projections, the pay structure of a merit policy, a cycle on a CSV of
employees, and the results written whole.

    python3 python/examples/bls_merit.py [--oews FILE] [--ep FILE]
        [--occ CODE] [--area CODE] [--policy FILE] [--employees FILE]
        [--out raises.csv]

The defaults are the checkout's fixtures (tests/data/oews/: BLS's May 2018
OEWS rows and the 2020-30 projections, 15-1133 nationally) and
examples/merit/; point --oews and --ep at BLS's all_data_M_YYYY.xlsx and
occupation.xlsx for real data. Each "# %%" block can be pasted into a
Jupyter cell.
"""
import argparse
import os
import sys

# %% Setup: run from a checkout without installing the package.
HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import pandas as pd  # noqa: E402

import careerlib  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--oews", default=os.path.join(ROOT, "tests/data/oews/all_data_M_2018.csv"))
ap.add_argument("--ep", default=os.path.join(ROOT, "tests/data/oews/ep_2020-30.csv"))
ap.add_argument("--occ", default="15-1133")
ap.add_argument("--area", default=None, help="an OEWS area code (default: the nation)")
ap.add_argument("--policy", default=os.path.join(ROOT, "examples/merit/policy.json"))
ap.add_argument("--employees", default=os.path.join(ROOT, "examples/merit/employees.csv"))
ap.add_argument("--out", default="raises.csv", help="the results, one row per employee")
args = ap.parse_args()

# %% The OEWS table: its rows as a DataFrame, and one occupation's profile.
with careerlib.Table.open(args.oews) as oews, careerlib.EpTable.open(args.ep) as ep:
    rows = oews.entries(as_frame=True)
    print(rows[["occ_code", "occ_title", "area_title", "employment"]].to_string(index=False))
    profile = oews.profile(args.occ, area=args.area, ep=ep)
print(f"\n{profile.role} ({profile.region}, {profile.currency} per {profile.period})")
print(f"demand {profile.demand_growth:+.1%} over {profile.demand_years:g} years, "
      f"separation rate {profile.separation_rate or 0:.1%}")
for note in profile.notes[:3]:
    print(f"  note: {note}")

# %% The model: its ladder, the curve and band, the published mean.
model = careerlib.Model(profile)
ladder = pd.DataFrame(model.tiers)
years = ladder["anchor_years"].to_numpy()
ladder["p10"], ladder["p90"] = model.quantile_at(years[:, None], [0.10, 0.90]).T
print(ladder.round(1).to_string(index=False))
if profile.market_mean:
    print(f"market mean: published {profile.market_mean:,.0f}, "
          f"fitted {model.market_mean():,.0f}")

# %% A merit policy's pay structure on this ladder.
policy = careerlib.Policy.load(args.policy)
structure = model.pay_structure(policy)
structure["warnings"] = [" ".join(f.name.lower() for f in careerlib.RangeWarning if f & w)
                         for w in structure["warnings"]]
print("\n" + structure.round(3).to_string())

# %% One merit cycle: employees in, a DataFrame of results out.
staff = pd.read_csv(args.employees, index_col="id")
cycle = model.merit_cycle(staff, policy)
s = cycle.summary
print(f"\n{s.employees} employees, {s.eligible} eligible: budget ${s.budget_cents / 100:,.2f}, "
      f"cost ${s.cost_cents / 100:,.2f} (k = {s.scale:.4f}, "
      f"{'met' if s.budget_met else 'NOT met'})")
print(cycle.distribution.pivot(index="rating", columns="position", values="mean_rate")
      .reindex(policy.ratings).round(4).to_string())
results = staff.drop(columns="tier").join(cycle.results[[
    "tier", "position", "rate", "lift", "merit", "lump_sum", "new_salary", "compa_after",
    "flags"]])
print(results.groupby("rating")["new_salary"].mean().reindex(policy.ratings).round(2)
      .to_string())

# %% The results, written whole or not at all.
with careerlib.replace_file(args.out, newline="") as f:
    results.to_csv(f)
print(f"\nwrote {args.out}")
