#!/usr/bin/env python3
"""numpy_baseline.py - what a numpy user would write instead of libcareer,
on the same sizes as bench/bench_core.c and bench/bench_simulate.c:

  (a) the salary at 10M random years in [0, 20): np.interp (linear, the only
      interpolation numpy has) through the built-in profile's 4 knots;
  (b) the Monte Carlo at 1M paths x 40 years, vectorised and year-major, with
      the same work as career_simulate each year: x = x0 + v t, the curve at
      x, the shocks, the salary, its mean, np.percentile p10..p90 and the
      tier shares (numpy's Generator: PCG64 and its ziggurat normal).

Each figure is the median of RUNS runs; one machine-readable line each:
  numpy interp_ns <ns per value>
  numpy mc_mpys <million path-years per second>

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (make bench does):
they are set on the project machine and slow numpy down.
"""
import statistics
import sys
import time

import numpy as np

from machine import machine  # bench/machine.py, beside this file

RUNS = 5
VALUES = 10_000_000
PATHS = 1_000_000
HORIZON = 40

ANCHORS = np.array([1.0, 5.0, 10.0, 15.0])
SALARIES = np.array([100500.0, 125000.0, 149500.0, 160000.0])
TIER_MIN = np.array([0.0, 3.0, 8.0, 12.0])
GROWTH = 1.10 ** (1 / 10) - 1  # 10 % over 10 years, a year
SIGMA, SIGMA_V = 0.05, 0.25


def timed(fn):
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def interp(years):
    return np.interp(years, ANCHORS, SALARIES)


def monte_carlo(seed=1):
    rng = np.random.default_rng(seed)
    x0 = 0.0
    pace = np.exp(SIGMA_V * rng.standard_normal(PATHS))
    shock = np.zeros(PATHS)
    bands = []
    for t in range(1, HORIZON + 1):
        x = x0 + pace * t
        shock += SIGMA * rng.standard_normal(PATHS)
        salary = np.interp(x, ANCHORS, SALARIES) * np.exp(shock)
        salary *= (1 + GROWTH) ** t
        q = np.percentile(salary, [10, 25, 50, 75, 90])
        shares = [np.count_nonzero(x >= m) / PATHS for m in TIER_MIN]
        bands.append((salary.mean(), *q, *shares))
    return bands


def main():
    print(machine())
    years = 20.0 * np.random.default_rng(2385).random(VALUES)
    t = timed(lambda: interp(years))
    print(f"numpy interp_ns {t * 1e9 / VALUES:.3f}")
    t = timed(monte_carlo)
    print(f"numpy mc_mpys {PATHS * HORIZON / t / 1e6:.2f}")
    print(f"# numpy {np.__version__}, median of {RUNS} runs", file=sys.stderr)


if __name__ == "__main__":
    main()
