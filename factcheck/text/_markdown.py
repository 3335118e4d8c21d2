"""Markdown's block structure, read by markdown-it-py: code, and soft line breaks.

The masking of Markdown (:mod:`factcheck.text.markup`) overwrites markup in place so
that offsets stay those of the file. What it needs from a CommonMark parser is *where*
things are, which a few regular expressions get wrong at the edges:

- fenced and indented code blocks, and code spans: not prose, so never read for figures;
- paragraphs, whose line breaks are soft (a browser shows a space) unless hard (two
  spaces or a backslash at the end of the line): a hard-wrapped paragraph is one run of
  text, so that a line that starts with a capital ("Milliarden", "US-Dollar", every
  German noun) does not begin a new sentence.

markdown-it-py gives block tokens with their lines (``Token.map``) and inline tokens
without positions. Lines are turned into offsets here; code spans are found by
markdown-it's own backtick rule, wrapped to record where each span starts and ends in
its block's content, and placed back into the file line by line. Inline parsing runs
only for blocks that hold a backtick: a news draft has few.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.backticks import backtick
from markdown_it.token import Token

#: A line break as CommonMark counts lines (markdown-it normalises these to "\n").
_LINE_BREAK = re.compile(
    r"""
    \r\n? | \n                                # CRLF, a lone CR, or LF
    """,
    re.VERBOSE,
)
#: The backslashes that end a line: an odd number is a hard line break.
_TRAILING_BACKSLASHES = re.compile(
    r"""
    \\+ $                                     # a run of backslashes at the end
    """,
    re.VERBOSE,
)
#: A setext heading's underline. markdown-it's rule for these headings looks ahead from
#: every paragraph line and costs a third of the parse; the paragraph's line break before
#: an underline is kept instead, which is all that telling the heading apart gives here.
_UNDERLINE = re.compile(
    r"""
    [ ]{0,3} (?: =+ | -+ ) [ \t]* $          # "=====" or "---", up to three spaces in
    """,
    re.VERBOSE,
)
#: Keys of the environment the recording backtick rule writes to.
_SOURCE, _SPANS = "factcheck_source", "factcheck_code_spans"


@dataclass(frozen=True, slots=True)
class Blocks:
    """Where a Markdown file's code is, and which of its line breaks are soft."""

    #: ``(start, end)`` of code blocks and code spans, offsets into the file.
    code: tuple[tuple[int, int], ...]
    #: ``(start, end)`` of the line breaks inside paragraphs that are soft ("\n", "\r\n").
    soft_breaks: tuple[tuple[int, int], ...]


def _recording_backtick(state: StateInline, silent: bool) -> bool:
    """markdown-it's backtick rule, noting the span of each code span it makes."""
    start, before = state.pos, len(state.tokens)
    if not backtick(state, silent):
        return False
    made = len(state.tokens) > before and state.tokens[-1].type == "code_inline"
    # An image's alt text is parsed as a string of its own: its positions are not the
    # block's, and an image's alt text is no prose anyway.
    if made and not silent and state.src is state.env.get(_SOURCE):
        state.env[_SPANS].append((start, state.pos))
    return True


@functools.cache
def _parser() -> MarkdownIt:
    """CommonMark with GitHub's tables (a table's rows are not one paragraph), setext
    headings told by their underline alone (see ``_UNDERLINE``)."""
    md = MarkdownIt("commonmark").enable("table").disable("lheading")
    md.inline.ruler.at("backticks", _recording_backtick)
    return md


class _Lines:
    """The lines of a file: where each starts and where its text ends (before the break)."""

    def __init__(self, text: str) -> None:
        breaks = list(_LINE_BREAK.finditer(text))
        self.text = text
        self.starts = [0, *(m.end() for m in breaks)]
        self.ends = [*(m.start() for m in breaks), len(text)]

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, n: int) -> str:
        return self.text[self.starts[n] : self.ends[n]]


def scan(text: str, body_start: int = 0) -> Blocks:
    """The code and the soft line breaks of the Markdown ``text``; its front matter
    (everything before ``body_start``) is no Markdown.

    >>> text = "Umsatz: 6,8 Milliarden\\nUS-Dollar, `5 %`.\\n\\n```\\n7 %\\n```\\n"
    >>> found = scan(text)
    >>> [text[s:e] for s, e in found.code], [text[s:e] for s, e in found.soft_breaks]
    (['`5 %`', '```\\n7 %\\n```'], ['\\n'])
    """
    lines = _Lines(text)
    head = bisect.bisect_left(lines.starts, body_start)  # the front matter's lines
    # markdown-it counts lines as _Lines does; the front matter's lines stay, empty.
    source = "\n" * head + "\n".join(lines.line(n) for n in range(head, len(lines)))
    md = _parser()
    tokens: list[Token] = []
    md.block.parse(source.replace("\0", "\ufffd"), md, {}, tokens)
    code: list[tuple[int, int]] = []
    soft: list[tuple[int, int]] = []
    cursor: dict[int, int] = {}  # per line, where the last placed cell ended
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = token.map[0], min(token.map[1], len(lines)) - 1
        if token.type in ("fence", "code_block"):
            code.append((lines.starts[first], lines.ends[last]))
        elif token.type == "paragraph_open":
            soft.extend(_soft_breaks(lines, first, last))
        elif token.type == "inline" and "`" in token.content:
            in_paragraph = index > 0 and tokens[index - 1].type == "paragraph_open"
            code.extend(_code_spans(md, token, lines, in_paragraph, cursor))
    return Blocks(tuple(sorted(code)), tuple(soft))


def _soft_breaks(lines: _Lines, first: int, last: int) -> list[tuple[int, int]]:
    """The line breaks between lines ``first`` and ``last`` of a paragraph that are soft."""
    text, starts, ends = lines.text, lines.starts, lines.ends
    found = []
    for n in range(first, last):
        end = ends[n]
        if text.endswith("  ", starts[n], end):
            continue  # two spaces: a hard break
        if text.endswith("\\", starts[n], end):
            backslashes = _TRAILING_BACKSLASHES.search(text, starts[n], end)
            if backslashes is not None and len(backslashes[0]) % 2:
                continue  # a backslash that is not itself escaped: a hard break
        if _UNDERLINE.match(text, starts[n + 1], ends[n + 1]) is None:
            found.append((end, starts[n + 1]))
    return found


def _code_spans(
    md: MarkdownIt, token: Token, lines: _Lines, in_paragraph: bool, cursor: dict[int, int]
) -> list[tuple[int, int]]:
    """The code spans of an inline token, as offsets into the file.

    A token's content is its lines less the container's marks ("> ", "- ", indentation)
    and, for a cell or a heading, less what surrounds it on its line. A paragraph line is
    the end of its line in the file (its last line, less trailing spaces); a cell is
    found after the cells before it on its row. Where a line cannot be placed (a tab
    turned into spaces), the token's code is left as it is, not guessed.
    """
    assert token.map is not None
    env: dict[str, Any] = {_SOURCE: token.content, _SPANS: []}
    md.inline.parse(token.content, md, env, [])
    spans: list[tuple[int, int]] = env[_SPANS]
    if not spans:
        return []
    pieces = token.content.split("\n")
    placed = _place(pieces, token.map[0], lines, in_paragraph, cursor)
    if placed is None:
        return []
    offsets = [0]
    for piece in pieces[:-1]:
        offsets.append(offsets[-1] + len(piece) + 1)

    def in_file(at: int) -> int:
        k = bisect.bisect_right(offsets, at) - 1
        return placed[k] + at - offsets[k]

    return [(in_file(start), in_file(end)) for start, end in spans]


def _place(
    pieces: Sequence[str], first: int, lines: _Lines, suffix: bool, cursor: dict[int, int]
) -> list[int] | None:
    """Where each of ``pieces`` (lines ``first``, ``first + 1``… of a token) starts in the
    file, or None if one of them is not found there."""
    placed = []
    for k, piece in enumerate(pieces):
        n = first + k
        if n >= len(lines):
            return None
        line = lines.line(n)
        at = -1
        if suffix:
            kept = line if line.endswith(piece) else line.rstrip()
            at = len(kept) - len(piece) if kept.endswith(piece) else -1
        else:
            at = line.find(piece, cursor.get(n, 0))
        if at < 0:
            return None
        cursor[n] = at + len(piece)
        placed.append(lines.starts[n] + at)
    return placed
