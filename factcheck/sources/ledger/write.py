"""``ledger add``: one record appended to a ledger file, safely among other writers.

Several people, or several CI jobs, add records to a shared ledger at once. Each write
therefore:

1. checks the record (outside any lock: reading a value is the slow part);
2. takes an exclusive lock on the folder of the file (``flock`` on the folder itself:
   no lock file to leave behind, and the kernel drops the lock of a killed process);
3. reads the file *under the lock*, so that what others appended meanwhile is kept;
4. writes the new text to a temporary file beside it and renames it over the file, so
   that a reader, or a run killed half-way, sees the old file or the new one, never a
   torn one; the temporary file is named for the next run to clean up after a killed
   one (:mod:`factcheck.tempfiles`).

A symbolic link is written through: its target gets the record and the link stays a
link. A file without write permission (``chmod 444``) is refused, not replaced; so is a
file in a folder or on a file system that cannot be written, with one line saying so.

Locking needs ``fcntl`` (Linux, macOS, the BSDs); elsewhere writers are not serialised.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

import tomlkit

from factcheck import tempfiles
from factcheck.errors import LedgerError
from factcheck.output import file_mode, write_problem
from factcheck.sources.ledger.read import CLAIM_KEYS, FileData, check_entry, read_ledger_text
from factcheck.sources.ledger.records import records_from_rows
from factcheck.sources.ledger.values import Precision, ValueReader

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: How long a writer waits for another to finish before it gives up, in seconds.
LOCK_TIMEOUT = 120.0
_POLL = 0.02


def append_record(path: Path, record: Mapping[str, object]) -> int:
    """Check ``record`` and append it as a ``[[claims]]`` table to the ledger file ``path``.

    The file's text is kept byte for byte (comments, layout, order); the new table goes
    at its end, and the whole file must still read as a sound ledger file before it is
    replaced, atomically. A file that does not exist yet is made. Returns the 1-based
    line of the new ``[[claims]]`` header.
    """
    shown = str(path)
    reader = ValueReader()
    fields, (date, precision) = check_entry(record, shown, reader)
    target = Path(os.path.realpath(path))  # through symbolic links, to the file itself
    _check_writable(target, shown)
    with _locked(target.parent, shown) as folder_fd:
        text = _read(target, shown)
        text, line = _appended(text, fields, date, precision)
        data = read_ledger_text(text, shown, reader)
        if data.problems:
            raise data.problems[0]
        if not data.rows or data.rows[-1].line != line:
            raise LedgerError(shown, "the new record would not be the file's last [[claims]]")
        _refuse_a_repeat(shown, data, line)
        _replace(target, text, shown)
        if folder_fd is not None:
            _fsync_folder(folder_fd)
    return line


def _refuse_a_repeat(shown: str, data: FileData, line: int) -> None:
    """A record that repeats one of the file's (read under the lock) is refused."""
    from factcheck.sources.ledger import repeats  # it imports this module

    for new, earlier in repeats(records_from_rows(shown, data.figures, data.rows, {})):
        if new.line == line:
            message = f"duplicate record: {new.sentence} is already at line {earlier.line}"
            raise LedgerError(shown, message)


def _appended(
    text: str, fields: Mapping[str, object], date: dt.date, precision: Precision
) -> tuple[str, int]:
    """``text`` with the record's table at its end, and the line of its header."""
    table = tomlkit.table()
    for key in CLAIM_KEYS:
        value: object = fields.get(key)
        if key == "as_of":  # a day as a TOML date; a month or a year as the string it was
            value = (
                date if precision == "day" else date.isoformat()[: 4 if precision == "year" else 7]
            )
        if value is not None and not (key == "lang" and value == "en"):
            table.add(key, value)
    block = tomlkit.aot()
    block.append(table)
    document = tomlkit.document()
    document.append("claims", block)
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    if text.strip():
        text += newline  # a blank line between records, as people write them
    line = text.count("\n") + 1
    return text + tomlkit.dumps(document).replace("\n", newline), line


def _check_writable(target: Path, shown: str) -> None:
    """Refuse a file that is not to be written: read-only, or not a regular file."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return  # made new
    except OSError as exc:
        raise LedgerError(shown, f"cannot read the file: {write_problem(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise LedgerError(shown, "not a regular file: a ledger file is a TOML file")
    # The mode, not os.access: root may write anything, and must still not overwrite a
    # file that its owner made read-only.
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        mode = oct(stat.S_IMODE(st.st_mode))[2:]
        raise LedgerError(shown, f"the file is read-only (mode {mode}); nothing was added")


def _read(target: Path, shown: str) -> str:
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise LedgerError(shown, f"cannot read the file: {write_problem(exc)}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LedgerError(shown, "not UTF-8 text: TOML files are UTF-8", line) from None


@contextmanager
def _locked(folder: Path, shown: str) -> Iterator[int | None]:
    """Hold the exclusive lock of ``folder``; yield its descriptor (None without fcntl)."""
    if fcntl is None:  # pragma: no cover - Windows
        yield None
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise LedgerError(shown, f"cannot write the file: {write_problem(exc)}") from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    message = (
                        f"another writer has held its folder for {LOCK_TIMEOUT:g} s; "
                        "nothing was added"
                    )
                    raise LedgerError(shown, message) from None
                time.sleep(_POLL)
            except OSError as exc:  # a file system without locks: write unserialised
                if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                    raise LedgerError(
                        shown, f"cannot lock its folder: {write_problem(exc)}"
                    ) from None
                break
        yield fd
    finally:
        os.close(fd)  # releases the lock


def _replace(target: Path, text: str, shown: str) -> None:
    """Write ``text`` to a temporary file beside ``target`` and rename it over it."""
    # The file keeps its own mode, or gets what the user's umask gives new files.
    try:
        with tempfiles.replacing(target, mode=file_mode(target), durable=True) as out:
            out.write(text.encode("utf-8"))
    except OSError as exc:
        raise LedgerError(shown, f"cannot write the file: {write_problem(exc)}") from None


def _fsync_folder(fd: int) -> None:
    # The rename is durable once the folder is: a power cut after "added" keeps the record.
    with suppress(OSError):
        os.fsync(fd)
