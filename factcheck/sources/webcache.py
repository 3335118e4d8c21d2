"""Web pages kept on disk between runs, to revalidate and to work offline.

One entry per URL fetched (every hop of a redirect has its own), in the ``web`` folder
of factcheck's cache root (see :func:`~factcheck.sources.ledger.cache.cache_root`;
``FACTCHECK_CACHE_DIR`` moves it). An entry keeps the response's status, the headers a
later run needs (content type, ``ETag``, ``Last-Modified``, ``Location``) and the body
as received, already decoded from gzip and cut at the size cap.

The cache never answers on its own when online: every run asks the server again with
``If-None-Match``/``If-Modified-Since`` and uses the entry only on ``304 Not Modified``.
A checker must see today's page, and a 304 costs no body. Offline, the entry is all
there is.

Why not hishel: its 2.x transport has no ``only-if-cached`` for ``--offline`` and serves
entries it judges fresh (heuristically, from ``Last-Modified``) without asking the
server, while a fact-check wants every page revalidated; the sqlite store it brings
would only hold what these few dozen lines hold.

An entry that is missing, truncated or for another URL is ignored; a cache folder that
cannot be written is no error. Each file is a line of JSON, then the body.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import tempfiles
from factcheck.sources.ledger.cache import cache_root

#: Bumped whenever the layout of an entry changes.
FORMAT = 1
#: The response headers an entry keeps, lower case.
KEPT_HEADERS = ("content-type", "etag", "last-modified", "location", "retry-after")


def web_cache_dir() -> Path:
    return cache_root() / "web"


@dataclass(frozen=True)
class Entry:
    """A response as a later run needs it."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def validators(self) -> dict[str, str]:
        """The request headers that ask the server whether this entry is still current."""
        asks: dict[str, str] = {}
        if "etag" in self.headers:
            asks["If-None-Match"] = self.headers["etag"]
        if "last-modified" in self.headers:
            asks["If-Modified-Since"] = self.headers["last-modified"]
        return asks


class WebCache:
    """Entries in one folder, keyed by URL."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else web_cache_dir()

    def _path(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode()).hexdigest()[:40] + ".entry")

    def get(self, url: str) -> Entry | None:
        try:
            data = self._path(url).read_bytes()
        except OSError:
            return None
        head, newline, body = data.partition(b"\n")
        if not newline:
            return None
        try:
            meta = json.loads(head)
            if meta.get("format") != FORMAT or meta.get("url") != url:
                return None
            if len(body) != meta["length"]:
                return None  # a torn write
            headers = {str(k): str(v) for k, v in meta["headers"].items()}
            return Entry(url, int(meta["status"]), headers, body)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def put(self, entry: Entry) -> None:
        """Store ``entry``, atomically; a failure leaves the cache as it was."""
        meta = {
            "format": FORMAT,
            "url": entry.url,
            "status": entry.status,
            "headers": {k: v for k, v in entry.headers.items() if k in KEPT_HEADERS},
            "length": len(entry.body),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfiles.replacing(self._path(entry.url), tag="entry") as out:
                out.write(json.dumps(meta).encode() + b"\n" + entry.body)
        except OSError:
            pass
