"""One ledger file into entity declarations and record rows, every problem with its line.

The ``[[claims]]`` tables of a file are checked by pydantic in one call (strict, and a
key that is not in the schema is refused, so a typo is never silently ignored); then
each record's ``metric`` is looked up in ``concepts.toml``, its ``as_of`` read with its
precision, and its ``value`` read by factcheck's own extractor
(:mod:`~factcheck.sources.ledger.values`), so that a ledger figure means exactly what
the same words would mean in a draft.

A file leaves this module as :class:`FileData`: its entities, its distinct figures
(each :class:`~factcheck.models.Stated` once, however many records state it) and a
:class:`Row` per record, a tuple of plain values that points into the figures: what the
on-disk cache stores and what :mod:`factcheck.sources.ledger.records` turns into
:class:`~factcheck.sources.ledger.records.LedgerRecord` objects.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, NotRequired
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    with_config,
)
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from factcheck.errors import LedgerError
from factcheck.lexicon import Kind, load_concepts, unit_kind
from factcheck.models import Stated
from factcheck.sources.ledger.file import Table, TomlFile, read_toml_file, read_toml_text
from factcheck.sources.ledger.values import Precision, ValueReader, toml_type


class Row(NamedTuple):
    """One checked ``[[claims]]`` table, in plain values (what the cache stores)."""

    entity: str
    metric: str
    #: the record's figure: an index into its file's :attr:`FileData.figures`
    figure: int
    #: ``as_of`` as a proleptic ordinal (the first day of the stated period)
    as_of: int
    precision: Precision
    source: str
    counterparty: str | None
    note: str | None
    #: the 1-based line of the table's ``[[claims]]`` header
    line: int
    lang: str


#: (canonical name, aliases, line of the [[entities]] header)
EntityRow = tuple[str, tuple[str, ...], int]

#: A problem of one table: the key to point at (None: the table's header) and what is wrong.
Problem = tuple[str | None, str]

TOP_LEVEL = ("entities", "claims")

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# strict: a number where a string belongs is a typo, not something to convert
_STRICT = ConfigDict(extra="forbid", strict=True)


class EntityEntry(BaseModel):
    """An ``[[entities]]`` table: a company and the other names it goes by."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: _Text
    aliases: list[_Text] = Field(default_factory=list)


@with_config(_STRICT)
class ClaimFields(TypedDict):
    """A ``[[claims]]`` table as written.

    A typed dict rather than a model: a file's tables are checked in one call, at a
    third of the cost of building a model per record. ``as_of`` (a TOML date or a
    string) is read afterwards by :func:`parse_as_of`, which says more than a union
    type's errors would.
    """

    entity: _Text
    metric: _Text
    value: _Text
    as_of: Any
    source: _Text
    counterparty: NotRequired[_Text]
    note: NotRequired[_Text]
    lang: NotRequired[Literal["en", "de"]]


_CLAIM = TypeAdapter(ClaimFields)
_CLAIMS = TypeAdapter(list[ClaimFields])
CLAIM_KEYS = tuple(ClaimFields.__annotations__)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _messages(exc: ValidationError, keys: Iterable[str], skip: int = 0) -> dict[int, list[Problem]]:
    """Pydantic's complaints by item (``skip=1``: the loc starts with a list index)."""
    out: dict[int, list[Problem]] = {}
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        item = int(loc[0]) if skip else 0
        key = str(loc[skip]) if len(loc) > skip else None
        kind, given = error["type"], error.get("input")
        if kind == "missing":
            found: Problem = (None, f"missing required key {key!r}")
        elif kind == "extra_forbidden":
            found = (key, f"unknown key {key!r}{_did_you_mean(str(key), keys)}")
        elif kind == "string_too_short":
            found = (key, f"{key!r} is empty")
        elif kind == "string_type":
            found = (key, f"{key!r} must be a string, not {toml_type(given)}")
        elif kind == "literal_error":
            found = (key, f"{key!r} must be {error['ctx']['expected']}, not {given!r}")
        elif kind in {"list_type", "dict_type"}:
            found = (key, f"{key!r} must be {error['msg'].removeprefix('Input should be ')}")
        else:
            found = (key, f"{key!r}: {error['msg']}")
        out.setdefault(item, []).append(found)
    return out


def is_web_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL with a host: what a record's ``source`` must be.

    >>> is_web_url("https://example.org/report#p3"), is_web_url("Annual report, p. 12")
    (True, False)
    >>> is_web_url("example.org/report"), is_web_url("https:// example.org")
    (False, False)
    """
    if any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # a malformed port or IPv6 address
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _metric_kinds() -> dict[str, tuple[Kind, ...]]:
    return {key: concept.kinds for key, concept in load_concepts().items()}


def _check(
    fields: Mapping[str, Any], reader: ValueReader, kinds: Mapping[str, tuple[Kind, ...]]
) -> tuple[tuple[dt.date, Precision], Stated] | list[Problem]:
    """A record's date and figure, or what is wrong with its metric, date or value.

    ``fields`` are normally a valid :class:`ClaimFields`; for a table that pydantic
    refused they are what is left of it, and only what is there is checked, so that one
    pass reports every problem of the table.
    """
    problems: list[Problem] = []
    metric, value, lang = fields.get("metric"), fields.get("value"), fields.get("lang", "en")
    allowed = None
    if isinstance(metric, str):
        metric = metric.strip()
        allowed = kinds.get(metric)
        if allowed is None:
            problems.append(("metric", f"unknown metric {metric!r}{_did_you_mean(metric, kinds)}"))
    source = fields.get("source")
    if isinstance(source, str) and source.strip() and not is_web_url(source.strip()):
        message = f"'source' must be the http(s) URL the figure was verified at, not {source!r}"
        problems.append(("source", message))
    as_of = reader.as_of(fields["as_of"]) if "as_of" in fields else None
    if isinstance(as_of, str):
        problems.append(("as_of", as_of))
    reading = None
    if isinstance(value, str) and value.strip() and lang in ("en", "de"):
        value = value.strip()
        reading = reader.read(value, lang)
        if isinstance(reading, str):
            problems.append(("value", reading))
        elif allowed is not None and unit_kind(reading.unit) not in allowed:
            problems.append(("value", _kind_problem(reading, str(metric), allowed, reader, lang)))
    if problems or not isinstance(as_of, tuple) or not isinstance(reading, Stated):
        return problems
    return as_of, reading


def _kind_problem(
    reading: Stated, metric: str, allowed: tuple[Kind, ...], reader: ValueReader, lang: str
) -> str:
    """Why a value cannot be the metric's figure, with a hint if it is the other language's."""
    kind = unit_kind(reading.unit)
    what = f"a count of {reading.noun!r}" if reading.noun else f"{kind} ({reading.unit})"
    hint = ""
    other = "de" if lang == "en" else "en"
    again = reader.read(reading.text, other)
    if isinstance(again, Stated) and unit_kind(again.unit) in allowed:
        language = "German" if other == "de" else "English"
        hint = f"; if it is written in {language}, set lang = {other!r}"
    text = reading.text
    return f"value {text!r} is read as {what}, but {metric} is {' or '.join(allowed)}{hint}"


@dataclass
class FileData:
    """What one ledger file declares and records; ``problems`` empty if all is well."""

    entities: list[EntityRow] = field(default_factory=list)
    #: each distinct figure of the file's records once (a large ledger repeats its
    #: figures a lot); a row's ``figure`` is its index here
    figures: list[Stated] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[LedgerError] = field(default_factory=list)


def read_ledger_file(path: Path, reader: ValueReader) -> FileData:
    """Check and read one ledger file; a file that is not TOML is one problem."""
    try:
        toml = read_toml_file(path)
    except LedgerError as exc:
        return FileData(problems=[exc])
    return _read_tables(toml, reader)


def read_ledger_text(text: str, location: str, reader: ValueReader) -> FileData:
    """:func:`read_ledger_file` for text in hand (a file about to be written)."""
    try:
        toml = read_toml_text(text, location)
    except LedgerError as exc:
        return FileData(problems=[exc])
    return _read_tables(toml, reader)


def _read_tables(toml: TomlFile, reader: ValueReader) -> FileData:
    data = FileData(problems=list(toml.problems))
    where = toml.location

    def located(table: Table, found: list[Problem]) -> None:
        for key, message in found:
            line = table.line if key is None else toml.key_line(table, key)
            data.problems.append(LedgerError(where, message, line))

    for name, line in toml.other:
        message = f"unknown key {name!r}: a ledger file holds [[entities]] and [[claims]] tables"
        data.problems.append(LedgerError(where, message, line))
    for name, tables in toml.tables.items():
        if name not in TOP_LEVEL:
            message = f"unknown table [[{name}]]{_did_you_mean(name, TOP_LEVEL)}"
            data.problems.append(LedgerError(where, message, tables[0].line if tables else 1))
    for table in toml.tables.get("entities", []):
        try:
            entity = EntityEntry.model_validate(table.values)
        except ValidationError as exc:
            located(table, _messages(exc, EntityEntry.model_fields)[0])
            continue
        data.entities.append((entity.name, tuple(entity.aliases), table.line))
    claims = toml.tables.get("claims", [])
    kinds = _metric_kinds()
    share, intern = reader.strings.setdefault, sys.intern
    figures: dict[Stated, int] = {}
    for table, fields in zip(claims, _validated(claims), strict=True):
        if isinstance(fields, list):
            # Check the rest of the table too: the user fixes everything in one go.
            reported = {key for key, _ in fields}
            rest = {k: (None if k in reported else v) for k, v in table.values.items()}
            more = _check(rest, reader, kinds)
            located(table, fields + (more if isinstance(more, list) else []))
            continue
        checked = _check(fields, reader, kinds)
        if isinstance(checked, list):
            located(table, checked)
            continue
        (date, precision), stated = checked
        figure = figures.setdefault(stated, len(figures))
        source, counterparty, note = (
            fields["source"],
            fields.get("counterparty"),
            fields.get("note"),
        )
        data.rows.append(Row(
            intern(fields["entity"]), intern(fields["metric"]), figure, date.toordinal(),
            precision, share(source, source),
            None if counterparty is None else intern(counterparty),
            None if note is None else share(note, note), table.line,
            intern(fields.get("lang", "en")),
        ))  # fmt: skip
    data.figures = list(figures)
    data.problems.sort(key=lambda e: e.line or 0)
    return data


def _validated(claims: list[Table]) -> list[ClaimFields | list[Problem]]:
    """Each table checked against :class:`ClaimFields`, or its problems."""
    try:
        return list(_CLAIMS.validate_python([t.values for t in claims]))
    except ValidationError as exc:
        problems = _messages(exc, CLAIM_KEYS, skip=1)
    # Some tables are bad: check them one by one, so that the good ones are still read.
    out: list[ClaimFields | list[Problem]] = []
    for index, table in enumerate(claims):
        if index in problems:
            out.append(problems[index])
        else:
            out.append(_CLAIM.validate_python(table.values))
    return out


def check_entry(
    record: Mapping[str, Any], location: str, reader: ValueReader
) -> tuple[ClaimFields, tuple[dt.date, Precision]]:
    """A single record (``ledger add``) checked as a ``[[claims]]`` table would be."""
    try:
        fields = _CLAIM.validate_python(dict(record))
    except ValidationError as exc:
        raise LedgerError(location, _messages(exc, CLAIM_KEYS)[0][0][1]) from None
    checked = _check(fields, reader, _metric_kinds())
    if isinstance(checked, list):
        raise LedgerError(location, checked[0][1])
    return fields, checked[0]
