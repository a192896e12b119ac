"""Replacing a file whole (career_replace_begin / _commit / _abort), for
the user's own files: a CSV of results, a plot, a report."""
import contextlib
import os

from . import _args
from ._core import _check
from ._library import ffi, load

_MODES = ("w", "wt", "wb")


@contextlib.contextmanager
def replace_file(path, mode="w", *, encoding=None, errors=None, newline=None):
    """Writes ``path`` whole or not at all, as Profile.save does: the with
    block writes a temporary file beside it ("<path>.tmp-XXXXXXXX"), which
    is flushed to the disk and renamed over ``path`` when the block ends;
    an exception in the block (or a full disk) removes it and leaves the
    old file as it was.

    ``mode`` "w" (text, with ``encoding``, ``errors`` and ``newline`` as
    open() takes them) or "wb" yields an open file; ``mode=None`` yields
    the temporary file's name instead, for writers that take a name (they
    must close it before the block ends; give them the format, as the name
    does not end in the target's extension). A new file gets the mode
    open() would give it, an existing one keeps its mode; a symbolic link
    stays a link, and the file it names is replaced; a non-regular target
    (a FIFO, /dev/stdout) is written in place. FileError names ``path``.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "results.csv"
    >>> with careerlib.replace_file(target, newline="") as f:
    ...     f.write("id,raise\\n")
    9
    >>> target.read_text()
    'id,raise\\n'
    >>> with careerlib.replace_file(target, mode=None) as name:
    ...     careerlib.Model().project(as_frame=True).to_csv(name, index=False)
    >>> target.read_text().splitlines()[0]
    'year,years,tier,salary,real_salary,market_percentile,cumulative,present_value'
    """
    if mode is not None and mode not in _MODES:
        raise ValueError(f"mode: {mode!r} is not 'w', 'wb' or None (a name)")
    if mode is not None and "b" in mode and (encoding or errors or newline is not None):
        raise ValueError("mode: a binary file takes no encoding, errors or newline")
    lib = load()
    cpath = _args.path(path)
    out = ffi.new("career_replace **")
    err = ffi.new("career_error *")
    _check(lib.career_replace_begin(cpath, out, err), "", err)
    handle = out[0]
    temp = os.fsdecode(ffi.string(lib.career_replace_temp_path(handle)))
    f = None
    try:
        if mode is None:
            yield temp
        else:
            # The temporary file exists (the library made it, with the mode
            # it should have): "w" opens it again, by name, as the library
            # allows; its own stream on it stays empty.
            f = open(temp, mode, encoding=encoding, errors=errors,
                     newline=newline)
            yield f
            f.close()
    except BaseException:
        if f is not None:
            try:
                f.close()
            except OSError:
                pass
        lib.career_replace_abort(handle)
        raise
    _check(lib.career_replace_commit(handle, err), "", err)
