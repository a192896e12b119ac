"""BLS tables (lib/bls/): OEWS wages, Employment Projections and the ladder
templates that turn an occupation's percentiles into tiers."""
import collections
import os

from . import _args
from ._core import Profile, _check, _error, _frame_of, _text
from ._library import ffi, load

OewsEntry = collections.namedtuple(
    "OewsEntry", "occ_code occ_title area_code area_title employment hourly_only row")
OewsEntry.__doc__ = """One occupation of one area of an OEWS table (career_oews_entry).

employment is NaN where BLS publishes none ("**"); hourly_only is True
for occupations paid by the hour (their profiles are per hour); row is
the row in the file (the header is row 1).

>>> t = careerlib.Table.open("tests/data/oews/all_data_M_2018.csv")
>>> t[0].occ_code, t[0].employment, t[0].hourly_only
('15-1133', 405330.0, False)"""

EpEntry = collections.namedtuple(
    "EpEntry", "occ_code occ_title growth years start_year separation_rate row")
EpEntry.__doc__ = """One occupation of an Employment Projections table (career_ep_entry).

growth is the relative change over ``years`` years from start_year
(0.089 = 8.9 %; NaN, and years 0, when the table gives none);
separation_rate the occupational separations a year (0 when none);
occ_title None when the table has no title column.

>>> ep = careerlib.EpTable.open("tests/data/oews/ep_2020-30.csv")
>>> e = ep.find("15-1232")
>>> round(e.growth, 6), e.years, e.start_year
(0.089, 10.0, 2020)"""


class LadderTemplate:
    """A ladder template (career_ladder_template): the tiers an OEWS
    profile gets, each at a percentile of the occupation's market (OEWS
    publishes no tiers). LadderTemplate.oflc() is the compiled-in default,
    the four OFLC prevailing-wage levels; LadderTemplate.load(path) reads a
    career-ladder/1 JSON file (examples/ladders/).

    >>> careerlib.LadderTemplate.oflc()
    <careerlib.LadderTemplate OFLC (built in)>
    """

    __slots__ = ("_ptr", "_name")

    def __init__(self, ptr, name):
        """Wraps a template pointer (internal: use oflc() or load())."""
        self._ptr = ptr
        self._name = name

    @classmethod
    def oflc(cls):
        """The compiled-in OFLC template (career_ladder_template_oflc), the
        same as examples/ladders/oflc.json.

        >>> careerlib.LadderTemplate.oflc()
        <careerlib.LadderTemplate OFLC (built in)>"""
        return cls(load().career_ladder_template_oflc(), "OFLC (built in)")

    @classmethod
    def load(cls, path):
        """A template from a career-ladder/1 JSON file
        (career_ladder_template_load_file). ParseError names the JSON path.

        >>> careerlib.LadderTemplate.load("examples/ladders/oflc-fixed-years.json")
        <careerlib.LadderTemplate 'examples/ladders/oflc-fixed-years.json'>"""
        lib = load()
        cpath = _args.path(path)
        out = ffi.new("career_ladder_template **")
        err = ffi.new("career_error *")
        _check(lib.career_ladder_template_load_file(cpath, out, err), "", err)
        return cls(ffi.gc(out[0], lib.career_ladder_template_free),
                   repr(_decode_path(cpath)))

    def __repr__(self):
        return f"<careerlib.LadderTemplate {self._name}>"


def _decode_path(cpath):
    return os.fsdecode(cpath)


def _read_bytes(data, name):
    if isinstance(data, str):
        raise TypeError(f"{name} must be bytes (a file's contents), not str: "
                        "use open() to read a path")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes, not {type(data).__name__}")
    return bytes(data)


class _Table:
    """What OEWS and EP tables share: a handle closed by close() or a with
    block, len(), indexing, iteration and entries(as_frame=)."""

    __slots__ = ("_ptr", "_name", "__weakref__")
    _entry = None       # the namedtuple class
    _closer = None      # the C close function's name

    def __init__(self, ptr, name):
        """Wraps an open table (internal: use open() or from_bytes())."""
        self._ptr = ffi.gc(ptr, getattr(load(), self._closer))
        self._name = name

    def _handle(self):
        if self._ptr is None:
            raise ValueError(f"{type(self).__name__}: the table is closed")
        return self._ptr

    def close(self):
        """Frees the table now (it is freed when collected otherwise); a
        closed table raises ValueError. Closing twice is harmless."""
        if self._ptr is not None:
            ptr, self._ptr = self._ptr, None
            ffi.release(ptr)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __len__(self):
        return int(self._count(self._handle()))

    def __getitem__(self, index):
        """Entry ``index`` (negative counts from the end)."""
        n = len(self)
        i = _args.integer(index, "index")
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{type(self).__name__} index {index} out of range ({n} rows)")
        return self._entry_at(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._entry_at(i)

    def entries(self, as_frame=False):
        """Every entry: a list of namedtuples, or a pandas DataFrame with
        as_frame=True (one column per field)."""
        rows = list(self)
        if not as_frame:
            return rows
        return _frame_of(rows, self._entry._fields)

    def __repr__(self):
        state = "closed" if self._ptr is None else f"{len(self)} rows"
        return f"<careerlib.{type(self).__name__} {self._name} ({state})>"


class Table(_Table):
    """An OEWS wage table (career_oews_open): the BLS all_data_M_YYYY file,
    or a national, state or metro one, as CSV or .xlsx (told by the
    file's first bytes). Its rows are the occupations of each area kept
    (cross-industry rows of one O_GROUP); Table.profile() makes a Profile
    of one.

    >>> with careerlib.Table.open("tests/data/oews/all_data_M_2018.csv") as t:
    ...     p = t.profile("15-1133")                 # the national row
    ...     df = t.entries(as_frame=True)            # a DataFrame of the rows
    >>> p.role, len(df)
    ('Software Developers, Systems Software', 6)
    """

    __slots__ = ()
    _entry = OewsEntry
    _closer = "career_oews_close"

    @staticmethod
    def _options(cap_annual, cap_hourly, group, area, experience_correlation=None):
        opts = ffi.new("career_oews_options *")
        _args.fill(opts, "career_oews_options",
                   dict(cap_annual=cap_annual, cap_hourly=cap_hourly, group=group,
                        experience_correlation=experience_correlation))
        keep = _args.cstr(area, "area")
        opts.area = keep
        return opts, keep

    @classmethod
    def open(cls, path, cap_annual=None, cap_hourly=None, group=None, area=None,
             experience_correlation=None):
        """Reads an OEWS table from a file (str, bytes or os.PathLike).

        cap_annual, cap_hourly: the top-coding caps BLS states for the
        file's year ("#" cells; None = $239,200 / $115.00, May 2023 on);
        group: "detailed" (default), "broad", "minor" or "major" (or an
        OewsGroup); area: keep only this area code's rows (None = all);
        experience_correlation: rho in [0.05, 1], the rank correlation of pay
        with experience that places a workforce template's tiers (None = the
        template's, 0.85 for OFLC's levels). ParseError names the file, row and column of a bad cell.

        >>> len(careerlib.Table.open("tests/data/oews/all_data_M_2018.csv"))
        6
        >>> len(careerlib.Table.open("tests/data/oews/all_data_M_2018.xlsx", area="56"))
        2"""
        lib = load()
        cpath = _args.path(path)
        opts, keep = cls._options(cap_annual, cap_hourly, group, area,
                                  experience_correlation)
        out = ffi.new("career_oews_table **")
        err = ffi.new("career_error *")
        _check(lib.career_oews_open(cpath, opts, out, err), "", err)
        del keep
        return cls(out[0], repr(_decode_path(cpath)))

    @classmethod
    def from_bytes(cls, data, name=None, cap_annual=None, cap_hourly=None,
                   group=None, area=None, experience_correlation=None):
        """Reads an OEWS table from its bytes (career_oews_open_memory);
        ``name`` labels it in errors and in the profiles' source. Options
        as open().

        >>> with open("tests/data/oews/all_data_M_2018.csv", "rb") as f:
        ...     t = careerlib.Table.from_bytes(f.read(), "all.csv")
        >>> t
        <careerlib.Table 'all.csv' (6 rows)>"""
        lib = load()
        data = _read_bytes(data, "data")
        cname = _args.cstr(name, "name")
        opts, keep = cls._options(cap_annual, cap_hourly, group, area,
                                  experience_correlation)
        out = ffi.new("career_oews_table **")
        err = ffi.new("career_error *")
        _check(lib.career_oews_open_memory(data, len(data), cname, opts, out, err), "", err)
        del keep
        return cls(out[0], repr(name or "<table>"))

    @staticmethod
    def _count(ptr):
        return load().career_oews_count(ptr)

    def _entry_at(self, i):
        e = ffi.new("career_oews_entry *")
        _check(load().career_oews_entry_at(self._handle(), i, e), f"Table[{i}]")
        return OewsEntry(_text(e.occ_code), _text(e.occ_title), _text(e.area_code),
                         _text(e.area_title), e.employment, bool(e.hourly_only), int(e.row))

    def profile(self, occ, area=None, template=None, ep=None):
        """A Profile for occupation ``occ`` (an SOC code, "15-1252") in
        ``area`` (None = "99", the nation) (career_oews_profile): the
        published percentiles as the market, the tiers from ``template``
        (a LadderTemplate; None = OFLC's), the demand growth and the
        separation rate from ``ep`` (an EpTable; None: no growth over 10
        years). What the import assumed or dropped is in its notes.
        NotFoundError when there is no such row; FitError when it has
        fewer than 2 percentiles or a market that cannot be fitted.

        >>> t = careerlib.Table.open("tests/data/oews/all_data_M_2018.csv")
        >>> ep = careerlib.EpTable.open("tests/data/oews/ep_2020-30.csv")
        >>> p = t.profile("15-1133", ep=ep)
        >>> p.market_mean, p.peak_years, round(p.demand_growth, 6), round(p.separation_rate, 6)
        (114000.0, 30.0, 0.11, 0.062)"""
        lib = load()
        cocc = _args.cstr(occ, "occ")
        if occ is None:
            raise TypeError("occ must be an occupation code (str), not None")
        carea = _args.cstr(area, "area")
        if template is not None and not isinstance(template, LadderTemplate):
            raise TypeError("template must be a careerlib.LadderTemplate or None, "
                            f"not {type(template).__name__}")
        if ep is not None and not isinstance(ep, EpTable):
            raise TypeError(f"ep must be a careerlib.EpTable or None, not {type(ep).__name__}")
        out = ffi.new("career_profile **")
        err = ffi.new("career_error *")
        st = lib.career_oews_profile(self._handle(), cocc, carea,
                                     ffi.NULL if template is None else template._ptr,
                                     ffi.NULL if ep is None else ep._handle(), out, err)
        _check(st, "", err)
        return Profile._owned(out)


class EpTable(_Table):
    """An Employment Projections table (career_ep_open): BLS's
    occupation.xlsx (or a CSV of it): each occupation's ten-year growth
    and separations rate, for Table.profile(..., ep=).

    >>> ep = careerlib.EpTable.open("tests/data/oews/ep_2020-30.csv")
    >>> round(ep.find("15-1232").separation_rate, 6)
    0.101"""

    __slots__ = ()
    _entry = EpEntry
    _closer = "career_ep_close"

    @classmethod
    def open(cls, path):
        """Reads an EP table from a file, CSV or .xlsx (title rows above the
        header are skipped).

        >>> len(careerlib.EpTable.open("tests/data/oews/ep_2020-30.xlsx"))
        5"""
        lib = load()
        cpath = _args.path(path)
        out = ffi.new("career_ep_table **")
        err = ffi.new("career_error *")
        _check(lib.career_ep_open(cpath, out, err), "", err)
        return cls(out[0], repr(_decode_path(cpath)))

    @classmethod
    def from_bytes(cls, data, name=None):
        """Reads an EP table from its bytes (career_ep_open_memory).

        >>> with open("tests/data/oews/ep_2020-30.csv", "rb") as f:
        ...     careerlib.EpTable.from_bytes(f.read(), "ep.csv")
        <careerlib.EpTable 'ep.csv' (5 rows)>"""
        lib = load()
        data = _read_bytes(data, "data")
        cname = _args.cstr(name, "name")
        out = ffi.new("career_ep_table **")
        err = ffi.new("career_error *")
        _check(lib.career_ep_open_memory(data, len(data), cname, out, err), "", err)
        return cls(out[0], repr(name or "<table>"))

    @staticmethod
    def _count(ptr):
        return load().career_ep_count(ptr)

    @staticmethod
    def _from_c(e):
        return EpEntry(_text(e.occ_code), _text(e.occ_title), e.growth, e.years,
                       int(e.start_year), e.separation_rate, int(e.row))

    def _entry_at(self, i):
        e = ffi.new("career_ep_entry *")
        _check(load().career_ep_entry_at(self._handle(), i, e), f"EpTable[{i}]")
        return self._from_c(e)

    def find(self, occ):
        """The entry of occupation ``occ`` (career_ep_find); NotFoundError
        when the table has none.

        >>> ep = careerlib.EpTable.open("tests/data/oews/ep_2020-30.csv")
        >>> ep.find("15-1232").occ_title
        'Computer user support specialists'"""
        cocc = _args.cstr(occ, "occ")
        if occ is None:
            raise TypeError("occ must be an occupation code (str), not None")
        e = ffi.new("career_ep_entry *")
        st = load().career_ep_find(self._handle(), cocc, e)
        if st != 0:
            raise _error(st, f"find: occ = {occ!r}: no such occupation in {self._name}")
        return self._from_c(e)

