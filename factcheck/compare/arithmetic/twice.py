"""The same fact twice: the lede says $14.3 billion, a later paragraph $13.4 billion.

Two figures of one draft are one fact when the matcher would take a source's figure
for the draft's (:meth:`~factcheck.compare.match.Matcher.assess`: the same party and
metric stated beside both, the same scope and status), both are told alike (the same
scope, years, counterparty and months, and neither tells another event of its kind:
"raised $120m in 2023" and "had raised $210m since its founding", "raised another
$510m" are two facts) and they differ by one recognisable slip (digits swapped, a power
of ten). A third figure of the same fact that agrees with one of them makes the other
the odd one out, with a suggestion; otherwise the later one gets the finding and names
the earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

from factcheck.compare.arithmetic.base import Draft, Slip, has, tokens
from factcheck.compare.figures import Figure, meets
from factcheck.compare.suggest import suggest
from factcheck.models import Diagnosis

#: The slips that make two statements of one fact a contradiction rather than two facts.
_SLIPS: dict[str, str] = {
    "digits": "the same digits in another order",
    "scale": "off by a power of ten",
}

#: Given two figures of a draft: "agrees" if they state one fact alike, the slip between
#: them if they state it with values one slip apart, else None.
SameFact = Callable[[Figure, Figure], Diagnosis | Literal["agrees"] | None]


def check_twice(d: Draft, same_fact: SameFact) -> Iterator[Slip]:
    done: set[int] = set()
    n = len(d.figures)
    for i in range(n):
        for j in range(i + 1, n):
            if i in done or j in done or not _comparable(d, i, j):
                continue
            found = same_fact(d.figures[j], d.figures[i])
            if found not in _SLIPS:
                continue
            odd, right = _odd_one(d, i, j, same_fact)
            done.update((i, j))
            yield _slip(d, odd, right if right is not None else i, found, right is not None)


def _comparable(d: Draft, i: int, j: int) -> bool:
    fi, fj = d.figures[i], d.figures[j]
    if fi.unit != fj.unit or fi.sentence == fj.sentence:
        return False
    frames = (fi.frame, fj.frame)
    if not all(f.status is None and f.sure_subject and f.metric for f in frames):
        return False
    a, b = frames
    if (a.scope, a.years, a.counterparty) != (b.scope, b.years, b.counterparty):
        return False  # "in 2023" and "since its founding", "in Nuvola" and "in startups"
    if _when(d, fi) != _when(d, fj) or any(_another(d, f) for f in (fi, fj)):
        return False  # "in March" and "in October", "raised another $510m"
    return any(f.metric_sure for f in frames)  # a word of the metric beside one of them


def _when(d: Draft, figure: Figure) -> frozenset[str]:
    """The months a figure's sentence names."""
    words = tokens(figure.sentence)
    return frozenset(m for m in d.months if has(words, [m]))


def _another(d: Draft, figure: Figure) -> bool:
    """Whether a figure's sentence tells another event of its kind ("another $510m")."""
    return has(tokens(figure.sentence), d.words.another_event)


def _odd_one(d: Draft, i: int, j: int, same_fact: SameFact) -> tuple[int, int | None]:
    """The figure that disagrees with a third statement of the fact, and the one that
    agrees; without a third, the later figure and no right one."""
    for k, fk in enumerate(d.figures):
        if k in (i, j) or fk.unit != d.figures[i].unit or not _comparable(d, i, k):
            continue
        if same_fact(fk, d.figures[i]) == "agrees" and not meets(fk, d.figures[j]):
            return j, i
        if same_fact(fk, d.figures[j]) == "agrees" and not meets(fk, d.figures[i]):
            return i, j
    return j, None


def _slip(d: Draft, odd: int, other: int, found: str, sure: bool) -> Slip:
    """The finding for ``odd``, told against ``other``; with a suggestion when a third
    statement of the fact agrees with ``other`` (``sure``)."""
    fo, fr = d.figures[odd], d.figures[other]
    message = (
        f"The draft gives the same fact as {' '.join(fr.text.split())} ({d.where(other)}) "
        f"and as {' '.join(fo.text.split())} ({d.where(odd)}): {_SLIPS[found]}."
    )
    suggestion = suggest(fr, fo) if sure else None
    note = f"{' '.join(fr.text.split())} ({d.where(other)})"
    return Slip("twice", odd, (other,), found, message, note, suggestion)  # type: ignore[arg-type]
