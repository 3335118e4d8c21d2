"""Fetching web sources from a real server on 127.0.0.1: pages, misbehaviour, safety, cache.

The server (tests/web_server.py) is real; so are the sockets, redirects, gzip and
timeouts. Only waiting is handed in (``sleep``), so that a Retry-After of two minutes
is checked as asked for, and capped, without a test waiting for it.
"""

from __future__ import annotations

import ipaddress
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.errors import FetchError, FetchRefused
from factcheck.sources.article import to_document
from factcheck.sources.netguard import Address, check_url, display_url
from factcheck.sources.web import USER_AGENT, Fetcher, FetchSettings, Page
from factcheck.sources.webcache import WebCache
from tests.web_server import ETAG, Site, serve

#: Small limits, so that misbehaviour is met in a fraction of a second.
FAST = FetchSettings(
    timeout=0.5, retries=2, backoff=0.01, retry_after_cap=0.05, max_bytes=200_000,
    allow_private=True,
)  # fmt: skip


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


class Fetch:
    """A fetcher with the fast settings and a cache in a temporary folder."""

    def __init__(self, cache: Path, **changes: object) -> None:
        settings = FetchSettings(**{**FAST.__dict__, **changes})
        self.waits: list[float] = []
        self.fetcher = Fetcher(settings, cache=WebCache(cache), sleep=self.waits.append)

    def __call__(self, url: str) -> Page:
        return self.fetcher.fetch(url)


@pytest.fixture
def fetch(tmp_path: Path) -> Iterator[Fetch]:
    made = Fetch(tmp_path / "cache")
    yield made
    made.fetcher.close()


# -- articles -------------------------------------------------------------------------


def test_english_article_main_text_title_and_date(site: Site, fetch: Fetch) -> None:
    doc = to_document(fetch(site.url("/en/ardent.html")))
    assert doc.location == site.url("/en/ardent.html")
    assert doc.title == "Ardent Foundry picks Porto for its chip plant"
    assert doc.published is not None
    assert doc.published.isoformat() == "2025-11-18"
    assert [c.text for c in doc.claims] == ["$9 billion"]  # no nav, ad or comment figures
    assert "Reader comment" not in doc.text
    assert "Subscribe" not in doc.text
    claim = doc.claims[0]
    assert doc.text[claim.start : claim.end] == "$9 billion"  # offsets into the article text


def test_german_article_date_from_json_ld_graph(site: Site, fetch: Fetch) -> None:
    doc = to_document(fetch(site.url("/de/werk.html")))
    assert doc.lang == "de"
    assert doc.published is not None
    assert doc.published.isoformat() == "2025-11-21"
    assert {c.text for c in doc.claims} == {"3.800", "9 Milliarden US-Dollar"}
    jobs = next(c for c in doc.claims if c.unit == "count")
    assert jobs.value == 3800


def test_latin1_page_decoded_by_its_declared_charset(site: Site, fetch: Fetch) -> None:
    doc = to_document(fetch(site.url("/latin1.html")))
    assert doc.title == "Größere Pläne"
    assert [c.value for c in doc.claims] == [1250]


def test_gzip_body_is_decompressed(site: Site, fetch: Fetch) -> None:
    doc = to_document(fetch(site.url("/gzip.html")))
    assert [c.text for c in doc.claims] == ["4,100"]


def test_plain_text_and_json(site: Site, fetch: Fetch) -> None:
    plain = to_document(fetch(site.url("/plain.txt")))
    assert [c.text for c in plain.claims] == ["$120 million"]
    record = to_document(fetch(site.url("/api.json")))
    assert record.title == "Northwind funding"
    assert record.published is not None
    assert record.published.isoformat() == "2025-10-02"
    assert [c.text for c in record.claims] == ["$120 million"]


def test_user_agent_names_factcheck_and_its_version() -> None:
    from factcheck._version import __version__

    assert USER_AGENT.startswith(f"factcheck/{__version__} ")


# -- misbehaving endpoints ------------------------------------------------------------


def test_read_timeout(site: Site, fetch: Fetch) -> None:
    with pytest.raises(FetchError, match="timed out"):
        fetch(site.url("/slow"))


def test_500_then_200_is_retried(site: Site, fetch: Fetch) -> None:
    before = site.state.hits["/flaky"]
    page = fetch(site.url("/flaky"))
    assert "4,100" in page.text
    assert site.state.hits["/flaky"] - before >= 1
    assert fetch.waits == [FAST.backoff]


def test_429_honours_retry_after_capped(site: Site, fetch: Fetch) -> None:
    page = fetch(site.url("/busy"))  # the server asks for 120 s
    assert "4,100" in page.text
    assert fetch.waits == [FAST.retry_after_cap]
    assert site.state.hits["/busy"] == 2


def test_5xx_for_good_gives_up_after_the_retries_with_backoff(site: Site, fetch: Fetch) -> None:
    before = site.state.hits["/down"]
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(site.url("/down"))
    assert site.state.hits["/down"] - before == 1 + FAST.retries
    assert fetch.waits == [FAST.backoff, FAST.backoff * 2]


def test_redirect_loop(site: Site, fetch: Fetch) -> None:
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(site.url("/loop/a"))


def test_redirect_limit(site: Site, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="more than 0 redirects"):
        Fetch(tmp_path, max_redirects=0)(site.url("/moved"))


def test_redirect_followed(site: Site, fetch: Fetch) -> None:
    page = fetch(site.url("/moved"))
    assert page.final_url == site.url("/en/hiring.html")
    assert page.url == site.url("/moved")


def test_unsupported_content_type(site: Site, fetch: Fetch) -> None:
    with pytest.raises(FetchError, match="unsupported content type image/png"):
        fetch(site.url("/image.png"))


def test_not_found(site: Site, fetch: Fetch) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(site.url("/no/such/page"))


def test_declared_length_over_the_cap_is_not_read(site: Site, fetch: Fetch) -> None:
    with pytest.raises(FetchError, match="too large: 300,000 bytes"):
        fetch(site.url("/big"))


def test_endless_body_stops_at_the_cap_in_bounded_memory(site: Site, fetch: Fetch) -> None:
    cap = FAST.max_bytes
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large"):
            fetch(site.url("/endless"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert site.state.endless_done.wait(10), "the server never saw the client stop"
    # The server stops when the client hangs up: what it sent is the cap plus what the
    # sockets' buffers held, far from the 2 GB it would send to a client that read on.
    # (a few MB on loopback: measured 3.9 MB for a 200 kB cap).
    assert cap < site.state.endless_sent < 64_000_000
    assert peak < 10 * cap


# -- safety ---------------------------------------------------------------------------


def test_private_address_refused_without_allow_private(site: Site, tmp_path: Path) -> None:
    before = site.state.hits["/en/ardent.html"]
    with pytest.raises(FetchRefused, match="private or reserved"):
        Fetch(tmp_path, allow_private=False)(site.url("/en/ardent.html"))
    assert site.state.hits["/en/ardent.html"] == before  # not even asked


def test_redirect_to_a_private_host_refused(site: Site, tmp_path: Path) -> None:
    # 127.0.0.1 stands in for a public host here: only the redirect's target is private.
    def test_site_only(address: Address) -> bool:
        return address == ipaddress.ip_address("127.0.0.1")

    settings = FetchSettings(**{**FAST.__dict__, "allow_private": False})
    with Fetcher(settings, cache=WebCache(tmp_path), policy=test_site_only) as fetcher:
        assert "4,100" in fetcher.fetch(site.url("/moved")).text  # an allowed redirect
        with pytest.raises(FetchRefused, match=r"10\.255\.255\.1 is a private"):
            fetcher.fetch(site.url("/to-private"))


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://files.example/a.txt", "http://169.254.169.254/latest/meta-data",
     "http://[::1]:8080/", "http://10.0.0.8/", "http://0.0.0.0/", "http:///nohost"],
)  # fmt: skip
def test_refused_urls(url: str) -> None:
    with pytest.raises(FetchRefused):
        check_url(url, allow_private=False)


def test_names_resolving_to_private_addresses_are_refused() -> None:
    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "192.168.1.20"]  # one public, one private: refused

    with pytest.raises(FetchRefused, match=r"192\.168\.1\.20"):
        check_url("https://intranet.example/", allow_private=False, resolve=resolve)
    check_url("https://intranet.example/", allow_private=True, resolve=resolve)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://ann:secret@news.example/a", "https://news.example/a"),
        ("https://news.example/a?id=7&token=abc", "https://news.example/a?id=7&token=***"),
        ("https://news.example/a?API_KEY=k&sig=s&page=2",
         "https://news.example/a?API_KEY=***&sig=***&page=2"),
        ("http://news.example:8080/b#p3", "http://news.example:8080/b#p3"),
    ],
)  # fmt: skip
def test_urls_shown_without_credentials(url: str, shown: str) -> None:
    assert display_url(url) == shown


def test_errors_name_the_url_without_credentials(site: Site, fetch: Fetch) -> None:
    url = site.base.replace("http://", "http://ann:pw@") + "/image.png?access_token=xyz"
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert "pw" not in str(caught.value)
    assert "xyz" not in str(caught.value)
    assert caught.value.location == site.url("/image.png?access_token=***")


# -- cache ----------------------------------------------------------------------------


def test_revalidation_offline_and_refresh(site: Site, tmp_path: Path) -> None:
    url = site.url("/en/ardent.html")
    cache = tmp_path / "cache"
    first = Fetch(cache)
    page = first(url)
    assert first.fetcher.stats.requests == 1
    assert first.fetcher.stats.not_modified == 0

    again = Fetch(cache)
    assert again(url) == page
    assert again.fetcher.stats.not_modified == 1
    assert site.state.conditional[-1] == ("/en/ardent.html", ETAG, "Tue, 18 Nov 2025 08:00:00 GMT")

    hits = site.state.hits["/en/ardent.html"]
    offline = Fetch(cache, offline=True)
    assert offline(url) == page
    assert site.state.hits["/en/ardent.html"] == hits  # the server was not asked
    with pytest.raises(FetchError, match=r"not in the cache \(--offline\)"):
        offline(site.url("/en/hiring.html"))

    fresh = Fetch(cache, refresh=True)
    assert fresh(url) == page
    asked = site.state.conditional
    assert asked[-1][1:] == (None, None)  # asked unconditionally


def test_offline_follows_cached_redirects(site: Site, tmp_path: Path) -> None:
    Fetch(tmp_path)(site.url("/moved"))
    hits = site.state.hits["/moved"]
    page = Fetch(tmp_path, offline=True)(site.url("/moved"))
    assert "4,100" in page.text
    assert site.state.hits["/moved"] == hits


def test_a_damaged_cache_entry_is_ignored(site: Site, tmp_path: Path) -> None:
    url = site.url("/en/ardent.html")
    Fetch(tmp_path)(url)
    for entry in tmp_path.glob("*.entry"):
        entry.write_bytes(entry.read_bytes()[:-10])
    with pytest.raises(FetchError, match="not in the cache"):
        Fetch(tmp_path, offline=True)(url)


def test_fetch_all_keeps_order_and_reports_failures(site: Site, fetch: Fetch) -> None:
    urls = [site.url("/plain.txt"), site.url("/image.png"), site.url("/en/hiring.html")]
    done: list[None] = []
    results = fetch.fetcher.fetch_all(urls, lambda: done.append(None))
    assert isinstance(results[0], Page)
    assert isinstance(results[2], Page)
    assert isinstance(results[1], FetchError)
    assert len(done) == 3
