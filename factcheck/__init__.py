"""factcheck: an offline fact-checker for the figures in news.

Two calls make the library: :func:`extract` reads the numeric claims of a text, and
:func:`check` judges every figure of drafts against sources and the ledger. Both return
the pydantic records of :mod:`factcheck.models`.

>>> from factcheck import extract
>>> [(c.text, c.unit, c.qualifier) for c in extract("Rund 2.400 Arbeitsplätze entstehen.")]
[('Rund 2.400', 'count', 'approx')]
"""

from __future__ import annotations

from factcheck._version import __version__
from factcheck.api import check

# The function shadows the subpackage of the same name on purpose: `factcheck.extract(text)`
# is the library's entry point (DESIGN), `factcheck.extract.pipeline` its home.
from factcheck.extract.pipeline import extract
from factcheck.models import CheckReport, Claim, Finding
from factcheck.settings import Settings

__all__ = ["CheckReport", "Claim", "Finding", "Settings", "__version__", "check", "extract"]
