"""Whether a draft sentence dates its figure to the time of an older record.

"The startup was valued at $61.5 billion in March" is right about March even after a
newer valuation replaced it: a figure the draft itself dates to the time it held is
history, not an outdated figure. The sentence dates it when it names that time's year
(and the newer figure's year differs), or that time's month (and the newer figure's
month differs). Month names come from CLDR through Babel, in the draft's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import get_month_names

_WORD = re.compile(r"\w+")


@functools.cache
def _month_words(lang: str) -> dict[str, int]:
    """Lower-cased month names, wide and abbreviated, to the month's number.

    >>> _month_words("de")["märz"], _month_words("en")["sep"]
    (3, 9)
    """
    words: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=lang).items():
            words[str(name).lower().rstrip(".")] = int(number)
    return words


def dates_to(sentence: str, lang: str, then: dt.date, now: dt.date | None) -> bool:
    """Whether ``sentence`` names the time ``then`` in a way that sets it apart from ``now``.

    >>> march, sept = dt.date(2025, 3, 3), dt.date(2025, 9, 2)
    >>> dates_to("It was valued at $61.5 billion in March.", "en", march, sept)
    True
    >>> dates_to("It was valued at $61.5 billion this year.", "en", march, sept)
    False
    >>> dates_to("2023 lag der Wert bei 20 Milliarden Euro.", "de", dt.date(2023, 5, 1), sept)
    True
    """
    words = [w.lower() for w in _WORD.findall(sentence)]
    if str(then.year) in words and (now is None or now.year != then.year):
        return True
    months = _month_words(lang)
    named = {months[w] for w in words if w in months}
    return then.month in named and (now is None or (now.year, now.month) != (then.year, then.month))
