"""Pay transparency and pay equity (lib/pay/equity*.c): the EU and UK gender
pay gap reports, the adjusted gap, its Oaxaca-Blinder decomposition and the
cheapest remedy, a pandas DataFrame in and DataFrames out.

Every gap is a fraction of the men's figure, (M - F) / M, positive when men
are paid more; a gap that cannot be formed is NaN, with a status naming why
("no_women", "men_zero", ...). Money is in the caller's currency; raises are
integer cents.
"""
import collections
import collections.abc
import math
import os

import numpy as np

from . import _args, _cdef
from ._core import OK, _check, _error, _pandas
from ._errors import ArgumentError, NotFoundError
from ._library import ffi, load

_ALL = _cdef.CONSTANTS["CAREER_EQUITY_ALL"]
_INTERCEPT = _cdef.CONSTANTS["CAREER_OAXACA_INTERCEPT"]
_NO_ADJUSTED = _cdef.CONSTANTS["CAREER_EQUITY_NO_ADJUSTED"]
_DROP = _cdef.CONSTANTS["CAREER_EQUITY_DROP"]
_REDUCED_PAY = _cdef.CONSTANTS["CAREER_WORKER_REDUCED_PAY"]
_NO_RAISE = _cdef.CONSTANTS["CAREER_WORKER_NO_RAISE"]
_EU_ASSESS = _cdef.CONSTANTS["CAREER_EU_ASSESS"]
_EU_UNEXPLAINED = _cdef.CONSTANTS["CAREER_EU_UNEXPLAINED"]
_EU_OVER = _cdef.CONSTANTS["CAREER_EU_OVER"]
_EU_SUPPRESSED = _cdef.CONSTANTS["CAREER_EU_SUPPRESSED"]
_ANY_SEX = _cdef.CONSTANTS["CAREER_REMEDY_ANY_SEX"]
_WITHIN = _cdef.CONSTANTS["CAREER_REMEDY_WITHIN"]
_UNMET = _cdef.CONSTANTS["CAREER_REMEDY_UNMET"]
_NUMERIC = ffi.typeof("career_factor_kind").relements["CAREER_FACTOR_NUMERIC"]
_CATEGORICAL = ffi.typeof("career_factor_kind").relements["CAREER_FACTOR_CATEGORICAL"]
_SEX_T = ffi.typeof("career_sex")
_GAP_T = ffi.typeof("career_gap_status")
_REF_T = ffi.typeof("career_oaxaca_reference")
_PERIOD_T = ffi.typeof("career_pay_period")
_BANDS = ("lower", "lower middle", "upper middle", "upper")

Sex = _args._enum_class(
    "career_sex", "Sex",
    "A worker's sex as the employer records it (career_sex): NOT_GIVEN, "
    "FEMALE, MALE. The sex column of a Workforce takes these, their numbers, "
    "or the C reader's words (F, female, W, woman; M, male, man; empty, X, "
    "U, N, NA, 'not given', 'unknown' or None for not given).\n\n"
    ">>> careerlib.Sex.FEMALE, int(careerlib.Sex.MALE)\n(<Sex.FEMALE: 1>, 2)")
PayPeriod = _args._enum_class(
    "career_pay_period", "PayPeriod",
    "The period of a worker's ordinary pay (career_pay_period): YEAR, MONTH, "
    "HOUR, WEEK (see pay_period for the words it reads).\n\n"
    ">>> careerlib.pay_period('weekly')\n<PayPeriod.WEEK: 3>")
GapStatus = _args._enum_class(
    "career_gap_status", "GapStatus",
    "Why a gap is NaN (career_gap_status): OK, NO_WOMEN, NO_MEN, MEN_ZERO, "
    "TOO_FEW, NOT_ASKED, CONFOUNDED. Reports give it by name.\n\n"
    ">>> careerlib.GapStatus(1).name\n'NO_WOMEN'")
Reference = _args._enum_class(
    "career_oaxaca_reference", "Reference",
    "The Oaxaca-Blinder twofold's reference coefficients "
    "(career_oaxaca_reference): POOLED (Jann 2008; also 'jann'), NEUMARK, "
    "REIMERS, COTTON, GROUP_A (Oaxaca 1973: the men's; also 'a'), GROUP_B "
    "(Blinder 1973: the women's; also 'b').\n\n"
    ">>> careerlib.Reference.NEUMARK\n<Reference.NEUMARK: 1>")
for _cls in (Sex, PayPeriod, GapStatus, Reference):
    _args.ENUMS[_cls._ctype] = _cls

# The career-equity tool's names for the references (--decompose REF).
_REF_ALIASES = {"jann": "pooled", "a": "group_a", "b": "group_b",
                "oaxaca": "group_a", "blinder": "group_b"}

_FEMALE_WORDS = {"f", "female", "w", "woman"}
_MALE_WORDS = {"m", "male", "man"}
_NOT_GIVEN_WORDS = {"", "x", "u", "n", "na", "not given", "unknown"}
_TRUE_WORDS = {"1", "yes", "true"}
_FALSE_WORDS = {"0", "no", "false"}


def _worker_dtype():
    """career_worker's layout, its pointers (id, factors) as addresses."""
    t = ffi.typeof("career_worker")
    names, formats, offsets = [], [], []
    for name, f in t.fields:
        if name.startswith("reserved"):
            continue
        if f.type.kind == "pointer":
            formats.append(np.dtype(np.uintp))
        elif f.type.kind == "enum":
            formats.append(np.dtype(f"i{ffi.sizeof(f.type)}"))
        elif f.type.cname == "double":
            formats.append(np.dtype(np.float64))
        else:
            unsigned = int(ffi.cast(f.type, -1)) > 0
            formats.append(np.dtype(f"{'u' if unsigned else 'i'}{ffi.sizeof(f.type)}"))
        names.append(name)
        offsets.append(f.offset)
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": ffi.sizeof(t)})


_WORKER = _worker_dtype()


def _copy_rows(src):
    """A copy of worker rows, byte for byte: numpy's copy of a structured
    array leaves the gaps (the reserved slots, which C requires zero)
    unset."""
    out = np.zeros(len(src), dtype=_WORKER)
    if len(src):
        ffi.memmove(ffi.from_buffer(out), ffi.from_buffer(src), src.nbytes)
    return out


def _fields(ctype):
    return [n for n, _ in ffi.typeof(ctype).fields if not n.startswith("reserved")]


def _status_name(value):
    return _args.enum_name(_GAP_T, int(value))


def _nan_none(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


# ---- the options ------------------------------------------------------------

def _options(threshold=None, suppress=None, adjusted=True, drop=False,
             reference=None, bootstrap=None, seed=None):
    """A career_equity_options from keywords (None: the library's default)."""
    opts = ffi.new("career_equity_options *")
    if isinstance(reference, str):
        reference = _REF_ALIASES.get(reference.lower(), reference)
    _args.fill(opts, "career_equity_options",
               dict(threshold=threshold, suppress=suppress, reference=reference,
                    bootstrap=bootstrap, seed=seed))
    if not isinstance(adjusted, (bool, np.bool_)) or not isinstance(drop, (bool, np.bool_)):
        raise TypeError("adjusted and drop must be True or False")
    opts.flags = (0 if adjusted else _NO_ADJUSTED) | (_DROP if drop else 0)
    return opts


# ---- the columns of a DataFrame into C's workers ----------------------------

def _frame_columns(frame):
    """name -> column of a DataFrame, a mapping or a structured array."""
    if hasattr(frame, "columns") and hasattr(frame, "index"):
        return {str(k): frame[k] for k in frame.columns}
    if isinstance(frame, np.ndarray) and frame.dtype.names:
        return {k: frame[k] for k in frame.dtype.names}
    if isinstance(frame, collections.abc.Mapping):
        return dict(frame)
    raise TypeError("workers must be a pandas DataFrame, a mapping of columns or a "
                    f"structured array, not {type(frame).__name__}")


def _objects(column):
    """A column as a 1-D object array (pandas NA and NaN kept)."""
    if hasattr(column, "to_numpy"):
        return column.to_numpy(dtype=object)
    return np.asarray(column, dtype=object).reshape(-1)


def _missing(v):
    if v is None:
        return True
    try:
        return bool(v != v)  # NaN, pd.NA raises
    except TypeError:
        return True


def _word(v):
    if isinstance(v, bytes):
        v = v.decode()
    return v.strip().lower() if isinstance(v, str) else None


def _sexes(column, n):
    out = np.empty(n, dtype=np.int64)
    for i, v in enumerate(_objects(column)):
        if isinstance(v, (str, bytes)):
            w = _word(v)
            if "\0" in w:
                raise ValueError(f"workers.sex[{i}]: embedded null byte")
            if w in _FEMALE_WORDS:
                out[i] = 1
            elif w in _MALE_WORDS:
                out[i] = 2
            elif w in _NOT_GIVEN_WORDS:
                out[i] = 0
            else:
                raise ArgumentError(f"workers.sex[{i}]: {v!r} is not a sex (F, female, "
                                    "W, woman; M, male, man; or not given)")
        elif _missing(v):
            out[i] = 0
        else:
            out[i] = _args.enum_value(_SEX_T, f"workers.sex[{i}]", v)
    return out


def _periods(column, n, default):
    if column is None:
        return np.full(n, default, dtype=np.int64)
    lib = load()
    out = np.empty(n, dtype=np.int64)
    cache = {}
    p = ffi.new("career_pay_period *")
    for i, v in enumerate(_objects(column)):
        if _missing(v) or (isinstance(v, (str, bytes)) and _word(v) == ""):
            out[i] = default
        elif isinstance(v, (str, bytes)):
            if v not in cache:
                data = _args.text(v, f"workers.period[{i}]")
                if lib.career_pay_period_parse(data, p) != OK:
                    raise ArgumentError(f"workers.period[{i}]: {v!r} is not a period "
                                        "(year, month, week or hour)")
                cache[v] = p[0]
            out[i] = cache[v]
        else:
            out[i] = _args.enum_value(_PERIOD_T, f"workers.period[{i}]", v)
    return out


def _booleans(column, n, default, name):
    if column is None:
        return np.full(n, default, dtype=bool)
    out = np.empty(n, dtype=bool)
    for i, v in enumerate(_objects(column)):
        if isinstance(v, (str, bytes)):
            w = _word(v)
            if w == "":
                out[i] = default
            elif w in _TRUE_WORDS:
                out[i] = True
            elif w in _FALSE_WORDS:
                out[i] = False
            else:
                raise ArgumentError(f"workers.{name}[{i}]: {v!r} is not 1, 0, yes, no, "
                                    "true or false")
        elif _missing(v):
            out[i] = default
        elif isinstance(v, (bool, np.bool_)) or (isinstance(v, (int, float, np.number))
                                                  and v in (0, 1)):
            out[i] = bool(v)
        else:
            raise ArgumentError(f"workers.{name}[{i}]: {v!r} is not a boolean")
    return out


def _numbers(column, n, name, default=None):
    if column is None:
        if default is None:
            raise KeyError(f"workers: no {name!r} column")
        return np.full(n, _args.real(default, name), dtype=np.float64)
    a = _args.doubles(np.asarray(column), f"workers.{name}")
    if a.shape != (n,):
        raise ValueError(f"workers.{name}: one value per worker ({n}), not shape {a.shape}")
    if default is not None:
        a = np.where(np.isnan(a), _args.real(default, name), a)
    return a


def _levels(column, name):
    """(level names, codes as float64; NaN for a missing cell) of a
    categorical column: a pandas Categorical's own categories, else the
    values in their first row's order (as the C reader orders them)."""
    cat = getattr(column, "cat", None)
    if cat is not None and hasattr(column, "dtype") and str(column.dtype) == "category":
        names = [str(c) for c in cat.categories]
        codes = cat.codes.to_numpy().astype(np.float64)
        codes[codes < 0] = np.nan
        return names, codes
    values = _objects(column)
    index, names = {}, []
    codes = np.empty(len(values), dtype=np.float64)
    for i, v in enumerate(values):
        if _missing(v) or (isinstance(v, str) and v == ""):
            codes[i] = np.nan
            continue
        key = v.decode() if isinstance(v, bytes) else str(v)
        if "\0" in key:
            raise ValueError(f"workers.{name}[{i}]: embedded null byte")
        if key not in index:
            index[key] = len(names)
            names.append(key)
        codes[i] = index[key]
    return names, codes


def _is_numeric(column):
    dtype = getattr(column, "dtype", None)
    if dtype is None:
        dtype = np.asarray(column).dtype
    return getattr(dtype, "kind", "O") in "fiub"


def _category_index(value, categories, name="category"):
    """CAREER_EQUITY_ALL for None, else the index of a name or an index."""
    if value is None:
        return _ALL
    if isinstance(value, (str, bytes)):
        key = value.decode() if isinstance(value, bytes) else value
        if key not in categories:
            raise NotFoundError(f"{name}: {value!r} is not a category ({', '.join(categories)})")
        return categories.index(key)
    i = _args.integer(value, name)
    if not 0 <= i < len(categories):
        raise NotFoundError(f"{name}: {i} is not a category index (0 to {len(categories) - 1})")
    return i


# ---- the results ------------------------------------------------------------

_EU_FIELDS = [f for f in _fields("career_eu_report")
              if f not in ("quartile_women", "quartile_men")]


class EuSummary(collections.namedtuple("EuSummary", _EU_FIELDS + ["quartiles"])):
    """The EU report over the workforce (career_eu_report, Article 9(1)
    (a)-(f)): counts, the mean and median gaps of annual and hourly pay and
    of variable pay, the shares of each sex paid variable pay, ``status``
    and ``variable_status`` by name ("ok" or why the gaps are NaN), the
    number of categories Article 10 flags (assess, unexplained), and
    ``quartiles``: a DataFrame of the women's and men's shares in each band.

    >>> wf = careerlib.Workforce.open("examples/equity/employees.csv")
    >>> s = wf.eu_report().summary
    >>> s.workers, s.women, s.men, round(s.mean_gap_hourly, 4), s.status
    (500, 256, 239, 0.2101, 'ok')"""

    __slots__ = ()


EuReport = collections.namedtuple("EuReport", "summary categories")
EuReport.__doc__ = """Workforce.eu_report(): summary, an EuSummary; categories, one row
per category of workers (career_eu_category, point (g) and Article 10),
indexed by its name: counts, mean hourly and annual pay levels of each
sex, the gaps (hourly, annual, basic, variable), the adjusted gap, the
statuses by name, and the flags as booleans (joint_assessment,
unexplained, over_threshold, suppressed).

>>> wf = careerlib.Workforce.open("examples/equity/employees.csv")
>>> summary, categories = wf.eu_report()
>>> categories.loc["Engineering", ["women", "men", "joint_assessment"]].tolist()
[77, 80, True]"""

_UK_FIELDS = [f for f in _fields("career_uk_report")
              if f not in ("quartile_women", "quartile_men")]


class UkReport(collections.namedtuple("UkReport", _UK_FIELDS + ["quartiles"])):
    """The UK report (career_uk_report, regulations 8 to 13): counts of
    relevant, full-pay relevant and bonus-paid employees of each sex, the
    mean and median hourly and bonus gaps, the bonus shares, ``status`` and
    ``bonus_status`` by name, and ``quartiles`` (a DataFrame). Fractions;
    service_percent() gives them as the government's service takes them.

    >>> uk = careerlib.Workforce.open("examples/equity/employees.csv").uk_report()
    >>> round(uk.mean_hourly_gap, 4), uk.quartiles.loc["upper", "women"].round(4)
    (0.2101, 0.2437)"""

    __slots__ = ()

    def service_percent(self):
        """The gaps, shares and quartiles as percentages to one decimal
        place, halves away from zero (gpg_percent), as a dict.

        >>> uk = careerlib.Workforce.open("examples/equity/employees.csv").uk_report()
        >>> uk.service_percent()["mean_hourly_gap"]
        21.0"""
        out = {f: gpg_percent(getattr(self, f)) for f in self._fields
               if f.endswith(("_gap", "_share_women", "_share_men"))}
        for band in self.quartiles.index:
            out[f"quartile_women[{band}]"] = gpg_percent(self.quartiles.loc[band, "women"])
            out[f"quartile_men[{band}]"] = gpg_percent(self.quartiles.loc[band, "men"])
        return out


Fit = collections.namedtuple("Fit", _fields("career_equity_fit"))
Fit.__doc__ = """Workforce.regress(): the least squares of ln hourly pay level on an
intercept, the factors and a female indicator (career_equity_fit): rows
used (n), coefficients (columns), dropped factor columns, the female
coefficient c with its std_error, t and two-sided p_value, r_squared,
and adjusted_gap = 1 - e^c.

>>> wf = careerlib.Workforce.open("examples/equity/employees.csv", factors=["years", "tier"])
>>> fit = wf.regress()
>>> fit.n, fit.columns, round(fit.adjusted_gap, 4)
(495, 4, 0.0662)"""

_OAXACA_FIELDS = _fields("career_oaxaca")


class DecompositionSummary(collections.namedtuple("DecompositionSummary", _OAXACA_FIELDS)):
    """The aggregate Oaxaca-Blinder figures (career_oaxaca): group sizes
    n_a (the men, A) and n_b (the women, B), the means and their gap, the
    threefold endowments, coefficients and interaction, the twofold
    explained and unexplained against ``reference`` (its name), their
    bootstrap standard errors (NaN without bootstrap=), and with the
    pooled reference the women's indicator coefficient.

    >>> d = careerlib.oaxaca([3.0, 3.1, 3.25, 3.3, 3.45, 2.9, 2.95, 3.05, 3.15],
    ...                      [1, 1, 1, 1, 1, 0, 0, 0, 0], [1, 3, 5, 7, 9, 0, 2, 4, 6])
    >>> d.summary.reference, round(d.summary.gap, 4), round(d.summary.explained, 6)
    ('pooled', 0.2075, 0.101667)"""

    __slots__ = ()


Decomposition = collections.namedtuple("Decomposition", "summary terms")
Decomposition.__doc__ = """Workforce.decompose() and oaxaca(): summary, a
DecompositionSummary; terms, the detailed decomposition
(career_oaxaca_term), one row per term: the intercept, each numeric
factor and each level of a categorical one (its coefficients normalised
to sum to zero), indexed by the term's name as career-equity names it
("(intercept)", "years", "tier=senior"), with columns factor, level,
the means, the coefficients of A, B and the reference, the threefold
and twofold parts and their standard errors. The terms add up to the
summary's figures.

>>> d = careerlib.oaxaca([3.0, 3.1, 3.25, 3.3, 3.45, 2.9, 2.95, 3.05, 3.15],
...                      [1, 1, 1, 1, 1, 0, 0, 0, 0], {"x": [1, 3, 5, 7, 9, 0, 2, 4, 6]})
>>> d.terms["coefficients"].round(4).to_dict()
{'(intercept)': 0.06, 'x': 0.0375}"""

_REMEDY_FIELDS = [f for f in _fields("career_remedy") if f != "flags"]


class RemedySummary(collections.namedtuple("RemedySummary",
                                           _REMEDY_FIELDS + ["within", "unmet"])):
    """What the cheapest remedy costs (career_remedy): the adjusted gaps and
    female coefficients before and after, raised_sex by name ("female",
    "male", or "not_given" when no one is raised), how many are raised,
    cost_cents (the raises' sum, exactly) and floor_cents, the KKT
    multiplier, the uniform rate that reaches the target instead and its
    cost, and the flags as booleans: within (the target held already) and
    unmet (the rules cannot reach it).

    >>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
    ...                               factors=["years", "tier", "location"], categorical=["tier"])
    >>> s = wf.remedy(0.05, max_raise=0.15, category="Operations").summary
    >>> s.raised_sex, s.raised, s.cost_cents, s.uniform_cost_cents
    ('female', 23, 11902287, 17082655)"""

    __slots__ = ()


Remedy = collections.namedtuple("Remedy", "raises summary")
Remedy.__doc__ = """Workforce.remedy(): raises, one row per worker (indexed by id), with
the worker's category and sex and raise_cents, the raise to annual
ordinary pay in integer cents (0 for those not raised); summary, a
RemedySummary whose cost_cents is raises["raise_cents"].sum().

>>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
...                               factors=["years", "tier", "location"], categorical=["tier"])
>>> raises, summary = wf.remedy(0.05, max_raise=0.15, category="Operations")
>>> int(raises["raise_cents"].sum()) == summary.cost_cents
True"""


# ---- the workforce ----------------------------------------------------------

class Workforce:
    """A workforce for the pay-gap reports (career_workforce): its workers
    (id, sex, category, ordinary pay per period, weekly hours, variable pay
    or bonus, full_pay, no_raise) and the factors of the adjusted analysis.
    Built from a DataFrame, or read by the C reader from a CSV or .xlsx file
    (open) or bytes (read). Immutable; the library checks it whole at
    construction, naming the worker and the field ("workers[3].hours: must be
    > 0 and <= 168 (got 0)").

    Columns of the DataFrame (any extra ones are ignored):
      sex       F/female/W/woman, M/male/man, empty/None/X/U/N/NA for not
                given; or careerlib.Sex members, or 0, 1, 2
      pay       ordinary pay per period, >= 0
      hours     weekly hours, in (0, 168]; or hours= for every worker
      period    optional: year, month, week or hour (the words of
                pay_period, PayPeriod members); default period=
      id        optional: names the worker (else the frame's index)
      category  optional: the category of workers (a pandas Categorical's
                categories in order, else in their first row's order);
                without it one category, "all"
      bonus     optional: variable pay over the year, >= 0 (default 0)
      full_pay  optional: True/1/yes (default) or False/0/no (UK: on reduced
                pay because of leave)
      no_raise  optional: True for a worker the remedy never raises
    and ``factors``, the columns of the adjusted analysis: numeric when the
    column is numbers and not named in ``categorical``, else categorical
    (levels as categories are ordered).

    >>> import pandas as pd
    >>> staff = pd.DataFrame({"sex": ["F", "M", "F", "M"], "pay": [50000, 60000, 25, 30],
    ...                       "period": ["year", "year", "hour", "hour"], "hours": 40})
    >>> wf = careerlib.Workforce(staff)
    >>> len(wf), wf.categories, round(wf.eu_report().summary.mean_gap_hourly, 4)
    (4, ['all'], 0.1667)"""

    __slots__ = ("_rows", "_values", "_keep", "_wf", "_ids", "_categories",
                 "_factors", "_file_rows", "_source")

    def __init__(self, workers, factors=(), categorical=(), period="year", hours=None):
        cols = _frame_columns(workers)
        factors = [factors] if isinstance(factors, str) else list(factors)
        categorical = [categorical] if isinstance(categorical, str) else list(categorical)
        for name in categorical:
            if name not in factors:
                raise ArgumentError(f"categorical: {name!r} is not one of the factors")
        for need in ("sex", "pay"):
            if need not in cols:
                raise KeyError(f"workers: no {need!r} column")
        n = len(_objects(cols["pay"]))
        if n == 0:
            raise ArgumentError("workers: no workers (at least 1 is needed)")
        if "id" in cols:
            ids = ["" if _missing(v) else str(v) for v in _objects(cols["id"])]
        elif hasattr(workers, "index"):
            ids = [str(v) for v in workers.index]
        else:
            ids = [str(i) for i in range(n)]
        if "category" in cols:
            categories, cat_codes = _levels(cols["category"], "category")
            if np.any(np.isnan(cat_codes)):
                i = int(np.argmax(np.isnan(cat_codes)))
                raise ArgumentError(f"workers.category[{i}]: empty (every worker needs "
                                    "a category)")
        else:
            categories, cat_codes = ["all"], np.zeros(n)
        rows = np.zeros(n, dtype=_WORKER)
        rows["sex"] = _sexes(cols["sex"], n)
        rows["category"] = cat_codes.astype(np.uintp)
        rows["pay"] = _numbers(cols["pay"], n, "pay")
        rows["period"] = _periods(cols.get("period"), n,
                                  _args.enum_value(_PERIOD_T, "period", period))
        rows["hours"] = _numbers(cols.get("hours"), n, "hours", hours)
        rows["bonus"] = _numbers(cols.get("bonus"), n, "bonus", 0.0)
        full = _booleans(cols.get("full_pay"), n, True, "full_pay")
        no_raise = _booleans(cols.get("no_raise"), n, False, "no_raise")
        rows["flags"] = np.where(full, 0, _REDUCED_PAY) | np.where(no_raise, _NO_RAISE, 0)
        values = np.zeros((n, len(factors)), dtype=np.float64)
        specs = []
        for j, name in enumerate(factors):
            if name not in cols:
                raise KeyError(f"factors: no {name!r} column in workers")
            col = cols[name]
            if name not in categorical and _is_numeric(col):
                values[:, j] = _numbers(col, n, name)
                specs.append((name, None))
            else:
                levels, codes = _levels(col, name)
                values[:, j] = codes
                specs.append((name, levels))
        self._setup(rows, values, ids, categories, specs, None, "<DataFrame>")

    # -- construction -------------------------------------------------------

    @classmethod
    def _new(cls, rows, values, ids, categories, specs, file_rows, source):
        self = cls.__new__(cls)
        self._setup(rows, values, ids, categories, specs, file_rows, source)
        return self

    def _setup(self, rows, values, ids, categories, specs, file_rows, source):
        """Points rows at the ids and the factor values, builds the
        career_workforce and has the library check it whole."""
        n, nf = values.shape
        keep = []
        blob = b"".join(_args.text(s, f"workers.id[{i}]") + b"\0" for i, s in enumerate(ids))
        idbuf = ffi.new("char[]", blob or b"\0")
        keep.append(idbuf)
        base = int(ffi.cast("uintptr_t", idbuf))
        lengths = np.fromiter((len(s.encode("utf-8", "surrogateescape")) + 1 for s in ids),
                              dtype=np.uintp, count=n)
        rows["id"] = base + np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.uintp)
        values = np.ascontiguousarray(values, dtype=np.float64)
        if nf:
            vbase = values.__array_interface__["data"][0]
            rows["factors"] = vbase + np.arange(n, dtype=np.uintp) * np.uintp(8 * nf)
        else:
            rows["factors"] = 0
        cnames = [ffi.new("char[]", _args.text(c, "categories")) for c in categories]
        keep.append(cnames)
        cats = ffi.new("const char *[]", cnames)
        keep.append(cats)
        cf = ffi.new("career_factor[]", max(nf, 1))
        keep.append(cf)
        for j, (name, levels) in enumerate(specs):
            cname = ffi.new("char[]", _args.text(name, "factors"))
            keep.append(cname)
            cf[j].name = cname
            if levels is None:
                cf[j].kind = _NUMERIC
            else:
                cf[j].kind = _CATEGORICAL
                cf[j].levels = len(levels)
                lnames = [ffi.new("char[]", _args.text(v, f"{name} levels")) for v in levels]
                larr = ffi.new("const char *[]", lnames) if lnames else ffi.NULL
                keep += [lnames, larr]
                cf[j].level_names = larr
        wf = ffi.new("career_workforce *")
        wf.workers = ffi.cast("career_worker *", rows.__array_interface__["data"][0])
        wf.n = n
        wf.categories = cats
        wf.ncategories = len(categories)
        wf.factors = cf if nf else ffi.NULL
        wf.nfactors = nf
        self._rows, self._values, self._keep, self._wf = rows, values, keep, wf
        self._ids, self._categories, self._factors = list(ids), list(categories), specs
        self._file_rows, self._source = file_rows, source
        out = ffi.new("career_uk_report *")
        err = ffi.new("career_error *")
        _check(load().career_uk_report_compute(wf, out, err), "Workforce", err)

    @classmethod
    def open(cls, path, factors=(), categorical=(), columns=None, period="year", hours=None):
        """A workforce read by the C reader (career_workforce_open) from a
        CSV file or the first sheet of an .xlsx: the header names the
        columns (any case, any order; the brief's names, or others through
        ``columns``, a dict like {"sex": "gender", "category": "dept"}).
        ``factors`` are the columns of the adjusted analysis, read as levels
        when a cell is not a number or the factor is in ``categorical``;
        ``period`` and ``hours`` stand in for missing columns. Errors are
        ParseError naming the file, row and column.

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
        ...                               factors=["years", "tier"], categorical=["tier"])
        >>> len(wf), wf.categories, wf.levels("tier")
        (500, ['Engineering', 'Sales', 'Operations', 'Support'], ['1', '0', '2', '3'])"""
        cpath = _args.path(path)
        return cls._read(lambda cols, out, err: load().career_workforce_open(
            cpath, cols, out, err), factors, categorical, columns, period, hours,
            os.fsdecode(cpath))

    @classmethod
    def read(cls, data, name=None, factors=(), categorical=(), columns=None,
             period="year", hours=None):
        """The same as open for a table in memory (CSV text as str or bytes;
        career_workforce_open_memory); ``name`` labels it in errors.

        >>> wf = careerlib.Workforce.read("sex,pay,hours\\nF,50000,40\\nM,60000,40\\n")
        >>> round(wf.uk_report().mean_hourly_gap, 4)
        0.1667"""
        blob = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        cname = _args.cstr(name, "name")
        src = ffi.from_buffer(blob)
        label = "<table>" if name is None else str(name)
        return cls._read(lambda cols, out, err: load().career_workforce_open_memory(
            src, len(blob), cname, cols, out, err), factors, categorical, columns,
            period, hours, label)

    @classmethod
    def _read(cls, opener, factors, categorical, columns, period, hours, source):
        lib = load()
        factors = [factors] if isinstance(factors, str) else list(factors)
        categorical = [categorical] if isinstance(categorical, str) else list(categorical)
        cols = ffi.new("career_workforce_columns *")
        keep = []

        def cs(v, what):
            p = _args.cstr(v, what)
            keep.append(p)
            return p

        for field, name in (columns or {}).items():
            if field not in ("id", "sex", "category", "pay", "period", "hours", "bonus",
                             "full_pay"):
                raise TypeError(f"columns: unknown field {field!r} (id, sex, category, pay, "
                                "period, hours, bonus, full_pay)")
            setattr(cols, field, cs(name, f"columns[{field!r}]"))
        fl = [cs(f, "factors") for f in factors]
        cl = [cs(f, "categorical") for f in categorical]
        fa = ffi.new("const char *[]", fl) if fl else ffi.NULL
        ca = ffi.new("const char *[]", cl) if cl else ffi.NULL
        cols.factors, cols.nfactors = fa, len(fl)
        cols.categorical, cols.ncategorical = ca, len(cl)
        cols.period_default = _args.enum_value(_PERIOD_T, "period", period)
        if hours is not None:
            cols.hours_default = _args.real(hours, "hours")
        out = ffi.new("career_workforce_table **")
        err = ffi.new("career_error *")
        _check(opener(cols, out, err), "", err)
        table = out[0]
        try:
            wf = ffi.new("career_workforce *")
            lib.career_workforce_of(table, wf)
            n, nf = wf.n, wf.nfactors
            src = np.frombuffer(ffi.buffer(wf.workers, n * _WORKER.itemsize), dtype=_WORKER)
            rows = _copy_rows(src)
            values = np.zeros((n, nf))
            for i in range(n):
                if nf:
                    values[i] = ffi.unpack(wf.workers[i].factors, nf)
            ids = [ffi.string(wf.workers[i].id).decode("utf-8", "surrogateescape")
                   if wf.workers[i].id != ffi.NULL else "" for i in range(n)]
            cats = [ffi.string(wf.categories[c]).decode("utf-8", "surrogateescape")
                    if wf.categories != ffi.NULL else str(c) for c in range(wf.ncategories)]
            specs = []
            for j in range(nf):
                f = wf.factors[j]
                name = ffi.string(f.name).decode() if f.name != ffi.NULL else f"factors[{j}]"
                if f.kind == _NUMERIC:
                    specs.append((name, None))
                else:
                    specs.append((name, [ffi.string(f.level_names[k]).decode(
                        "utf-8", "surrogateescape") if f.level_names != ffi.NULL else str(k)
                        for k in range(f.levels)]))
            file_rows = np.array([lib.career_workforce_row(table, i) for i in range(n)],
                                 dtype=np.int64)
        finally:
            lib.career_workforce_close(table)
        return cls._new(rows, values, ids, cats, specs, file_rows, source)

    def _with_factors(self, names):
        """This workforce on a subset of its factors (None: all of them)."""
        if names is None:
            return self
        names = [names] if isinstance(names, str) else list(names)
        have = [name for name, _ in self._factors]
        for name in names:
            if name not in have:
                raise NotFoundError(f"factors: {name!r} is not a factor of the workforce "
                                    f"({', '.join(have) or 'none'})")
        if names == have:
            return self
        idx = [have.index(name) for name in names]
        return Workforce._new(_copy_rows(self._rows), self._values[:, idx].copy(), self._ids,
                              self._categories, [self._factors[k] for k in idx],
                              self._file_rows, self._source)

    # -- what it holds ------------------------------------------------------

    def __len__(self):
        return len(self._rows)

    def __repr__(self):
        return (f"<careerlib.Workforce {self._source}: {len(self)} workers, "
                f"{len(self._categories)} categories, factors {self.factors}>")

    @property
    def categories(self):
        """The names of the categories of workers, in index order.

        >>> careerlib.Workforce.open("examples/equity/employees.csv").categories[0]
        'Engineering'"""
        return list(self._categories)

    @property
    def factors(self):
        """The factors' names, in order.

        >>> careerlib.Workforce.open("examples/equity/employees.csv", factors=["years"]).factors
        ['years']"""
        return [name for name, _ in self._factors]

    def levels(self, factor):
        """The level names of a categorical factor (None for a numeric one).

        >>> careerlib.Workforce.open("examples/equity/employees.csv",
        ...                          factors=["location"]).levels("location")
        ['north', 'south', 'remote']"""
        for name, levels in self._factors:
            if name == factor:
                return None if levels is None else list(levels)
        raise NotFoundError(f"levels: {factor!r} is not a factor of the workforce")

    @property
    def ids(self):
        """The workers' ids, in order.

        >>> careerlib.Workforce.open("examples/equity/employees.csv").ids[:2]
        ['E0001', 'E0002']"""
        return list(self._ids)

    def to_frame(self):
        """The workers as the library holds them: a DataFrame indexed by id,
        with sex and period by name, category by name, pay, hours, bonus,
        full_pay, no_raise, the factors (a categorical factor's level names
        as a pandas Categorical), and for a workforce read from a file its
        row there (career_workforce_row).

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv", factors=["years"])
        >>> wf.to_frame().loc["E0002", ["sex", "pay", "period", "row"]].tolist()
        ['female', 7139.52, 'month', 3]"""
        pd = _pandas()
        r = self._rows
        frame = pd.DataFrame({
            "sex": [_args.enum_name(_SEX_T, int(v)) for v in r["sex"]],
            "category": pd.Categorical.from_codes(r["category"].astype(np.int64),
                                                  self._categories),
            "pay": r["pay"],
            "period": [_args.enum_name(_PERIOD_T, int(v)) for v in r["period"]],
            "hours": r["hours"], "bonus": r["bonus"],
            "full_pay": (r["flags"] & _REDUCED_PAY) == 0,
            "no_raise": (r["flags"] & _NO_RAISE) != 0,
        }, index=pd.Index(self._ids, name="id"))
        for j, (name, levels) in enumerate(self._factors):
            v = self._values[:, j]
            frame[name] = v if levels is None else pd.Categorical.from_codes(
                v.astype(np.int64), levels)
        if self._file_rows is not None:
            frame["row"] = self._file_rows
        return frame

    # -- the reports --------------------------------------------------------

    def eu_report(self, threshold=None, suppress=None, adjusted=True, drop=False):
        """The EU report of Directive 2023/970 (career_eu_report_compute):
        an EuReport(summary, categories). ``threshold`` is Article 10's gap
        (default 0.05), ``suppress`` Article 12(3)'s smallest group (default
        5), adjusted=False skips the regression per category.

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
        ...                               factors=["years", "tier", "location"],
        ...                               categorical=["tier"])
        >>> cats = wf.eu_report().categories
        >>> cats["adjusted_gap"].round(4).to_dict()
        {'Engineering': 0.0365, 'Sales': 0.0038, 'Operations': 0.0886, 'Support': 0.0113}"""
        lib = load()
        opts = _options(threshold, suppress, adjusted, drop)
        k = len(self._categories)
        report = ffi.new("career_eu_report *")
        cats = ffi.new("career_eu_category[]", k)
        err = ffi.new("career_error *")
        _check(lib.career_eu_report_compute(self._wf, opts, report, cats, k, err),
               "eu_report", err)
        values = {f: getattr(report, f) for f in _EU_FIELDS}
        values["status"] = _status_name(values["status"])
        values["variable_status"] = _status_name(values["variable_status"])
        summary = EuSummary(**values, quartiles=_quartiles(report))
        rows = []
        for c in range(k):
            x = cats[c]
            row = {f: getattr(x, f) for f in _fields("career_eu_category") if f != "flags"}
            row["status"] = _status_name(row["status"])
            row["adjusted_status"] = _status_name(row["adjusted_status"])
            row["joint_assessment"] = bool(x.flags & _EU_ASSESS)
            row["unexplained"] = bool(x.flags & _EU_UNEXPLAINED)
            row["over_threshold"] = bool(x.flags & _EU_OVER)
            row["suppressed"] = bool(x.flags & _EU_SUPPRESSED)
            rows.append(row)
        pd = _pandas()
        frame = pd.DataFrame(rows, index=pd.Index(self._categories, name="category"))
        return EuReport(summary, frame)

    def uk_report(self):
        """The UK report of SI 2017/172, regulations 8 to 13
        (career_uk_report_compute): a UkReport.

        >>> uk = careerlib.Workforce.open("examples/equity/employees.csv").uk_report()
        >>> uk.full_pay_women, uk.full_pay_men, uk.status
        (248, 231, 'ok')"""
        out = ffi.new("career_uk_report *")
        err = ffi.new("career_error *")
        _check(load().career_uk_report_compute(self._wf, out, err), "uk_report", err)
        values = {f: getattr(out, f) for f in _UK_FIELDS}
        values["status"] = _status_name(values["status"])
        values["bonus_status"] = _status_name(values["bonus_status"])
        return UkReport(**values, quartiles=_quartiles(out))

    def worker_info(self, ids=None, suppress=None):
        """Article 7: what each worker may ask for
        (career_worker_info_compute_n, one pass): a DataFrame indexed by the
        workers asked for (ids, positions as ints, or None for all), with
        their category, own annual and hourly pay level, the counts and mean
        pay levels of the women and men of their category (NaN, and
        suppressed True, when either group is under ``suppress``, default 5).

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv")
        >>> info = wf.worker_info(["E0002"])
        >>> info.loc["E0002", ["category", "annual", "women", "men", "suppressed"]].tolist()
        ['Engineering', 85674.24, 77, 80, False]"""
        n = len(self)
        if ids is None:
            index = np.arange(n, dtype=np.uintp)
            labels = self._ids
        else:
            seq = [ids] if isinstance(ids, (str, bytes, int, np.integer)) else list(ids)
            where = {}
            for i, s in enumerate(self._ids):
                where.setdefault(s, i)
            index = np.empty(len(seq), dtype=np.uintp)
            labels = []
            for k, v in enumerate(seq):
                if isinstance(v, (str, bytes)):
                    key = v.decode() if isinstance(v, bytes) else v
                    if key not in where:
                        raise NotFoundError(f"ids[{k}]: {v!r} is not a worker's id")
                    index[k] = where[key]
                    labels.append(key)
                else:
                    i = _args.integer(v, f"ids[{k}]")
                    if not 0 <= i < n:
                        raise NotFoundError(f"ids[{k}]: worker {i}, and there are {n} workers")
                    index[k] = i
                    labels.append(self._ids[i])
        m = len(index)
        out = ffi.new("career_worker_info[]", max(m, 1))
        opts = _options(suppress=suppress)
        err = ffi.new("career_error *")
        _check(load().career_worker_info_compute_n(
            self._wf, opts, ffi.cast("size_t *", ffi.from_buffer(index)) if m else ffi.NULL,
            out, m, err), "worker_info", err)
        names = [f for f in _fields("career_worker_info") if f != "flags"]
        rows = []
        for k in range(m):
            row = {f: getattr(out[k], f) for f in names}
            row["category"] = self._categories[row["category"]]
            row["suppressed"] = bool(out[k].flags & _EU_SUPPRESSED)
            rows.append(row)
        pd = _pandas()
        return pd.DataFrame(rows, columns=names + ["suppressed"],
                            index=pd.Index(labels, name="id"))

    # -- the adjusted gap ---------------------------------------------------

    def regress(self, factors=None, category=None, drop=False):
        """The adjusted gap (career_equity_regress): least squares of ln
        hourly pay level on the ``factors`` (names; None: all the
        workforce's) and a female indicator, over ``category`` (a name or
        index; None: the whole workforce). A constant or collinear factor is
        FitError naming it, or dropped with drop=True. Returns a Fit.

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
        ...                               factors=["years", "tier"], categorical=["tier"])
        >>> round(wf.regress().adjusted_gap, 4), round(wf.regress(["years"]).adjusted_gap, 4)
        (0.0708, 0.115)"""
        wf = self._with_factors(factors)
        cat = _category_index(category, self._categories)
        out = ffi.new("career_equity_fit *")
        err = ffi.new("career_error *")
        _check(load().career_equity_regress(wf._wf, _options(drop=drop), cat, out, err),
               "regress", err)
        return Fit(*(getattr(out, f) for f in Fit._fields))

    def decompose(self, factors=None, reference="pooled", category=None, bootstrap=None,
                  seed=None, drop=False):
        """The Oaxaca-Blinder decomposition of the gap of mean ln hourly pay
        between the men (A) and the women (B) (career_equity_decompose), on
        ``factors`` (None: all), over ``category`` (None: all workers),
        twofold against ``reference`` (a Reference or its name, also
        career-equity's jann, a, b); standard errors from ``bootstrap``
        replications seeded by ``seed``. Returns a Decomposition.

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
        ...                               factors=["years", "tier", "location"],
        ...                               categorical=["tier"])
        >>> d = wf.decompose(reference="jann")
        >>> round(d.summary.gap, 4), round(d.summary.unexplained, 4), len(d.terms)
        (0.1971, 0.0721, 9)"""
        wf = self._with_factors(factors)
        cat = _category_index(category, self._categories)
        opts = _options(reference=reference, bootstrap=bootstrap, seed=seed, drop=drop)
        nterms = _nterms(wf._factors)
        out = ffi.new("career_oaxaca *")
        terms = ffi.new("career_oaxaca_term[]", nterms)
        err = ffi.new("career_error *")
        _check(load().career_equity_decompose(wf._wf, opts, cat, out, terms, nterms, err),
               "decompose", err)
        return _decomposition(out, terms, wf._factors)

    def remedy(self, target, max_raise=None, floor=None, any_sex=False, category=None,
               factors=None, drop=False):
        """The raises of least total cost that bring the adjusted gap of
        ``category`` (None: the whole workforce) within +-``target``
        (career_equity_remedy): each raise at most ``max_raise`` of ordinary
        pay, the raised sex lifted to an annual ``floor`` first, any_sex=True
        to raise anyone whose raise narrows the gap; workers with no_raise
        are never raised. Returns a Remedy(raises, summary), raises in cents.

        >>> wf = careerlib.Workforce.open("examples/equity/employees.csv",
        ...                               factors=["years", "tier", "location"],
        ...                               categorical=["tier"])
        >>> raises, s = wf.remedy(0.05, max_raise=0.15, category="Operations")
        >>> round(s.gap_before, 4), round(s.gap_after, 4), s.cost_cents / 100
        (0.0886, 0.05, 119022.87)"""
        wf = self._with_factors(factors)
        cat = _category_index(category, self._categories)
        if not isinstance(any_sex, (bool, np.bool_)):
            raise TypeError("any_sex must be True or False")
        rules = ffi.new("career_remedy_options *")
        _args.fill(rules, "career_remedy_options",
                   dict(target=target, max_raise=max_raise, floor=floor))
        rules.flags = _ANY_SEX if any_sex else 0
        n = len(self)
        raises = np.zeros(n, dtype=np.int64)
        out = ffi.new("career_remedy *")
        err = ffi.new("career_error *")
        _check(load().career_equity_remedy(wf._wf, _options(drop=drop), rules, cat, out,
                                           ffi.cast("int64_t *", ffi.from_buffer(raises)),
                                           n, err), "remedy", err)
        values = {f: getattr(out, f) for f in _REMEDY_FIELDS}
        values["raised_sex"] = _args.enum_name(_SEX_T, values["raised_sex"])
        summary = RemedySummary(**values, within=bool(out.flags & _WITHIN),
                                unmet=bool(out.flags & _UNMET))
        pd = _pandas()
        frame = pd.DataFrame({
            "category": pd.Categorical.from_codes(self._rows["category"].astype(np.int64),
                                                  self._categories),
            "sex": [_args.enum_name(_SEX_T, int(v)) for v in self._rows["sex"]],
            "raise_cents": raises}, index=pd.Index(self._ids, name="id"))
        return Remedy(frame, summary)


def _quartiles(report):
    pd = _pandas()
    return pd.DataFrame({"women": list(report.quartile_women),
                         "men": list(report.quartile_men)},
                        index=pd.Index(_BANDS, name="band"))


def _nterms(specs):
    return 1 + sum(1 if levels is None else len(levels) for _, levels in specs)


def _decomposition(out, terms, specs):
    values = {f: getattr(out, f) for f in _OAXACA_FIELDS}
    values["reference"] = _args.enum_name(_REF_T, values["reference"])
    summary = DecompositionSummary(**values)
    names = [f for f in _fields("career_oaxaca_term") if f not in ("factor", "level")]
    rows, labels = [], []
    for k in range(out.terms):
        t = terms[k]
        row = {f: getattr(t, f) for f in names}
        if t.factor == _INTERCEPT:
            labels.append("(intercept)")
            row["factor"], row["level"] = None, None
        else:
            name, levels = specs[t.factor]
            row["factor"] = name
            if levels is None:
                labels.append(name)
                row["level"] = None
            else:
                labels.append(f"{name}={levels[t.level]}")
                row["level"] = levels[t.level]
        rows.append(row)
    pd = _pandas()
    frame = pd.DataFrame(rows, columns=["factor", "level"] + names,
                         index=pd.Index(labels, name="term"))
    return Decomposition(summary, frame)


def oaxaca(y, groups, x, reference="pooled", categorical=(), bootstrap=None, seed=None,
           drop=False):
    """The Oaxaca-Blinder decomposition of the gap of mean ``y`` between
    group A (``groups`` true or non-zero) and group B
    (career_oaxaca_compute): ``x`` the explanatory columns, a DataFrame or
    mapping of named columns (categorical when not numbers or named in
    ``categorical``), or an array (n, or n x k, columns x0, x1, ...).
    ``reference`` a Reference or its name. Returns a Decomposition.

    >>> y = [3.00, 3.10, 3.25, 3.30, 3.45, 2.90, 2.95, 3.05, 3.15]
    >>> men = [1, 1, 1, 1, 1, 0, 0, 0, 0]
    >>> d = careerlib.oaxaca(y, men, {"x": [1, 3, 5, 7, 9, 0, 2, 4, 6]}, reference="neumark")
    >>> round(d.summary.explained, 6), round(d.summary.unexplained, 6)
    (0.115323, 0.092177)"""
    yv = _args.doubles(y, "y")
    if yv.ndim != 1:
        raise ValueError(f"y: a column of numbers, not shape {yv.shape}")
    n = len(yv)
    g = np.asarray(groups)
    if g.shape != (n,):
        raise ValueError(f"groups: one value per row of y ({n}), not shape {g.shape}")
    if g.dtype.kind == "b":
        gv = g.astype(np.uint8)
    else:
        gd = _args.doubles(g, "groups")
        if np.any(np.isnan(gd)):
            raise ArgumentError(f"groups[{int(np.argmax(np.isnan(gd)))}]: NaN is not a group")
        gv = (gd != 0).astype(np.uint8)
    categorical = [categorical] if isinstance(categorical, str) else list(categorical)
    if hasattr(x, "columns") or isinstance(x, collections.abc.Mapping):
        cols = _frame_columns(x)
    else:
        a = _args.doubles(x, "x")
        if a.ndim == 1:
            a = a[:, None]
        if a.ndim != 2:
            raise ValueError(f"x: n rows of k columns, not shape {a.shape}")
        cols = {f"x{j}": a[:, j] for j in range(a.shape[1])}
    specs = []
    values = np.zeros((n, len(cols)), dtype=np.float64)
    for j, (name, col) in enumerate(cols.items()):
        if len(_objects(col)) != n:
            raise ValueError(f"x.{name}: one value per row of y ({n})")
        if name not in categorical and _is_numeric(col):
            values[:, j] = _numbers(col, n, name)
            specs.append((name, None))
        else:
            levels, codes = _levels(col, name)
            values[:, j] = codes
            specs.append((name, levels))
    for name in categorical:
        if name not in cols:
            raise ArgumentError(f"categorical: {name!r} is not a column of x")
    keep = []
    cf = ffi.new("career_factor[]", max(len(specs), 1))
    for j, (name, levels) in enumerate(specs):
        cname = ffi.new("char[]", _args.text(name, "x columns"))
        keep.append(cname)
        cf[j].name = cname
        cf[j].kind = _NUMERIC if levels is None else _CATEGORICAL
        if levels is not None:
            cf[j].levels = len(levels)
    opts = _options(reference=reference, bootstrap=bootstrap, seed=seed, drop=drop)
    nterms = _nterms(specs)
    out = ffi.new("career_oaxaca *")
    terms = ffi.new("career_oaxaca_term[]", nterms)
    err = ffi.new("career_error *")
    values = np.ascontiguousarray(values)
    _check(load().career_oaxaca_compute(
        ffi.cast("double *", ffi.from_buffer(yv)),
        ffi.cast("unsigned char *", ffi.from_buffer(gv)),
        ffi.cast("double *", ffi.from_buffer(values)) if specs else ffi.NULL,
        n, cf if specs else ffi.NULL, len(specs), opts, out, terms, nterms, err),
        "oaxaca", err)
    return _decomposition(out, terms, specs)


def gpg_percent(fraction):
    """A fraction as the UK's gender pay gap service takes it
    (career_gpg_percent): a percentage to one decimal place, halves away
    from zero; NaN stays NaN. Arrays too (looped).

    >>> careerlib.gpg_percent(0.10749), careerlib.gpg_percent([-0.0125, 0.10785])
    (10.7, array([-1.3, 10.8]))"""
    lib = load()
    if np.ndim(fraction) == 0:
        return float(lib.career_gpg_percent(_args.real(fraction, "fraction")))
    a = _args.doubles(fraction, "fraction")
    out = np.empty_like(a)
    for i, v in enumerate(a.reshape(-1)):
        out.reshape(-1)[i] = lib.career_gpg_percent(float(v))
    return out


def pay_period(text):
    """The PayPeriod a word names (career_pay_period_parse): year, month,
    week, hour, also annual, yearly, monthly, weekly, hourly, any ASCII case.
    NotFoundError for anything else.

    >>> careerlib.pay_period("Annual"), careerlib.pay_period("hourly")
    (<PayPeriod.YEAR: 0>, <PayPeriod.HOUR: 2>)"""
    out = ffi.new("career_pay_period *")
    st = load().career_pay_period_parse(_args.text(text, "text"), out)
    if st != OK:
        raise _error(st, f"pay_period: {text!r} is not year, month, week or hour")
    return PayPeriod(out[0])
