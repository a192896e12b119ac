"""Finding and loading the shared library libcareer (cffi, ABI mode).

Order: the CAREER_LIBRARY environment variable (a file, or a folder holding
libcareer.so.*), then the build folder of the checkout this package sits in
(or was installed from), then the system loader's search path. Nothing is
compiled: the declarations come from _cdef.py, generated from career.h.
"""
import ctypes.util
import glob
import os
import threading

import cffi

from . import _cdef
from ._errors import LibraryNotFoundError

ffi = cffi.FFI()
ffi.cdef(_cdef.CDEF)

MAJOR = _cdef.CONSTANTS["CAREER_VERSION_MAJOR"]
SONAME = f"libcareer.so.{MAJOR}"

_lock = threading.Lock()
_lib = None
_path = None

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# python/careerlib/ -> the checkout's root, when run from one.
CHECKOUT = os.path.dirname(os.path.dirname(PACKAGE_DIR))


def _in_folder(folder):
    """The libcareer.so.* files of a folder, the soname of these
    declarations' major version first."""
    found = glob.glob(os.path.join(folder, "libcareer.so.*"))
    return sorted(found, key=lambda p: (os.path.basename(p) != SONAME, len(p), p))


def _build_folders():
    """Build folders of the checkout: the one around this package, and the
    one `pip install` recorded when it built the wheel."""
    folders = []
    if os.path.isfile(os.path.join(CHECKOUT, "include", "career.h")):
        folders.append(os.path.join(CHECKOUT, "build", "default"))
    try:
        from . import _build_info  # written by the wheel's build backend
        folders += [f for f in _build_info.LIBRARY_DIRS if f not in folders]
    except ImportError:
        pass
    return folders


def candidates():
    """(how it was chosen, what to pass to dlopen) in the order tried.
    With CAREER_LIBRARY set, only what it names."""
    env = os.environ.get("CAREER_LIBRARY")
    if env:
        if os.path.isdir(env):
            files = _in_folder(env)
            if not files:
                return [("CAREER_LIBRARY", os.path.join(env, "libcareer.so.*"))]
            return [("CAREER_LIBRARY", f) for f in files]
        return [("CAREER_LIBRARY", env)]
    out = []
    for folder in _build_folders():
        files = _in_folder(folder)
        out += [("build folder", f) for f in files] or \
            [("build folder", os.path.join(folder, "libcareer.so.*"))]
    out.append(("system loader", SONAME))
    found = ctypes.util.find_library("career")
    if found and found != SONAME:
        out.append(("system loader", found))
    return out


def _check_version(lib, where):
    version = ffi.string(lib.career_version_string()).decode()
    if version.split(".")[0] != str(MAJOR):
        raise LibraryNotFoundError(
            f"{where} is libcareer {version}, but careerlib's declarations come "
            f"from career.h {_cdef.CONSTANTS['CAREER_VERSION_STRING']}: "
            "regenerate them (make python) or point CAREER_LIBRARY at a "
            f"libcareer.so.{MAJOR}")


def load():
    """The loaded library (a cffi lib object), loading it on first use.
    Raises LibraryNotFoundError naming every place tried."""
    global _lib, _path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for how, name in candidates():
            if "*" in name:
                tried.append(f"{how}: no file matches {name}")
                continue
            try:
                lib = ffi.dlopen(name)
            except OSError as e:
                tried.append(f"{how}: {name}: {e}")
                continue
            _check_version(lib, name)
            _path = name
            _lib = lib
            return lib
        raise LibraryNotFoundError(
            "libcareer not found; tried:\n  " + "\n  ".join(tried) +
            "\nbuild it (make) or set CAREER_LIBRARY to the library or its folder")


def path():
    """What the library was loaded from (a path, or a name the system
    loader resolved), loading it first if need be.

    >>> "libcareer.so" in careerlib.library_path()
    True"""
    load()
    return _path
