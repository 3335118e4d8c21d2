"""From text to claims: the one place that strings the extraction steps together.

    text ─ markup.view ─ quantities.scan ─ sentences ─ context.Sentence.describe ─ Claim

Only sentences with a figure are looked for and read, each once for all its figures;
the work per figure does not grow with the length of its sentence or of the piece.
Large files are read in pieces of whole paragraphs (:func:`extract_file`), so memory
stays flat however long the file; what later sentences may refer back to (the last
company named, the currency in use) travels from piece to piece in a small memory.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.extract.context import DocumentMemory, Sentence
from factcheck.extract.grammar import Grammar, grammar
from factcheck.extract.interval import RECORD_QUALIFIER, interval
from factcheck.extract.lang import detect_lang, document_lang
from factcheck.extract.quantities import Quantity, scan
from factcheck.lexicon import unit_kind
from factcheck.models import MAX_SENTENCE, SENTENCE_REACH, Claim
from factcheck.settings import DEFAULT_SETTINGS as DEFAULT_SETTINGS  # importable from here too
from factcheck.settings import Settings
from factcheck.text import mainpart, markup
from factcheck.text.characters import fold_characters
from factcheck.text.decode import MAX_DOCUMENT_BYTES, read_text
from factcheck.text.sentences import SentenceLocator, cut_around, fold
from factcheck.text.stream import LineIndex, Piece, iter_pieces

#: Dollars named by country: once a text names one of these (and not US dollars), its
#: bare "$" means that one from there on.
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
    'c-1686e2567c0e1858'
    """
    digest = hashlib.sha1(f"{start}:{end}:{text}:{value!r}:{unit}".encode()).hexdigest()
    return f"c-{digest[:16]}"


def _resolve_money(
    g: Grammar, view: str, quantities: list[Quantity], memory: _Memory
) -> list[Quantity]:
    """Give elliptic amounts ("50 Milliarden") the document's currency; settle bare "$".

    A bare "$" is US dollars unless another dollar ("A$", "C$") was named before it, and
    neither US dollars nor a bare "$" were: a writer names the currency first, and one
    who wrote "$" before naming another dollar uses "$" for US dollars. A "$" in brackets
    right after another dollar amount is its conversion ("A$120 billion ($78 billion)").
    """
    # The first currency at or after each figure, for elliptic amounts before any currency
    # (looked up once, not by a scan per figure).
    upcoming: list[str | None] = [None] * (len(quantities) + 1)
    for index in range(len(quantities) - 1, -1, -1):
        unit = quantities[index].unit
        upcoming[index] = unit if unit and len(unit) == 3 else upcoming[index + 1]
    resolved: list[Quantity] = []
    for index, q in enumerate(quantities):
        spoken = memory.currency or upcoming[index + 1]
        if q.cents and spoken != q.unit and spoken in g.cent_currencies:
            # "a dividend of 15 cents" in a text of euros: euro cents
            q = replace(q, unit=spoken, bare_dollar=False)
        if q.bare_dollar and memory.dollar and not memory.saw_usd:
            previous = resolved[-1] if resolved else None
            converted = previous is not None and view[previous.end : q.start].strip() == "("
            if not converted:
                q = replace(q, unit=memory.dollar)
        elif q.bare_dollar:
            memory.saw_usd = True
        elif q.unit and len(q.unit) == 3 and not q.bare_dollar:
            if q.unit in _OTHER_DOLLARS and memory.dollar is None:
                memory.dollar = q.unit
            memory.saw_usd = memory.saw_usd or q.unit == "USD"
        if q.elliptic:
            currency = memory.currency
            if currency is None:
                currency = upcoming[index]
            q = replace(q, unit=currency, elliptic=currency is not None)
        if q.unit and len(q.unit) == 3:
            memory.currency = q.unit
        resolved.append(q)
    return resolved


def _overlapping(
    places: list[tuple[int, int]], reach: list[int], start: int, end: int
) -> list[tuple[int, int]]:
    """The places (sorted by start; ``reach`` their running maximum end) overlapping [start, end).

    >>> places = [(0, 3), (5, 9), (12, 14)]
    >>> _overlapping(places, [3, 9, 14], 4, 12)
    [(5, 9)]
    """
    low = bisect.bisect_right(reach, start)  # places before it all end by ``start``
    high = bisect.bisect_left(places, (end,))  # places from it on start at ``end`` or later
    return [p for p in places[low:high] if p[1] > start]


def _reference_end(original: str, end: int) -> int:
    """Where the character reference whose character ends a figure ends in the input.

    The masked view puts a reference's character at its first position: a figure that
    ends with "€" ends, in the input, after the whole "&euro;".

    >>> text = "5 Mrd. &euro; mehr"
    >>> text[:_reference_end(text, 8)]
    '5 Mrd. &euro;'
    """
    close = original.find(";", end, end + 32)
    return close + 1 if close != -1 else end


def _carried(sentence: str, folded: str, start: int, end: int) -> str | None:
    """How a claim at [start, end) of ``sentence`` carries it in records: None (whole)
    unless it is long, then the part around the claim (:data:`MAX_SENTENCE`)."""
    if len(folded) <= MAX_SENTENCE:
        return None
    return cut_around(sentence, start, end, SENTENCE_REACH)


def _written_end(original: str, view: str, end: int, closed_up: dict[int, int]) -> int:
    """Where a figure ending at ``end`` of the view ends in the input as written."""
    if closed_up and end in closed_up:
        return closed_up[end]  # "$4.2 bil­lion": the word as written, soft hyphen and all
    if view is not original and view[end - 1] != original[end - 1]:
        return _reference_end(original, end)
    return end


@dataclass(frozen=True, slots=True)
class _Read:
    """A sentence of the view, its words read, and what a claim's record carries of it."""

    start: int
    end: int
    text: str
    folded: str
    words: Sentence


def _in_sentences(
    view: str, quantities: list[Quantity], g: Grammar, lang: str, memory: _Memory
) -> Iterator[tuple[Quantity, _Read]]:
    """Each figure with the sentence it stands in; a sentence is read once for all its
    figures (they come in order, so those of one sentence follow each other)."""
    sentences = SentenceLocator(view, g.lex.abbreviations, g.months, g.lex.stopwords, g.lex.labels)
    # Context only looks at figures inside the sentence, so each sentence is handed the
    # few that overlap it rather than every figure of the piece.
    places = sorted((q.start, q.end) for q in quantities)
    reach = list(itertools.accumulate((e for _, e in places), max))
    read: _Read | None = None
    for q in quantities:
        s_start, s_end = sentences.around(q.start)
        if s_end < q.end:
            s_start, s_end = q.start, q.end  # a figure across sentences stands alone
        if read is None or (read.start, read.end) != (s_start, s_end):
            sentence = view[s_start:s_end]
            nearby = _overlapping(places, reach, s_start, s_end)
            words = Sentence(lang, sentence, s_start, memory.entities, nearby)
            read = _Read(s_start, s_end, sentence, fold(sentence), words)
        yield q, read


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
    view, closed_up = fold_characters(view)
    quantities = _resolve_money(g, view, scan(g, view), memory)
    if not quantities:
        return  # no figure, no sentence worth reading
    position = lines.position
    for q, sentence in _in_sentences(view, quantities, g, lang, memory):
        start, end = q.start, q.end
        s_start, s_end = sentence.start, sentence.end
        unit = q.unit or "count"
        shown = _carried(sentence.text, sentence.folded, start - s_start, end - s_start)
        ctx = sentence.words.describe(start, end, unit_kind(unit), q.noun is not None, memory)
        low, high = interval(q.qualifier, q.value, q.step, settings, q.value_high, q.step_high)
        end = _written_end(original, view, end, closed_up)
        text = original[start:end]
        line, column = position(start)
        value = float(q.value)
        # Validated on purpose: with pydantic 2.13, ``model_construct`` (pure Python) was
        # measured slower than the validating constructor (28 µs against 21 µs a claim).
        yield Claim(
            id=claim_id(base + start, base + end, text, value, unit),
            text=text,
            start=base + start,
            end=base + end,
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
            sentence=sentence.folded,
            lang=lang,
            sentence_start=base + s_start,
            sentence_end=base + s_end,
        ).carry(shown)


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
    recognise as companies (a ledger's entities and aliases). :func:`extract_text` says
    the language too.

    >>> [(c.text, c.value, c.unit) for c in extract("It raised $5 billion.", "en")]
    [('$5 billion', 5000000000.0, 'USD')]
    """
    return list(extract_text(text, lang, fmt=fmt, settings=settings, entities=entities).claims)


def extract_text(
    text: str,
    lang: str | None = None,
    *,
    path: str = "-",
    fmt: str = "text",
    settings: Settings = DEFAULT_SETTINGS,
    entities: Iterable[str] = (),
) -> ExtractedFile:
    """The claims of ``text`` (see :func:`extract`) and the language it was read in, as
    the claims of a file named ``path`` (standard input's, by default).

    >>> found = extract_text("Der Umsatz war im Vorjahr höher als erwartet.")
    >>> found.lang, list(found.claims)
    ('de', [])
    """
    if fmt == "text":
        view, lang = text, lang or detect_lang(text)
    else:
        parsed = mainpart.parse(text, fmt)
        view, lang = parsed.view, document_lang(parsed.view, parsed.lang, lang)
    claims = claims_of_view(text, view, lang, settings=settings, entities=entities)
    return ExtractedFile(path, lang, iter(claims))


def claims_of_view(
    text: str,
    view: str,
    lang: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Iterable[str] = (),
) -> list[Claim]:
    """Every numeric claim of ``text`` whose masked view (same length) is ``view``.

    >>> [c.text for c in claims_of_view("<b>5 %</b>", "   5 %    ", "de")]
    ['5 %']
    """
    memory = _Memory(entities=frozenset(entities))
    return list(_claims_of_piece(text, view, 0, LineIndex(text), lang, settings, memory))


@dataclass(frozen=True)
class ExtractedFile:
    path: str
    lang: str
    claims: Iterator[Claim]


def _markup_file(
    path: Path, lang: str | None, settings: Settings, memory: _Memory, max_bytes: int
) -> ExtractedFile:
    """Claims of a Markdown or HTML file, read whole: markup may span any distance."""
    text = read_text(path, max_bytes)
    parsed = mainpart.parse(text, markup.detect_format(path.name, text))
    view = parsed.view
    doc_lang = document_lang(view, parsed.lang, lang)
    found = _claims_of_piece(text, view, 0, LineIndex(text), doc_lang, settings, memory)
    return ExtractedFile(str(path), doc_lang, found)


def extract_file(
    path: Path,
    lang: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Iterable[str] = (),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> ExtractedFile:
    """Claims of a file, read in pieces when it is plain text (markup is read whole, up to
    ``max_bytes``).

    The extension decides the format; where it is unknown, the start of the file does
    (:func:`~factcheck.text.markup.detect_format`).

    Raises :class:`~factcheck.errors.InputError` for a missing, binary or undecodable
    file before any claim is produced, so a caller never emits half a report.
    """
    memory = _Memory(entities=frozenset(entities))
    if markup.detect_format(path.name, "") != "text":
        return _markup_file(path, lang, settings, memory, max_bytes)
    pieces = iter_pieces(path)
    first = next(pieces, None)  # decoding problems surface here, before any output
    # A name whose extension says nothing (".dat", none at all) leaves it to the content:
    # a saved web page is HTML whatever it is called.
    if markup.detect_format(path.name, first.text if first else "") != "text":
        return _markup_file(path, lang, settings, memory, max_bytes)
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
