"""Pay equity from Python: the EU and UK reports, the adjusted gap, the
Oaxaca-Blinder decomposition and the cheapest remedy, against the reference
values of tests/test_equity.c (the nine-row case by hand; the 24 workers of
tests/ref/equity_ref.py) and the career-equity tool's own JSON on
examples/equity/employees.csv."""
import csv
import io
import json
import math
import os
import subprocess

import numpy as np
import pytest

import careerlib

pd = pytest.importorskip("pandas")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMPLOYEES = os.path.join(ROOT, "examples", "equity", "employees.csv")
TOOL = os.path.join(ROOT, "build", "default", "bin", "career-equity")
FACTORS = ["years", "tier", "location"]


def close(a, b, tol):
    return abs(a - b) <= tol * max(1.0, abs(b))  # relative past 1, as assert_close


# ---- the nine-row case, by hand ---------------------------------------------

NINE_Y = [3.00, 3.10, 3.25, 3.30, 3.45, 2.90, 2.95, 3.05, 3.15]
NINE_X = [1, 3, 5, 7, 9, 0, 2, 4, 6]
NINE_G = [1, 1, 1, 1, 1, 0, 0, 0, 0]


def test_nine_rows_threefold_by_hand():
    # men x = 1..9 odd, ybar 3.22, slope 0.055; women x = 0..6 even, ybar
    # 3.0125, slope 0.0425: E = 2 x 0.0425, C = 0.06 + 3 x 0.0125, I = 2 x 0.0125
    s, terms = careerlib.oaxaca(NINE_Y, NINE_G, {"x": NINE_X})
    assert (s.n_a, s.n_b, s.terms) == (5, 4, 2)
    assert close(s.mean_a, 3.22, 1e-12) and close(s.mean_b, 3.0125, 1e-12)
    assert close(s.gap, 0.2075, 1e-12)
    assert close(s.endowments, 0.085, 1e-12)
    assert close(s.coefficients, 0.0975, 1e-12)
    assert close(s.interaction, 0.025, 1e-12)
    assert list(terms.index) == ["(intercept)", "x"]
    assert terms.loc["(intercept)", "factor"] is None
    assert close(terms.loc["(intercept)", "coefficients"], 0.06, 1e-12)
    assert close(terms.loc["x", "coefficients"], 0.0375, 1e-12)
    assert close(terms.loc["x", "coef_a"], 0.055, 1e-12)
    assert close(terms.loc["x", "coef_b"], 0.0425, 1e-12)
    assert math.isnan(s.se_explained)  # no bootstrap asked


@pytest.mark.parametrize("reference, explained, unexplained", [
    ("pooled", 0.101666666667, 0.105833333333),
    ("jann", 0.101666666667, 0.105833333333),
    ("neumark", 0.115322580645, 0.0921774193548),
    (careerlib.Reference.REIMERS, 0.0975, 0.11),
    ("cotton", 0.0988888888889, 0.108611111111),
    ("group_a", 0.11, 0.0975),
    ("a", 0.11, 0.0975),
    (5, 0.085, 0.1225),
])
def test_nine_rows_twofold(reference, explained, unexplained):
    # numpy in: an n x 1 array, a boolean group
    s, terms = careerlib.oaxaca(np.array(NINE_Y), np.array(NINE_G, bool),
                                np.array(NINE_X, float)[:, None], reference=reference)
    assert close(s.explained, explained, 1e-11)
    assert close(s.unexplained, unexplained, 1e-11)
    assert close(terms["explained"].sum(), s.explained, 1e-12)
    assert close(terms["unexplained"].sum(), s.unexplained, 1e-12)
    assert list(terms.index) == ["(intercept)", "x0"]
    if s.reference == "pooled":
        assert close(s.group_coefficient, -0.105833333333, 1e-11)
    else:
        assert math.isnan(s.group_coefficient)


def test_oaxaca_bootstrap_is_seeded():
    y = np.array(NINE_Y * 3) + np.repeat([0.0, 0.01, -0.02], 9)
    g = NINE_G * 3
    x = {"x": NINE_X * 3}
    a = careerlib.oaxaca(y, g, x, bootstrap=50, seed=7).summary
    b = careerlib.oaxaca(y, g, x, bootstrap=50, seed=7).summary
    c = careerlib.oaxaca(y, g, x, bootstrap=50, seed=8).summary
    assert a.se_explained > 0 and a.se_explained == b.se_explained
    assert a.se_explained != c.se_explained


def test_oaxaca_refuses():
    with pytest.raises(careerlib.ArgumentError, match="reference"):
        careerlib.oaxaca(NINE_Y, NINE_G, NINE_X, reference="median")
    bad = list(NINE_Y)
    bad[5] = float("nan")
    with pytest.raises(careerlib.ArgumentError):
        careerlib.oaxaca(bad, NINE_G, NINE_X)
    with pytest.raises(careerlib.FitError):
        careerlib.oaxaca(NINE_Y, NINE_G, {"x": NINE_X, "c": [1.0] * 9})
    with pytest.raises(ValueError, match="groups"):
        careerlib.oaxaca(NINE_Y, NINE_G[:5], NINE_X)
    with pytest.raises(TypeError, match="y"):
        careerlib.oaxaca(["a"] * 9, NINE_G, NINE_X)


# ---- the 24 workers of tests/ref/equity_ref.py ------------------------------

# sex, category, pay, period, weekly hours, bonus, reduced pay, years, tier
WORKERS = [
    (1, 0, 39832.78, 0, 40, 0, 0, 4.9, 0), (2, 0, 5221.89, 1, 40, 0, 0, 2.4, 2),
    (1, 0, 24.18, 2, 30, 0, 0, 5.4, 0), (2, 0, 1396.65, 3, 20, 0, 0, 13.7, 2),
    (1, 0, 68190.22, 0, 40, 2500, 0, 17.6, 2), (2, 0, 3342.26, 1, 30, 500, 1, 3.6, 0),
    (1, 0, 21.07, 2, 40, 0, 0, 14.0, 0), (2, 0, 1059.21, 3, 20, 500, 0, 6.2, 1),
    (1, 0, 38789.14, 0, 20, 0, 0, 5.6, 0), (2, 0, 4230.08, 1, 37.5, 2500, 0, 1.0, 1),
    (1, 0, 25.04, 2, 40, 2500, 0, 10.1, 1), (2, 0, 1361.82, 3, 30, 1200, 0, 18.5, 2),
    (1, 0, 51953.81, 0, 30, 500, 0, 11.7, 1), (2, 0, 5775.0, 1, 30, 2500, 0, 10.5, 2),
    (1, 1, 19.33, 2, 37.5, 2500, 0, 1.8, 0), (2, 1, 1005.9, 3, 40, 500, 0, 1.2, 1),
    (1, 1, 39126.35, 0, 40, 0, 0, 8.0, 0), (2, 1, 3712.47, 1, 40, 1200, 0, 10.9, 0),
    (1, 1, 35.57, 2, 30, 0, 0, 3.8, 2), (2, 1, 1376.13, 3, 37.5, 0, 0, 14.8, 2),
    (1, 1, 42201.12, 0, 30, 2500, 0, 8.2, 0), (2, 1, 4008.74, 1, 30, 0, 0, 16.9, 0),
    (1, 1, 29.11, 2, 40, 2500, 0, 5.7, 2), (0, 1, 1193.65, 3, 37.5, 500, 0, 1.3, 2),
]


def ref_frame():
    """The fixture as an employer's DataFrame: sexes and periods as words,
    categories and tiers by name, full_pay as booleans."""
    sexes = {0: None, 1: "F", 2: "M"}
    periods = ["year", "month", "hour", "week"]
    tiers = ["junior", "mid", "senior"]
    frame = pd.DataFrame({
        "id": [f"W{i:02d}" for i in range(len(WORKERS))],
        "sex": [sexes[r[0]] for r in WORKERS],
        "category": pd.Categorical([["Engineering", "Support"][r[1]] for r in WORKERS],
                                   categories=["Engineering", "Support"]),
        "pay": [r[2] for r in WORKERS],
        "period": [periods[r[3]] for r in WORKERS],
        "hours": [r[4] for r in WORKERS],
        "bonus": [r[5] for r in WORKERS],
        "full_pay": [not r[6] for r in WORKERS],
        "years": [r[7] for r in WORKERS],
        "tier": pd.Categorical([tiers[int(r[8])] for r in WORKERS], categories=tiers),
    })
    return frame


@pytest.fixture
def ref():
    return careerlib.Workforce(ref_frame(), factors=["years", "tier"])


def test_ref_eu_report(ref):
    s, c = ref.eu_report()
    assert (s.workers, s.women, s.men, s.not_given) == (24, 12, 11, 1)
    for field, want in [("mean_gap_annual", 0.177330125297), ("mean_gap_hourly", 0.270319795188),
                        ("mean_gap_variable", -0.704119850187),
                        ("median_gap_annual", 0.204676609888),
                        ("median_gap_hourly", 0.108761582134),
                        ("median_gap_variable", -1.08333333333),
                        ("variable_share_women", 0.5), ("variable_share_men", 0.636363636364)]:
        assert close(getattr(s, field), want, 1e-10), field
    assert np.allclose(s.quartiles["women"], [0.833333333333, 0.333333333333,
                                              0.666666666667, 0.2], atol=1e-11)
    assert close(s.quartiles.loc["upper", "men"], 0.8, 1e-12)
    assert s.status == "ok" and (s.assess, s.unexplained) == (2, 2)
    e, su = c.loc["Engineering"], c.loc["Support"]
    assert close(e.gap_hourly, 0.34620518218, 1e-10)
    assert close(e.gap_annual, 0.211684433807, 1e-10)
    assert close(e.gap_basic, 0.345566472068, 1e-10)
    assert close(e.gap_variable, -0.273148148148, 1e-10)
    assert close(su.gap_hourly, 0.0672019055209, 1e-10)
    assert close(su.gap_variable, -1.94117647059, 1e-10)
    assert close(e.mean_hourly_women, 27.8866130463, 1e-10)
    assert close(su.mean_annual_men, 54640.0925, 1e-11)
    assert su.not_given == 1
    assert close(e.adjusted_gap, -math.expm1(-0.355383980682), 1e-10)
    assert close(su.adjusted_gap, -math.expm1(0.104543522125), 1e-10)
    assert e[["joint_assessment", "unexplained", "over_threshold", "suppressed"]].tolist() == \
        [True, True, True, False]
    assert su[["joint_assessment", "unexplained", "over_threshold", "suppressed"]].tolist() == \
        [True, True, True, True]


def test_eu_threshold_and_no_women():
    # a gap of exactly 5 % is Article 10's "at least", not Article 24's "more than"
    staff = pd.DataFrame({"sex": ["F", "F", "M", "M", "M", "M"],
                          "category": ["a", "a", "a", "a", "b", "b"],
                          "pay": [95, 95, 100, 100, 100, 100], "period": "hour"})
    wf = careerlib.Workforce(staff, hours=40)
    s, c = wf.eu_report(adjusted=False)
    assert close(c.loc["a", "gap_hourly"], 0.05, 1e-14)
    assert c.loc["a", "joint_assessment"] and not c.loc["a", "over_threshold"]
    assert c.loc["a", "adjusted_status"] == "not_asked"
    assert math.isnan(c.loc["b", "gap_hourly"]) and c.loc["b", "status"] == "no_women"
    assert s.variable_status == "no_women" and math.isnan(s.mean_gap_variable)
    assert not wf.eu_report(threshold=0.06, adjusted=False).categories.loc["a",
                                                                          "joint_assessment"]


def test_ref_worker_info(ref):
    info = ref.worker_info()
    assert list(info.index) == ref.ids
    w = info.loc["W00"]
    assert w.category == "Engineering"
    assert close(w.annual, 39832.78, 1e-9)
    assert close(w.hourly, 39832.78 / (40.0 * 365.0 / 7.0), 1e-12)
    assert (w.women, w.men, w.suppressed) == (7, 7, False)
    assert close(w.mean_hourly_women, 27.8866130463, 1e-10)
    assert close(w.mean_hourly_men, 42.6534629615, 1e-10)
    assert close(w.mean_annual_women, 48323.2377551, 1e-10)
    assert close(w.mean_annual_men, 61299.357551, 1e-10)
    one = ref.worker_info([14])  # Support: 4 men, fewer than 5
    assert one.loc["W14", "suppressed"] and math.isnan(one.loc["W14", "mean_hourly_women"])
    four = ref.worker_info("W14", suppress=4)
    assert not four.loc["W14", "suppressed"]
    assert close(four.loc["W14", "mean_hourly_men"], 28.6926907534, 1e-10)
    assert ref.worker_info([]).empty
    with pytest.raises(careerlib.NotFoundError, match="ids.1."):
        ref.worker_info(["W01", "nobody"])
    with pytest.raises(careerlib.NotFoundError):
        ref.worker_info([24])


def test_ref_uk_report(ref):
    r = ref.uk_report()
    assert (r.relevant_women, r.relevant_men, r.full_pay_women, r.full_pay_men,
            r.bonus_women, r.bonus_men) == (12, 11, 12, 10, 6, 7)
    assert close(r.mean_hourly_gap, 0.292203317902, 1e-10)
    assert close(r.median_hourly_gap, 0.1873138381, 1e-10)
    assert close(r.mean_bonus_gap, -0.704119850187, 1e-10)
    assert close(r.median_bonus_gap, -1.08333333333, 1e-10)
    assert close(r.bonus_share_women, 0.5, 1e-15)
    assert np.allclose(r.quartiles["women"], [0.833333333333, 0.4, 0.666666666667, 0.2],
                       atol=1e-11)
    p = r.service_percent()
    assert p["mean_hourly_gap"] == 29.2 and p["median_bonus_gap"] == -108.3


def test_gpg_percent_and_pay_period():
    assert careerlib.gpg_percent(0.10785) == 10.8
    assert careerlib.gpg_percent(0.10749) == 10.7
    assert careerlib.gpg_percent(-0.0125) == -1.3
    assert math.isnan(careerlib.gpg_percent(float("nan")))
    assert careerlib.gpg_percent(np.array([0.0, 0.5])).tolist() == [0.0, 50.0]
    for text, want in [("year", "YEAR"), ("Annual", "YEAR"), ("monthly", "MONTH"),
                       ("WEEK", "WEEK"), ("hour", "HOUR")]:
        assert careerlib.pay_period(text) is careerlib.PayPeriod[want]
    with pytest.raises(careerlib.NotFoundError):
        careerlib.pay_period("fortnight")
    with pytest.raises(ValueError, match="null"):
        careerlib.pay_period("year\0")


@pytest.mark.parametrize("category, coef, se, t, p, r2, n", [
    (None, -0.158835583147, 0.110213536141, -1.44116220845, 0.166709736363, 0.542773403125, 23),
    ("Engineering", -0.355383980682, 0.216411001258, -1.64217150984, 0.134970580133,
     0.569893133041, 14),
    (1, 0.104543522125, 0.261088792377, 0.400413672194, 0.709316012392, 0.714313999923, 9),
])
def test_ref_regression(ref, category, coef, se, t, p, r2, n):
    fit = ref.regress(category=category)
    assert (fit.n, fit.columns, fit.dropped) == (n, 5, 0)
    assert close(fit.coefficient, coef, 1e-10)
    assert close(fit.std_error, se, 1e-10)
    assert close(fit.t, t, 1e-10)
    assert close(fit.p_value, p, 1e-9)
    assert close(fit.r_squared, r2, 1e-10)
    assert close(fit.adjusted_gap, -math.expm1(coef), 1e-10)


def test_regression_refuses_and_drops():
    frame = ref_frame()
    frame["months"] = 12 * frame["years"]
    wf = careerlib.Workforce(frame, factors=["years", "tier", "months"])
    with pytest.raises(careerlib.FitError,
                       match=r"factors\[2\] \(months\): collinear with the columns before it"):
        wf.regress()
    fit = wf.regress(drop=True)
    assert fit.dropped == 1 and close(fit.coefficient, -0.158835583147, 1e-10)
    # a subset of the factors is a regression of its own
    assert wf.regress(["years", "tier"]).dropped == 0
    with pytest.raises(careerlib.NotFoundError, match="salary"):
        wf.regress(["salary"])
    with pytest.raises(careerlib.NotFoundError, match="category"):
        wf.regress(category="Marketing")


@pytest.mark.parametrize("reference, explained, unexplained", [
    ("pooled", 0.121707021469, 0.158835583147),
    ("neumark", 0.137879734026, 0.14266287059),
    ("reimers", 0.136845908629, 0.143696695987),
    ("cotton", 0.135018833746, 0.14552377087),
])
def test_ref_decompose(ref, reference, explained, unexplained):
    s, terms = ref.decompose(reference=reference)
    assert (s.n_a, s.n_b, s.terms) == (11, 12, 5)
    assert close(s.gap, 0.280542604616, 1e-10)
    assert close(s.endowments, 0.0948231863246, 1e-9)
    assert close(s.coefficients, 0.101673973683, 1e-9)
    assert close(s.interaction, 0.0840454446082, 1e-9)
    assert close(s.explained, explained, 1e-9)
    assert close(s.unexplained, unexplained, 1e-9)
    assert close(terms["explained"].sum(), s.explained, 1e-12)
    assert list(terms.index) == ["(intercept)", "years", "tier=junior", "tier=mid",
                                 "tier=senior"]
    assert terms.loc["tier=senior", "level"] == "senior"
    levels = terms[terms["factor"] == "tier"]
    assert abs(levels["coef_a"].sum()) < 1e-12 and abs(levels["coef_b"].sum()) < 1e-12


# The women's raises of equity_ref.py's KKT optimum, in the workforce's order.
REMEDY = [
    (0.25, 617798.370524, 56962.8702146,
     [0, 0, 8990.62960799, 0, 0, 13056.57, 12988.45, 0, 0, 13910.41, 0, 8016.81060658]),
    (0.12, 836239.656446, 65295.4744883,
     [4779.93, 4538.93, 8182.82, 5273.52, 4654.69, 6267.15, 6234.45, 2479.7489929,
      4695.16, 6676.99, 4226.27549539, 7285.81]),
]


@pytest.mark.parametrize("max_raise, lam, cost, women", REMEDY)
def test_ref_remedy(ref, max_raise, lam, cost, women):
    raises, s = ref.remedy(0.05, max_raise=max_raise)
    assert s.raised_sex == "female" and not s.within and not s.unmet
    assert close(s.coef_before, -0.158835583147, 1e-10)
    assert close(s.multiplier, lam, 1e-8 * lam)
    assert cost * 100 - 0.5 <= s.cost_cents <= cost * 100 + 12
    assert raises["raise_cents"].dtype == np.int64
    assert int(raises["raise_cents"].sum()) == s.cost_cents
    assert (raises.loc[raises["sex"] != "female", "raise_cents"] == 0).all()
    got = raises.loc[raises["sex"] == "female", "raise_cents"].to_numpy() / 100
    assert np.all(np.abs(got - np.array(women)) <= 0.01 + 1e-9)
    assert 0.0499999 < s.gap_after <= 0.05
    assert s.uniform_rate > 0 and s.uniform_cost_cents > s.cost_cents
    # a fresh regression of the raised workforce lands on the target
    frame = ref_frame()
    per = frame["period"].map({"year": 1.0, "month": 12.0, "week": 365 / 7}).fillna(
        frame["hours"] * 365 / 7)
    frame["pay"] = frame["pay"] + raises["raise_cents"].to_numpy() / 100 / per
    after = careerlib.Workforce(frame, factors=["years", "tier"]).regress()
    assert close(after.coefficient, s.coef_after, 1e-9)
    assert after.adjusted_gap <= 0.05 + 1e-12


def test_remedy_rules(ref):
    s = ref.remedy(0.2).summary
    assert s.within and s.raised_sex == "not_given" and s.cost_cents == 0
    s = ref.remedy(0.0, max_raise=0.01).summary
    assert s.unmet and s.gap_after > 0
    frame = ref_frame()
    frame["no_raise"] = frame.index == 2  # the woman of row 2 may not be raised
    raises, s = careerlib.Workforce(frame, factors=["years", "tier"]).remedy(0.05)
    assert raises.loc["W02", "raise_cents"] == 0 and s.raised > 0
    raises, s = ref.remedy(0.05, floor=45000)
    assert s.floor_cents > 0 and s.gap_after <= 0.05
    plain = ref.remedy(0.05).summary
    assert ref.remedy(0.05, any_sex=True).summary.cost_cents <= plain.cost_cents + 24
    raises, s = ref.remedy(0.05, category="Support")  # women paid more: men raised
    assert s.raised_sex == "male" and -0.05 <= s.gap_after < -0.0499999
    assert (raises.loc[(raises["sex"] != "male") | (raises["category"] != "Support"),
                       "raise_cents"] == 0).all()
    with pytest.raises(careerlib.DomainError, match="target"):
        ref.remedy(1.5)
    with pytest.raises(TypeError):
        ref.remedy(0.05, max_raise="10%")


# ---- the workforce's own checks ---------------------------------------------

def test_workforce_refuses():
    good = {"sex": ["F", "M"], "pay": [10.0, 12.0], "hours": [40, 40], "period": "hour"}
    careerlib.Workforce(pd.DataFrame(good))
    with pytest.raises(careerlib.ArgumentError, match=r"workers.sex\[1\]: 'Q'"):
        careerlib.Workforce(pd.DataFrame(dict(good, sex=["F", "Q"])))
    with pytest.raises(careerlib.ArgumentError, match=r"workers\[1\]\.pay"):
        careerlib.Workforce(pd.DataFrame(dict(good, pay=[10.0, float("nan")])))
    with pytest.raises(careerlib.DomainError, match=r"workers\[0\]\.hours"):
        careerlib.Workforce(pd.DataFrame(dict(good, hours=[0, 40])))
    with pytest.raises(careerlib.DomainError, match=r"workers\[0\]\.pay"):
        careerlib.Workforce(pd.DataFrame(dict(good, pay=[-1.0, 12.0])))
    with pytest.raises(TypeError, match="workers.pay"):
        careerlib.Workforce(pd.DataFrame(dict(good, pay=["10", "12"])))
    with pytest.raises(careerlib.ArgumentError, match=r"workers.period\[0\]"):
        careerlib.Workforce(pd.DataFrame(dict(good, period=["fortnight", "hour"])))
    with pytest.raises(ValueError, match="null"):
        careerlib.Workforce(pd.DataFrame(dict(good, id=["a\0b", "c"])))
    with pytest.raises(KeyError, match="hours"):
        careerlib.Workforce(pd.DataFrame({"sex": ["F"], "pay": [1.0]}))
    with pytest.raises(KeyError, match="years"):
        careerlib.Workforce(pd.DataFrame(good), factors=["years"])
    with pytest.raises(careerlib.ArgumentError, match="no workers"):
        careerlib.Workforce(pd.DataFrame({"sex": [], "pay": [], "hours": []}))
    with pytest.raises(TypeError):
        careerlib.Workforce([1, 2, 3])
    # words, enums and numbers for the sex; the index names the workers
    wf = careerlib.Workforce(pd.DataFrame({"sex": ["woman", careerlib.Sex.MALE, None],
                                           "pay": [1.0, 2.0, 3.0]}, index=["a", "b", "c"]),
                             hours=35, period=careerlib.PayPeriod.HOUR)
    assert wf.ids == ["a", "b", "c"]
    assert wf.to_frame()["sex"].tolist() == ["female", "male", "not_given"]
    assert wf.eu_report().summary.not_given == 1


def test_open_errors_name_the_row(tmp_path):
    bad = tmp_path / "staff.csv"
    bad.write_text("sex,pay,hours\nF,100,40\nM,-5,40\n")
    with pytest.raises(careerlib.ParseError) as e:
        careerlib.Workforce.open(bad)
    assert e.value.line == 3 and e.value.column == 2 and "pay" in str(e.value)
    with pytest.raises(careerlib.FileError):
        careerlib.Workforce.open(tmp_path / "missing.csv")
    with pytest.raises(ValueError, match="null"):
        careerlib.Workforce.open("a\0b.csv")
    with pytest.raises(careerlib.ParseError):
        careerlib.Workforce.read("sex,pay,hours\nQ,1,40\n", name="memo")
    # other column names, and the period and hours stood in for
    wf = careerlib.Workforce.read("gender,salary\nF,50000\nM,60000\n",
                                  columns={"sex": "gender", "pay": "salary"}, hours=40)
    assert close(wf.uk_report().mean_hourly_gap, 1 / 6, 1e-12)


# ---- examples/equity/employees.csv against career-equity --------------------

def tool(*args):
    if not os.path.exists(TOOL):
        pytest.skip("career-equity is not built")
    r = subprocess.run([TOOL, *args, "--format", "json", EMPLOYEES], capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def staff():
    return careerlib.Workforce.open(EMPLOYEES, factors=FACTORS, categorical=["tier"])


def same(a, b, tol=1e-12):
    if b is None:
        return math.isnan(a)
    return abs(a - b) <= tol * max(1.0, abs(b))


def test_employees_eu_as_the_tool(staff):
    want = tool("--factors", ",".join(FACTORS), "--categorical", "tier")
    s, cats = staff.eu_report()
    assert s.workers == want["workers"]
    for field, value in want["figures"].items():
        assert same(getattr(s, field), value), field
    for q, band in zip(want["quartiles"], s.quartiles.itertuples()):
        assert q["band"] == band.Index
        assert same(band.women, q["women"]) and same(band.men, q["men"])
    assert list(cats.index) == [c["category"] for c in want["categories"]]
    for c in want["categories"]:
        got = cats.loc[c["category"]]
        for field, value in c.items():
            if field in ("category", "note"):
                continue
            if isinstance(value, bool) or isinstance(value, int):
                assert got[field] == value, (c["category"], field)
            else:
                assert same(got[field], value), (c["category"], field)


def test_employees_uk_as_the_tool(staff):
    want = tool("--report", "uk")
    r = staff.uk_report()
    for field, value in want["figures"].items():
        assert same(getattr(r, field), value), field
    p = r.service_percent()
    for field, value in want["service_percent"].items():
        # the tool prints 100 x (the service's percentage / 100): 27.399999999999995
        assert p[field] == round(value, 1), field
    for q, (band, row) in zip(want["quartiles"], r.quartiles.iterrows()):
        assert same(row["women"], q["women"]) and same(row["men"], q["men"])


@pytest.mark.parametrize("ref, name", [("jann", "pooled"), ("neumark", "neumark"),
                                       ("b", "group_b"), ("cotton", "cotton")])
def test_employees_decomposition_as_the_tool(staff, ref, name):
    want = tool("--factors", ",".join(FACTORS), "--categorical", "tier",
                "--decompose", ref)["decomposition"]
    s, terms = staff.decompose(reference=ref)
    assert s.reference == name
    assert (s.n_a, s.n_b) == (want["men"], want["women"])
    for field in ("gap", "endowments", "coefficients", "interaction", "explained",
                  "unexplained"):
        assert same(getattr(s, field), want[field]), field
    if want["female_coefficient"] is not None:
        assert same(s.group_coefficient, want["female_coefficient"])
    assert list(terms.index) == [t["term"] for t in want["terms"]]
    for t in want["terms"]:
        for field in ("explained", "unexplained", "endowments", "coefficients", "interaction"):
            assert same(terms.loc[t["term"], field], t[field]), (t["term"], field)


def test_employees_bootstrap_as_the_tool(staff):
    want = tool("--factors", "years,tier", "--categorical", "tier", "--decompose", "neumark",
                "--bootstrap", "20", "--seed", "5")["decomposition"]
    s = staff.decompose(["years", "tier"], reference="neumark", bootstrap=20, seed=5).summary
    assert same(s.se_explained, want["se_explained"])
    assert same(s.se_unexplained, want["se_unexplained"])


def test_employees_remedy_as_the_tool(staff, tmp_path):
    out = tmp_path / "raises.csv"
    want = tool("--factors", ",".join(FACTORS), "--categorical", "tier", "--remedy", "5%",
                "--remedy-each", "--max-raise", "15%", "-o", str(out))["remedy"]
    with open(out, newline="") as f:
        tool_raises = {row["id"]: row for row in csv.DictReader(f)}
    total = pd.Series(0, index=staff.ids, dtype=np.int64)
    for m in want:
        raises, s = staff.remedy(m["target"], max_raise=0.15, category=m["scope"])
        assert same(s.gap_before, m["gap_before"]) and same(s.gap_after, m["gap_after"])
        assert s.raised == m["raised"] and s.within == m["within"] and s.unmet == m["unmet"]
        assert s.cost_cents == round(m["cost"] * 100)
        assert s.uniform_cost_cents == round(m["uniform_cost"] * 100)
        assert {"none": "not_given", "women": "female", "men": "male"}[m["raised_sex"]] == \
            s.raised_sex
        total += raises["raise_cents"]
    for wid, row in tool_raises.items():
        assert round(float(row["raise"]) * 100) == total[wid], wid


def test_employees_frame_as_the_file(staff):
    """The same workers from pandas give the C reader's figures."""
    frame = pd.read_csv(EMPLOYEES, dtype={"tier": str})
    wf = careerlib.Workforce(frame, factors=FACTORS, categorical=["tier"])
    assert wf.categories == staff.categories and wf.levels("tier") == staff.levels("tier")
    a, b = wf.eu_report(), staff.eu_report()
    assert a.summary._replace(quartiles=None) == b.summary._replace(quartiles=None)
    pd.testing.assert_frame_equal(a.summary.quartiles, b.summary.quartiles)
    pd.testing.assert_frame_equal(a.categories, b.categories)
    assert wf.regress() == staff.regress()
    pd.testing.assert_frame_equal(wf.remedy(0.05).raises, staff.remedy(0.05).raises)
    back = staff.to_frame()
    assert back["row"].tolist() == list(range(2, 502))
    assert back.index.tolist() == frame["id"].tolist()
