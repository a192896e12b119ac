"""The edges a Python user meets first: NUL bytes,
bytes and paths, numpy scalars, integers where C takes one, horizon 0,
enums, None, error messages that name the argument, the 16 MiB cap, and
the install command of the README."""
import os
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest

import careerlib

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(PYTHON_DIR)
PROFILE = os.path.join(ROOT, "examples", "profiles", "performance-architect.json")
GUIDE = os.path.join(ROOT, "examples", "guides", "performance-architect.txt")


@pytest.fixture(scope="module")
def model():
    return careerlib.Model()


@pytest.fixture(scope="module")
def valid_json():
    return careerlib.Profile.default().to_json()


# ---- NUL bytes: refused as Python's own open() refuses them -------------------

def test_nul_in_a_path_is_refused_not_cut(tmp_path):
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Profile.load("/etc/passwd\0.json")
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Profile.load(b"/etc/passwd\0.json")
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Profile.roles("/etc/passwd\0.json")
    target = tmp_path / "p.json"
    with pytest.raises(ValueError, match="^path: embedded null byte"):
        careerlib.Profile.default().save(str(target) + "\0.bak")
    assert not target.exists()
    with pytest.raises(ValueError):  # Python's own rule, for comparison
        open("/etc/passwd\0.json")


def test_nul_in_text_is_refused(valid_json):
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Profile.from_json(valid_json + "\0garbage")
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Profile.from_json((valid_json + "\0garbage").encode())
    with open(GUIDE, encoding="utf-8") as f:
        guide = f.read()
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.Profile.from_guide(guide + "\0")
    with pytest.raises(ValueError, match="^role: embedded null byte"):
        careerlib.Profile.load(PROFILE, role="Performance\0Architect")
    with pytest.raises(ValueError, match="embedded null byte"):
        careerlib.convert_period(1, "year\0", "hour")


# ---- bytes and os.PathLike where a path or text is -----------------------------

def test_paths_as_str_bytes_and_pathlike(tmp_path, valid_json):
    want = careerlib.Profile.load(PROFILE).to_json()
    for p in (PROFILE, os.fsencode(PROFILE), pathlib.Path(PROFILE)):
        assert careerlib.Profile.load(p).to_json() == want
        assert careerlib.Profile.roles(p) == ["Performance Architect"]
    careerlib.Profile.default().save(tmp_path / "a.json")
    careerlib.Profile.default().save(os.fsencode(tmp_path / "b.json"))
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    with pytest.raises(TypeError, match="path must be a str, bytes or os.PathLike"):
        careerlib.Profile.load(123)


def test_text_as_str_or_bytes(valid_json):
    role = "Performance Architect"
    for t in (valid_json, valid_json.encode(), bytearray(valid_json.encode()),
              memoryview(valid_json.encode())):
        assert careerlib.Profile.from_json(t).role == role
    assert careerlib.Profile.load(PROFILE, role=role.encode()).role == role
    with open(GUIDE, "rb") as f:
        assert careerlib.Profile.from_guide(f.read()).role == role
    with pytest.raises(TypeError, match="text must be a str or bytes"):
        careerlib.Profile.from_json({"role": "x"})
    with pytest.raises(TypeError, match="^role must be a str, bytes or None, not int"):
        careerlib.Profile.load(PROFILE, role=123)


# ---- numpy scalars wherever a Python number goes --------------------------------

def test_from_dict_takes_numpy_numbers():
    d = careerlib.Profile.default().to_dict()
    want = careerlib.Profile.from_dict(d).to_json()
    d["tiers"][1]["min_years"] = np.int64(d["tiers"][1]["min_years"])
    d["tiers"][1]["salary"] = np.float64(d["tiers"][1]["salary"])
    d["tiers"][2]["anchor_years"] = np.float32(d["tiers"][2]["anchor_years"])
    d["market"]["quantiles"] = np.array(d["market"]["quantiles"])  # (3, 2) floats
    d["demand"]["years"] = np.uint8(d["demand"]["years"])
    assert careerlib.Profile.from_dict(d).to_json() == want
    with pytest.raises(TypeError, match="^d: .*set"):
        careerlib.Profile.from_dict({"role": {1, 2}})


def test_numpy_scalars_as_options_and_arguments(model):
    m = careerlib.Model(location_factor=np.float64(1.25), interp=np.int64(2))
    assert m.options["interp"] == "linear"
    rows = model.project(horizon=np.int64(5), start_years=np.float32(2),
                         inflation=np.float64(0.02))
    assert len(rows) == 6
    sim = model.simulate(paths=np.int32(200), seed=np.uint64(3), horizon=np.int16(4))
    assert len(sim) == 5
    assert careerlib.tier_years(rows, np.int64(4))[0] == 0
    assert careerlib.target_year(rows, np.float64(1e9)) == careerlib.NEVER
    assert careerlib.convert_period(np.float64(208000), "year", "hour",
                                    hours_per_week=np.int64(40)) == 100.0
    assert model.salary_at(np.array(2.0)) == model.salary_at(2)
    assert model.tier_at(np.float32(8)) == 2


# ---- integers where C takes an integer ---------------------------------------------

@pytest.mark.parametrize("options", [dict(horizon=1.5), dict(horizon=10.0),
                                     dict(horizon="10"), dict(horizon=True),
                                     dict(horizon=[10])])
def test_horizon_must_be_an_integer(model, options):
    with pytest.raises(TypeError, match="^horizon must be an integer"):
        model.project(**options)
    with pytest.raises(TypeError, match="^horizon must be an integer"):
        model.simulate(paths=100, **options)


@pytest.mark.parametrize("name, value", [("paths", 1.5), ("paths", "100"),
                                         ("seed", 2.0), ("threads", 1.5),
                                         ("flags", 1.0)])
def test_simulation_integers(model, name, value):
    with pytest.raises(TypeError, match=f"^{name} must be an integer"):
        model.simulate(**{name: value})


def test_integers_out_of_range_name_the_field(model):
    with pytest.raises(careerlib.ArgumentError, match="^paths: -1 is out of range") as e:
        model.simulate(paths=-1)
    assert isinstance(e.value, ValueError)
    with pytest.raises(TypeError, match="^ntiers must be an integer"):
        careerlib.tier_years(model.project(), 2.5)


def test_numbers_are_not_strings(model):
    with pytest.raises(TypeError, match="^location_factor must be a number, not '2'"):
        careerlib.Model(location_factor="2")
    with pytest.raises(TypeError, match="^inflation must be a number"):
        model.project(inflation="0.02")
    with pytest.raises(TypeError, match="^target must be a number"):
        careerlib.target_year(model.project(), "150000")


# ---- horizon 0 is never 10 ----------------------------------------------------------

def test_horizon_zero_is_an_error_not_ten(model):
    for call in (model.project, model.project_scenarios,
                 lambda **o: model.simulate(paths=100, **o)):
        with pytest.raises(careerlib.ArgumentError, match=r"^horizon: must be 1 to 100 years \(got 0\)"):
            call(horizon=0)
    assert len(model.project(horizon=1)) == 2
    assert len(model.project()) == 11  # None: the library's default


def test_zero_growth_and_elasticity_are_used_as_given(model):
    """C reads growth 0 and elasticity 0 as "the default" unless a flag says
    otherwise: in Python a value given is the value used."""
    base = model.project(horizon=10)["salary"]
    flat = model.project(horizon=10, growth=0, growth_years=10)["salary"]
    deaf = model.project(horizon=10, elasticity=0)["salary"]
    assert flat[10] < base[10]
    np.testing.assert_array_equal(flat, deaf)  # no demand, or wages that ignore it
    np.testing.assert_array_equal(model.salary_at(np.arange(11.0)), flat)


# ---- enums: names, the module's constants, their numbers ----------------------------

def test_enums_take_names_constants_and_their_numbers():
    assert careerlib.Interp.CSPLINE == 3  # career.h: CAREER_INTERP_CSPLINE = 3
    by_name = careerlib.Model(interp="cspline")
    for value in ("cspline", "CSPLINE", careerlib.Interp.CSPLINE, 3, np.int8(3)):
        m = careerlib.Model(interp=value)
        assert m.options["interp"] == "cspline"
        assert m.salary_at(6.5) == by_name.salary_at(6.5)
    assert careerlib.Model(dist=careerlib.Dist.SPLINE).market_fit().dist == "spline"
    assert careerlib.Model(extrap="extend").options["extrap"] == "extend"
    assert [p.name for p in careerlib.Period] == ["YEAR", "MONTH", "HOUR"]
    assert careerlib.convert_period(12, careerlib.Period.MONTH, 0) == 144.0  # 0: YEAR


@pytest.mark.parametrize("value", [6, -1, 99])
def test_enum_numbers_the_header_does_not_define(value):
    with pytest.raises(careerlib.ArgumentError, match=rf"^interp: {value} is not one of 0 \(auto\)") as e:
        careerlib.Model(interp=value)
    assert isinstance(e.value, ValueError)
    with pytest.raises(ValueError, match="^from_period"):
        careerlib.convert_period(1, value, "year")


def test_enum_of_another_kind_or_a_float():
    with pytest.raises(TypeError, match="interp must be a careerlib.Interp"):
        careerlib.Model(interp=careerlib.Dist.SPLINE)
    with pytest.raises(TypeError, match="^interp must be an integer"):
        careerlib.Model(interp=3.0)
    with pytest.raises(careerlib.ArgumentError, match="^dist: 'normal' is not one of auto, "
                                                      "metalog, lognormal, spline"):
        careerlib.Model(dist="normal")


# ---- None and other non-numbers in a query ---------------------------------------

def test_none_is_a_type_error_not_nan(model):
    with pytest.raises(TypeError, match="^years must be a number or an array of numbers, not None"):
        model.salary_at(None)
    with pytest.raises(TypeError, match="^salary must be"):
        model.percentile_at(5, None)
    with pytest.raises(TypeError, match=r"^years\[1\] must be a number, not None"):
        model.salary_at([1.0, None])
    with pytest.raises(TypeError, match="^years must be"):
        model.salary_at("5")
    with pytest.raises(TypeError, match="^years must be numbers, not an array of bool"):
        model.salary_at([True, False])
    with pytest.raises(TypeError, match="^p must be"):
        model.market_quantile(None)


# ---- every error names the argument --------------------------------------------

def test_errors_name_the_argument(model):
    with pytest.raises(careerlib.ArgumentError, match="^horizon: .*got 101"):
        model.project(horizon=101)
    with pytest.raises(careerlib.ArgumentError, match="^growth: 1e\\+300 needs growth_years"):
        model.project(growth=1e300)
    with pytest.raises(careerlib.ArgumentError, match="^growth_years: 5 needs a growth"):
        model.project(growth_years=5)
    with pytest.raises(careerlib.DomainError,
                       match=r"^project: growth = 1e\+300, growth_years = 1e-300"):
        model.project(growth=1e300, growth_years=1e-300)
    with pytest.raises(careerlib.DomainError, match="^project: inflation = -2"):
        model.project(horizon=5, inflation=-2, discount=0.03)
    with pytest.raises(careerlib.DomainError, match="^project_scenarios: start_years = -1"):
        model.project_scenarios(start_years=-1)
    with pytest.raises(careerlib.DomainError, match=r"^project_scenarios: growth = \[-2"):
        model.project_scenarios(growth=[-2, 0, 0.1], growth_years=10)
    with pytest.raises(careerlib.DomainError, match="^simulate: volatility = -1"):
        model.simulate(paths=100, volatility=-1, seed=3)
    with pytest.raises(careerlib.DomainError, match="^convert_period: hours_per_week = -5"):
        careerlib.convert_period(1, "year", "hour", hours_per_week=-5)
    with pytest.raises(careerlib.CareerError, match="^convert_period: weeks_per_year = -1"):
        careerlib.convert_period(1, "year", "hour", weeks_per_year=-1, hours_per_week=40)
    with pytest.raises(careerlib.ArgumentError, match="location_factor"):
        careerlib.Model(location_factor=-1)
    with pytest.raises(careerlib.NotFoundError, match="^from_period: 'fortnight'"):
        careerlib.convert_period(1, "fortnight", "year")


# ---- the library's 16 MiB cap on a text ------------------------------------------

def test_from_guide_keeps_the_16_mib_cap():
    cap = 16 << 20
    with pytest.raises(careerlib.ParseError, match="^text: 16,777,217 bytes, over the 16 MiB"):
        careerlib.Profile.from_guide(b" " * (cap + 1))
    with pytest.raises(careerlib.ParseError, match="16 MiB"):  # the library's own message
        careerlib.Profile.from_json(b" " * (cap + 1))


# ---- the install command of the README -------------------------------------------

def _readme_install_line():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    lines = [ln for ln in text.splitlines() if "-m venv" in ln and "pip install ./python" in ln]
    assert len(lines) == 1, lines
    return lines[0]


def test_readme_names_debians_python_and_gitignore_has_env():
    assert _readme_install_line().startswith("/usr/bin/python3 -m venv --system-site-packages env")
    with open(os.path.join(ROOT, ".gitignore"), encoding="utf-8") as f:
        assert "env/" in f.read().split()
    r = subprocess.run(["git", "-C", ROOT, "check-ignore", "-q", "env/bin/python"])
    if r.returncode in (0, 1):  # 128: not a git checkout
        assert r.returncode == 0


def test_readme_install_works_with_another_python3_first_on_path(tmp_path):
    """The README's command, as written, with a python3 first on PATH that
    is not Debian's (one without numpy and cffi, as pyenv's was): it still
    installs, offline, into a venv that works from elsewhere."""
    if not os.access("/usr/bin/python3", os.X_OK):
        pytest.skip("no /usr/bin/python3")
    r = subprocess.run(["/usr/bin/python3", "-c", "import ensurepip, cffi, numpy"],
                       capture_output=True)
    if r.returncode != 0:
        pytest.skip("/usr/bin/python3 has no ensurepip, cffi or numpy")
    fake = tmp_path / "fakebin"
    fake.mkdir()
    (fake / "python3").write_text("#!/bin/sh\necho 'not Debian python3' >&2\nexit 3\n")
    (fake / "python3").chmod(0o755)
    work = tmp_path / "w"
    work.mkdir()
    os.symlink(PYTHON_DIR, work / "python")
    env = dict(os.environ, PATH=f"{fake}:{os.environ.get('PATH', '/usr/bin')}",
               PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")
    r = subprocess.run(["sh", "-c", _readme_install_line()], cwd=work, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([str(work / "env" / "bin" / "python"), "-c",
                        "import careerlib; print(careerlib.__file__); "
                        "print(careerlib.Model().salary_at(2))"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    where, value = r.stdout.split()
    assert str(work / "env") in where
    assert abs(float(value) - 106727.0833) < 1e-3
    assert re.match(r"/usr/bin/python3 ", _readme_install_line())


def test_install_into_a_python_without_numpy_fails_at_once_naming_them(tmp_path):
    """pip install ./python from a venv that has neither cffi nor numpy (one
    made without --system-site-packages): the build backend refuses before
    pip resolves the dependencies, naming both and the command that works,
    instead of pip going to the network for them."""
    if not os.access("/usr/bin/python3", os.X_OK):
        pytest.skip("no /usr/bin/python3")
    r = subprocess.run(["/usr/bin/python3", "-c", "import ensurepip"], capture_output=True)
    if r.returncode != 0:
        pytest.skip("/usr/bin/python3 has no ensurepip (Debian: python3-venv)")
    env_dir = tmp_path / "bare"
    subprocess.run(["/usr/bin/python3", "-m", "venv", str(env_dir)], check=True)
    python = str(env_dir / "bin" / "python")
    r = subprocess.run([python, "-c", "import numpy"], capture_output=True)
    assert r.returncode != 0  # the venv really lacks numpy
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")
    r = subprocess.run([python, "-m", "pip", "install", PYTHON_DIR], capture_output=True,
                       text=True, env=env, cwd=tmp_path, timeout=120)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "has no cffi and no numpy" in out, out
    assert "--system-site-packages" in out
    assert "Collecting numpy" not in out and "Collecting cffi" not in out
    r = subprocess.run([python, "-m", "pip", "show", "careerlib"], capture_output=True)
    assert r.returncode != 0  # nothing installed


def test_the_package_builds_a_wheel_offline(tmp_path):
    """pip wheel ./python --no-build-isolation --no-deps: the in-tree
    backend needs nothing from the network, and the wheel holds every
    module of the package."""
    import zipfile
    r = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True)
    if r.returncode != 0:
        pytest.skip("no pip for this interpreter (Debian: python3-pip)")
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation",
                        "--no-deps", "--no-cache-dir", "-w", str(tmp_path), PYTHON_DIR],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    wheels = list(tmp_path.glob("careerlib-*-py3-none-any.whl"))
    assert len(wheels) == 1
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    package = {f"careerlib/{f}" for f in os.listdir(os.path.join(PYTHON_DIR, "careerlib"))
               if f.endswith(".py") and f != "_build_info.py"}
    assert package <= names and "careerlib/_build_info.py" in names
