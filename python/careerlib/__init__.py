"""careerlib: libcareer from Python and numpy.

A thin binding (cffi, ABI mode: nothing is compiled) over the C library
libcareer, which turns a career guide into a model of a career::

    import careerlib
    m = careerlib.Model()                    # the built-in profile
    m.salary_at([0, 2, 7.5])                 # the median salary at x years
    m.quantile_at(15, [0.1, 0.9])            # the band at 15 years
    m.project(horizon=10, as_frame=True)     # a year-by-year projection

    with careerlib.Table.open("all_data_M_2023.xlsx") as oews:   # BLS OEWS
        p = oews.profile("15-1252", area="06")
    policy = careerlib.Policy.load("examples/merit/policy.json")
    cycle = careerlib.Model(p).merit_cycle(employees_frame, policy)
    wf = careerlib.Workforce(staff_frame, factors=["years", "tier"])
    summary, categories = wf.eu_report()     # EU Directive 2023/970

The shared library is found through CAREER_LIBRARY (a file or a folder),
then the build folder of the checkout, then the system loader (see
careerlib.library_path()). Errors are CareerError subclasses, naming the
argument at fault. A Model is immutable and thread-safe, and its calls
release the GIL while in C. python/README.md walks through it in pandas.
"""
from . import _cdef
from ._args import (Dist, Extrap, Interp, MeritFlag, OewsGroup, Period,
                    RangeWarning, SeparationSource)
from ._core import (Calibration, MarketFit, Model, Profile, Simulation, Tier,
                    annual_rate, convert_period, library_version,
                    target_year, tier_years)
from ._files import replace_file
from ._merit import MeritCycle, MeritSummary, Policy
from ._equity import (Decomposition, DecompositionSummary, EuReport, EuSummary, Fit,
                      GapStatus, PayPeriod, Reference, Remedy, RemedySummary, Sex,
                      UkReport, Workforce, gpg_percent, oaxaca, pay_period)
from ._tables import EpEntry, EpTable, LadderTemplate, OewsEntry, Table
from ._errors import (ArgumentError, BufferSizeError, CancelledError,
                      CareerError, DomainError, FileError, FitError,
                      LibraryNotFoundError, NoMemoryError, NotFoundError,
                      ParseError)
from ._library import path as library_path

#: The version of career.h the declarations were generated from.
__version__ = _cdef.CONSTANTS["CAREER_VERSION_STRING"]

#: A tier or target not reached within the horizon (CAREER_NEVER).
NEVER = _cdef.CONSTANTS["CAREER_NEVER"]
#: The longest projection horizon (CAREER_MAX_HORIZON).
MAX_HORIZON = _cdef.CONSTANTS["CAREER_MAX_HORIZON"]
#: simulate(flags=...): no yearly salary shocks (CAREER_SIM_NO_SHOCKS).
SIM_NO_SHOCKS = _cdef.CONSTANTS["CAREER_SIM_NO_SHOCKS"]
#: simulate(flags=...): everyone's pace is 1 (CAREER_SIM_FIXED_PACE).
SIM_FIXED_PACE = _cdef.CONSTANTS["CAREER_SIM_FIXED_PACE"]

__all__ = [
    "Profile", "Model", "Tier", "Calibration", "MarketFit", "Simulation",
    "Table", "EpTable", "OewsEntry", "EpEntry", "LadderTemplate",
    "Policy", "MeritCycle", "MeritSummary", "replace_file",
    "Workforce", "EuReport", "EuSummary", "UkReport", "Fit", "Decomposition",
    "DecompositionSummary", "Remedy", "RemedySummary", "oaxaca", "gpg_percent",
    "pay_period", "Sex", "PayPeriod", "GapStatus", "Reference",
    "tier_years", "target_year", "convert_period", "annual_rate",
    "library_version", "library_path",
    "CareerError", "ArgumentError", "DomainError", "FitError", "ParseError",
    "FileError", "NoMemoryError", "NotFoundError", "BufferSizeError",
    "CancelledError", "LibraryNotFoundError",
    "Interp", "Extrap", "Dist", "Period", "OewsGroup", "SeparationSource",
    "RangeWarning", "MeritFlag",
    "NEVER", "MAX_HORIZON", "SIM_NO_SHOCKS", "SIM_FIXED_PACE", "__version__",
]
