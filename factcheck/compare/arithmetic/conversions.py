"""Conversions the draft states: one amount in two currencies or two units.

    "$50 billion (€43 billion)"                         at the ECB rate of the draft's day
    "2,6 Milliarden Dollar, umgerechnet rund 2,2 Milliarden Euro"
    "250,000 square feet (23,000 square metres)"        units: no rate needed

A currency conversion holds when some ECB euro reference rate of the draft's day or
the ``Settings.conversion_window_days`` before it, give or take
``Settings.conversion_tolerance`` (newsrooms convert at market rates, not at the ECB's
fixing), turns an amount the first figure allows into one the second allows. The rate
of the draft's day (or the last business day before it) is named in the evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from factcheck.compare.arithmetic.base import Draft, Slip, Span, has, is_one_of, written
from factcheck.compare.suggest import stated_number
from factcheck.rates import EuroRates, Rate, shipped_rates


def check_conversions(d: Draft, rates: EuroRates | None = None) -> Iterator[Slip]:
    for group in d.sentences:
        for a, b in pairwise(group):
            if not _converts(d, a, b):
                continue
            fa, fb = d.figures[a], d.figures[b]
            if (
                fa.kind != fb.kind
                or fa.stated.value_high is not None
                or fb.stated.value_high is not None
            ):
                continue
            if fa.kind == "money" and fa.stated.unit != fb.stated.unit:
                slip = _currency(d, a, b, rates if rates is not None else shipped_rates())
            elif fa.stated.unit == fb.stated.unit and fa.kind not in ("money", "count", "percent"):
                slip = _units(d, a, b)
            else:
                slip = None
            if slip is not None:
                yield slip


#: Most words between an amount and the mark of its conversion: a German verb's
#: particle ("gibt 2,6 Millionen Dollar aus, umgerechnet …"), "a year (€44m)".
_MAX_BEFORE_MARK = 2


def _converts(d: Draft, a: int, b: int) -> bool:
    """Whether figure ``b`` is ``a`` told again in another currency or unit; in a
    bracket, nothing but words of the rate may follow it ("(€1.5bn in Europe)" is
    another figure)."""
    gap = d.gap(a, b)
    if is_one_of(gap, d.words.conversion):
        return gap[-1:] != ("(",) or _closes(d, b)
    for at in range(1, _MAX_BEFORE_MARK + 1):
        head, mark = gap[:at], gap[at:]
        if mark[:1] in (("(",), (",",)) and is_one_of(mark, d.words.conversion):
            return all(token.isalpha() for token in head) and (mark[-1:] != ("(",) or _closes(d, b))
    return False


def _closes(d: Draft, b: int) -> bool:
    """Whether the bracket ``b`` stands in closes after it with no word but the rate's."""
    after = d.after(b)
    if ")" not in after:
        return False
    return all(has((token,), d.words.rate_words) for token in after[: after.index(")")])


def rates_in_window(
    rates: EuroRates, base: str, quote: str, day: dt.date, days: int
) -> tuple[Rate, list[Rate]] | None:
    """The rate of ``day`` (or the last business day before it) and every rate of the
    ``days`` before it; None when the ECB has no rate for the pair."""
    today = rates.on(base, quote, day)
    if today is None:
        return None
    return today, rates.between(base, quote, day - dt.timedelta(days=days), day)


def converted(span: Span, window: list[Rate], tolerance: float) -> Span:
    """Every amount ``span`` allows, at every rate of ``window``, with ``tolerance``."""
    factors = [r.factor for r in window]
    return Span(span.lo * min(factors), span.hi * max(factors)).widened(tolerance)


#: The rates an undated draft's conversions are held to: every rate since the euro's
#: first day, so that only a conversion no day ever gave is flagged.
UNDATED_SINCE = dt.date(1999, 1, 1)


def _currency(d: Draft, a: int, b: int, rates: EuroRates | None) -> Slip | None:
    fa, fb = d.figures[a], d.figures[b]
    sa, sb = Span.of(fa), Span.of(fb)
    if rates is None or sa is None or sb is None:
        return None
    days = d.settings.conversion_window_days if d.dated else (d.day - UNDATED_SINCE).days
    found = rates_in_window(rates, fa.stated.unit, fb.stated.unit, d.day, days)
    if found is None:
        return None
    today, window = found
    span = converted(sa, window, d.settings.conversion_tolerance)
    if span.meets(sb):
        return None
    gives = fa.stated.value * today.factor
    rate = today.describe(d.lang)
    period = f"the {days} days before" if d.dated else "any day since 1999 (the draft has no date)"
    shown = written(gives, fb)
    if _scaled(span, sb):  # "US$4 billion (A$6.14 trillion)"
        message = (
            f"At the {rate}, {_t(d, a)} is {shown}, a power of ten away from {_t(d, b)}: "
            "one of the two has the wrong scale."
        )
        return Slip("conversion", b, (a,), "scale", message, rate)
    message = f"At the {rate}, {_t(d, a)} is {shown}, not {_t(d, b)}; no rate of {period} gives it."
    return Slip("conversion", b, (a,), "conversion", message, rate, shown)


def _units(d: Draft, a: int, b: int) -> Slip | None:
    fa, fb = d.figures[a], d.figures[b]
    na, nb = stated_number(fa), stated_number(fb)
    if not na or not nb or abs(fa.stated.value / na / (fb.stated.value / nb) - 1) < 1e-6:
        return None  # the same unit word twice: no conversion ("5 MW (4 MW in 2024)")
    sa, sb = Span.of(fa), Span.of(fb)
    if sa is None or sb is None or sa.meets(sb):
        return None
    shown = written(fa.stated.value, fb)
    if _scaled(sa, sb):
        message = f"{_t(d, a)} is {shown}, a power of ten away from {_t(d, b)}."
        return Slip("conversion", b, (a,), "scale", message, f"{_t(d, a)} = {shown}")
    message = f"{_t(d, a)} is {shown}, not {_t(d, b)}."
    return Slip("conversion", b, (a,), "conversion", message, f"{_t(d, a)} = {shown}", shown)


def _scaled(span: Span, stated: Span) -> bool:
    """Whether ``stated`` is ``span`` off by a power of ten: a scale slip in one of the
    two figures, not a wrong rate."""
    return any(
        Span(span.lo * 10.0**k, span.hi * 10.0**k).meets(stated)
        for k in (*range(-12, 0), *range(1, 13))
    )


def _t(d: Draft, i: int) -> str:
    return " ".join(d.figures[i].stated.text.split())
