"""The check report as one self-contained HTML page for editors.

The draft is shown as it reads, every figure marked by its verdict (colour, icon and a
hidden label for screen readers); selecting a figure shows its evidence beside the text.
Built with Jinja2 and autoescaping from ``templates/report.html.j2``; the stylesheet and
script beside it are inlined, and a Content-Security-Policy allows exactly those two (by
their SHA-256) and nothing else: no request leaves the page.

Draft and source text are untrusted. Everything from them passes through autoescaping
as text, never as markup; links are made only from http(s) URLs. The page is the same
bytes for the same report (no time stamps, no random nonces), so it can be diffed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from factcheck._version import __version__
from factcheck.models import Evidence, Finding, SourceInfo, Verdict
from factcheck.report import prose
from factcheck.report.locate import relative_path
from factcheck.report.view import View

#: The order of the summary bar and of the filters: what needs an editor first, first.
VERDICTS: tuple[Verdict, ...] = (
    "discrepancy", "outdated", "conflicting", "unverified", "consistent",
)  # fmt: skip

LABELS: Mapping[Verdict, str] = {
    "discrepancy": "Discrepancy",
    "outdated": "Outdated",
    "conflicting": "Conflicting",
    "unverified": "Unverified",
    "consistent": "Consistent",
}

#: Counts of more than one ("4 discrepancies"); the other verdicts are adjectives.
PLURALS: Mapping[Verdict, str] = {**{v: v for v in VERDICTS}, "discrepancy": "discrepancies"}

#: What each diagnosis means, in an editor's words.
DIAGNOSES: Mapping[str, str] = {
    "scale": "Scale slip: off by a power of ten (thousand, million, billion).",
    "digits": "Digit slip: the same digits in another order, or one of them wrong.",
    "percent_vs_points": "Per cent confused with percentage points.",
    "currency": "The wrong currency.",
    "unit": "The wrong unit (megawatts for gigawatts, acres for hectares).",
    "qualifier": "The qualifier does not fit (“less than” a figure that is more).",
    "attribution": "The figure belongs to another company or another measure.",
    "superseded": "True once, since replaced by a newer figure.",
    "sum": "The parts do not add up to the stated total.",
    "arithmetic": "The draft's own figures do not give it "
    "(a change, a multiple, a stake, a price).",
    "conversion": "The conversion into another currency or unit does not hold at any fitting rate.",
    "points_vs_percent": "A change between percentages told in percent for percentage points, "
    "or the other way round.",
}


@dataclass(frozen=True, slots=True)
class Quote:
    """A source sentence cut around the figure it states."""

    before: str
    figure: str
    after: str


@dataclass(frozen=True, slots=True)
class EvidenceView:
    agrees: bool
    quote: Quote
    source_name: str
    where: str | None  # a path or "ledger file, line N": where to look it up
    url: str | None  # only http(s)
    date: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class FindingView:
    id: str  # the element id of its mark ("d1-f3")
    number: int  # 1-based within its draft
    finding: Finding
    marked: bool  # shown as a mark in the draft text
    evidence: list[EvidenceView]

    @property
    def verdict(self) -> Verdict:
        return self.finding.verdict

    @property
    def label(self) -> str:
        return LABELS[self.finding.verdict]

    @property
    def diagnosis(self) -> str | None:
        d = self.finding.diagnosis
        return DIAGNOSES.get(d, d) if d else None

    @property
    def suggests(self) -> bool:
        """Whether the suggestion is a correction worth showing beside the figure."""
        f = self.finding
        return bool(f.suggestion) and f.verdict in ("discrepancy", "outdated")


@dataclass
class DraftView:
    id: str
    path: str
    lang: str
    findings: list[FindingView]
    front_matter: str | None = None
    paragraphs: list[prose.Paragraph] | None = None  # None: the text is not at hand
    counts: dict[Verdict, int] = field(default_factory=dict)


def safe_url(location: str | None) -> str | None:
    """``location`` if it is an http(s) URL with a host, else None.

    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None, safe_url(" JavaScript:x") is None
    (True, True)
    >>> safe_url("/tmp/source.md") is None, safe_url("https:///nohost") is None
    (True, True)
    """
    if not location:
        return None
    url = location.strip()
    if any(ord(c) < 0x21 or c in "\\\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def quote(sentence: str, figure: str) -> Quote:
    """``sentence`` with the first occurrence of ``figure`` set apart; whole when absent.

    >>> quote("It is valued at $61.5 billion now.", "$61.5 billion")
    Quote(before='It is valued at ', figure='$61.5 billion', after=' now.')
    >>> quote("Folded  spaces", "x")
    Quote(before='Folded  spaces', figure='', after='')
    """
    if figure:
        at = sentence.find(figure)
        if at < 0:  # the sentence is whitespace-folded; the figure may not be
            folded = " ".join(figure.split())
            at, figure = sentence.find(folded), folded
        if at >= 0:
            return Quote(sentence[:at], figure, sentence[at + len(figure) :])
    return Quote(sentence, "", "")


def _evidence(item: Evidence, sources: Mapping[str, SourceInfo], root: Path) -> EvidenceView:
    claim = item.claim
    info = sources.get(item.source)
    published = info.published if info else None
    date = claim.as_of or published
    if info is None:
        name, where, url, note = item.source, None, None, item.note
    elif item.from_ledger:
        file = PurePath(info.location).name
        url, note = item.url, item.ledger_note
        name, where = "Ledger of verified figures", f"{file}, line {claim.line}"
    else:
        url = safe_url(info.location)
        where = None if url else relative_path(info.location, root)
        name = info.title or PurePath(urlsplit(info.location).path).name or info.location
        note = item.note
    return EvidenceView(
        agrees=item.agrees,
        quote=quote(claim.shown_sentence, claim.text),
        source_name=name,
        where=where,
        url=safe_url(url),
        date=date.isoformat() if date else None,
        note=note,
    )


def _draft(
    index: int,
    path: str,
    lang: str,
    findings: Sequence[Finding],
    text: str | None,
    evidence: Iterable[list[EvidenceView]],
) -> DraftView:
    claims = [f.claim for f in findings]
    figures = [prose.Figure(c.start, c.end) for c in claims]
    ok = (
        prose.placeable(text, figures, [c.text for c in claims])
        if text is not None
        else [False] * len(claims)
    )
    views = [
        FindingView(f"d{index}-f{n + 1}", n + 1, finding, marked, proofs)
        for n, (finding, marked, proofs) in enumerate(zip(findings, ok, evidence, strict=True))
    ]
    counts = {v: sum(1 for f in findings if f.verdict == v) for v in VERDICTS}
    draft = DraftView(f"d{index}", path, lang, views, counts=counts)
    if text is not None:
        draft.front_matter = prose.front_matter(text)
        start = len(draft.front_matter or "")
        # Marks are placed by index into ``figures``; unplaceable ones are moved out of
        # the way (past the end), so that the indices stay those of the findings.
        placed = [
            fig if good else prose.Figure(-1, -1) for fig, good in zip(figures, ok, strict=True)
        ]
        order = sorted(range(len(placed)), key=lambda i: placed[i].start)
        draft.paragraphs = [
            _reindex(p, order) for p in prose.paragraphs(text, [placed[i] for i in order], start)
        ]
    return draft


def _reindex(paragraph: prose.Paragraph, order: Sequence[int]) -> prose.Paragraph:
    runs = [
        prose.Run("mark", mark=order[run.mark]) if run.kind == "mark" else run
        for run in paragraph.runs
    ]
    return prose.Paragraph(runs, paragraph.heading)


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("factcheck.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str, closing: str) -> str:
    """A stylesheet or script to inline; it must not be able to close its own element."""
    text = (Path(__file__).parent / "templates" / name).read_text(encoding="utf-8")
    if closing in text.lower():
        raise ValueError(f"{name} contains {closing!r} and cannot be inlined")
    return text


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(view: View) -> str:
    """The whole HTML page for ``view``."""
    report = view.report
    sources = {s.id: s for s in report.sources}
    drafts: list[DraftView] = []
    for n, (draft, (path, _)) in enumerate(zip(report.drafts, view.drafts(), strict=True)):
        evidence = ([_evidence(e, sources, view.root) for e in f.evidence] for f in draft.findings)
        text = view.texts.get(draft.path)
        drafts.append(_draft(n + 1, path, draft.lang, draft.findings, text, evidence))
    css = _asset("report.css", "</style")
    js = _asset("report.js", "</script")
    policy = (
        "default-src 'none'; "
        f"style-src {_sha256(css)}; script-src {_sha256(js)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        drafts=drafts,
        verdicts=VERDICTS,
        labels=LABELS,
        plurals=PLURALS,
        summary={v: report.summary.get(v, 0) for v in VERDICTS},
        total=sum(report.summary.values()),
        skipped=[s for s in report.sources if s.error],
        version=__version__,
        policy=policy,
        # Our own files, checked by _asset not to close their element: not escaped.
        css=Markup(css),
        js=Markup(js),
    )
