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
    told = _Told(d)
    for i in range(len(d.figures)):
        for j in told.comparable(i, after=i):
            if i in done or j in done:
                continue
            found = same_fact(d.figures[j], d.figures[i])
            if found not in _SLIPS:
                continue
            odd, right = _odd_one(d, i, j, same_fact, told)
            done.update((i, j))
            yield _slip(d, odd, right if right is not None else i, found, right is not None)


class _Told:
    """How each figure of a draft is told, for finding the pairs that may be one fact
    (:meth:`comparable`) without comparing every figure with every other: only figures
    told alike (one group) in other sentences are, so a sentence of a thousand figures
    costs a thousand looks, not a million."""

    def __init__(self, d: Draft) -> None:
        self.d = d
        #: the months named and whether another event is told, by sentence
        self._sentences: dict[str, tuple[frozenset[str], bool]] = {}
        #: the figures of each group, in text order
        groups: dict[tuple[object, ...], list[int]] = {}
        for i, figure in enumerate(d.figures):
            key = self._key(figure)
            if key is not None:
                groups.setdefault(key, []).append(i)
        #: each figure's group, where in it the figure stands, and for each place in the
        #: group where the run of figures of its sentence ends (they follow each other)
        self.place: dict[int, tuple[list[int], list[int], int]] = {}
        for group in groups.values():
            ends = self._runs(group)
            for at, i in enumerate(group):
                self.place[i] = (group, ends, at)

    def _key(self, f: Figure) -> tuple[object, ...] | None:
        """What two figures must share to be compared; None: a figure never compared
        (a status, a subject not its sentence's, no metric, another event)."""
        frame = f.frame
        if not (frame.status is None and frame.sure_subject and frame.metric):
            return None
        told = self._sentences.get(f.sentence)
        if told is None:
            told = self._sentences[f.sentence] = (_when(self.d, f), _another(self.d, f))
        when, another = told
        if another:
            return None  # "raised another $510m"
        # "in 2023" and "since its founding", "in Nuvola" and "in startups", "in March"
        # and "in October"
        return (f.stated.unit, frame.scope, frame.years, frame.counterparty, when)

    def comparable(self, i: int, after: int = -1) -> Iterator[int]:
        """The figures after ``after``, in text order, that ``i`` may state one fact
        with: told alike, in another sentence, a word of the metric beside one of them."""
        if i not in self.place:
            return
        group, ends, at = self.place[i]
        figures = self.d.figures
        fi = figures[i]
        k = at + 1 if after == i else 0
        while k < len(group):
            j = group[k]
            if figures[j].sentence == fi.sentence:
                k = ends[k]  # past the figures of that sentence
                continue
            if j > after and (fi.frame.metric_sure or figures[j].frame.metric_sure):
                yield j
            k += 1

    def _runs(self, group: list[int]) -> list[int]:
        """For each place in ``group``, the place after the run of figures of the same
        sentence it stands in."""
        figures = self.d.figures
        ends = [len(group)] * len(group)
        for k in range(len(group) - 2, -1, -1):
            same = figures[group[k]].sentence == figures[group[k + 1]].sentence
            ends[k] = ends[k + 1] if same else k + 1
        return ends


def _when(d: Draft, figure: Figure) -> frozenset[str]:
    """The months a figure's sentence names."""
    words = tokens(figure.sentence)
    return frozenset(m for m in d.months if has(words, [m]))


def _another(d: Draft, figure: Figure) -> bool:
    """Whether a figure's sentence tells another event of its kind ("another $510m")."""
    return has(tokens(figure.sentence), d.words.another_event)


def _odd_one(d: Draft, i: int, j: int, same_fact: SameFact, told: _Told) -> tuple[int, int | None]:
    """The figure that disagrees with a third statement of the fact, and the one that
    agrees; without a third, the later figure and no right one."""
    for k in told.comparable(i):
        fk = d.figures[k]
        if k == j:
            continue
        if same_fact(fk, d.figures[i]) == "agrees" and not meets(fk.stated, d.figures[j].stated):
            return j, i
        if same_fact(fk, d.figures[j]) == "agrees" and not meets(fk.stated, d.figures[i].stated):
            return i, j
    return j, None


def _slip(d: Draft, odd: int, other: int, found: str, sure: bool) -> Slip:
    """The finding for ``odd``, told against ``other``; with a suggestion when a third
    statement of the fact agrees with ``other`` (``sure``)."""
    fo, fr = d.figures[odd], d.figures[other]
    message = (
        f"The draft gives the same fact as {' '.join(fr.stated.text.split())} ({d.where(other)}) "
        f"and as {' '.join(fo.stated.text.split())} ({d.where(odd)}): {_SLIPS[found]}."
    )
    suggestion = suggest(fr, fo) if sure else None
    note = f"{' '.join(fr.stated.text.split())} ({d.where(other)})"
    return Slip("twice", odd, (other,), found, message, note, suggestion)  # type: ignore[arg-type]
