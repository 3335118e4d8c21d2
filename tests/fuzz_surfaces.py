"""Every input surface of factcheck, as hypothesis strategies and the property each must
hold: a result, or the one-line error of the input (:class:`~factcheck.errors.
InputError`); never another exception, a traceback or a hang.

Shared by ``tests/test_fuzz.py`` (a few hundred inputs a surface, in CI) and
``scripts/fuzz.py`` (the long run: a million inputs and more). Inputs are built from
the pieces news text and its files are made of (figures in their many spellings,
currencies, units, Markdown and HTML, TOML and JSON syntax) mixed with arbitrary
characters, so that most of them hold figures and reach the whole pipeline.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from factcheck import archive, config
from factcheck.compare.check import check
from factcheck.errors import FactcheckError, InputError
from factcheck.extract.pipeline import DEFAULT_SETTINGS, extract
from factcheck.report import github, html, junit, rdjsonl, sarif
from factcheck.report.text import render as render_text
from factcheck.report.view import View
from factcheck.sources import netguard
from factcheck.sources.article import to_document
from factcheck.sources.documents import parse_document
from factcheck.sources.ledger.read import read_ledger_text
from factcheck.sources.ledger.values import ValueReader
from factcheck.sources.web import Fetcher, FetchSettings, Page
from factcheck.sources.webcache import WebCache
from factcheck.text.decode import decode_bytes

# -- pieces ---------------------------------------------------------------------------

FIGURES = [
    "$9 billion", "9 Mrd. Euro", "4,100", "4.100", "1.400 Beschäftigte", "12%", "12 %",
    "12 Prozent", "€2bn", "£74 million", "US$ 3.5m", "300 megawatts", "1,2 GW", "½", "¾",
    "3.5", "3,5", "1e5", "0.0001", "-7%", "+4.2 pp", "2025", "2024-11-18", "18 November",
    "Q3", "H1 2025", "twenty-one", "dreißig", "a million", "eine Milliarde", "100,000",
    "1'000", "12 000", "1 234 567,89", "$", "€", "%", "bn", "Mio.", "CHF", "¥100", "₹5 crore",
    "0x1F", "9" * 40, "1" * 400, "–", "—", "±", "~", "≈", "≥", "about", "rund", "bis zu",
    "up to", "from", "to", "between", "and", "und", "of", "von", "rose", "stieg", "fell",
]  # fmt: skip
WORDS = [
    "Ardent Foundry", "Porto", "the company", "das Unternehmen", "plant", "Werk", "jobs",
    "employees", "investment", "Investition", "revenue", "Umsatz", "stake", "Anteil",
    "said", "sagte", "on Tuesday", "am Freitag", "last year", "im Vorjahr", "Inc.", "AG",
    "Dr.", "e.g.", "z. B.", "U.S.", "St.", "Nr.", "It", "Er", "The", "Die",
]  # fmt: skip
MARKUP = [
    "\n", "\n\n", "  \n", "\t", "# ", "## ", "===\n", "---\n", "> ", "- ", "* ", "1. ", "|",
    "| --- |", "`", "```\n", "    ", "**", "_", "[", "](", ")", "![", "<!--", "-->", "<a ",
    'href="', '"', "'", ">", "<", "</a>", "<p>", "</p>", "<br>", "<table><tr><td>",
    "<script>", "</script>", "<style>", "&amp;", "&#8364;", "&nbsp;", "&#x1F;", "&", ";",
    "<h1>", "<article>", "<nav>", "<meta charset=utf-8>", "---\ndate: 2025-11-20\n---\n",
    "---\nlang: de\nsources: [a.md]\n---\n", "http://example.org/a", "mailto:x@y",
    ".", ",", ":", "!", "?", "(", ")", "„", "“", "”", "«", "»", "\u00a0", "\u200b", "\ufeff",
    "\u2028", "\r\n", "\r", "\x00", "\x0c", "\ud7ff", "\U0001f600", "\u202e",
]  # fmt: skip
TOML = [
    "[[claims]]\n", "[[entities]]\n", "[claims]\n", "[[", "]]", "[", "]", "{", "}", "=", ",",
    "\n", 'entity = "Harbor"\n', 'metric = "valuation"\n', 'metric = "funding"\n',
    'value = "$2 billion"\n', 'value = "4 Milliarden Euro"\n', "as_of = 2024-01-31\n",
    'as_of = "2025-02"\n', 'source = "https://example.org/a"\n', 'lang = "de"\n',
    'note = """', '"""', "'''", '"', "'", "#", 'aliases = ["H", "HFR"]\n', 'name = "Harbor"\n',
    "1979-05-27T07:32:00Z", "inf", "nan", "-0", "0x10", "1_000", "true", "\\u00e9", "\\",
    'counterparty = "Quillon"\n', 'replaces = "x"\n', "a.b.c = 1\n", "= \n",
]  # fmt: skip
CONFIG = [
    "[tool.factcheck]\n", "[web]\n", "[tool.factcheck.web]\n", "drafts = ", "sources = ",
    "ledgers = ", '["news/"]', '["a.md", "https://example.org"]', "fail_on = ",
    '"discrepancy"', '"never"', "format = ", '"json"', "timeout = ", "deadline = ",
    "max_bytes = ", "max_links = ", "retries = ", "concurrency = ", "inf", "nan", "-inf",
    "1e309", "0", "-1", "5", "2.5", "true", "false", "severity = { outdated = \"error\" }",
    "follow_links = ", "lang = ", '"de"', "as_of = ", "2025-01-01", "approx_tolerance = ",
    "match_threshold = ", "web = { timeout = 5 }", "[", "]", "{", "}", "=", "\n", '"', ",",
]  # fmt: skip
URL_PARTS = [
    "http://", "https://", "ftp://", "file://", "HTTP://", "//", "example.org", "news.example",
    "localhost", "127.0.0.1", "127.1", "0x7f000001", "2130706433", "[::1]", "[::ffff:7f00:1]",
    "[fe80::1%25eth0]", "10.0.0.8", "169.254.169.254", "0", "user:pw@", "@", ":", ":80",
    ":99999", ":-1", ":0x50", "/", "/a", "?", "token=abc", "&", "#", "%", "%2f", "%00",
    "xn--", "bücher.de", "①②⑦.0.0.1", "..", "\\", " ", "\t", "\n", "[", "]",
]  # fmt: skip


def _mix(pieces: list[str], *, max_size: int = 40) -> st.SearchStrategy[str]:
    """Strings of pieces, numbers and arbitrary characters, joined as they come."""
    part = st.one_of(
        st.sampled_from(pieces),
        st.sampled_from(FIGURES),
        st.integers(-(10**12), 10**12).map(str),
        st.floats(allow_nan=False, allow_infinity=False).map(lambda x: f"{x:,.2f}"),
        st.text(max_size=6),
    )
    glue = st.sampled_from(["", " ", " ", " ", "\n", ", "])
    return st.lists(st.tuples(part, glue), max_size=max_size).map(
        lambda items: "".join(p + g for p, g in items)
    )


def _nested(open_: str, close: str, inner: str) -> st.SearchStrategy[str]:
    """Nesting as deep as a parser's recursion limit and deeper."""
    return st.integers(1, 6000).map(lambda n: open_ * n + inner + close * n)


PROSE = _mix(WORDS + FIGURES)
MARKDOWN = _mix(WORDS + MARKUP)
HTML = _mix(WORDS + MARKUP).map(lambda s: "<html><body><article><p>" + s)

# -- properties -----------------------------------------------------------------------


def _one_line(exc: FactcheckError) -> None:
    message = str(exc)
    assert message
    assert "\n" not in message, repr(message)
    assert "\r" not in message, repr(message)
    assert isinstance(exc, InputError), type(exc)


def _writable(text: str) -> None:
    """What reaches a report must be writable as UTF-8 (no lone surrogate)."""
    text.encode("utf-8")


def text_surface(sample: tuple[str, str]) -> int:
    text, lang = sample
    claims = extract(text, lang)
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        _writable(claim.model_dump_json())
    return len(claims)


def document_surface(sample: tuple[str, str]) -> int:
    text, name = sample
    doc = parse_document(name, text)
    for claim in doc.claims:
        assert 0 <= claim.start <= claim.end <= len(doc.text)
    return len(doc.claims)


def bytes_surface(data: bytes) -> int:
    try:
        text = decode_bytes(data, "draft.md")
    except FactcheckError as exc:
        _one_line(exc)
        return 0
    _writable(text)
    return len(parse_document("draft.md", text).claims)


def check_surface(sample: tuple[str, str]) -> int:
    """A draft checked against a source and rendered in every format."""
    draft_text, source_text = sample
    draft = parse_document("draft.md", draft_text)
    source = parse_document("source.md", source_text)
    report = check([draft], [source])
    view = View(report, Path.cwd(), {"draft.md": draft_text})
    for chunk in (
        report.model_dump_json(), sarif.render(view), junit.render(view), html.render(view),
        "\n".join(github.render(view)), "\n".join(rdjsonl.render(view)),
        "\n".join(render_text(report)),
    ):  # fmt: skip
        _writable(chunk)
    return len(draft.claims)


def ledger_surface(text: str) -> int:
    try:
        data = read_ledger_text(text, "claims.toml", ValueReader())
    except FactcheckError as exc:
        _one_line(exc)
        return 0
    for problem in data.problems:
        _one_line(problem)
    return len(data.rows)


def config_surface(text: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".factcheck.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            loaded = config.load(path)
            config.effective(loaded, {})
        except FactcheckError as exc:
            _one_line(exc)
            return 0
    return 1


def archive_surface(raw: bytes) -> int:
    try:
        article = archive.parse_line(raw, "news.jsonl", 1)
    except FactcheckError as exc:
        _one_line(exc)
        return 0
    if article is None:
        return 0
    record = archive.article_line(archive.article_claims(article, None, DEFAULT_SETTINGS))
    _writable(record)
    return len(json.loads(record)["claims"])


def json_source_surface(text: str) -> int:
    """A fetched JSON page (nesting, lone surrogates in escapes) as a source document."""
    try:
        doc = to_document(Page("https://example.org/a", "https://example.org/a", "json", text))
    except FactcheckError as exc:
        _one_line(exc)
        return 0
    for claim in doc.claims:
        _writable(claim.model_dump_json())
    _writable(doc.text)
    return len(doc.claims)


_OFFLINE: Fetcher | None = None


def url_surface(url: str) -> int:
    """A URL as a draft's link or a --source: checked, shown, fetched (offline: the
    cache only, so nothing leaves the machine)."""
    global _OFFLINE
    if _OFFLINE is None:
        cache = Path(tempfile.mkdtemp(prefix="factcheck-fuzz-"))
        _OFFLINE = Fetcher(FetchSettings(offline=True), cache=WebCache(cache))

    def nowhere(host: str, port: int) -> list[str]:
        raise OSError("no name server in the fuzzer")

    _writable(netguard.display_url(url))
    try:
        netguard.check_url(url, allow_private=False, resolve=nowhere)
    except FactcheckError as exc:
        _one_line(exc)
    try:
        _OFFLINE.fetch(url)
    except FactcheckError as exc:
        _one_line(exc)
    return 0


@dataclass(frozen=True)
class Surface:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], int]  # the figures found in the input


_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(FIGURES) | PROSE,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "text", "lang", "url", "headline", "body"]),
                      children, max_size=4),
    max_leaves=12,
)  # fmt: skip
_ARTICLE = st.fixed_dictionaries(
    {"id": st.one_of(st.integers(), st.text(max_size=5)), "text": PROSE},
    optional={"lang": st.sampled_from(["en", "de", "fr", 3]), "url": st.text(max_size=10)},
)  # fmt: skip


#: Values a ledger record may hold: one figure, read whole.
CLEAN_VALUES = [
    "$2 billion", "$61.5 billion", "€4bn", "4 Milliarden Euro", "£74 million", "$250 million",
    "US$ 3.5 million", "about $2 billion", "rund 4 Milliarden Euro", "$1.2bn", "CHF 300 million",
]  # fmt: skip


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a TOML basic string (escapes alike)


_RECORD = st.fixed_dictionaries(
    {
        "entity": st.sampled_from(["Harbor", "Ardent Foundry", "Quillon"]),
        "metric": st.sampled_from(["funding"] * 6 + ["valuation", "investment", "valuaton"]),
        "value": st.one_of(*[st.sampled_from(CLEAN_VALUES)] * 4, st.sampled_from(FIGURES), PROSE),
        "as_of": st.sampled_from(["2024-01-31"] * 4 + ['"2025-02"', '"2025"', "2025-02-30"]),
        "source": st.sampled_from(['"https://example.org/a"'] * 6 + ['""', "3"]),
    },
    optional={"lang": st.sampled_from(['"de"', '"en"', '"fr"']), "note": PROSE},
).map(
    lambda r: "[[claims]]\n" + "".join(
        f"{k} = {_toml_string(v) if k in ('entity', 'metric', 'value', 'note') else v}\n"
        for k, v in r.items()
    )
)  # fmt: skip
_LEDGER = st.lists(_RECORD, min_size=1, max_size=4).map("\n".join)


def _json_line(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=True) + "\n").encode()


SURROGATE_ESCAPES = st.sampled_from(['"\\ud800"', '"a\\udfffb"', '"\\ud83d\\ude00"'])

SURFACES = [
    Surface("text", st.tuples(PROSE, st.sampled_from(["en", "de"])), text_surface),
    Surface(
        "markdown",
        st.tuples(MARKDOWN, st.sampled_from(["draft.md", "draft.txt", "draft"])),
        document_surface,
    ),
    Surface("html", st.tuples(HTML, st.just("page.html")), document_surface),
    Surface(
        "bytes",
        st.one_of(st.binary(max_size=300), PROSE.map(lambda s: s.encode("cp1252", "ignore"))),
        bytes_surface,
    ),
    Surface("check", st.tuples(PROSE, PROSE), check_surface),
    Surface(
        "ledger-toml",
        st.one_of(
            _LEDGER,
            _mix(TOML, max_size=60),
            _nested("[", "]", "1").map("a = ".__add__),
            _nested("{c=", "}", "1").map("b = ".__add__),
        ),
        ledger_surface,
    ),
    Surface(
        "config",
        st.one_of(_mix(CONFIG, max_size=30), _nested("x = [", "]", "1").map("[tool]\n".__add__)),
        config_surface,
    ),
    Surface(
        "archive-line",
        st.one_of(
            _ARTICLE.map(_json_line),
            _JSON_VALUE.map(_json_line),
            _nested("[", "]", "1").map(str.encode),
            SURROGATE_ESCAPES.map(lambda s: f'{{"id": 1, "text": {s}}}'.encode()),
            st.integers(4000, 6000).map(lambda n: f'{{"id": {"9" * n}, "text": "4%"}}'.encode()),
            st.binary(max_size=200),
        ),
        archive_surface,
    ),
    Surface(
        "json-source",
        st.one_of(
            _JSON_VALUE.map(json.dumps),
            _nested('{"a": [', "]}", '"up 4%"'),
            SURROGATE_ESCAPES.map(lambda s: f'{{"headline": {s}, "body": [{s}, "4,100 jobs"]}}'),
            _mix(["{", "}", "[", "]", ":", ",", '"', "\\u", "null"]),
        ),
        json_source_surface,
    ),
    Surface("url", _mix(URL_PARTS, max_size=12), url_surface),
]
BY_NAME = {surface.name: surface for surface in SURFACES}
