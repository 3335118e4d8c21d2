"""What a figure measures, read from its own clause.

The extractor's metric takes the nearest cue word of the whole sentence, which in a long
sentence is often another figure's ("Mit einem Intel-Kurs von 36,86 Dollar ist das
Paket, für das Nvidia fünf Milliarden Dollar zahlte, …": the price is the first figure's,
not the second's). Here only the figure's clause counts, and the nearest cue that fits
the figure's kind wins: the noun right after it ("2,400 construction jobs", "$5bn in
funding"), else the nearest word before it ("valued at", "Anteil von"). A narrower
concept ("construction_jobs") wins over its parent when its cue is in the clause too.

A share price in money is a price per share: "$23.28 a share", "Kurs von 36,86 Dollar",
not "a $5 billion block of stock".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from factcheck.extract.cues import CueTable, refinements
from factcheck.lexicon import Kind, load_concepts

#: How many words away a cue still stands *beside* the figure (a sure metric).
BESIDE = 2
#: A cue after the figure binds a little less than one before it at the same distance,
#: except the noun right after it.
_AFTER = 0.5
#: The scope tag of a price per share.
_PER_SHARE = "unit:share"


@functools.cache
def _kinds(concept: str) -> tuple[Kind, ...]:
    return load_concepts()[concept].kinds


def _fits(concept: str, kind: Kind) -> bool:
    """Whether a concept can be what a figure of ``kind`` measures; a multiplier measures
    the change of anything ("tripled its profit")."""
    return kind == "multiplier" or kind in _kinds(concept)


class Reading(NamedTuple):
    """What a figure's clause says it measures."""

    metric: str | None
    #: whether the metric's word stands by the figure
    beside: bool
    #: every concept the clause cues for the figure's kind ("a part of the round … as
    #: debt": funding and debt)
    cues: frozenset[str]


#: Words between a figure and its own noun: "$500 billion in orders", "20 Mrd. an Aufträgen".
_LINKS = frozenset({"in", "of", "an", "von", "at"})


def _separable(
    separable: Mapping[tuple[str, str], str], texts: Sequence[str], i: int, hi: int, end: int
) -> str | None:
    """The concept of a German separable verb at ``i`` whose particle closes the clause
    ("Kretinsky steigt mit 20 Prozent bei Thyssenkrupp ein": a stake, not a rise);
    ``end`` is the clause's last word (its closing marks aside)."""
    if not separable or hi <= i + 1:
        return None
    return separable.get((texts[i].lower(), texts[max(end, i)].lower()))


def _last_word(texts: Sequence[str], lo: int, hi: int) -> int:
    """The last token among [lo, hi) that is a word or number (``lo - 1`` if none)."""
    end = hi - 1
    while end >= lo and not texts[end][:1].isalnum():
        end -= 1  # the clause's closing mark
    return end


def _within_reach(
    figure: Sequence[bool] | None, span: tuple[int, int], clause: tuple[int, int]
) -> list[int]:
    """The tokens of the clause that may be the figure's cue: no other figure's token
    stands between them and the figure (``figure`` None: none stands in the way)."""
    (first, last), (lo, hi) = span, clause
    if figure is None:
        return [*range(lo, min(first, hi)), *range(max(last, lo), hi)]
    before = first - 1
    while before >= lo and not figure[before]:
        before -= 1
    after = last
    while after < hi and not figure[after]:
        after += 1
    return [*range(before + 1, min(first, hi)), *range(max(last, lo), after)]


def read_metric(
    cues: CueTable,
    texts: Sequence[str],
    figure: Sequence[bool] | None,
    span: tuple[int, int],
    clause: tuple[int, int],
    kind: Kind,
    scope: frozenset[str],
    separable: Mapping[tuple[str, str], str] = {},
) -> Reading:
    """The metric of the figure at tokens ``span`` in the clause ``clause``; the span
    includes a conversion in brackets right after the figure ("€127 million ($149
    million) net profit").

    ``figure`` marks the tokens of all figures of the sentence; a cue with another figure
    between it and this one is that figure's (None: no figure is, as in another clause).
    Only the tokens up to the next figure on either side are looked at, so the figures
    of a long clause are read in time in proportion to the clause.
    """
    first, last = span
    lo, hi = clause
    words = texts if isinstance(texts, list) else list(texts)
    end = _last_word(texts, lo, hi) if separable else hi - 1
    found: list[tuple[float, str]] = []
    for i in _within_reach(figure, span, clause):
        concept = _separable(separable, texts, i, hi, end) or cues.phrase(words, i)
        if concept is None:
            fitting = [c for c in cues.word_concepts(texts[i].lower()) if _fits(c, kind)]
            concept = fitting[0] if fitting else None
        if concept is None or not _fits(concept, kind):
            continue
        if i < first:
            distance = float(first - i - 1)
        elif i == last or (i == last + 1 and texts[last].lower() in _LINKS):
            distance = -_AFTER  # the figure's own noun: "2,400 jobs", "$500bn in orders"
        else:
            distance = i - last + _AFTER
        if concept == "share_price" and kind == "money":
            priced = any(t == _PER_SHARE or t.startswith(("price:", "sign:")) for t in scope)
            if not priced and distance > BESIDE:
                continue  # "a $5 billion block of Intel stock" is no price
        found.append((distance, concept))
    if not found:
        return Reading(None, False, frozenset())
    found.sort()
    distance, concept = found[0]
    narrower = [d_c for d_c in found if d_c[1] in refinements(concept)]
    if narrower:
        distance, concept = narrower[0]
    return Reading(concept, distance <= BESIDE, frozenset(c for _, c in found))
