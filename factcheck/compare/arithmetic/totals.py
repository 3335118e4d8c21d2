"""Parts and totals: a total and the parts the draft gives of it, and shares of one whole.

    "11,000 jobs: 5,000 in Germany and 6,000 in France"          the parts are the whole
    "a $40bn round: $30bn from SoftBank and $12bn from others"   $42bn, not $40bn
    "10 Milliarden Euro, davon 7,5 … und 2,5 Milliarden von anderen"
    "Alpha holds 60% and Beta 50% of the venture"                past 100%

Parts follow their total in its sentence, a few words after it (or open the next one:
"Of those, …"), introduced by a word of parts (":", "of which", "including", "davon"),
in one list of figures of the total's unit, joined by commas or "and" with no word of
another time between them ("holds 100% now, before it was 17%" tells two states). A
figure right before "of them" ("2,100 of them in Germany") is a part itself, no total.
Parts that add up to more than the total are a slip however the list is told; parts
that add up to less only when they are the whole of it (after ":" or "split into", or
ending with the rest: "and $12bn from others"). Percentages count as shares of one
whole only after a word of splitting or as stakes in one company, never as percentages
of different wholes ("60% of voters and 55% of members", "60% in one unit and 50% in
another").
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from factcheck.compare.arithmetic.base import Draft, Slip, Span, has, number, starts_with

#: Most words between two parts of one list ("5,000 in Germany and").
_MAX_BETWEEN_PARTS = 8


def check_totals(d: Draft) -> Iterator[Slip]:
    for s, group in enumerate(d.sentences):
        for at, t in enumerate(group):
            parts, whole = _parts(d, s, group, at)
            if parts:
                slip = _check(d, t, parts, whole)
                if slip is not None:
                    yield slip
        slip = _shares(d, group)
        if slip is not None:
            yield slip


def _parts(d: Draft, s: int, group: tuple[int, ...], at: int) -> tuple[list[int], bool]:
    """The parts told after the total ``group[at]`` and whether they are its whole."""
    t, w = group[at], d.words
    rest: tuple[int, ...] = ()  # cut from the sentence only when a word opens parts
    opener: tuple[str, ...] = ()
    if at + 1 < len(group):
        if has(d.after(t)[:4], w.part_openers):
            opener, rest = d.after(t)[:4], group[at + 1 :]
    elif s + 1 < len(d.sentences) and d.next_to(s):
        rest = d.sentences[s + 1]  # "11,000 jobs go. Of those, 5,000 …"
        if starts_with(d.before(rest[0]), w.part_openers):
            opener = d.before(rest[0])[:4]
    if not opener:
        return [], False
    if d.figures[t].frame.status in ("previous", "threshold") or _is_change(d, t):
        return [], False
    if starts_with(d.after(t), w.part_of_before):
        return [], False  # "3,800 jobs, 2,100 of them in Germany": a part, not a total
    if d.places[rest[0]][0] == s and len(d.gap(t, rest[0])) > _MAX_BETWEEN_PARTS:
        return [], False  # the first part follows its total and the words that open it
    parts: list[int] = []
    for k in rest:
        fk = d.figures[k]
        if (
            fk.stated.unit != d.figures[t].stated.unit
            or _is_change(d, k)
            or fk.stated.value_high is not None
        ):
            break
        if parts and not _joined(d, parts[-1], k):
            break
        parts.append(k)
    whole = len(parts) >= 2 and has(opener, w.whole_openers)
    last = parts[-1] if parts else None
    if last is not None and (has(d.after(last)[:5], w.remainder) or _remainder_before(d, last)):
        whole = len(parts) >= 2 or whole
    return parts, whole


def _joined(d: Draft, a: int, b: int) -> bool:
    """Whether ``b`` is the next item of ``a``'s list: close after it, joined by a comma
    or "and", with no word of another time between them (two states, not two parts)."""
    gap = d.gap(a, b)
    return (
        0 < len(gap) <= _MAX_BETWEEN_PARTS
        and has(gap, d.words.list_joiners)
        and not has(gap, d.words.other_time)
    )


def _remainder_before(d: Draft, k: int) -> bool:
    return has(d.before(k)[-3:], d.words.remainder)


def _is_change(d: Draft, k: int) -> bool:
    """A figure told as a change or an earlier level ("by 5,000", "from 6,000")."""
    w = d.words
    last = d.before(k)[-1:]
    return has(last, (*w.by, *w.from_, *w.to)) or d.figures[k].frame.status == "previous"


def _same_dimensions(d: Draft, parts: list[int]) -> bool:
    """Parts of one list split the total along one dimension: all by region, or all by
    none ("5,000 engineers and 7,000 in Germany" overlap)."""
    dims = [frozenset(tag.partition(":")[0] for tag in d.figures[k].frame.scope) for k in parts]
    return all(x == dims[0] for x in dims)


def _check(d: Draft, t: int, parts: list[int], whole: bool) -> Slip | None:
    total = Span.of(d.figures[t])
    spans = [Span.of(d.figures[k]) for k in parts]
    if total is None or any(s is None for s in spans) or not _same_dimensions(d, parts):
        return None
    summed = Span(sum(s.lo for s in spans if s), sum(s.hi for s in spans if s))
    over = summed.lo > total.hi and not summed.meets(total)
    under = whole and summed.hi < total.lo and not summed.meets(total)
    if not (over or under):
        return None
    listed = " + ".join(" ".join(d.figures[k].stated.text.split()) for k in parts)
    side = "more than" if over else "less than"
    gives = _amount(d, t, summed.mid)
    message = f"The parts {listed} add up to {gives}, {side} the total {_t(d, t)}."
    note = f"{listed} = {gives}"
    return Slip("parts", t, tuple(parts), "sum", message, note)


def _amount(d: Draft, t: int, value: float) -> str:
    from factcheck.compare.arithmetic.base import written

    return written(value, d.figures[t])


def _shares(d: Draft, group: tuple[int, ...]) -> Slip | None:
    """Percentages of one whole in one list that add up past 100%."""
    shares = [
        k
        for k in group
        if d.figures[k].stated.unit == "%" and d.figures[k].stated.value_high is None
    ]
    if len(shares) < 2:
        return None
    listed = all(_joined(d, a, b) for a, b in pairwise(shares))
    marked = ("previous", "threshold")
    if not listed or any(_is_change(d, k) or d.figures[k].frame.status in marked for k in shares):
        return None
    if any(d.figures[k].metric in ("growth", "decline") for k in shares):
        return None
    words = (*d.before(shares[0]), *d.after(shares[-1]))
    stakes = all(d.figures[k].metric == "stake" for k in shares)
    split = has(words, d.words.split) or has(d.before(shares[0])[-2:], [":"])
    if not (stakes or split) or not _one_whole(d, shares):
        return None
    spans = [Span.of(d.figures[k]) for k in shares]
    if any(s is None for s in spans):
        return None
    low = sum(s.lo for s in spans if s)
    if low <= 100 + 1e-9:
        return None
    listed_text = " + ".join(" ".join(d.figures[k].stated.text.split()) for k in shares)
    total = number(sum(d.figures[k].stated.value for k in shares), d.lang)
    message = f"The shares {listed_text} of one whole add up to {total}%, more than 100%."
    return Slip(
        "shares", shares[-1], tuple(shares[:-1]), "sum", message, f"{listed_text} = {total}%"
    )


def _one_whole(d: Draft, shares: list[int]) -> bool:
    """No share is of a whole of its own ("60% of voters and 55% of members", "60% in its
    Indian unit and 50% in its Chinese one")."""
    of = d.words.whole_of
    wholes = {d.after(k)[1:3] for k in shares if starts_with(d.after(k), of)}
    return len(wholes) <= 1 and not (
        wholes and len(wholes) == 1 and len(shares) > 1 and _mixed(d, shares)
    )


def _mixed(d: Draft, shares: list[int]) -> bool:
    """Some shares say whose whole they are and some do not."""
    told = [starts_with(d.after(k), d.words.whole_of) for k in shares]
    return any(told) and not all(told)


def _t(d: Draft, i: int) -> str:
    return " ".join(d.figures[i].stated.text.split())
