"""Tests of careerlib: every public name, the reference values of the C
tests reached through Python, array shapes, errors, the library's discovery,
threads and the GIL."""
import inspect
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import careerlib
from careerlib import _core, _errors, _library
from careerlib._library import ffi

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(PYTHON_DIR)
PROFILES = os.path.join(ROOT, "examples", "profiles")
GUIDE = os.path.join(ROOT, "examples", "guides", "performance-architect.txt")


def close(a, b, rel):
    assert np.all(np.abs(np.asarray(a) - b) <= rel * np.abs(b)), (a, b)


@pytest.fixture(scope="module")
def model():
    return careerlib.Model()


# ---- the declarations -------------------------------------------------------

def test_cdef_is_fresh_against_the_header():
    """_cdef.py is what gen_cdef.py makes of include/career.h today."""
    header = os.path.join(ROOT, "include", "career.h")
    if not os.path.isfile(header):
        pytest.skip("not run from a checkout")
    r = subprocess.run([sys.executable, os.path.join(PYTHON_DIR, "gen_cdef.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_gen_cdef_check_sees_a_stale_file(tmp_path):
    stale = tmp_path / "_cdef.py"
    stale.write_text("CDEF = ''\n")
    r = subprocess.run([sys.executable, os.path.join(PYTHON_DIR, "gen_cdef.py"), "--check",
                        "--output", str(stale)], capture_output=True, text=True)
    assert r.returncode == 1 and "stale" in r.stderr


# ---- every public name --------------------------------------------------------

def test_every_public_name_exists_and_has_a_docstring():
    for name in careerlib.__all__:
        obj = getattr(careerlib, name)
        if isinstance(obj, (int, str)):
            continue
        assert inspect.getdoc(obj), name
    for cls in (careerlib.Model, careerlib.Profile):
        for name, member in vars(cls).items():
            if not name.startswith("_"):
                assert inspect.getdoc(member), f"{cls.__name__}.{name}"


def test_versions(model):
    assert careerlib.library_version().split(".")[0] == careerlib.__version__.split(".")[0]
    assert os.path.basename(careerlib.library_path()).startswith("libcareer.so.")
    assert careerlib.NEVER == -1 and careerlib.MAX_HORIZON == 100
    assert careerlib.SIM_NO_SHOCKS == 1 and careerlib.SIM_FIXED_PACE == 2


# ---- reference values (tests/test_curve.c, test_dist.c, test_calibrate.c,
# ---- test_project.c; docs/model.md §3-§8) -----------------------------------

def test_curve_reference(model):
    close(model.salary_at(2), 106727.0833, 1e-9)
    close(model.salary_at(7.5), 138550.3472, 1e-9)
    close(model.salary_at([0, 5, 12, 20]), np.array([100500, 125000, 154708, 160000]), 1e-9)


def test_market_reference(model):
    close(model.market_quantile(0.25), 106880.97, 1e-7)
    fit = model.market_fit()
    assert fit.dist == "metalog" and fit.nterms == 3
    close(fit.a, np.array([11.7360690163, 0.1309297536, -0.0464472259]), 1e-9)
    lognormal = careerlib.Model(dist="lognormal").market_fit()
    close(lognormal.mu, 11.70885435, 1e-9)
    close(lognormal.sigma, 0.22447951, 1e-7)


def test_market_percentile_at_the_market_spread():
    market = careerlib.Model(dispersion="market")
    close(market.market_percentile(149500), 0.8241360, 1e-6)
    assert market.options["dispersion"] == 1.0


def test_calibration_reference(model):
    c = model.calibration()
    close(c.dispersion, 0.636985559049159, 1e-6)
    close(c.separation_rate, 0.136127856820926, 1e-6)
    close(c.decay, 0.145704439597813, 1e-6)
    close(c.mean_years, 6.79919243778421, 1e-6)
    assert c.work_years == 45.0 and c.separation_source == "fitted"
    close(c.quantiles, np.array([[0.1, 90000], [0.5, 125000], [0.9, 160000]]), 0)
    close(c.mixture_p, np.array([0.078, 0.525, 0.864]), 1e-2)
    close(model.mixture_percentile(c.quantiles[:, 1]), c.mixture_p, 1e-8)
    close(model.quantile_at(15, [0.10, 0.90]),
          np.array([129790.481363975, 187245.411978931]), 1e-6)


def test_projection_reference(model):
    rows = model.project(start_years=0, horizon=10)
    assert rows.shape == (11,) and list(rows["year"]) == list(range(11))
    close(rows["salary"][5], 131101.106, 1e-8)
    close(rows["salary"][10], 164450, 1e-9)
    close(rows["cumulative"][10], 1440848.52, 1e-8)
    close(rows["market_percentile"][10], 0.824136, 1e-6)
    assert rows.dtype.names[:8] == ("year", "years", "tier", "salary", "real_salary",
                                    "market_percentile", "cumulative", "present_value")


def test_annual_rate_and_periods():
    close(careerlib.annual_rate(0.10, 10), 0.009576583, 1e-6)
    close(careerlib.convert_period(208000, "year", "hour"), 100.0, 1e-12)
    close(careerlib.convert_period([120000, 60000], "annual", "month"),
          np.array([10000, 5000]), 1e-12)
    close(careerlib.convert_period(50, "hour", "year", hours_per_week=20), 52000, 1e-12)
    with pytest.raises(careerlib.NotFoundError):
        careerlib.convert_period(1, "fortnight", "year")


# ---- the other queries ----------------------------------------------------------

def test_ladder(model):
    tiers = model.tiers
    assert [t.min_years for t in tiers] == [0, 3, 8, 12]
    assert tiers[3].salary == 160000
    assert model.tier_at(7.99) == 2 - 1 and model.tier_at(8) == 2
    assert model.tier_at([0, 3, 12, 40]).tolist() == [0, 1, 3, 3]
    idx, until = model.next_tier(2)
    assert idx == 1 and until == 1.0
    idx, until = model.next_tier([0, 9])
    assert idx.tolist() == [1, 3] and until.tolist() == [3.0, 3.0]
    close(model.tier_progress(1.5), 0.5, 1e-12)
    with pytest.raises(careerlib.NotFoundError):
        model.next_tier(13)


def test_band_queries(model):
    s = model.quantile_at(7.5, 0.5)
    close(s, 138550.3472, 1e-9)
    close(model.percentile_at(7.5, s), 0.5, 1e-9)
    close(model.compa_ratio(7.5, 2 * s), 2.0, 1e-12)
    p10, p90 = model.quantile_at(7.5, [0.1, 0.9])
    close(model.range_penetration(7.5, [p10, p90]), np.array([0.0, 1.0]), 1e-9)
    close(model.years_to_salary(125000), 5.0, 1e-9)
    assert model.salary_growth_rate(20) == 0.0
    assert model.salary_growth_rate(5) > 0


def test_percentile_at_broadcasts(model):
    s = model.quantile_at([[1.0], [10.0]], [0.1, 0.5, 0.9])
    assert s.shape == (2, 3)
    close(model.percentile_at([[1.0], [10.0]], s), np.array([0.1, 0.5, 0.9]), 1e-9)


def test_options_by_name():
    m = careerlib.Model(interp="linear", extrap="extend", location_factor=1.25)
    assert m.options["interp"] == "linear" and m.options["extrap"] == "extend"
    close(m.salary_at(5), 125000 * 1.25, 1e-12)
    assert m.tiers[1].salary == 125000 * 1.25
    assert m.profile.tiers[1].salary == 125000  # the profile as given
    close(careerlib.Model(interp="mincer").salary_at(5), 125000, 0.05)
    assert careerlib.Model(dispersion=0.5).calibration().dispersion == 0.5
    with pytest.raises(careerlib.ArgumentError, match="interp"):
        careerlib.Model(interp="quadratic")
    with pytest.raises(TypeError, match="colour"):
        careerlib.Model(colour="blue")
    with pytest.raises(TypeError, match="Profile"):
        careerlib.Model({"role": "x"})
    with pytest.raises(careerlib.ArgumentError):
        careerlib.Model(location_factor=-1)


def test_model_is_immutable(model):
    with pytest.raises(AttributeError):
        model.extra = 1
    with pytest.raises(AttributeError):
        del model._ptr


# ---- array shapes -------------------------------------------------------------------

def test_scalar_and_0d(model):
    for x in (2, 2.0, np.float64(2.0), np.array(2.0), np.int32(2)):
        r = model.salary_at(x)
        assert isinstance(r, np.float64) and np.shape(r) == ()
        close(r, 106727.0833, 1e-9)
    assert isinstance(model.tier_at(5), np.integer)


def test_1d_2d_empty(model):
    y = np.array([[0.0, 2.0], [5.0, 7.5]])
    r = model.salary_at(y)
    assert r.shape == (2, 2)
    close(r, np.array([[100500, 106727.0833], [125000, 138550.3472]]), 1e-9)
    assert model.salary_at([]).shape == (0,)
    assert model.salary_at(np.empty((3, 0))).shape == (3, 0)
    assert model.market_percentile(np.empty((0, 2))).shape == (0, 2)
    assert model.percentile_at([], []).shape == (0,)
    assert model.quantile_at(y, 0.5).shape == (2, 2)


def test_non_contiguous_and_int_input(model):
    base = np.arange(20, dtype=np.float64).reshape(4, 5)
    view = base[:, ::2]
    assert not view.flags.c_contiguous
    close(model.salary_at(view), model.salary_at(np.ascontiguousarray(view)), 0)
    assert model.salary_at(view).shape == (4, 3)
    ints = np.arange(10)
    close(model.salary_at(ints), model.salary_at(ints.astype(float)), 0)
    close(model.salary_at([0, 5]), np.array([100500.0, 125000.0]), 0)
    big_endian = np.array([2.0, 7.5], dtype=">f8")
    close(model.salary_at(big_endian), np.array([106727.0833, 138550.3472]), 1e-9)


def test_contiguous_float64_is_not_copied():
    a = np.linspace(0, 20, 1000)
    assert _core._as_doubles(a) is a
    assert int(ffi.cast("uintptr_t", _core._buffer(a))) == a.ctypes.data
    ro = np.linspace(0, 20, 10)
    ro.flags.writeable = False
    assert _core._as_doubles(ro) is ro


def test_out_parameter(model):
    y = np.linspace(0, 20, 100)
    out = np.empty_like(y)
    assert model.salary_at(y, out=out) is out
    close(out, model.salary_at(y), 0)
    with pytest.raises(TypeError):
        model.salary_at(y, out=np.empty(3))


@pytest.mark.parametrize("bad, index", [(np.nan, "[2]"), (np.inf, "[2]"), (-1.0, "[2]")])
def test_bad_value_inside_an_array_names_its_index(model, bad, index):
    y = np.array([1.0, 2.0, bad, 4.0, np.nan])
    with pytest.raises(careerlib.CareerError, match=r"years\[2\] = "):
        model.salary_at(y)
    with pytest.raises(careerlib.CareerError, match=r"years\[2\] = "):
        model.tier_at(y)


def test_nan_in_2d_names_the_index(model):
    y = np.zeros((3, 4))
    y[1, 2] = np.nan
    with pytest.raises(careerlib.ArgumentError, match=r"years\[1, 2\] = nan"):
        model.salary_at(y)
    s = np.full((3, 4), 120000.0)
    with pytest.raises(careerlib.ArgumentError, match=r"years\[1, 2\] = nan"):
        model.percentile_at(y, s)
    with pytest.raises(careerlib.ArgumentError, match=r"p\[1, 2\] = nan"):
        model.quantile_at(5, np.where(np.isnan(y), np.nan, 0.5))
    y = np.arange(1000, dtype=float)
    y[999] = np.nan
    with pytest.raises(careerlib.ArgumentError, match=r"years\[999\]"):
        model.salary_at(y)
    with pytest.raises(careerlib.ArgumentError, match=r"^salary_at: years = nan"):
        model.salary_at(np.nan)


# ---- errors -----------------------------------------------------------------------

def test_every_status_has_its_class():
    names = ffi.typeof("career_status").elements
    for number, name in names.items():
        cls = _errors.class_for(number, names)
        if name == "CAREER_OK":
            continue
        assert issubclass(cls, careerlib.CareerError)
        assert cls is not careerlib.CareerError, name
        assert cls.status == number, name
    assert _errors.class_for(999, names) is careerlib.CareerError


def test_error_mapping(model, tmp_path):
    with pytest.raises(careerlib.DomainError) as e:
        model.salary_at(-1.0)
    assert e.value.status == 2 and "out of domain" in str(e.value)
    with pytest.raises(careerlib.DomainError):
        model.market_quantile(1.5)
    with pytest.raises(careerlib.DomainError):
        model.years_to_salary(1e9)
    with pytest.raises(careerlib.FitError) as e:
        careerlib.Model(interp="akima")
    assert e.value.status == 3 and "akima" in e.value.message
    with pytest.raises(careerlib.FileError) as e:
        careerlib.Profile.load(tmp_path / "missing.json")
    assert e.value.status == 5 and isinstance(e.value, OSError)
    with pytest.raises(careerlib.CareerError):
        careerlib.Model().project(horizon=1000)


def test_parse_error_has_source_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "career-profile/1",\n  "role": ,\n}\n')
    with pytest.raises(careerlib.ParseError) as e:
        careerlib.Profile.load(bad)
    err = e.value
    assert err.status == 4 and err.source.endswith("bad.json")
    assert err.line == 3 and err.column > 0
    assert str(err).startswith(f"{err.source}:3:")
    with pytest.raises(careerlib.ParseError) as e:
        careerlib.Profile.from_json('{"format": 1')
    assert e.value.source == "<string>" and e.value.line == 1
    d = careerlib.Profile.default().to_dict()
    d["tiers"][2]["min_years"] = 1
    with pytest.raises(careerlib.ParseError, match=r"tiers\[2\]\.min_years"):
        careerlib.Profile.from_dict(d)
    with pytest.raises(careerlib.ParseError):
        careerlib.Profile.from_guide("not a guide")


def test_role_errors(tmp_path):
    both = tmp_path / "two.json"
    a = careerlib.Profile.default().to_dict()
    b = dict(a, role="Other Role")
    careerlib.Profile.from_dict([a, b], role="other role").save(tmp_path / "one.json")
    import json
    both.write_text(json.dumps([a, b]))
    assert careerlib.Profile.roles(both) == ["Performance Architect", "Other Role"]
    assert careerlib.Profile.load(both, role="Other Role").role == "Other Role"
    with pytest.raises(careerlib.NotFoundError) as e:
        careerlib.Profile.load(both, role="Astronaut")
    assert e.value.status == 7 and isinstance(e.value, LookupError)
    with pytest.raises(careerlib.ArgumentError):
        careerlib.Profile.load(both)


# ---- profiles -----------------------------------------------------------------------

def test_profiles_round_trip(model, tmp_path):
    p = careerlib.Profile.default()
    assert p.role == "Performance Architect" and p.currency == "USD" and p.period == "year"
    assert len(p.tiers) == 4 and p.quantiles.shape == (3, 2)
    d = p.to_dict()
    assert d["format"] == "career-profile/1"
    q = careerlib.Profile.from_dict(d)
    assert q.to_dict() == d
    close(careerlib.Model(q).salary_at([2, 7.5]), model.salary_at([2, 7.5]), 0)
    p.save(tmp_path / "p.json")
    assert careerlib.Profile.load(tmp_path / "p.json").to_json() == p.to_json()
    shipped = careerlib.Profile.load(os.path.join(PROFILES, "performance-architect.json"))
    close(careerlib.Model(shipped).salary_at(7.5), 138550.3472, 1e-9)
    assert repr(p) == "<careerlib.Profile 'Performance Architect'>"
    assert model.profile.role == p.role


def test_profile_from_guide(model):
    with open(GUIDE, encoding="utf-8") as f:
        text = f.read()
    g = careerlib.Profile.from_guide(text)
    assert g.role == "Performance Architect" and g.notes
    close(careerlib.Model(g).salary_at(7.5), model.salary_at(7.5), 1e-12)
    assert careerlib.Profile.from_guide(text.encode()).role == g.role


def test_every_shipped_profile_builds():
    for name in sorted(os.listdir(PROFILES)):
        if name.endswith(".schema.json"):  # the profiles' JSON Schema
            continue
        path = os.path.join(PROFILES, name)
        for role in careerlib.Profile.roles(path):
            m = careerlib.Model(careerlib.Profile.load(path, role=role))
            assert m.salary_at(5) > 0


# ---- projections and the Monte Carlo -----------------------------------------------

def test_projection_helpers(model):
    rows = model.project(horizon=20, inflation=0.02, discount=0.03)
    assert len(rows) == 21
    assert rows["present_value"][20] < rows["cumulative"][20]
    years = careerlib.tier_years(rows, 4)
    assert years == [0, 3, 8, 12]
    plain = model.project(horizon=10)
    assert careerlib.target_year(plain, 150000) == 8  # 145,342 in year 7, 152,209 in 8
    assert careerlib.target_year(rows, 1e9) == careerlib.NEVER
    assert len(model.project()) == 11  # the library's default horizon


def test_scenarios(model):
    s = model.project_scenarios(horizon=5)
    assert s.shape == (3, 6)
    assert np.all(s["salary"][0, 1:] < s["salary"][1, 1:])
    assert np.all(s["salary"][1, 1:] < s["salary"][2, 1:])
    close(s["salary"][1], model.project(horizon=5)["salary"], 1e-12)
    with pytest.raises(careerlib.ArgumentError):
        model.project_scenarios(growth=[0.1, 0.2])


def test_simulate(model):
    a = model.simulate(paths=5000, seed=7, horizon=15)
    b = model.simulate(paths=5000, seed=7, horizon=15, threads=2)
    assert a.shape == (16,) and a.dtype.names == ("year", "mean", "p10", "p25", "p50",
                                                   "p75", "p90")
    assert np.array_equal(a, b)  # the same seed whatever the thread count
    assert np.all(a["p10"] <= a["p50"]) and np.all(a["p50"] <= a["p90"])
    sim = model.simulate(paths=2000, seed=1, tier_share=True)
    assert isinstance(sim, careerlib.Simulation)
    assert sim.tier_share.shape == (11, 4)
    assert np.all(sim.tier_share[:, 0] == 1.0)
    flat = model.simulate(paths=100, seed=1, flags=careerlib.SIM_NO_SHOCKS | careerlib.SIM_FIXED_PACE)
    close(flat["p10"], flat["p90"], 1e-12)
    with pytest.raises(careerlib.DomainError):
        model.simulate(paths=100, volatility=-1)


def test_simulate_progress_and_cancel(model):
    seen = []
    model.simulate(paths=1000, seed=3, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(careerlib.CancelledError) as e:
        model.simulate(paths=1000, progress=lambda done: done > 0.3)
    assert e.value.status == 9

    def boom(done):
        raise RuntimeError("from the callback")
    with pytest.raises(RuntimeError, match="from the callback"):
        model.simulate(paths=1000, progress=boom)


def test_keyboard_interrupt_cancels_the_run(model):
    """Ctrl-C during a run: the C run is cancelled, then KeyboardInterrupt
    propagates; the model works on."""
    calls = []

    def interrupt(done):
        calls.append(done)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        model.simulate(paths=20000, horizon=40, progress=interrupt)
    assert calls[-1] < 1.0
    assert model.simulate(paths=100, seed=1)["year"][-1] == 10


def test_frames(model):
    pd = pytest.importorskip("pandas")
    f = model.project(as_frame=True, horizon=10)
    assert isinstance(f, pd.DataFrame) and len(f) == 11
    close(f["cumulative"].iloc[10], 1440848.52, 1e-8)
    assert careerlib.tier_years(f, 4) == [0, 3, 8, careerlib.NEVER]
    s = model.project_scenarios(as_frame=True, horizon=3)
    assert list(s["scenario"].unique()) == ["low", "base", "high"] and len(s) == 12
    sim = model.simulate(paths=500, seed=2, tier_share=True, as_frame=True)
    assert list(sim.bands.columns) == ["year", "mean", "p10", "p25", "p50", "p75", "p90"]
    assert list(sim.tier_share.columns)[0] == "Junior Performance Engineer"


def test_frames_without_pandas(model, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pandas"):
        model.project(as_frame=True)


# ---- finding the library --------------------------------------------------------------

def _run(code, **env):
    e = dict(os.environ, **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=e, cwd=PYTHON_DIR)


def test_career_library_file_and_folder():
    path = careerlib.library_path()
    code = "import careerlib; careerlib.Model(); print(careerlib.library_path())"
    for value in (path, os.path.dirname(path)):
        r = _run(code, CAREER_LIBRARY=value)
        assert r.returncode == 0, r.stderr
        assert os.path.dirname(r.stdout.strip()) == os.path.dirname(path)


def test_library_not_found_names_what_was_tried(tmp_path):
    r = _run("import careerlib; careerlib.Model()", CAREER_LIBRARY=str(tmp_path))
    assert r.returncode != 0
    assert "LibraryNotFoundError" in r.stderr and str(tmp_path) in r.stderr
    assert "CAREER_LIBRARY" in r.stderr
    r = _run("import careerlib; careerlib.Model()",
             CAREER_LIBRARY=str(tmp_path / "libcareer.so.0"))
    assert "LibraryNotFoundError" in r.stderr and "libcareer.so.0" in r.stderr


def test_candidates_order(monkeypatch):
    monkeypatch.delenv("CAREER_LIBRARY", raising=False)
    hows = [how for how, _ in _library.candidates()]
    assert hows[0] == "build folder" and hows[-1] == "system loader"
    assert hows.index("system loader") > hows.index("build folder")


def test_a_folder_offers_the_soname_first(tmp_path, monkeypatch):
    for name in ("libcareer.so.1.0.0", "libcareer.so.0", "libcareer.so.1", "libcareer.so"):
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(_library, "SONAME", "libcareer.so.1")
    found = [os.path.basename(p) for p in _library._in_folder(str(tmp_path))]
    assert found[0] == "libcareer.so.1" and "libcareer.so" not in found
    assert set(found) == {"libcareer.so.0", "libcareer.so.1", "libcareer.so.1.0.0"}


def test_another_major_version_is_refused(monkeypatch):
    lib = _library.load()
    monkeypatch.setattr(_library, "MAJOR", 99)
    with pytest.raises(careerlib.LibraryNotFoundError, match="regenerate"):
        _library._check_version(lib, "libcareer.so.x")


def test_import_does_not_need_the_library():
    r = _run("import careerlib; print(careerlib.__version__)",
             CAREER_LIBRARY="/nonexistent/libcareer.so.0")
    assert r.returncode == 0 and r.stdout.strip() == careerlib.__version__


# ---- threads and the GIL --------------------------------------------------------------

def test_threads_share_a_model(model):
    y = np.linspace(0, 30, 100000)
    want = model.salary_at(y)
    results = [None] * 4

    def work(i):
        results[i] = model.salary_at(y)
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        assert np.array_equal(r, want)


def _longest_pause(call):
    """Runs call() in a thread while this thread ticks in Python; returns
    (how long the call took, the longest pause between ticks during it)."""
    span = {}

    def run():
        span["start"] = time.perf_counter()
        call()
        span["end"] = time.perf_counter()
    t = threading.Thread(target=run)
    ticks = []
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    t.join()
    inside = [x for x in ticks if span["start"] <= x <= span["end"]]
    edges = [span["start"]] + inside + [span["end"]]
    return span["end"] - span["start"], max(b - a for a, b in zip(edges, edges[1:]))


def test_calls_release_the_gil(model):
    """While one thread is inside a long C call (career_percentile_at_n,
    about 0.3 s), the main thread keeps running Python: its longest pause
    stays a small part of the call. The same probe on the same function
    called through ctypes.PyDLL, which keeps the GIL, sees the main thread
    stop for most of the call: the probe can tell the two apart."""
    import ctypes
    n = 2_000_000
    y = np.linspace(0, 30, n)
    s = np.linspace(80000, 200000, n)
    duration, pause = _longest_pause(lambda: model.percentile_at(y, s))
    assert duration > 0.05
    assert pause < duration / 2, (pause, duration)

    held = ctypes.PyDLL(careerlib.library_path()).career_percentile_at_n
    held.argtypes = [ctypes.c_void_p] * 4 + [ctypes.c_size_t]
    out = np.empty(n)
    ptr = int(ffi.cast("uintptr_t", model._ptr))
    duration, pause = _longest_pause(
        lambda: held(ptr, y.ctypes.data, s.ctypes.data, out.ctypes.data, n))
    assert pause > duration / 2, (pause, duration)


# ---- packaging ---------------------------------------------------------------------------

# test_edges.py runs the README's install command, offline.


# ---- the example -----------------------------------------------------------------------

def test_example_runs(tmp_path):
    r = subprocess.run([sys.executable, os.path.join(PYTHON_DIR, "examples", "explore.py"),
                        "--out", str(tmp_path / "curve.png")],
                       capture_output=True, text=True, cwd=PYTHON_DIR,
                       env=dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=PYTHON_DIR))
    assert r.returncode == 0, r.stderr
    assert "Performance Architect" in r.stdout and "164,450" in r.stdout
