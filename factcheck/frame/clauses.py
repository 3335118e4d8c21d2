"""The clauses of a sentence: where each starts, which holds a figure, which is parenthetical.

A figure's frame is read from its own clause, not its whole sentence, because a sentence
often holds several figures of several parties. A clause is the stretch between clause
marks (commas, colons, dashes, brackets) and words that join clauses ("and", "while",
"und", …); brackets around a conversion or an abbreviation are no clause of their own,
and neither is a list ("5,000 and 6,000", "Texas und New York").

A clause after a comma that opens with a relative pronoun or a determiner is
parenthetical, a relative clause or an apposition ("Oracle, which lent $6bn",
"Databricks, the platform valued at $100bn"): it is about the name before its comma, its
*host*.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from factcheck.extract.names import CLAUSE_MARKS
from factcheck.frame.mentions import Mention, Token
from factcheck.frame.words import FrameWords

#: Brackets around this many tokens or fewer, or around a figure, are no clause of
#: their own: a conversion, an abbreviation.
_SHORT_BRACKETS = 3


@dataclass
class Sentence:
    """One sentence of a document: its tokens, which of them are a figure's, the parties
    it mentions and the claims it holds."""

    start: int
    end: int
    tokens: list[Token]
    figure: list[bool]
    mentions: list[Mention]
    claims: list[int]  # indices into the document's claims


class FigureSpan(NamedTuple):
    """Where a figure stands in its sentence: its tokens [first, last) and its clause's
    tokens [lo, hi)."""

    first: int
    last: int
    lo: int
    hi: int


def clause_bounds(words: FrameWords, tokens: Sequence[Token], figure: Sequence[bool]) -> list[int]:
    """Token indices where a clause starts (0 first): after a mark or a joining word."""
    starts = [0]
    for i, token in enumerate(tokens):
        text = token.text
        if text in "()" and _short_brackets(tokens, figure, i):
            continue  # "a €127 million ($149 million) net profit", "Ergebnis (Ebit) von"
        if text in CLAUSE_MARKS and i + 1 < len(tokens) and not figure[i]:
            starts.append(i + 1)  # a mark inside a figure ("1,4 Milliarden") ends nothing
        elif text.lower() in words.joiners and i and i + 1 < len(tokens):
            after = tokens[i + 1].text
            numbers = figure[i - 1] and (figure[i + 1] or after[:1].isdigit())
            names = not figure[i - 1] and tokens[i - 1].text[:1].isupper() and after[:1].isupper()
            names = names and words.role(after) != "determiner"
            if not (numbers or names):  # "5,000 and 6,000", "Texas und New York": a list
                starts.append(i)
    return sorted(set(starts))


def _short_brackets(tokens: Sequence[Token], figure: Sequence[bool], at: int) -> bool:
    """Whether the bracket at ``at`` encloses a figure (a conversion) or a few words (an
    abbreviation: "Ergebnis (Ebit)")."""
    if tokens[at].text == "(":
        close = next((j for j in range(at + 1, len(tokens)) if tokens[j].text == ")"), None)
        inside = range(at + 1, close) if close is not None else range(0)
    else:
        opening = next((j for j in range(at - 1, -1, -1) if tokens[j].text == "("), None)
        inside = range(opening + 1, at) if opening is not None else range(0)
    if not inside:
        return False
    return len(inside) <= _SHORT_BRACKETS or all(figure[j] for j in inside)


def figure_span(words: FrameWords, sentence: Sentence, start: int, end: int) -> FigureSpan:
    """Where the figure at document offsets [start, end) stands: its tokens, and the
    clause that holds them (more than one when a clause mark falls inside the figure)."""
    tokens = sentence.tokens
    first = next((i for i, t in enumerate(tokens) if t.end > start), 0)
    last = next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
    bounds = clause_bounds(words, tokens, sentence.figure)
    k = bisect.bisect_right(bounds, first) - 1
    lo = bounds[k] if k >= 0 else 0
    hi = bounds[k + 1] if k + 1 < len(bounds) else len(tokens)
    while hi < len(tokens) and hi < last:
        k += 1
        hi = bounds[k + 1] if k + 1 < len(bounds) else len(tokens)
    return FigureSpan(first, last, lo, hi)


def clause_before(words: FrameWords, sentence: Sentence, lo: int) -> int:
    """Where the clause before the one that starts at token ``lo`` starts."""
    bounds = clause_bounds(words, sentence.tokens, sentence.figure)
    earlier = bisect.bisect_left(bounds, lo) - 1
    return bounds[earlier] if earlier >= 0 else 0


def free(words: FrameWords, m: Mention) -> bool:
    """Whether no preposition governs the mention (it may be a clause's subject), or
    it is the agent of a participle ("von Blue Owl verwaltete Fonds")."""
    return m.before not in words.prepositions or m.agent


def host(words: FrameWords, sentence: Sentence, first: int) -> Mention | None:
    """The name that a clause opening at token ``first`` right after a comma is about:
    the name right before the comma, or the owner of the noun there ("Lufthansa's
    half-year results, which included …"). A relative clause is about the name right
    before it whatever governs that ("24% of Brisco, which holds …"); an apposition
    about a name no preposition governs ("Meta's campus in Richland Parish, a $10bn
    bet": not the place)."""
    tokens = sentence.tokens
    if first == 0 or tokens[first - 1].text != ",":
        return None
    comma = first - 1
    relative = tokens[first].text.lower() in words.relative
    for m in reversed(sentence.mentions):
        if m.last > comma or m.name is None:
            continue
        if m.place or not (free(words, m) or (relative and m.last == comma)):
            continue
        between = tokens[m.last : comma]
        if m.last == comma or (m.possessive and len(between) <= 4 and not any(
            t.text in CLAUSE_MARKS or sentence.figure[m.last + k]
            for k, t in enumerate(between)
        )):  # fmt: skip
            return m
        return None
    return None


def parenthetical(words: FrameWords, sentence: Sentence, start: int) -> bool:
    """Whether the clause at ``start`` is a relative clause or an apposition about the
    name before its comma ("Oracle, which lent …", "Meta, the Facebook parent, …")."""
    tokens = sentence.tokens
    if start == 0 or start >= len(tokens) or tokens[start - 1].text != ",":
        return False
    opener = tokens[start].text.lower()
    if opener not in words.relative and not (
        words.role(opener) == "determiner" or opener in ("a", "an", "ein", "eine")
    ):
        return False
    if words.lang == "de" and opener in words.relative:
        # "…, der Calder bereits 6 Milliarden geliehen hat": a relative clause ends
        # with its verb; "…, die Elbe Sparkasse 200 Millionen Euro": a second subject
        # with its figure (gapping)
        bounds = clause_bounds(words, tokens, sentence.figure)
        k = bounds.index(start) if start in bounds else -1
        end = bounds[k + 1] if 0 <= k < len(bounds) - 1 else len(tokens)
        while end > start and not tokens[end - 1].text[:1].isalnum():
            end -= 1
        return end > start and not sentence.figure[end - 1] and tokens[end - 1].text[:1].islower()
    return True


def gapped(sentence: Sentence, lo: int, hi: int) -> bool:
    """Whether a clause is a name and a figure and nothing else, its verb left out."""
    tokens = sentence.tokens
    names = [m for m in sentence.mentions if lo <= m.first < hi and m.kind == "name"]
    if not names or names[0].first > lo + 1:
        return False
    rest = [
        t.text for k, t in enumerate(tokens[names[0].last : hi], names[0].last)
        if not sentence.figure[k] and t.text[:1].isalnum()
    ]  # fmt: skip
    return not rest
