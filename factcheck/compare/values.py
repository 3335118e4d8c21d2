"""An index of candidate figures by value: which of them a draft figure's value can touch.

A candidate's value matters to how the matcher sorts it (:mod:`~factcheck.compare.match`)
only when it may agree with the draft figure's or be off from it by one slip: their
intervals meet, their stated numbers are one ("4 million square metres" for "4 million
square feet"), one is the other times a power of ten, they have the same digits in
another order, or the draft's bound lies near it. Any other candidate of the draft's
unit is sorted by its relation alone, the same for every such candidate of its frame
and sentence.

The index answers with a superset (:meth:`ValueIndex.touched`): it may name a candidate
whose value turns out not to matter, never leave out one whose value does. A candidate
of another unit of the draft's kind (a currency, percent and points) is always named.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from factcheck.compare.diagnose import POWER_OF_TEN_SLACK, significant_digits
from factcheck.compare.figures import Figure
from factcheck.compare.suggest import stated_number
from factcheck.lexicon import unit_kind

#: How far (in log10) a ratio may lie from a power of ten for ``power_of_ten``, with room
#: for the rounding of logarithms taken one value at a time.
_LOG_SLACK = math.log10(1 + POWER_OF_TEN_SLACK) + 1e-9
#: ``math.isclose(a, b, rel_tol=1e-9)`` of two stated numbers, widened: it holds only
#: where ``abs(a - b) <= _STATED_SLACK * abs(a)``.
_STATED_SLACK = 2e-9
#: Relative room added around a bound's reach (float noise in the quotients).
_NEAR_SLACK = 1e-6

#: What tells one candidate's frame from another's for a relation: its frame object,
#: origin, language, sentence and source (whether it is anchored goes by source and
#: sentence).
ClassKey = tuple[int, str, str, str, str]


class _Sorted:
    """Positions sorted by a number, for the positions whose number lies in a range."""

    def __init__(self, pairs: list[tuple[float, int]]) -> None:
        pairs.sort()
        self.keys = [key for key, _ in pairs]
        self.positions = [position for _, position in pairs]

    def between(self, low: float, high: float) -> list[int]:
        return self.positions[bisect_left(self.keys, low) : bisect_right(self.keys, high)]


@dataclass
class _UnitValues:
    """The candidates of one unit, by interval, value, logarithm, stated number, digits."""

    #: (low, high, position) of closed intervals, by the power of two above their width
    intervals: dict[int, list[tuple[float, float, int]]] = field(default_factory=dict)
    #: the most any value is away from zero (bounds the slack of ``meets``)
    largest: float = 1.0
    values: list[tuple[float, int]] = field(default_factory=list)
    logs: list[tuple[float, int]] = field(default_factory=list)
    stated: list[tuple[float, int]] = field(default_factory=list)
    digits: dict[tuple[int, tuple[int, ...]], list[int]] = field(default_factory=dict)


class _UnitIndex:
    """The sorted views of one unit's candidates."""

    def __init__(self, values: _UnitValues) -> None:
        self.largest = values.largest
        self.widths: list[tuple[float, list[float], list[float], list[int]]] = []
        for exponent, spans in sorted(values.intervals.items()):
            spans.sort()
            self.widths.append(
                (
                    math.ldexp(1.0, exponent),
                    [low for low, _, _ in spans],
                    [high for _, high, _ in spans],
                    [position for _, _, position in spans],
                )
            )
        self.values = _Sorted(values.values)
        self.logs = _Sorted(values.logs)
        self.stated = _Sorted(values.stated)
        self.digits = values.digits

    def meeting(self, low: float, high: float, slack: float) -> Iterator[int]:
        """Positions whose interval may meet [low, high] (open ends infinite): in each
        group of widths below ``width``, those starting within ``width`` before it."""
        for width, lows, highs, positions in self.widths:
            start = bisect_left(lows, low - slack - width)
            stop = bisect_right(lows, high + slack)
            for k in range(start, stop):
                if highs[k] >= low - slack:
                    yield positions[k]

    def powers(self, log: float) -> Iterator[int]:
        """Positions whose value may be ``10**log`` times a power of ten other than 1."""
        keys = self.logs.keys
        if not keys:
            return
        first = math.floor(log - keys[-1] - _LOG_SLACK)
        last = math.ceil(log - keys[0] + _LOG_SLACK)
        for k in range(first, last + 1):
            if k != 0:
                yield from self.logs.between(log - k - _LOG_SLACK, log - k + _LOG_SLACK)


def _finite(*numbers: float | None) -> bool:
    return all(n is None or math.isfinite(n) for n in numbers)


def _digit_key(value: float) -> tuple[int, tuple[int, ...]] | None:
    """The exponent and sorted significant digits of a positive value of two digits or
    more: what :func:`~factcheck.compare.diagnose.swapped_digits` compares."""
    if value <= 0:
        return None
    digits, exponent = significant_digits(value)
    return (exponent, tuple(sorted(digits))) if len(digits) > 1 else None


class ValueIndex:
    """The candidates of one list, by kind, frame and value (see the module doc)."""

    def __init__(self, figures: Sequence[Figure]) -> None:
        self.figures = tuple(figures)
        #: the positions of each kind, in order
        self.of_kind: dict[str, list[int]] = {}
        #: each position's frame class (a number) and its place in that class
        self.classes: list[int] = []
        self.slots: list[int] = []
        #: the first position of each class
        self.members: list[int] = []
        self.when = [f.when for f in self.figures]
        self.latest = max((w for w in self.when if w is not None), default=None)
        #: positions always worked out one by one: an open or not finite value
        self._always: dict[str, list[int]] = {}
        self._units: dict[str, _UnitIndex] = {}
        #: the positions of each unit
        self._of_unit: dict[str, list[int]] = {}
        self._index()

    def _index(self) -> None:
        numbered: dict[ClassKey, int] = {}
        sizes: list[int] = []
        values: dict[str, _UnitValues] = {}
        for i, f in enumerate(self.figures):
            self.of_kind.setdefault(f.kind, []).append(i)
            self._of_unit.setdefault(f.stated.unit, []).append(i)
            key = (id(f.frame), f.origin, f.lang, f.sentence, f.source)
            number = numbered.setdefault(key, len(numbered))
            if number == len(sizes):
                sizes.append(0)
                self.members.append(i)
            self.classes.append(number)
            self.slots.append(sizes[number])
            sizes[number] += 1
            self._add(i, f, values.setdefault(f.stated.unit, _UnitValues()))
        self.sizes = sizes
        self._units = {unit: _UnitIndex(v) for unit, v in values.items()}

    def _add(self, i: int, f: Figure, into: _UnitValues) -> None:
        s = f.stated
        if not _finite(s.value, s.value_high, s.low, s.high) or s.low is None or s.high is None:
            self._always.setdefault(s.unit, []).append(i)
            return
        width = max(s.high - s.low, 0.0)
        into.intervals.setdefault(math.frexp(width)[1], []).append((s.low, s.high, i))
        into.largest = max(into.largest, abs(s.value))
        into.values.append((s.value, i))
        if s.value > 0:
            into.logs.append((math.log10(s.value), i))
        stated = stated_number(f)
        if stated is not None and math.isfinite(stated):
            into.stated.append((stated, i))
        key = _digit_key(s.value)
        if key is not None:
            into.digits.setdefault(key, []).append(i)

    def touched(self, d: Figure, near: float, bound: bool) -> set[int] | None:
        """The positions of ``d``'s kind whose value may agree with ``d``'s or be off
        from it by one slip (a superset); None: any may (``d``'s value is not finite).
        ``bound``: whether ``d`` is a bound, which a value within ``near`` of it makes
        a slip of the qualifier."""
        s = d.stated
        if not _finite(s.value, s.value_high, s.low, s.high):
            return None
        found = {i for unit, positions in self._always.items() for i in positions}
        for unit, positions in self._of_unit.items():
            if unit != s.unit and unit_kind(unit) == d.kind:
                found.update(positions)  # another currency, points for percent
        index = self._units.get(s.unit)
        if index is None:
            return found
        low = -math.inf if s.low is None else s.low
        high = math.inf if s.high is None else s.high
        # twice the most slack ``meets`` allows: room for the rounding of the bounds
        slack = 2e-9 * max(abs(s.value), index.largest, 1.0)
        found.update(index.meeting(low, high, slack))
        stated = stated_number(d)
        if stated is not None and stated != 0 and math.isfinite(stated):
            room = _STATED_SLACK * abs(stated)
            found.update(index.stated.between(stated - room, stated + room))
        if s.value > 0:
            found.update(index.powers(math.log10(s.value)))
        digits = _digit_key(s.value)
        if digits is not None:
            found.update(index.digits.get(digits, ()))
        if bound:
            found.update(self._near(index, s.value, near))
        return found

    def _near(self, index: _UnitIndex, value: float, near: float) -> list[int]:
        """Positions within ``near`` (relative to their own value) of ``value``."""
        if near >= 1:
            return list(index.values.positions)
        if near < 0 or value == 0:
            return []  # |0 - c| <= near·|c| holds for no c ≠ 0 when near < 1
        low, high = sorted((value / (1 + near), value / (1 - near)))
        return index.values.between(low - _NEAR_SLACK * abs(low), high + _NEAR_SLACK * abs(high))

    def after(self, as_of: dt.date) -> bool:
        """Whether some candidate is dated after ``as_of``."""
        return self.latest is not None and self.latest > as_of
