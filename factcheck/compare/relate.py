"""How the frames of two figures relate: the same fact, another fact, or too little to tell.

Each part of the frame is compared on its own, and says why two figures cannot be about
one fact when it can (a *block*):

* metric: the same, related (one refines the other, or both of one family: "invests",
  "a deal worth", "paid"), unknown on a side, or another family: a valuation is never an
  investment, but only when both figures say so beside them ("valued at", "invests") is
  that sure enough to block;
* parties: the same company, crossed (one's subject is the other's counterparty), one
  named in the other's sentence, unknown, or another company: that blocks only when both
  sentences name their figure's company themselves;
* scope: the same dimension with other values ("in Germany" and "in Europe", "a
  quarter" and "a year", "per share" and a total) blocks; a part on one side only ("the
  division's 70,000 staff" against a group figure) weighs against;
* time: other years named; an earlier value ("from 27,000 to 16,000") against a current
  one; a threshold ("once it crosses 25%") against a holding.

What does not block is weighed into a score from 0 to 1:

    score = 0.45 · metric + 0.35 · parties + 0.20 · context  (− penalties, + anchor)

where context is how alike the two sentences are (same language) or a flat part, and an
*anchor* (another figure of the draft's sentence stated in the candidate's sentence too)
says the two sentences report the same event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from factcheck.compare.figures import Figure
from factcheck.compare.parties import PART, Parties
from factcheck.frame.model import Frame, scope_dimensions
from factcheck.lexicon import Concept

MetricRelation = Literal["same", "related", "unknown", "weak", "other"]
PartyRelation = Literal["same", "crossed", "named", "unknown", "weak", "other"]

#: What each relation of the metric and the parties adds to the score (before weights).
METRIC_PART: dict[MetricRelation, float] = {
    "same": 1.0, "related": 0.75, "unknown": 0.45, "weak": 0.2, "other": 0.0,
}  # fmt: skip
PARTY_PART: dict[PartyRelation, float] = {
    "same": 1.0, "crossed": 0.7, "named": 0.6, "unknown": 0.5, "weak": 0.3, "other": 0.0,
}  # fmt: skip
METRIC_WEIGHT, PARTY_WEIGHT, CONTEXT_WEIGHT = 0.45, 0.35, 0.20
#: Context part where sentences cannot be compared word for word.
CONTEXT_OTHER_LANGUAGE, CONTEXT_LEDGER = 0.4, 0.5
#: Lowered by: counterparties both known and different; a part (division, site) named on
#: one side only; a forecast or report against a stated fact.
COUNTERPARTY_PENALTY, PART_PENALTY, STATUS_PENALTY = 0.25, 0.1, 0.05
#: Raised by: another figure of the draft's sentence stated in the candidate's sentence;
#: each scope tag both share that sets a fact apart (a total, a period, a region …).
ANCHOR_BONUS, SCOPE_BONUS = 0.15, 0.05
#: Scope dimensions whose tags set a fact apart from its neighbours.
_SIGNIFICANT = frozenset(
    {"total", "period", "region", "part", "price", "sign", "session", "basis", "step", "form"}
)
#: Scope tags that weigh against one fact already when on one side only: a division's
#: figure is not the group's.
_ONE_SIDED = frozenset({"part:division"})
_TOTAL = "total:cumulative"
#: Pairs of dimensions that exclude each other: a running total is no further step.
_EXCLUSIVE = (("total", "step"),)
#: A change ("cut by 11,000") is never the same fact as a level ("190,000 staff").
_FORM = "form:change"


@dataclass(frozen=True, slots=True)
class Relation:
    """How a candidate figure's frame relates to the draft figure's."""

    metric: MetricRelation
    party: PartyRelation
    counterparty_differs: bool
    #: why the two cannot be one fact ("metric", "party", "scope:region", "year",
    #: "earlier", "threshold"); empty when they can
    blocks: tuple[str, ...]
    context: float
    anchored: bool
    score: float
    #: one figure is a running total, the other not: it may agree, but is no rival
    total_differs: bool = False
    #: how many of the draft's scope tags the candidate shares
    scope_shared: int = 0
    #: a part (a division, a site) on one side only: it may agree, but is no rival
    part_differs: bool = False
    #: scope tags that set a fact apart, or a status, shared by both
    shared: int = 0

    @property
    def blocked(self) -> bool:
        return bool(self.blocks)


def _significant(tags: frozenset[str]) -> int:
    return sum(1 for tag in tags if tag.partition(":")[0] in _SIGNIFICANT)


_CHANGES = frozenset({"growth", "decline"})
#: What a relation is read from: the frames' ids, the draft figure's kind, the candidate's
#: origin, both languages and both sentences, and whether the candidate is anchored.
_RelationKey = tuple[int, int, str, str, str, str, str, str, bool]


def _parts(frame: Frame) -> frozenset[str]:
    return frozenset(tag for tag in frame.scope if tag.startswith(("part:", "step:")))


def _sure_subject(frame: Frame) -> bool:
    return frame.sure_subject


class Relater:
    """Compares frames, knowing the metric concepts and the parties' names."""

    def __init__(self, parties: Parties, concepts: Mapping[str, Concept]) -> None:
        self.parties = parties
        self.concepts = concepts
        #: how alike two sentences are, by (draft sentence, candidate sentence): worked
        #: out once, not for every pair of their figures
        self._alike: dict[tuple[str, str], float] = {}
        #: relations of figures with frames compared before (see :meth:`relate`)
        self._relations: dict[_RelationKey, tuple[Frame, Frame, Relation]] = {}

    def metric(self, d: Frame, c: Frame, kind: str = "") -> MetricRelation:
        a, b = d.metric, c.metric
        if self.opposed(d, c):
            return "other"  # jobs created and jobs cut
        if a is None or b is None:
            if d.status == "threshold" and c.status == "threshold":
                return "related"  # two thresholds: marks of a holding
            return "unknown"
        if a == b:
            return "same"
        if not (d.metric_sure and c.metric_sure) and (a in c.cues or b in d.cues):
            return "related"  # the other clause names this metric too
        if kind == "multiplier" and {a, b} & _CHANGES:
            return "related"  # "tripled its revenue", "revenue rose threefold"
        ca, cb = self.concepts.get(a), self.concepts.get(b)
        if ca is None or cb is None:
            return "unknown"
        if ca.refines == b or cb.refines == a or (ca.family and ca.family == cb.family):
            return "related"
        return "other" if d.metric_sure and c.metric_sure else "weak"

    def opposed(self, d: Frame, c: Frame) -> bool:
        """Whether the two figures' clauses tell opposite events: jobs created on one
        side, cut on the other (and not both on either side)."""
        ours = d.cues | {d.metric} if d.metric else d.cues
        theirs = c.cues | {c.metric} if c.metric else c.cues
        for key in ours - theirs:
            concept = self.concepts.get(key)
            if concept and concept.opposite in theirs and concept.opposite not in ours:
                return True
        for key in theirs - ours:
            concept = self.concepts.get(key)
            if concept and concept.opposite in ours and concept.opposite not in theirs:
                return True
        return False

    def party(self, d: Figure, c: Figure) -> PartyRelation:
        fd, fc = d.frame, c.frame
        if fd.subject is None or fc.subject is None:
            return "unknown"
        parties = self.parties
        if parties.similarity(fd.subject, fc.subject) >= PART:
            return "same"
        if parties.same(fd.subject, fc.counterparty) or parties.same(fd.counterparty, fc.subject):
            return "crossed"
        if any(parties.same(fc.subject, n) for n in fd.also) or any(
            parties.same(fd.subject, n) for n in fc.also
        ):
            return "named"  # "Amazon's Project Rainier campus" and Project Rainier's figure
        if _sure_subject(fd) and _sure_subject(fc):
            return "other"  # each sentence says whose figure it is, and they differ
        if self._named(fc.subject, fd, d.sentence) or self._named(fd.subject, fc, c.sentence):
            return "named"
        return "weak"

    def _named(self, name: str, frame: Frame, sentence: str) -> bool:
        """Whether ``name`` is one of the parties a sentence names."""
        folded = name.casefold()
        if folded in frame.named:
            return True
        return any(self.parties.same(name, other) for other in frame.named)

    def scope_blocks(self, d: Frame, c: Frame) -> tuple[list[str], int]:
        """The dimensions whose values differ, and how many one-sided parts there are."""
        dims_d, dims_c = scope_dimensions(d.scope), scope_dimensions(c.scope)
        blocks = [
            f"scope:{dim}" for dim in sorted(dims_d.keys() & dims_c.keys())
            if not dims_d[dim] & dims_c[dim]
        ]  # fmt: skip
        for one, other in _EXCLUSIVE:
            if (one in dims_d and other in dims_c) or (other in dims_d and one in dims_c):
                blocks.append(f"scope:{one}")
        if (_FORM in d.scope) != (_FORM in c.scope):
            blocks.append("scope:form")
        one_sided = sum(1 for tag in _ONE_SIDED if (tag in d.scope) != (tag in c.scope))
        return blocks, one_sided

    def total_differs(self, d: Frame, c: Frame) -> bool:
        """Whether one figure is a running total and the other not ("has raised $12bn in
        all" against one round's $6bn): the same party and metric, another fact."""
        return (_TOTAL in d.scope) != (_TOTAL in c.scope)

    def relate(self, d: Figure, c: Figure, anchored: bool = False) -> Relation:
        """How ``c`` relates to ``d``: read from their frames, kinds, origins, languages and
        sentences only, so figures that share a frame object (the check shares one among
        equal frames) and a sentence are related once (the frames are kept with the
        answer, so their ids stay theirs)."""
        fd, fc = d.frame, c.frame
        key = (id(fd), id(fc), d.kind, c.origin, d.lang, c.lang, d.sentence, c.sentence, anchored)
        known = self._relations.get(key)
        if known is not None and known[0] is fd and known[1] is fc:
            return known[2]
        relation = self._relate(d, c, anchored)
        self._relations[key] = (fd, fc, relation)
        return relation

    def _relate(self, d: Figure, c: Figure, anchored: bool) -> Relation:
        fd, fc = d.frame, c.frame
        metric = self.metric(fd, fc, d.kind)
        party = self.party(d, c)
        blocks: list[str] = []
        if metric == "other":
            blocks.append("metric")
            if self.opposed(fd, fc):
                blocks.append("event")  # jobs created and cut: never one fact in other words
        if party == "other":
            blocks.append("party")
        scope, one_sided = self.scope_blocks(fd, fc)
        blocks += scope
        if fd.years and fc.years and not fd.years & fc.years:
            blocks.append("year")
        if (fc.status == "previous") != (fd.status == "previous") and c.origin != "ledger":
            # an earlier value is another fact than the current one (a ledger's dated
            # history is read for both, see verdict._latest)
            blocks.append("earlier")
        if (fc.status == "threshold") != (fd.status == "threshold") and d.kind == "percent":
            blocks.append("threshold")  # a legal mark ("once it crosses 25%") is no holding
        counterparty_differs = (
            fd.counterparty is not None
            and fc.counterparty is not None
            and party != "crossed"
            and not self.parties.same(fd.counterparty, fc.counterparty)
        )
        context = self.context(d, c)
        score = (
            METRIC_WEIGHT * METRIC_PART[metric]
            + PARTY_WEIGHT * PARTY_PART[party]
            + CONTEXT_WEIGHT * context
        )
        if counterparty_differs:
            score -= COUNTERPARTY_PENALTY
        score -= PART_PENALTY * one_sided
        if (fd.status in ("expected", "reported")) != (fc.status in ("expected", "reported")):
            score -= STATUS_PENALTY
        if anchored:
            score += ANCHOR_BONUS
        shared = _significant(fd.scope & fc.scope)
        if fd.status is not None and fd.status == fc.status:
            shared += 1  # both a threshold, both an earlier value
        score += SCOPE_BONUS * min(shared, 2)
        return Relation(
            metric=metric,
            party=party,
            counterparty_differs=counterparty_differs,
            blocks=tuple(blocks),
            context=context,
            anchored=anchored,
            score=score,
            # a ledger record has no scope: it says nothing of parts or totals
            total_differs=c.origin != "ledger" and self.total_differs(fd, fc),
            scope_shared=len(fd.scope & fc.scope),
            part_differs=c.origin != "ledger" and _parts(fd) != _parts(fc),
            shared=shared,
        )

    def context(self, d: Figure, c: Figure) -> float:
        if c.origin == "ledger":
            return CONTEXT_LEDGER
        if d.lang != c.lang:
            return CONTEXT_OTHER_LANGUAGE
        key = (d.sentence, c.sentence)
        alike = self._alike.get(key)
        if alike is None:
            ratio = fuzz.token_set_ratio(d.sentence.casefold(), c.sentence.casefold())
            alike = self._alike[key] = float(ratio) / 100
        return alike
