"""The merit cycle from Python: policies, the pay structure, a cycle on a
DataFrame and one employee through the years, with the reference values
of tests/test_merit.c (tests/ref/merit_ref.py, exact rationals) and the
career-merit tool's own output on examples/merit/."""
import json
import math
import os
import subprocess

import numpy as np
import pytest

import careerlib

pd = pytest.importorskip("pandas")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MERIT = os.path.join(ROOT, "examples", "merit")
TOOL = os.path.join(ROOT, "build", "default", "bin", "career-merit")


def ref_policy(budget, lift=True, counts=True):
    """The reference policy of merit_ref.py (ref_policy in test_merit.c)."""
    return careerlib.Policy.from_dict({
        "format": "career-merit-policy/1",
        "ratings": [{"name": "none", "eligible": False}, "low", "mid", "high"],
        "matrix": {"none": [0, 0, 0, 0], "low": [0.01, 0.005, 0, 0],
                   "mid": [0.04, 0.03, 0.025, 0.02], "high": [0.07, 0.06, 0.05, 0.04]},
        "ranges": {"method": "spread", "spread": 0.5},
        "lift_to_minimum": {"enabled": lift, "counts": counts},
        "max_raise": 0.08,
        "minimum_raise": {"from": "mid", "rate": 0.015},
        "budget": {"rate": budget}})


# POP of merit_ref.py: years, tier (NaN: from the years), salary, rating
POP = pd.DataFrame({
    "years": [1.5, 2, 4, 6, 9, 10, 13, 20, 0.5, 5, 3, 7],
    "tier": [np.nan] * 10 + [2, np.nan],
    "salary": [76543.21, 95000.55, 149000.10, 160500.00, 130250.75, 175000.99,
               140000.01, 200001.00, 83000.33, 99999.99, 118000.00, 112345.67],
    "rating": ["high", "mid", "high", "mid", "low", "high", "mid", "high", "low", "mid",
               "high", "none"],
}, index=[f"E{i:02d}" for i in range(12)])

# Per employee, in cents: merit, lift, base raise, lump sum, new salary.
REF_K_ABOVE_1 = (8563782, 8563782, 1.6561727802843573, [
    (643200, 385679, 1028879, 0, 8683200), (472012, 0, 472012, 0, 9972067),
    (987080, 0, 99990, 887090, 15000000), (531631, 0, 0, 531631, 16050000),
    (215718, 0, 215718, 0, 13240793), (1159327, 0, 439901, 719426, 17940000),
    (927457, 0, 927457, 0, 14927458), (1324945, 0, 0, 1324945, 20000100),
    (137463, 0, 137463, 0, 8437496), (662469, 1, 662470, 0, 10662469),
    (956800, 160000, 1116800, 0, 12916800), (0, 0, 0, 0, 11234567)])
REF_NO_LIFT = (2854594, 2854594, 0.53169450884805081, [
    (284883, 0, 284883, 0, 7939204), (151534, 0, 151534, 0, 9651589),
    (316890, 0, 99990, 216900, 15000000), (240750, 0, 0, 240750, 16050000),
    (69253, 0, 69253, 0, 13094328), (372188, 0, 372188, 0, 17872287),
    (297749, 0, 297749, 0, 14297750), (425358, 0, 0, 425358, 20000100),
    (44131, 0, 44131, 0, 8344164), (212678, 0, 212678, 0, 10212677),
    (439180, 0, 439180, 0, 12239180), (0, 0, 0, 0, 11234567)])


@pytest.fixture(scope="module")
def market():
    """test_merit.c's model: the built-in profile, the band at d = 1."""
    return careerlib.Model(dispersion="market")


def cents(x):
    return np.round(np.asarray(x) * 100).astype(np.int64)


@pytest.mark.parametrize("budget, lift, counts, ref", [
    (0.06, True, True, REF_K_ABOVE_1), (0.02, False, False, REF_NO_LIFT)])
def test_cycle_reference(market, budget, lift, counts, ref):
    cycle = market.merit_cycle(POP, ref_policy(budget, lift, counts))
    budget_cents, cost_cents, k, rows = ref
    s = cycle.summary
    assert isinstance(s, careerlib.MeritSummary)
    assert (s.budget_cents, s.cost_cents) == (budget_cents, cost_cents)
    assert s.budget_met and s.employees == 12 and s.eligible == 11
    assert abs(s.scale - k) <= 1e-12 * k
    r = cycle.results
    assert list(r.index) == list(POP.index)
    got = np.column_stack([cents(r[c]) for c in
                           ("merit", "lift", "base_raise", "lump_sum", "new_salary")])
    np.testing.assert_array_equal(got, np.array(rows))


def test_cycle_unmet_and_flags(market):
    cycle = market.merit_cycle(POP, ref_policy(0.5))
    s = cycle.summary
    assert not s.budget_met and s.flags & 1
    assert (s.budget_cents, s.cost_cents, s.scale) == (71364847, 12007710, 8.0)
    capped = cycle.results["flags"].iloc[0] & careerlib.MeritFlag.CAPPED
    assert capped
    assert s.capped == int(((cycle.results["flags"] & careerlib.MeritFlag.CAPPED) > 0).sum())
    ineligible = careerlib.MeritFlag(int(cycle.results.loc["E11", "flags"]))
    assert careerlib.MeritFlag.INELIGIBLE in ineligible


def test_ratings_as_indices_arrays_and_records(market):
    policy = ref_policy(0.06)
    by_name = market.merit_cycle(POP, policy).results
    idx = POP.assign(rating=[policy.rating_index(r) for r in POP["rating"]])
    np.testing.assert_array_equal(market.merit_cycle(idx, policy).results, by_name)
    tier = POP["tier"].fillna(-1).astype(int)
    cols = {"years": POP["years"].to_numpy(), "salary": POP["salary"].tolist(),
            "rating": list(POP["rating"]), "tier": tier.to_numpy()}
    arrays = market.merit_cycle(cols, policy, as_frame=False)
    assert arrays.results.dtype.names[:3] == ("tier", "position", "rate")
    np.testing.assert_array_equal(cents(arrays.results["new_salary"]),
                                  cents(by_name["new_salary"]))
    assert arrays.distribution.shape == (4, 4)


def test_distribution_adds_up(market):
    cycle = market.merit_cycle(POP, ref_policy(0.02))
    d = cycle.distribution
    assert list(d.columns) == ["rating", "position", "count", "mean_rate", "merit_cents"]
    assert len(d) == 16 and d["count"].sum() == cycle.summary.eligible
    assert d["merit_cents"].sum() == cycle.summary.cost_cents - cycle.summary.lift_cents
    cell = d[(d.rating == "high") & (d.position == 0)].iloc[0]
    assert cell["count"] == 2 and cell["merit_cents"] == 232106 + 345272


def test_cycle_errors_name_the_row(market):
    policy = ref_policy(0.03)
    bad = POP.copy()
    bad.iloc[7, bad.columns.get_loc("salary")] = -5.0
    with pytest.raises(careerlib.DomainError, match=r"^merit_cycle: employees\[7\]\.salary"):
        market.merit_cycle(bad, policy)
    with pytest.raises(careerlib.NotFoundError, match=r"^employees.rating\[2\]: 'great' is not a rating"):
        market.merit_cycle(POP.assign(rating=["low", "mid", "great"] + ["mid"] * 9), policy)
    with pytest.raises(careerlib.ArgumentError, match=r"employees.rating\[0\]: 9 is not a rating index"):
        market.merit_cycle(POP.assign(rating=9), policy)
    with pytest.raises(KeyError, match="rating"):
        market.merit_cycle(POP.drop(columns="rating"), policy)
    with pytest.raises(TypeError, match=r"^employees.tier\[0\] must be a tier index"):
        market.merit_cycle(POP.assign(tier=1.5), policy)
    with pytest.raises(careerlib.ArgumentError, match="tier"):
        market.merit_cycle(POP.assign(tier=7), policy)
    with pytest.raises(TypeError, match=r"^employees.years\[0\] must be a number, not 'five'"):
        market.merit_cycle(POP.assign(years="five"), policy)
    with pytest.raises(TypeError, match="^policy must be a careerlib.Policy"):
        market.merit_cycle(POP, os.path.join(MERIT, "policy.json"))
    with pytest.raises(careerlib.ArgumentError, match="empty"):
        market.merit_cycle(POP.iloc[:0], policy)


def test_the_example_cycle_matches_career_merit():
    """examples/merit/ through Python and through the career-merit tool:
    the same library, the same figures to the cent."""
    if not os.access(TOOL, os.X_OK):
        pytest.skip("career-merit is not built")
    r = subprocess.run([TOOL, "--policy", os.path.join(MERIT, "policy.json"), "--format",
                        "json", os.path.join(MERIT, "employees.csv")],
                       capture_output=True, text=True, check=True)
    tool = json.loads(r.stdout)
    staff = pd.read_csv(os.path.join(MERIT, "employees.csv"), index_col="id")
    policy = careerlib.Policy.load(os.path.join(MERIT, "policy.json"))
    cycle = careerlib.Model().merit_cycle(staff, policy)
    s = cycle.summary
    assert s.budget_cents == tool["summary"]["budget_cents"] == s.cost_cents
    assert s.scale == tool["summary"]["scale"]
    assert (s.employees, s.eligible) == (200, 192)
    want = pd.DataFrame(tool["employees"]).set_index("id")
    for col in ("tier", "position", "lift", "merit", "lump_sum", "new_salary"):
        np.testing.assert_array_equal(cycle.results[col].to_numpy(), want[col].to_numpy(), col)
    np.testing.assert_allclose(cycle.results["rate"], want["rate"], rtol=1e-15)


# ---- the pay structure -------------------------------------------------------------

def test_pay_structure(market):
    r = market.pay_structure(ref_policy(0.03))
    assert r.index.name == "tier" and list(r.columns) == [
        "name", "min", "mid", "max", "spread", "progression", "overlap", "warnings"]
    assert r["name"].iloc[0] == "Junior Performance Engineer"
    np.testing.assert_allclose(r.loc[0, ["min", "max"]].astype(float), [80400, 120600], rtol=1e-12)
    assert abs(r.loc[1, "mid"] - 125000) < 1e-6 and abs(r.loc[3, "max"] - 192000) < 1e-6
    assert abs(r.loc[2, "spread"] - 0.5) < 1e-12
    assert math.isnan(r.loc[0, "progression"]) and math.isnan(r.loc[3, "overlap"])
    assert abs(r.loc[1, "progression"] - (125000 / 100500 - 1)) < 1e-12
    assert abs(r.loc[0, "overlap"] - 20600 / 40200) < 1e-12
    W = careerlib.RangeWarning
    assert r.loc[0, "warnings"] == W.OVERLAP_HIGH
    assert r.loc[1, "warnings"] == W.PROGRESSION_HIGH | W.OVERLAP_HIGH | W.COMPRESSION
    assert r.loc[3, "warnings"] == W.PROGRESSION_LOW
    arr = market.pay_structure(ref_policy(0.03), as_frame=False)
    assert arr.shape == (4,) and arr["min"][0] == r.loc[0, "min"]


# ---- one employee through the years ----------------------------------------------------

def test_merit_project_by_hand(market):
    """test_merit.c's project_by_hand: no growth, "high" each year, k = 1."""
    rows = market.merit_project(ref_policy(0.03), 0, 90000, "high", growth=0, growth_years=1)
    assert len(rows) == 11 and list(rows["year"]) == list(range(11))
    assert list(cents(rows["new_salary"][:4])) == [9630000, 10207800, 10718190, 11468463]
    assert rows["tier"][3] == 1 and abs(rows["range_min"][3] - 100000) < 1e-7
    assert abs(rows["salary"][3] - 107181.90) < 1e-9
    assert set(rows["rating_name"]) == {"high"} and set(rows["rating"]) == {3}


def test_merit_project_ranges_move(market):
    policy = ref_policy(0.03)
    rows = market.merit_project(policy, 0, 90000, ["high", "low"], horizon=5, inflation=0.02)
    assert len(rows) == 6
    want = 80400 * 1.1 ** 0.2 * 1.0404
    assert abs(rows["range_min"][2] - want) <= 1e-12 * want
    assert rows["rating"][0] == 3 and rows["rating"][5] == 1
    flat = market.merit_project(policy, 0, 90000, [3, 1], horizon=5, inflation=0.02,
                                as_frame=False)
    np.testing.assert_array_equal(flat["new_salary"], rows["new_salary"])
    with pytest.raises(careerlib.ArgumentError, match="scale = nan"):
        market.merit_project(policy, 0, 90000, "high", scale=np.nan)
    with pytest.raises(careerlib.DomainError, match="scale = -1.0"):
        market.merit_project(policy, 0, 90000, "high", scale=-1)
    with pytest.raises(careerlib.ArgumentError, match=r"^ratings\[1\]: 9 is not a rating index"):
        market.merit_project(policy, 0, 90000, [3, 9])
    with pytest.raises(TypeError, match="start_years"):
        market.merit_project(policy, 0, 90000, "high", start_years=3)
    with pytest.raises(careerlib.ArgumentError, match="^horizon"):
        market.merit_project(policy, 0, 90000, "high", horizon=0)


# ---- policies -----------------------------------------------------------------------

def test_policy_loading_and_errors(tmp_path):
    path = os.path.join(MERIT, "policy.json")
    p = careerlib.Policy.load(path)
    assert p.ratings == ["unsatisfactory", "below", "meets", "exceeds", "outstanding"]
    assert p.positions == 4 and p.rating_index("outstanding") == 4
    with open(path, "rb") as f:
        assert careerlib.Policy.from_json(f.read()).ratings == p.ratings
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    d["budget"]["rate"] = np.float64(0.04)
    assert careerlib.Policy.from_dict(d).positions == 4
    with pytest.raises(careerlib.NotFoundError, match="^rating_index: 'great'"):
        p.rating_index("great")
    d["matrix"]["exceeds"][2] = -0.01
    with pytest.raises(careerlib.ParseError, match=r"matrix\.exceeds\[2\]"):
        careerlib.Policy.from_dict(d)
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "career-merit-policy/1",\n  "ratings": ,\n}\n')
    with pytest.raises(careerlib.ParseError) as e:
        careerlib.Policy.load(bad)
    assert e.value.line == 3 and e.value.source.endswith("bad.json")
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Policy.load(path + "\0")
