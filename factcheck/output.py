"""Writing reports whole or not at all.

A report goes to a spooled temporary file first (in memory while small, on disk when
large, so memory stays flat); only when it is complete is it copied to stdout or moved
over the output file. An error half-way leaves no half report behind, and a run stopped
by SIGTERM or Ctrl-C removes its temporary file; one killed outright leaves a file
named so that the next run writing the same report removes it
(:mod:`factcheck.tempfiles`).

An output that is not a regular file (``/dev/stdout``, a pipe, ``/dev/null``) is
written directly: it cannot be replaced, and must not be.

An output that cannot be written (its folder is missing, it is a folder, permission is
denied, the disk is full) is an :class:`~factcheck.errors.InputError` naming the path,
as bad input is.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from factcheck import tempfiles
from factcheck.errors import InputError

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
    target = path.resolve()
    if target.is_dir():  # found now, not after the whole report is written
        raise output_error(path, IsADirectoryError())
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        yield from _direct(path, target)
        return
    try:
        fd, tmp = tempfiles.create(target.parent, target.name)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as exc:
            if exc.errno not in _FULL:
                raise
            raise output_error(path, exc) from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise output_error(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _to_stdout() -> Iterator[IO[str]]:
    with tempfile.SpooledTemporaryFile(_SPOOL, mode="w+", encoding="utf-8") as spool:
        try:
            yield spool
        except OSError as exc:  # the spool went to disk and the temporary folder is full
            if exc.errno not in _FULL:
                raise
            folder = tempfile.gettempdir()
            message = f"cannot write the report's temporary file: {_reason(exc)}"
            raise InputError(folder, message) from None
        spool.seek(0)
        try:
            shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise InputError(STDOUT, f"cannot write the report: {_reason(exc)}") from None


def _direct(path: Path, target: Path) -> Iterator[IO[str]]:
    """Write to a device or a pipe as it is: there is nothing to replace."""
    try:
        stream = target.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        with stream:
            yield stream
    except OSError as exc:
        if exc.errno not in _FULL:
            raise
        raise output_error(path, exc) from None


def output_error(path: Path, exc: OSError) -> InputError:
    """The :class:`InputError` for an ``OSError`` met while writing the report to ``path``.

    >>> str(output_error(Path("out/report.json"), FileNotFoundError()))
    'out/report.json: cannot write the report: its folder does not exist'
    """
    return InputError(str(path), f"cannot write the report: {_reason(exc)}")


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError):
        return "a part of the path is not a directory"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc) or type(exc).__name__
