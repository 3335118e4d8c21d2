"""Quantities: a number with its scale, currency or unit, qualifier and range.

:func:`scan` walks the anchors of a piece of text (numerals and spelled-out numbers),
reads the figure at each (:func:`~factcheck.extract.figure.read_figure`), joins ranges
(:mod:`~factcheck.extract.ranges`), adds qualifiers and counted nouns, and keeps what is
a figure; the rules that drop years, dates, ordinals, durations, phone numbers and names
with digits are in :mod:`~factcheck.extract.not_a_claim`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from factcheck.extract.figure import (
    HUNDREDTH,
    POWERS,
    TOKEN,
    Quantity,
    compared,
    counted_noun,
    is_head,
    last_words,
    leading_zero,
    next_word,
    preceded_by,
    read_figure,
)
from factcheck.extract.grammar import Grammar, fold
from factcheck.extract.not_a_claim import is_not_a_claim
from factcheck.extract.numerals import NUMERAL, Numeral, decimal_of, find_numerals, parse_numeral
from factcheck.extract.ranges import with_range, with_shared_unit
from factcheck.extract.spelled import word_anchors, word_numeral

__all__ = ["Quantity", "scan"]


def _with_hundredths(g: Grammar, s: str, q: Quantity) -> Quantity:
    """Add the hundredths written after a whole amount: "3 dollars 50 cents", "£4 and
    20p", "thirteen dollars and forty-five cents", "zwei Euro fünfzig"."""
    if q.unit is None or len(q.unit) != 3 or q.scaled or q.value != int(q.value):
        return q
    link = g.hundredths_link.match(s, q.end)
    if link is None:
        return q
    at = link.end()
    digits = NUMERAL.match(s, at)
    words = None if digits else g.word_anchor.match(s, at)
    if digits:
        num = parse_numeral(digits.group("digits"), g.lex.decimal_separator)
        end = digits.end()
    elif words and not words.group("mult"):
        num, end = word_numeral(g, words), words.end()
    else:
        return q
    if num is None or not 0 < num.value < 100 or num.value != int(num.value):
        return q
    minor = g.currency_minor.match(s, end)
    if minor:
        end = minor.end()
    elif not (g.lex.currencies.minor_bare and link.group("and") is None and _ends_amount(s, end)):
        return q
    q.value, q.step, q.end = q.value + num.value / 100, HUNDREDTH, end
    return q


def _ends_amount(s: str, end: int) -> bool:
    """Whether a bare number of hundredths ends the amount: a mark, the end, a small word."""
    token = TOKEN.match(s, end)
    if token is None:
        return True
    word = token.group("word")
    return word is None or word[:1].islower()


#: A sentence ends between two figures: punctuation, then whitespace.
_SENTENCE_END = re.compile(
    r"""
    [.!?…] \s                     # a full stop, or the like, before a space
    """,
    re.VERBOSE,
)


def _money_scale(g: Grammar, s: str, q: Quantity, before: Quantity | None) -> Quantity:
    """A glued one-letter scale read after all, after money in the same sentence.

    "Revenue reached £1.2bn, against 950m": the 950m are millions of the pounds before;
    "it sold 2.1m units, up from 1.9m": millions of the units counted before, not metres.
    """
    if q.short_scale is None or before is None or q.qualifier != "exact":
        return q
    money = before.elliptic or (before.unit is not None and len(before.unit) == 3)
    counted = before.unit is None and before.scaled and before.noun is not None
    if not (money or counted) or _SENTENCE_END.search(s, before.end, q.start):
        return q
    power, end = q.short_scale
    following = next_word(s, end).lower()
    if counted and following and following not in g.lex.stopwords:
        return q  # "a 300m tower" measures the tower
    factor = POWERS[power]
    q.value, q.step, q.end, q.unit = q.value * factor, q.step * factor, end, None
    q.factor *= factor
    q.scaled, q.elliptic, q.noun = True, money, None
    return q


def _with_qualifiers(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> Quantity:
    """Add the qualifier before ("about", "bis zu") or after ("300,000+", "or more").

    ``words_before`` are the :func:`~factcheck.extract.figure.last_words` before the figure.
    """
    after = g.qualifier_after.match(s, q.end)
    if after and after.group("q"):
        last_word = fold(after.group("q")).split()[-1]
        if f"{last_word} {next_word(s, after.end()).lower()}" in g.qualifiers:
            after = None  # "3 Prozent und mehr als 5": "mehr als" qualifies the next figure
    if after:
        key = "over" if after.group("plus") else g.qualifiers_after[fold(after.group("q"))]
        q.end, q.qualifier = after.end(), key
    before = None
    # Most figures follow no qualifier: their last word ends no qualifier phrase.
    last = words_before[-1] if words_before else ""
    if last in g.qualifier_ends and preceded_by(words_before, g.qualifiers):
        before = g.qualifier_before.search(s, max(0, q.start - 30), q.start)
    if before and not _names_amount(g, s, before):
        q.start, q.qualifier = before.start("q"), g.qualifiers[fold(before.group("q"))]
    return q


def _qualified_through_article(g: Grammar, s: str, q: Quantity) -> Quantity:
    """A multiplier noun after an article takes the qualifier before the article."""
    start = q.start
    q.start = s.rfind(" ", 0, start - 1) + 1  # the article's first letter
    q = _with_qualifiers(g, s, q, last_words(s, q.start))
    if q.qualifier == "exact":
        q.start = start
    return q


def _names_amount(g: Grammar, s: str, qualifier: re.Match[str]) -> bool:
    """Whether the qualifier names the amount of the noun before it: "einen Kredit über"."""
    if fold(qualifier.group("q")) not in g.lex.qualifiers.amount_after_noun:
        return False
    words = s[max(0, qualifier.start() - 40) : qualifier.start()].split()[-3:]
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    return any(w.lower() in g.lex.qualifiers.amount_articles for w in words[:-1])


def _part_noun(
    g: Grammar, s: str, q: Quantity, words_before: list[str], found: list[Quantity]
) -> str | None:
    """The noun of the count a bare count is a part of, in the same sentence: after "of
    whom" or "davon", or after a count opened by "of its" or "von den" ("Of its 3,900
    employees, 350 work in Germany and 2,100 in Sweden")."""
    if not found or q.qualifier not in ("exact", "approx") or g.shared_noun.match(s, q.end):
        return None  # "3 of the 12 depots": the count after says
    nouns = g.lex.counted_nouns
    for before in reversed(found[-4:]):
        if before.unit is not None or before.noun is None or before.scaled:
            return None
        if _SENTENCE_END.search(s, before.end, q.start):
            return None
        if before is found[-1] and preceded_by(words_before, nouns.part_openers):
            return before.noun
        if preceded_by(last_words(s, before.start, 2), nouns.partitive):
            return before.noun
    return None


def _shared_noun(g: Grammar, s: str, q: Quantity, before: Quantity | None) -> str | None:
    """The noun a bare count shares with its neighbour: "68 votes to 31", "412 zu 198 Stimmen"."""
    if before is not None and before.noun is not None and before.unit is None:
        link = g.shared_noun.match(s, before.end + 1 + len(before.noun))
        if s.startswith(" " + before.noun, before.end) and link and link.end() == q.start:
            return before.noun
    link = g.shared_noun.match(s, q.end)
    match = NUMERAL.match(s, link.end()) if link else None
    if match is None:
        return None
    num = parse_numeral(match.group("digits"), g.lex.decimal_separator)
    if num is None:
        return None
    second = read_figure(g, s, match.start(), match.end(), num, spelled=False)
    return counted_noun(g, s, second)[0] if second.unit is None and not second.scaled else None


def _anchors(g: Grammar, s: str) -> Iterator[tuple[int, int, Numeral, bool, bool]]:
    """(start, end, numeral, spelled, multiplier word) for every number in ``s``, in order."""
    numerals = find_numerals(s, g.glued_marks)
    words = word_anchors(g, s)
    digit = next(numerals, None)
    word = next(words, None)
    separator = g.lex.decimal_separator
    # Where the next word anchor starts: past the end of the text once there is none.
    word_start = word.start() if word is not None else len(s) + 1
    while digit or word:
        start = digit.start() if digit is not None else word_start
        if start < word_start:
            assert digit is not None
            # NUMERAL's look-behind has already turned away a numeral glued to a word.
            num = parse_numeral(digit.group(), separator)
            if num is not None and not leading_zero(digit.group("digits")):
                yield start, digit.end(), num, False, False
            digit = next(numerals, None)
            continue
        assert word is not None
        inside = word_start and (s[word_start - 1].isalnum() or s[word_start - 1] in "_-")
        if inside:
            pass  # inside a word: "someone", "Anteilen"
        elif word.group("mult"):
            factor = g.lex.multipliers.words[fold(word.group("mult"))]
            num = Numeral(decimal_of(factor), Decimal(1), grouped=False)
            yield word_start, word.end(), num, True, True
        else:
            parsed = word_numeral(g, word)
            if parsed is not None:
                yield word_start, word.end(), parsed, True, False
        word = next(words, None)
        word_start = word.start() if word is not None else len(s) + 1


def scan(g: Grammar, s: str) -> list[Quantity]:
    """Every figure in ``s`` that is a claim, in order of appearance."""
    found: list[Quantity] = []
    taken = 0
    for start, end, num, spelled, multiplier in _anchors(g, s):
        if start < taken:
            continue  # the second number of a range already read
        if multiplier:
            if fold(s[start:end]) in g.lex.multipliers.comparative and not compared(g, s, end):
                continue  # "twice a year", "a double-digit gain": no multiplier
            q = Quantity(start, end, num.value, num.step, "x", spelled=True)
            words_before = last_words(s, q.start)
            q = _with_qualifiers(g, s, q, words_before)  # "more than doubled"
            if q.qualifier == "exact" and words_before and words_before[-1] in g.articles:
                q = _qualified_through_article(g, s, q)  # "mehr als eine Verdopplung"
            joined = False
        else:
            q = _with_hundredths(g, s, read_figure(g, s, start, end, num, spelled))
            words_before = last_words(s, q.start)
            q = with_shared_unit(g, s, q, words_before)
            q, joined = with_range(g, s, q, words_before)
            q = _with_qualifiers(g, s, q, words_before)
            if q.unit is None:
                noun, glued = (q.noun, False) if q.noun else counted_noun(g, s, q)
                if not glued and not (noun and is_head(g, noun.split()[-1])):
                    # "3,900 people, of whom 350 work in Germany": the part's noun
                    noun = _part_noun(g, s, q, words_before, found) or noun
                q.noun = noun
                if q.scaled and not q.spelled and (noun is None or glued):
                    q.elliptic, q.noun = True, None
                elif noun is None and not q.scaled and q.qualifier == "exact":
                    q.noun = _shared_noun(g, s, q, found[-1] if found else None)
        if q.short_scale is not None:  # a glued one-letter scale, rare: "950m"
            q = _money_scale(g, s, q, found[-1] if found else None)
        if is_not_a_claim(g, s, q, joined, words_before):
            continue
        found.append(q)
        taken = q.end
    return found
