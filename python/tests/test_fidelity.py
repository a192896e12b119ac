"""The mixture residual on the real BLS files (tests/data/bls/), the
targets of make fidelity (bench/fidelity.py, README "Fidelity to the
published BLS figures") held as a test: every national occupation of OEWS
May 2023, and every state row of the state file, imported with the
2024-34 Employment Projections, each profile's
worst |F_mix(s_i) - p_i| over its market points (the published
percentiles, a run of equal ones stepped apart as docs/model.md §11 says;
career_calibration_info, as bench/fidelity.py reads it from career-ladder)
within 0.03 for at least 95 % of the profiles and above 0.06 for none; no
profile refused; 15-1252's m(20)/m(1) in 1.8-2.6 with its peak between 25
and 35 years. A few seconds: the import and the calibrations are the
library's."""
import os

import numpy as np
import pytest

import careerlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BLS = os.path.join(ROOT, "tests", "data", "bls")
NATIONAL = os.path.join(BLS, "national_M2023_dl.csv")
STATE = os.path.join(BLS, "state_M2023_dl-3occ.csv")
EP = os.path.join(BLS, "occupation_2024-34.xlsx")


def profiles(path):
    """{(area, occ): profile} of every row of an OEWS file."""
    if not (os.path.exists(path) and os.path.exists(EP)):
        pytest.skip("tests/data/bls/ not present")
    with careerlib.Table.open(path) as t, careerlib.EpTable.open(EP) as ep:
        keys = sorted({(e.area_code, e.occ_code) for e in t})
        return {k: t.profile(k[1], area=k[0], ep=ep) for k in keys}


@pytest.fixture(scope="module")
def national():
    return {occ: p for (_, occ), p in profiles(NATIONAL).items()}


@pytest.fixture(scope="module")
def states():
    return profiles(STATE)


def worst_residuals(ps):
    worst = {}
    for key, p in ps.items():
        c = careerlib.Model(p).calibration()  # refused: raises, and fails
        worst[key] = float(np.max(np.abs(c.mixture_p - c.quantiles[:, 0])))
    return worst


def assert_targets(worst, count):
    r = np.array(list(worst.values()))
    assert len(r) >= count
    share = float(np.mean(r <= 0.03))
    above = sorted((v, k) for k, v in worst.items() if v > 0.06)
    assert share >= 0.95, share
    assert not above, above


def test_mixture_residual_targets(national):
    assert_targets(worst_residuals(national), 830)


def test_mixture_residual_targets_states(states):
    # Utah's database architects (49, 15-1243), a mass point at
    # p50 = p75 = $149,200, missed by 0.070 with the curve in pay
    assert_targets(worst_residuals(states), 156)


def test_15_1252_curve(national):
    m = careerlib.Model(national["15-1252"])
    y = np.arange(46.0)
    s = m.salary_at(y)
    assert 1.8 <= s[20] / s[1] <= 2.6, s[20] / s[1]
    peak = int(y[np.argmax(s >= s.max() * (1 - 1e-12))])
    assert 25 <= peak <= 35, peak
