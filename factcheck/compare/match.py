"""Which figures are about the same thing as a draft's figure, and how surely.

Two figures can only be about the same thing when they measure the same kind of
quantity (money, percent, count, power, …), their metrics are compatible (equal, one
refining the other, or unknown on one side) and so are their parties (the same company
or one unknown). Among the compatible ones a score ranks how similar they are:

    score = 0.5 · metric + 0.4 · parties + 0.1 · context

Metric and parties score 1 when both sides state the same, less when one side is
unknown; context is how alike the sentences or counted nouns are. Figures scoring below
``Settings.match_threshold`` do not match: a figure with nothing above it is unverified.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.compare.diagnose import diagnose, significant_digits
from factcheck.compare.figures import Figure, meets
from factcheck.compare.parties import PART, Parties
from factcheck.lexicon import Concept
from factcheck.models import Diagnosis
from factcheck.settings import Settings

#: Weights of the score's parts; they sum to 1.
METRIC_WEIGHT, PARTY_WEIGHT, CONTEXT_WEIGHT = 0.5, 0.4, 0.1
#: Metric part: stated alike, one refining the other, one side unknown, both unknown.
METRIC_SAME, METRIC_RELATED, METRIC_ONE_UNKNOWN, METRIC_BOTH_UNKNOWN = 1.0, 0.8, 0.6, 0.4
#: Party part: the same, crossed (one's subject is the other's counterparty), named in
#: the draft's sentence though not its subject ("Amazon's Project Rainier campus"), unknown.
PARTY_CROSSED, PARTY_MENTIONED, PARTY_ONE_UNKNOWN, PARTY_BOTH_UNKNOWN = 0.7, 0.6, 0.6, 0.5
#: Context part where sentences cannot be compared word for word (other language, ledger).
CONTEXT_OTHER_LANGUAGE, CONTEXT_LEDGER = 0.4, 0.5
#: Counterparties that are both known and differ lower the score by this much.
COUNTERPARTY_MISMATCH = 0.3
#: Least similarity (0..1) of two counted nouns for counts without a metric to match.
NOUN_SIMILARITY = 0.5
#: Matches scoring this close to the best one are about the same thing as it; weaker
#: matches (about something else, most likely) are left out.
GROUP_MARGIN = 0.1
#: Added to the score only to order matches: agreeing, or off by a recognisable slip.
AGREES_BONUS, SLIP_BONUS = 0.05, 0.03


@dataclass(frozen=True, slots=True)
class Match:
    """A figure about the same thing as the draft's, and how it compares."""

    figure: Figure
    score: float
    agrees: bool
    diagnosis: Diagnosis | None

    @property
    def rank(self) -> float:
        bonus = AGREES_BONUS if self.agrees else SLIP_BONUS if self.diagnosis else 0.0
        return self.score + bonus


class Matcher:
    """Scores candidate figures against a draft figure (see the module doc)."""

    def __init__(
        self, parties: Parties, concepts: Mapping[str, Concept], settings: Settings
    ) -> None:
        self.parties = parties
        self.concepts = concepts
        self.settings = settings

    def metric_part(self, a: str | None, b: str | None) -> float | None:
        if a is None and b is None:
            return METRIC_BOTH_UNKNOWN
        if a is None or b is None:
            return METRIC_ONE_UNKNOWN
        if a == b:
            return METRIC_SAME
        ca, cb = self.concepts.get(a), self.concepts.get(b)
        if (ca and ca.refines == b) or (cb and cb.refines == a):
            return METRIC_RELATED
        return None

    def party_part(self, d: Figure, c: Figure) -> float | None:
        if d.subject is None and c.subject is None:
            return PARTY_BOTH_UNKNOWN
        if d.subject is None or c.subject is None:
            return PARTY_ONE_UNKNOWN
        same = self.parties.similarity(d.subject, c.subject)
        if same >= PART:
            return same
        if self.parties.same(d.subject, c.counterparty) or self.parties.same(
            d.counterparty, c.subject
        ):
            return PARTY_CROSSED
        if self.parties.mentions(d.sentence, c.subject):
            return PARTY_MENTIONED
        return None

    def context_part(self, d: Figure, c: Figure) -> float | None:
        if d.noun and c.noun and d.lang == c.lang:
            nouns = fuzz.token_set_ratio(d.noun.casefold(), c.noun.casefold()) / 100
            if nouns < NOUN_SIMILARITY and d.metric is None and c.metric is None:
                return None  # "40 charging hubs" and "40 employees" are not one figure
        if c.origin == "ledger":
            return CONTEXT_LEDGER
        if d.lang != c.lang:
            return CONTEXT_OTHER_LANGUAGE
        return float(fuzz.token_set_ratio(d.sentence.casefold(), c.sentence.casefold())) / 100

    def score(self, d: Figure, c: Figure) -> float | None:
        """How surely ``c`` is about what ``d`` is about; None when it cannot be."""
        if d.kind != c.kind:
            return None
        metric = self.metric_part(d.metric, c.metric)
        if metric is None:
            return None
        party = self.party_part(d, c)
        if party is None:
            return None
        context = self.context_part(d, c)
        if context is None:
            return None
        score = METRIC_WEIGHT * metric + PARTY_WEIGHT * party + CONTEXT_WEIGHT * context
        other_counterparty = (
            d.counterparty is not None
            and c.counterparty is not None
            and party != PARTY_CROSSED
            and not self.parties.same(d.counterparty, c.counterparty)
        )
        if other_counterparty:
            score -= COUNTERPARTY_MISMATCH
        return score

    def misattributed(self, d: Figure, candidates: Iterable[Figure]) -> list[Figure]:
        """Figures equal to ``d`` but stated for another party or another metric.

        Only figures distinctive enough that sharing them is unlikely to be chance
        (two significant digits or more: "14%", "$61.5 billion", not "10%").
        """
        if d.qualifier != "exact" or len(significant_digits(d.value)[0]) < 2:
            return []
        found: list[Figure] = []
        for c in candidates:
            if c.unit != d.unit or c.value_high != d.value_high:
                continue
            if not math.isclose(c.value, d.value, rel_tol=1e-9):
                continue
            metric_fits = self.metric_part(d.metric, c.metric) is not None
            party = self.party_part(d, c)
            other_party = party is None and d.metric is not None and d.metric == c.metric
            other_metric = not metric_fits and party is not None and party >= PART
            if other_party or other_metric:
                found.append(c)
        return found

    def matches(
        self, d: Figure, candidates: Iterable[Figure], as_of: dt.date | None = None
    ) -> list[Match]:
        """The best group of candidates that match ``d``, best first.

        Candidates dated after ``as_of`` are not known yet and left out; so are those
        scoring more than ``GROUP_MARGIN`` below the best.
        """
        scored: list[tuple[float, Figure]] = []
        ledger_scores: dict[tuple[str, str | None, str | None, str | None], float | None] = {}
        for c in candidates:
            if as_of is not None and c.when is not None and c.when > as_of:
                continue
            if c.origin == "ledger":  # records differ in value and date only: score once
                key = (c.unit, c.metric, c.subject, c.counterparty)
                if key not in ledger_scores:
                    ledger_scores[key] = self.score(d, c)
                score = ledger_scores[key]
            else:
                score = self.score(d, c)
            if score is not None and score >= self.settings.match_threshold:
                scored.append((score, c))
        if not scored:
            return []
        best = max(score for score, _ in scored)
        found: list[Match] = []
        for score, c in scored:
            if score >= best - GROUP_MARGIN:
                agrees = meets(d, c)
                slip = None if agrees else diagnose(d, c, self.settings)
                found.append(Match(c, score, agrees, slip))
        found.sort(key=lambda m: -m.rank)
        return found
