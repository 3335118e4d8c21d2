"""The interval of values a stated figure allows (DESIGN: "every claim is an interval").

Two sources of width: the stated precision ("2,400" is stated to the hundred, so
2,350..2,450, at most ``Settings.rounding_cap`` of the value either side) and the
qualifier ("about" widens to ``Settings.approx_tolerance``; "more than" opens the top).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from factcheck.extract.numerals import decimal_of
from factcheck.lexicon import QualifierKey
from factcheck.models import Qualifier
from factcheck.settings import Settings

#: A figure's qualifier as read: a qualifier key of the lexicon ("about" is "approx"),
#: "range" (two figures joined, "2 to 3 billion") or "exact" (none).
ReadQualifier = Literal[QualifierKey, "range", "exact"]

#: The qualifiers as read, as the Claim record spells them.
RECORD_QUALIFIER: dict[ReadQualifier, Qualifier] = {
    "approx": "approx",
    "approx_below": "approx",
    "approx_above": "approx",
    "over": "over",
    "at_least": "at_least",
    "under": "under",
    "at_most": "at_most",
    "up_to": "up_to",
    "range": "range",
    "exact": "exact",
}


def rounding_band(value: Decimal, step: Decimal, settings: Settings) -> Decimal:
    """Half the step of the last stated digit, capped relative to the value.

    >>> s = Settings()
    >>> rounding_band(Decimal("61.5"), Decimal("0.1"), s)
    Decimal('0.05')
    >>> rounding_band(Decimal("50"), Decimal("10"), s)  # capped: 50 is not 45..55
    Decimal('1.250')
    """
    half = step / 2
    cap = abs(value) * decimal_of(settings.rounding_cap)
    return min(half, cap) if value else half


def interval(
    qualifier: ReadQualifier,
    value: Decimal,
    step: Decimal,
    settings: Settings,
    value_high: Decimal | None = None,
    step_high: Decimal | None = None,
) -> tuple[float | None, float | None]:
    """(low, high) of a figure; None is an open end.

    >>> s = Settings()
    >>> interval("exact", Decimal(2400), Decimal(100), s)
    (2350.0, 2450.0)
    >>> interval("approx", Decimal(12), Decimal(1), s)
    (10.8, 13.2)
    >>> interval("over", Decimal(20), Decimal(1), s)
    (20.0, None)
    >>> interval("approx_below", Decimal(500), Decimal(100), s)  # "nearly 500"
    (450.0, 500.0)
    >>> interval("range", Decimal(95), Decimal(1), s, Decimal(105), Decimal(1))
    (94.5, 105.5)
    """
    band = rounding_band(value, step, settings)
    low: Decimal | None
    high: Decimal | None
    if qualifier in ("approx", "approx_below", "approx_above"):
        wide = max(band, abs(value) * decimal_of(settings.approx_tolerance))
        # "nearly 500" is at most 500, "just over 500" at least 500.
        low = value if qualifier == "approx_above" else value - wide
        high = value if qualifier == "approx_below" else value + wide
    elif qualifier == "over":
        low, high = value, None
    elif qualifier == "at_least":
        low, high = value - band, None
    elif qualifier == "under":
        low, high = None, value
    elif qualifier in ("at_most", "up_to"):
        low, high = None, value + band
    elif qualifier == "range" and value_high is not None:
        high_band = rounding_band(value_high, step_high or step, settings)
        low, high = value - band, value_high + high_band
    else:
        low, high = value - band, value + band
    return (None if low is None else float(low), None if high is None else float(high))
