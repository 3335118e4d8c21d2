"""Issue 17 against real servers on 127.0.0.1: the deadline of a source (defect 2), DNS
rebinding (defect 4) and every spelling of a private address.

The servers are real (tests/web_server.py), and so are the sockets. A name server that
changes its answer cannot be run without privileges, so the one name these tests
resolve, ``news.rebind.test``, is answered by a stand-in for the system resolver
(``socket.getaddrinfo``) that says 127.0.0.2 the first time and 127.0.0.1 after: what an
attacker's name server says. Every other name and every address go to the real one.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import FetchError, FetchRefused
from factcheck.sources.netguard import Address
from factcheck.sources.web import Fetcher, FetchSettings
from factcheck.sources.webcache import WebCache
from tests.web_server import HIRING, Site, serve

#: Small limits; a deadline of one second, far below the minute a trickle lasts.
QUICK = FetchSettings(timeout=0.5, deadline=1.0, retries=2, backoff=0.01, retry_after_cap=0.05)
#: A trickle sends 600 bytes at ten a second: it would hold a client for a minute.
TRICKLE_SECONDS = 60.0


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def _fetcher(tmp_path: Path, **changes: Any) -> Fetcher:
    settings = FetchSettings(**{**QUICK.__dict__, "allow_private": True, **changes})
    return Fetcher(settings, cache=WebCache(tmp_path / "cache"), sleep=lambda _: None)


# -- defect 2: one deadline per source --------------------------------------------------


@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body"])
def test_issue17_d2_slow_server_is_cut_off_at_the_deadline(
    site: Site, tmp_path: Path, path: str
) -> None:
    """A byte every tenth of a second never trips the read timeout (half a second); only
    the deadline ends it: before, the headers had no deadline and the body's was looked
    at only when a 64 KiB chunk arrived, so this took the whole minute."""
    cut_before = site.state.trickle_cut
    with _fetcher(tmp_path) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out.*deadline of 1 s"):
            fetcher.fetch(site.url(path))
        took = time.monotonic() - started
    assert took < TRICKLE_SECONDS / 4  # about 1 s; any bound far below the trickle holds
    deadline = time.monotonic() + 10
    while site.state.trickle_cut == cut_before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert site.state.trickle_cut > cut_before  # the server saw the client hang up


def test_issue17_d2_many_slow_sources_end_together(site: Site, tmp_path: Path) -> None:
    urls = [site.url("/trickle-body?n=" + str(n)) for n in range(6)]
    with _fetcher(tmp_path, concurrency=6) as fetcher:
        started = time.monotonic()
        results = fetcher.fetch_all(urls)
        took = time.monotonic() - started
    assert all(isinstance(r, FetchError) and "deadline" in r.message for r in results)
    assert took < TRICKLE_SECONDS / 4


def test_issue17_d2_no_retry_is_waited_for_past_the_deadline(site: Site, tmp_path: Path) -> None:
    waits: list[float] = []
    settings = FetchSettings(**{**QUICK.__dict__, "allow_private": True, "backoff": 5.0})
    with (
        Fetcher(settings, cache=WebCache(tmp_path), sleep=waits.append) as fetcher,
        pytest.raises(FetchError, match="deadline of 1 s"),
    ):
        fetcher.fetch(site.url("/down"))  # 503 for good; a retry in 5 s would be late
    assert waits == []


def test_issue17_d2_a_fast_page_is_untouched_by_the_deadline(site: Site, tmp_path: Path) -> None:
    with _fetcher(tmp_path) as fetcher:
        assert "4,100" in fetcher.fetch(site.url("/moved")).text  # a redirect and a page


# -- defect 4: DNS rebinding ------------------------------------------------------------

REBIND_HOST = "news.rebind.test"
EVIDENCE = ipaddress.ip_address("127.0.0.2")  # stands in for a public address


def _evidence_only(address: Address) -> bool:
    return address == EVIDENCE


class RebindingResolver:
    """``socket.getaddrinfo`` as an attacker's name server answers for one name: the
    evidence server's address the first time, then loopback."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.asked = 0

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != REBIND_HOST:
            return self.real(host, port, *args, **kwargs)
        self.asked += 1
        answer = str(EVIDENCE) if self.asked == 1 else "127.0.0.1"
        return self.real(answer, port, *args, **kwargs)


@pytest.fixture
def twin_servers() -> Iterator[tuple[Site, Site, int]]:
    """The evidence server on 127.0.0.2 and an internal one on 127.0.0.1, same port."""
    for _ in range(20):
        with serve(host=str(EVIDENCE)) as evidence:
            port = int(evidence.base.rsplit(":", 1)[1])
            try:
                internal_cm = serve(host="127.0.0.1", port=port)
                internal = internal_cm.__enter__()
            except OSError:  # the port is taken on 127.0.0.1: another one
                continue
            try:
                yield evidence, internal, port
            finally:
                internal_cm.__exit__(None, None, None)
            return
    pytest.skip("no port free on both 127.0.0.1 and 127.0.0.2")


def test_issue17_d4_connection_goes_to_the_address_checked(
    twin_servers: tuple[Site, Site, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked: 127.0.0.2 (public, for this test); a second look-up would say 127.0.0.1,
    whose page the old code read as evidence. Only the checked address is connected to."""
    evidence, internal, port = twin_servers
    resolver = RebindingResolver(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    settings = FetchSettings(**{**QUICK.__dict__, "allow_private": False})
    with Fetcher(settings, cache=WebCache(tmp_path), policy=_evidence_only) as fetcher:
        page = fetcher.fetch(f"http://{REBIND_HOST}:{port}/en/hiring.html")
    assert page.text == HIRING
    assert evidence.state.hits["/en/hiring.html"] == 1
    assert sum(internal.state.hits.values()) == 0
    assert resolver.asked == 1  # resolved once, for the check; never by the connection


def test_issue17_d4_every_redirect_hop_is_checked_and_pinned(
    twin_servers: tuple[Site, Site, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second hop is resolved again, for its check: the loopback answer is refused,
    not connected to."""
    evidence, internal, port = twin_servers
    resolver = RebindingResolver(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    settings = FetchSettings(**{**QUICK.__dict__, "allow_private": False})
    with (
        Fetcher(settings, cache=WebCache(tmp_path), policy=_evidence_only) as fetcher,
        pytest.raises(FetchRefused, match=r"news\.rebind\.test \(127\.0\.0\.1\) is a private"),
    ):
        fetcher.fetch(f"http://{REBIND_HOST}:{port}/moved")  # 301 to /en/hiring.html
    assert evidence.state.hits["/moved"] == 1
    assert sum(internal.state.hits.values()) == 0


# -- every spelling of a private address ------------------------------------------------

PRIVATE_SPELLINGS = [
    "127.0.0.1", "localhost", "LOCALHOST", "localhost.", "127.1", "127.0.1", "2130706433",
    "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "017700000001", "127.000.000.001",
    "0", "0.0.0.0", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:127.0.0.1]", "[::127.0.0.1]", "①②⑦.0.0.1", "127.0.0.1%2f@example.org",
]  # fmt: skip


@pytest.mark.parametrize("host", PRIVATE_SPELLINGS)
def test_issue17_every_private_spelling_is_refused_unasked(
    site: Site, tmp_path: Path, host: str
) -> None:
    port = site.base.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/en/hiring.html"
    before = site.state.hits["/en/hiring.html"]
    with _fetcher(tmp_path, allow_private=False) as fetcher, pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert site.state.hits["/en/hiring.html"] == before  # not even asked


def test_issue17_the_same_server_is_reachable_when_private_is_allowed(
    site: Site, tmp_path: Path
) -> None:
    """The refusals above are refusals, not a server that cannot be reached."""
    port = site.base.rsplit(":", 1)[1]
    before = site.state.hits["/en/hiring.html"]
    with _fetcher(tmp_path, allow_private=True) as fetcher:
        assert fetcher.fetch(f"http://127.1:{port}/en/hiring.html").text == HIRING
    assert site.state.hits["/en/hiring.html"] == before + 1


@pytest.mark.parametrize("url", ["http://[#", "https://[::1/page", "http://[not-an-address]/"])
def test_a_url_that_cannot_be_split_is_refused_in_one_line(tmp_path: Path, url: str) -> None:
    """Found by the long fuzzing run: the fragment was cut off before the URL was checked,
    and a bracket that opens no IPv6 address escaped as ValueError (exit 3)."""
    with _fetcher(tmp_path) as fetcher, pytest.raises(FetchRefused, match="not a valid URL"):
        fetcher.fetch(url)
