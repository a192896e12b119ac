#!/usr/bin/env python3
"""equity_baseline.py - the peer of bench/bench_equity.c's decomposition:
statsmodels' OaxacaBlinder (Jann's twofold, 'pooled') on the same 1M rows,
read from the file bench_equity writes (y = ln hourly pay, group, the 10
factors; the tier's 4 and the place's 5 levels become dummies, level 0
left out, as the library does). The design is built once, outside the
timing, as a statsmodels user would have it in a DataFrame already.

One machine-readable line: statsmodels equity_decompose_ms <median ms>.
Run: python3 bench/equity_baseline.py [build/default/bench/equity.f64]
"""
import statistics
import sys
import time

import numpy as np
from statsmodels.stats.oaxaca import OaxacaBlinder

RUNS = 3


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "build/default/bench/equity.f64"
    d = np.fromfile(path, dtype=np.float64).reshape(-1, 12)
    y, group, x = d[:, 0], d[:, 1], d[:, 2:]
    tier = [(x[:, 8] == k).astype(float) for k in (1, 2, 3)]
    place = [(x[:, 9] == k).astype(float) for k in (1, 2, 3, 4)]
    exog = np.column_stack([np.ones(len(y)), x[:, :8]] + tier + place + [group])
    times, res = [], None
    for _ in range(RUNS):
        t0 = time.perf_counter()
        ob = OaxacaBlinder(y, exog, exog.shape[1] - 1, hasconst=True)
        res = ob.two_fold(two_fold_type="pooled").params
        times.append(time.perf_counter() - t0)
    print("statsmodels OaxacaBlinder (pooled) on %d rows: median %.1f ms "
          "(range %.1f - %.1f); unexplained %.6f, explained %.6f" %
          (len(y), 1e3 * statistics.median(times), 1e3 * min(times),
           1e3 * max(times), res[0], res[1]))
    print("statsmodels equity_decompose_ms %.3f" % (1e3 * statistics.median(times)))


if __name__ == "__main__":
    main()
