"""The exceptions of careerlib: one class per libcareer status."""


class CareerError(Exception):
    """A libcareer call failed.

    Attributes: ``status`` (the career_status number, e.g. 1 for
    CAREER_ERR_ARG), ``message`` (the library's text), and for profile and
    guide errors ``source`` (the file, or "<string>"), ``line`` and
    ``column`` (1-based; 0 when the error is not about a place in a text).
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
    """CAREER_ERR_ARG: a bad argument (NaN, inf, an invalid profile or option)."""

    status = 1


class DomainError(CareerError, ValueError):
    """CAREER_ERR_DOMAIN: finite but outside the domain (years < 0, p outside
    (0, 1), a salary <= 0 or never reached)."""

    status = 2


class FitError(CareerError):
    """CAREER_ERR_FIT: the data cannot be fitted by the chosen method."""

    status = 3


class ParseError(CareerError, ValueError):
    """CAREER_ERR_PARSE: malformed or invalid profile JSON or guide text."""

    status = 4


class FileError(CareerError, OSError):
    """CAREER_ERR_IO: a file could not be read or written."""

    status = 5


class NoMemoryError(CareerError, MemoryError):
    """CAREER_ERR_NOMEM: the library ran out of memory."""

    status = 6


class NotFoundError(CareerError, LookupError):
    """CAREER_ERR_NOT_FOUND: no such tier, role or item."""

    status = 7


class BufferSizeError(CareerError):
    """CAREER_ERR_BUFFER: an output buffer was too small (a binding bug)."""

    status = 8


class CancelledError(CareerError):
    """CAREER_ERR_CANCELLED: a progress callback asked to stop the run."""

    status = 9


class LibraryNotFoundError(CareerError, ImportError):
    """The shared library libcareer could not be found or loaded; the
    message lists every place tried."""


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
