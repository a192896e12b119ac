"""Profiles, models and their queries: thin calls into libcareer."""
import collections
import json
import math

import numpy as np
from numpy.lib import recfunctions

from . import _args, _cdef
from ._errors import ArgumentError, CancelledError, ParseError, class_for
from ._library import ffi, load

# ---- statuses and errors ---------------------------------------------------

_STATUS_NAMES = ffi.typeof("career_status").elements  # number -> name
OK = ffi.typeof("career_status").relements["CAREER_OK"]
_CANCELLED = ffi.typeof("career_status").relements["CAREER_ERR_CANCELLED"]
_NOT_FOUND = ffi.typeof("career_status").relements["CAREER_ERR_NOT_FOUND"]
_PERIOD_YEAR = ffi.typeof("career_period").relements["CAREER_PER_YEAR"]
_PERIOD_HOUR = ffi.typeof("career_period").relements["CAREER_PER_HOUR"]


def _strerror(status):
    return ffi.string(load().career_strerror(status)).decode()


def _error(status, context, err=None):
    """The CareerError for a status: the library's message and place when an
    error record is given, else its strerror; ``context`` says what failed."""
    cls = class_for(status, _STATUS_NAMES)
    if err is not None and err.text[0] != b"\0":
        text = ffi.string(err.text).decode(errors="replace")
        source = ffi.string(err.source).decode(errors="replace")
        return cls(f"{context}: {text}" if context else text, status,
                   source, err.line, err.column)
    text = _strerror(status)
    return cls(f"{context}: {text}" if context else text, status)


def _check(status, context="", err=None):
    if status != OK:
        raise _error(status, context, err)


def _free(ptr):
    """Frees memory the library handed out (career_free once the header has
    it, else the C library's free, which it documents today)."""
    lib = load()
    fn = getattr(lib, "career_free", None)
    if fn is None:
        fn = _libc().free
    fn(ptr)


_LIBC = None


def _libc():
    global _LIBC
    if _LIBC is None:
        import cffi
        libc_ffi = cffi.FFI()
        libc_ffi.cdef("void free(void *);")
        _LIBC = libc_ffi.dlopen(None)
    return _LIBC


def _text(p):
    return None if p == ffi.NULL else ffi.string(p).decode()


# ---- option structs, filled by the header's field names -------------------

_enum_value = _args.enum_value
_enum_name = _args.enum_name
_fill = _args.fill


def _fields(ctype):
    # Reserved slots must stay zero: they are never options.
    return [(n, f) for n, f in ffi.typeof(ctype).fields if not n.startswith("reserved")]


def _blame(what, status, trial, given, err=None, pairs=()):
    """The error of a call that failed with ``status`` on the options
    ``given`` (name -> value), naming the option at fault: ``trial(subset)``
    reruns the call on a subset of them (the rest at their defaults) and
    returns its status; the first option that fails alone (with its
    partners in ``pairs``, which are only valid together) is named, else
    every option given."""
    tried = set()
    for name in given:
        if name in tried:
            continue
        group = next((p for p in pairs if name in p), (name,))
        subset = {k: given[k] for k in group if k in given}
        tried.update(subset)
        if trial(subset) != OK:
            where = ", ".join(f"{k} = {v!r}" for k, v in subset.items())
            return _error(status, f"{what}: {where}", err)
    where = ", ".join(f"{k} = {v!r}" for k, v in given.items())
    return _error(status, f"{what}: {where}" if where else what, err)


# ---- numpy views of the library's row structs ------------------------------

def _np_type(ctype):
    if ctype.kind == "enum":
        return np.dtype(f"i{ffi.sizeof(ctype)}")
    if ctype.cname in ("double", "float"):
        return np.dtype(f"f{ffi.sizeof(ctype)}")
    unsigned = int(ffi.cast(ctype, -1)) > 0
    return np.dtype(f"{'u' if unsigned else 'i'}{ffi.sizeof(ctype)}")


def _row_dtype(ctype):
    """The numpy dtype with the C struct's layout (padding and reserved
    slots left as gaps), so that C writes straight into a numpy array."""
    t = ffi.typeof(ctype) if isinstance(ctype, str) else ctype
    names, formats, offsets = [], [], []
    for name, f in t.fields:
        if name.startswith("reserved"):
            continue
        if f.type.kind == "struct":  # a nested struct: a nested dtype
            formats.append(_row_dtype(f.type))
        elif f.type.kind in ("primitive", "enum"):
            formats.append(_np_type(f.type))
        else:
            continue
        names.append(name)
        offsets.append(f.offset)
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": ffi.sizeof(t)})


_ROW = _row_dtype("career_projection_row")
_BAND = _row_dtype("career_band")
_MAX_HORIZON = _cdef.CONSTANTS["CAREER_MAX_HORIZON"]
_MAX_ROWS = _MAX_HORIZON + 1
_MAX_TEXT = _cdef.CONSTANTS["CAREER_MAX_JSON_BYTES"]


def _written(rows):
    """How many rows a projection filled: row t has year t (the rows past
    the horizon stay zero). The horizon's default stays the library's."""
    years = rows["year"][1:]
    bad = np.nonzero(years != np.arange(1, len(rows), dtype=years.dtype))[0]
    return int(bad[0]) + 1 if len(bad) else len(rows)


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("DataFrames need pandas (Debian: python3-pandas)") from None
    return pandas


def _frame(array, as_frame):
    if not as_frame:
        return array
    return _pandas().DataFrame(array)


def _frame_of(rows, columns, index=None):
    """A DataFrame of namedtuples (or tuples) with these columns."""
    return _pandas().DataFrame.from_records(rows, columns=list(columns), index=index)


# ---- arrays in, arrays out ---------------------------------------------------

def _as_doubles(x, name="x"):
    """x as a C-contiguous, aligned float64 array: the same object (no copy)
    when it already is one, else converted once (_args.doubles)."""
    return _args.doubles(x, name)


def _buffer(a):
    """A double * on the array's own memory (no copy)."""
    return ffi.from_buffer("double[]", a)


def _result(out, scalar):
    return out[()] if scalar else out


def _output(out, shape, what, integer=False):
    """The result array: a new one, or ``out`` once checked (writable,
    C-contiguous, of the shape and type C writes)."""
    if out is None:
        return np.empty(shape, dtype=np.uintp if integer else np.float64)
    types = (np.dtype(np.intp), np.dtype(np.uintp)) if integer else (np.dtype(np.float64),)
    if not (isinstance(out, np.ndarray) and out.dtype in types and out.dtype.isnative
            and out.flags.c_contiguous and out.flags.writeable and out.shape == shape):
        kind = "intp" if integer else "float64"
        raise TypeError(f"{what}: out must be a writable C-contiguous {kind} "
                        f"array of shape {shape}")
    return out


def _place(name, shape, i):
    if not shape:
        return name
    idx = np.unravel_index(i, shape)
    return f"{name}[{', '.join(str(int(k)) for k in idx)}]"


def _first_bad(call, n):
    """The index of the first row a batch function refuses, ``call(k)``
    running it on the first k rows: a prefix fails iff it holds a bad row,
    so a bisection finds the shortest failing one in log2(n) runs."""
    lo, hi = 0, n  # the first lo rows pass, the first hi rows fail
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if call(mid) == OK:
            lo = mid
        else:
            hi = mid
    return hi - 1


def _loop(fn, what, names, args, out_type="double *", dtype=np.float64):
    """fn(model..., a, b, ..., &out) for each element of the broadcast
    arguments: for the queries that have no batch (_n) form in C."""
    arrays = [_args.doubles(a, n) for a, n in zip(args, names)]
    scalar = all(a.ndim == 0 for a in arrays)
    b = np.broadcast_arrays(*arrays)
    shape = b[0].shape
    out = np.empty(shape, dtype=dtype)
    flat = out.reshape(-1)
    res = ffi.new(out_type)
    columns = [np.ravel(a).tolist() for a in b]
    for i, vals in enumerate(zip(*columns)):
        st = fn(*vals, res)
        if st != OK:
            where = ", ".join(f"{_place(n, shape, i)} = {v!r}" for n, v in zip(names, vals))
            raise _error(st, f"{what}: {where}")
        flat[i] = res[0]
    return _result(out, scalar)


# ---- profiles ----------------------------------------------------------------

Tier = collections.namedtuple("Tier", "name min_years anchor_years salary")
Tier.__doc__ = """A rung of the ladder: its name, first year, anchor year and
typical salary at the anchor (NaN when the guide gives none).

>>> careerlib.Model().tiers[0]
Tier(name='Junior Performance Engineer', min_years=0.0, anchor_years=1.0, salary=100500.0)"""


class Profile:
    """A career profile (libcareer's career_profile): a tier ladder, the
    market's salary quantiles and the demand growth. Immutable; make one with
    Profile.default(), load(), from_json(), from_dict(), from_guide() or
    Table.profile() (BLS OEWS).

    >>> p = careerlib.Profile.load("examples/profiles/performance-architect.json")
    >>> p.role, p.currency, p.period, len(p.tiers)
    ('Performance Architect', 'USD', 'year', 4)"""

    __slots__ = ("_ptr", "_owner")

    def __init__(self, ptr, owner=None):
        """Wraps a career_profile pointer (internal: use the class methods).
        ``owner`` is kept alive as long as the profile (the model or the
        allocation the pointer lives in)."""
        self._ptr = ptr
        self._owner = owner

    @classmethod
    def _owned(cls, out):
        lib = load()
        return cls(ffi.gc(out[0], lib.career_profile_free))

    @classmethod
    def default(cls):
        """The built-in Performance Architect profile (US, USD per year).

        >>> careerlib.Profile.default()
        <careerlib.Profile 'Performance Architect'>"""
        return cls(load().career_profile_default())

    @classmethod
    def load(cls, path, role=None):
        """A profile from a JSON file (career-profile/1; str, bytes or
        os.PathLike); ``role`` picks one of several in the file (ASCII
        letters compared without case). ParseError names the file, line
        and column; NotFoundError and ArgumentError list the roles.

        >>> careerlib.Profile.load("examples/profiles/us-tech.json",
        ...                        role="software developers, systems software").period
        'year'"""
        lib = load()
        cpath, crole = _args.path(path), _args.cstr(role, "role")
        out = ffi.new("career_profile **")
        err = ffi.new("career_error *")
        _check(lib.career_profile_load_file(cpath, crole, out, err), "", err)
        return cls._owned(out)

    @classmethod
    def from_json(cls, text, role=None):
        """A profile from JSON text, str or bytes (the format of Profile.load).

        >>> text = careerlib.Profile.default().to_json()
        >>> careerlib.Profile.from_json(text).role
        'Performance Architect'"""
        lib = load()
        ctext, crole = _args.text(text), _args.cstr(role, "role")
        out = ffi.new("career_profile **")
        err = ffi.new("career_error *")
        _check(lib.career_profile_load_string(ctext, crole, out, err), "", err)
        return cls._owned(out)

    @classmethod
    def from_dict(cls, d, role=None):
        """A profile from a dict (or list of dicts) in the JSON format, as
        to_dict() gives it; numpy numbers and arrays are taken as Python's.

        >>> d = careerlib.Profile.default().to_dict()
        >>> d["tiers"][0]["salary"] = 98000
        >>> careerlib.Profile.from_dict(d).tiers[0].salary
        98000.0"""
        return cls.from_json(_json_dumps(d, "d"), role)

    @classmethod
    def from_guide(cls, text):
        """A profile imported from a career guide's plain text, str or bytes
        (see career_guide_import in career.h; at most 16 MiB); the inferred
        parts are in notes.

        >>> with open("examples/guides/performance-architect.txt", encoding="utf-8") as f:
        ...     p = careerlib.Profile.from_guide(f.read())
        >>> p.role, len(p.notes) > 0
        ('Performance Architect', True)"""
        lib = load()
        data = _args.text(text)
        if len(data) > _MAX_TEXT:
            raise ParseError(f"text: {len(data):,} bytes, over the "
                             f"{_MAX_TEXT >> 20} MiB a text may have "
                             "(CAREER_MAX_JSON_BYTES)")
        out = ffi.new("career_profile **")
        err = ffi.new("career_error *")
        st = lib.career_guide_import(data, len(data), out, err)
        _check(st, "", err)
        return cls._owned(out)

    @staticmethod
    def roles(path):
        """The roles in a profile file, in file order.

        >>> careerlib.Profile.roles("examples/profiles/performance-architect.json")
        ['Performance Architect']"""
        lib = load()
        roles = ffi.new("char ***")
        count = ffi.new("size_t *")
        err = ffi.new("career_error *")
        _check(lib.career_profile_list_roles(_args.path(path), roles, count, err),
               "", err)
        try:
            return [ffi.string(roles[0][i]).decode() for i in range(count[0])]
        finally:
            _free(roles[0])

    def to_json(self):
        """The profile as pretty JSON text with a stable key order.

        >>> careerlib.Profile.default().to_json().splitlines()[1]
        '  "format": "career-profile/1",'"""
        lib = load()
        out = ffi.new("char **")
        err = ffi.new("career_error *")
        _check(lib.career_profile_to_json(self._ptr, out, err), "", err)
        try:
            return ffi.string(out[0]).decode()
        finally:
            _free(out[0])

    def to_dict(self):
        """The profile as a dict in the JSON format (from_dict's inverse).

        >>> careerlib.Profile.default().to_dict()["demand"]
        {'growth': 0.1, 'years': 10, 'level': 'high'}"""
        return json.loads(self.to_json())

    def save(self, path):
        """Writes the profile as JSON to ``path`` (str, bytes or
        os.PathLike); the file is replaced whole or not at all.

        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "mine.json")
        >>> careerlib.Profile.default().save(path)
        >>> careerlib.Profile.load(path).role
        'Performance Architect'"""
        err = ffi.new("career_error *")
        cpath = _args.path(path)
        _check(load().career_profile_save_file(self._ptr, cpath, err), "", err)

    @property
    def role(self):
        """The role's name.

        >>> careerlib.Profile.default().role
        'Performance Architect'"""
        return _text(self._ptr.role)

    @property
    def currency(self):
        """The currency code, or None.

        >>> careerlib.Profile.default().currency
        'USD'"""
        return _text(self._ptr.currency)

    @property
    def period(self):
        """The period of every salary ("year", "month" or "hour"), or None.

        >>> careerlib.Profile.default().period
        'year'"""
        return _text(self._ptr.period)

    @property
    def tiers(self):
        """The tiers as given (salaries before any location factor), as Tier
        namedtuples.

        >>> careerlib.Profile.default().tiers[1]
        Tier(name='Performance Architect', min_years=3.0, anchor_years=5.0, salary=125000.0)"""
        return [Tier(_text(t.name), t.min_years, t.anchor_years, t.salary)
                for t in (self._ptr.tiers[i] for i in range(self._ptr.ntiers))]

    @property
    def quantiles(self):
        """The market's quantile points as an (n, 2) array of (p, salary).

        >>> careerlib.Profile.default().quantiles[:, 1].tolist()
        [90000.0, 125000.0, 160000.0]"""
        q = self._ptr.quantiles
        return np.array([(q[i].p, q[i].salary) for i in range(self._ptr.nquantiles)],
                        dtype=np.float64).reshape(-1, 2)

    @property
    def notes(self):
        """What an import assumed or dropped, in plain sentences.

        >>> careerlib.Profile.default().notes
        []"""
        return [_text(self._ptr.notes[i]) for i in range(self._ptr.nnotes)]

    @property
    def region(self):
        """The region, or None.

        >>> careerlib.Profile.default().region
        'US'"""
        return _text(self._ptr.region)

    @property
    def source(self):
        """Where the figures come from (a guide, a BLS file), or None.

        >>> careerlib.Profile.default().source
        'career guide'"""
        return _text(self._ptr.source)

    @property
    def demand_growth(self):
        """The relative growth of demand (0.10 = 10 %) over demand_years.

        >>> careerlib.Profile.default().demand_growth
        0.1"""
        return self._ptr.demand_growth

    @property
    def demand_years(self):
        """The years demand_growth is over.

        >>> careerlib.Profile.default().demand_years
        10.0"""
        return self._ptr.demand_years

    @property
    def demand_level(self):
        """The guide's word for demand, or None.

        >>> careerlib.Profile.default().demand_level
        'high'"""
        return _text(self._ptr.demand_level)

    @property
    def separation_rate(self):
        """The share of workers who leave the occupation each year (BLS
        Employment Projections), or None when not given (then fitted).

        >>> careerlib.Profile.default().separation_rate is None
        True"""
        return self._ptr.separation_rate or None

    @property
    def occ_code(self):
        """The occupation's code in a statistical source (SOC "15-1252"), or None.

        >>> careerlib.Table.open("tests/data/oews/all_data_M_2018.csv").profile("15-1133").occ_code
        '15-1133'"""
        return _text(self._ptr.occ_code)

    @property
    def area_code(self):
        """The area's code in a statistical source (OEWS "99"), or None.

        >>> careerlib.Table.open("tests/data/oews/all_data_M_2018.csv").profile("15-1133").area_code
        '99'"""
        return _text(self._ptr.area_code)

    @property
    def market_mean(self):
        """The market's published mean salary (BLS's A_MEAN), or None.
        With one, dist="auto" fits the quantile spline, whose upper tail it
        sets (Model.market_mean() gives the fitted mean).

        >>> careerlib.Profile.default().market_mean is None
        True"""
        return self._ptr.market_mean or None

    @property
    def peak_years(self):
        """Where the experience curve peaks, past the last anchor, or None:
        a clamped curve rises on to it, flat there (imported BLS profiles
        set it; guides do not).

        >>> careerlib.Profile.default().peak_years is None
        True"""
        return self._ptr.peak_years or None

    @property
    def band_shape(self):
        """The shape of the band at x years: "power" (the default; guides)
        or "copula" (imported BLS profiles): docs/model.md §5.

        >>> careerlib.Profile.default().band_shape
        'power'"""
        return "copula" if self._ptr.band_shape == load().CAREER_BAND_COPULA else "power"

    @property
    def experience_correlation(self):
        """rho, the rank correlation of pay with experience under which the
        tiers were placed (imported BLS profiles: docs/model.md §11), or None.
        The model does not use it; Model.calibration() reports it beside
        the one its fitted band implies.

        >>> careerlib.Profile.default().experience_correlation is None
        True"""
        return self._ptr.experience_correlation or None

    def __repr__(self):
        return f"<careerlib.Profile {self.role!r}>"


def _json_default(value):
    """numpy's numbers and arrays in a dict for from_dict, as Python's."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def _json_dumps(d, name):
    try:
        return json.dumps(d, default=_json_default)
    except TypeError as e:
        raise TypeError(f"{name}: {e}") from None
    except ValueError as e:  # a circular reference
        raise ValueError(f"{name}: {e}") from None


# ---- models --------------------------------------------------------------------

Calibration = collections.namedtuple(
    "Calibration", "dispersion separation_rate separation_source decay "
    "mean_years work_years quantiles mixture_p experience_correlation "
    "implied_correlation")
Calibration.__doc__ = """What the calibration found (career_calibration_info):
quantiles is the market's (n, 2) array of (p, salary), mixture_p F_mix at
each salary; experience_correlation the profile's rho (None when it gives
none), implied_correlation sqrt(1 - d^2) for a copula band (None for the
power band).

>>> c = careerlib.Model().calibration()
>>> c.work_years, c.mixture_p.round(2).tolist()
(45.0, [0.08, 0.53, 0.86])"""
MarketFit = collections.namedtuple("MarketFit", "dist nterms a mu sigma")
MarketFit.__doc__ = """The fitted market distribution (career_market_fit_info):
dist, the metalog's nterms and coefficients a, the lognormal's mu and sigma.

>>> careerlib.Model(dist="lognormal").market_fit().nterms
0"""
Simulation = collections.namedtuple("Simulation", "bands tier_share")
Simulation.__doc__ = """A Monte Carlo run (Model.simulate(tier_share=True)): the
bands per year, and the share of paths that reached each tier, shape
(H+1, tiers).

>>> sim = careerlib.Model().simulate(paths=500, seed=1, tier_share=True)
>>> sim.tier_share.shape
(11, 4)"""

_SIM_FIELDS = {n for n, _ in _fields("career_simulation_options")} - \
    {"progress", "progress_context"}
_PROJ_FIELDS = {n for n, _ in _fields("career_projection_options")}
_PROJ_PAIRS = (("growth", "growth_years"),)
_GROWTH_GIVEN = _cdef.CONSTANTS["CAREER_PROJ_GROWTH_GIVEN"]
_ELASTICITY_GIVEN = _cdef.CONSTANTS["CAREER_PROJ_ELASTICITY_GIVEN"]


def _projection_struct(options):
    """career_projection_options from keyword values (None left out): a
    given growth or elasticity is used as given, 0 included, and horizon
    is checked here, as C's 0 would mean its default of 10."""
    values = dict(options)
    horizon = values.get("horizon")
    if horizon is not None:
        horizon = _args.integer(horizon, "horizon")
        if not 1 <= horizon <= _MAX_HORIZON:
            raise ArgumentError(f"horizon: must be 1 to {_MAX_HORIZON} years (got "
                                f"{horizon}); None is the library's default of 10")
        values["horizon"] = horizon
    flags = _args.integer(values.get("flags", 0), "flags")
    if values.get("growth") is not None:
        if values.get("growth_years") is None:
            raise ArgumentError(f"growth: {values['growth']!r} needs growth_years, the "
                                "years it is over (e.g. growth=0.1, growth_years=10)")
        flags |= _GROWTH_GIVEN
    elif values.get("growth_years") is not None:
        raise ArgumentError(f"growth_years: {values['growth_years']!r} needs a growth "
                            "(growth=0 for none)")
    if values.get("elasticity") is not None:
        flags |= _ELASTICITY_GIVEN
    values["flags"] = flags
    opts = ffi.new("career_projection_options *")
    _fill(opts, "career_projection_options", values)
    return opts


class Model:
    """A libcareer model: a profile and options, built and calibrated once.

    Model(profile=None, interp=None, extrap=None, dist=None, dispersion=None,
    location_factor=None, **options) takes the fields of career_options by
    name; None (or 0) is the library's default. interp: "auto", "steffen",
    "linear", "cspline", "akima", "mincer" (or an Interp, or its number);
    extrap: "clamp", "extend" (Extrap); dist: "auto", "metalog",
    "lognormal", "spline" (Dist); dispersion: None or 0 = calibrated,
    "market" = 1 (the whole market's spread) or a number > 0;
    location_factor: multiplies every salary.

    A Model is immutable and may be used from any number of threads at once;
    the queries release the GIL while in C. Queries take scalars or
    array-likes and return the same shape (a numpy scalar for a scalar).

    >>> m = careerlib.Model(careerlib.Profile.default(), interp="linear")
    >>> m
    <careerlib.Model 'Performance Architect' {'interp': 'linear', ...}>
    >>> float(m.salary_at(4))                # 3/4 of the way from 1 to 5 years
    118875.0
    """

    __slots__ = ("_ptr", "_ntiers")

    def __init__(self, profile=None, interp=None, extrap=None, dist=None,
                 dispersion=None, location_factor=None, **options):
        lib = load()
        if profile is None:
            profile = Profile.default()
        elif not isinstance(profile, Profile):
            raise TypeError("profile must be a careerlib.Profile (see Profile.load, "
                            f"Profile.from_dict), not {type(profile).__name__}")
        if isinstance(dispersion, str):
            if dispersion not in ("market", "calibrated"):
                raise ArgumentError(f"dispersion: {dispersion!r} is not a number, "
                                    "'market' or 'calibrated'", ArgumentError.status)
            dispersion = 1.0 if dispersion == "market" else 0.0
        opts = ffi.new("career_options *")
        _fill(opts, "career_options",
              dict(interp=interp, extrap=extrap, dist=dist, dispersion=dispersion,
                   location_factor=location_factor, **options))
        out = ffi.new("career_model **")
        err = ffi.new("career_error *")
        _check(lib.career_model_new(profile._ptr, opts, out, err), "", err)
        object.__setattr__(self, "_ptr", ffi.gc(out[0], lib.career_model_free))
        object.__setattr__(self, "_ntiers", int(lib.career_tier_count(self._ptr)))

    def __setattr__(self, name, value):
        raise AttributeError("a careerlib.Model is immutable")

    def __delattr__(self, name):
        raise AttributeError("a careerlib.Model is immutable")

    def __repr__(self):
        return f"<careerlib.Model {self.profile.role!r} {self.options}>"

    # -- what the model is --------------------------------------------------

    @property
    def profile(self):
        """The model's own copy of its profile (before the location factor).

        >>> careerlib.Model(location_factor=2).profile.tiers[0].salary
        100500.0"""
        return Profile(load().career_model_profile(self._ptr), self)

    @property
    def options(self):
        """The options as resolved: AUTO replaced by the method used, zeros
        by the defaults.

        >>> o = careerlib.Model().options
        >>> o["interp"], o["dist"], round(o["dispersion"], 4)
        ('steffen', 'metalog', 0.637)"""
        o = ffi.new("career_options *")
        load().career_model_options(self._ptr, o)
        out = {}
        for name, f in _fields("career_options"):
            v = getattr(o, name)
            out[name] = _enum_name(f.type, v) if f.type.kind == "enum" else v
        return out

    @property
    def tiers(self):
        """The tiers, salaries scaled by the location factor.

        >>> careerlib.Model(location_factor=2).tiers[0].salary
        201000.0"""
        lib = load()
        t = ffi.new("career_tier *")
        out = []
        for i in range(self._ntiers):
            _check(lib.career_tier_info(self._ptr, i, t), f"tier {i}")
            out.append(Tier(_text(t.name), t.min_years, t.anchor_years, t.salary))
        return out

    def calibration(self):
        """The calibration of the bands (career_calibration_info), a
        Calibration.

        >>> c = careerlib.Model().calibration()
        >>> round(c.dispersion, 4), c.separation_source
        (0.637, 'fitted')"""
        c = ffi.new("career_calibration *")
        _check(load().career_calibration_info(self._ptr, c), "calibration")
        n = c.nquantiles
        q = np.array([(c.quantiles[i].p, c.quantiles[i].salary) for i in range(n)],
                     dtype=np.float64).reshape(-1, 2)
        mix = np.array([c.mixture_p[i] for i in range(n)], dtype=np.float64)
        src = _enum_name(ffi.typeof("career_separation_source"), c.separation_source)
        implied = c.implied_correlation
        return Calibration(c.dispersion, c.separation_rate, src, c.decay,
                           c.mean_years, c.work_years, q, mix,
                           c.experience_correlation or None,
                           None if math.isnan(implied) else implied)

    def market_fit(self):
        """The fitted market distribution (career_market_fit_info), a
        MarketFit.

        >>> f = careerlib.Model().market_fit()
        >>> f.dist, f.nterms
        ('metalog', 3)"""
        f = ffi.new("career_market_fit *")
        load().career_market_fit_info(self._ptr, f)
        return MarketFit(_enum_name(ffi.typeof("career_dist"), f.dist), f.nterms,
                         np.array(list(f.a)[:f.nterms]), f.mu, f.sigma)

    def market_mean(self):
        """E[S], the mean of the fitted market distribution (times the
        location factor), for comparing with a published mean
        (career_market_mean): exact for the lognormal and the spline, by
        quadrature for the metalog. DomainError when it is not finite.

        >>> round(careerlib.Model(dist="lognormal").market_mean())
        124748"""
        out = ffi.new("double *")
        _check(load().career_market_mean(self._ptr, out), "market_mean")
        return out[0]

    def resolve_projection(self, **options):
        """The options a projection would use (career_projection_resolve),
        every default filled in, as a dict: start_salary (m(start_years)
        when not given), horizon, growth and growth_years (the profile's
        when not given), elasticity, inflation, discount.

        >>> o = careerlib.Model().resolve_projection(start_years=5)
        >>> o["start_salary"], o["horizon"], o["growth"], o["growth_years"]
        (125000.0, 10, 0.1, 10.0)"""
        opts, _ = self._projection_options(options, "resolve_projection")
        out = ffi.new("career_projection_options *")
        _check(load().career_projection_resolve(self._ptr, opts, out), "resolve_projection")
        return {name: getattr(out, name) for name, _ in _fields("career_projection_options")
                if name != "flags"}

    # -- pay structures and the merit cycle (lib/pay/) --------------------------

    def pay_structure(self, policy, as_frame=True):
        """The salary range of each tier under a merit Policy
        (career_pay_structure), as a DataFrame indexed by tier: name, min,
        mid, max, spread, progression, overlap and warnings (RangeWarning
        bits against the policy's limits); a structured array with
        as_frame=False.

        >>> policy = careerlib.Policy.load("examples/merit/policy.json")
        >>> careerlib.Model().pay_structure(policy)["mid"].round(2).tolist()
        [100500.0, 125000.0, 149500.0, 160000.0]"""
        from . import _merit
        return _merit.pay_structure(self, policy, as_frame)

    def merit_cycle(self, employees, policy, as_frame=True):
        """One merit cycle (career_merit_cycle) for ``employees``, a pandas
        DataFrame (or a mapping of arrays, or a structured array) with the
        columns years, salary, rating (the policy's names, or their
        indices) and optionally tier (NaN, None or -1: the tier of the
        years). The matrix is scaled so that the cost meets the policy's
        budget to the cent.

        Returns a MeritCycle (results, summary, distribution): results, a
        DataFrame with the employees' index and one row each (tier,
        position, rate, lift, merit, base_raise, lump_sum, new_salary,
        compa_before, compa_after, penetration_before, penetration_after,
        flags: MeritFlag bits); summary, a MeritSummary (money in cents:
        payroll_cents, budget_cents, cost_cents, ...); distribution, a
        DataFrame of each rating and position's count, mean rate and merit
        cents. An error names the row ("employees[17].salary: ...").

        >>> import pandas as pd
        >>> staff = pd.read_csv("examples/merit/employees.csv", index_col="id")
        >>> policy = careerlib.Policy.load("examples/merit/policy.json")
        >>> cycle = careerlib.Model().merit_cycle(staff, policy)
        >>> cycle.summary.cost_cents == cycle.summary.budget_cents
        True"""
        from . import _merit
        return _merit.merit_cycle(self, employees, policy, as_frame)

    def merit_project(self, policy, years, salary, ratings, tier=None, scale=1.0,
                      as_frame=True, **options):
        """One employee through H + 1 yearly cycles (career_merit_project):
        ``years`` and ``salary`` at the start, ``ratings`` one rating (each
        year's) or a sequence (year t's is ratings[min(t, len - 1)]),
        ``tier`` None for the tier of the years, the matrix scaled by
        ``scale`` (a cycle's summary.scale, or 1). Projection options as
        project() takes them (horizon, growth and growth_years, inflation,
        ...). Returns a DataFrame, one row a year: year, years, tier,
        rating, rating_name, range_min, range_mid, range_max, salary (base
        before the cycle) and the cycle's results (position, rate, lift,
        merit, base_raise, lump_sum, new_salary, compa and penetration
        before and after, flags).

        >>> policy = careerlib.Policy.load("examples/merit/policy.json")
        >>> rows = careerlib.Model().merit_project(policy, 0, 90000, "exceeds", horizon=5)
        >>> len(rows), rows["tier"].tolist()
        (6, [0, 0, 0, 1, 1, 1])"""
        from . import _merit
        return _merit.merit_project(self, policy, years, salary, ratings, tier, scale,
                                    as_frame, **options)

    # -- queries: each calls its batch (_n) function once, with no loop ---------
    #
    # Scalars in give a numpy scalar out; arrays (any shape) give an array
    # of the broadcast shape. A C-contiguous float64 array goes to C without
    # a copy, and ``out`` (a writable C-contiguous array of the result's
    # shape and type) receives the result without an allocation. A bad
    # element is named with its index: "salary_at: years[1, 2] = nan".

    def _batch(self, fn, what, names, args, out=None, integer=False):
        arrays = [_as_doubles(a, n) for a, n in zip(args, names)]
        if len(arrays) > 1 and any(a.shape != arrays[0].shape for a in arrays[1:]):
            try:
                arrays = [np.ascontiguousarray(v) for v in np.broadcast_arrays(*arrays)]
            except ValueError:
                shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(names, arrays))
                raise ValueError(f"{what}: the shapes do not broadcast: {shapes}") from None
        shape = arrays[0].shape
        res = _output(out, shape, what, integer)
        ins = [_buffer(a) for a in arrays]
        pout = ffi.from_buffer("size_t[]" if integer else "double[]", res)
        n = res.size
        st = fn(self._ptr, *ins, pout, n)
        if st != OK:
            i = _first_bad(lambda k: fn(self._ptr, *ins, pout, k), n)
            where = ", ".join(f"{_place(name, shape, i)} = {a.reshape(-1)[i]!r}"
                              for name, a in zip(names, arrays))
            raise _error(st, f"{what}: {where}")
        if out is not None:
            return out
        if integer:
            res = res.view(np.intp)
        return _result(res, all(a.ndim == 0 for a in arrays))

    def salary_at(self, years, out=None):
        """m(x), the median salary at ``years`` of experience
        (career_salary_at_n).

        >>> m = careerlib.Model()
        >>> float(m.salary_at(7.5))
        138550.34722222222
        >>> m.salary_at([0, 5]).tolist()
        [100500.0, 125000.0]"""
        return self._batch(load().career_salary_at_n, "salary_at", ("years",),
                           (years,), out)

    def percentile_at(self, years, salary, out=None):
        """F_x(s): the share of people with ``years`` of experience earning at
        most ``salary`` (career_percentile_at_n; arguments broadcast).

        >>> round(float(careerlib.Model().percentile_at(7.5, 138550.3472)), 6)
        0.5"""
        return self._batch(load().career_percentile_at_n, "percentile_at",
                           ("years", "salary"), (years, salary), out)

    def quantile_at(self, years, p, out=None):
        """Q_x(p): the salary at quantile ``p`` of the band at ``years``
        (career_quantile_at_n; arguments broadcast: years[:, None] and a
        row of p give one band per row).

        >>> careerlib.Model().quantile_at(15, [0.1, 0.9]).round(2).tolist()
        [129790.48, 187245.41]"""
        return self._batch(load().career_quantile_at_n, "quantile_at",
                           ("years", "p"), (years, p), out)

    def compa_ratio(self, years, salary, out=None):
        """salary / m(years) (career_compa_ratio_n; arguments broadcast).

        >>> float(careerlib.Model().compa_ratio(5, 150000))
        1.2"""
        return self._batch(load().career_compa_ratio_n, "compa_ratio",
                           ("years", "salary"), (years, salary), out)

    def range_penetration(self, years, salary, out=None):
        """(s - Q_x(0.10)) / (Q_x(0.90) - Q_x(0.10)): 0 at the band's p10, 1 at
        its p90 (career_range_penetration_n; arguments broadcast).

        >>> m = careerlib.Model()
        >>> float(m.range_penetration(15, m.quantile_at(15, 0.9)))
        1.0"""
        return self._batch(load().career_range_penetration_n, "range_penetration",
                           ("years", "salary"), (years, salary), out)

    def tier_at(self, years, out=None):
        """The index of the tier at ``years`` (career_tier_at_n), as numpy
        intp (``out``: an intp or uintp array).

        >>> careerlib.Model().tier_at([0, 3, 12, 40]).tolist()
        [0, 1, 3, 3]"""
        return self._batch(load().career_tier_at_n, "tier_at", ("years",),
                           (years,), out, integer=True)

    def next_tier(self, years):
        """(index of the next tier, years until it) at ``years``: the tier
        after career_tier_at_n's, and its min_years less ``years``, as
        career_next_tier computes them. NotFoundError in the last tier,
        naming the first such element.

        >>> careerlib.Model().next_tier(2)
        (1, 1.0)"""
        y = _as_doubles(years, "years")
        tier = self.tier_at(y)
        nxt = np.asarray(tier) + 1
        last = nxt >= self._ntiers
        if np.any(last):
            i = int(np.argmax(last.reshape(-1)))
            raise _error(_NOT_FOUND, f"next_tier: {_place('years', y.shape, i)} = "
                                     f"{y.reshape(-1)[i]!r} is in the last tier")
        starts = np.array([t.min_years for t in self.tiers])
        until = starts[nxt] - y
        if y.ndim == 0:
            return int(nxt), float(until)
        return nxt, until

    def tier_progress(self, years, out=None):
        """Where ``years`` sits in its tier, 0 to 1 (career_tier_progress_n).

        >>> float(careerlib.Model().tier_progress(1.5))
        0.5"""
        return self._batch(load().career_tier_progress_n, "tier_progress",
                           ("years",), (years,), out)

    def salary_growth_rate(self, years, out=None):
        """d ln m / dx: the raise experience alone gives a year
        (career_salary_growth_rate_n).

        >>> float(careerlib.Model().salary_growth_rate(20))
        0.0"""
        return self._batch(load().career_salary_growth_rate_n, "salary_growth_rate",
                           ("years",), (years,), out)

    def years_to_salary(self, salary, out=None):
        """The smallest x with m(x) >= ``salary`` (career_years_to_salary_n).
        DomainError when the curve never reaches it.

        >>> round(float(careerlib.Model().years_to_salary(125000)), 9)
        5.0"""
        return self._batch(load().career_years_to_salary_n, "years_to_salary",
                           ("salary",), (salary,), out)

    def market_quantile(self, p, out=None):
        """Q(p), the market salary at quantile ``p`` in (0, 1)
        (career_market_quantile_n).

        >>> round(float(careerlib.Model().market_quantile(0.25)), 2)
        106880.97"""
        return self._batch(load().career_market_quantile_n, "market_quantile",
                           ("p",), (p,), out)

    def market_percentile(self, salary, out=None):
        """F(s), the market's share earning at most ``salary``
        (career_market_percentile_n).

        >>> round(float(careerlib.Model().market_percentile(125000)), 6)
        0.5"""
        return self._batch(load().career_market_percentile_n, "market_percentile",
                           ("salary",), (salary,), out)

    def mixture_percentile(self, salary, out=None):
        """F_mix(s), the model's own share of the workforce earning at most
        ``salary`` (career_mixture_percentile_n).

        >>> round(float(careerlib.Model().mixture_percentile(125000)), 3)
        0.525"""
        return self._batch(load().career_mixture_percentile_n, "mixture_percentile",
                           ("salary",), (salary,), out)

    # -- projections ------------------------------------------------------------

    def _projection_options(self, options, what):
        """career_projection_options from keyword values, every given value
        the one used: growth=0 is no demand growth and elasticity=0 wages
        that ignore demand (the C flags are set for them), horizon is 1 to
        MAX_HORIZON years (C's 0 would mean 10). Checked through
        career_projection_resolve, the error naming the option at fault."""
        options = {k: v for k, v in options.items() if v is not None}
        opts = _projection_struct(options)
        resolved = ffi.new("career_projection_options *")
        lib = load()
        st = lib.career_projection_resolve(self._ptr, opts, resolved)
        if st != OK:
            raise _blame(what, st, lambda sub: lib.career_projection_resolve(
                self._ptr, _projection_struct(sub), resolved), options,
                pairs=_PROJ_PAIRS)
        return opts, options

    def project(self, as_frame=False, **options):
        """The deterministic projection (career_project): one row a year,
        t = 0..H, as a numpy structured array (fields as career_projection_row:
        year, years, tier, salary, real_salary, market_percentile, cumulative,
        present_value), or a pandas DataFrame with as_frame=True. Options are
        career_projection_options' fields: start_years, start_salary, horizon
        (1 to MAX_HORIZON; None = 10), growth and growth_years (given
        together; growth=0 is no demand growth), elasticity (0 included),
        inflation, discount.

        >>> rows = careerlib.Model().project(horizon=10)
        >>> float(rows["salary"][10])
        164450.0"""
        opts, given = self._projection_options(options, "project")
        rows = np.zeros(_MAX_ROWS, dtype=_ROW)
        crows = ffi.cast("career_projection_row *", ffi.from_buffer(rows))
        lib = load()
        st = lib.career_project(self._ptr, opts, crows, _MAX_ROWS)
        if st != OK:
            raise _blame("project", st, lambda sub: lib.career_project(
                self._ptr, _projection_struct(sub), crows, _MAX_ROWS), given,
                pairs=_PROJ_PAIRS)
        rows = recfunctions.repack_fields(rows[:_written(rows)])
        return _frame(rows, as_frame)

    def project_scenarios(self, growth=None, as_frame=False, **options):
        """Low / base / high demand projections (career_project_scenarios):
        a structured array of shape (3, H+1), or a DataFrame with a
        ``scenario`` column. ``growth``: three growths over the projection's
        growth_years, or None for the library's G - D, G, G + D.

        >>> careerlib.Model().project_scenarios(horizon=5).shape
        (3, 6)"""
        if growth is not None and options.get("growth") is None and \
                options.get("growth_years") is not None:
            options["growth"] = 0.0  # the years of the three growths given
        opts, given = self._projection_options(options, "project_scenarios")
        rows = np.zeros((3, _MAX_ROWS), dtype=_ROW)
        crows = ffi.cast("career_projection_row *", ffi.from_buffer(rows))
        g = ffi.NULL
        if growth is not None:
            if isinstance(growth, (str, bytes)) or np.ndim(growth) != 1 or len(growth) != 3:
                raise ArgumentError("growth: three values (low, base, high) are needed, "
                                    f"not {growth!r}")
            g = ffi.new("double[]", [_args.real(v, f"growth[{i}]")
                                     for i, v in enumerate(growth)])
        lib = load()
        st = lib.career_project_scenarios(self._ptr, opts, g, crows, _MAX_ROWS)
        if st != OK:
            if growth is not None and lib.career_project_scenarios(
                    self._ptr, opts, ffi.NULL, crows, _MAX_ROWS) == OK:
                raise _error(st, f"project_scenarios: growth = {list(growth)!r}")
            raise _blame("project_scenarios", st, lambda sub: lib.career_project_scenarios(
                self._ptr, _projection_struct(sub), ffi.NULL, crows, _MAX_ROWS),
                given, pairs=_PROJ_PAIRS)
        rows = recfunctions.repack_fields(rows[:, :_written(rows[0])])
        if not as_frame:
            return rows
        frame = _frame(rows.reshape(-1), True)
        frame.insert(0, "scenario", np.repeat(["low", "base", "high"], rows.shape[1]))
        return frame

    def simulate(self, progress=None, tier_share=False, as_frame=False, **options):
        """A Monte Carlo projection (career_simulate): the band of each year
        (year, mean, p10, p25, p50, p75, p90) as a structured array, or a
        DataFrame with as_frame=True; with tier_share=True a Simulation
        (bands, tier_share) whose tier_share[t, i] is the share of paths that
        reached tier i by year t.

        Options: the fields of career_simulation_options (paths, seed,
        threads, volatility, pace_sd, flags: integers where C has them) and
        of career_projection_options (as project() takes them).
        ``progress(done)`` is called with the share done in [0, 1]; a true
        return cancels the run (CancelledError). KeyboardInterrupt (Ctrl-C)
        during the run cancels it in C, then propagates; so does any
        exception raised by ``progress``.

        >>> fan = careerlib.Model().simulate(paths=1000, seed=7)
        >>> fan.dtype.names
        ('year', 'mean', 'p10', 'p25', 'p50', 'p75', 'p90')"""
        lib = load()
        sim_given = {k: v for k, v in options.items() if k in _SIM_FIELDS and v is not None}
        sim = ffi.new("career_simulation_options *")
        _fill(sim, "career_simulation_options", sim_given)
        opts, given = self._projection_options(
            {k: v for k, v in options.items() if k not in _SIM_FIELDS}, "simulate")
        resolved = ffi.new("career_simulation_options *")
        st = lib.career_simulation_resolve(sim, resolved)
        if st != OK:
            def trial(sub):
                one = ffi.new("career_simulation_options *")
                _fill(one, "career_simulation_options", sub)
                return lib.career_simulation_resolve(one, resolved)
            raise _blame("simulate", st, trial, sim_given)
        given = dict(given, **sim_given)
        raised = []

        def on_progress(_context, done):
            # Runs between phases on the calling thread, GIL held: a pending
            # Ctrl-C is raised here, and becomes a cancellation.
            try:
                return 1 if progress is not None and progress(done) else 0
            except BaseException as e:  # noqa: B902 - handed back below
                raised.append(e)
                return 1

        callback = ffi.callback("career_progress_fn", on_progress)
        sim.progress = callback
        bands = np.zeros(_MAX_ROWS, dtype=_BAND)
        share = np.zeros((_MAX_ROWS, max(self._ntiers, 1)))
        st = lib.career_simulate(
            self._ptr, opts, sim,
            ffi.cast("career_band *", ffi.from_buffer(bands)), _MAX_ROWS,
            _buffer(share), share.size)
        if raised:
            raise raised[0]
        if st == _CANCELLED:
            raise CancelledError("simulate: cancelled by the progress callback", st)
        if st != OK:
            where = ", ".join(f"{k} = {v!r}" for k, v in given.items())
            raise _error(st, f"simulate: {where}" if where else "simulate")
        n = _written(bands)
        bands = _frame(recfunctions.repack_fields(bands[:n]), as_frame)
        if not tier_share:
            return bands
        share = share[:n, :self._ntiers].copy()
        if as_frame:
            import pandas
            share = pandas.DataFrame(share, columns=[t.name for t in self.tiers])
        return Simulation(bands, share)


# ---- projection rows, units ---------------------------------------------------

def _c_rows(rows):
    """Rows (a structured array or a DataFrame from project()) in the C
    struct's layout."""
    n = len(rows)
    out = np.zeros(n, dtype=_ROW)
    for name in _ROW.names:
        out[name] = np.asarray(rows[name])
    return out, ffi.cast("career_projection_row *", ffi.from_buffer(out))


def tier_years(rows, ntiers):
    """From projected rows: the first year whose tier is >= i, for each tier
    i < ntiers, or NEVER (career_projection_tier_years).

    >>> careerlib.tier_years(careerlib.Model().project(horizon=20), 4)
    [0, 3, 8, 12]"""
    ntiers = _args.integer(ntiers, "ntiers")
    keep, crows = _c_rows(rows)
    out = ffi.new("long[]", max(ntiers, 1))
    if ntiers < 0:
        raise ArgumentError(f"ntiers: must be >= 0 (got {ntiers})")
    _check(load().career_projection_tier_years(crows, len(keep), out, ntiers),
           f"tier_years: ntiers = {ntiers}")
    return [int(out[i]) for i in range(ntiers)]


def target_year(rows, target):
    """From projected rows: the first year whose salary is >= target, or
    NEVER (career_projection_target_year).

    >>> careerlib.target_year(careerlib.Model().project(), 150000)
    8"""
    target = _args.real(target, "target")
    keep, crows = _c_rows(rows)
    out = ffi.new("long *")
    _check(load().career_projection_target_year(crows, len(keep), target, out),
           f"target_year: target = {target!r}")
    return int(out[0])


def _period(p, name):
    """A career_period from "year", "annual", "hourly", ... (any case, as
    career_period_parse reads them), a Period member or its number."""
    if isinstance(p, (str, bytes)):
        out = ffi.new("career_period *")
        st = load().career_period_parse(_args.text(p, name), out)
        if st != OK:
            raise _error(st, f"{name}: {p!r} is not a period (year, month or hour)")
        return out[0]
    return _args.enum_value(ffi.typeof("career_period"), name, p)


def convert_period(amount, from_period, to_period, hours_per_week=None,
                   weeks_per_year=None):
    """An amount per ``from_period`` as an amount per ``to_period`` ("year",
    "month", "hour", a Period or its number); hours default to 40 x 52
    (career_convert_period; looped over ``amount``).

    >>> careerlib.convert_period(208000, "year", "hour")
    100.0
    >>> careerlib.convert_period(50, "hour", "year", hours_per_week=20)
    52000.0"""
    lib = load()
    hours = ffi.new("career_hours *")
    given = {k: v for k, v in (("hours_per_week", hours_per_week),
                               ("weeks_per_year", weeks_per_year)) if v is not None}
    _fill(hours, "career_hours", given)
    f, t = _period(from_period, "from_period"), _period(to_period, "to_period")
    probe = ffi.new("double *")
    hour, year = _PERIOD_HOUR, _PERIOD_YEAR
    st = lib.career_convert_period(1.0, hour, year, hours, probe)
    if st != OK:
        def trial(sub):
            one = ffi.new("career_hours *")
            _fill(one, "career_hours", sub)
            return lib.career_convert_period(1.0, hour, year, one, probe)
        raise _blame("convert_period", st, trial, given)
    return _loop(lambda a, r: lib.career_convert_period(a, f, t, hours, r),
                 "convert_period", ["amount"], [amount])


def annual_rate(growth, years):
    """The annual rate (1 + growth)^(1/years) - 1 (career_annual_rate;
    looped in Python, as C has no batch form).

    >>> round(float(careerlib.annual_rate(0.10, 10)), 9)
    0.009576583"""
    fn = load().career_annual_rate
    return _loop(fn, "annual_rate", ["growth", "years"], [growth, years])


def library_version():
    """The version of the libcareer actually loaded (career_version_string):
    the same as careerlib.__version__, the version of the career.h the
    declarations come from, unless another minor release is loaded.

    >>> careerlib.library_version().split(".")[0]
    '1'"""
    return ffi.string(load().career_version_string()).decode()
