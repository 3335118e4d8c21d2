"""Which figures of the sources and the ledger state the draft figure's fact, and how.

Every candidate of the same kind (money, percent, count, …) is related to the draft
figure (:mod:`~factcheck.compare.relate`) and sorted into one of these roles:

* ``agrees``: about the same fact as far as can be told, and its interval meets the
  draft's. A distinctive value ("$61.5 billion", "23.28") needs less of the frame to be
  taken for the same fact than a round one ("20%", "$5 billion"), and a bound ("more
  than 500", "up to 65bn") needs the same metric and no other party;
* ``slip``: about the same fact, and off by exactly one recognisable slip: a power of ten,
  swapped digits, another currency or unit for the same number, percent for percentage
  points, a bound on the wrong side ("more than 12,000" for "up to 12,000");
* ``same``: surely about the same fact (the same metric and party stated beside both
  figures), with another value;
* ``elsewhere``: the draft's value, but stated for another party, metric or scope;
* ``aside``: anything else, with the reason (for ``--explain``).

The verdict (:mod:`~factcheck.compare.verdict`) is drawn from these: when unsure whether
two figures are about the same fact, they are not compared (``unverified``), for a false
alarm costs an editor's trust and a missed match only a look.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Literal

from factcheck.compare.diagnose import (
    BOUNDS,
    PREFIXED_UNITS,
    power_of_ten,
    significant_digits,
    swapped_digits,
)
from factcheck.compare.figures import Figure, meets
from factcheck.compare.parties import Parties
from factcheck.compare.relate import Relater, Relation
from factcheck.compare.suggest import stated_number
from factcheck.compare.values import ValueIndex
from factcheck.frame.model import Frame
from factcheck.lexicon import Concept
from factcheck.models import Diagnosis, Stated
from factcheck.rates import shipped_rates
from factcheck.settings import Settings

Role = Literal["agrees", "slip", "same", "elsewhere", "aside"]

#: How much more than ``Settings.match_threshold`` (the least score of an agreeing figure
#: with a distinctive value) a round value and a bound need: "20%" or "more than 500"
#: recur by chance far more often than "23.28" does.
ROUND_EXTRA, BOUND_EXTRA = 0.15, 0.20
#: Least score of a figure off by a slip, and of one surely about the same fact.
SLIP_MIN, SAME_MIN = 0.50, 0.78
#: Qualifiers that bound a figure from below and from above.
_FROM_BELOW = frozenset({"over", "at_least"})
_FROM_ABOVE = frozenset({"under", "at_most", "up_to"})
#: (draft, source) statuses that may state one fact: the draft's fact as the source's
#: hearsay, the draft's plan as the source's plain statement.
_STATUS_PAIRS = frozenset({(None, "reported"), ("expected", None)})
#: Blocks that still let an equal figure show the draft gave it to another party.
_ATTRIBUTION_BLOCKS = frozenset({"party", "metric", "scope:region", "scope:part"})
#: Fewest candidates in a row worth an index by value (:mod:`~factcheck.compare.values`),
#: and how many indexes and sorted candidates a matcher keeps for the draft figures after.
INDEXED_RUN, KEPT_INDEXES, KEPT_MATCHES = 32, 8, 1 << 17
#: A match's score, for sorting (highest first; equal scores keep their order).
_SCORE = attrgetter("relation.score")


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate figure, how it relates to the draft figure, and its role."""

    figure: Figure
    relation: Relation
    role: Role
    agrees: bool
    diagnosis: Diagnosis | None = None
    #: why a candidate was set aside, for ``--explain``
    why: str = ""
    #: how a figure in another currency was converted: the ECB rate and its date
    note: str = ""

    @property
    def score(self) -> float:
        return self.relation.score


@dataclass
class Assessment:
    """The candidates of one draft figure, sorted by role, best first within a role."""

    agrees: list[Match] = field(default_factory=list)
    slips: list[Match] = field(default_factory=list)
    same: list[Match] = field(default_factory=list)
    elsewhere: list[Match] = field(default_factory=list)
    aside: list[Match] = field(default_factory=list)

    def all(self) -> list[Match]:
        return [*self.agrees, *self.slips, *self.same, *self.elsewhere, *self.aside]


@dataclass(slots=True)
class _Plain:
    """How one frame class of candidates is sorted where their values do not matter: its
    relation, role and reason, the group it goes to, and its matches so far (by place in
    the class); no ``row`` when the values matter to all of them."""

    relation: Relation
    role: Role
    why: str
    group: list[Match]
    row: list[Match | None] | None


def distinctive(figure: Figure) -> bool:
    """Whether a value is unlikely to recur by chance: two significant digits or more,
    the last not zero ("23.28", "14", "4,49", "1,5"; not "5", "20", "400").
    """
    digits, _ = significant_digits(figure.stated.value)
    return len(digits) >= 2 and digits[-1] != 0


def opposite_bounds(a: Stated, b: Stated) -> bool:
    """Whether two figures bound one number from opposite sides ("more than 12,000" and
    "up to 12,000", "gut 85" and "knapp 85"): they contradict each other."""
    if not math.isclose(a.value, b.value, rel_tol=1e-9):
        return False
    side_a, side_b = _side(a), _side(b)
    return side_a is not None and side_b is not None and side_a != side_b


def _side(f: Stated) -> str | None:
    if f.qualifier in _FROM_BELOW or (f.qualifier == "approx" and f.low == f.value):
        return "above"
    if f.qualifier in _FROM_ABOVE or (f.qualifier == "approx" and f.high == f.value):
        return "below"
    return None


#: How far apart a bound and the figure it supports may lie: "more than 500" supports
#: "about 520", not "5,000", though "5,000" is more than 500 too.
BOUND_REACH = 1.5


def agrees(d: Figure, c: Figure) -> bool:
    """Whether ``c`` supports ``d``: intervals that meet, no opposite bounds, and for a
    bound ("over 3%", "up to $65 billion") a value within reach of it.

    >>> # see tests/test_match.py
    """
    return _agrees(d.stated, c.stated, meets(d.stated, c.stated))


def _agrees(d: Stated, c: Stated, met: bool) -> bool:
    """:func:`agrees`, with whether the intervals meet known (``met``)."""
    if not met or opposite_bounds(d, c):
        return False
    if _open(d) or _open(c) or "up_to" in (d.qualifier, c.qualifier):
        low, high = sorted((abs(d.value), abs(c.value)))
        return high <= BOUND_REACH * low
    return True


def _open(f: Stated) -> bool:
    return f.low is None or f.high is None


def slip(d: Figure, c: Figure, near: float = 0.1) -> Diagnosis | None:
    """The one slip that turns ``c``'s value into ``d``'s exactly, if there is one: a
    power of ten, swapped digits, another currency or unit for the same number, percent
    for points, or a bound on the wrong side of a figure within ``near`` (relative) of
    it ("less than $10 billion" for $10.5 billion).
    """
    return _slip(d, c, near, meets(d.stated, c.stated))


def _slip(d: Figure, c: Figure, near: float, met: bool) -> Diagnosis | None:
    """:func:`slip`, with whether the intervals meet known (``met``)."""
    if d.kind != c.kind:
        return None
    ds, cs = d.stated, c.stated
    if ds.unit != cs.unit:
        if {ds.unit, cs.unit} == {"%", "pp"} and math.isclose(ds.value, cs.value, rel_tol=1e-9):
            return "percent_vs_points"
        loose = _open(ds) or _open(cs) or "up_to" in (ds.qualifier, cs.qualifier)
        if d.kind == "money" and not loose and meets(ds, replace(cs, unit=ds.unit)):
            return "currency"  # the same number: "up to €95m" is no slip for "£74m"
        return None
    a, b = stated_number(d), stated_number(c)
    same_number = a is not None and b is not None and a != 0 and math.isclose(a, b, rel_tol=1e-9)
    if same_number and not math.isclose(ds.value / (a or 1), cs.value / (b or 1), rel_tol=1e-6):
        return "unit"  # "4 million square metres" for "4 million square feet"
    if met:
        return "qualifier" if opposite_bounds(ds, cs) else None
    k = power_of_ten(ds.value, cs.value)
    if k is not None:
        return "unit" if ds.unit in PREFIXED_UNITS and k % 3 == 0 else "scale"
    if swapped_digits(ds.value, cs.value):
        return "digits"
    bound = ds.qualifier in BOUNDS or _side(ds) is not None
    if bound and cs.value and abs(ds.value - cs.value) <= near * abs(cs.value):
        return "qualifier"
    return None


def _other_sign(d: Figure, c: Figure, relation: Relation) -> bool:
    """The same number of the same fact, but on the other side of its reference."""
    return (
        relation.blocks == ("scope:sign",)
        and math.isclose(d.stated.value, c.stated.value, rel_tol=0.02)
        and relation.metric in ("same", "related")
        and relation.party in ("same", "crossed")
    )


_GROUPS: dict[Role, Callable[[Assessment], list[Match]]] = {
    "agrees": lambda a: a.agrees,
    "slip": lambda a: a.slips,
    "same": lambda a: a.same,
    "elsewhere": lambda a: a.elsewhere,
    "aside": lambda a: a.aside,
}


def _same_statement(d: Stated, c: Stated) -> bool:
    """The same bound on the same numbers ("more than 5,300", "bis zu 8 Millionen")."""
    return (
        d.qualifier == c.qualifier
        and d.value == c.value
        and d.value_high == c.value_high
        and d.unit == c.unit
    )


def _plan_and_deed(a: Frame, b: Frame) -> bool:
    """Whether one figure is a plan and the other a thing done in the past."""
    return (a.status == "expected" and "time:past" in b.scope) or (
        b.status == "expected" and "time:past" in a.scope
    )


def in_currency(
    c: Figure, unit: str, as_of: dt.date | None, settings: Settings
) -> tuple[Figure, str] | None:
    """``c`` in the currency ``unit``, its interval widened to every ECB reference rate
    from ``Settings.conversion_window_days`` before the earlier of its date and ``as_of``
    up to ``as_of`` (and ``Settings.conversion_tolerance``), and the rate of ``as_of``
    named; None when the ECB quotes no rate for the pair or no date is known."""
    day = as_of or c.when
    rates = shipped_rates()
    if day is None or rates is None:
        return None
    first = min(c.when or day, day) - dt.timedelta(days=settings.conversion_window_days)
    stated = c.stated
    window = rates.between(stated.unit, unit, first, day)
    today = rates.on(stated.unit, unit, day)
    if not window or today is None:
        return None
    low, high = min(r.factor for r in window), max(r.factor for r in window)
    tolerance = settings.conversion_tolerance
    converted = replace(
        stated,
        unit=unit,
        value=stated.value * today.factor,
        value_high=None if stated.value_high is None else stated.value_high * today.factor,
        low=None if stated.low is None else stated.low * low * (1 - tolerance),
        high=None if stated.high is None else stated.high * high * (1 + tolerance),
    )
    return replace(c, stated=converted), f"converted at the {today.describe()}"


class Matcher:
    """Relates and sorts the candidates of draft figures (see the module doc)."""

    def __init__(
        self, parties: Parties, concepts: Mapping[str, Concept], settings: Settings
    ) -> None:
        self.relater = Relater(parties, concepts)
        self.settings = settings
        #: candidate lists seen (their figures' ids), and the indexes of those seen twice
        self._seen: dict[tuple[int, ...], None] = {}
        self._indexes: dict[tuple[int, ...], ValueIndex] = {}
        #: matches of candidates sorted by relation alone, by (index, class, relation)
        self._rows: dict[tuple[int, int, int], tuple[ValueIndex, Relation, list[Match | None]]]
        self._rows = {}
        self._kept = 0

    def assess(
        self,
        d: Figure,
        candidates: Iterable[Figure],
        as_of: dt.date | None = None,
        anchored: frozenset[tuple[str, str]] = frozenset(),
    ) -> Assessment:
        """The candidates of ``d`` sorted by role; those dated after ``as_of`` are left
        out (not known yet). ``anchored`` are the (source, sentence) of candidates whose
        sentence states another figure of the draft's sentence."""
        out = Assessment()
        relations: dict[tuple[str, str | None, str | None, str | None], Relation] = {}
        kind = d.kind
        for run, index in self._runs(candidates):
            if index is not None:
                self._sort_indexed(d, index, as_of, anchored, out)
                continue
            for c in run:
                if kind != c.kind or (as_of is not None and c.when is not None and c.when > as_of):
                    continue
                if c.origin == "ledger":  # records differ in value and date only: relate once
                    key = (c.stated.unit, c.metric, c.subject, c.counterparty)
                    relation = relations.get(key)
                    if relation is None:
                        relation = relations[key] = self.relater.relate(d, c)
                else:
                    relation = self.relater.relate(d, c, (c.source, c.sentence) in anchored)
                match = self._sort(d, c, relation, as_of)
                _GROUPS[match.role](out).append(match)
        self._reconsider_metric(out)
        for group in (out.agrees, out.slips, out.same, out.elsewhere):
            group.sort(key=_SCORE, reverse=True)  # stable: equal scores keep their order
        return out

    def _runs(
        self, candidates: Iterable[Figure]
    ) -> Iterator[tuple[list[Figure], ValueIndex | None]]:
        """The candidates in runs of ledger records and of other figures, in order; a run
        of other figures seen before, and long, comes with its index by value."""
        run: list[Figure] = []
        ledger = False
        for c in candidates:
            if (c.origin == "ledger") != ledger:
                if run:
                    yield run, None if ledger else self._index(run)
                run, ledger = [], not ledger
            run.append(c)
        if run:
            yield run, None if ledger else self._index(run)

    def _index(self, run: list[Figure]) -> ValueIndex | None:
        """The index of a run of candidates given a second time (a source's figures are
        the candidates of every draft figure); a run given once is sorted one by one."""
        if len(run) < INDEXED_RUN:
            return None
        key = tuple(map(id, run))  # the index holds the figures: their ids stay theirs
        index = self._indexes.get(key)
        if index is None and key in self._seen:
            index = self._indexes[key] = ValueIndex(run)
            if len(self._indexes) > KEPT_INDEXES:
                del self._indexes[next(iter(self._indexes))]
        self._seen[key] = None
        if len(self._seen) > KEPT_INDEXES:
            del self._seen[next(iter(self._seen))]
        return index

    def _sort_indexed(
        self,
        d: Figure,
        index: ValueIndex,
        as_of: dt.date | None,
        anchored: frozenset[tuple[str, str]],
        out: Assessment,
    ) -> None:
        """:meth:`assess` of an indexed run: a candidate whose value may matter is sorted
        on its own, any other by its frame class (see :mod:`~factcheck.compare.values`)."""
        positions = index.of_kind.get(d.kind, [])
        if as_of is not None and index.after(as_of):
            positions = [i for i in positions if (w := index.when[i]) is None or w <= as_of]
        bound = d.stated.qualifier in BOUNDS or _side(d.stated) is not None
        touched = index.touched(d, self.settings.approx_tolerance, bound)
        plains: list[_Plain | None] = [None] * len(index.sizes)
        figures, classes, slots = index.figures, index.classes, index.slots
        for i in positions:
            plain = plains[classes[i]]
            if plain is None:
                plain = plains[classes[i]] = self._plain(d, index, classes[i], anchored, out)
            c, row = figures[i], plain.row
            if row is None or touched is None or i in touched:
                match = self._sort(d, c, plain.relation, as_of)
                _GROUPS[match.role](out).append(match)
                continue
            kept = row[slots[i]]  # the same match for every draft figure of this relation
            if kept is None:
                kept = row[slots[i]] = Match(c, plain.relation, plain.role, False, None, plain.why)
            plain.group.append(kept)

    def _plain(
        self,
        d: Figure,
        index: ValueIndex,
        number: int,
        anchored: frozenset[tuple[str, str]],
        out: Assessment,
    ) -> _Plain:
        """How :meth:`_sort` sorts a candidate of class ``number`` that neither meets ``d``
        nor is off from it by a slip: by its relation alone (unless that is the other
        sign, which reads the values)."""
        c = index.figures[index.members[number]]
        relation = self.relater.relate(d, c, (c.source, c.sentence) in anchored)
        role: Role = "aside"
        if relation.blocked:
            why = "not the same fact: " + ", ".join(relation.blocks)
        elif relation.score >= SAME_MIN and self._surely_same(relation, d, c):
            role, why = "same", ""
        else:
            why = f"another value, and not surely the same fact ({relation.score:.2f})"
        if relation.blocks == ("scope:sign",):
            return _Plain(relation, role, why, _GROUPS[role](out), None)
        return _Plain(relation, role, why, _GROUPS[role](out), self._row(index, number, relation))

    def _row(self, index: ValueIndex, number: int, relation: Relation) -> list[Match | None]:
        """The matches of a class sorted by ``relation`` alone, kept for the next draft
        figure of the same frame and sentence (up to ``KEPT_MATCHES`` of them)."""
        key = (id(index), number, id(relation))
        kept = self._rows.get(key)
        if kept is not None:
            return kept[2]
        if self._kept > KEPT_MATCHES:
            self._rows.clear()
            self._kept = 0
        row: list[Match | None] = [None] * index.sizes[number]
        self._rows[key] = (index, relation, row)
        self._kept += len(row)
        return row

    def _sort(
        self, d: Figure, c: Figure, relation: Relation, as_of: dt.date | None = None
    ) -> Match:
        ds, cs = d.stated, c.stated
        met = meets(ds, cs)  # read twice below: whether they agree, and which slip it is
        ok = _agrees(ds, cs, met)
        if not ok and d.kind == "money" and ds.unit != cs.unit:
            # "rund 43 Milliarden Euro" against "$50 billion": agreed at a rate of the
            # period; "currency" is left for a figure no rate of it gives
            converted = in_currency(c, ds.unit, as_of, self.settings)
            if (
                converted is not None
                and agrees(d, converted[0])
                and not self._same_number_unconverted(d, c, converted[0])
            ):
                match = self._sort(d, converted[0], relation, as_of)
                return replace(match, figure=c, note=converted[1])
        if _other_sign(d, c, relation):
            # "35% below the close" for "a 35% premium to the close"
            return Match(c, relation, "slip", False, "qualifier")
        if relation.blocked:
            # another metric of the draft's own party ("$29bn" as a valuation, not a
            # round); of a party only named somewhere, it is no sure attribution
            own = relation.blocks == ("metric",) and relation.party in ("same", "crossed")
            attributable = set(relation.blocks) <= _ATTRIBUTION_BLOCKS and (
                relation.metric in ("same", "related") or own
            )
            if ok and self._equal(d, c) and attributable:
                return Match(c, relation, "elsewhere", ok, "attribution")
            return Match(
                c, relation, "aside", ok, why="not the same fact: " + ", ".join(relation.blocks)
            )
        score = relation.score
        if ok:
            least = self._agree_min(d, c, relation)
            if score >= least:
                return Match(c, relation, "agrees", True)
            return Match(
                c,
                relation,
                "aside",
                True,
                why=f"agrees, but too little says it is the same fact ({score:.2f} < {least:.2f})",
            )
        found = _slip(d, c, self.settings.approx_tolerance, met)
        if found is not None and score >= SLIP_MIN and self._slip_fits(relation):
            round_scale = found == "scale" and not (distinctive(d) or distinctive(c))
            if not round_scale or relation.metric in ("same", "related") or relation.anchored:
                # "1 billion" and "10 billion" both occur by chance: the metric must say
                # it is one fact
                return Match(c, relation, "slip", False, found)
        if score >= SAME_MIN and self._surely_same(relation, d, c):
            return Match(c, relation, "same", False)
        why = f"another value, and not surely the same fact ({score:.2f})"
        return Match(c, relation, "aside", False, found, why)

    def _same_number_unconverted(self, d: Figure, c: Figure, converted: Figure) -> bool:
        """Whether ``d`` states ``c``'s number in another currency where the rate gives
        another: "300 Millionen Franken" for "300 Millionen Euro" is the currency slip,
        not a conversion that its rounding happens to allow (at a rate near 1 the same
        number is a conversion)."""
        a, b = stated_number(d), stated_number(c)
        if a is None or b is None or not math.isclose(a, b, rel_tol=1e-9):
            return False
        return not math.isclose(
            converted.stated.value, d.stated.value, rel_tol=self.settings.conversion_tolerance
        )

    def _reconsider_metric(self, out: Assessment) -> None:
        """The draft's value for its own party under another metric word ("a price tag of
        $29bn" and "a $29bn valuation") is the same fact told in other words, unless the
        sources give the draft's metric for that party another value (then the draft took
        the wrong figure: "raised $7.3bn" where $7.3bn was the valuation)."""
        rivals = [
            m for m in out.all()
            if m.relation.metric == "same" and m.relation.party in ("same", "crossed")
            and not m.agrees
        ]  # fmt: skip
        if rivals:
            return
        kept: list[Match] = []
        for m in out.elsewhere:
            if m.relation.blocks == ("metric",) and m.relation.party in ("same", "crossed"):
                out.agrees.append(replace(m, role="agrees", diagnosis=None))
            else:
                kept.append(m)
        out.elsewhere = kept

    def _agree_min(self, d: Figure, c: Figure, relation: Relation) -> float:
        ds, cs = d.stated, c.stated
        bounded = ds.high is None or ds.low is None or cs.high is None or cs.low is None
        if bounded or ds.qualifier == "up_to" or cs.qualifier == "up_to":
            said_again = _same_statement(ds, cs) and not _plan_and_deed(d.frame, c.frame)
            if said_again and relation.party in ("same", "crossed"):
                # "more than 5,300" of the party for "mehr als 5.300": one statement told
                # twice, though the metric went unread; taken as an exact figure is
                return self._exact_min(d, c)
            if relation.metric not in ("same", "related") or relation.party in ("weak", "other"):
                return math.inf  # "up to 65bn" meets nearly anything
            ceiling = ds.qualifier == "up_to" or cs.qualifier == "up_to"
            if ceiling and _plan_and_deed(d.frame, c.frame):
                return math.inf  # "will buy back up to €2bn" is not last year's €1.5bn
            return self.settings.match_threshold + BOUND_EXTRA
        return self._exact_min(d, c)

    def _exact_min(self, d: Figure, c: Figure) -> float:
        same_number = math.isclose(d.stated.value, c.stated.value, rel_tol=0.02)
        least = self.settings.match_threshold
        return least if same_number and distinctive(d) else least + ROUND_EXTRA

    def _slip_fits(self, relation: Relation) -> bool:
        """Nothing weighs against one fact: no metric of another family, no party surely
        another; a party told only vaguely ("the company", the story's party) will do
        when both figures state the same metric."""
        if relation.metric in ("weak", "other") or relation.party == "other":
            return False
        return relation.party != "weak" or relation.metric == "same"

    def _surely_same(self, relation: Relation, d: Figure, c: Figure) -> bool:
        """The same party and metric (or a sentence of the same event), the same scope,
        and the same status: a rumour, a forecast and a result are three facts."""
        ours, theirs = d.frame.status, c.frame.status
        # a plain fact may be told by a source as hearsay ("people familiar said"), a plan
        # of the draft's by a source as a plain fact ("will employ"); otherwise a rumour,
        # forecast or earlier value is compared with its like only
        if ours != theirs and (ours, theirs) not in _STATUS_PAIRS:
            return False
        told = d.frame.sure_subject or c.frame.sure_subject
        if not (told or relation.anchored or relation.shared):
            # both parties guessed from the story, nothing else sets the fact apart: too
            # little to call it one fact
            return False
        return self._same_frame(relation)

    def _same_frame(self, relation: Relation) -> bool:
        """The same party and metric, or a related metric in a sentence that reports the
        same event (another of its figures stated in both)."""
        if relation.total_differs or relation.part_differs:
            return False
        if (
            relation.metric == "related"
            and relation.shared
            and relation.party in ("same", "crossed")
        ):
            return True  # another word for the metric, but the same total, period, mark …
        if relation.anchored:  # a sentence that reports the same event: a party not known
            # to be another (a party merely named in the draft's sentence may be another)
            return relation.metric in ("same", "related") and relation.party in (
                "same",
                "crossed",
                "unknown",
                "weak",
            )
        return relation.metric == "same" and relation.party in ("same", "crossed")

    def _equal(self, d: Figure, c: Figure) -> bool:
        """Whether ``c`` states the draft's very value, distinctive enough to tell."""
        ds, cs = d.stated, c.stated
        return (
            cs.unit == ds.unit
            and math.isclose(cs.value, ds.value, rel_tol=1e-9)
            and cs.value_high == ds.value_high
            and len(significant_digits(ds.value)[0]) >= 2
        )
