"""Odd characters inside figures, folded in a view of the same length.

Typesetting puts characters into figures that mean nothing else: a non-breaking hyphen
in "US‑Dollar" and "20‑Milliarden", a figure space as the thousands separator of
"2 500 000", a soft hyphen where a word may break ("Mil­li­ar­den"). The extractor reads
the folded view; offsets into it stay offsets into the text, so a claim's text is always
the text as written, odd characters included.

A soft hyphen cannot be folded in place: the word is closed up and the soft hyphens move
to its end as spaces ("bil­lion in" is read as "billion  in"). :func:`fold_characters`
says where such words now end, so that a figure ending there takes the whole word.
"""

from __future__ import annotations

import re

#: Hyphens and spaces that stand for the plain ones in figures.
_SAME_LENGTH = str.maketrans(
    {
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2007": "\u2009",  # figure space: read as the thin space of "1 000"
    }
)
_SOFT_HYPHEN = "\u00ad"
_ODD = re.compile("[\u00ad\u2010\u2011\u2007]")
#: A word broken by soft hyphens.
_BROKEN_WORD = re.compile(r"\w+(?:\u00ad+\w+)+")


def fold_characters(view: str) -> tuple[str, dict[int, int]]:
    """The view with odd hyphens and spaces folded, and where closed-up words end.

    The dictionary maps the end of the letters of a word that had soft hyphens to the
    end of the word as written.

    >>> fold_characters("US\u2011Dollar")
    ('US-Dollar', {})
    >>> folded, ends = fold_characters("4,2 Mil\u00adli\u00adar\u00adden Euro")
    >>> folded, ends
    ('4,2 Milliarden    Euro', {14: 17})
    """
    if _ODD.search(view) is None:
        return view, {}
    folded = view.translate(_SAME_LENGTH)
    if _SOFT_HYPHEN not in folded:
        return folded, {}
    ends: dict[int, int] = {}
    parts: list[str] = []
    last = 0
    for word in _BROKEN_WORD.finditer(folded):
        letters = word.group().replace(_SOFT_HYPHEN, "")
        parts += [
            folded[last : word.start()],
            letters,
            " " * (word.end() - word.start() - len(letters)),
        ]
        ends[word.start() + len(letters)] = word.end()
        last = word.end()
    parts.append(folded[last:])
    return "".join(parts), ends
