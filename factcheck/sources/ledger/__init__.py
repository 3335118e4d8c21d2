"""The ledger: human-kept TOML files of verified figures, each with its provenance.

A ledger is every ``*.toml`` file under some directories, or TOML files named one by one
(the shipped default ledger first, see :func:`default_ledger_dir`). ``[[entities]]``
tables name companies and their aliases; ``[[claims]]`` tables hold one verified figure
each (DESIGN, "The ledger")::

    [[claims]]
    entity = "Anthropic"
    metric = "valuation"        # a key of factcheck/lexicon/concepts.toml
    value = "$61.5 billion"     # read by factcheck's own extractor, in `lang` (default en)
    as_of = 2025-03-03          # or "2025-03" / "2025": the precision is kept
    source = "https://…"
    counterparty = "…"          # optional: the other party, e.g. the company a stake is in
    note = "…"                  # optional

A bad record is never dropped: :func:`load_ledger` raises at the first problem and
:func:`validate_ledger` lists them all, each with its file and line, duplicates too (the
same figure of the same entity, metric and date recorded twice; harmless to a check, so
only validation looks for them, which a million-record ledger would pay for every run).

How it is read: :mod:`~factcheck.sources.ledger.file` (TOML, quickly when it is plain),
:mod:`~factcheck.sources.ledger.read` (the checks), :mod:`~factcheck.sources.ledger.values`
(values through the extractor), :mod:`~factcheck.sources.ledger.cache` (checked rows kept
on disk between runs) and :mod:`~factcheck.sources.ledger.records` (the records and the
:class:`Ledger`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck._version import __version__
from factcheck.errors import LedgerError
from factcheck.sources.ledger import cache as ledger_cache
from factcheck.sources.ledger.read import EntityRow, FileData, read_ledger_file
from factcheck.sources.ledger.records import (
    Ledger,
    LedgerRecord,
    figures_from_tuples,
    records_from_rows,
)
from factcheck.sources.ledger.values import ValueReader
from factcheck.sources.ledger.write import append_record

__all__ = [
    "Ledger",
    "LedgerRecord",
    "append_record",
    "default_ledger_dir",
    "load_ledger",
    "validate_ledger",
]


def default_ledger_dir() -> Path:
    """The default ledger shipped with factcheck (the package's ``claims`` folder)."""
    return Path(str(resources.files("factcheck").joinpath("claims")))


def load_ledger(dirs: Sequence[Path], *, default: bool = True, cache: bool = True) -> Ledger:
    """Read the ledger under ``dirs`` (after the default ledger, unless ``default=False``).

    Raises :class:`~factcheck.errors.LedgerError` at the first problem, with its file and
    line. With ``cache`` (the default), checked files are kept in, and read from, the
    directory of :func:`~factcheck.sources.ledger.cache.cache_dir`.
    """
    folders = [default_ledger_dir(), *dirs] if default else list(dirs)
    ledger, problems = _Load(cache=cache, stop=True).run(folders)
    if problems:
        raise problems[0]
    return ledger


def validate_ledger(dirs: Sequence[Path]) -> list[LedgerError]:
    """Every problem of the ledger under ``dirs``, file by file, in line order; [] if none."""
    problems = _Load(cache=True, stop=False).run(list(dirs))[1]
    return sorted(problems, key=lambda p: (p.location, p.line or 0))


class _Load:
    """One reading of a ledger: the files, the cache, and what is learnt on the way."""

    def __init__(self, *, cache: bool, stop: bool) -> None:
        self.cache, self.stop = cache, stop
        self.folder = ledger_cache.cache_dir()
        self.fingerprint = _reader_fingerprint()
        self.problems: list[LedgerError] = []
        self._reader: ValueReader | None = None
        self._known: dict[Any, Any] = {}

    def run(self, dirs: list[Path]) -> tuple[Ledger, list[LedgerError]]:
        paths = _ledger_files(dirs, self.problems)
        declared: list[tuple[EntityRow, str]] = []
        used: dict[str, None] = {}  # every entity and counterparty named, in order
        records: list[LedgerRecord] = []
        files: list[tuple[str, int]] = []
        dates: dict[int, dt.date] = {}
        with _no_gc():
            for path in paths:
                if self.problems and self.stop:
                    break
                got = self._file(path)
                if got is None:
                    continue
                data, names = got
                location = str(path)
                declared.extend((entity, location) for entity in data.entities)
                used.update(dict.fromkeys(names))
                records.extend(records_from_rows(location, data.figures, data.rows, dates))
                files.append((location, len(data.rows)))
        self._keep_readings()
        if self.problems and self.stop:
            return Ledger({}, [], []), self.problems
        entities = _resolve(declared, used, records, self.problems)
        if not self.stop:
            self.problems.extend(duplicates(records))
        return Ledger(entities, records, files), self.problems

    def _file(self, path: Path) -> tuple[FileData, Sequence[str]] | None:
        """A file's data and the names its records use: from the cache if it holds them."""
        key = None
        if self.cache:
            with contextlib.suppress(OSError):  # gone since it was listed: reading says so
                key = ledger_cache.file_key(path, self.fingerprint)
        if key is not None:
            payload = ledger_cache.read_entry(self.folder, key)
            if isinstance(payload, tuple) and len(payload) == 4:
                # Rows are not checked one by one: the entry's checksum and key (which
                # covers this code's fingerprint, hence the row layout) vouch for them.
                # They stay the plain tuples marshal gives (see records_from_rows).
                entities, names, figures, rows = payload
                return FileData(list(entities), figures_from_tuples(figures), rows), names
        data = read_ledger_file(path, self.reader())
        named = (n for row in data.rows for n in (row.entity, row.counterparty) if n)
        names = tuple(dict.fromkeys(named))
        if data.problems:
            self.problems.extend(data.problems)
            # Validation goes on with what the file got right: its entities may clash
            # with another file's.
            return None if self.stop else (data, names)
        if key is not None:
            # marshal stores plain values only: no Stated, no named tuples
            figures = tuple(figure.as_tuple() for figure in data.figures)
            rows = tuple(tuple(row) for row in data.rows)
            ledger_cache.write_entry(self.folder, key, (tuple(data.entities), names, figures, rows))
        return data, names

    def reader(self) -> ValueReader:
        # Made at the first file the cache does not hold, seeded with the readings of
        # earlier runs: a changed file mostly repeats values read before.
        if self._reader is None:
            if self.cache:
                self._known = ledger_cache.read_readings(self.folder, self.fingerprint)
            self._reader = ValueReader(self._known)
        return self._reader

    def _keep_readings(self) -> None:
        if self.cache and self._reader is not None and self._reader.learned():
            ledger_cache.write_readings(
                self.folder, self.fingerprint, self._known, self._reader.learned()
            )


def _resolve(
    declared: list[tuple[EntityRow, str]],
    used: dict[str, None],
    records: list[LedgerRecord],
    problems: list[LedgerError],
) -> dict[str, tuple[str, ...]]:
    """Merge the declared entities and give every record its entity's canonical name.

    A name or alias may belong to one entity only; declaring an entity again (in any
    case) adds aliases to it. A name that records use without a declaration is its
    own canonical name.
    """
    entities: dict[str, list[str]] = {}
    owner: dict[str, tuple[str, str]] = {}  # casefolded name -> (canonical, where declared)
    for (name, aliases, line), path in declared:
        canonical, where = owner.get(name.casefold(), (name, ""))
        if canonical.casefold() != name.casefold():
            message = f"entity {name!r} is already an alias of {canonical!r} ({where})"
            problems.append(LedgerError(path, message, line))
            continue
        if canonical not in entities:
            entities[canonical] = []
            owner[name.casefold()] = (canonical, f"{path}:{line}")
        for alias in aliases:
            taken = owner.get(alias.casefold())
            if taken is None:
                owner[alias.casefold()] = (canonical, f"{path}:{line}")
                entities[canonical].append(alias)
            elif taken[0] != canonical:
                message = (
                    f"alias {alias!r} of {canonical!r} already names {taken[0]!r} ({taken[1]})"
                )
                problems.append(LedgerError(path, message, line))
    remap: dict[str, str] = {}
    for name in used:
        known = owner.get(name.casefold())
        if known is None:
            owner[name.casefold()] = (name, "")
            entities[name] = []
        elif known[0] != name:
            remap[name] = known[0]
    if remap:  # only for records that name an entity by an alias or in another case
        for i, r in enumerate(records):
            if r.entity in remap or r.counterparty in remap:
                entity = remap.get(r.entity, r.entity)
                counterparty = r.counterparty and remap.get(r.counterparty, r.counterparty)
                records[i] = replace(r, entity=entity, counterparty=counterparty)
    return {name: tuple(aliases) for name, aliases in entities.items()}


def duplicates(records: Sequence[LedgerRecord]) -> list[LedgerError]:
    """A problem for each record that repeats an earlier one's figure; see :func:`repeats`."""
    return [
        LedgerError(
            r.path, f"duplicate record: {r.sentence} is already at {e.path}:{e.line}", r.line
        )
        for r, e in repeats(records)
    ]


def repeats(records: Sequence[LedgerRecord]) -> list[tuple[LedgerRecord, LedgerRecord]]:
    """Each record that repeats an earlier one, with the earlier one.

    Two records are the same when they give the same figure (value, range, unit and
    qualifier) for the same entity, metric, counterparty and date, whatever their source
    or note; entities are compared by their canonical names, so "Google" in one file
    repeats "Alphabet" in another.
    """
    first: dict[tuple[object, ...], LedgerRecord] = {}
    found: list[tuple[LedgerRecord, LedgerRecord]] = []
    for r in records:
        s = r.stated
        key = (r.entity, r.metric, r.counterparty, r.as_of, r.as_of_precision, s.unit,
               s.value, s.value_high, s.qualifier)  # fmt: skip
        earlier = first.setdefault(key, r)
        if earlier is not r:
            found.append((r, earlier))
    return found


def _ledger_files(dirs: list[Path], problems: list[LedgerError]) -> list[Path]:
    """The TOML files under ``dirs`` (or named), each once, in a stable order; hidden
    ones under a directory skipped."""
    seen: set[Path] = set()
    found: list[Path] = []
    for folder in dirs:
        if not folder.exists():
            problems.append(LedgerError(str(folder), "no such ledger directory or file"))
            continue
        if folder.is_file() and folder.suffix.lower() == ".toml":
            if folder.resolve() not in seen:
                seen.add(folder.resolve())
                found.append(folder)
            continue
        if not folder.is_dir():
            message = "not a ledger: a ledger is a directory of TOML files, or a .toml file"
            problems.append(LedgerError(str(folder), message))
            continue
        for path in sorted(folder.rglob("*.toml")):
            # Editors' and our own temporary files are hidden; so are .git and friends.
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            real = path.resolve()
            if real not in seen and path.is_file():
                seen.add(real)
                found.append(path)
    return found


def _reader_fingerprint() -> str:
    """What cached rows depend on besides the file: the code that read them, its data."""
    # The version alone would do for an installed release; a working copy changes under
    # the same version, so the files themselves (size and mtime) count too.
    root = Path(__file__).parents[2]  # factcheck/
    code = [
        *sorted((root / "extract").glob("*.py")),
        *sorted((root / "lexicon").glob("*.*")),
        *sorted((root / "sources" / "ledger").glob("*.py")),
        root / "settings.py",
    ]
    parts = [__version__]
    for path in code:
        st = path.stat()
        parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a ledger is read.

    Every allocation counts towards the next collection, and the full ones walk every
    record made so far, again and again (a quarter of a warm load), for nothing: rows
    and records hold no reference cycles, and reading a file, extractor included,
    leaves no cyclic garbage behind.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
