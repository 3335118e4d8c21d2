"""What every arithmetic rule reads: a draft's figures in their sentences, their
intervals, the words around them; and what each rule finds, a :class:`Slip`.

A rule flags a slip only when *no* values that the figures' intervals allow make the
arithmetic hold, as statcheck does with the rounding of reported statistics: "rose 14%
from $2.1 million to $2.6 million" allows any change from 2.55/2.15 − 1 = 18.6% to
2.65/2.05 − 1 = 29.3%, and 14% (13.5–14.5%) lies outside all of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.compare.figures import Figure
from factcheck.compare.suggest import format_number, suggest
from factcheck.lexicon import Arithmetic, load_lexicon
from factcheck.models import Diagnosis
from factcheck.settings import Settings
from factcheck.text.sentences import fold

#: Tokens of a text as the cue lists are matched: words (with inner hyphens and
#: apostrophes) and single marks ("(", ":", ","), lower case.
_TOKENS = re.compile(
    r"""
    \w+(?:[-'’]\w+)*     # a word, "year-on-year", "company's"
    | [^\w\s*_]          # one mark; Markdown emphasis (* and _) is no token
    """,
    re.VERBOSE,
)


def tokens(text: str) -> tuple[str, ...]:
    """The tokens of ``text``, lower case.

    >>> tokens("up 12% on the **year-on-year** basis (€43bn)")
    ('up', '12', '%', 'on', 'the', 'year-on-year', 'basis', '(', '€', '43bn', ')')
    """
    return tuple(_TOKENS.findall(text.casefold()))


@functools.lru_cache(maxsize=4096)
def _phrase(phrase: str) -> tuple[str, ...]:
    """The tokens of a cue phrase of the lexicon: a few hundred phrases, each tested
    against the words around every figure."""
    return tokens(phrase)


def has(words: Sequence[str], phrases: Sequence[str]) -> bool:
    """Whether one of ``phrases`` stands in ``words`` as whole tokens.

    >>> has(tokens("rose sharply on the year"), ["on the year", "annual"])
    True
    >>> has(tokens("the yearly report"), ["year"])
    False
    """
    for phrase in phrases:
        wanted = _phrase(phrase)
        n = len(wanted)
        if not n or wanted[0] not in words:  # the first word missing: nowhere to look
            continue
        if any(tuple(words[i : i + n]) == wanted for i in range(len(words) - n + 1)):
            return True
    return False


def ends_with(words: Sequence[str], phrases: Sequence[str]) -> bool:
    """Whether ``words`` end with one of ``phrases``."""
    return any(
        (wanted := _phrase(p)) and tuple(words[len(words) - len(wanted) :]) == wanted
        for p in phrases
    )


def starts_with(words: Sequence[str], phrases: Sequence[str]) -> bool:
    """Whether ``words`` start with one of ``phrases``."""
    return any((wanted := _phrase(p)) and tuple(words[: len(wanted)]) == wanted for p in phrases)


def is_one_of(words: Sequence[str], phrases: Sequence[str]) -> bool:
    """Whether ``words`` are exactly one of ``phrases``."""
    return any(tuple(words) == _phrase(p) for p in phrases)


#: How much longer the text between two sentences may be than their folded words: line
#: breaks, indentation and Markdown marks (relative, and in characters).
_SPACING, _SPACING_SLACK = 1.3, 12


@dataclass(frozen=True, slots=True)
class Span:
    """The closed interval of values a figure allows (or an arithmetic result)."""

    lo: float
    hi: float

    @classmethod
    def of(cls, figure: Figure) -> Span | None:
        """The figure's interval; None when an end is open ("more than 500")."""
        if figure.stated.low is None or figure.stated.high is None:
            return None
        return cls(figure.stated.low, figure.stated.high)

    def meets(self, other: Span) -> bool:
        slack = 1e-9 * max(abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi), 1.0)
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    def widened(self, share: float) -> Span:
        """Wider by ``share`` of its ends on both sides (a rate's or a word's leeway)."""
        return Span(self.lo - share * abs(self.lo), self.hi + share * abs(self.hi))

    def negated(self) -> Span:
        return Span(-self.hi, -self.lo)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def __add__(self, other: Span) -> Span:
        return Span(self.lo + other.lo, self.hi + other.hi)


def ratio(a: Span, b: Span) -> Span | None:
    """Every b/a the two intervals allow; None unless both are positive."""
    if a.lo <= 0 or b.lo <= 0:
        return None
    return Span(b.lo / a.hi, b.hi / a.lo)


def signed(change: Span, direction: int) -> list[Span]:
    """A stated change with its direction: +1 up, −1 down, 0 either (by its size only)."""
    if direction > 0:
        return [change]
    if direction < 0:
        return [change.negated()]
    return [change, change.negated()]


@dataclass(frozen=True, slots=True)
class Slip:
    """Figures of one draft whose arithmetic does not hold.

    ``target`` (an index into the draft's figures) is the figure the finding is given to:
    the one the arithmetic derives (a change, a total, a conversion, a valuation), or
    the odd one out. ``others`` are the figures it was computed from, in text order.
    """

    rule: str
    target: int
    others: tuple[int, ...]
    diagnosis: Diagnosis
    message: str
    #: the arithmetic in short, or the exchange rate and its date
    note: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Draft:
    """A draft's figures, where each stands in its sentence, and its words."""

    figures: tuple[Figure, ...]
    #: for each figure: (its sentence's number, start and end within the folded sentence)
    places: tuple[tuple[int, int, int], ...]
    #: the figures of each sentence, by index, in text order
    sentences: tuple[tuple[int, ...], ...]
    #: for each figure: its place among its sentence's figures (0 first)
    ranks: tuple[int, ...]
    lang: str
    #: the day whose exchange rates a conversion in the draft is held to
    day: dt.date
    settings: Settings
    #: whether the draft's day is known (its date, or one given for the run); an undated
    #: draft's conversions are held to every ECB rate since 1999 (it may be old)
    dated: bool = True

    @property
    def words(self) -> Arithmetic:
        return load_lexicon(self.lang).arithmetic

    @property
    def joiners(self) -> tuple[str, ...]:
        """Words that join two clauses ("while", "and", "während"): what stands after one
        tells another statement."""
        return load_lexicon(self.lang).frames.clause_joiners

    @property
    def months(self) -> tuple[str, ...]:
        return load_lexicon(self.lang).not_claims.months

    def gap(self, i: int, j: int) -> tuple[str, ...]:
        """The tokens between figure ``i`` and a later figure ``j`` of its sentence."""
        (si, _, end), (sj, start, _) = self.places[i], self.places[j]
        if si != sj or start < end:
            return ()
        return tokens(self.figures[i].sentence[end:start])

    def before(self, i: int) -> tuple[str, ...]:
        """The tokens before figure ``i`` back to the figure before it in its sentence."""
        s, start, _ = self.places[i]
        group = self.sentences[s]
        at = self.ranks[i]
        begin = self.places[group[at - 1]][2] if at else 0
        return tokens(self.figures[i].sentence[begin:start])

    def after(self, i: int) -> tuple[str, ...]:
        """The tokens after figure ``i`` up to the next figure of its sentence."""
        s, _, end = self.places[i]
        group = self.sentences[s]
        at = self.ranks[i]
        stop = self.places[group[at + 1]][1] if at + 1 < len(group) else None
        return tokens(self.figures[i].sentence[end:stop])

    def next_to(self, s: int) -> bool:
        """Whether sentence ``s + 1`` follows sentence ``s`` with no sentence between
        them (one without figures): the text from the last figure of one to the first
        of the other is no longer than the two sentences' rest and head, give or take
        the spacing and markup of the draft."""
        last, first = self.sentences[s][-1], self.sentences[s + 1][0]
        a, b = self.figures[last], self.figures[first]
        rest = len(a.sentence) - self.places[last][2]
        head = self.places[first][1]
        between = b.claim().start - a.claim().end
        return between <= _SPACING * (rest + head) + _SPACING_SLACK

    def where(self, i: int) -> str:
        claim = self.figures[i].claim()
        return f"line {claim.line}"


def read_draft(
    figures: Sequence[Figure], lang: str, day: dt.date, settings: Settings, dated: bool = True
) -> Draft:
    """Place every figure in its sentence (the sentence text is folded, the figure's text
    found in it in order)."""
    sentences: list[list[int]] = []
    places: list[tuple[int, int, int]] = []
    cursor = 0
    for i, figure in enumerate(figures):
        if not sentences or figures[sentences[-1][-1]].sentence != figure.sentence:
            sentences.append([])
            cursor = 0
        sentences[-1].append(i)
        text = fold(figure.stated.text)
        at = figure.sentence.find(text, cursor)
        if at < 0:  # not found as written: place it after the figure before
            at = cursor
        places.append((len(sentences) - 1, at, at + len(text)))
        cursor = at + len(text)
    return Draft(
        figures=tuple(figures),
        places=tuple(places),
        sentences=tuple(tuple(s) for s in sentences),
        ranks=tuple(rank for s in sentences for rank in range(len(s))),
        lang=lang,
        day=day,
        settings=settings,
        dated=dated,
    )


def written(value: float, like: Figure, unit: str | None = None) -> str:
    """``value`` written the way ``like`` is written, to as many significant digits as
    it states (two at least; more when that would give back the same figure).

    >>> from factcheck.compare.figures import from_claim
    >>> from factcheck.extract.pipeline import extract
    >>> fig = from_claim(extract("It rose 14%.", "en")[0], source="d", origin="draft",
    ...                  when=None, where="d")
    >>> written(23.8, fig), written(2.0, fig, "pp"), written(14.04, fig)
    ('24%', '2 percentage points', '14.04%')
    """
    unit = unit or like.stated.unit
    digits = max(2, _significant(like))
    number = round_significant(value, digits)
    while digits < 12 and math.isclose(number, like.stated.value, rel_tol=1e-9):
        if math.isclose(value, like.stated.value, rel_tol=1e-9):
            break
        digits += 1
        number = round_significant(value, digits)
    return suggest(_figure_like(like, number, unit), like)


def round_significant(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits.

    >>> round_significant(23.76, 2), round_significant(6.09e9, 3), round_significant(0.1234, 2)
    (24.0, 6090000000.0, 0.12)
    """
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - exponent)


def _significant(figure: Figure) -> int:
    """How many significant digits the figure states: "6.14" 3, "44" 2, "23,000" 2."""
    numeral = _numeral(figure)
    digits = re.sub(r"\D", "", numeral).lstrip("0")
    lex = load_lexicon(figure.lang)
    if lex.decimal_separator not in numeral.rsplit(lex.group_separator, 1)[-1]:
        digits = digits.rstrip("0")  # the zeros of a whole number are no stated digits
    return len(digits) or 1


def _numeral(figure: Figure) -> str:
    found = re.search(r"\d+(?:[.,\u00a0\u202f ]\d+)*", figure.stated.text)
    return found.group() if found else ""


def _figure_like(like: Figure, value: float, unit: str) -> Figure:
    from dataclasses import replace

    stated = replace(like.stated, value=value, value_high=None, unit=unit, qualifier="exact")
    return replace(like, stated=stated)


def number(value: float, lang: str, digits: int = 3) -> str:
    """A computed value for a message, to ``digits`` significant digits.

    >>> number(23.8095, "en"), number(0.2, "de"), number(43.79, "de", 2)
    ('23.8', '0,2', '44')
    """
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    rounded = round(value, max(0, digits - 1 - exponent))
    return format_number(rounded, lang)


def percent_text(value: float, lang: str) -> str:
    """A change in percent for a message: "+23.8%", "−4,1 %"."""
    sign = "+" if value >= 0 else "−"
    space = "\u00a0" if lang == "de" else ""
    return f"{sign}{number(abs(value), lang)}{space}%"


def span_text(span: Span, lang: str, render: type[str] | None = None) -> str:
    """An arithmetic result's interval for a message: "19–29"."""
    low, high = number(span.lo, lang, 2), number(span.hi, lang, 2)
    return low if low == high else f"{low}–{high}"
