"""From text to claims: the one place that strings the extraction steps together.

    text ─ markup.view ─ sentences ─ quantities.scan ─ context.describe ─ Claim

Large files are read in pieces of whole paragraphs (:func:`extract_file`), so memory
stays flat however long the file; what later sentences may refer back to (the last
company named, the currency in use) travels from piece to piece in a small memory.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.extract.context import DocumentMemory, describe
from factcheck.extract.grammar import Grammar, grammar
from factcheck.extract.interval import RECORD_QUALIFIER, interval
from factcheck.extract.lang import detect_lang
from factcheck.extract.quantities import Quantity, scan
from factcheck.lexicon import unit_kind
from factcheck.models import Claim
from factcheck.settings import Settings
from factcheck.text import markup
from factcheck.text.decode import read_text
from factcheck.text.sentences import fold, sentence_spans
from factcheck.text.stream import LineIndex, Piece, iter_pieces

DEFAULT_SETTINGS = Settings()
#: Dollars named by country: when a text names one of these and never US dollars, its
#: bare "$" means that one.
_OTHER_DOLLARS = frozenset({"CAD", "AUD", "NZD", "HKD", "SGD", "TWD"})


@dataclass
class _Memory(DocumentMemory):
    currency: str | None = None
    dollar: str | None = None
    saw_usd: bool = False
    pending: list[int] = field(default_factory=list)


def claim_id(start: int, end: int, text: str, value: float, unit: str) -> str:
    """A stable identifier of a claim's place and reading.

    >>> claim_id(0, 3, "14%", 14.0, "%")
    'c-bbd19fbe64d2a1d3'
    """
    digest = hashlib.sha1(f"{start}:{end}:{text}:{value!r}:{unit}".encode()).hexdigest()
    return f"c-{digest[:16]}"


def _resolve_money(g: Grammar, quantities: list[Quantity], memory: _Memory) -> list[Quantity]:
    """Give elliptic amounts ("50 Milliarden") the document's currency; settle bare "$"."""
    for q in quantities:
        if q.unit and len(q.unit) == 3 and not q.bare_dollar:
            if q.unit in _OTHER_DOLLARS and memory.dollar is None:
                memory.dollar = q.unit
            memory.saw_usd = memory.saw_usd or q.unit == "USD"
    resolved: list[Quantity] = []
    for index, q in enumerate(quantities):
        if q.bare_dollar and memory.dollar and not memory.saw_usd:
            q = replace(q, unit=memory.dollar)
        if q.elliptic:
            currency = memory.currency
            if currency is None:
                currency = next(
                    (n.unit for n in quantities[index:] if n.unit and len(n.unit) == 3), None
                )
            q = replace(q, unit=currency, elliptic=currency is not None)
        if q.unit and len(q.unit) == 3:
            memory.currency = q.unit
        resolved.append(q)
    return resolved


def _claims_of_piece(
    original: str,
    view: str,
    base: int,
    lines: LineIndex,
    lang: str,
    settings: Settings,
    memory: _Memory,
) -> Iterator[Claim]:
    g = grammar(lang)
    quantities = _resolve_money(g, scan(g, view), memory)
    spans = sentence_spans(view, g.lex.abbreviations, g.months)
    starts = [s for s, _ in spans]
    places = [(q.start, q.end) for q in quantities]
    for q in quantities:
        unit = q.unit or "count"
        k = bisect.bisect_right(starts, q.start) - 1
        s_start, s_end = spans[k] if k >= 0 and spans[k][1] >= q.end else (q.start, q.end)
        s_end = max(s_end, q.end)
        sentence = view[s_start:s_end]
        ctx = describe(
            lang, sentence, s_start, q.start, q.end, unit_kind(unit), q.noun is not None,
            memory, [p for p in places if p != (q.start, q.end)],
        )  # fmt: skip
        low, high = interval(q.qualifier, q.value, q.step, settings, q.value_high, q.step_high)
        text = original[q.start : q.end]
        line, column = lines.position(q.start)
        value = float(q.value)
        yield Claim(
            id=claim_id(base + q.start, base + q.end, text, value, unit),
            text=text,
            start=base + q.start,
            end=base + q.end,
            line=line,
            column=column,
            value=value,
            value_high=None if q.value_high is None else float(q.value_high),
            unit=unit,
            noun=q.noun if unit == "count" else None,
            qualifier=RECORD_QUALIFIER[q.qualifier],
            low=low,
            high=high,
            metric=ctx.metric,
            subject=ctx.subject,
            counterparty=ctx.counterparty,
            as_of=None,
            sentence=fold(sentence),
            lang=lang,
        )


def extract(
    text: str,
    lang: str | None = None,
    *,
    fmt: str = "text",
    settings: Settings = DEFAULT_SETTINGS,
    entities: Iterable[str] = (),
) -> list[Claim]:
    """Every numeric claim in ``text``, in order of appearance.

    ``fmt`` is "text", "markdown" or "html" (markup is masked, offsets stay those of
    ``text``); ``lang`` is "en" or "de", detected when None; ``entities`` are names to
    recognise as companies (a ledger's entities and aliases).

    >>> [(c.text, c.value, c.unit) for c in extract("It raised $5 billion.", "en")]
    [('$5 billion', 5000000000.0, 'USD')]
    """
    view = markup.parse(text, fmt).view if fmt != "text" else text
    lang = lang or detect_lang(view)
    memory = _Memory(entities=frozenset(entities))
    return list(_claims_of_piece(text, view, 0, LineIndex(text), lang, settings, memory))


@dataclass(frozen=True)
class ExtractedFile:
    path: str
    lang: str
    claims: Iterator[Claim]


def extract_file(
    path: Path,
    lang: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Iterable[str] = (),
) -> ExtractedFile:
    """Claims of a file, read in pieces when it is plain text (markup is read whole).

    Raises :class:`~factcheck.errors.InputError` for a missing, binary or undecodable
    file before any claim is produced, so a caller never emits half a report.
    """
    fmt = markup.detect_format(path.name, "")
    memory = _Memory(entities=frozenset(entities))
    if fmt != "text":
        text = read_text(path)
        fmt = markup.detect_format(path.name, text)
        view = markup.parse(text, fmt).view
        doc_lang = lang or detect_lang(view)
        found = _claims_of_piece(text, view, 0, LineIndex(text), doc_lang, settings, memory)
        return ExtractedFile(str(path), doc_lang, found)
    pieces = iter_pieces(path)
    first = next(pieces, None)  # decoding problems surface here, before any output
    doc_lang = lang or detect_lang(first.text if first else "")

    def of_piece(piece: Piece) -> Iterator[Claim]:
        lines = LineIndex(piece.text, base_line=piece.line, base_column=piece.column)
        yield from _claims_of_piece(
            piece.text, piece.text, piece.start, lines, doc_lang, settings, memory
        )

    def claims() -> Iterator[Claim]:
        if first is not None:
            yield from of_piece(first)
        for piece in pieces:
            yield from of_piece(piece)

    return ExtractedFile(str(path), doc_lang, claims())
