"""factcheck: an offline fact-checker for the figures in news.

>>> from factcheck import extract
>>> [(c.text, c.unit, c.qualifier) for c in extract("Rund 2.400 Arbeitsplätze entstehen.")]
[('Rund 2.400', 'count', 'approx')]
"""

from __future__ import annotations

from factcheck._version import __version__

# The function shadows the subpackage of the same name on purpose: `factcheck.extract(text)`
# is the library's entry point (DESIGN), `factcheck.extract.pipeline` its home.
from factcheck.extract.pipeline import extract
from factcheck.models import Claim
from factcheck.settings import Settings

__all__ = ["Claim", "Settings", "__version__", "extract"]
