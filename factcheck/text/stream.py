"""Big files in pieces of whole paragraphs, read incrementally in bounded memory.

:func:`iter_pieces` decides the charset from the first few MiB with the rules of
:mod:`factcheck.text.decode`, then decodes block by block. Each :class:`Piece` holds as
many whole paragraphs as fit in ``max_piece`` characters, with the offset, line and
column where it starts, so that claims found in a piece report places in the file. The
pieces put together are exactly the decoded file.

:class:`LineIndex` turns character offsets into 1-based lines and columns.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DecodeError
from factcheck.text.decode import (
    BINARY,
    UNDECODABLE,
    choose_encoding,
    input_error,
    looks_binary,
    open_binary,
)

BLOCK_SIZE = 1 << 20
#: How much of a file decides its charset.
SNIFF_SIZE = 4 << 20

#: A blank line: a piece may end after its last newline.
_PARAGRAPH_END = re.compile(
    r"""
    \n (?: [^\S\n]*+ \n )+                    # a newline, then lines holding only whitespace
    """,
    re.VERBOSE,
)

#: The last whitespace character before the end of the searched window.
_LAST_SPACE = re.compile(
    r"""
    \s (?= \S* \Z )                           # whitespace with none after it
    """,
    re.VERBOSE,
)

#: The last character that is not part of a word or a number ("2.400,5").
_LAST_BREAKABLE = re.compile(
    r"""
    (?: [^\w.,] | _ )                         # not a letter, a digit, "." or ","
    (?= (?: [^\W_] | [.,] )* \Z )             # with only such after it
    """,
    re.VERBOSE,
)

_NEWLINE = re.compile(
    r"""
    \n                                        # a line feed; "\r\n" counts once, at its "\n"
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Piece:
    """Whole paragraphs of a file: their text and where they start (1-based line, column)."""

    text: str
    start: int
    line: int
    column: int


class LineIndex:
    """1-based line and column of character offsets into a text.

    ``base_line`` and ``base_column`` say where the text starts, for a piece of a file.

    >>> lines = LineIndex("Umsatz\\nGewinn: 5 Mrd.")
    >>> lines.position(0), lines.position(6), lines.position(15)
    ((1, 1), (1, 7), (2, 9))
    >>> LineIndex("a\\nb", base_line=10, base_column=4).position(0)
    (10, 4)
    """

    __slots__ = ("_base_column", "_base_line", "_length", "_newlines")

    def __init__(self, text: str, base_line: int = 1, base_column: int = 1) -> None:
        self._newlines = [match.start() for match in _NEWLINE.finditer(text)]
        self._length = len(text)
        self._base_line = base_line
        self._base_column = base_column

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``offset``; the end of the text is a valid offset."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} is outside the text (0..{self._length})")
        before = bisect.bisect_left(self._newlines, offset)
        if before == 0:
            return self._base_line, self._base_column + offset
        return self._base_line + before, offset - self._newlines[before - 1]


def iter_pieces(
    path: Path,
    *,
    max_piece: int = 1 << 20,
    block_size: int = BLOCK_SIZE,
    sniff_size: int = SNIFF_SIZE,
) -> Iterator[Piece]:
    """The decoded file at ``path`` as pieces of at most ``max_piece`` characters.

    A file that cannot be read, or whose start is binary or undecodable, raises
    :class:`~factcheck.errors.InputError` here, before any piece; bytes further on that
    do not decode raise :class:`~factcheck.errors.DecodeError` while iterating.
    """
    if max_piece < 1 or block_size < 1:
        raise ValueError("max_piece and block_size must be positive")
    encoding = _sniff(path, max(sniff_size, 4))  # at least a byte-order mark
    return _pieces(path, encoding, max_piece, block_size)


def _sniff(path: Path, sniff_size: int) -> str:
    """The codec of the file at ``path``, decided from its first ``sniff_size`` bytes."""
    with open_binary(path) as handle:
        try:
            sample = handle.read(sniff_size)
        except OSError as exc:
            raise input_error(path, exc) from None
    complete = len(sample) < sniff_size
    encoding = choose_encoding(sample, str(path), complete=complete)
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=complete)
    except UnicodeDecodeError:
        raise DecodeError(str(path), UNDECODABLE) from None
    if looks_binary(text):
        raise DecodeError(str(path), BINARY)
    return encoding


def _blocks(path: Path, encoding: str, block_size: int) -> Iterator[str]:
    """The decoded text of the file, block by block; the last block may be empty."""
    location = str(path)
    may_hold_nul = encoding in ("utf-16", "utf-32")  # only with a byte-order mark
    decoder = codecs.getincrementaldecoder(encoding)()
    consumed = 0  # bytes handed to the decoder so far
    with open_binary(path) as handle:
        while True:
            try:
                block = handle.read(block_size)
            except OSError as exc:
                raise input_error(path, exc) from None
            if b"\x00" in block and not may_hold_nul:
                raise DecodeError(location, BINARY)
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                where = consumed - pending + exc.start
                message = f"cannot decode text: invalid {encoding} at byte {where}"
                raise DecodeError(location, message) from None
            if looks_binary(text):
                raise DecodeError(location, BINARY)
            consumed += len(block)
            yield text
            if not block:
                return


def _pieces(path: Path, encoding: str, max_piece: int, block_size: int) -> Iterator[Piece]:
    blocks = _blocks(path, encoding, block_size)
    buffer, pos, at_end = "", 0, False
    start, line, column = 0, 1, 1
    while True:
        while not at_end and len(buffer) - pos < max_piece:
            block = next(blocks, None)
            at_end = block is None
            buffer = buffer[pos:] + (block or "")  # drop what is emitted: memory stays flat
            pos = 0
        if pos == len(buffer):
            return
        if at_end and len(buffer) - pos <= max_piece:
            cut = len(buffer)
        else:
            cut = cut_point(buffer, pos, pos + max_piece)
        text = buffer[pos:cut]
        yield Piece(text, start, line, column)
        start += len(text)
        newlines = text.count("\n")
        if newlines:
            line += newlines
            column = len(text) - text.rfind("\n")
        else:
            column += len(text)
        pos = cut


def cut_point(text: str, start: int, limit: int) -> int:
    """Where a piece of ``text[start:]`` of at most ``limit - start`` characters ends.

    After the last blank line; in a paragraph that long, after the last whitespace;
    failing that after the last character that is not a letter, digit, "." or ",";
    failing that at ``limit``.

    >>> text = "Eins.\\n\\nZwei drei vier"
    >>> cut_point(text, 0, 12), cut_point(text, 7, 18), cut_point("ab-cd", 0, 4)
    (7, 17, 3)
    >>> cut_point("2.400,5", 0, 4)
    4
    """
    last = None
    for last in _PARAGRAPH_END.finditer(text, start, limit):  # noqa: B007 (the last one)
        pass
    if last is not None:
        return last.end()
    for pattern in (_LAST_SPACE, _LAST_BREAKABLE):
        found = pattern.search(text, start, limit)
        if found is not None:
            return found.end()
    return limit
