"""Why a figure got its verdict: its frame, and each candidate matched or set aside.

``factcheck check --explain`` adds this to every finding. It is how an editor learns why
a figure was flagged (or was not), and how a developer finds what to read better next.
"""

from __future__ import annotations

from factcheck.compare.figures import Figure
from factcheck.compare.match import Assessment, Match
from factcheck.frame.model import Frame
from factcheck.models import CandidateInfo, Explanation, FrameInfo

#: Most candidates listed: every one that took part, then the closest set aside.
MAX_CANDIDATES = 12

_WHY = {
    "agrees": "the same fact, and the figures agree",
    "slip": "the same fact, off by one slip",
    "same": "surely the same fact, with another value",
    "elsewhere": "the draft's value, stated for another party, metric or scope",
}


def frame_info(frame: Frame) -> FrameInfo:
    return FrameInfo(
        subject=frame.subject,
        subject_by=frame.subject_by,
        counterparty=frame.counterparty,
        metric=frame.metric,
        metric_beside=frame.metric_sure,
        scope=sorted(frame.scope),
        status=frame.status,
        years=sorted(frame.years),
    )


def _candidate(m: Match) -> CandidateInfo:
    r = m.relation
    return CandidateInfo(
        source=m.figure.source,
        text=m.figure.stated.text,
        where=m.figure.where,
        role=m.role,
        agrees=m.agrees,
        diagnosis=m.diagnosis,
        score=round(r.score, 3),
        metric=r.metric,
        party=r.party,
        blocks=list(r.blocks),
        why=m.why or _WHY.get(m.role, ""),
        frame=frame_info(m.figure.frame),
    )


def explain(draft: Figure, found: Assessment) -> Explanation:
    """The explanation of one draft figure's assessment."""
    taking_part = [*found.agrees, *found.slips, *found.same, *found.elsewhere]
    aside = sorted(found.aside, key=lambda m: -m.score)
    shown = [*taking_part, *aside][: max(MAX_CANDIDATES, len(taking_part))]
    return Explanation(frame=frame_info(draft.frame), candidates=[_candidate(m) for m in shown])
