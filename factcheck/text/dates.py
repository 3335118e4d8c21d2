"""Publication dates as documents state them in metadata and front matter.

Numeric forms (``2025-01-10``, ``2025/1/10``, ``10.01.2025``, ``20250110``) and the
forms with a month name that English and German newsrooms write (``January 10, 2025``,
``Jan. 10 2025``, ``10 January 2025``, ``10th Jan 2025``, ``10. Januar 2025``), after an
optional weekday (``Fri, 10 Jan 2025 09:30:00 +0000``, as feeds write it). Month and
weekday names come from CLDR through Babel, so both languages' abbreviations are known.
A time after the date is ignored; an impossible day (``2025-02-30``) is no date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

#: A numeric date at the start of a value, with whatever time follows it.
_NUMERIC = re.compile(
    r"""
    \s*
    (?: (?P<year>\d{4}) (?P<sep>[-/.]) (?P<month>\d{1,2}) (?P=sep) (?P<day>\d{1,2})
                                              # ISO 8601 and kin: 2025-06-02, 2025/6/2
      | (?P<day2>\d{1,2}) \.\ ? (?P<month2>\d{1,2}) \.\ ? (?P<year2>\d{4})
                                              # German: 02.06.2025, 2. 6. 2025
      | (?P<year3>\d{4}) (?P<month3>\d{2}) (?P<day3>\d{2})
                                              # compact: 20250602
    )
    (?!\d)                                    # and no more digits: not 2025-06-021
    """,
    re.VERBOSE,
)

#: A date with a month name; the name is looked up afterwards (any word may stand there).
_WORDS = re.compile(
    r"""
    \s*
    (?: [^\W\d_]+ \.? , \s* )?                # a weekday: "Friday, ", "Fri, ", "Fr., "
    (?: (?P<month> [^\W\d_]+ ) \.? \s+        # month first (English): "January 10, 2025"
        (?P<day> \d{1,2} ) (?: st | nd | rd | th )? ,? \s+
        (?P<year> \d{4} )
      | (?P<day2> \d{1,2} ) (?: \. | st | nd | rd | th )? \s*
                                              # day first: "10 January", "10. Januar"
        (?P<month2> [^\W\d_]+ ) \.? ,? \s+
        (?P<year2> \d{4} )
    )
    (?!\d)
    """,
    re.VERBOSE,
)


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month names and abbreviations of English and German, lower-cased, to the month.

    >>> m = month_numbers()
    >>> m["january"], m["sept"], m["märz"], m["dez"], m["okt"]
    (1, 9, 3, 12, 10)
    """
    from babel.dates import get_month_names

    names: dict[str, int] = {"sept": 9}  # AP style; CLDR's English has only "Sep"
    for lang in ("en", "de"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=lang).items():
                names[str(name).lower().rstrip(".")] = int(number)
    return names


def _day(year: str, month: int | str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(value: str) -> dt.date | None:
    """The calendar date a metadata value starts with, or None.

    >>> parse_date("2025-06-02T09:30:00+02:00"), parse_date("02.06.2025")
    (datetime.date(2025, 6, 2), datetime.date(2025, 6, 2))
    >>> parse_date("January 10, 2025"), parse_date("10. Januar 2025")
    (datetime.date(2025, 1, 10), datetime.date(2025, 1, 10))
    >>> parse_date("Fri, 10 Jan 2025 09:30:00 +0000")
    datetime.date(2025, 1, 10)
    >>> parse_date("2025-02-30"), parse_date("Brumaire 10, 2025"), parse_date("soon")
    (None, None, None)
    """
    match = _NUMERIC.match(value)
    if match is not None:
        return _day(
            match["year"] or match["year2"] or match["year3"],
            match["month"] or match["month2"] or match["month3"],
            match["day"] or match["day2"] or match["day3"],
        )
    match = _WORDS.match(value)
    if match is None:
        return None
    month = month_numbers().get((match["month"] or match["month2"]).lower())
    if month is None:
        return None
    return _day(match["year"] or match["year2"], month, match["day"] or match["day2"])
