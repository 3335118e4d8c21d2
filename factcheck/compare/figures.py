"""One shape for every figure compared: a draft's, a source document's, a ledger's.

A :class:`Figure` keeps what matching needs (unit, interval, metric, parties, context)
and builds the full :class:`~factcheck.models.Claim` only when it becomes evidence, so
a ledger of a million records costs a claim per figure actually shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from factcheck.frame.model import Frame
from factcheck.lexicon import Kind, unit_kind
from factcheck.models import Claim, Qualifier

#: "cited": a source figure from a document the draft links in the figure's paragraph.
Origin = Literal["draft", "cited", "source", "ledger"]


#: The frame of a figure nothing was read about.
_NO_FRAME = Frame()


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure and what it is about, wherever it was stated."""

    text: str
    value: float
    value_high: float | None
    unit: str
    low: float | None
    high: float | None
    qualifier: Qualifier
    metric: str | None
    subject: str | None
    counterparty: str | None
    noun: str | None
    sentence: str
    lang: str
    #: When the figure held or was published: a record's as_of, a source's date.
    when: dt.date | None
    #: The ``id`` of the report source it came from.
    source: str
    origin: Origin
    #: Where a reader finds it: a file name, or a ledger file and line.
    where: str
    make_claim: Callable[[], Claim]
    #: ``when`` as precisely as it was stated ("2025-09"); None: the full date.
    when_text: str | None = None
    #: what the figure is about, as read from its sentence and document
    frame: Frame = _NO_FRAME

    @property
    def when_label(self) -> str | None:
        if self.when is None:
            return None
        return self.when_text or self.when.isoformat()

    @property
    def kind(self) -> Kind:
        return unit_kind(self.unit)

    def claim(self) -> Claim:
        return self.make_claim()


def from_claim(
    claim: Claim,
    *,
    source: str,
    origin: Origin,
    when: dt.date | None,
    where: str,
    frame: Frame | None = None,
) -> Figure:
    """The figure of an extracted claim; ``when`` is the claim's own date if it has one.

    With a ``frame``, its parties and metric stand for the claim's own, and the claim
    shown as evidence carries them.
    """
    if frame is None:
        frame = Frame(
            subject=claim.subject,
            subject_by="clause" if claim.subject else "none",
            counterparty=claim.counterparty,
            metric=claim.metric,
        )
    else:
        parties = {"subject": frame.subject, "counterparty": frame.counterparty}
        claim = claim.model_copy(update={"metric": frame.metric, **parties})
    shown = claim
    return Figure(
        text=claim.text,
        value=claim.value,
        value_high=claim.value_high,
        unit=claim.unit,
        low=claim.low,
        high=claim.high,
        qualifier=claim.qualifier,
        metric=frame.metric,
        subject=frame.subject,
        counterparty=frame.counterparty,
        noun=claim.noun,
        sentence=claim.sentence,
        lang=claim.lang,
        when=claim.as_of or when,
        source=source,
        origin=origin,
        where=where,
        make_claim=lambda: shown,
        frame=frame,
    )


class Stated(Protocol):
    """What :func:`meets` reads: a figure's unit, interval and qualifier (a ledger record
    has them)."""

    @property
    def unit(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def qualifier(self) -> Qualifier: ...


def meets(a: Stated, b: Stated) -> bool:
    """Whether two figures agree: the same unit and intervals that meet.

    An open end (``None``) reaches to infinity; a closed one is inclusive, except the
    stated end of "more than" and "less than": "more than 500" and "nearly 500" (which
    ends at 500) do not meet.
    """
    if a.unit != b.unit:
        return False
    slack = 1e-9 * max(abs(a.value), abs(b.value), 1.0)  # float noise in converted units
    return _below(a, b, slack) and _below(b, a, slack)


def _below(a: Stated, b: Stated, slack: float) -> bool:
    """Whether ``a`` starts at or below where ``b`` ends (strictly, if either end is
    exclusive)."""
    if a.low is None or b.high is None:
        return True
    if a.qualifier == "over" or b.qualifier == "under":
        return a.low < b.high - slack
    if a.qualifier == "exact" and b.qualifier == "exact" and a.low != a.high and b.low != b.high:
        # two figures stated to a precision touch at a rounding boundary, they do not
        # meet: "79 days" and "78 days"
        return a.low < b.high - slack
    return a.low <= b.high + slack


def same_kind(a: Figure, b: Figure) -> bool:
    """Whether two figures measure the same kind of thing (any currency is money)."""
    return a.kind == b.kind
