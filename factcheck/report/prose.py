"""A draft's text as an editor reads it: paragraphs of plain runs and figure marks.

The HTML report shows the draft as it reads, not as a listing. The raw text is cut at
the claims' character offsets into plain runs and marks, then into paragraphs at blank
lines. Markup is kept as text (never interpreted: a draft is untrusted); only layout is
cleaned lightly:

- Markdown front matter (``---`` … ``---`` at the top) is set apart as metadata;
- a single line break inside a paragraph is a space (hard-wrapped Markdown reads as one
  paragraph), except before a line that starts a list item, a heading, a quote or a
  table row, where it stays a break;
- a paragraph that starts with ``#`` is shown as a heading, its ``#`` marks dropped.

Nothing here produces HTML: the template escapes every run.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from factcheck.text import frontmatter

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")  # a blank line, and any more after it

_BLOCK_START = re.compile(
    r"""
    [ \t]*(?:
        [-*+][ \t]           # a bullet
      | \d{1,3}[.)][ \t]     # a numbered item
      | \#{1,6}[ \t]         # a heading
      | >                    # a quote
      | \|                   # a table row
    )
    """,
    re.VERBOSE,
)

_HEADING = re.compile(r"\#{1,6}[ \t]+")


@dataclass(frozen=True, slots=True)
class Run:
    """Plain text, a line break, or a figure (``mark`` is its index in ``figures``)."""

    kind: Literal["text", "br", "mark"]
    text: str = ""
    mark: int = -1


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """Where a figure stands in the raw text: ``[start, end)``."""

    start: int
    end: int


def placeable(text: str, figures: Sequence[Figure], claimed: Sequence[str]) -> list[bool]:
    """Which figures can be marked: in range, matching their text, not overlapping one before.

    >>> placeable("a 5 b 7", [Figure(2, 3), Figure(2, 5), Figure(6, 7)], ["5", "5 b", "8"])
    [True, False, False]
    """
    ok: list[bool] = []
    # the figures marked so far do not overlap: in order of their starts, their ends are
    # in order too, and a figure overlaps one of them if it overlaps the last that starts
    # before it ends
    starts: list[int] = []
    ends: list[int] = []
    for figure, said in zip(figures, claimed, strict=True):
        fits = 0 <= figure.start < figure.end <= len(text)
        fits = fits and text[figure.start : figure.end] == said
        before = bisect.bisect_left(starts, figure.end)  # those that start before its end
        fits = fits and not (before and ends[before - 1] > figure.start)
        if fits:
            starts.insert(before, figure.start)
            ends.insert(before, figure.end)
        ok.append(fits)
    return ok


def front_matter(text: str) -> str | None:
    """The Markdown front matter block (fences included), YAML or TOML, as the draft was
    read (:mod:`factcheck.text.frontmatter`); None when there is none.

    >>> front_matter("---\\ndate: 2025-01-02\\n---\\nBody")
    '---\\ndate: 2025-01-02\\n---\\n'
    >>> front_matter('+++\\ndate = "January 2, 2025"\\n+++\\nBody')
    '+++\\ndate = "January 2, 2025"\\n+++\\n'
    >>> front_matter("Body") is None
    True
    """
    end = frontmatter.read(text).end
    return text[:end] if end else None


def paragraphs(text: str, figures: Sequence[Figure], start: int = 0) -> list[Paragraph]:
    """``text[start:]`` as paragraphs; ``figures`` are placeable and sorted by ``start``.

    >>> [[(r.kind, r.text, r.mark) for r in p.runs] for p in paragraphs(
    ...     "Spend $5 bn\\nnow.\\n\\n- 2 jobs", [Figure(6, 11), Figure(20, 26)])]
    [[('text', 'Spend ', -1), ('mark', '', 0), ('text', ' ', -1), ('text', 'now.', -1)], [('text', '- ', -1), ('mark', '', 1)]]
    """  # noqa: E501
    out: list[Paragraph] = [Paragraph()]
    position = start
    for index, figure in enumerate(figures):
        if figure.start < position:
            continue
        _add_text(out, text[position : figure.start])
        out[-1].runs.append(Run("mark", mark=index))
        position = figure.end
    _add_text(out, text[position:])
    kept = [p for p in out if p.runs]
    for paragraph in kept:
        _headline(paragraph)
    return kept


def _add_text(out: list[Paragraph], piece: str) -> None:
    chunks = _PARAGRAPH_BREAK.split(piece)
    for n, chunk in enumerate(chunks):
        if n:
            out.append(Paragraph())
        runs = out[-1].runs
        if not runs:
            chunk = chunk.lstrip()
        if n < len(chunks) - 1:
            chunk = chunk.rstrip()
        runs.extend(_lines(chunk))


def _lines(chunk: str) -> Iterable[Run]:
    lines = chunk.split("\n")
    for n, line in enumerate(lines):
        if n:
            yield Run("br") if _BLOCK_START.match(line) else Run("text", " ")
            line = line.lstrip()
        if line:
            yield Run("text", line)


def _headline(paragraph: Paragraph) -> None:
    first = paragraph.runs[0]
    if first.kind != "text":
        return
    mark = _HEADING.match(first.text)
    if mark:
        paragraph.heading = True
        paragraph.runs[0] = Run("text", first.text[mark.end() :])
