"""The library's entry point for checking: ``factcheck.check(drafts, sources=..., ...)``.

What ``factcheck check`` does, without the command line's extras: drafts (files, folders,
globs) and sources (the same, or web pages) are read, the ledger loaded, every figure
judged, and the :class:`~factcheck.models.CheckReport` returned, one finding per figure.
Inline suppressions, baselines, ``--diff`` and configuration files are the gate's
business (:mod:`factcheck.ci.gate`), not this function's: a script gets every finding and
filters as it likes. Bad input raises :class:`~factcheck.errors.InputError` naming the
file or URL, as the command line reports it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import CheckReport
from factcheck.settings import DEFAULT_SETTINGS, Settings

PathLike = str | os.PathLike[str]


def _names(given: PathLike | Iterable[PathLike]) -> list[str]:
    """One path or many, as strings: ``check("draft.md")`` must not check "d", "r", …"""
    if isinstance(given, str | os.PathLike):
        return [os.fspath(given)]
    return [os.fspath(item) for item in given]


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("as_of", f"{value!r} is not a date (YYYY-MM-DD)") from None


def check(
    drafts: PathLike | Iterable[PathLike],
    *,
    sources: PathLike | Iterable[PathLike] = (),
    ledger: PathLike | Iterable[PathLike] = (),
    default_ledger: bool = True,
    as_of: dt.date | str | None = None,
    lang: str | None = None,
    settings: Settings | None = None,
    offline: bool = False,
) -> CheckReport:
    """Every figure of ``drafts`` judged against ``sources`` and the ledger.

    ``drafts`` and ``sources`` are files, folders or globs (what git ignores under a
    folder is left out); a source may also be an http(s) URL, fetched as the command
    line fetches it (``offline``: from the cache only). A source that cannot be fetched
    is listed in the report's ``sources`` with its error. ``ledger`` names ledger
    folders or TOML files, read after the shipped ledger unless ``default_ledger`` is
    False. ``as_of`` (a date or "YYYY-MM-DD"; default today) is the date the drafts
    speak for; ``lang`` ("en" or "de") overrides detection.

    As on the command line, a draft that names its own sources (front matter
    ``sources:``) is compared with those instead of ``sources``, and a local file a
    draft links to is one of its sources (:mod:`factcheck.scoping`).
    """
    from factcheck.ci import gate
    from factcheck.ci.drafts import expand_drafts
    from factcheck.sources.fetching import FetchSettings
    from factcheck.sources.ledger import load_ledger
    from factcheck.sources.parallel import Reading

    settings = settings or DEFAULT_SETTINGS
    when = _date(as_of)
    named = _names(drafts)
    if not named:
        raise InputError("drafts", "no drafts to check")
    book = load_ledger([Path(p) for p in _names(ledger)], default=default_ledger)
    documents = gate.read_drafts(expand_drafts(named), lang, Reading(settings, book.names()))
    report, _, _ = gate.check_drafts(
        documents,
        _names(sources),
        book,
        settings=settings,
        fetch=FetchSettings(offline=offline),
        as_of=when,
    )
    return report
