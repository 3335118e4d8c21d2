"""The ledger's records and the ledger itself, as :func:`~factcheck.sources.ledger.load_ledger`
gives them: one frozen :class:`LedgerRecord` per ``[[claims]]`` table, and a
:class:`Ledger` that resolves entity aliases and finds records by entity and metric.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, make_dataclass
from typing import Any, Literal, TypeVar

from factcheck.models import Claim, Stated
from factcheck.sources.ledger.read import Row


@dataclass(frozen=True, slots=True)
class LedgerRecord:
    """One verified figure: whose, what it measures, the figure, as of when, and where from."""

    entity: str  # canonical name: an alias in the file is resolved to its entity
    metric: str
    stated: Stated  # its words are the value string as written
    as_of: dt.date  # the first day of the stated period ("2025-09" is 2025-09-01)
    as_of_precision: Literal["year", "month", "day"]
    source: str
    counterparty: str | None
    note: str | None
    path: str
    line: int  # 1-based line of the record's [[claims]] header
    lang: str

    @property
    def as_of_text(self) -> str:
        """``as_of`` as precisely as it was stated: "2025", "2025-09" or "2025-03-03"."""
        width = {"year": 4, "month": 7, "day": 10}[self.as_of_precision]
        return self.as_of.isoformat()[:width]

    @property
    def sentence(self) -> str:
        """A short readable statement of the record, e.g. for a report's evidence.

        >>> _example().sentence
        'Alphabet stake in Anthropic: 14% (2025-03)'
        """
        metric = self.metric.replace("_", " ")
        # A stake or an investment is *in* the other party; anything else is *with* it.
        linked = "in" if self.metric in {"stake", "investment"} else "with"
        party = f" {linked} {self.counterparty}" if self.counterparty else ""
        return f"{self.entity} {metric}{party}: {self.stated.text} ({self.as_of_text})"

    def to_claim(self) -> Claim:
        """The record as a :class:`~factcheck.models.Claim`, to stand as evidence.

        Its id depends on what the record says, not on where the ledger is installed.

        >>> claim = _example().to_claim()
        >>> claim.subject, claim.counterparty, claim.metric, claim.low, claim.id
        ('Alphabet', 'Anthropic', 'stake', 13.65, 'l-709203799b5cf665')
        """
        text = self.stated.text
        said = (self.entity, self.metric, text, self.as_of_text, self.counterparty, self.source)
        digest = hashlib.sha1("\x1f".join(p or "" for p in said).encode()).hexdigest()
        return Claim(
            **self.stated.as_fields(),
            id=f"l-{digest[:16]}",
            start=0,
            end=len(text),
            line=self.line,
            column=1,
            metric=self.metric,
            subject=self.entity,
            counterparty=self.counterparty,
            as_of=self.as_of,
            sentence=self.sentence,
            lang=self.lang,
        )


Pair = tuple[str, str]  # (entity, metric)


@dataclass
class Ledger:
    """Every record of a ledger, with the entities they are about.

    ``entities`` maps each canonical name to its aliases; an entity that a record names
    without an ``[[entities]]`` declaration is there too, as its own canonical name.
    """

    entities: dict[str, tuple[str, ...]]
    records: list[LedgerRecord]
    files: list[tuple[str, int]]  # (path, records read from it)
    _lookup: dict[str, str] = field(init=False, repr=False, compare=False)
    _index: tuple[dict[Pair, list[LedgerRecord]], dict[Pair, list[int]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._lookup = {}
        for name, aliases in self.entities.items():
            for alias in (name, *aliases):
                self._lookup.setdefault(alias.casefold(), name)

    def canonical(self, name: str) -> str | None:
        """The canonical name for an entity name or alias, in any case; None if unknown.

        >>> Ledger({"Alphabet": ("Google",)}, [], []).canonical("GOOGLE")
        'Alphabet'
        """
        return self._lookup.get(name.strip().casefold())

    def names(self) -> list[str]:
        """Every entity name and alias (for the extractor's ``entities``)."""
        return [alias for name, aliases in self.entities.items() for alias in (name, *aliases)]

    def select(self, *, entity: str | None = None, metric: str | None = None) -> list[LedgerRecord]:
        """The records about ``entity`` (any alias) and/or of ``metric``, in ledger order."""
        if entity is None and metric is None:
            return list(self.records)
        name = None if entity is None else self.canonical(entity)
        if entity is not None and name is None:
            return []
        if name is not None and metric is not None:  # the common question: one list copy
            return list(self._pairs()[0].get((name, metric), ()))
        # One side only: merge the positions of every matching pair back into order.
        lists = [p for (e, m), p in self._pairs()[1].items() if e == name or m == metric]
        return list(map(self.records.__getitem__, heapq.merge(*lists)))

    def _pairs(self) -> tuple[dict[Pair, list[LedgerRecord]], dict[Pair, list[int]]]:
        # Built on the first select, not at load: a check of one draft may never select.
        if self._index is None or self._indexed != len(self.records):
            found: dict[Pair, list[LedgerRecord]] = {}
            positions: dict[Pair, list[int]] = {}
            for position, record in enumerate(self.records):
                pair = (record.entity, record.metric)
                if pair in found:
                    found[pair].append(record)
                    positions[pair].append(position)
                else:
                    found[pair], positions[pair] = [record], [position]
            self._index, self._indexed = (found, positions), len(self.records)
        return self._index


def _example() -> LedgerRecord:
    """A record for the doctests."""
    return LedgerRecord(
        "Alphabet", "stake", Stated("14%", 14.0, None, "%", None, "exact", 13.65, 14.35),
        dt.date(2025, 3, 1), "month", "https://example.org/stake", "Anthropic", None,
        "claims/anthropic.toml", 12, "en",
    )  # fmt: skip


_Frozen = TypeVar("_Frozen")


def _thawed(cls: type[_Frozen]) -> Any:
    """``cls`` (a frozen slotted dataclass) without the freeze: the same slots in the
    same order, so that an instance may become a ``cls`` by assigning its ``__class__``
    (see :func:`records_from_rows`)."""
    names = [(f.name, f.type) for f in fields(cls)]  # type: ignore[arg-type]
    return make_dataclass(f"_Thawed{cls.__name__}", names, slots=True, eq=False)


_ThawedRecord, _ThawedStated = _thawed(LedgerRecord), _thawed(Stated)


def figures_from_tuples(values: Iterable[tuple[Any, ...]]) -> list[Stated]:
    """The figures of a file from their plain tuples (as the cache keeps them): this is
    ``[Stated(*v) for v in values]``, only faster (see :func:`records_from_rows`)."""
    thawed, frozen = _ThawedStated, Stated
    out: list[Stated] = []
    append = out.append
    for value in values:
        s = thawed(*value)
        s.__class__ = frozen
        append(s)
    return out


def records_from_rows(
    path: str, figures: Sequence[Stated], rows: Iterable[Row], dates: dict[int, dt.date]
) -> list[LedgerRecord]:
    """The records of one file's rows, whose ``figure`` indexes ``figures`` (``dates``
    shares one date object per day).

    This is ``[LedgerRecord(e, m, figures[f], date(d), *rest) for e, m, f, d, *rest in
    rows]``, only faster. A frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, some 3 µs a record, and a large ledger has a million records.
    An unfrozen twin with the same slots builds the object with plain stores at a third
    of the cost; assigning ``__class__`` then makes it a true LedgerRecord, which CPython
    allows because the two layouts are the same. A test checks the result against the
    plain constructor. Rows read back from the cache are plain tuples in :class:`Row`'s
    layout (marshal keeps no named tuples), unpacked here alike.
    """
    thawed, frozen = _ThawedRecord, LedgerRecord
    out: list[LedgerRecord] = []
    append = out.append
    for e, m, f, day, p, s, c, note, line, lang in rows:
        as_of = dates.get(day)
        if as_of is None:
            as_of = dates[day] = dt.date.fromordinal(day)
        r = thawed(e, m, figures[f], as_of, p, s, c, note, path, line, lang)
        r.__class__ = frozen
        append(r)
    return out
