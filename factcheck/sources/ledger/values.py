"""Ledger values and dates: what the extractor reads in a value string, and ``as_of``.

Reading a value is the slow step of reading a ledger (a tenth of a millisecond or more
each), and a large ledger repeats its figures a lot; a :class:`ValueReader` reads each
distinct (value, lang) once, and can be seeded with the readings of earlier runs.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

from factcheck.extract.pipeline import extract
from factcheck.models import Stated

Precision = Literal["year", "month", "day"]

#: A value's reading as the cache keeps it: the figure as a plain tuple
#: (:meth:`~factcheck.models.Stated.as_tuple`), or the reason it is no figure.
StoredReading = tuple[Any, ...] | str

_AS_OF = re.compile(
    r"""
    (?P<year>[0-9]{4})            # a year always; ASCII digits only, as TOML dates have
    (?: -(?P<month>[0-9]{2})      # then perhaps the month
        (?: -(?P<day>[0-9]{2}) )? # and the day
    )?
    """,
    re.VERBOSE,
)
_AS_OF_HELP = 'write a TOML date (2025-03-03) or a string "YYYY", "YYYY-MM" or "YYYY-MM-DD"'


def parse_as_of(value: object) -> tuple[dt.date, Precision]:
    """A record's ``as_of``: the first day of the stated period, and its precision.

    >>> parse_as_of("2025-09")
    (datetime.date(2025, 9, 1), 'month')
    >>> parse_as_of(dt.date(2025, 3, 3))
    (datetime.date(2025, 3, 3), 'day')
    >>> parse_as_of("2024")
    (datetime.date(2024, 1, 1), 'year')
    """
    if isinstance(value, dt.datetime | dt.time):
        raise ValueError(f"as_of has a time of day; {_AS_OF_HELP}")
    if isinstance(value, dt.date):
        return value, "day"
    if not isinstance(value, str):
        raise ValueError(f"as_of is {toml_type(value)}; {_AS_OF_HELP}")
    match = _AS_OF.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"as_of {value!r} is not a date; {_AS_OF_HELP}")
    try:
        date = dt.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        raise ValueError(f"as_of {value!r} is not a day of the calendar") from None
    return date, "day" if match["day"] else "month" if match["month"] else "year"


def toml_type(value: object) -> str:
    """What a TOML value is, in the words of a TOML writer.

    >>> toml_type(2025), toml_type([1]), toml_type(None)
    ('an integer', 'an array', 'nothing')
    """
    kinds: list[tuple[type, str]] = [
        (bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"),
        (list, "an array"), (dict, "a table"), (dt.datetime, "a date-time"), (dt.date, "a date"),
        (dt.time, "a time"),
    ]  # fmt: skip
    return next((name for kind, name in kinds if isinstance(value, kind)), "nothing")


class ValueReader:
    """Reads ledger values with the extractor, and ``as_of`` dates, each distinct one once.

    A reader serves one load (the memo lives as long as the caller keeps it, never in a
    module global); ``known`` seeds it with readings kept from earlier runs, and
    :meth:`learned` gives the ones it made itself, for the caller to keep.
    """

    def __init__(self, known: Mapping[tuple[str, str], StoredReading] | None = None) -> None:
        self._known = known or {}
        self._seen: dict[tuple[str, str], Stated | str] = {}
        self._new: dict[tuple[str, str], StoredReading] = {}
        self._dates: dict[object, tuple[dt.date, Precision] | str] = {}
        #: One shared object per distinct string (sources and notes repeat a lot).
        self.strings: dict[str, str] = {}

    def read(self, text: str, lang: str) -> Stated | str:
        """The figure in ``text`` (``text`` whole as its words) or, as a string, why there
        is not exactly one.

        >>> ValueReader().read("about 300,000 business customers", "en").low
        270000.0
        >>> print(ValueReader().read("800", "en"))  # doctest: +ELLIPSIS
        value '800' holds no figure factcheck can read; ...
        """
        key = (text, lang)
        found = self._seen.get(key)
        if found is None:
            stored = self._known.get(key)
            if stored is None:
                found = _read(text, lang)
                self._new[key] = found if isinstance(found, str) else found.as_tuple()
            elif isinstance(stored, str):
                found = stored
            else:
                found = Stated(*stored)
            self._seen[key] = found
        return found

    def as_of(self, value: object) -> tuple[dt.date, Precision] | str:
        """:func:`parse_as_of`, or why not, for each distinct value once."""
        hashable = isinstance(value, str | dt.date)
        found = self._dates.get(value) if hashable else None
        if found is None:
            try:
                found = parse_as_of(value)
            except ValueError as exc:
                found = str(exc)
            if hashable:
                self._dates[value] = found
        return found

    def learned(self) -> dict[tuple[str, str], StoredReading]:
        """The readings this reader made (not those it was given)."""
        return self._new


#: What a value may hold besides its figure and the noun it counts: spaces and punctuation.
_FILLER = re.compile(
    r"""
    [\s.,;:()\[\]"'“”„‚‘’«»\-–—/]+    # whitespace, stops, brackets, quotes and dashes
    """,
    re.VERBOSE,
)


def _unread(text: str, start: int, end: int, noun: str | None) -> str:
    """What of a value ``text`` is neither its figure (``text[start:end]``), the noun it
    counts, nor filler: the words the extractor did not read ("" when there are none).

    >>> _unread("$61.5 bilion", 0, 5, None), _unread("800 permanent jobs", 0, 3, "permanent jobs")
    ('bilion', '')
    """
    after = text[end:]
    if noun:
        at = after.casefold().find(noun.casefold())
        if at >= 0:
            after = after[:at] + " " + after[at + len(noun) :]
    rest = f"{text[:start]} {after}"
    return " ".join(part for part in _FILLER.split(rest) if part)


def _read(text: str, lang: str) -> Stated | str:
    claims = extract(text, lang)
    if not claims:
        return (
            f"value {text!r} holds no figure factcheck can read; give its unit or what it "
            'counts ("$5 billion", "14%", "800 jobs")'
        )
    if len(claims) > 1:
        found = ", ".join(repr(c.text) for c in claims)
        return f"value {text!r} holds {len(claims)} figures ({found}); a record holds one"
    claim = claims[0]
    unread = _unread(text, claim.start, claim.end, claim.noun)
    if unread:
        return (
            f"value {text!r}: {unread!r} is no part of the figure read ({claim.text!r}); "
            "correct its spelling, or say the rest in the note"
        )
    # The value string whole is the record's words; few distinct units and nouns: share them.
    noun = None if claim.noun is None else sys.intern(claim.noun)
    return replace(claim.stated, text=text, unit=sys.intern(claim.unit), noun=noun)
