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

import bisect
import functools
import re
import unicodedata
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

#: Whitespace where a sentence may end, with the character before it: punctuation or a
#: closer, then whitespace; or a line break, then the rest of the whitespace. Matches never
#: overlap and never fail after a partial match, so the scan is linear. The pattern opens
#: with a class of a dozen characters, not with ``\s`` and a look-behind, so that the engine
#: skips in C to the few places where one stands (a third of the time of the look-behind).
_BOUNDARY = re.compile(
    r"""
    [.!?…"'”“’»«)\]\n]                  # punctuation, a closer or a line break
    (?: (?<= \n ) \s*                    #   a line break: the rest of the whitespace
      | \s+                              #   else: the whitespace after it
    )
    """,
    re.VERBOSE,
)


def _boundaries(view: str, start: int) -> list[tuple[int, int]]:
    """The runs of whitespace after ``start`` where a sentence may end, as (start, end).

    A run begins after punctuation or a closer, or at a line break.

    >>> _boundaries('Ja. "Nein."  Gut\\nso', 0)
    [(3, 4), (11, 13), (16, 17)]
    """
    return [
        (first, match.end()) if view[first] == "\n" else (first + 1, match.end())
        for match in _BOUNDARY.finditer(view, start)
        for first in (match.start(),)
    ]


#: A numbered list item: "2. ", "2) ".
_LIST_ITEM = re.compile(r"\d{1,3}[.)]\s")
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


def cut_around(sentence: str, start: int, end: int, reach: int) -> str:
    """The part of ``sentence`` around ``sentence[start:end]``, folded: up to ``reach``
    characters on either side, cut at a space (mid-word only in a word longer than
    ``reach``), each cut marked with "…".

    >>> cut_around("one two three four five six", 8, 13, 6)
    '… two three four …'
    >>> cut_around("one two", 4, 7, 6)
    'one two'
    """
    left = max(start - reach, 0)
    if left:
        space = next((i for i in range(left, start) if sentence[i].isspace()), None)
        left = space + 1 if space is not None else left
    right = min(end + reach, len(sentence))
    if right < len(sentence):
        space = next((i for i in range(right, end, -1) if sentence[i].isspace()), None)
        right = space if space is not None else right
    before = "… " if _words_in(sentence, left - 1, -1) else ""
    after = " …" if _words_in(sentence, right, 1) else ""
    return f"{before}{fold(sentence[left:right])}{after}"


def _words_in(text: str, at: int, step: int) -> bool:
    """Whether anything but space stands from ``at`` on, going by ``step`` (-1: back)."""
    while 0 <= at < len(text) and text[at].isspace():
        at += step
    return 0 <= at < len(text)


@dataclass(frozen=True, slots=True)
class _Rules:
    abbreviations: frozenset[str]
    #: Abbreviations written with a space ("z. B."), as pairs of tokens.
    pairs: frozenset[tuple[str, str]]
    #: The tokens of those pairs: only after one of them is a pair worth looking up.
    pair_tokens: frozenset[str]
    months: frozenset[str]
    #: Words (lower case) that, capitalised after an abbreviation, open a new sentence.
    openers: frozenset[str]
    #: Words (lower case) after which a capital letter is a label, not an initial:
    #: "a Series B. Then" ends a sentence, "J. Smith" does not.
    labels: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8)
def _rules(
    abbreviations: frozenset[str],
    month_words: frozenset[str],
    openers: frozenset[str] = frozenset(),
    labels: frozenset[str] = frozenset(),
) -> _Rules:
    """The rules for one language's abbreviations and months, built once, not per call."""
    pairs = frozenset(
        (first, second)
        for first, _, second in (a.partition(" ") for a in abbreviations if " " in a)
    )
    months = frozenset(month.casefold() for month in month_words)
    pair_tokens = frozenset(token for pair in pairs for token in pair)
    openers_folded = frozenset(w.casefold() for w in openers)
    labels_folded = frozenset(w.casefold() for w in labels)
    return _Rules(abbreviations, pairs, pair_tokens, months, openers_folded, labels_folded)


def sentence_spans(
    view: str,
    abbreviations: Collection[str],
    month_words: Collection[str] = frozenset(),
    openers: Collection[str] = frozenset(),
    labels: Collection[str] = frozenset(),
) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every sentence in ``view``; ends exclude whitespace.

    ``abbreviations`` are compared case-sensitively with the token that ends in the dot;
    ``month_words`` (any case) make "3. März" one sentence; after an abbreviation, one
    of ``openers`` (function words such as "the", "der", any case) capitalised begins a
    new sentence ("in the U.S. The rest").

    >>> text = "Der Bund gibt 5 Mrd. Euro. Das Werk entsteht bis 2027!  J. Smith sagt: ja."
    >>> [text[s:e] for s, e in sentence_spans(text, {"Mrd."})]
    ['Der Bund gibt 5 Mrd. Euro.', 'Das Werk entsteht bis 2027!', 'J. Smith sagt: ja.']
    """
    shown = _SHOWN.search(view)
    if shown is None:
        return []
    rules = _rules(
        frozenset(abbreviations), frozenset(month_words), frozenset(openers), frozenset(labels)
    )
    spans: list[tuple[int, int]] = []
    start, length = shown.start(), len(view)
    for space_start, space_end in _boundaries(view, start):
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


#: Not decided yet (a decision is an offset, or None where no sentence ends).
_UNDECIDED = -1


class SentenceLocator:
    """The sentence around an offset of a view, deciding only the boundaries near it.

    :func:`sentence_spans` decides every boundary of a view, but a text whose figures
    stand in a quarter of its sentences needs only theirs. Whether a sentence ends at a
    run of whitespace depends on that run and the words beside it, never on another
    decision, so each boundary is decided alone, once, when first asked about; the
    answers are those of :func:`sentence_spans`.

    >>> text = "Der Bund gibt 5 Mrd. Euro. Das Werk entsteht bis 2027!  J. Smith sagt: ja."
    >>> where = SentenceLocator(text, {"Mrd."})
    >>> [text[slice(*where.around(text.index(w)))] for w in ("Bund", "Euro", "2027")]
    ['Der Bund gibt 5 Mrd. Euro.', 'Der Bund gibt 5 Mrd. Euro.', 'Das Werk entsteht bis 2027!']
    """

    __slots__ = ("_decided", "_ends", "_first", "_last", "_recent", "_rules", "_starts", "_view")

    def __init__(
        self,
        view: str,
        abbreviations: Collection[str],
        month_words: Collection[str] = frozenset(),
        openers: Collection[str] = frozenset(),
        labels: Collection[str] = frozenset(),
    ) -> None:
        self._view = view
        self._rules = _rules(
            frozenset(abbreviations), frozenset(month_words), frozenset(openers), frozenset(labels)
        )
        shown = _SHOWN.search(view)
        self._first = shown.start() if shown else len(view)
        self._last = len(view.rstrip())
        #: where each candidate boundary starts and ends, as :func:`sentence_spans` sees them
        spans = _boundaries(view, self._first)
        if spans and spans[-1][1] >= len(view):
            spans.pop()  # whitespace that ends the view ends no sentence
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]
        #: candidate index -> where the sentence before it ends, or None if it ends none
        self._decided: dict[int, int | None] = {}
        self._recent = (0, 0)  # the last sentence found: figures come in order

    def _sentence_end(self, index: int) -> int | None:
        """Where the sentence before candidate ``index`` ends, if it ends there."""
        decided = self._decided.get(index, _UNDECIDED)
        if decided != _UNDECIDED:
            return decided
        view, space_start, space_end = self._view, self._starts[index], self._ends[index]
        if view[space_start] == "\n":
            space_start = _space_before(view, space_start)
        end = space_start if _breaks(view, space_start, space_end, self._rules) else None
        self._decided[index] = end
        return end

    def around(self, pos: int) -> tuple[int, int]:
        """The ``(start, end)`` of the sentence holding the visible character at ``pos``."""
        start, end = self._recent
        if start <= pos < end:
            return start, end
        later = bisect.bisect_right(self._ends, pos)  # the first candidate after ``pos``
        start = self._first
        for index in range(later - 1, -1, -1):
            if self._sentence_end(index) is not None:
                start = self._ends[index]
                break
        end = self._last
        for index in range(later, len(self._starts)):
            found = self._sentence_end(index)
            if found is not None:
                end = found
                break
        self._recent = (start, end)
        return start, end


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
    before = view[space_start - 1]
    if before.islower() and (after.isdigit() or unicodedata.category(after) == "Sc"):
        # "raised\n$240 million": a line wrapped before a figure, unless a list begins
        return _LIST_ITEM.match(view, space_end) is not None
    return before not in _CONTINUING


def _dot_continues(view: str, at: int, space_start: int, space_end: int, rules: _Rules) -> bool:
    """Whether the dot at ``at``, right before whitespace, is no full stop."""
    if view[at] != "." or at != space_start - 1:
        return False
    written = _token_before(view, space_start)
    token = written.lstrip(_OPENERS)
    if token in rules.abbreviations:
        following = _token_after(view, space_end).rstrip(".,;:!?)")
        return not (following[:1].isupper() and following.casefold() in rules.openers)
    if len(token) == 2 and token[0].isupper():
        if rules.labels:
            previous = _token_before(view, _space_before(view, space_start - len(written)))
            if previous.casefold() in rules.labels:
                return False  # "a Series B. Then …": a label, not an initial
        return True  # an initial: "J. Smith"
    if token in rules.pair_tokens:
        following = _token_after(view, space_end)
        previous = _token_before(view, _space_before(view, space_start - len(written)))
        if (previous.lstrip(_OPENERS), token) in rules.pairs or (token, following) in rules.pairs:
            return True
    if token[:-1].isdigit():  # an ordinal or a date: "am 3. März"
        word = _token_after(view, space_end).rstrip(".,;:!?)").casefold()
        return word in rules.months
    return False


def _token_before(view: str, end: int) -> str:
    """The whitespace-free token that ends at ``end``; "" if it is implausibly long.

    >>> _token_before("5 Mrd. Euro", 6), _token_before("x" * 40 + ".", 41)
    ('Mrd.', '')
    """
    window = view[max(0, end - _MAX_TOKEN - 1) : end]
    if not window or window[-1].isspace():
        return ""
    token = window.rsplit(None, 1)[-1]
    return "" if len(token) > _MAX_TOKEN else token


def _token_after(view: str, start: int) -> str:
    """The whitespace-free token that starts at ``start``, cut at ``_MAX_TOKEN``.

    >>> _token_after("z. B. 5 Euro", 3)
    'B.'
    """
    window = view[start : start + _MAX_TOKEN]
    if not window or window[0].isspace():
        return ""
    return window.split(None, 1)[0]
