"""Python arguments into C arguments, checked the same way everywhere.

Every public function converts its arguments here, so that one rule holds
across the binding, and every error names the Python argument:
  - text and paths: str, bytes (and bytearray, memoryview for text) or an
    os.PathLike for paths; a NUL byte is ValueError("NAME: embedded null
    byte"), as Python's own open() refuses it, never a shorter C string;
  - numbers: int, float, numpy scalars or anything numbers.Real; never
    a string, a bool or None (TypeError);
  - integers where C takes an integer: int or a numpy integer (TypeError
    for 1.5 and for 10.0: no silent truncation), in the C type's range
    (ArgumentError, a ValueError, otherwise);
  - enums: the lower-case end of the constant's name ("cspline" for
    CAREER_INTERP_CSPLINE), a member of the module's IntEnum (Interp.CSPLINE)
    or its number; a number the header does not define is ArgumentError.
"""
import enum
import numbers
import operator
import os

import numpy as np

from ._errors import ArgumentError
from ._library import ffi


# ---- enums: one IntEnum (or IntFlag) per C enum, from the declarations -----

def _prefix(names):
    """CAREER_INTERP_ of CAREER_INTERP_AUTO, CAREER_INTERP_STEFFEN, ..."""
    common = os.path.commonprefix(list(names))
    return common[:common.rfind("_") + 1]


def _enum_class(cname, pyname, doc, flag=False):
    t = ffi.typeof(cname)
    prefix = _prefix(t.relements)
    members = sorted(((k[len(prefix):], v) for k, v in t.relements.items()),
                     key=lambda kv: kv[1])
    cls = (enum.IntFlag if flag else enum.IntEnum)(pyname, members, module="careerlib")
    cls.__doc__ = doc
    cls._ctype = cname
    return cls


Interp = _enum_class(
    "career_interp", "Interp",
    "How the experience curve passes through the tiers' salaries "
    "(career_interp): Model(interp=Interp.STEFFEN) or interp=\"steffen\".\n\n"
    ">>> careerlib.Model(interp=careerlib.Interp.LINEAR).options['interp']\n'linear'")
Extrap = _enum_class(
    "career_extrap", "Extrap",
    "The curve beyond its first and last anchors (career_extrap): CLAMP "
    "(flat) or EXTEND (the end slope).\n\n"
    ">>> careerlib.Model(extrap=careerlib.Extrap.EXTEND).options['extrap']\n'extend'")
Dist = _enum_class(
    "career_dist", "Dist",
    "The market distribution (career_dist): AUTO, METALOG, LOGNORMAL or "
    "SPLINE (the quantile spline through every point).\n\n"
    ">>> careerlib.Model(dist='lognormal').market_fit().dist\n'lognormal'")
Period = _enum_class(
    "career_period", "Period",
    "The period of an amount of pay (career_period): YEAR, MONTH, HOUR.\n\n"
    ">>> careerlib.convert_period(208000, careerlib.Period.YEAR, 'hour')\n100.0")
OewsGroup = _enum_class(
    "career_oews_group", "OewsGroup",
    "Which O_GROUP rows of an OEWS table make profiles (career_oews_group):"
    " DETAILED (the default), BROAD, MINOR, MAJOR.\n\n"
    ">>> careerlib.Table.open('all_data_M_2018.csv', group='major')  # doctest: +SKIP")
SeparationSource = _enum_class(
    "career_separation_source", "SeparationSource",
    "Where the calibration's separation rate came from "
    "(career_separation_source): FITTED, PROFILE or BOUND.\n\n"
    ">>> careerlib.Model().calibration().separation_source\n'fitted'")
RangeWarning = _enum_class(
    "career_range_warning", "RangeWarning",
    "The warnings of a pay range (career_range_warning bits, the "
    "``warnings`` column of Model.pay_structure()).\n\n"
    ">>> careerlib.RangeWarning.SPREAD_HIGH in careerlib.RangeWarning(3)\nTrue",
    flag=True)
MeritFlag = _enum_class(
    "career_merit_flag", "MeritFlag",
    "What happened to an employee in a merit cycle (career_merit_flag "
    "bits, the ``flags`` column of Model.merit_cycle()'s results).\n\n"
    ">>> bool(careerlib.MeritFlag(12) & careerlib.MeritFlag.CAPPED)\nTrue", flag=True)

ENUMS = {c._ctype: c for c in (Interp, Extrap, Dist, Period, OewsGroup,
                               SeparationSource, RangeWarning, MeritFlag)}


def enum_value(ctype, name, value):
    """The number of an enum argument given as a name, a member or a number."""
    cls = ENUMS.get(ctype.cname)
    if isinstance(value, (str, bytes)):
        text = value.decode() if isinstance(value, bytes) else value
        prefix = _prefix(ctype.relements)
        full = prefix + text.upper()
        if "\0" in text:
            raise ValueError(f"{name}: embedded null byte")
        if full not in ctype.relements:
            names = ", ".join(k[len(prefix):].lower() for k in sorted(
                ctype.relements, key=ctype.relements.get))
            raise ArgumentError(f"{name}: {value!r} is not one of {names}")
        return ctype.relements[full]
    if isinstance(value, enum.Enum) and cls is not None and not isinstance(value, cls):
        raise TypeError(f"{name} must be a careerlib.{cls.__name__} or its name, "
                        f"not {value!r}")
    number = integer(value, name)
    if number not in ctype.elements:
        names = ", ".join(f"{v} ({k[len(_prefix(ctype.relements)):].lower()})"
                          for v, k in sorted(ctype.elements.items()))
        raise ArgumentError(f"{name}: {number} is not one of {names}")
    return number


def enum_name(ctype, value):
    """The lower-case name of an enum number ("steffen"), or the number."""
    prefix = _prefix(ctype.relements)
    name = ctype.elements.get(value)
    return name[len(prefix):].lower() if name else value


# ---- text and paths -----------------------------------------------------------

def _no_nul(data, name):
    if b"\0" in data:
        raise ValueError(f"{name}: embedded null byte")
    return data


def path(value, name="path"):
    """A file name as bytes for C: str, bytes or os.PathLike."""
    if isinstance(value, (bytearray, memoryview)):
        value = bytes(value)
    try:
        data = os.fsencode(value)
    except TypeError:
        raise TypeError(f"{name} must be a str, bytes or os.PathLike, not "
                        f"{type(value).__name__}") from None
    return _no_nul(data, name)


def text(value, name="text"):
    """Text as UTF-8 bytes for C: str, bytes, bytearray or memoryview."""
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogateescape")
    elif isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    else:
        raise TypeError(f"{name} must be a str or bytes, not {type(value).__name__}")
    return _no_nul(data, name)


def cstr(value, name):
    """An optional short string (a role, a code) as a char * (NULL for
    None). The cdata must be kept alive while C reads it."""
    if value is None:
        return ffi.NULL
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a str, bytes or None, not "
                        f"{type(value).__name__}")
    return ffi.new("char[]", text(value, name))


# ---- numbers ------------------------------------------------------------------

def _zero_d(value):
    """A 0-d numpy array's item, so that np.array(5.0) is a number too."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value[()]
    return value


def real(value, name):
    """A Python float from a number (int, float, numpy scalar)."""
    value = _zero_d(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {_what(value)}")
    return float(value)


def integer(value, name):
    """A Python int from an int or numpy integer (not 1.5, not 10.0)."""
    value = _zero_d(value)
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be an integer, not {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer, not {_what(value)}") from None


def _what(value):
    if isinstance(value, (int, float, str, bytes)) or value is None:
        return repr(value)
    return type(value).__name__


def doubles(x, name):
    """x as a C-contiguous, aligned, native float64 array: the same object
    (no copy) when it already is one, else converted once. Numbers only:
    None, strings and bools are a TypeError naming the argument."""
    if isinstance(x, np.ndarray):
        a = x
    else:
        if x is None or isinstance(x, (str, bytes)):
            raise TypeError(f"{name} must be a number or an array of numbers, "
                            f"not {_what(x)}")
        a = np.asarray(x)
    kind = a.dtype.kind
    if kind == "O":
        flat = a.reshape(-1)
        for i, v in enumerate(flat):
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
                where = name if a.ndim == 0 else \
                    f"{name}[{', '.join(str(int(k)) for k in np.unravel_index(i, a.shape))}]"
                raise TypeError(f"{where} must be a number, not {_what(v)}")
        a = a.astype(np.float64)
    elif kind not in "fiu":
        raise TypeError(f"{name} must be numbers, not an array of {a.dtype}")
    if a.dtype != np.float64:  # float32, int, or a big-endian float64
        a = a.astype(np.float64)
    if not (a.flags.c_contiguous and a.flags.aligned):
        a = np.ascontiguousarray(a)
    return a


def fill(cstruct, ctype, values):
    """Sets the fields of a zeroed struct from keyword values (None: keep
    the zero, which means the default), each converted by its C type:
    enums by enum_value, doubles by real, integers by integer. Unknown
    names are a TypeError; a value out of the C type's range is an
    ArgumentError naming the field."""
    fields = {n: f for n, f in ffi.typeof(ctype).fields if not n.startswith("reserved")}
    for name, value in values.items():
        if name not in fields:
            raise TypeError(f"unknown option {name!r} (options of {ctype}: "
                            f"{', '.join(fields)})")
        if value is None:
            continue
        ftype = fields[name].type
        if ftype.kind == "enum":
            value = enum_value(ftype, name, value)
        elif ftype.kind == "primitive" and ftype.cname in ("double", "float"):
            value = real(value, name)
        elif ftype.kind == "primitive":
            value = integer(value, name)
        else:
            raise TypeError(f"{name}: cannot be set from Python")
        try:
            setattr(cstruct, name, value)
        except OverflowError:
            raise ArgumentError(f"{name}: {value!r} is out of range for a C "
                                f"{ftype.cname}") from None
