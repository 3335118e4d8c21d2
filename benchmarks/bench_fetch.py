"""Fetching web sources: concurrent against one by one, and a second run from the cache.

    python benchmarks/bench_fetch.py [--sources 50] [--latency 0.1] [--concurrency 8]

Starts the tests' HTTP server on 127.0.0.1 (tests/web_server.py), which waits
``--latency`` seconds before each answer as a distant server would, and fetches
``--sources`` article pages through :class:`factcheck.sources.web.Fetcher`:

1. one at a time (concurrency 1), into an empty cache;
2. ``--concurrency`` at a time, into another empty cache;
3. again with that cache: every page is revalidated (``If-None-Match``), and the
   server answers ``304 Not Modified`` without a body;
4. ``--offline`` with that cache: no request at all.

Each line gives the wall time and how many requests reached the server and how many
of them were answered 304.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.sources.web import Fetcher, FetchSettings, Page  # noqa: E402
from factcheck.sources.webcache import WebCache  # noqa: E402
from tests.web_server import Site, serve  # noqa: E402


def _run(label: str, site: Site, urls: list[str], cache: Path, **settings: object) -> None:
    hits = sum(site.state.hits.values())
    fetch = FetchSettings(allow_private=True, **settings)  # type: ignore[arg-type]
    start = time.perf_counter()
    with Fetcher(fetch, cache=WebCache(cache)) as fetcher:
        results = fetcher.fetch_all(urls)
        stats = fetcher.stats
    elapsed = time.perf_counter() - start
    pages = sum(isinstance(r, Page) for r in results)
    served = sum(site.state.hits.values()) - hits
    print(
        f"{label:<28} {elapsed:7.2f} s  {pages}/{len(urls)} pages  "
        f"{served} requests reached the server, {stats.not_modified} answered 304"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per response")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with serve(latency=args.latency) as site, tempfile.TemporaryDirectory() as tmp:
        urls = [site.url(f"/bench/{n}") for n in range(1, args.sources + 1)]
        print(f"{args.sources} sources, {args.latency * 1000:.0f} ms per response")
        _run("one by one", site, urls, Path(tmp, "serial"), concurrency=1)
        cache = Path(tmp, "shared")
        _run(f"concurrent ({args.concurrency} at once)", site, urls, cache,
             concurrency=args.concurrency)  # fmt: skip
        _run("second run (revalidated)", site, urls, cache, concurrency=args.concurrency)
        _run("offline (cache only)", site, urls, cache, concurrency=args.concurrency,
             offline=True)  # fmt: skip


if __name__ == "__main__":
    main()
