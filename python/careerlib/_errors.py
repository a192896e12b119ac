"""The exceptions of careerlib: one class per libcareer status."""


class CareerError(Exception):
    """A libcareer call failed.

    Attributes: ``status`` (the career_status number, e.g. 1 for
    CAREER_ERR_ARG), ``message`` (the library's text), and for profile and
    guide errors ``source`` (the file, or "<string>"), ``line`` and
    ``column`` (1-based; 0 when the error is not about a place in a text).

    >>> try:
    ...     careerlib.Profile.from_json('{"format": 1')
    ... except careerlib.CareerError as e:
    ...     print(type(e).__name__, e.status, e.source, e.line)
    ParseError 4 <string> 1
    """

    status = None

    def __init__(self, message, status=None, source="", line=0, column=0):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.source = source
        self.line = line
        self.column = column

    def __str__(self):
        where = ""
        if self.source and self.line:
            where = f"{self.source}:{self.line}:{self.column}: "
        elif self.source and self.source not in self.message:
            where = f"{self.source}: "
        return where + self.message


class ArgumentError(CareerError, ValueError):
    """CAREER_ERR_ARG: a bad argument (NaN, inf, an invalid profile or
    option); a ValueError.

    >>> try:
    ...     careerlib.Model().salary_at(float("nan"))
    ... except careerlib.ArgumentError as e:
    ...     print(e)
    salary_at: years = nan: bad argument"""

    status = 1


class DomainError(CareerError, ValueError):
    """CAREER_ERR_DOMAIN: finite but outside the domain (years < 0, p outside
    (0, 1), a salary <= 0 or never reached); a ValueError.

    >>> try:
    ...     careerlib.Model().market_quantile([0.5, 1.5])
    ... except careerlib.DomainError as e:
    ...     print(e)
    market_quantile: p[1] = 1.5: argument out of domain"""

    status = 2


class FitError(CareerError):
    """CAREER_ERR_FIT: the data cannot be fitted by the chosen method.

    >>> try:
    ...     careerlib.Model(interp="akima")       # akima needs 5 tiers' salaries
    ... except careerlib.FitError as e:
    ...     print(e.status)
    3"""

    status = 3


class ParseError(CareerError, ValueError):
    """CAREER_ERR_PARSE: malformed or invalid JSON, guide text or table;
    a ValueError, with source, line and column.

    >>> try:
    ...     careerlib.Profile.from_guide("not a guide")
    ... except careerlib.ParseError as e:
    ...     print(e.status)
    4"""

    status = 4


class FileError(CareerError, OSError):
    """CAREER_ERR_IO: a file could not be read or written; an OSError.

    >>> try:
    ...     careerlib.Profile.load("no/such/file.json")
    ... except careerlib.FileError as e:
    ...     print(e.status, isinstance(e, OSError))
    5 True"""

    status = 5


class NoMemoryError(CareerError, MemoryError):
    """CAREER_ERR_NOMEM: the library ran out of memory; a MemoryError.

    >>> issubclass(careerlib.NoMemoryError, MemoryError)
    True"""

    status = 6


class NotFoundError(CareerError, LookupError):
    """CAREER_ERR_NOT_FOUND: no such tier, role, row or item; a LookupError.

    >>> try:
    ...     careerlib.Model().next_tier(13)
    ... except careerlib.NotFoundError as e:
    ...     print(e)
    next_tier: years = 13.0 is in the last tier: not found"""

    status = 7


class BufferSizeError(CareerError):
    """CAREER_ERR_BUFFER: an output buffer was too small (a binding bug).

    >>> careerlib.BufferSizeError.status
    8"""

    status = 8


class CancelledError(CareerError):
    """CAREER_ERR_CANCELLED: a progress callback asked to stop the run.

    >>> try:
    ...     careerlib.Model().simulate(paths=1000, progress=lambda done: True)
    ... except careerlib.CancelledError as e:
    ...     print(e)
    simulate: cancelled by the progress callback"""

    status = 9


class LibraryNotFoundError(CareerError, ImportError):
    """The shared library libcareer could not be found or loaded; the
    message lists every place tried. An ImportError.

    >>> issubclass(careerlib.LibraryNotFoundError, ImportError)
    True"""


# By the header's names, so that the numbers come from the header.
BY_NAME = {
    "CAREER_ERR_ARG": ArgumentError,
    "CAREER_ERR_DOMAIN": DomainError,
    "CAREER_ERR_FIT": FitError,
    "CAREER_ERR_PARSE": ParseError,
    "CAREER_ERR_IO": FileError,
    "CAREER_ERR_NOMEM": NoMemoryError,
    "CAREER_ERR_NOT_FOUND": NotFoundError,
    "CAREER_ERR_BUFFER": BufferSizeError,
    "CAREER_ERR_CANCELLED": CancelledError,
}


def class_for(status, names):
    """The exception class of a status number; ``names`` maps the header's
    status numbers to their names."""
    return BY_NAME.get(names.get(status), CareerError)
