"""Temporary files beside the file they will replace, named so that a later run can
remove those a killed run left behind.

A file is replaced atomically by writing a temporary file in its folder and renaming it
over the file. A run that is stopped (SIGTERM, Ctrl-C, an error) removes its temporary
file on the way out; one that is killed outright (SIGKILL, a power cut) cannot. So each
temporary file names its target, the host and the process that wrote it::

    .claims.toml.3f9a1c-48121.k2j9x1_q.fctmp      target claims.toml, host 3f9a1c, pid 48121

and the next run that writes the same target in the same folder (:func:`create`) first
removes those whose process, on this host, is gone (:func:`sweep`). Files of another
host are left alone: its processes cannot be asked.

:func:`replacing` is the whole of it, for every file factcheck replaces: a fixed draft,
a report, a ledger file, a cache entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

SUFFIX = ".fctmp"

#: What follows ".{target}." in a temporary file's name.
_OWNER = re.compile(
    r"""
    (?P<host> [0-9a-f]{6} ) - (?P<pid> [0-9]+ ) \.   # the host's tag and the process id
    [^.]* \.fctmp \Z                                  # mkstemp's random part, our suffix
    """,
    re.VERBOSE,
)


def host_tag() -> str:
    """Six hex digits of this host's name: which host wrote a temporary file."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


@contextmanager
def replacing(
    target: Path, *, tag: str | None = None, mode: int | None = None, durable: bool = False
) -> Iterator[BinaryIO]:
    """A binary stream to a new temporary file beside ``target``, which replaces
    ``target`` in one rename when the block ends without an error.

    Before the rename the file gets the permission bits ``mode`` (None: the private ones
    of a temporary file) and, if ``durable``, is synced to the disk. On any error, in the
    block or here, the temporary file is removed and the error goes on (``OSError`` when
    the folder cannot be written). ``tag`` names the temporary file instead of
    ``target``'s name, for targets whose names are not known in advance (a cache's
    entries), so that one sweep finds them all.
    """
    fd, tmp = create(target.parent, tag or target.name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create(folder: Path, target: str) -> tuple[int, Path]:
    """A new temporary file in ``folder`` for the file named ``target``: its descriptor
    and path. Stale ones of the same target are removed first; ``OSError`` if the folder
    cannot be written."""
    sweep(folder, target)
    prefix = f".{target}.{host_tag()}-{os.getpid()}."
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=SUFFIX, dir=folder)
    return fd, Path(name)


def sweep(folder: Path, target: str) -> list[Path]:
    """Remove the temporary files for ``target`` in ``folder`` whose process on this host
    has ended; return those removed. Errors are ignored: this only tidies up."""
    removed: list[Path] = []
    head = f".{target}."
    me = host_tag()
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(head) and name.endswith(SUFFIX)):
            continue
        owner = _OWNER.match(name, len(head))
        if owner is None or owner["host"] != me or _alive(int(owner["pid"])):
            continue
        path = folder / name
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (ours counts)."""
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's: alive; an id too large to be one: leave it be
    except OSError:
        return True
    return True
