"""BLS tables from Python: OEWS (Table), Employment Projections (EpTable)
and ladder templates, with the reference values of tests/test_oews.c
(tests/data/oews/, the fixtures of make_fixtures.py; tiers from
tests/ref/oews_ref.py)."""
import math
import os
import pathlib

import numpy as np
import pytest

import careerlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OEWS = os.path.join(ROOT, "tests", "data", "oews")
ALL_CSV = os.path.join(OEWS, "all_data_M_2018.csv")
ALL_XLSX = os.path.join(OEWS, "all_data_M_2018.xlsx")
EP_CSV = os.path.join(OEWS, "ep_2020-30.csv")
EP_XLSX = os.path.join(OEWS, "ep_2020-30.xlsx")
NAT11_CSV = os.path.join(OEWS, "national_M2011_dl.csv")
LADDERS = os.path.join(ROOT, "examples", "ladders")


def close(a, b, rel):
    assert np.all(np.abs(np.asarray(a, dtype=float) - b) <= rel * np.abs(b)), (a, b)


@pytest.fixture(scope="module")
def table():
    with careerlib.Table.open(ALL_CSV) as t:
        yield t


def has_note(profile, text):
    return any(text in n for n in profile.notes)


# ---- the rows ------------------------------------------------------------------

@pytest.mark.parametrize("path", [ALL_CSV, ALL_XLSX])
def test_rows(path):
    t = careerlib.Table.open(path)
    assert len(t) == 6  # an industry, an ownership and a major-group row left out
    e = t[0]
    assert isinstance(e, careerlib.OewsEntry)
    assert e == ("15-1133", "Software Developers, Systems Software", "99", "U.S.",
                 405330.0, False, 2)
    assert t[4].area_code == "5600796" and math.isnan(t[4].employment)
    assert repr(t[-2]) == repr(t[4])  # NaN employment: compare the text
    with pytest.raises(IndexError):
        t[6]
    assert [r.occ_code for r in t] == [r.occ_code for r in t.entries()]
    t.close()
    t.close()  # twice is harmless
    with pytest.raises(ValueError, match="closed"):
        len(t)
    assert "closed" in repr(t)


def test_entries_as_a_data_frame(table):
    pd = pytest.importorskip("pandas")
    df = table.entries(as_frame=True)
    assert isinstance(df, pd.DataFrame) and len(df) == 6
    assert list(df.columns) == list(careerlib.OewsEntry._fields)
    assert df["employment"].iloc[0] == 405330.0 and df["employment"].isna().iloc[4]
    assert df["hourly_only"].dtype == bool
    assert df.loc[df.occ_code == "15-1133", "area_title"].iloc[0] == "U.S."


def test_from_bytes_is_open(table):
    with open(ALL_XLSX, "rb") as f:
        data = f.read()
    m = careerlib.Table.from_bytes(data, "all.xlsx")
    assert repr(m.entries()) == repr(table.entries())
    assert "all.xlsx" in m.profile("15-1133").source
    with pytest.raises(TypeError, match="^data must be bytes"):
        careerlib.Table.from_bytes(ALL_CSV)


def test_options_area_group_and_caps():
    wy = careerlib.Table.open(ALL_CSV, area="56")
    assert {e.area_code for e in wy} == {"56"} and len(wy) == 2
    major = careerlib.Table.open(ALL_CSV, group="major")
    assert len(major) == 1 and major[0].occ_code.endswith("-0000")
    assert len(careerlib.Table.open(ALL_CSV, group=careerlib.OewsGroup.MAJOR)) == 1
    with pytest.raises(careerlib.ArgumentError, match="^group: 'huge' is not one of detailed"):
        careerlib.Table.open(ALL_CSV, group="huge")
    capped = careerlib.Table.open(pathlib.Path(ALL_CSV), cap_annual=145600.0)
    assert has_note(capped.profile("15-1051", "5600796"), "at least $145600 a year")


# ---- profiles (test_oews.c) -------------------------------------------------------

def test_national_profile(table):
    p = table.profile("15-1133")
    assert isinstance(p, careerlib.Profile)
    assert p.role == "Software Developers, Systems Software"
    assert (p.region, p.currency, p.period) == ("U.S.", "USD", "year")
    assert (p.occ_code, p.area_code) == ("15-1133", "99")
    q = p.quantiles
    assert q.shape == (5, 2) and q[0, 1] == 66740.0 and q[4, 1] == 166960.0
    close([t.salary for t in p.tiers], [76445.03049, 93936.40317, 111427.7758, 128919.1485], 1e-9)
    close([t.anchor_years for t in p.tiers], [1.4, 3.6, 7.2, 11.7], 1e-12)
    close([t.min_years for t in p.tiers], [0.0, 2.5, 5.4, 9.5], 1e-12)
    assert p.tiers[0].name == "Level I (entry)"
    assert p.market_mean == 114000.0 and p.peak_years == 30.0
    assert p.demand_growth == 0.0 and p.demand_years == 10.0
    assert has_note(p, "No Employment Projections table")
    assert has_note(p, "an assumed separation rate 0.100")
    m = careerlib.Model(p)
    close(m.market_mean(), 114000.0, 1e-9)
    assert m.market_fit().dist == "spline"
    # the copula band, its tiers under rho = 0.85; rho = 1 puts a level at
    # percentile q at the workforce's quantile q (oews_ref.py)
    assert p.band_shape == "copula" and careerlib.Profile.default().band_shape == "power"
    assert p.to_dict()["band"] == {"shape": "copula"}
    assert m.options["dispersion"] <= 1.0
    # rho is the profile's, and the calibration reports it beside the
    # sqrt(1 - d^2) of its fitted band; a guide has neither
    assert p.experience_correlation == 0.85
    assert p.to_dict()["workforce"] == {"experience_correlation": 0.85}
    c = m.calibration()
    assert c.experience_correlation == 0.85
    close(c.implied_correlation, (1.0 - c.dispersion ** 2) ** 0.5, 1e-15)
    c = careerlib.Model().calibration()
    assert c.experience_correlation is None and c.implied_correlation is None
    assert careerlib.Profile.default().experience_correlation is None
    one = careerlib.Table.open(ALL_CSV, experience_correlation=1).profile("15-1133")
    assert one.experience_correlation == 1.0
    close([t.anchor_years for t in one.tiers], [1.8, 4.0, 7.1, 10.9], 1e-12)
    with pytest.raises(careerlib.ArgumentError, match="experience_correlation"):
        careerlib.Table.open(ALL_CSV, experience_correlation=2)


def test_equal_percentiles_and_the_median(table):
    p = table.profile("35-3023", "99")
    assert p.quantiles[0, 1] == 17680.0
    close(p.quantiles[1, 1], 17680.0 * 1.002, 1e-15)
    close([t.salary for t in p.tiers], [17694.32308, 19605.03786, 21515.75265, 23426.46743], 1e-9)
    assert has_note(p, "2 published percentiles are equal ($17680, p = 0.10 to 0.25): a mass point")
    close(careerlib.Model(p).market_quantile(0.5), 20800.0, 1e-12)


def test_state_and_metro(table):
    p = table.profile("15-1031", "056")  # leading zeros
    assert p.region == "Wyoming" and p.area_code == "56"
    close([t.salary for t in p.tiers], [47328.20233, 52132.33643, 56936.47052, 61740.60462], 1e-9)
    p = table.profile("15-1051", "5600796")
    assert tuple(p.quantiles[4]) == (0.9, 208000.0)
    close([t.salary for t in p.tiers], [36601.8234, 47485.96312, 58370.10284, 69254.24256], 1e-9)
    assert has_note(p, "90th percentile is top-coded (#: at least $208000 a year)")
    assert has_note(p, "$76122 is +8.7 % from the published mean $70032")


def test_hourly_only():
    t = careerlib.Table.open(NAT11_CSV)
    assert len(t) == 1
    e = t[0]
    assert e.hourly_only is True and e.occ_title == "Actors" and e.row == 3
    p = t.profile("27-2011")
    assert p.period == "hour" and p.market_mean == 33.82
    close([x.salary for x in p.tiers], [9.964152492, 16.05565203, 22.14715157, 28.2386511], 1e-9)
    assert has_note(p, "Hourly-only") and "May 2011" in p.source


def test_profile_errors(table):
    with pytest.raises(careerlib.NotFoundError, match="99-9999"):
        table.profile("99-9999")
    with pytest.raises(careerlib.NotFoundError):
        table.profile("15-1133", area="01")
    with pytest.raises(ValueError, match="^occ: embedded null byte"):
        table.profile("15-1133\0")
    with pytest.raises(TypeError, match="^occ must be"):
        table.profile(None)
    with pytest.raises(TypeError, match="^template must be a careerlib.LadderTemplate"):
        table.profile("15-1133", template="oflc")
    with pytest.raises(TypeError, match="^ep must be a careerlib.EpTable"):
        table.profile("15-1133", ep=EP_CSV)


def test_open_errors(tmp_path):
    with pytest.raises(careerlib.FileError) as e:
        careerlib.Table.open(tmp_path / "missing.csv")
    assert "missing.csv" in str(e.value)
    with pytest.raises(careerlib.FileError):
        careerlib.Table.open(OEWS)  # a folder
    with open(ALL_CSV, encoding="utf-8") as f:
        lines = f.read().splitlines()
    bad = lines[1].replace('"66,740"', "oops")
    with pytest.raises(careerlib.ParseError) as e:
        careerlib.Table.from_bytes(("\n".join([lines[0], bad]) + "\n").encode(), "bad.csv")
    assert e.value.line == 2 and e.value.column > 0 and "A_PCT10" in str(e.value)
    assert e.value.source == "bad.csv"
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Table.open(ALL_CSV + "\0")


# ---- Employment Projections -----------------------------------------------------------

@pytest.mark.parametrize("path", [EP_CSV, EP_XLSX])
def test_ep_rows(path):
    with careerlib.EpTable.open(path) as ep:
        assert len(ep) == 5
        e = ep.find("15-1232")
        assert isinstance(e, careerlib.EpEntry)
        assert e.occ_title == "Computer user support specialists"
        close(e.growth, 0.089, 1e-12)
        assert (e.years, e.start_year, e.row) == (10.0, 2020, 5)
        close(e.separation_rate, 0.101, 1e-12)
        assert ep[0].occ_code == "11-3021"
        with pytest.raises(careerlib.NotFoundError, match="^find: occ = '99-9999'"):
            ep.find("99-9999")
        df = ep.entries(as_frame=True)
        assert list(df.columns) == list(careerlib.EpEntry._fields) and len(df) == 5


def test_ep_profile():
    t = careerlib.Table.open(ALL_XLSX)
    ep = careerlib.EpTable.open(EP_XLSX)
    p = t.profile("15-1133", ep=ep)
    close(p.demand_growth, 0.11, 1e-12)
    assert p.demand_years == 10.0
    close(p.separation_rate, 0.062, 1e-12)
    assert has_note(p, "Demand growth 11.0 % over 2020-2030")
    assert has_note(p, "Separation rate 6.2 %")
    p = t.profile("35-3023", ep=ep)
    assert p.demand_growth == 0.0 and p.separation_rate is None
    assert has_note(p, "No Employment Projections row for 35-3023")
    with open(EP_CSV, "rb") as f:
        assert careerlib.EpTable.from_bytes(f.read()).entries() == ep.entries()


# ---- ladder templates --------------------------------------------------------------

def test_templates(table):
    oflc_file = careerlib.LadderTemplate.load(os.path.join(LADDERS, "oflc.json"))
    builtin = careerlib.LadderTemplate.oflc()
    a = table.profile("15-1133")
    for tmpl in (oflc_file, builtin):
        b = table.profile("15-1133", template=tmpl)
        assert b.tiers == a.tiers  # the shipped file is the compiled-in template
    fixed = careerlib.LadderTemplate.load(pathlib.Path(LADDERS) / "oflc-fixed-years.json")
    p = table.profile("15-1133", template=fixed)
    assert p.tiers[3].anchor_years == 13.0 and p.tiers[2].min_years == 6.0
    assert p.peak_years is None and p.experience_correlation is None
    assert has_note(p, "over spans of 0-2, 3-5, 6-9 and 10+ years")
    close(a.tiers[1].salary, 93936.40317, 1e-9)
    assert has_note(a, "II and III a third and two thirds of the way")
    assert "oflc-fixed-years.json" in repr(fixed)


def test_template_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "career-ladder/1", "name": "x", "tiers": []}')
    with pytest.raises(careerlib.ParseError, match="tiers"):
        careerlib.LadderTemplate.load(bad)
    with pytest.raises(careerlib.FileError):
        careerlib.LadderTemplate.load(tmp_path / "none.json")
