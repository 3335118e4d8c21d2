"""Connections to exactly the addresses that were checked, within one deadline a source.

:func:`~factcheck.sources.netguard.check_url` resolves a URL's host and refuses private
addresses. Were the connection to resolve the name again, a name server could answer
a public address to the check and ``127.0.0.1`` to the connection (DNS rebinding), and
the machine's own services would be read as evidence. So connections are made here, by
an httpcore network backend, to the addresses the check approved and to nothing else,
while the URL, the ``Host`` header and the TLS server name keep the host's name (httpcore
takes those from the URL, never from the socket).

The same backend bounds every socket operation by the deadline of the source being
fetched: connecting, sending, the TLS handshake and each read wait at most until the
deadline, so a server that sends a byte a second, in its headers or its body, is cut
off when the deadline passes, not after sixty reads of a second each.

What a fetch may connect to, and until when, is its :class:`Plan`, kept per thread:
each fetch runs in one thread of :meth:`~factcheck.sources.web.Fetcher.fetch_all`.

Proxies from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``)
are used as httpx uses them, through transports with the same deadline; a proxy
resolves and connects by itself, so it is trusted with what the address check cannot
see (see README, "Checking against the web").
"""

from __future__ import annotations

import ipaddress
import ssl
import threading
import time
import typing
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpcore
import httpx

from factcheck.errors import InputError
from factcheck.sources.netguard import display_url

SocketOptions = Iterable[httpcore.SOCKET_OPTION] | None
#: A socket's timeout ends no earlier than asked, within the clock's resolution.
_SLACK = 0.005


@dataclass
class Plan:
    """What one fetch may connect to, and until when (a :func:`time.monotonic` time)."""

    deadline: float
    #: The seconds the deadline allows in all, for messages.
    allowed: float
    #: Whether only pinned hosts may be connected to (False: any, resolved as usual).
    pinned: bool = True
    #: (host as httpcore sends it, port) to the addresses checked for it.
    pins: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)

    def pin(self, url: str, addresses: Iterable[str]) -> None:
        """Allow connections for ``url``'s host to ``addresses``, and only to them."""
        parsed = httpx.URL(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.pins[(parsed.raw_host.decode("ascii").lower(), port)] = tuple(addresses)

    def remaining(self, timeout: float | None, kind: type[httpcore.TimeoutException]) -> float:
        """The timeout for one socket operation: ``timeout`` cut at the deadline;
        ``kind`` raised once it has passed."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.passed(kind)
        return left if timeout is None else min(timeout, left)

    def passed(self, kind: type[httpcore.TimeoutException]) -> httpcore.TimeoutException:
        """The error of an operation the deadline ended."""
        return kind(f"the deadline of {self.allowed:g} s for this source passed")

    def explain(self, exc: httpcore.TimeoutException) -> httpcore.TimeoutException:
        """``exc``, or the deadline's error if the deadline is what ended it (a socket
        whose timeout was cut at the deadline says only "timed out")."""
        if time.monotonic() >= self.deadline - _SLACK:
            return self.passed(type(exc))
        return exc


class Guard:
    """The :class:`Plan` of the fetch running in each thread."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextmanager
    def planned(self, plan: Plan) -> Iterator[Plan]:
        """``plan`` in force for this thread for the length of the block."""
        previous = getattr(self._local, "plan", None)
        self._local.plan = plan
        try:
            yield plan
        finally:
            self._local.plan = previous

    def current(self) -> Plan | None:
        plan: Plan | None = getattr(self._local, "plan", None)
        return plan


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the current plan's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, guard: Guard) -> None:
        self._stream = stream
        self._guard = guard

    def _bound(self, timeout: float | None, kind: type[httpcore.TimeoutException]) -> float | None:
        plan = self._guard.current()
        return timeout if plan is None else plan.remaining(timeout, kind)

    def _explained(self, exc: httpcore.TimeoutException) -> httpcore.TimeoutException:
        plan = self._guard.current()
        return exc if plan is None else plan.explain(exc)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._stream.read(max_bytes, self._bound(timeout, httpcore.ReadTimeout))
        except httpcore.TimeoutException as exc:
            raise self._explained(exc) from None

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._stream.write(buffer, self._bound(timeout, httpcore.WriteTimeout))
        except httpcore.TimeoutException as exc:
            raise self._explained(exc) from None

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bound = self._bound(timeout, httpcore.ConnectTimeout)
        try:
            secured = self._stream.start_tls(ssl_context, server_hostname, bound)
        except httpcore.TimeoutException as exc:
            raise self._explained(exc) from None
        return _DeadlineStream(secured, self._guard)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, with the current plan's pins (``pin``: for the
    hosts of URLs; a proxy is connected to by its name) and deadline."""

    def __init__(
        self, guard: Guard, *, pin: bool, backend: httpcore.NetworkBackend | None = None
    ) -> None:
        self._guard = guard
        self._pin = pin
        self._backend = backend if backend is not None else httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: SocketOptions = None,
    ) -> httpcore.NetworkStream:
        plan = self._guard.current()
        targets: tuple[str, ...] = (host,)
        if plan is not None and plan.pinned and self._pin:
            pinned = plan.pins.get((host.lower(), port))
            if not pinned:  # never resolve a name here: only what was checked
                raise httpcore.ConnectError(f"{host}:{port} was not checked; not connecting")
            targets = pinned
        failure: Exception | None = None
        for address in targets:
            bound = timeout if plan is None else plan.remaining(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._backend.connect_tcp(
                    address, port, bound, local_address, socket_options
                )
            except httpcore.ConnectTimeout as exc:
                failure = exc if plan is None else plan.explain(exc)
                continue  # the next checked address, as a resolver's list is tried
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._guard)
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: SocketOptions = None
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(path, timeout, socket_options)
        return _DeadlineStream(stream, self._guard)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connections made by a :class:`GuardedBackend`.

    Built as :class:`httpx.HTTPTransport` builds its pool, with the one thing it does
    not let a caller choose: the network backend.
    """

    def __init__(
        self,
        guard: Guard,
        *,
        limits: httpx.Limits,
        proxy: httpx.Proxy | None = None,
    ) -> None:
        super().__init__(limits=limits, proxy=proxy)
        context = httpx.create_ssl_context(trust_env=True)
        backend = GuardedBackend(guard, pin=proxy is None)
        common: Mapping[str, typing.Any] = {
            "ssl_context": context,
            "max_connections": limits.max_connections,
            "max_keepalive_connections": limits.max_keepalive_connections,
            "keepalive_expiry": limits.keepalive_expiry,
            "network_backend": backend,
        }
        pool: httpcore.ConnectionPool
        if proxy is None:
            pool = httpcore.ConnectionPool(**common)
        elif proxy.url.scheme in ("http", "https"):
            pool = httpcore.HTTPProxy(
                proxy_url=_core_url(proxy.url),
                proxy_auth=proxy.raw_auth,
                proxy_headers=proxy.headers.raw,
                proxy_ssl_context=proxy.ssl_context,
                **common,
            )
        else:  # socks5: as httpx builds it (the socksio package is needed, as there)
            pool = httpcore.SOCKSProxy(
                proxy_url=_core_url(proxy.url), proxy_auth=proxy.raw_auth, **common
            )
        self._pool.close()
        self._pool = pool


def _core_url(url: httpx.URL) -> httpcore.URL:
    return httpcore.URL(
        scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
    )


def make_client(
    guard: Guard, *, limits: httpx.Limits, timeout: httpx.Timeout, headers: Mapping[str, str]
) -> httpx.Client:
    """An httpx client whose every connection, direct or through a proxy from the
    environment, is made by a :class:`GuardedBackend`."""
    mounts: dict[str, httpx.BaseTransport | None] = {}
    for pattern, proxy in environment_proxies().items():
        try:
            mounts[pattern] = (
                None if proxy is None else GuardedTransport(guard, limits=limits, proxy=proxy)
            )
        except (ImportError, ValueError) as exc:  # socks5 without socksio, an odd scheme
            where = pattern if proxy is None else display_url(str(proxy.url))
            raise InputError(where, f"cannot use the proxy: {exc}") from None
    return httpx.Client(
        transport=GuardedTransport(guard, limits=limits),
        mounts=mounts,
        timeout=timeout,
        follow_redirects=False,
        headers=dict(headers),
    )


def environment_proxies(
    found: Mapping[str, str] | None = None,
) -> dict[str, httpx.Proxy | None]:
    """The proxies the environment names, as httpx mounts them: ``{"https://": proxy}``,
    and ``None`` (no proxy) for the hosts of ``NO_PROXY``.

    httpx reads them itself only when it builds its own transport; this one is ours.

    >>> sorted(environment_proxies({"https": "proxy.local:3128", "no": "intra.example"}))
    ['all://*intra.example', 'https://']
    """
    info = urllib.request.getproxies() if found is None else found
    mounts: dict[str, httpx.Proxy | None] = {}
    for scheme in ("http", "https", "all"):
        url = info.get(scheme)
        if url:
            try:
                mounts[f"{scheme}://"] = httpx.Proxy(url if "://" in url else f"http://{url}")
            except ValueError as exc:
                raise InputError(
                    f"{scheme}_proxy", f"not a proxy URL httpx can use ({exc})"
                ) from None
    for host in (part.strip() for part in info.get("no", "").split(",")):
        if host == "*":
            return {}
        if not host:
            continue
        if "://" in host:
            mounts[host] = None
        elif _is_address(host.split("/")[0], ipaddress.IPv4Address):
            mounts[f"all://{host}"] = None
        elif _is_address(host.split("/")[0], ipaddress.IPv6Address):
            mounts[f"all://[{host}]"] = None
        elif host.lower() == "localhost":
            mounts[f"all://{host}"] = None
        else:
            mounts[f"all://*{host}"] = None
    return mounts


def _is_address(text: str, kind: type[ipaddress.IPv4Address] | type[ipaddress.IPv6Address]) -> bool:
    try:
        kind(text)
    except ValueError:
        return False
    return True
