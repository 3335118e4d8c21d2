"""Did-you-mean hints for words a person typed: a directive, a key, a flag, a value."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean "x"?`` for the closest of ``choices``, or nothing.

    >>> did_you_mean("outdate", ["consistent", "outdated"])
    '; did you mean "outdated"?'
    >>> did_you_mean("zebra", ["consistent", "outdated"])
    ''
    """
    close = difflib.get_close_matches(word.casefold(), list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""
