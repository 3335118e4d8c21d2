"""Writing reports whole or not at all.

A report goes to a spooled temporary file first (in memory while small, on disk when
large, so memory stays flat); only when it is complete is it copied to stdout or moved
over the output file. An error half-way leaves no half report behind, and a run stopped
by SIGTERM or Ctrl-C removes its temporary file; one killed outright leaves a file
named so that the next run writing the same report removes it
(:mod:`factcheck.tempfiles`).

An output that is not a regular file (``/dev/stdout``, a pipe, ``/dev/null``) cannot be
replaced, and must not be: the report is spooled and written to it at the end, as to
stdout.

An output that cannot be written (its folder is missing, it is a folder, permission is
denied, the disk is full) is an :class:`~factcheck.errors.InputError` naming the path,
as bad input is.

The file gets the mode any editor would give it: an existing file keeps its own, a new
one gets what the process umask allows (``-rw-r--r--`` under the usual umask 022), not
the private mode of the temporary file it was written to.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from factcheck import tempfiles
from factcheck.errors import InputError, path_problem

_SPOOL = 16 * 1024 * 1024
#: Errors of a write that say the output's device cannot take it, not that input is bad.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})
STDOUT = "<stdout>"


@contextmanager
def atomic_output(path: Path | None) -> Iterator[IO[str]]:
    """A text stream that reaches ``path`` (or stdout when None) only on success."""
    if path is None:
        yield from _to_stdout()
        return
    try:
        mode: int | None = path.stat().st_mode  # through links: /dev/stdout is a pipe's
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):  # found now, not after the whole report
        raise output_error(path, IsADirectoryError())
    if mode is not None and not stat.S_ISREG(mode):
        yield from _direct(path)
        return
    target = path.resolve()
    writing = False  # an error while the report is written is the output's only if the
    # device is full: any other comes from what the report is made of, and goes on
    try:
        with tempfiles.replacing(target, mode=file_mode(target)) as raw:
            writing = True
            with io.TextIOWrapper(raw, encoding="utf-8", newline="") as stream:
                yield stream
            writing = False
    except OSError as exc:
        if writing and exc.errno not in _FULL:
            raise
        raise output_error(path, exc) from None


def _to_stdout() -> Iterator[IO[str]]:
    yield from _spooled(STDOUT, lambda: sys.stdout, close=False)


def _direct(path: Path) -> Iterator[IO[str]]:
    """A device or a pipe (``/dev/stdout``, a FIFO): nothing to replace, so the report is
    spooled and written to it whole at the end, as to stdout."""

    def opened() -> IO[str]:
        return path.open("w", encoding="utf-8", newline="")

    yield from _spooled(str(path), opened, close=True)


def _spooled(where: str, destination: Callable[[], IO[str]], *, close: bool) -> Iterator[IO[str]]:
    """A spool (in memory while small) copied to ``destination()`` once it is complete."""
    with tempfile.SpooledTemporaryFile(_SPOOL, mode="w+", encoding="utf-8") as spool:
        try:
            yield spool
        except OSError as exc:  # the spool went to disk and the temporary folder is full
            if exc.errno not in _FULL:
                raise
            folder = tempfile.gettempdir()
            message = f"cannot write the report's temporary file: {write_problem(exc)}"
            raise InputError(folder, message) from None
        spool.seek(0)
        try:
            out = destination()
            try:
                shutil.copyfileobj(spool, out)
                out.flush()
            finally:
                if close:
                    out.close()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise InputError(where, f"cannot write the report: {write_problem(exc)}") from None


def file_mode(path: Path) -> int:
    """The permission bits for writing ``path`` anew: its own if it exists, else the umask's."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:  # a new file (or one we may not look at): as open() would make it
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask (read by setting it, and setting it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def output_error(path: Path, exc: OSError) -> InputError:
    """The :class:`InputError` for an ``OSError`` met while writing the report to ``path``.

    >>> str(output_error(Path("out/report.json"), FileNotFoundError()))
    'out/report.json: cannot write the report: its folder does not exist'
    """
    return InputError(str(path), f"cannot write the report: {write_problem(exc)}")


def write_problem(exc: OSError) -> str:
    """Why a file could not be written, in the user's words."""
    return path_problem(exc, "its folder does not exist")
