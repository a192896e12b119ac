"""build_backend.py - a PEP 517 build backend for careerlib, standard
library only, so that `pip install ./python` needs no network.

It packs careerlib/*.py into a pure-Python wheel and adds
careerlib/_build_info.py, which records the build folder of this checkout
(build/default) so that the installed package finds the library built
there; CAREER_LIBRARY and the system loader still come first and last.
"""
import base64
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT = os.path.dirname(HERE)
NAME = "careerlib"


def _version():
    with open(os.path.join(HERE, NAME, "_cdef.py"), encoding="utf-8") as f:
        return re.search(r"'CAREER_VERSION_STRING': '([^']+)'", f.read()).group(1)


def _metadata():
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {_version()}\n"
            "Summary: libcareer from Python and numpy\n"
            "License: GPL-3.0-or-later\nRequires-Python: >=3.9\n"
            "Requires-Dist: cffi\nRequires-Dist: numpy\n"
            "Provides-Extra: frames\nRequires-Dist: pandas; extra == 'frames'\n")


def _files():
    """(path in the wheel, bytes) of the package."""
    pkg = os.path.join(HERE, NAME)
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py") and name != "_build_info.py":
            with open(os.path.join(pkg, name), "rb") as f:
                yield f"{NAME}/{name}", f.read()
    build = os.path.join(CHECKOUT, "build", "default")
    info = ('"""Written by build_backend.py: where the wheel was built from."""\n'
            f"LIBRARY_DIRS = [{build!r}]\n")
    yield f"{NAME}/_build_info.py", info.encode()


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"{path},sha256={digest.decode()},{len(data)}"


def _write_wheel(directory, files):
    dist = f"{NAME}-{_version()}"
    wheel = f"{dist}-py3-none-any.whl"
    info = f"{dist}.dist-info"
    files = list(files) + [
        (f"{info}/METADATA", _metadata().encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: careerlib build_backend\n"
                          b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record = [_record_line(p, d) for p, d in files] + [f"{info}/RECORD,,"]
    with zipfile.ZipFile(os.path.join(directory, wheel), "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files:
            z.writestr(path, data)
        z.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel


# What careerlib imports at run time, with the Debian packages that give them.
RUNTIME = (("cffi", "python3-cffi"), ("numpy", "python3-numpy"))


def _missing_runtime():
    """The modules of RUNTIME that the interpreter installing careerlib
    lacks. Asked of the interpreter itself in a clean environment: pip
    runs this backend with its own isolated sys.path (no site-packages),
    which would hide the very modules being looked for."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONNOUSERSITE")}
    code = ("import importlib.util as u, sys; "
            "print(' '.join(m for m in sys.argv[1:] if u.find_spec(m) is None))")
    r = subprocess.run([sys.executable, "-c", code] + [m for m, _ in RUNTIME],
                       capture_output=True, text=True, env=env)
    return r.stdout.split() if r.returncode == 0 else []


def _check_runtime():
    """Fails the install, with what to do, when the interpreter lacks cffi
    or numpy: pip would otherwise go to the network for them (and, with no
    route to it, retry for minutes). CAREERLIB_NO_RUNTIME_CHECK=1 skips it
    (a wheel built here for another machine)."""
    if os.environ.get("CAREERLIB_NO_RUNTIME_CHECK") == "1":
        return
    missing = _missing_runtime()
    if missing:
        debs = " ".join(d for m, d in RUNTIME if m in missing)
        raise SystemExit(
            f"careerlib: {sys.executable} has no {' and no '.join(missing)}, which "
            f"careerlib needs at run time. Use an interpreter that has them: Debian's "
            f"/usr/bin/python3 with {debs} (make deps), in a venv made with "
            f"--system-site-packages:\n"
            f"  /usr/bin/python3 -m venv --system-site-packages env && "
            f"env/bin/python -m pip install ./python\n"
            f"(CAREERLIB_NO_RUNTIME_CHECK=1 builds anyway, for another machine.)")


def get_requires_for_build_wheel(config_settings=None):
    _check_runtime()
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    _check_runtime()
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """An editable install: a .pth file that puts this folder on sys.path."""
    return _write_wheel(wheel_directory, [(f"{NAME}.pth", (HERE + "\n").encode())])


def build_sdist(sdist_directory, config_settings=None):
    dist = f"{NAME}-{_version()}"
    name = f"{dist}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tar:
        for rel in ["pyproject.toml", "build_backend.py"] + \
                [p for p, _ in _files() if not p.endswith("_build_info.py")]:
            tar.add(os.path.join(HERE, rel), arcname=f"{dist}/{rel}")
        pkg_info = _metadata().encode()
        ti = tarfile.TarInfo(f"{dist}/PKG-INFO")
        ti.size = len(pkg_info)
        tar.addfile(ti, io.BytesIO(pkg_info))
    return name
