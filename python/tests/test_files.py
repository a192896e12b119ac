"""replace_file (career_replace_begin / _commit / _abort) for the user's own
files, and the profile fields and model figures of 1.1: market_mean,
peak_years, Model.market_mean(), Model.resolve_projection()."""
import math
import os
import stat

import numpy as np
import pytest

import careerlib


# ---- replace_file ----------------------------------------------------------------

def test_writes_text_and_bytes(tmp_path):
    target = tmp_path / "out.csv"
    with careerlib.replace_file(target, newline="") as f:
        f.write("a,b\r\n1,2\r\n")
        assert not target.exists()  # nothing there until the block ends
    assert target.read_bytes() == b"a,b\r\n1,2\r\n"
    with careerlib.replace_file(os.fsencode(target), "wb") as f:
        f.write(b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    with careerlib.replace_file(str(target), encoding="latin-1") as f:
        f.write("caf\u00e9")
    assert target.read_bytes() == b"caf\xe9"
    assert os.listdir(tmp_path) == ["out.csv"]  # no temporary file left


def test_an_exception_leaves_the_old_file(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError, match="half way"):
        with careerlib.replace_file(target) as f:
            f.write("new, and then")
            raise RuntimeError("half way")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["keep.txt"]
    with pytest.raises(KeyboardInterrupt):
        with careerlib.replace_file(target) as f:
            raise KeyboardInterrupt
    assert target.read_text() == "old"


def test_a_name_for_writers_that_take_one(tmp_path):
    pd = pytest.importorskip("pandas")
    target = tmp_path / "rows.csv"
    rows = careerlib.Model().project(as_frame=True, horizon=3)
    with careerlib.replace_file(target, mode=None) as name:
        assert os.path.dirname(name) == str(tmp_path) and ".tmp-" in name
        rows.to_csv(name, index=False)
    back = pd.read_csv(target)
    np.testing.assert_allclose(back["salary"], rows["salary"], rtol=1e-15)


def test_mode_and_links_are_kept(tmp_path):
    target = tmp_path / "private.txt"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with careerlib.replace_file(link) as f:
        f.write("new")
    assert link.is_symlink() and target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_replace_file_errors(tmp_path):
    with pytest.raises(careerlib.FileError) as e:
        with careerlib.replace_file(tmp_path / "no" / "such" / "dir.txt"):
            pass
    assert "dir.txt" in str(e.value) and isinstance(e.value, OSError)
    with pytest.raises(ValueError, match="embedded null byte"):
        with careerlib.replace_file(str(tmp_path / "x") + "\0"):
            pass
    with pytest.raises(ValueError, match="^mode"):
        with careerlib.replace_file(tmp_path / "x", "a"):
            pass
    with pytest.raises(ValueError, match="binary"):
        with careerlib.replace_file(tmp_path / "x", "wb", encoding="utf-8"):
            pass
    assert os.listdir(tmp_path) == []


# ---- the profile's fields ----------------------------------------------------------

def test_profile_fields():
    p = careerlib.Profile.default()
    assert (p.region, p.source, p.demand_level) == ("US", "career guide", "high")
    assert (p.demand_growth, p.demand_years) == (0.1, 10.0)
    assert p.separation_rate is None and p.occ_code is None and p.area_code is None
    assert p.market_mean is None and p.peak_years is None
    d = p.to_dict()
    d["market"]["mean"] = 130000
    q = careerlib.Profile.from_dict(d)
    assert q.market_mean == 130000.0
    m = careerlib.Model(q)
    assert m.market_fit().dist == "spline"  # AUTO with a mean: the spline
    assert abs(m.market_mean() - 130000.0) <= 1e-9 * 130000


def test_market_mean_of_the_lognormal():
    m = careerlib.Model(dist="lognormal")
    fit = m.market_fit()
    want = math.exp(fit.mu + fit.sigma ** 2 / 2)
    assert abs(m.market_mean() - want) <= 1e-12 * want
    scaled = careerlib.Model(dist="lognormal", location_factor=2)
    assert abs(scaled.market_mean() - 2 * want) <= 1e-12 * want


def test_resolve_projection():
    m = careerlib.Model()
    o = m.resolve_projection()
    assert o["horizon"] == 10 and o["growth"] == 0.1 and o["growth_years"] == 10.0
    assert o["start_salary"] == 100500.0 and o["elasticity"] == 1.0
    o = m.resolve_projection(growth=0, growth_years=5, elasticity=0, horizon=3)
    assert (o["growth"], o["growth_years"], o["elasticity"], o["horizon"]) == (0.0, 5.0, 0.0, 3)
    with pytest.raises(careerlib.DomainError, match="^resolve_projection: start_years = -1"):
        m.resolve_projection(start_years=-1)
