"""How web sources are fetched: the limits, read from the configuration and the flags.

Apart from :mod:`factcheck.sources.web` so that a run without web sources reads its
settings without loading the HTTP client.
"""

from __future__ import annotations

from factcheck.config import WebConfig


class FetchSettings(WebConfig):
    """How web sources are fetched: the limits of ``[tool.factcheck.web]`` (declared,
    with their defaults and bounds, once: :class:`factcheck.config.WebConfig`) and the
    run's flags. The retries wait ``backoff`` seconds, doubled for each next one."""

    allow_private: bool = False  # loopback and private addresses too
    offline: bool = False  # the cache only
    refresh: bool = False  # the cache ignored (and rewritten)
