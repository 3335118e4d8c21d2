"""From the figures that match a draft figure to one finding.

The rules, in the order they apply (DESIGN "Verdicts"):

* No match: ``unverified``.
* Only the best-scoring group of matches counts (``match.GROUP_MARGIN``), and only
  figures known by the date the draft speaks for: a weaker match about something else
  must not outvote the right one.
* Metrics whose newer figure replaces the older (valuation, stake, headcount; see
  ``supersedes`` in concepts.toml): the newest figures count. If they agree with the
  draft it is ``consistent``; if they disagree among themselves and the draft follows
  one of them, ``conflicting``; if the draft follows only an older figure, ``outdated``
  (``consistent`` when the draft's sentence names that figure's time: "in March",
  "2023"); otherwise ``discrepancy``.
* Event metrics (a funding round, an investment): several figures can all be true at
  once, so one agreeing figure makes the draft ``consistent`` unless another source
  states the same event differently (``conflicting``). With none agreeing, a figure off
  by a recognisable slip, or a single figure, makes it a ``discrepancy``; several
  unrelated figures leave it ``unverified``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence

from factcheck.compare.dating import dates_to
from factcheck.compare.figures import Figure, meets
from factcheck.compare.match import Match
from factcheck.compare.suggest import suggest
from factcheck.models import Diagnosis, Evidence, Finding, Verdict

#: Most evidence items listed per finding.
MAX_EVIDENCE = 5

_SLIPS: dict[str, str] = {
    "scale": "off by a power of ten",
    "digits": "the same digits in another order",
    "percent_vs_points": "percent and percentage points are not the same",
    "currency": "another currency",
    "unit": "another unit",
    "qualifier": "the qualifier puts it on the wrong side",
    "attribution": "the evidence has it for another party or metric",
    "superseded": "a newer figure has replaced it",
}


def cite(figure: Figure) -> str:
    """Where a reader looks the evidence up, and its date: "report.md, 2025-06-02"."""
    when = f" ({figure.when_label})" if figure.when_label else ""
    return f"{figure.where}{when}"


def _evidence(matches: Sequence[Match]) -> list[Evidence]:
    return [
        Evidence(
            source=m.figure.source,
            claim=m.figure.claim(),
            agrees=m.agrees,
            via=None if m.figure.origin == "draft" else m.figure.origin,
        )
        for m in matches[:MAX_EVIDENCE]
    ]


def _finding(
    draft: Figure,
    verdict: Verdict,
    message: str,
    evidence: Sequence[Match] = (),
    diagnosis: Diagnosis | None = None,
    suggestion: str | None = None,
) -> Finding:
    return Finding(
        claim=draft.claim(),
        verdict=verdict,
        message=message,
        evidence=_evidence(evidence),
        diagnosis=diagnosis,
        suggestion=suggestion,
    )


def _what(draft: Figure) -> str:
    parts = [p for p in (draft.subject, (draft.metric or "").replace("_", " ")) if p]
    return " ".join(parts) if parts else "this figure"


def unverified(draft: Figure, why: str | None = None) -> Finding:
    message = why or f"No source or ledger figure found for {_what(draft)}."
    return _finding(draft, "unverified", message)


def _disagreement(draft: Figure, against: Sequence[Match], newer: bool = False) -> Finding:
    best = against[0]
    slip = f" ({_SLIPS[best.diagnosis]})" if best.diagnosis else ""
    message = f"{best.figure.text} in {cite(best.figure)}, not {draft.text}{slip}."
    return _finding(
        draft,
        "discrepancy",
        message,
        against,
        best.diagnosis,
        suggest(best.figure, draft),
    )


def _agreed(draft: Figure, agree: Sequence[Match], rivals: Sequence[Match]) -> Finding:
    """Consistent, unless a rival figure shows the sources disagree among themselves."""
    return _conflict(draft, agree, rivals) or _consistent(draft, agree)


def _consistent(draft: Figure, agree: Sequence[Match]) -> Finding:
    message = f"Agrees with {agree[0].figure.text} in {cite(agree[0].figure)}."
    return _finding(draft, "consistent", message, agree)


def _conflict(draft: Figure, agree: Sequence[Match], disagree: Sequence[Match]) -> Finding | None:
    pairs = ((a, b) for a in agree for b in disagree if not meets(a.figure, b.figure))
    pair = next(pairs, None)
    if pair is None:
        return None
    a, b = pair
    message = (
        f"Sources disagree: {a.figure.text} in {cite(a.figure)}, "
        f"{b.figure.text} in {cite(b.figure)}."
    )
    return _finding(draft, "conflicting", message, [*agree, *disagree])


def _misattributed(draft: Figure, elsewhere: Figure) -> Finding:
    whose = " ".join(
        p for p in (elsewhere.subject, (elsewhere.metric or "").replace("_", " ")) if p
    )
    message = (
        f"{elsewhere.text} in {cite(elsewhere)} is the figure for {whose}, not for {_what(draft)}."
    )
    evidence = [Match(elsewhere, 0.0, False, "attribution")]
    return _finding(draft, "discrepancy", message, evidence, "attribution")


def judge(
    draft: Figure,
    matches: Sequence[Match],
    *,
    as_of: dt.date,
    supersedes: Callable[[str | None], bool],
    same_party: Callable[[str | None, str | None], bool] = lambda a, b: a == b,
    misattributed: Sequence[Figure] = (),
) -> Finding:
    """The finding for ``draft`` given its best group of matches (see the module doc).

    ``misattributed`` are figures equal to the draft's but stated for another party or
    metric: with nothing else to compare with, the draft likely gave them to the wrong
    company (diagnosis ``attribution``).
    """
    elsewhere = [f for f in misattributed if f.when is None or f.when <= as_of]
    if not matches:
        return _misattributed(draft, elsewhere[0]) if elsewhere else unverified(draft)
    group = list(matches)
    metrics = Counter(m.figure.metric for m in group if m.figure.metric)
    metric = draft.metric or (metrics.most_common(1)[0][0] if metrics else None)
    agree = [m for m in group if m.agrees]
    disagree = [m for m in group if not m.agrees]
    if supersedes(metric):
        # A newer figure replaces an older one of the same party only: the story of the
        # best match decides, other parties' figures named nearby do not date it.
        lead = max(group, key=lambda m: m.rank).figure.subject
        story = [m for m in group if m.figure.subject == lead or same_party(m.figure.subject, lead)]
        return _latest(draft, story)
    if agree:
        # Another report of the same day is a rival account of the same event; figures
        # of other days are other events (this year's round, last year's round).
        reports: dict[dt.date | None, set[str]] = {}
        for a in agree:
            reports.setdefault(a.figure.when, set()).add(a.figure.where)
        rivals = [
            b for b in disagree
            if reports.get(b.figure.when, set()) - {b.figure.where}
        ]  # fmt: skip
        return _agreed(draft, agree, rivals)
    slips = [m for m in disagree if m.diagnosis]
    if slips:
        return _disagreement(draft, slips + [m for m in disagree if not m.diagnosis])
    if len({(m.figure.value, m.figure.unit) for m in disagree}) == 1:
        return _disagreement(draft, disagree)
    figures = "; ".join(f"{m.figure.text} in {cite(m.figure)}" for m in disagree[:3])
    return unverified(
        draft, f"None of the figures for {_what(draft)} agrees with {draft.text}: {figures}."
    )


def _latest(draft: Figure, group: Sequence[Match]) -> Finding:
    dated = [m.figure.when for m in group if m.figure.when is not None]
    newest = max(dated) if dated else None
    current = [m for m in group if m.figure.when is None or m.figure.when == newest]
    older = [m for m in group if m.figure.when is not None and m.figure.when != newest]
    agree = [m for m in current if m.agrees]
    disagree = [m for m in current if not m.agrees]
    if agree:
        return _agreed(draft, agree, disagree)
    was_true = [m for m in older if m.agrees]
    history = [
        m for m in was_true
        if m.figure.when is not None and dates_to(draft.sentence, draft.lang, m.figure.when, newest)
    ]  # fmt: skip
    if history:
        # The draft says when its figure held ("valued at $61.5 billion in March").
        then = history[0].figure
        message = f"Agrees with {then.text} in {cite(then)}, the time the draft gives for it."
        return _finding(draft, "consistent", message, history)
    if was_true:
        now, then = disagree[0].figure, was_true[0].figure
        since = f"since {now.when_label}" if now.when_label else "now"
        message = (
            f"{draft.text} was right once ({then.text} in {cite(then)}); "
            f"{since} it is {now.text} ({now.where})."
        )
        return _finding(
            draft,
            "outdated",
            message,
            [*disagree, *was_true],
            "superseded",
            suggest(now, draft),
        )
    return _disagreement(draft, sorted(disagree, key=lambda m: -m.rank))
