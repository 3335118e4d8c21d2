"""Changes and multiples: a level before and after, and the change the draft states.

    "rose 14% from $2.1 million to $2.6 million"       the levels give +19% to +29%
    "from 10% to 12%, up 2 percent"                    2 points, or 20 percent
    "up $12,000 to $231,000, from $219,000"            the levels give +$11,000 to +$13,000
    "tripled to $15 billion from $4 billion"           the levels give 3.6x to 3.9x
    "stieg um 14 Prozent von 2,1 auf 2,6 Millionen"    the same in German

Both levels must stand in the change's own sentence, told as "from … to …" ("von …
auf …"), and the change beside them must not name another base ("up 12% on the year"
beside a quarter and the quarter before is a change of another base, not a slip) nor
stand in another clause ("from 5% to 6%, while prices rose 2%").
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from factcheck.compare.arithmetic.base import (
    Draft,
    Slip,
    Span,
    ends_with,
    has,
    is_one_of,
    number,
    percent_text,
    ratio,
    signed,
    written,
)

#: Most words between the earlier level and "to" ("from $2.1 million in 2024 to").
_MAX_BETWEEN_LEVELS = 4
#: Most words between the later level and "from" when it comes first ("to $2.6m in 2025
#: from"), besides a comma.
_MAX_REVERSED_GAP = 4
#: Most words between a change and its levels ("rose 14% in the quarter from").
_MAX_TO_LEVELS = 6
#: Words of a multiplier ("tripled", "verdoppelt") are rounder than digits ("2.9x"): the
#: share of its value they allow either side.
WORD_MULTIPLIER_LEEWAY = 0.05


def check_changes(d: Draft) -> Iterator[Slip]:
    """Every change whose levels stand beside it and do not give it."""
    for group in d.sentences:
        pairs = list(_levels(d, group))
        taken = {i for pair in pairs for i in pair}
        for earlier, later in pairs:
            change = _change_of(d, group, earlier, later, taken)
            if change is not None:
                slip = _check(d, earlier, later, change)
                if slip is not None:
                    yield slip


def _levels(d: Draft, group: tuple[int, ...]) -> Iterator[tuple[int, int]]:
    """(earlier, later) of "from A to B", "to B from A", "von A auf B"."""
    w = d.words
    for a, b in pairwise(group):
        sa, sb = d.figures[a].stated, d.figures[b].stated
        if sa.unit != sb.unit or sa.value_high is not None or sb.value_high is not None:
            continue
        gap = d.gap(a, b)
        if len(gap) > _MAX_BETWEEN_LEVELS + 2 or ";" in gap:
            continue
        before = d.before(a)
        if ends_with(before, w.from_) and ends_with(gap, w.to) and "," not in gap:
            yield a, b
        elif (
            ends_with(before, w.to)
            and ends_with(gap, w.from_)
            and "," not in gap[1:]
            and len(gap[1:] if gap[:1] == (",",) else gap) <= _MAX_REVERSED_GAP
            and not ends_with(d.after(b)[:1], w.to)
        ):
            # "to $231,000, from $219,000"; not "auf 9,8 Milliarden, das Ergebnis ging
            # von 1,9 auf 1,4 Milliarden": a level before "to" opens a pair of its own
            yield b, a


def _change_of(
    d: Draft, group: tuple[int, ...], earlier: int, later: int, taken: set[int]
) -> int | None:
    """The one figure of the sentence that states the change from ``earlier`` to
    ``later``: a percentage, points, a multiple or an amount of the levels' unit, next
    to the pair, with a word of change and no other base."""
    unit = d.figures[earlier].stated.unit
    first, last = min(earlier, later), max(earlier, later)
    units = {"%", "pp", "x"} if unit == "%" else {"%", "x", unit}
    w = d.words
    near = [
        k for k in group
        if k not in taken and d.figures[k].stated.unit in units
        and d.figures[k].stated.value_high is None
        and not ends_with(d.before(k), w.to)  # a level: "auf 9,8 Milliarden"
    ]  # fmt: skip
    before = [k for k in near if k < first and not any(k < t < first for t in taken)]
    after = [k for k in near if k > last and not any(last < t < k for t in taken)]
    candidates = before[-1:] + after[:1]
    if len(candidates) != 1:
        return None  # none, or one each side: which is the change is not clear
    k = candidates[0]
    between = d.gap(k, first) if k < first else d.gap(last, k)
    if len(between) > _MAX_TO_LEVELS or has(between, [";"]) or has(between, d.joiners):
        return None  # "from 5% to 6%, while prices rose 2%": another clause's change
    around = (*d.before(k)[-4:], *between, *d.after(k)[:4])
    if has(around, d.words.other_base) or has(d.after(k)[:4], d.words.other_base):
        return None  # "up 12% on the year": measured from another level
    if d.figures[k].frame.status in ("previous", "expected", "threshold"):
        return None
    if d.figures[k].stated.unit != "x" and _direction(d, k, between) is None:
        return None  # no word of change: "14% of revenue, from $2.1m to $2.6m"
    return k


def _direction(d: Draft, k: int, between: tuple[str, ...]) -> int | None:
    """+1 for a rise, −1 for a fall, 0 for a change of either sign ("changed by", "um");
    None when nothing says the figure is a change."""
    words = (*d.before(k)[-4:], *between, *d.after(k)[:2])
    up, down = has(words, d.words.rise), has(words, d.words.fall)
    if up != down:
        return 1 if up else -1
    either = (*d.words.by, *d.words.change_words)
    return 0 if up or has(words, either) else None


def _check(d: Draft, earlier: int, later: int, k: int) -> Slip | None:
    a, b, c = (Span.of(d.figures[i]) for i in (earlier, later, k))
    if a is None or b is None or c is None:
        return None
    fk, unit = d.figures[k], d.figures[earlier].stated.unit
    if fk.stated.unit == "x":
        return _multiple(d, earlier, later, k, a, b, c)
    between = d.gap(k, min(earlier, later)) if k < earlier else d.gap(max(earlier, later), k)
    stated = signed(c, _direction(d, k, between) or 0)
    points = Span(b.lo - a.hi, b.hi - a.lo)
    if fk.stated.unit == unit and unit != "%":  # an amount: "up $12,000 to $231,000"
        if any(s.meets(points) for s in stated):
            return None
        gives = b.mid - a.mid
        result = f"a change of {_signed_text(gives, written(abs(gives), fk))}"
        return _slip(d, k, (earlier, later), "arithmetic", result, written(abs(gives), fk))
    relative = ratio(a, b)
    if relative is None:
        return None
    percent = Span((relative.lo - 1) * 100, (relative.hi - 1) * 100)
    va, vb = d.figures[earlier].stated.value, d.figures[later].stated.value
    central_points, central_percent = vb - va, (vb / va - 1) * 100
    in_points = fk.stated.unit == "pp" or unit == "pp"
    fits = points if in_points else percent
    if any(s.meets(fits) for s in stated):
        return None
    if unit == "%" and any(s.meets(percent if in_points else points) for s in stated):
        # "from 10% to 12%, up 2 percent": 2 points, or 20 percent
        result = f"{_points(d, points, central_points)}, {_percent(d, percent, central_percent)}"
        right = "%" if fk.stated.unit == "pp" else "pp"
        return _slip(
            d, k, (earlier, later), "points_vs_percent", result, written(fk.stated.value, fk, right)
        )
    if in_points:
        result, gives = _points(d, points, central_points), central_points
    else:
        result, gives = _percent(d, percent, central_percent), central_percent
    return _slip(d, k, (earlier, later), "arithmetic", result, written(abs(gives), fk))


def _points(d: Draft, span: Span, central: float) -> str:
    """ "2 percentage points (1.4 to 2.6 within the figures' rounding)" """
    words = "Prozentpunkte" if d.lang == "de" else "percentage points"
    low, high = number(span.lo, d.lang, 2), number(span.hi, d.lang, 2)
    spread = "" if low == high else f" ({low} to {high} within the figures' rounding)"
    return f"{number(central, d.lang, 2)} {words}{spread}"


def _percent(d: Draft, span: Span, central: float) -> str:
    """ "a change of +24% (+19% to +29% within the figures' rounding)" """
    low, high = percent_text(span.lo, d.lang), percent_text(span.hi, d.lang)
    spread = "" if low == high else f" ({low} to {high} within the figures' rounding)"
    return f"a change of {percent_text(central, d.lang)}{spread}"


def _signed_text(value: float, text: str) -> str:
    return ("+" if value >= 0 else "−") + text


def _multiple(d: Draft, earlier: int, later: int, k: int, a: Span, b: Span, c: Span) -> Slip | None:
    times = ratio(a, b)
    if times is None:
        return None
    fk = d.figures[k]
    if not any(ch.isdigit() for ch in fk.stated.text):
        c = Span(fk.stated.value, fk.stated.value).widened(WORD_MULTIPLIER_LEEWAY)
    if c.meets(times):
        return None
    levels = f"{_text(d, earlier)} to {_text(d, later)}"
    message = (
        f"From {levels} is {number(times.lo, d.lang, 2)} to {number(times.hi, d.lang, 2)} "
        f"times the earlier figure, not {_text(d, k)}."
    )
    note = f"{_text(d, later)} / {_text(d, earlier)} = {number(b.mid / a.mid, d.lang)}"
    return Slip("multiple", k, (earlier, later), "arithmetic", message, note)


def _slip(
    d: Draft, k: int, levels: tuple[int, int], diagnosis: str, result: str, suggestion: str
) -> Slip:
    earlier, later = (_text(d, i) for i in levels)
    message = f"From {earlier} to {later} is {result}, not {_text(d, k)}."
    note = f"{earlier} → {later}: {result}"
    rule = "points" if diagnosis == "points_vs_percent" else "change"
    return Slip(rule, k, levels, diagnosis, message, note, suggestion)  # type: ignore[arg-type]


def _text(d: Draft, i: int) -> str:
    return " ".join(d.figures[i].stated.text.split())


__all__ = ["check_changes", "is_one_of"]
