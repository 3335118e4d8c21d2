"""The frame of a figure: who, what, with whom, where and when it is about.

Two figures can only be compared when their frames describe the same fact: the same
party and metric, the same scope (Germany or Europe, a division or the group, a quarter
or a year), and the same time (the current value, not an earlier one or a forecast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from factcheck.lexicon import Status

#: How the subject was found, from the surest to the least sure: named as the figure's
#: owner ("Intel's", "Intel-Aktie"), the name that is the clause's subject, the name a
#: description or pronoun refers to ("the chipmaker", "its"), the story's main party
#: (nothing in the sentence names one), or given by a ledger record.
SubjectBy = Literal["owner", "clause", "sentence", "reference", "topic", "record", "none"]


@dataclass(frozen=True, slots=True)
class Frame:
    """What a figure is about, beyond its value and unit."""

    subject: str | None = None
    subject_by: SubjectBy = "none"
    counterparty: str | None = None
    metric: str | None = None
    #: whether a word of the metric stands right beside the figure ("valued at $X", "a
    #: 9.9% stake"), rather than somewhere in its sentence
    metric_sure: bool = False
    #: every metric the figure's clause names words for ("a part of the round … structured
    #: as debt": funding and debt)
    cues: frozenset[str] = frozenset()
    #: "dimension:value" tags of the figure's clause ("region:DE", "period:quarter")
    scope: frozenset[str] = frozenset()
    #: an earlier value, a forecast, an unconfirmed report or a threshold; None: a fact
    status: Status | None = None
    #: years named in the figure's clause
    years: frozenset[int] = frozenset()
    #: every party the sentence names (folded), for telling a rival figure from another
    #: party's
    named: frozenset[str] = field(default_factory=frozenset)
    #: names in the subject's own phrase ("Amazon's Project Rainier campus"), folded
    also: frozenset[str] = frozenset()

    @property
    def sure_subject(self) -> bool:
        """Whether the subject was read from the figure's own sentence or a record."""
        return self.subject is not None and self.subject_by in ("owner", "clause", "record")


def scope_dimensions(
    scope: frozenset[str], only: frozenset[str] | None = None
) -> dict[str, set[str]]:
    """The values each dimension of a scope names ("period:quarter" -> period: quarter),
    of the dimensions in ``only`` when given.

    >>> sorted(scope_dimensions(frozenset({"price:close", "price:offer"}))["price"])
    ['close', 'offer']
    """
    found: dict[str, set[str]] = {}
    for tag in scope:
        dim, _, value = tag.partition(":")
        if only is None or dim in only:
            found.setdefault(dim, set()).add(value)
    return found
