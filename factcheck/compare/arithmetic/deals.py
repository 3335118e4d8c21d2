"""Stakes, prices and valuations: what a deal's figures imply of each other.

    "$14.3bn for a 49% stake … valuing it at about $29bn"    14.3 / 0.49 = 29.2
    "3 million shares at $12 each, raising $36 million"      3m × $12 = $36m
    "$12 a share, a premium of 20% over the close of $10"    12 / 10 − 1 = 20%

A valuation may be told before or after the money (pre-money or post-money): either
fits, unless the draft says which. The figures must stand in one sentence (a stake's
valuation also in the next when that opens by naming the deal: "The deal values …",
"Damit wird … bewertet"), the money tied to the stake by "for" ("für"); a valuation
that names a year the money does not is another time's.
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
    number,
    percent_text,
    starts_with,
    written,
)

#: Most words between the money and its stake ("$14.3 billion for a").
_MAX_FOR = 4
#: Most words between a premium and the price it is measured from.
_MAX_REFERENCE = 6


def check_deals(d: Draft) -> Iterator[Slip]:
    for s, group in enumerate(d.sentences):
        for found in (_stake(d, s, group), _price(d, group), _premium(d, group)):
            if found is not None:
                yield found


def _stake(d: Draft, s: int, group: tuple[int, ...]) -> Slip | None:
    """Money for a stake, and the company's valuation beside them."""
    pair = _money_for_stake(d, group)
    if pair is None:
        return None
    money, stake = pair
    later = d.sentences[s + 1] if s + 1 < len(d.sentences) and _tied(d, s) else ()
    values = [
        k for k in (*group, *later)
        if d.figures[k].metric == "valuation"
        and d.figures[k].stated.unit == d.figures[money].stated.unit
        and d.figures[k].frame.status not in ("previous", "reported")
        and d.figures[k].frame.years <= d.figures[money].frame.years
    ]  # fmt: skip
    if len(values) != 1 or _apart(d, (money, stake), values[0]):
        return None
    return _stake_check(d, money, stake, values[0])


def _apart(d: Draft, pair: tuple[int, int], v: int) -> bool:
    """Whether the valuation ``v`` of the pair's sentence is told apart from the deal:
    in a clause after a semicolon or with a word of another time ("bought 4% for $200m
    last year; it is now valued at $9bn")."""
    first, last = min(pair), max(pair)
    between = d.gap(last, v) if v > last else d.gap(v, first) if v < first else ()
    return has(between, [";"]) or has(between, d.words.other_time)


def _tied(d: Draft, s: int) -> bool:
    """Whether sentence ``s + 1`` follows the deal of sentence ``s`` and opens by naming
    it ("The deal values …", "Damit wird … bewertet"); otherwise a valuation there may be
    another round's or another time's."""
    first = d.sentences[s + 1][0]
    return d.next_to(s) and starts_with(d.before(first), d.words.deal_anaphora)


def _stake_check(d: Draft, money: int, stake: int, v: int) -> Slip | None:
    """Whether the money over the stake gives the valuation, after or before the money."""
    m, p, val = Span.of(d.figures[money]), Span.of(d.figures[stake]), Span.of(d.figures[v])
    if m is None or p is None or val is None or p.lo <= 0 or p.hi > 100:
        return None
    post = Span(m.lo / (p.hi / 100), m.hi / (p.lo / 100))
    pre = Span(post.lo - m.hi, post.hi - m.lo)
    scope = d.figures[v].frame.scope
    fits = [post] if "basis:post" in scope else [pre] if "basis:pre" in scope else [post, pre]
    if any(val.meets(f) for f in fits):
        return None
    fv = d.figures[v]
    implied = written(post.mid, fv)
    money_text, stake_text = _t(d, money), _t(d, stake)
    message = (
        f"{money_text} for {stake_text} values the company at {implied} after the money "
        f"({written(pre.mid, fv)} before it), not {_t(d, v)}."
    )
    note = f"{money_text} / {stake_text} = {implied}"
    return Slip("stake", v, (money, stake), "arithmetic", message, note, implied)


def _money_for_stake(d: Draft, group: tuple[int, ...]) -> tuple[int, int] | None:
    for a, b in pairwise(group):
        fa, fb = d.figures[a], d.figures[b]
        kinds = {fa.kind, fb.kind}
        if kinds != {"money", "percent"}:
            continue
        money, stake = (a, b) if fa.kind == "money" else (b, a)
        fs = d.figures[stake]
        if (
            fs.stated.unit != "%"
            or fs.metric not in ("stake", None)
            or fs.frame.status == "previous"
        ):
            continue  # "for a 49% stake", "for 49 percent of Scale"
        gap = d.gap(a, b)
        if len(gap) > _MAX_FOR or not has(gap, d.words.stake_for):
            continue
        if ends_with(d.before(stake), d.words.to) or "step:further" in fs.frame.scope:
            continue  # "raising its stake to 49%": the money bought a part of it
        return money, stake
    return None


def _price(d: Draft, group: tuple[int, ...]) -> Slip | None:
    """A number of shares at a price each, and the total they come to."""
    w = d.words
    for a, b in pairwise(group):
        fa, fb = d.figures[a], d.figures[b]
        if fa.stated.unit != "count" or fb.kind != "money" or not _shares(d, a):
            continue
        gap = d.gap(a, b)
        if not gap or len(gap) > 3 or not (starts_with(gap, w.price_at) or has(gap, w.price_at)):
            continue
        totals = [
            k for k in group
            if k not in (a, b) and d.figures[k].stated.unit == fb.stated.unit
            and not _per_share(d, k) and d.figures[k].stated.value_high is None
            and d.figures[k].stated.value >= 2 * fb.stated.value  # a total, not another price
        ]  # fmt: skip
        if len(totals) != 1:
            return None
        t = totals[0]
        n, price, total = Span.of(fa), Span.of(fb), Span.of(d.figures[t])
        if n is None or price is None or total is None:
            return None
        product = Span(n.lo * price.lo, n.hi * price.hi)
        if product.meets(total):
            return None
        ft = d.figures[t]
        gives = written(product.mid, ft)
        message = f"{_t(d, a)} shares at {_t(d, b)} come to {gives}, not {_t(d, t)}."
        return Slip(
            "price", t, (a, b), "arithmetic", message, f"{_t(d, a)} × {_t(d, b)} = {gives}", gives
        )
    return None


def _shares(d: Draft, k: int) -> bool:
    noun = (d.figures[k].stated.noun or "").casefold()
    return has((noun, *d.after(k)[:2]), d.words.shares)


def _per_share(d: Draft, k: int) -> bool:
    return "unit:share" in d.figures[k].frame.scope or any(
        t.startswith("price:") for t in d.figures[k].frame.scope
    )


def _premium(d: Draft, group: tuple[int, ...]) -> Slip | None:
    """An offer price, the price it is measured from, and the premium or discount."""
    for q in group:
        fq = d.figures[q]
        scope = fq.frame.scope
        sign = 1 if "sign:above" in scope else -1 if "sign:below" in scope else 0
        if fq.stated.unit != "%" or not sign or fq.stated.value_high is not None:
            continue
        after = [k for k in group if k > q and d.figures[k].kind == "money"]
        if not after:
            return None
        ref = after[0]
        gap = d.gap(q, ref)
        if len(gap) > _MAX_REFERENCE or not has(gap, d.words.reference):
            return None
        offers = [
            k for k in group
            if k not in (q, ref) and d.figures[k].stated.unit == d.figures[ref].stated.unit
            and _per_share(d, k)
        ]  # fmt: skip
        if len(offers) != 1:
            return None
        return _premium_check(d, q, offers[0], ref, sign)
    return None


def _premium_check(d: Draft, q: int, offer: int, ref: int, sign: int) -> Slip | None:
    o, r, stated = Span.of(d.figures[offer]), Span.of(d.figures[ref]), Span.of(d.figures[q])
    if o is None or r is None or stated is None or r.lo <= 0:
        return None
    if not 0.1 < d.figures[offer].stated.value / d.figures[ref].stated.value < 10:
        return None  # a deal's total beside a share's price
    change = Span((o.lo / r.hi - 1) * 100, (o.hi / r.lo - 1) * 100)
    if (stated if sign > 0 else stated.negated()).meets(change):
        return None
    fq = d.figures[q]
    gives = (d.figures[offer].stated.value / d.figures[ref].stated.value - 1) * 100
    word = "premium" if gives >= 0 else "discount"
    message = (
        f"{_t(d, offer)} against {_t(d, ref)} is a {word} of {number(abs(gives), d.lang, 2)}%, "
        f"not {_t(d, q)}."
    )
    note = f"{_t(d, offer)} / {_t(d, ref)} − 1 = {percent_text(gives, d.lang)}"
    suggestion = written(abs(gives), fq) if (gives >= 0) == (sign > 0) else None
    return Slip("premium", q, (offer, ref), "arithmetic", message, note, suggestion)


def _t(d: Draft, i: int) -> str:
    return " ".join(d.figures[i].stated.text.split())
