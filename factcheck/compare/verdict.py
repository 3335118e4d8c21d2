"""From the candidates sorted by :mod:`~factcheck.compare.match` to one finding.

The rules, in the order they apply (DESIGN "Verdicts"), each more cautious than a
simple comparison of numbers, because a false alarm costs an editor's trust:

* Figures that agree with the draft (``agrees``):
  - for metrics whose newer figure replaces the older (valuation, stake, headcount; see
    ``supersedes`` in concepts.toml), the newest figures of the story decide:
    ``consistent`` if they agree, ``outdated`` if only an older one does (``consistent``
    when the draft's sentence names that older time), ``conflicting`` if the newest
    disagree among themselves and the draft follows one;
  - for events (a funding round, a deal), one agreeing figure makes the draft
    ``consistent``, unless another source surely states the same fact otherwise
    (``conflicting``).
  An agreement that holds only through "about" loses to a figure that is the draft's
  exactly but for one slip ("€80 billion" against "$80 billion" beside "about €74
  billion").
* Else a figure off by one recognisable slip (``slip``): ``discrepancy``, with the slip
  and the figure the evidence supports.
* Else the draft's very value stated for another party, metric or scope
  (``elsewhere``): ``discrepancy``, diagnosis ``attribution``.
* Else figures surely about the same fact (``same``) with another value, all agreeing
  among themselves: ``discrepancy``; if they disagree among themselves, ``unverified``.
* Else ``unverified``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from factcheck.compare.dating import dates_to
from factcheck.compare.figures import Figure, meets
from factcheck.compare.match import Assessment, Match
from factcheck.compare.suggest import suggest
from factcheck.frame.model import scope_dimensions
from factcheck.models import Diagnosis, Evidence, Finding, Verdict

#: What :func:`~factcheck.compare.figures.meets` reads of a figure: unit, value, low,
#: high and qualifier.
_Interval = tuple[str, float, float | None, float | None, str]
#: Most evidence items listed per finding.
MAX_EVIDENCE = 5
#: How much worse a slip's frame may score than an agreement that holds only through a
#: qualifier's width, for the slip to win: the same number off by one slip ("$80 billion"
#: for "€80 billion") says more than a number near it ("about €74 billion").
SLIP_OVER_APPROX = -0.1
#: Relative difference beyond which an agreement holds only through the width of a
#: qualifier or of rounding, not because the numbers are the same.
_SAME_NUMBER = 0.02

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


def told(figure: Figure) -> str:
    """A figure and where it is told: "$61.5 billion in report.md (2025-03-03)"."""
    return f"{figure.stated.text} in {cite(figure)}"


def _evidence(matches: Sequence[Match]) -> list[Evidence]:
    return [
        Evidence(
            source=m.figure.source,
            claim=m.figure.claim(),
            agrees=m.agrees,
            via=None if m.figure.origin == "draft" else m.figure.origin,
            note=m.note or None,
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


def _disagreement(draft: Figure, against: Sequence[Match]) -> Finding:
    best = against[0]
    slip = f" ({_SLIPS[best.diagnosis]})" if best.diagnosis else ""
    message = f"{told(best.figure)}, not {draft.stated.text}{slip}."
    return _finding(
        draft, "discrepancy", message, against, best.diagnosis, suggest(best.figure, draft)
    )


def _consistent(draft: Figure, agree: Sequence[Match]) -> Finding:
    converted = f", {agree[0].note}" if agree[0].note else ""
    message = f"Agrees with {told(agree[0].figure)}{converted}."
    return _finding(draft, "consistent", message, agree)


def _conflict(draft: Figure, agree: Sequence[Match], rivals: Sequence[Match]) -> Finding | None:
    pair = _first_apart(agree, rivals)
    if pair is None:
        return None
    a, b = pair
    message = f"Sources disagree: {told(a.figure)}, {told(b.figure)}."
    return _finding(draft, "conflicting", message, [*agree, *rivals])


def _first_apart(agree: Sequence[Match], rivals: Sequence[Match]) -> tuple[Match, Match] | None:
    """The first pair, in order, of an agreeing figure and a rival that do not meet.

    The first rival that does not meet a figure is the first of its kind (the figures
    :func:`meets` reads alike), so only the first of each kind is tried, once for each
    kind of agreeing figure.
    """
    kinds = _distinct(rivals)
    apart: dict[_Interval, Match | None] = {}
    for a in agree:
        key = _interval(a)
        if key not in apart:
            stated = a.figure.stated
            apart[key] = next((b for b in kinds if not meets(stated, b.figure.stated)), None)
        b = apart[key]
        if b is not None:
            return a, b
    return None


def _misattributed(draft: Figure, elsewhere: Match) -> Finding:
    other = elsewhere.figure
    whose = " ".join(p for p in (other.subject, (other.metric or "").replace("_", " ")) if p)
    message = f"{told(other)} is the figure for {whose}, not for {_what(draft)}."
    return _finding(draft, "discrepancy", message, [elsewhere], "attribution")


#: Scope tags of a part of a fact: a draft figure with one is not a ledger's whole.
_PARTIAL = ("step:", "stock:")
#: Scope dimensions a rival must not add to what the agreeing figure says.
_RIVAL_DIMENSIONS = frozenset(
    {
        "period",
        "region",
        "part",
        "step",
        "total",
        "basis",
        "session",
        "sign",
        "price",
        "unit",
        "time",
        "form",
    }
)


def _rivals(draft: Figure, agree: Match, rival: Match) -> bool:
    """Whether ``rival`` states the agreeing figure's fact otherwise, rather than another
    fact: the same metric word as the draft, the same status as the agreeing figure (a
    report, a forecast), every scope tag the agreeing figure shares with the draft ("in
    premarket trading"), and no scope of its own ("in the first quarter", "a further")."""
    ours, theirs = agree.figure.frame, rival.figure.frame
    if rival.role == "aside":  # the other sign: every other part of the frame agrees
        return rival.relation.metric in ("same", "related")
    marked = ("previous", "threshold")
    if rival.relation.metric != "same":
        return False
    if (ours.status in marked or theirs.status in marked) and ours.status != theirs.status:
        return False

    # the scope of the agreeing figure: a site's cut is no rival of the group's; where
    # both name a dimension, the rival may say less of it ("the premium to the close"
    # against "the offer's premium to the close"), not more ("an annualised year")
    ours_by = scope_dimensions(ours.scope, _RIVAL_DIMENSIONS)
    theirs_by = scope_dimensions(theirs.scope, _RIVAL_DIMENSIONS)
    if ours_by.keys() != theirs_by.keys():
        return False
    return all(theirs_by[dim] and theirs_by[dim] <= ours_by[dim] for dim in ours_by)


def identified(found: Assessment) -> list[Match]:
    """The figures surely about the draft's fact that state it with another value.

    The same party and metric are not enough: a company raises money in several rounds
    and cuts jobs in several programmes. A figure is taken for the draft's fact when its
    sentence reports the same event (another figure of the draft's sentence is stated in
    it too), or when it is the only value its source gives for that party and metric.
    """
    by_source: dict[str, list[Match]] = {}
    for m in [*found.agrees, *found.slips, *found.same]:
        # a figure told in looser words (no metric, a party only named) is not one of
        # the values its source gives for the fact, unless its sentence reports the event
        sure = m.relation.party in ("same", "crossed") or m.relation.anchored
        if m.relation.metric in ("same", "related") and sure:
            by_source.setdefault(m.figure.source, []).append(m)
    # of a source's figures about the party and metric, those that share the most of the
    # draft's scope ("in premarket trading", "below the close") are its fact
    tops: dict[str, list[Match]] = {}
    for source, slot in by_source.items():
        best = max(m.relation.scope_shared for m in slot)
        tops[source] = _distinct([o for o in slot if o.relation.scope_shared == best])
    meeting: dict[tuple[str, _Interval], bool] = {}  # (source, figure) -> meets all its top
    identified: list[Match] = []
    for m in found.same:
        relation, source = m.relation, m.figure.source
        top = tops.get(source) or [m]
        if relation.scope_shared < top[0].relation.scope_shared:
            continue
        if relation.anchored:
            identified.append(m)
            continue
        key = (source, _interval(m))
        meets_all = meeting.get(key)
        if meets_all is None:
            meets_all = meeting[key] = all(meets(m.figure.stated, o.figure.stated) for o in top)
        if meets_all:
            identified.append(m)
    return identified


def _interval(m: Match) -> _Interval:
    """What :func:`meets` reads of a match's figure: figures alike in it meet alike."""
    f = m.figure.stated
    return f.unit, f.value, f.low, f.high, f.qualifier


def _distinct(matches: Sequence[Match]) -> list[Match]:
    """The first of each group of matches whose figures :func:`meets` reads alike: a
    source may state one value a thousand times, and each meets what the others meet."""
    first: dict[_Interval, Match] = {}
    for m in matches:
        first.setdefault(_interval(m), m)
    return list(first.values())


def _others(matches: Sequence[Match], but: Sequence[Match]) -> list[Match]:
    """``matches`` but those in ``but``, in order (looked up in a set: both may be long)."""
    taken = set(but)
    return [m for m in matches if m not in taken]


def _all_meet(matches: Sequence[Match]) -> bool:
    """Whether every two of the figures meet."""
    distinct = _distinct(matches)
    return all(meets(a.figure.stated, b.figure.stated) for a in distinct for b in distinct)


def _approximate(draft: Figure, match: Match) -> bool:
    """Whether an agreement holds only through the width of a qualifier or rounding."""
    a, b = draft.stated.value, match.figure.stated.value
    return abs(a - b) > _SAME_NUMBER * max(abs(a), abs(b))


def _strong(m: Match) -> bool:
    """The same metric and the same party, stated for both figures."""
    return m.relation.metric == "same" and m.relation.party == "same"


def judge(
    draft: Figure,
    found: Assessment,
    *,
    supersedes: Callable[[str | None], bool],
    same_party: Callable[[str | None, str | None], bool] = lambda a, b: a == b,
) -> Finding:
    """The finding for ``draft`` given its sorted candidates (see the module doc)."""
    same = identified(found)
    agree, slips = _standing(draft, found.agrees, found.slips, same)
    if agree:
        metric = draft.metric or next((m.figure.metric for m in agree if m.figure.metric), None)
        if supersedes(metric):
            return _latest(draft, _story(draft, found, agree, same, slips, same_party))
        return _agreed(draft, agree, same, [*slips, *found.aside])
    if slips:
        return _disagreement(draft, [*slips, *found.same])
    if same and _all_meet(same):
        # the sources give the draft's fact another value (a figure equal to the draft's
        # elsewhere is another party's, metric's or place's)
        return _disagreement(draft, [*same, *found.elsewhere])
    if found.elsewhere:
        return _misattributed(draft, found.elsewhere[0])
    if same:
        figures = "; ".join(told(m.figure) for m in same[:3])
        why = f"Sources disagree with {draft.stated.text} and among themselves: {figures}."
        return unverified(draft, why)
    return unverified(draft)


def _standing(
    draft: Figure, agree: list[Match], slips: list[Match], same: Sequence[Match]
) -> tuple[list[Match], list[Match]]:
    """The agreements that stand, and the slips, once each has been weighed against the
    other: an agreement in looser words loses to a figure surely about the same fact
    (:func:`_outranked`), and one that holds only through "about" to a figure that is
    the draft's exactly but for one slip ("€80 billion": "$80 billion" beats "about €74
    billion"), which then leads the slips."""
    if agree and not any(_strong(m) for m in agree) and _outranked(draft, agree, slips, same):
        agree = []
    exact_slips = [m for m in slips if not _approximate(draft, m)]
    near_only = agree and _approximate(draft, agree[0])
    if near_only and exact_slips and exact_slips[0].score >= agree[0].score + SLIP_OVER_APPROX:
        return [], [*exact_slips, *_others(slips, exact_slips)]
    return agree, slips


def _outranked(
    draft: Figure, agree: Sequence[Match], slips: Sequence[Match], same: Sequence[Match]
) -> bool:
    """Whether an agreement in looser words (another metric word, a party the sentence
    only names) loses to a figure that surely states the same fact otherwise: the
    draft's number belongs to something else ("Blue Owl's $7bn", not Meta's $3bn), or is
    that figure off by a slip ("75%" for "7.5%"). A figure of the same party counts only
    when the draft's own sentence says whose figure it is."""
    if not draft.frame.sure_subject and any(m.relation.metric == "same" for m in agree):
        return False  # an agreement in the same words, a party told vaguely: it stands
    rivals = [*slips, *same] if draft.frame.sure_subject else slips
    return any(_strong(m) and m.score >= agree[0].score for m in rivals)


def _story(
    draft: Figure,
    found: Assessment,
    agree: Sequence[Match],
    same: Sequence[Match],
    slips: Sequence[Match],
    same_party: Callable[[str | None, str | None], bool],
) -> list[Match]:
    """The figures of the story whose newest figure decides, for a metric whose newer
    figure replaces the older.

    A newer figure replaces an older one of the same party only: the story of the best
    agreement decides, other parties' figures named nearby do not. A ledger's records of
    one party and metric are one fact's history; a part of it ("3% more through
    derivatives", "a further 49%") is not in that history.
    """
    lead = agree[0].figure.subject
    if draft.frame.subject is not None and not same_party(lead, draft.frame.subject):
        lead = draft.frame.subject if any(_sure(m) for m in agree) else lead
    partial = any(t.startswith(_PARTIAL) for t in draft.frame.scope)
    history = [
        m for m in _others(found.same, same)
        if m.figure.origin == "ledger" and not partial
    ]  # fmt: skip
    return [
        m for m in [*agree, *same, *history, *slips]
        if (
            m.figure.subject == lead
            or same_party(m.figure.subject, lead)
            or m.relation.party in ("same", "crossed")  # the draft's own party
        )
        and not (partial and m.figure.origin == "ledger")
    ]  # fmt: skip


def _agreed(
    draft: Figure, agree: Sequence[Match], same: Sequence[Match], others: Sequence[Match] = ()
) -> Finding:
    """Consistent, unless another source surely states the agreeing figure's fact
    otherwise (``conflicting``): another value, the same number on the other side of
    it ("more than 14,000" against "up to 14,000"), or the other sign ("a 6% premium"
    against "a 6.5% discount")."""
    # a source that states the draft's value for the fact has its other figures for other
    # facts (a figure told in looser words does not count)
    sources = {m.figure.source for m in agree if _sure(m)}
    if not sources:
        return _consistent(draft, agree)  # sources only loosely agree: no grounds to say more
    pool = [*same, *(m for m in others if _opposite(m))]
    rivals = [m for m in pool if m.figure.source not in sources and _rivals(draft, agree[0], m)]
    return _conflict(draft, agree, rivals) or _consistent(draft, agree)


def _sure(m: Match) -> bool:
    """The same or a related metric, and the same party (or the parties crossed)."""
    return m.relation.metric in ("same", "related") and m.relation.party in ("same", "crossed")


def _opposite(m: Match) -> bool:
    """A figure of the same fact that says the opposite: a bound on the other side, or
    the other sign."""
    if m.role == "slip":
        return m.diagnosis == "qualifier"
    return m.role == "aside" and m.relation.blocks == ("scope:sign",) and m.relation.party == "same"


def _latest(draft: Figure, group: Sequence[Match]) -> Finding:
    dated = [m.figure.when for m in group if m.figure.when is not None]
    newest = max(dated) if dated else None
    # Where dated figures (ledger records, dated articles) show the history, an undated
    # source cannot say which value is current: it does not decide.
    undated_decide = not [m for m in group if m.figure.origin == "ledger"]
    current = [
        m for m in group
        if m.figure.when == newest or (m.figure.when is None and undated_decide)
    ]  # fmt: skip
    older = [m for m in group if m.figure.when is not None and m.figure.when != newest]
    # Of a history, the draft states the value that is its very number ("about 28%" is
    # the 28% of last year, not this year's 29%, though "about" would reach it).
    exact = [m for m in group if m.agrees and not _approximate(draft, m)]
    exact_set = set(exact)
    newest_values = list(current)
    if exact and not [m for m in current if m in exact_set]:
        current = [m for m in current if not m.agrees]
        older_set = set(older)
        older = [*older, *(m for m in exact if m not in older_set)]
    agree = [m for m in current if m.agrees]
    if agree:
        return _agreed(draft, agree, [m for m in current if m.role == "same"])
    was_true = [m for m in older if m.agrees]
    # "lifting its stake from 20%": said as history; "valued at $61.5bn in March": dated
    history = [
        m for m in was_true
        if draft.frame.status == "previous"
        or (m.figure.when is not None
            and dates_to(draft.sentence, draft.lang, m.figure.when, newest))
    ]  # fmt: skip
    if history:
        # The draft says when its figure held ("valued at $61.5 billion in March").
        then = history[0].figure
        message = f"Agrees with {told(then)}, the time the draft gives for it."
        return _finding(draft, "consistent", message, history)
    # a verified record before an article of the same day
    now_figures = sorted(
        (m for m in newest_values if m not in exact_set), key=lambda m: m.figure.origin != "ledger"
    )
    if was_true and now_figures:
        now, then = now_figures[0].figure, was_true[0].figure
        since = f"since {now.when_label}" if now.when_label else "now"
        message = (
            f"{draft.stated.text} was right once ({told(then)}); "
            f"{since} it is {now.stated.text} ({now.where})."
        )
        return _finding(
            draft, "outdated", message, [*now_figures, *was_true], "superseded",
            suggest(now, draft),
        )  # fmt: skip
    if was_true:
        return _consistent(draft, was_true)
    against = sorted(now_figures, key=lambda m: -m.score)
    return _disagreement(draft, against) if against else unverified(draft)
