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
import functools
import itertools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar, cast

from factcheck.extract.names import CLAUSE_MARKS
from factcheck.frame.mentions import Mention, Token
from factcheck.frame.words import FrameWords

#: Brackets around this many tokens or fewer, or around a figure, are no clause of
#: their own: a conversion, an abbreviation.
_SHORT_BRACKETS = 3

T = TypeVar("T")


@dataclass
class Sentence:
    """One sentence of a document: its tokens, which of them are a figure's, the parties
    it mentions and the claims it holds.

    A sentence may hold thousands of figures (a table flattened to one line), and each
    asks its sentence the same questions (its clauses, its words lower-cased, which
    figures stand where): the answers are kept here, so that reading every figure of a
    sentence takes time in proportion to the sentence, not to its square.
    """

    start: int
    end: int
    tokens: list[Token]
    figure: list[bool]
    mentions: list[Mention]
    claims: list[int]  # indices into the document's claims
    #: answers worked out once for all the sentence's figures, by question (:func:`remember`)
    memo: dict[Hashable, object] = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def texts(self) -> list[str]:
        """The tokens' texts."""
        return [t.text for t in self.tokens]

    @functools.cached_property
    def lowered(self) -> list[str]:
        """The tokens' texts, lower-cased."""
        return [t.text.lower() for t in self.tokens]

    @functools.cached_property
    def figures_before(self) -> list[int]:
        """How many figure tokens come before each token (and, last, in all): how many
        lie in [i, j) is ``figures_before[j] - figures_before[i]``."""
        return [0, *itertools.accumulate(self.figure)]


def remember(sentence: Sentence, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, worked out once per sentence and ``key`` (which names the question
    and everything its answer depends on besides the sentence's tokens and figures)."""
    memo = sentence.memo
    if key in memo:
        return cast(T, memo[key])
    value = compute()
    memo[key] = value
    return value


def sentence_bounds(words: FrameWords, sentence: Sentence) -> list[int]:
    """:func:`clause_bounds` of a sentence, worked out once."""
    return remember(
        sentence,
        ("bounds", words.lang),
        lambda: clause_bounds(words, sentence.tokens, sentence.figure),
    )


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
    short = _short_brackets(tokens, figure)
    for i, token in enumerate(tokens):
        text = token.text
        if i in short:
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


def _short_brackets(tokens: Sequence[Token], figure: Sequence[bool]) -> set[int]:
    """The brackets that enclose a figure (a conversion) or a few words (an
    abbreviation: "Ergebnis (Ebit)"): an opening one up to the next closing one, a
    closing one from the last opening one before it."""
    figures_before = [0, *itertools.accumulate(figure)]
    inside: dict[int, tuple[int, int]] = {}  # bracket -> the tokens [a, b) it encloses
    opening: int | None = None
    for i, token in enumerate(tokens):
        if token.text == "(":
            opening = i
        elif token.text == ")":
            inside[i] = (opening + 1, i) if opening is not None else (0, 0)
    closing: int | None = None
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text == ")":
            closing = i
        elif tokens[i].text == "(":
            inside[i] = (i + 1, closing) if closing is not None else (0, 0)
    short: set[int] = set()
    for at, (a, b) in inside.items():
        all_figures = figures_before[b] - figures_before[a] == b - a
        if b > a and (b - a <= _SHORT_BRACKETS or all_figures):
            short.add(at)
    return short


def figure_span(words: FrameWords, sentence: Sentence, start: int, end: int) -> FigureSpan:
    """Where the figure at document offsets [start, end) stands: its tokens, and the
    clause that holds them (more than one when a clause mark falls inside the figure)."""
    tokens = sentence.tokens
    starts, ends = remember(sentence, "offsets", lambda: _offsets(tokens))
    first = bisect.bisect_right(ends, start)  # the first token that ends after ``start``
    first = first if first < len(tokens) else 0
    last = bisect.bisect_left(starts, end)  # the first token that starts at ``end`` or later
    bounds = sentence_bounds(words, sentence)
    k = bisect.bisect_right(bounds, first) - 1
    lo = bounds[k] if k >= 0 else 0
    hi = bounds[k + 1] if k + 1 < len(bounds) else len(tokens)
    while hi < len(tokens) and hi < last:
        k += 1
        hi = bounds[k + 1] if k + 1 < len(bounds) else len(tokens)
    return FigureSpan(first, last, lo, hi)


def _offsets(tokens: Sequence[Token]) -> tuple[list[int], list[int]]:
    """Where the tokens start and end (both ascending: tokens do not overlap)."""
    return [t.start for t in tokens], [t.end for t in tokens]


def clause_before(words: FrameWords, sentence: Sentence, lo: int) -> int:
    """Where the clause before the one that starts at token ``lo`` starts."""
    bounds = sentence_bounds(words, sentence)
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
    # mentions are in order and do not overlap: those that end by the comma come first
    # (their positions never change; a reference resolved keeps them)
    lasts = remember(sentence, "mention ends", lambda: [m.last for m in sentence.mentions])
    before = bisect.bisect_right(lasts, comma)
    for m in reversed(sentence.mentions[:before]):
        if m.name is None:
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
        bounds = sentence_bounds(words, sentence)
        k = bisect.bisect_left(bounds, start)
        k = k if k < len(bounds) and bounds[k] == start else -1
        end = bounds[k + 1] if 0 <= k < len(bounds) - 1 else len(tokens)
        while end > start and not tokens[end - 1].text[:1].isalnum():
            end -= 1
        return end > start and not sentence.figure[end - 1] and tokens[end - 1].text[:1].islower()
    return True


def gapped(sentence: Sentence, lo: int, hi: int) -> bool:
    """Whether a clause is a name and a figure and nothing else, its verb left out."""
    return remember(sentence, ("gapped", lo, hi), lambda: _gapped(sentence, lo, hi))


def _gapped(sentence: Sentence, lo: int, hi: int) -> bool:
    tokens, mentions = sentence.tokens, sentence.mentions
    # the clause's first name, if it opens the clause (within its first two tokens)
    k = bisect.bisect_left(mention_starts(sentence), lo)
    while k < len(mentions) and mentions[k].first < min(hi, lo + 2):
        if mentions[k].kind == "name":
            break
        k += 1
    else:
        return False
    rest = [
        t.text for j, t in enumerate(tokens[mentions[k].last : hi], mentions[k].last)
        if not sentence.figure[j] and t.text[:1].isalnum()
    ]  # fmt: skip
    return not rest


def mention_starts(sentence: Sentence) -> list[int]:
    """Where the sentence's mentions start: ascending, for mentions are read in order and
    do not overlap (their positions never change; a reference resolved keeps them)."""
    return remember(sentence, "mention starts", lambda: [m.first for m in sentence.mentions])
