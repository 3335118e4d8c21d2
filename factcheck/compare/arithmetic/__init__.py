"""A draft's own arithmetic: slips that show without any source or ledger.

A draft's figures often constrain each other, and many slips show in them alone:
"revenue rose 14% from 2.1m to 2.6m" (that is 24%), "a $40bn round: $30bn from SoftBank
and $12bn from others", "$50bn (€38bn)" at a rate no day had. One rule per class:

=============  =========================================================  ==============
rule           what it checks                                             diagnosis
=============  =========================================================  ==============
changes        a change beside its levels ("rose 14% from A to B"), a     arithmetic,
               multiple ("tripled to B from A"), points vs percent        points_vs_percent
totals         parts and their total; shares of one whole past 100%       sum
deals          money for a stake and the valuation; shares × price;       arithmetic
               a premium over a price
conversions    currencies at the ECB rate of the draft's day; units       conversion
twice          the same fact told twice with two values                   digits, scale
=============  =========================================================  ==============

Every rule uses the written precision of every figure (its ``low``/``high``) and flags a
slip only when no values the figures allow make the arithmetic hold: an editor switches
off a checker that cries wolf.

How a slip becomes a finding (:func:`apply_slips`): each draft figure keeps exactly one
finding. A slip is given to its ``target`` figure (the one the arithmetic derives: the
change, the total, the valuation, the converted amount) when nothing else decided that
figure: its finding was ``unverified``. It becomes a ``discrepancy`` whose evidence is the
draft's other figures (``via: "draft"``, the arithmetic or the exchange rate in
``note``). A figure that a source or the ledger decided keeps its verdict: the sources
outrank the draft's own arithmetic, and the slip is not reported twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from factcheck.compare.arithmetic.base import Slip, read_draft
from factcheck.compare.arithmetic.changes import check_changes
from factcheck.compare.arithmetic.conversions import check_conversions
from factcheck.compare.arithmetic.deals import check_deals
from factcheck.compare.arithmetic.totals import check_totals
from factcheck.compare.arithmetic.twice import SameFact, check_twice
from factcheck.compare.figures import Figure
from factcheck.models import Evidence, Finding
from factcheck.rates import EuroRates
from factcheck.settings import Settings

__all__ = ["SameFact", "Slip", "apply_slips", "find_slips"]


def find_slips(
    figures: Sequence[Figure],
    lang: str,
    day: dt.date,
    settings: Settings,
    same_fact: SameFact | None = None,
    rates: EuroRates | None = None,
    *,
    dated: bool = True,
) -> list[Slip]:
    """Every slip of a draft's own arithmetic, one per target figure, in text order.

    ``day`` is the draft's date (its conversions are held to the rates of that day);
    ``same_fact`` tells whether two figures state one fact (the matcher's judgement; no
    same-fact check without it); ``rates`` default to the shipped ECB history. An
    undated draft (``dated`` false: no date of its own, none given for the run) has its
    conversions held to every ECB rate since 1999 up to ``day``.
    """
    if not figures:
        return []
    draft = read_draft(figures, lang, day, settings, dated)
    found = [
        *check_changes(draft),
        *check_totals(draft),
        *check_deals(draft),
        *check_conversions(draft, rates),
        *(check_twice(draft, same_fact) if same_fact is not None else ()),
    ]
    first: dict[int, Slip] = {}
    for slip in found:
        first.setdefault(slip.target, slip)
    return [first[k] for k in sorted(first)]


def apply_slips(
    findings: Sequence[Finding], figures: Sequence[Figure], slips: Sequence[Slip], source: str
) -> list[Finding]:
    """``findings`` with each slip given to its target figure if that figure's finding
    was ``unverified`` (see the module doc); ``source`` is the report's id of the draft."""
    out = list(findings)
    for slip in slips:
        if out[slip.target].verdict != "unverified":
            continue
        evidence = [
            Evidence(
                source=source,
                claim=figures[k].claim(),
                agrees=False,
                via="draft",
                note=slip.note,
            )
            for k in slip.others
        ]
        out[slip.target] = Finding(
            claim=out[slip.target].claim,
            verdict="discrepancy",
            message=slip.message,
            evidence=evidence,
            diagnosis=slip.diagnosis,
            suggestion=slip.suggestion,
            explain=out[slip.target].explain,
        )
    return out
