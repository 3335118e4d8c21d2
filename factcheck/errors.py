"""Exceptions raised by factcheck.

The hierarchy::

    FactcheckError                 base of everything factcheck raises on purpose
    ├── InputError                 bad input: the CLI prints one line and exits 2
    │   ├── DecodeError            bytes that are binary or cannot be decoded
    │   ├── LedgerError            a ledger record that is malformed (file:line)
    │   └── SourceError            a source that could not be read or fetched
    │       └── FetchError         a web source: timeout, HTTP error, too large, wrong type
    │           └── FetchRefused   a URL not fetched on purpose: scheme, private address
    └── LexiconError               a language data file with a typo (a bug, not user input)

Every ``InputError`` carries the ``location`` (path or URL, with ``:line`` where it
is known) so that the message names exactly what to fix.
"""

from __future__ import annotations

import errno


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """Input that factcheck cannot use: a missing file, undecodable bytes, a bad record."""

    def __init__(self, location: str, message: str, line: int | None = None) -> None:
        self.location = location
        self.message = message
        self.line = line
        where = f"{location}:{line}" if line is not None else location
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # Rebuilt from its parts when it crosses a process boundary (a worker's error).
        return (type(self), (self.location, self.message, self.line))


class DecodeError(InputError):
    """The input is binary or its bytes cannot be decoded as text."""


class LedgerError(InputError):
    """A ledger file or record is malformed."""


class SourceError(InputError):
    """A source could not be read or fetched."""


class FetchError(SourceError):
    """A web source could not be fetched or used; ``location`` is the URL as shown."""


class FetchRefused(FetchError):
    """A URL factcheck will not fetch: a scheme other than http(s), or a private address."""


class LexiconError(FactcheckError):
    """A language data file is malformed; raised when the lexicon is loaded."""


def path_problem(exc: OSError, missing: str) -> str:
    """Why a path could not be read or written, in a user's words; ``missing`` says
    what a FileNotFoundError means there ("no such file", "its folder does not exist").

    >>> path_problem(IsADirectoryError(21, "Is a directory"), "no such file")
    'is a directory, not a file'
    """
    if isinstance(exc, FileNotFoundError):
        return missing
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
