"""The likely slip behind a disagreement between a draft figure and its evidence.

Each test looks for one kind of mistake that editors see every day: a figure off by a
power of ten ("$5 billion" for "$50 billion", German "Billion" for English "billion"),
digits swapped ("21%" for "12%"), percent for percentage points, a currency or a unit
(megawatts for gigawatts) mixed up, or a qualifier that turns a true figure false
("less than $10 billion" for $11 billion).
"""

from __future__ import annotations

import functools
import math

#: Units whose values carry a metric prefix in text (kilo, mega, giga): a factor of a
#: thousand between two such figures is a unit slip ("MW" for "GW"), not a scale slip.
PREFIXED_UNITS = frozenset({"W", "Wh", "m", "m2", "kg"})
#: How close a ratio must be to a power of ten to count as one (relative).
POWER_OF_TEN_SLACK = 0.02
#: Bounding qualifiers: the stated number is a limit, so its side can be wrong.
BOUNDS = frozenset({"over", "at_least", "under", "at_most", "up_to"})


def power_of_ten(a: float, b: float) -> int | None:
    """The k ≠ 0 with a ≈ b·10^k, or None.

    >>> power_of_ten(5e9, 5e10), power_of_ten(2.2e6, 2.2e9), power_of_ten(12, 21)
    (-1, -3, None)
    """
    if a <= 0 or b <= 0:
        return None
    exponent = math.log10(a / b)
    k = round(exponent)
    if k == 0 or abs(exponent - k) > math.log10(1 + POWER_OF_TEN_SLACK):
        return None
    return k


@functools.lru_cache(maxsize=1 << 16)
def significant_digits(value: float) -> tuple[tuple[int, ...], int]:
    """The significant digits of ``value`` and the exponent of its leading digit.

    >>> significant_digits(2400.0), significant_digits(0.125)
    (((2, 4), 3), ((1, 2, 5), -1))
    """
    mantissa, _, exponent = f"{abs(value):.12e}".partition("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    return tuple(map(int, digits)), int(exponent)


def swapped_digits(a: float, b: float) -> bool:
    """Whether ``a`` and ``b`` have the same digits in another order, at the same magnitude.

    >>> swapped_digits(21, 12), swapped_digits(4200, 2400), swapped_digits(12, 120)
    (True, True, False)
    """
    if a == b or a <= 0 or b <= 0:
        return False
    (da, ea, sa), (db, eb, sb) = _digits(a), _digits(b)
    return ea == eb and len(da) > 1 and sa == sb and da != db


@functools.lru_cache(maxsize=1 << 16)
def _digits(value: float) -> tuple[tuple[int, ...], int, list[int]]:
    """The significant digits of ``value``, its exponent, and its digits in order."""
    digits, exponent = significant_digits(value)
    return digits, exponent, sorted(digits)
