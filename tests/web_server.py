"""A real HTTP server on 127.0.0.1 for the web-source tests: articles and misbehaviour.

Every page is written here for these tests. The server counts what it is asked and what
it sends, so that tests can tell a revalidation (304) from a fetch and an early stop
from a full read.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ETAG = '"ardent-v1"'
LAST_MODIFIED = "Tue, 18 Nov 2025 08:00:00 GMT"


def _page(
    title: str, published: str | None, jsonld: dict[str, Any] | None, body: str, lang: str = "en"
) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"{meta}{ld}</head><body>"
        '<nav><a href="/">Home</a> | <a href="/markets">Markets</a> | Index up 2.5%</nav>'
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        '<aside class="ad">Subscribe now: 50% off for the first 3 months!</aside>'
        '<section id="comments" class="comments"><p>Reader comment: I heard it was '
        "$20 billion, not what they say.</p></section>"
        "<footer>© Example News</footer></body></html>"
    )


ARDENT = _page(
    "Ardent Foundry picks Porto for its chip plant",
    "2025-11-18T07:30:00+00:00",
    {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2025-11-18"},
    "<p>Ardent Foundry announced on Tuesday a $9 billion investment in a semiconductor "
    "plant on the outskirts of Porto, its largest project outside Asia.</p>"
    "<p>Construction is due to begin next spring, according to a company spokesperson who "
    "did not want to be named.</p>",
)
HIRING = _page(
    "Ardent Foundry's Porto hiring plans",
    "2025-11-20",
    None,
    "<p>Ardent Foundry will employ 4,100 people at the Porto plant when it runs at full "
    "capacity, the company told local officials this week.</p>",
)
WERK = _page(
    "Ardent Foundry baut in Porto",
    None,
    {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": "Ardent Foundry baut in Porto",
                "datePublished": "2025-11-21T10:00:00+01:00",
            }
        ],
    },
    "<p>Ardent Foundry will in dem neuen Werk bei Porto 3.800 Mitarbeiter beschäftigen, "
    "teilte das Unternehmen am Freitag mit.</p>"
    "<p>Die Investition beläuft sich nach Angaben des Konzerns auf 9 Milliarden US-Dollar.</p>",
    lang="de",
)
LATIN1 = (
    "<html><head><title>Größere Pläne</title></head><body><article><h1>Größere Pläne</h1>"
    "<p>Der Zulieferer Nordhafen Kabel will seine Belegschaft in Bremerhaven auf "
    "1.250 Beschäftigte vergrößern, wie die Geschäftsführung in dieser Woche mitteilte.</p>"
    "</article></body></html>"
)
PLAIN = "Northwind Ledger raised $120 million in its latest funding round, it said.\n"


@dataclass
class State:
    """What the server saw and sent."""

    latency: float = 0.0
    hits: Counter[str] = field(default_factory=Counter)
    conditional: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    endless_sent: int = 0
    endless_done: threading.Event = field(default_factory=threading.Event)
    #: trickling responses the client hung up on
    trickle_cut: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _html(self, text: str, **headers: str) -> None:
        self._send(200, text.encode(), "text/html; charset=utf-8", **headers)

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path.split("?", 1)[0]
        with state.lock:
            state.hits[path] += 1
            hits = state.hits[path]
        if state.latency:
            time.sleep(state.latency)
        if path.startswith("/bench/"):
            n = path.rsplit("/", 1)[1]
            page = ARDENT.replace("$9 billion", f"${n} million")
            return self._cached(page, f'"bench-{n}"')
        name = path.strip("/").replace("/", "_").replace(".", "_").replace("-", "_")
        route = getattr(self, "route_" + name, None)
        if route is None:
            return self._send(404, b"not found", "text/plain")
        route(hits)

    def _cached(self, page: str, etag: str) -> None:
        seen = (self.path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"))
        with self.server.state.lock:
            self.server.state.conditional.append(seen)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._html(page, ETag=etag, Last_Modified=LAST_MODIFIED)

    def route_en_ardent_html(self, hits: int) -> None:
        self._cached(ARDENT, ETAG)

    def route_en_hiring_html(self, hits: int) -> None:
        self._html(HIRING)

    def route_de_werk_html(self, hits: int) -> None:
        self._html(WERK)

    def route_latin1_html(self, hits: int) -> None:
        self._send(200, LATIN1.encode("latin-1"), "text/html; charset=iso-8859-1")

    def route_plain_txt(self, hits: int) -> None:
        self._send(200, PLAIN.encode(), "text/plain")

    def route_gzip_html(self, hits: int) -> None:
        self._send(200, gzip.compress(HIRING.encode()), "text/html", Content_Encoding="gzip")

    def route_slow(self, hits: int) -> None:
        time.sleep(1.5)  # far beyond the tests' read timeout
        self._html(HIRING)

    def route_flaky(self, hits: int) -> None:
        if hits == 1:
            return self._send(500, b"oops", "text/plain")
        self._html(HIRING)

    def route_busy(self, hits: int) -> None:
        if hits == 1:
            return self._send(429, b"slow down", "text/plain", Retry_After="120")
        self._html(HIRING)

    def route_down(self, hits: int) -> None:
        self._send(503, b"down", "text/plain")

    def route_loop_a(self, hits: int) -> None:
        self._send(302, b"", "text/plain", Location="/loop/b")

    def route_loop_b(self, hits: int) -> None:
        self._send(302, b"", "text/plain", Location="/loop/a")

    def route_moved(self, hits: int) -> None:
        self._send(301, b"", "text/plain", Location="/en/hiring.html")

    def route_to_private(self, hits: int) -> None:
        self._send(302, b"", "text/plain", Location="http://10.255.255.1/internal")

    def route_image_png(self, hits: int) -> None:
        self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")

    def route_big(self, hits: int) -> None:
        self._send(200, b"x" * 300_000, "text/plain")

    def route_api_json(self, hits: int) -> None:
        record = {"headline": "Northwind funding", "datePublished": "2025-10-02",
                  "body": [PLAIN.strip()]}  # fmt: skip
        self._send(200, json.dumps(record).encode(), "application/json")

    def route_deep_json(self, hits: int) -> None:
        deep = '{"headline": "Deep", "body": ' + "[" * 1000 + '"Up 4%."' + "]" * 1000 + "}"
        self._send(200, deep.encode(), "application/json")

    def route_surrogates_json(self, hits: int) -> None:
        # Valid JSON, but "\ud800" alone is half of a character: no text to write as is.
        record = (
            '{"headline": "Porto \\ud800 plant", "body": ["Ardent Foundry will employ '
            '4,100 people in Porto \\udfff, it said."]}'
        )
        self._send(200, record.encode(), "application/json")

    def _trickle(self, data: bytes, interval: float = 0.1) -> None:
        """Send ``data`` one byte every ``interval`` seconds, until the client hangs up
        (each byte well within a read timeout, so only a deadline stops the client)."""
        state = self.server.state
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(interval)
        except OSError:
            with state.lock:
                state.trickle_cut += 1

    def route_trickle_headers(self, hits: int) -> None:
        # The status line, then headers that never end: 600 bytes at 10 a second.
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
        self._trickle(b"X-Slow: " + b"a" * 600)

    def route_trickle_body(self, hits: int) -> None:
        body = PLAIN.encode() * 8  # 600 bytes at 10 a second: a minute
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._trickle(body)

    def route_endless(self, hits: int) -> None:
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()  # no length: the body ends when the connection does
        chunk = b"Figures: 12% and 40 jobs.\n" * 2520  # about 64 KiB
        sent = 0
        try:
            while sent < 2_000_000_000:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        finally:
            state.endless_sent = sent
            state.endless_done.set()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: State, address: tuple[str, int] = ("127.0.0.1", 0)) -> None:
        super().__init__(address, _Handler)
        self.state = state

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up early (a timeout, the size cap) is what tests do


@dataclass
class Site:
    base: str
    state: State

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(latency: float = 0.0, host: str = "127.0.0.1", port: int = 0) -> Iterator[Site]:
    """The test site on ``host`` (a free port of 127.0.0.1 unless told), for the length of
    the block."""
    state = State(latency=latency)
    server = _Server(state, (host, port))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://{host}:{server.server_address[1]}", state)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
