"""Fetching web sources: politely, within limits, safely, with a cache.

    URL ─ check_url ─ cache? ─ GET (If-None-Match) ─ 3xx: next hop ─ 200: body ≤ cap ─ Page
                                   └ 429/5xx: wait (Retry-After, capped), try again

Redirects are followed here, hop by hop, so that every hop passes
:func:`~factcheck.sources.netguard.check_url` and has its own cache entry; each hop is
connected to exactly the addresses its check approved (:mod:`factcheck.sources.pinning`),
never to what a second look-up of the name would say. Bodies are read in chunks and the
read stops at ``max_bytes`` (counted after gzip is undone, so a small compressed bomb is
stopped too). Only HTML, plain text, Markdown and JSON are read; anything else is an
unsupported source, not a guess.

A source has one deadline in all (``deadline`` seconds): connecting, the headers, the
body, every redirect and every retry, and each wait between them, end when it passes,
however steadily a server trickles its bytes.

Every failure is a :class:`~factcheck.errors.FetchError` naming the URL as shown (no
password, no token): :meth:`Fetcher.fetch_all` returns it beside the pages fetched so
that one broken link does not stop a run.
"""

from __future__ import annotations

import codecs
import email.utils
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

import httpx

from factcheck._version import __version__
from factcheck.errors import DecodeError, FetchError, FetchRefused
from factcheck.sources import netguard, pinning
from factcheck.sources.fetching import FetchSettings as FetchSettings  # re-exported
from factcheck.sources.webcache import KEPT_HEADERS, Entry, WebCache
from factcheck.text.decode import decode_bytes

USER_AGENT = f"factcheck/{__version__} (offline-first fact-checker for figures in news)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Media types read, and the format each is read as.
MEDIA_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/json": "json",
    "application/ld+json": "json",
}
_CHUNK = 64 * 1024

#: ``<meta charset="…">`` or ``<meta http-equiv="Content-Type" content="…; charset=…">``
#: near the start of an HTML page: what the page says of itself when the server did not.
_META_CHARSET = re.compile(
    rb"""
    <meta [^>]*? charset \s*=\s* ["']? \s*   # charset= inside either form of the tag
    (?P<charset> [A-Za-z0-9._:-]+ )          # the name, up to a quote, space or slash
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    """A fetched web source, decoded."""

    url: str  # as requested
    final_url: str  # after redirects
    fmt: str  # html, text, markdown or json
    text: str


@dataclass
class Stats:
    """What a run cost: requests sent, 304 answers, entries used without asking."""

    requests: int = 0
    not_modified: int = 0
    from_cache: int = 0
    retries: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)


def make_client(settings: FetchSettings, guard: pinning.Guard) -> httpx.Client:
    """The client every fetch goes through: no automatic redirects, proxies from the
    environment (``HTTPS_PROXY``, ``NO_PROXY``, …), a User-Agent naming factcheck, and
    connections only to checked addresses, within the deadline of ``guard``'s plan."""
    return pinning.make_client(
        guard,
        timeout=httpx.Timeout(settings.timeout),
        headers={"User-Agent": USER_AGENT, "Accept": ", ".join(MEDIA_TYPES) + ";q=0.9, */*;q=0.1"},
        limits=httpx.Limits(max_connections=max(1, settings.concurrency)),
    )


class Fetcher:
    """Fetches URLs with :class:`FetchSettings`; the client and cache can be handed in."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        client: httpx.Client | None = None,
        cache: WebCache | None = None,
        resolve: netguard.Resolver = netguard.system_resolver,
        policy: netguard.AddressPolicy = netguard.is_public,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.guard = pinning.Guard()
        self.client = client if client is not None else make_client(settings, self.guard)
        self.cache = cache if cache is not None else WebCache()
        self.resolve = resolve
        self.policy = policy
        self.sleep = sleep
        self.stats = Stats()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch_all(
        self, urls: Sequence[str], done: Callable[[], None] = lambda: None
    ) -> list[Page | FetchError]:
        """Each URL's page or the reason it failed, in the order given; ``done`` is
        called as each finishes (for a progress bar)."""

        def one(url: str) -> Page | FetchError:
            try:
                return self.fetch(url)
            except FetchError as exc:
                return exc
            finally:
                done()

        workers = max(1, min(self.settings.concurrency, len(urls)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            return list(pool.map(one, urls))

    def fetch(self, url: str) -> Page:
        """The page at ``url``; :class:`FetchError` when it cannot be had."""
        allowed = self.settings.deadline
        plan = pinning.Plan(
            deadline=time.monotonic() + allowed,
            allowed=allowed,
            pinned=not self.settings.allow_private,
        )
        with self.guard.planned(plan):
            return self._fetch(url, plan)

    def _fetch(self, url: str, plan: pinning.Plan) -> Page:
        current = _defragged(url)
        seen: set[str] = set()
        for _ in range(self.settings.max_redirects + 1):
            addresses = netguard.check_url(
                current,
                # Offline nothing is connected to, and resolving a name would use the network.
                allow_private=self.settings.allow_private or self.settings.offline,
                resolve=self.resolve,
                policy=self.policy,
            )
            if addresses is not None:
                plan.pin(current, addresses)
            seen.add(current)
            entry = self._entry(current, plan)
            if entry.status in REDIRECTS:
                location = entry.headers.get("location")
                if not location:
                    raise FetchError(_shown(current), f"HTTP {entry.status} without a Location")
                current = _defragged(urljoin(current, location))
                if current in seen:
                    raise FetchError(_shown(url), f"redirect loop at {_shown(current)}")
                continue
            return _page(url, current, entry)
        raise FetchError(_shown(url), f"more than {self.settings.max_redirects} redirects")

    def _entry(self, url: str, plan: pinning.Plan) -> Entry:
        cached = None if self.settings.refresh else self.cache.get(url)
        if self.settings.offline:
            if cached is None:
                raise FetchError(_shown(url), "not in the cache (--offline)")
            self.stats.add("from_cache")
            return cached
        entry = self._request(url, cached, plan)
        if entry is not cached:
            self.cache.put(entry)
        return entry

    def _request(self, url: str, cached: Entry | None, plan: pinning.Plan) -> Entry:
        shown = _shown(url)
        headers = cached.validators() if cached is not None else {}
        attempt = 0
        while True:
            try:
                self.stats.add("requests")
                with self.client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status == 304 and cached is not None:
                        self.stats.add("not_modified")
                        return cached
                    if (status == 429 or status >= 500) and attempt < self.settings.retries:
                        wait = self._wait(response.headers.get("retry-after"), attempt)
                    elif status in REDIRECTS:
                        return Entry(url, status, _kept(response.headers))
                    elif status != 200:
                        raise FetchError(shown, f"HTTP {status} {response.reason_phrase}".rstrip())
                    else:
                        kept = _kept(response.headers)
                        _media_type(kept, shown)  # refuse an unsupported type unread
                        return Entry(url, 200, kept, self._body(response, shown, plan))
            except (httpx.ConnectError, httpx.RemoteProtocolError) as exc:
                if attempt >= self.settings.retries:
                    raise FetchError(shown, f"cannot connect: {_reason(exc)}") from None
                wait = self._wait(None, attempt)
            except httpx.TimeoutException as exc:
                reason = _reason(exc)
                if "deadline" in reason:
                    raise FetchError(shown, f"timed out: {reason}") from None
                raise FetchError(shown, f"timed out ({reason})") from None
            except httpx.HTTPError as exc:
                raise FetchError(shown, f"failed: {_reason(exc)}") from None
            left = plan.deadline - time.monotonic()
            if wait >= left:  # the next attempt could not finish in time
                message = f"timed out: the deadline of {plan.allowed:g} s for this source passed"
                raise FetchError(shown, message)
            self.stats.add("retries")
            self.sleep(wait)
            attempt += 1

    def _wait(self, retry_after: str | None, attempt: int) -> float:
        """Seconds to wait before the next attempt: what the server asked, capped, or
        the backoff (doubled per attempt)."""
        asked = _retry_after(retry_after) if retry_after else None
        if asked is not None:
            return min(max(asked, 0.0), self.settings.retry_after_cap)
        return float(self.settings.backoff * 2**attempt)

    def _body(self, response: httpx.Response, shown: str, plan: pinning.Plan) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length")
        plain = "content-encoding" not in response.headers  # else it says the gzip's size
        if plain and declared and declared.isascii() and declared.isdigit() and int(declared) > cap:
            raise FetchError(shown, f"too large: {int(declared):,} bytes (limit {cap:,})")
        parts: list[bytes] = []
        size = 0
        # Every read of the socket ends by the deadline (pinning's streams); a response
        # from a client handed in, or already buffered, is checked here as well.
        for chunk in response.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise FetchError(shown, f"too large: more than {cap:,} bytes")
            if time.monotonic() > plan.deadline:
                message = f"timed out: the deadline of {plan.allowed:g} s for this source passed"
                raise FetchError(shown, message)
            parts.append(chunk)
        return b"".join(parts)


def _defragged(url: str) -> str:
    """``url`` without its fragment, or refused as no URL when it cannot be split.

    >>> _defragged("https://example.com/a#b")
    'https://example.com/a'
    >>> _defragged("http://[#")
    Traceback (most recent call last):
    factcheck.errors.FetchRefused: http://[#: not a valid URL (Invalid IPv6 URL)
    """
    try:
        return urldefrag(url)[0]
    except ValueError as exc:
        reason = netguard.printable(str(exc))
        raise FetchRefused(_shown(url), f"not a valid URL ({reason})") from None


def _shown(url: str) -> str:
    return netguard.display_url(url)


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _kept(headers: httpx.Headers) -> dict[str, str]:
    return {name: headers[name] for name in KEPT_HEADERS if name in headers}


def _retry_after(value: str) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date.

    >>> _retry_after("3"), _retry_after("soon")
    (3.0, None)
    """
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.timestamp() - time.time()


def _media_type(headers: dict[str, str], shown: str) -> tuple[str, str | None]:
    """The format a response is read as, and its declared charset."""
    content_type = headers.get("content-type", "")
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    fmt = MEDIA_TYPES.get(media)
    if fmt is None and media.startswith("application/") and media.endswith("+json"):
        fmt = "json"
    if fmt is None:
        raise FetchError(shown, f"unsupported content type {media or '(none)'}")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return fmt, charset


def _decode(body: bytes, fmt: str, charset: str | None, shown: str) -> str:
    """The body as text: by the charset the server declared, else the one an HTML page
    declares, else as :func:`~factcheck.text.decode.decode_bytes` detects it."""
    if charset is None and fmt == "html":
        match = _META_CHARSET.search(body[:4096])
        charset = match["charset"].decode("ascii") if match else None
    if charset is not None:
        try:
            name = codecs.lookup(charset).name
            return body.decode("cp1252" if name == "latin-1" else name)  # as browsers do
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    try:
        return decode_bytes(body, shown)
    except DecodeError as exc:
        raise FetchError(shown, exc.message) from None


def _page(url: str, final: str, entry: Entry) -> Page:
    shown = _shown(url)
    if entry.status != 200:
        raise FetchError(shown, f"HTTP {entry.status}")
    fmt, charset = _media_type(entry.headers, shown)
    return Page(url, final, fmt, _decode(entry.body, fmt, charset, shown))
