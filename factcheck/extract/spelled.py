"""Numbers in words: where they stand in a text, and what they say.

:func:`word_anchors` finds the spelled-out numbers and multiplier words of a text
("twenty-five", "zweitausendfünfhundert", "half a", "tenfold"); :func:`word_numeral`
reads one: "sixteen point four" is stated to the tenth, "two and a half" to the half.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from factcheck.extract.grammar import SPACE, Grammar
from factcheck.extract.numerals import (
    Numeral,
    decimal_of,
    parse_number_words,
    split_compound_number,
)

_WORD_GAP = re.compile(rf"(?:-|{SPACE})+")


def _phrase(text: str) -> str:
    """A phrase of words as the lexicon keys it: lower case, one space between words."""
    return " ".join(_WORD_GAP.sub(" ", text.replace(",", " ")).lower().split())


def word_numeral(g: Grammar, match: re.Match[str]) -> Numeral | None:
    """Read a spelled-out number anchor; None if its words make no number.

    "sixteen point four" is stated to the tenth, "two and a half" to the half.
    """
    syntax = g.lex.number_syntax
    if match.group("half"):
        fraction = decimal_of(g.fractions[_phrase(match.group("half"))])
        return Numeral(fraction, fraction, grouped=False)
    if match.group("one"):
        return Numeral(Decimal(1), Decimal(1), grouped=False)
    if match.group("article"):
        return Numeral(Decimal(1), Decimal(1), grouped=False)
    text = _phrase(match.group("words"))
    half = Decimal(0)
    for phrase, part in syntax.fractions_after.items():
        if text.endswith(" " + phrase):  # "two and a half"
            text, half = text[: -len(phrase) - 1], decimal_of(part)
            break
    whole, _, decimals = _split_decimal(text, syntax.decimal_point)
    value = _number_of_words(g, whole.split())
    if value is None:
        return None
    step = Decimal(1)
    if decimals:  # "point four five": one digit a word
        digits = [g.number_words.get(word) for word in decimals.split()]
        if any(d is None or d != int(d) or not 0 <= d <= 9 for d in digits):
            return None
        value += Decimal("0." + "".join(str(int(d)) for d in digits if d is not None))
        step = Decimal(10) ** -len(digits)
    if half:
        value, step = value + half, half
    return Numeral(value, step, grouped=False)


def _split_decimal(text: str, points: tuple[str, ...]) -> tuple[str, str, str]:
    """ "sixteen point four" -> ("sixteen", "point", "four"); no point: (text, "", "")."""
    for point in points:
        whole, found, decimals = text.partition(f" {point} ")
        if found:
            return whole, point, decimals
    return text, "", ""


def _number_of_words(g: Grammar, raw_words: list[str]) -> Decimal | None:
    """The number of spelled-out words, German compounds split ("zweitausendfünfhundert")."""
    table, syntax = g.number_words, g.lex.number_syntax
    joiners, compound = syntax.joiners, syntax.compound_numbers
    words: list[str] = []
    for raw in raw_words:
        if raw in joiners:
            continue
        parts = split_compound_number(raw, table, joiners) if compound else [raw]
        if parts is None:
            return None
        words.extend(parts)
    return parse_number_words(words, table)


def word_anchors(g: Grammar, s: str) -> Iterator[re.Match[str]]:
    """The matches of ``g.word_anchor.finditer(s)``, found through ``g.word_anchor_before``.

    Trying the long alternation of number words at every character was a fifth of the
    time of an extraction. ``word_anchor_before`` finds, quickly, every place where an
    anchor may start (and a few more), where the full pattern is then tried.
    """
    end = 0  # where the last anchor ended: the next may not start before it
    first = g.word_anchor.match(s)  # at the very start, no character stands before
    if first is not None:
        end = first.end()
        yield first
    # Searched in the lower-cased text where it lower-cases character for character (same
    # offsets) and holds no character that matches a letter only under re.IGNORECASE.
    lowered = s.lower()
    if len(lowered) == len(s) and not any(ch in s for ch in g.not_lowered):
        candidates = g.word_anchor_before_lower.finditer(lowered)
    else:
        candidates = g.word_anchor_before.finditer(s)
    for before in candidates:
        at = before.start() + 1
        if at < end:
            continue  # "five" of "twenty five", already read with "twenty"
        match = g.word_anchor.match(s, at)
        if match is not None:
            end = match.end()
            yield match
