"""How web sources are fetched: the limits, read from the configuration and the flags.

Apart from :mod:`factcheck.sources.web` so that a run without web sources reads its
settings without loading the HTTP client.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FetchSettings:
    """Limits of fetching; all of them settings (``[tool.factcheck.web]``)."""

    timeout: float = 10.0  # seconds to connect, and to wait for each read
    deadline: float = 60.0  # seconds one source may take in all (connect, headers, body)
    retries: int = 2  # more attempts after a 429 or 5xx answer or a broken connection
    backoff: float = 0.5  # seconds before the first retry; doubled for each next one
    retry_after_cap: float = 30.0  # the longest Retry-After honoured, in seconds
    max_redirects: int = 5
    max_bytes: int = 5_000_000  # of a body, after gzip is undone
    concurrency: int = 8  # requests at once
    max_links: int = 100  # links of one draft followed (--follow-links)
    max_links_per_host: int = 20  # of them, to one host
    allow_private: bool = False
    offline: bool = False  # the cache only
    refresh: bool = False  # the cache ignored (and rewritten)
