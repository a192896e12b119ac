#!/usr/bin/env python3
"""python_bench.py - the Python binding (careerlib) against libcareer
called directly, and against numpy, all in this one process:

  salary_at on 10,000,000 random years in [0, 20) (float64, C-contiguous):
    C        career_salary_at_n called through cffi on the same buffers
    binding  Model.salary_at(years, out=buffer)         (target <= 1.1x C)
    C+alloc  np.empty for the output, then career_salary_at_n
    binding  Model.salary_at(years), which allocates    (target <= 1.1x C+alloc)
    numpy    np.interp through the profile's 4 anchors  (target >= 4x slower)
  and two threads each running percentile_at on its own 1M rows at once
  against the same two calls one after the other (the GIL is released in C:
  on 2 free cores the pair takes about the time of one). percentile_at finds
  roots, so it is bound by the CPU; salary_at on 10M rows is bound by memory
  bandwidth and page faults, which two threads share, and would show that
  instead of the GIL.

Each figure is the median of RUNS runs, with its range (min-max); the runs
interleave the contenders so that drift hits all alike. Machine-readable
lines: "python NAME VALUE". Run it with OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE unset (make bench does), as bench/numpy_baseline.py.
"""
import os
import statistics
import sys
import threading
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import careerlib  # noqa: E402
from careerlib._library import ffi, load  # noqa: E402

RUNS = 7
VALUES = 10_000_000


def main():
    model = careerlib.Model()
    lib = load()
    years = 20.0 * np.random.default_rng(2385).random(VALUES)
    out = np.empty(VALUES)
    anchors = np.array([t.anchor_years for t in model.tiers])
    salaries = np.array([t.salary for t in model.tiers])

    def c_direct():
        st = lib.career_salary_at_n(model._ptr, ffi.from_buffer("double[]", years),
                                    ffi.from_buffer("double[]", out), VALUES)
        assert st == 0

    def c_alloc():
        fresh = np.empty(VALUES)
        st = lib.career_salary_at_n(model._ptr, ffi.from_buffer("double[]", years),
                                    ffi.from_buffer("double[]", fresh), VALUES)
        assert st == 0
        return fresh

    contenders = {
        "c": c_direct,
        "binding_out": lambda: model.salary_at(years, out=out),
        "c_alloc": c_alloc,
        "binding": lambda: model.salary_at(years),
        "interp": lambda: np.interp(years, anchors, salaries),
    }
    for fn in contenders.values():  # warm up: pages, caches, lazy binding
        fn()
    times = {k: [] for k in contenders}
    for _ in range(RUNS):
        for name, fn in contenders.items():
            t0 = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - t0) * 1e9 / VALUES)
    # The binding and C agree on every value.
    assert np.array_equal(model.salary_at(years), c_alloc())

    rows = VALUES // 10
    work = [(30.0 * rng.random(rows), 80000 + 120000 * rng.random(rows))
            for rng in (np.random.default_rng(8), np.random.default_rng(9))]
    pair_seq, pair_par = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        for y, s in work:
            model.percentile_at(y, s)
        pair_seq.append(time.perf_counter() - t0)
        threads = [threading.Thread(target=model.percentile_at, args=a) for a in work]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        pair_par.append(time.perf_counter() - t0)

    med = {k: statistics.median(v) for k, v in times.items()}
    labels = {
        "c": "career_salary_at_n via cffi, same buffers",
        "binding_out": "Model.salary_at(years, out=buf)",
        "c_alloc": "np.empty + career_salary_at_n",
        "binding": "Model.salary_at(years)",
        "interp": "np.interp (4 anchors, linear)",
    }
    print(f"careerlib {careerlib.__version__} on libcareer {careerlib.library_version()} "
          f"({careerlib.library_path()}), numpy {np.__version__}")
    print(f"salary at {VALUES:,} years: ns per value, median and range of {RUNS} runs\n")
    for k, label in labels.items():
        print(f"  {label:44s} {med[k]:6.3f}  ({min(times[k]):.3f} - {max(times[k]):.3f})")
    print()
    checks = [
        ("binding (out=) / C", med["binding_out"] / med["c"], "<=", 1.1),
        ("binding / (np.empty + C)", med["binding"] / med["c_alloc"], "<=", 1.1),
        ("np.interp / binding", med["interp"] / med["binding"], ">=", 4.0),
        ("np.interp / binding (out=)", med["interp"] / med["binding_out"], ">=", 4.0),
    ]
    for name, ratio, op, target in checks:
        met = ratio <= target if op == "<=" else ratio >= target
        print(f"  {name:32s} {ratio:5.2f}x  (target {op} {target}x): "
              f"{'met' if met else 'MISSED'}")
    seq, par = statistics.median(pair_seq), statistics.median(pair_par)
    print(f"\n  two percentile_at calls (1M rows each), one after the other {seq * 1e3:7.1f} ms "
          f"({min(pair_seq) * 1e3:.1f} - {max(pair_seq) * 1e3:.1f})")
    print(f"  the same two in two threads at once                         {par * 1e3:7.1f} ms "
          f"({min(pair_par) * 1e3:.1f} - {max(pair_par) * 1e3:.1f}): "
          f"speed-up {seq / par:.2f}x on {os.cpu_count()} cores (the GIL is released in C)")
    print()
    print(f"python salary_at_ns {med['binding']:.3f}")
    print(f"python salary_at_out_ns {med['binding_out']:.3f}")
    print(f"python c_salary_at_n_ns {med['c']:.3f}")
    print(f"python c_alloc_salary_at_n_ns {med['c_alloc']:.3f}")
    print(f"python interp_ns {med['interp']:.3f}")
    print(f"python thread_speedup {seq / par:.3f}")


if __name__ == "__main__":
    main()
