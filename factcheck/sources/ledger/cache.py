"""The parsed ledger kept on disk between runs, one cache file per ledger file.

Reading a value string through the extractor costs a tenth of a millisecond; a ledger
of a million records would cost minutes to read every time. A ledger file's checked
rows are therefore kept in the user's cache directory, keyed by the file's path and a
hash of its content (SHA-256) and by a fingerprint of the code that read it; any change
to either makes the entry stale. The content, not its size, mtime and inode: an editor
or a script may change a file in place within the mtime's resolution, keeping all
three, and a stale entry would be served as the ledger. Hashing costs a tenth of a
second per hundred megabytes, next to the minutes of reading that it saves.

The cache is only ever a shortcut: an entry that is missing, stale, truncated or
corrupt is ignored (the file is read again), and a cache directory that cannot be
written is no error. Entries are :mod:`marshal` data (plain tuples, fast to load and,
unlike pickle, unable to run code), behind a magic string and a checksum, written
atomically.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from factcheck import tempfiles

#: Bumped whenever the layout of an entry changes.
FORMAT = 3  # 2: keyed on the content's hash; 3: a file's distinct figures stored once
_MAGIC = b"fcledg1\n"
_DIGEST = 16

#: (resolved path, size, SHA-256 of the content, fingerprint of the code)
Key = tuple[str, int, str, str]


def cache_root() -> Path:
    """The root of factcheck's caches (the ledger's, the web's).

    ``FACTCHECK_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/factcheck``, else
    ``~/.cache/factcheck``.
    """
    root = os.environ.get("FACTCHECK_CACHE_DIR")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "factcheck"


def cache_dir() -> Path:
    """Where ledger cache entries live: the ``ledger`` folder of :func:`cache_root`."""
    return cache_root() / "ledger"


def file_key(path: Path, fingerprint: str) -> Key:
    """What an entry for ``path`` must match: the file as it is now, read by this code.

    ``OSError`` if the file cannot be read.
    """
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256")
        size = stream.tell()
    tag = f"{FORMAT}:{marshal.version}:{sys.implementation.cache_tag}:{fingerprint}"
    return (str(path.resolve()), size, digest.hexdigest(), tag)


def _entry_path(folder: Path, key: Key) -> Path:
    return folder / (hashlib.sha256(key[0].encode()).hexdigest()[:32] + ".marshal")


def read_entry(folder: Path, key: Key) -> Any:
    """The payload stored for ``key``, or None when there is none or it cannot be trusted."""
    try:
        data = _entry_path(folder, key).read_bytes()
    except OSError:
        return None
    body = memoryview(data)[len(_MAGIC) + _DIGEST :]
    if data[: len(_MAGIC)] != _MAGIC or _digest(body) != data[len(_MAGIC) : len(_MAGIC) + _DIGEST]:
        return None
    try:
        stored_key, payload = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return payload if stored_key == key else None


def write_entry(folder: Path, key: Key, payload: tuple[Any, ...] | dict[Any, Any]) -> None:
    """Store ``payload`` for ``key``, atomically; a failure leaves the cache as it was."""
    try:
        body = marshal.dumps((key, payload))
        folder.mkdir(parents=True, exist_ok=True)
        with tempfiles.replacing(_entry_path(folder, key), tag="entry") as out:
            out.write(_MAGIC + _digest(body) + body)
    except (OSError, ValueError):  # ValueError: marshal met something it cannot store
        pass


def _digest(body: bytes | memoryview) -> bytes:
    return hashlib.blake2b(body, digest_size=_DIGEST).digest()


#: Past this many remembered readings the memo starts afresh rather than grow for ever.
_MAX_READINGS = 2_000_000


def read_readings(folder: Path, fingerprint: str) -> dict[Any, Any]:
    """The value readings kept from earlier runs of this code, or {} if none can be trusted."""
    payload = read_entry(folder, _readings_key(fingerprint))
    return payload if isinstance(payload, dict) else {}


def write_readings(
    folder: Path, fingerprint: str, known: dict[Any, Any], new: dict[Any, Any]
) -> None:
    """Keep ``new`` readings (with the ``known`` ones) for later runs."""
    merged = {**known, **new} if len(known) + len(new) <= _MAX_READINGS else dict(new)
    write_entry(folder, _readings_key(fingerprint), merged)


def _readings_key(fingerprint: str) -> Key:
    # Not a file's key, but the same shape: a name that no real path has, and the code.
    tag = f"{FORMAT}:{marshal.version}:{sys.implementation.cache_tag}:{fingerprint}"
    return ("<value readings>", 0, "", tag)
