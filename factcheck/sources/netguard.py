"""Which URLs factcheck may fetch, and how a URL is shown without its secrets.

A draft is written by someone else: a link in it must not make the checker read the
machine's own services (``http://127.0.0.1:8080/admin``), the cloud's metadata address
(``http://169.254.169.254/``) or the office network. So only ``http`` and ``https`` are
fetched, and a host whose addresses include a loopback, private, link-local, multicast
or reserved one is refused unless private addresses are allowed; the check runs again
for every hop of a redirect.

The name is resolved once, here, and :func:`check_url` returns the addresses it
approved: the connection is made to exactly those (:mod:`factcheck.sources.pinning`), so
a name server that answers a public address to the check and ``127.0.0.1`` to the
connection (DNS rebinding) gets nowhere. A proxy from the environment resolves names
itself, which the check cannot see: it is trusted with that.

A URL shown in a log or a report loses its user and password and the values of query
parameters that look like credentials (``token``, ``key``, ``sig``, …).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from factcheck.errors import FetchRefused

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Host name to its addresses; the default asks the system's resolver.
Resolver = Callable[[str, int], Iterable[str]]
#: Whether an address may be fetched from without ``--allow-private``.
AddressPolicy = Callable[[Address], bool]

SCHEMES = frozenset({"http", "https"})
MASK = "***"

#: Query parameter names whose values are credentials, matched anywhere in the name.
_SECRET_PARAM = re.compile(
    r"""
    token | key | secret | passw(?:or)?d | pwd | auth | sig(?:nature)?
    | session | sid | credential | code | access
    """,
    re.VERBOSE | re.IGNORECASE,
)


def display_url(url: str) -> str:
    """``url`` fit to show: no user or password, credential-like query values masked,
    control characters (a line break in a hand-written URL) percent-encoded, so that
    the URL stays on the one line of a message.

    >>> display_url("https://ann:pw@news.example/a?id=7&api_key=s3cr3t#top")
    'https://news.example/a?id=7&api_key=***#top'
    >>> display_url("http://\\n:x/")
    'http://%0A:x/'
    """
    url = printable(url)
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url.split("?", 1)[0]  # not a URL we can take apart: keep no query at all
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        masked = [(k, MASK if _SECRET_PARAM.search(k) and v else v) for k, v in pairs]
        query = urlencode(masked, safe="*/:,")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


#: Characters that would break a message's line or a terminal: C0, DEL and C1 controls,
#: and Unicode's line and paragraph separators.
_CONTROL = re.compile(
    r"""
    [\x00-\x1f\x7f-\x9f\u2028\u2029]
    """,
    re.VERBOSE,
)


def printable(text: str) -> str:
    """``text`` with its control characters percent-encoded (as UTF-8).

    >>> printable("a\\nb\\u2028c")
    'a%0Ab%E2%80%A8c'
    """
    return _CONTROL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def is_public(address: Address) -> bool:
    """Whether an address is on the public internet.

    >>> [is_public(ipaddress.ip_address(a)) for a in ("93.184.216.34", "10.0.0.1", "::1")]
    [True, False, False]
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def check_url(
    url: str,
    *,
    allow_private: bool,
    resolve: Resolver = system_resolver,
    policy: AddressPolicy = is_public,
) -> tuple[str, ...] | None:
    """Raise :class:`FetchRefused` unless ``url`` may be fetched (see the module doc);
    return the addresses checked, the only ones to connect to (None when private
    addresses are allowed: then nothing was resolved, and any address will do).
    """
    shown = display_url(url)
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchRefused(shown, f"not a valid URL ({printable(str(exc))})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchRefused(shown, f"only http and https are fetched, not {parts.scheme or '?'}")
    if not host:
        raise FetchRefused(shown, "the URL names no host")
    if allow_private:
        return None
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        literal: Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolve(host, port)]
        except (OSError, UnicodeError) as exc:
            reason = printable(str(exc))
            raise FetchRefused(shown, f"cannot resolve {printable(host)} ({reason})") from None
    for address in addresses:
        if not policy(address):
            named = printable(host) if literal is not None else f"{printable(host)} ({address})"
            raise FetchRefused(
                shown,
                f"refused: {named} is a private or reserved address; "
                "pass --allow-private to fetch it",
            )
    if not addresses:
        raise FetchRefused(shown, f"cannot resolve {printable(host)} (no address)")
    return tuple(dict.fromkeys(str(address) for address in addresses))
