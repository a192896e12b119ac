"""Pay structures and the merit cycle (lib/pay/): policies, ranges, one
cycle for a whole population and one employee through the years, as
pandas DataFrames."""
import collections
import collections.abc
import os

import numpy as np
from numpy.lib import recfunctions

from . import _args, _cdef
from ._core import (OK, _MAX_ROWS, _check, _error, _json_dumps, _pandas,
                    _row_dtype, _written)
from ._errors import ArgumentError, NotFoundError
from ._library import ffi, load

_TIER_FROM_YEARS = np.iinfo(np.uintp).max  # CAREER_TIER_FROM_YEARS, SIZE_MAX
_BUDGET_UNMET = _cdef.CONSTANTS["CAREER_MERIT_BUDGET_UNMET"]
_EMPLOYEE = _row_dtype("career_employee")
_RESULT = _row_dtype("career_merit_result")
_RANGE = _row_dtype("career_pay_range")
_CELL = _row_dtype("career_merit_cell")
_YEAR = _row_dtype("career_merit_year")


class Policy:
    """A merit policy (career-policy(5), career_merit_policy): the ratings,
    the position bands, the merit matrix, the limits and the budget.
    Immutable once loaded; any number of threads may use one.

    >>> policy = careerlib.Policy.load("examples/merit/policy.json")
    >>> policy.ratings
    ['unsatisfactory', 'below', 'meets', 'exceeds', 'outstanding']
    >>> policy.positions
    4
    """

    __slots__ = ("_ptr", "_name")

    def __init__(self, ptr, name):
        """Wraps a policy pointer (internal: use load, from_json, from_dict)."""
        self._ptr = ffi.gc(ptr, load().career_merit_policy_free)
        self._name = name

    @classmethod
    def load(cls, path):
        """A policy from a JSON file ("format": "career-merit-policy/1").
        ParseError names the file, line and column, or the JSON path
        ("matrix.exceeds[2]: must be >= 0 (got -0.01)").

        >>> careerlib.Policy.load("examples/merit/policy.json")
        <careerlib.Policy 'examples/merit/policy.json': 5 ratings, 4 positions>"""
        lib = load()
        cpath = _args.path(path)
        out = ffi.new("career_merit_policy **")
        err = ffi.new("career_error *")
        _check(lib.career_merit_policy_load_file(cpath, out, err), "", err)
        return cls(out[0], repr(os.fsdecode(cpath)))

    @classmethod
    def from_json(cls, text):
        """A policy from JSON text (str or bytes).

        >>> p = careerlib.Policy.from_json(open("examples/merit/policy.json").read())
        >>> p.rating_index("meets")
        2"""
        lib = load()
        ctext = _args.text(text)
        out = ffi.new("career_merit_policy **")
        err = ffi.new("career_error *")
        _check(lib.career_merit_policy_load_string(ctext, out, err), "", err)
        return cls(out[0], "<string>")

    @classmethod
    def from_dict(cls, d):
        """A policy from a dict in the JSON format (numpy numbers allowed).

        >>> careerlib.Policy.from_dict({"format": "career-merit-policy/1",
        ...     "ratings": ["low", "high"], "position": {"edges": [0.5]},
        ...     "matrix": {"low": [0.02, 0.01], "high": [0.05, 0.04]},
        ...     "budget": {"rate": 0.03}}).ratings
        ['low', 'high']"""
        return cls.from_json(_json_dumps(d, "d"))

    @property
    def ratings(self):
        """The ratings' names, lowest first (career_merit_rating_name).

        >>> careerlib.Policy.load("examples/merit/policy.json").ratings[-1]
        'outstanding'"""
        lib = load()
        n = lib.career_merit_rating_count(self._ptr)
        return [ffi.string(lib.career_merit_rating_name(self._ptr, i)).decode()
                for i in range(n)]

    @property
    def positions(self):
        """The number of position bands, the columns of the matrix.

        >>> careerlib.Policy.load("examples/merit/policy.json").positions
        4"""
        return int(load().career_merit_position_count(self._ptr))

    def rating_index(self, name):
        """The index of the rating called ``name`` (exact match);
        NotFoundError when the policy has none.

        >>> careerlib.Policy.load("examples/merit/policy.json").rating_index("exceeds")
        3"""
        out = ffi.new("size_t *")
        st = load().career_merit_rating_index(self._ptr, _args.cstr(name, "name"), out)
        if st != OK:
            raise _error(st, f"rating_index: {name!r} is not a rating of the policy "
                             f"({', '.join(self.ratings)})")
        return int(out[0])

    def __repr__(self):
        return (f"<careerlib.Policy {self._name}: {len(self.ratings)} ratings, "
                f"{self.positions} positions>")


_SUMMARY_FIELDS = [n for n, _ in ffi.typeof("career_merit_summary").fields
                   if not n.startswith("reserved")]


class MeritSummary(collections.namedtuple("MeritSummary", _SUMMARY_FIELDS)):
    """The cycle as a whole (career_merit_summary): money in integer cents
    (payroll_cents of the eligible, budget_cents, cost_cents, lift_cents,
    lump_cents), the matrix's scale k, the counts of employees with each
    result flag, and flags (budget_met is False when no k meets the budget:
    cost_cents then says how far it is).

    >>> import pandas as pd
    >>> staff = pd.read_csv("examples/merit/employees.csv", index_col="id")
    >>> policy = careerlib.Policy.load("examples/merit/policy.json")
    >>> s = careerlib.Model().merit_cycle(staff, policy).summary
    >>> s.budget_met, s.employees, s.eligible, s.budget_cents
    (True, 200, 192, 93147290)"""

    __slots__ = ()

    @property
    def budget_met(self):
        """True unless CAREER_MERIT_BUDGET_UNMET: the cost is the budget to
        the cent.

        >>> import pandas as pd
        >>> staff = pd.read_csv("examples/merit/employees.csv", index_col="id")
        >>> policy = careerlib.Policy.load("examples/merit/policy.json")
        >>> careerlib.Model().merit_cycle(staff, policy).summary.budget_met
        True"""
        return not (self.flags & _BUDGET_UNMET)


MeritCycle = collections.namedtuple("MeritCycle", "results summary distribution")
MeritCycle.__doc__ = """A merit cycle (Model.merit_cycle): results, one row per employee
(a DataFrame with the employees' index, or a structured array);
summary, a MeritSummary; distribution, the count, mean rate and merit
cost in cents of each rating and position (career_merit_distribution).

>>> import pandas as pd
>>> staff = pd.read_csv("examples/merit/employees.csv", index_col="id")
>>> policy = careerlib.Policy.load("examples/merit/policy.json")
>>> results, summary, distribution = careerlib.Model().merit_cycle(staff, policy)
>>> results.loc["E0001", "tier"], results.loc["E0001", "new_salary"]
(3, 129889.19)
>>> int(distribution["count"].sum()) == summary.eligible
True"""


def _need_policy(policy):
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a careerlib.Policy (see Policy.load), not "
                        f"{type(policy).__name__}")
    return policy


def pay_structure(model, policy, as_frame=True):
    """Model.pay_structure (see there)."""
    _need_policy(policy)
    n = len(model.tiers)
    ranges = np.zeros(n, dtype=_RANGE)
    st = load().career_pay_structure(model._ptr, policy._ptr,
                                     ffi.cast("career_pay_range *", ffi.from_buffer(ranges)), n)
    _check(st, "pay_structure")
    ranges = recfunctions.repack_fields(ranges)
    if not as_frame:
        return ranges
    frame = _pandas().DataFrame(ranges)
    frame.insert(0, "name", [t.name for t in model.tiers])
    frame.index.name = "tier"
    return frame


def _columns(employees):
    """name -> column of a DataFrame, a mapping or a structured array."""
    if hasattr(employees, "columns") and hasattr(employees, "index"):  # a DataFrame
        return {str(k): employees[k].to_numpy() for k in employees.columns}, employees.index
    if isinstance(employees, np.ndarray) and employees.dtype.names:
        return {k: employees[k] for k in employees.dtype.names}, None
    if isinstance(employees, collections.abc.Mapping):
        return dict(employees), None
    raise TypeError("employees must be a pandas DataFrame, a mapping of columns or a "
                    f"structured array, not {type(employees).__name__}")


def _ratings(values, policy, what):
    """Rating indices from names or integers."""
    a = np.asarray(values)
    if a.dtype.kind in "OUS":
        index = {name: i for i, name in enumerate(policy.ratings)}
        out = np.empty(a.shape, dtype=np.uintp)
        flat = a.reshape(-1)
        for i, v in enumerate(flat):
            if isinstance(v, bytes):
                v = v.decode()
            if isinstance(v, str):
                if v not in index:
                    where = what if a.ndim == 0 else f"{what}[{i}]"
                    raise NotFoundError(f"{where}: {v!r} is not a rating of the policy "
                                        f"({', '.join(policy.ratings)})")
                out.reshape(-1)[i] = index[v]
            else:
                out.reshape(-1)[i] = _rating_number(v, f"{what}[{i}]", policy)
        return out
    if a.dtype.kind == "f":
        whole = np.isfinite(a) & (a == np.floor(a))
        if not np.all(whole):
            i = int(np.argmin(whole.reshape(-1)))
            raise TypeError(f"{what}[{i}] must be a rating's name or index, not "
                            f"{a.reshape(-1)[i]!r}")
        a = a.astype(np.int64)
    if a.dtype.kind not in "iu":
        raise TypeError(f"{what} must be ratings' names or indices, not {a.dtype}")
    if np.any(a < 0) or np.any(a >= len(policy.ratings)):
        i = int(np.argmax(((a < 0) | (a >= len(policy.ratings))).reshape(-1)))
        raise ArgumentError(f"{what}[{i}]: {a.reshape(-1)[i]} is not a rating index of "
                            f"the policy (0 to {len(policy.ratings) - 1})")
    return a.astype(np.uintp)


def _rating_number(v, what, policy):
    i = _args.integer(v, what)
    if not 0 <= i < len(policy.ratings):
        raise ArgumentError(f"{what}: {i} is not a rating index of the policy "
                            f"(0 to {len(policy.ratings) - 1})")
    return i


def _tiers(values, n, what):
    """Tier indices; None, NaN or -1 for the tier of the years."""
    if values is None:
        return np.full(n, _TIER_FROM_YEARS, dtype=np.uintp)
    a = np.asarray(values)
    if a.dtype.kind == "O":
        a = np.array([np.nan if v is None else v for v in a.reshape(-1)], dtype=float)
    if a.dtype.kind == "f":
        given = ~np.isnan(a)
        if np.any(given & (a != np.floor(a))):
            i = int(np.argmax((given & (a != np.floor(a))).reshape(-1)))
            raise TypeError(f"{what}[{i}] must be a tier index, not {a.reshape(-1)[i]!r}")
        out = np.full(a.shape, _TIER_FROM_YEARS, dtype=np.uintp)
        out[given & (a >= 0)] = a[given & (a >= 0)].astype(np.uintp)
        bad = given & (a < 0) & (a != -1)
    elif a.dtype.kind in "iu":
        bad = (a < -1) if a.dtype.kind == "i" else np.zeros(a.shape, bool)
        out = np.where(a < 0, 0, a).astype(np.uintp)  # never through float64
        out[a == -1] = _TIER_FROM_YEARS
    else:
        raise TypeError(f"{what} must be tier indices (or NaN), not {a.dtype}")
    if np.any(bad):
        i = int(np.argmax(bad.reshape(-1)))
        raise ArgumentError(f"{what}[{i}]: {a.reshape(-1)[i]} is not a tier index")
    return out


def _employee_rows(employees, policy):
    cols, index = _columns(employees)
    for need in ("years", "salary", "rating"):
        if need not in cols:
            raise KeyError(f"employees: no {need!r} column (columns: years, salary, "
                           "rating, and tier if known)")
    years = _args.doubles(cols["years"], "employees.years")
    salary = _args.doubles(cols["salary"], "employees.salary")
    if years.ndim != 1 or salary.shape != years.shape:
        raise ValueError("employees: years and salary must be columns of one length "
                         f"(got {years.shape} and {salary.shape})")
    n = len(years)
    rating = _ratings(cols["rating"], policy, "employees.rating")
    tier = _tiers(cols.get("tier"), n, "employees.tier")
    if rating.shape != years.shape or tier.shape != years.shape:
        raise ValueError("employees: every column must have one value per employee")
    rows = np.zeros(n, dtype=_EMPLOYEE)
    rows["years"], rows["salary"], rows["rating"], rows["tier"] = years, salary, rating, tier
    return rows, index


def merit_cycle(model, employees, policy, as_frame=True):
    """Model.merit_cycle (see there)."""
    _need_policy(policy)
    lib = load()
    rows, index = _employee_rows(employees, policy)
    n = len(rows)
    if n == 0:
        raise ArgumentError("merit_cycle: employees is empty")
    results = np.zeros(n, dtype=_RESULT)
    summary = ffi.new("career_merit_summary *")
    err = ffi.new("career_error *")
    pemp = ffi.cast("career_employee *", ffi.from_buffer(rows))
    pres = ffi.cast("career_merit_result *", ffi.from_buffer(results))
    _check(lib.career_merit_cycle(model._ptr, policy._ptr, pemp, n, pres, summary, err),
           "merit_cycle", err)
    ncells = len(policy.ratings) * policy.positions
    cells = np.zeros(ncells, dtype=_CELL)
    _check(lib.career_merit_distribution(policy._ptr, pemp, pres, n,
                                         ffi.cast("career_merit_cell *", ffi.from_buffer(cells)),
                                         ncells), "merit_cycle: distribution")
    summ = MeritSummary(*(getattr(summary, f) for f in _SUMMARY_FIELDS))
    results = recfunctions.repack_fields(results)
    cells = recfunctions.repack_fields(cells)
    if not as_frame:
        return MeritCycle(results, summ, cells.reshape(len(policy.ratings), policy.positions))
    pd = _pandas()
    frame = pd.DataFrame(results, index=index)
    names = policy.ratings
    dist = pd.DataFrame(cells)
    dist.insert(0, "position", np.tile(np.arange(policy.positions), len(names)))
    dist.insert(0, "rating", np.repeat(names, policy.positions))
    return MeritCycle(frame, summ, dist)


def merit_project(model, policy, years, salary, ratings, tier=None, scale=1.0,
                  as_frame=True, **options):
    """Model.merit_project (see there)."""
    _need_policy(policy)
    for name in ("start_years", "start_salary"):
        if options.get(name) is not None:
            raise TypeError(f"merit_project: the employee's years and salary are "
                            f"``years`` and ``salary``, not {name}")
    lib = load()
    seq = [ratings] if isinstance(ratings, (str, bytes, int, np.integer)) else list(ratings)
    if not seq:
        raise ArgumentError("ratings: at least one rating is needed")
    idx = _ratings(np.array(seq, dtype=object), policy, "ratings")
    emp = np.zeros(1, dtype=_EMPLOYEE)
    emp["years"] = _args.real(years, "years")
    emp["salary"] = _args.real(salary, "salary")
    emp["rating"] = idx[0]
    emp["tier"] = _tiers(None if tier is None else [tier], 1, "tier")
    scale = _args.real(scale, "scale")
    opts, given = model._projection_options(options, "merit_project")
    rows = np.zeros(_MAX_ROWS, dtype=_YEAR)
    pemp = ffi.cast("career_employee *", ffi.from_buffer(emp))
    pidx = ffi.cast("size_t *", ffi.from_buffer(idx))
    prow = ffi.cast("career_merit_year *", ffi.from_buffer(rows))
    st = lib.career_merit_project(model._ptr, policy._ptr, pemp, pidx, len(idx), scale,
                                  opts, prow, _MAX_ROWS)
    if st != OK:
        where = dict(years=years, salary=salary, ratings=seq, tier=tier, scale=scale, **given)
        raise _error(st, "merit_project: " + ", ".join(
            f"{k} = {v!r}" for k, v in where.items() if v is not None))
    rows = rows[:_written(rows)]
    outer = [n for n in rows.dtype.names if n != "result"]
    inner = [n for n in rows.dtype["result"].names if n != "tier"]
    flat = np.zeros(len(rows), dtype=[(n, rows.dtype[n]) for n in outer] +
                    [(n, rows.dtype["result"][n]) for n in inner])
    for n in outer:
        flat[n] = rows[n]
    for n in inner:
        flat[n] = rows["result"][n]
    if not as_frame:
        return flat
    frame = _pandas().DataFrame(flat)
    frame.insert(frame.columns.get_loc("rating") + 1, "rating_name",
                 np.array(policy.ratings, dtype=object)[flat["rating"].astype(np.intp)])
    return frame

