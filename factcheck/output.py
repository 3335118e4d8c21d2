"""Writing reports whole or not at all.

A report goes to a spooled temporary file first (in memory while small, on disk when
large, so memory stays flat); only when it is complete is it copied to stdout or moved
over the output file. An error half-way leaves no half report behind.

The file gets the mode any editor would give it: an existing file keeps its own, a new
one gets what the process umask allows (``-rw-r--r--`` under the usual umask 022), not
the private mode of the temporary file it was written to.

An output file that cannot be written (its folder is missing, it is a folder, permission
is denied) is an :class:`~factcheck.errors.InputError` naming the path, as bad input is.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from factcheck.errors import InputError

_SPOOL = 16 * 1024 * 1024


@contextmanager
def atomic_output(path: Path | None) -> Iterator[IO[str]]:
    """A text stream that reaches ``path`` (or stdout when None) only on success."""
    if path is None:
        with tempfile.SpooledTemporaryFile(_SPOOL, mode="w+", encoding="utf-8") as spool:
            yield spool
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.flush()
        return
    target = path.resolve()
    if target.is_dir():  # found now, not after the whole report is written
        raise output_error(path, IsADirectoryError())
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            os.fchmod(stream.fileno(), file_mode(target))
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise output_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    if isinstance(exc, FileNotFoundError):
        reason = "its folder does not exist"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a directory, not a file"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    elif isinstance(exc, NotADirectoryError):
        reason = "a part of the path is not a directory"
    else:
        reason = exc.strerror or str(exc)
    return reason
