"""Sentences of a view: where each begins and ends, in one linear pass.

A sentence ends at a blank line; at a line break, unless the next line visibly carries
on (it starts in lower case, or the line before ends with a comma or a dash); and at
``.``, ``!``, ``?`` or ``…`` (perhaps followed by closing quotes or brackets) when
whitespace and then a capital, a digit or an opening quote or bracket follow. A dot
does not end a sentence after a known abbreviation ("Mrd.", "z. B."), after an initial
("J. Smith"), inside a number ("2.400") or after a German ordinal before a month
("3. März").

The view is the same-length string of :mod:`factcheck.text.markup`, whose block
boundaries are line breaks, so no sentence runs across paragraphs, list items or cells.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

#: Sentence punctuation.
_TERMINALS = ".!?…"
#: What may stand between sentence punctuation and the whitespace after it.
_CLOSERS = "\"'”“’»«)]"
#: What may open a sentence besides a capital or a digit.
_OPENERS = "\"'“„‚‘«»([{"
#: A line that ends with one of these goes on in the next one.
_CONTINUING = ",;-–—(/&+"
#: Longer tokens are never abbreviations; the bound keeps look-behind constant.
_MAX_TOKEN = 32

#: Whitespace where a sentence may end. Matches never overlap and never fail after a
#: partial match, so the scan is linear.
_BOUNDARY = re.compile(
    r"""
    (?= \s )                                  # lets the engine skip words quickly
    (?: (?<= [.!?…"'”“’»«)\]] ) \s+           # whitespace after punctuation or a closer
      | \n \s*                                # whitespace from a line break on
    )
    """,
    re.VERBOSE,
)

#: The first character that is not whitespace.
_SHOWN = re.compile(
    r"""
    \S                                        # anything but whitespace
    """,
    re.VERBOSE,
)


def fold(text: str) -> str:
    """Runs of whitespace as one space, stripped: a sentence as it is printed.

    >>> fold("  Der Umsatz\\n   stieg\\t um 5 %.  ")
    'Der Umsatz stieg um 5 %.'
    """
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class _Rules:
    abbreviations: frozenset[str]
    #: Abbreviations written with a space ("z. B."), as pairs of tokens.
    pairs: frozenset[tuple[str, str]]
    months: frozenset[str]


def _rules(abbreviations: Collection[str], month_words: Collection[str]) -> _Rules:
    pairs = frozenset(
        (first, second)
        for first, _, second in (a.partition(" ") for a in abbreviations if " " in a)
    )
    months = frozenset(month.casefold() for month in month_words)
    return _Rules(frozenset(abbreviations), pairs, months)


def sentence_spans(
    view: str,
    abbreviations: Collection[str],
    month_words: Collection[str] = frozenset(),
) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every sentence in ``view``; ends exclude whitespace.

    ``abbreviations`` are compared case-sensitively with the token that ends in the dot;
    ``month_words`` (any case) make "3. März" one sentence.

    >>> text = "Der Bund gibt 5 Mrd. Euro. Das Werk entsteht bis 2027!  J. Smith sagt: ja."
    >>> [text[s:e] for s, e in sentence_spans(text, {"Mrd."})]
    ['Der Bund gibt 5 Mrd. Euro.', 'Das Werk entsteht bis 2027!', 'J. Smith sagt: ja.']
    """
    shown = _SHOWN.search(view)
    if shown is None:
        return []
    rules = _rules(abbreviations, month_words)
    spans: list[tuple[int, int]] = []
    start, length = shown.start(), len(view)
    for boundary in _BOUNDARY.finditer(view, start):
        space_start, space_end = boundary.span()
        if space_end >= length:
            break
        if view[space_start] == "\n":
            space_start = _space_before(view, space_start)
        if _breaks(view, space_start, space_end, rules):
            spans.append((start, space_start))
            start = space_end
    end = len(view.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def _space_before(view: str, at: int) -> int:
    """Where the whitespace that ends at ``at`` begins."""
    while at > 0 and view[at - 1].isspace():
        at -= 1
    return at


def _breaks(view: str, space_start: int, space_end: int, rules: _Rules) -> bool:
    """Whether a sentence ends at the whitespace ``view[space_start:space_end]``."""
    newlines = view.count("\n", space_start, space_end)
    if newlines >= 2:
        return True  # a blank line
    terminal = space_start
    while terminal > 0 and view[terminal - 1] in _CLOSERS:
        terminal -= 1
    terminal -= 1  # the character before any closers
    punctuated = terminal >= 0 and view[terminal] in _TERMINALS
    after = view[space_end]
    if newlines == 0:
        if not (punctuated and (after.isupper() or after.isdigit() or after in _OPENERS)):
            return False
        return not _dot_continues(view, terminal, space_start, space_end, rules)
    if after.islower():
        return False  # a line wrapped inside a sentence
    if punctuated:
        return not _dot_continues(view, terminal, space_start, space_end, rules)
    return view[space_start - 1] not in _CONTINUING


def _dot_continues(view: str, at: int, space_start: int, space_end: int, rules: _Rules) -> bool:
    """Whether the dot at ``at``, right before whitespace, is no full stop."""
    if view[at] != "." or at != space_start - 1:
        return False
    written = _token_before(view, space_start)
    token = written.lstrip(_OPENERS)
    if token in rules.abbreviations:
        return True
    if len(token) == 2 and token[0].isupper():
        return True  # an initial: "J. Smith"
    following = _token_after(view, space_end)
    if rules.pairs:
        previous = _token_before(view, _space_before(view, space_start - len(written)))
        if (previous.lstrip(_OPENERS), token) in rules.pairs or (token, following) in rules.pairs:
            return True
    if token[:-1].isdigit():  # an ordinal or a date: "am 3. März"
        word = following.rstrip(".,;:!?)").casefold()
        return word in rules.months
    return False


def _token_before(view: str, end: int) -> str:
    """The whitespace-free token that ends at ``end``; "" if it is implausibly long.

    >>> _token_before("5 Mrd. Euro", 6), _token_before("x" * 40 + ".", 41)
    ('Mrd.', '')
    """
    start = end
    while start > 0 and not view[start - 1].isspace():
        start -= 1
        if end - start > _MAX_TOKEN:
            return ""
    return view[start:end]


def _token_after(view: str, start: int) -> str:
    """The whitespace-free token that starts at ``start``, cut at ``_MAX_TOKEN``.

    >>> _token_after("z. B. 5 Euro", 3)
    'B.'
    """
    end = start
    while end < len(view) and end - start < _MAX_TOKEN and not view[end].isspace():
        end += 1
    return view[start:end]
