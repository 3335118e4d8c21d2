__version__ = "0.1.0"
#: The day this version was released; bumped with ``__version__``. The exchange rates
#: shipped with a release must not be more than a year older (tests/test_rates.py).
__release_date__ = "2026-12-06"
