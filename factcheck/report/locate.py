"""Where a finding stands, in the units each CI format counts in.

A claim knows its place as 1-based line and column in *characters* (code points) and
as character offsets. CI formats count otherwise: SARIF columns are UTF-16 code units
unless a run says else, reviewdog counts UTF-8 bytes, GitHub's workflow commands count
characters. A "€" is one code point, one UTF-16 unit and three UTF-8 bytes; an emoji is
one code point and two UTF-16 units. :class:`Span` holds all three so that no renderer
converts on its own.

Paths in CI reports are relative to the repository root (the git root when the working
directory is inside a repository, else the working directory): GitHub code scanning
matches alerts to files by that relative path.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from factcheck.models import Claim


@dataclass(frozen=True, slots=True)
class Span:
    """A claim's first and last line, and its columns (1-based, end exclusive)."""

    line: int
    end_line: int
    column: int
    end_column: int
    utf16_column: int
    utf16_end_column: int
    utf8_column: int
    utf8_end_column: int


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def span(claim: Claim, text: str | None) -> Span:
    """The claim's place in every unit; ``text`` is the decoded document it came from
    (for many claims of one text, :class:`Locator` counts each line once).

    Without the text (a report read back from JSON) the character columns stand in for
    the others, which is exact for lines of ASCII.

    >>> from factcheck.models import Claim
    >>> doc = "Kosten:\\n„rund 5 €“"
    >>> c = Claim(id="x", text="5 €", start=14, end=17, line=2, column=7, value=5,
    ...           unit="EUR", low=4.5, high=5.5, sentence="", lang="de")
    >>> s = span(c, doc)
    >>> (s.column, s.end_column, s.utf16_column, s.utf8_column, s.utf8_end_column)
    (7, 10, 7, 9, 14)
    """
    return Locator(text).span(claim)


class Locator:
    """Places the claims of one text (see :func:`span`).

    The UTF-16 and UTF-8 columns count the line up to a claim; for claims in order
    along a line (a minified page is one line of megabytes) the count goes on from the
    claim before instead of starting again at the line's start.
    """

    def __init__(self, text: str | None) -> None:
        self.text = text
        #: the last place counted: its line's start, its offset, and the UTF-16 units
        #: and UTF-8 bytes from the line's start to it
        self._counted = (-1, -1, 0, 0)

    def span(self, claim: Claim) -> Span:
        """The claim's place in every unit."""
        text = self.text
        lines = claim.text.split("\n")
        end_line = claim.line + len(lines) - 1
        # Columns of the end count from the start of the claim's last line.
        end_column = (claim.column if len(lines) == 1 else 1) + len(lines[-1])
        if text is None or text[claim.start : claim.end] != claim.text:
            return Span(claim.line, end_line, claim.column, end_column,
                        claim.column, end_column, claim.column, end_column)  # fmt: skip
        line_start = claim.start - (claim.column - 1)
        utf16, utf8 = self._before(text, line_start, claim.start)
        if len(lines) > 1:
            utf16_end, utf8_end = _utf16(lines[-1]), _utf8(lines[-1])
        else:
            utf16_end, utf8_end = utf16 + _utf16(claim.text), utf8 + _utf8(claim.text)
        return Span(
            line=claim.line,
            end_line=end_line,
            column=claim.column,
            end_column=end_column,
            utf16_column=utf16 + 1,
            utf16_end_column=utf16_end + 1,
            utf8_column=utf8 + 1,
            utf8_end_column=utf8_end + 1,
        )

    def _before(self, text: str, line_start: int, start: int) -> tuple[int, int]:
        """The UTF-16 units and UTF-8 bytes of ``text[line_start:start]``."""
        counted_line, counted_to, utf16, utf8 = self._counted
        if counted_line != line_start or counted_to > start:
            counted_to, utf16, utf8 = line_start, 0, 0
        piece = text[counted_to:start]
        utf16, utf8 = utf16 + _utf16(piece), utf8 + _utf8(piece)
        self._counted = (line_start, start, utf16, utf8)
        return utf16, utf8


def repository_root(cwd: Path | None = None) -> Path:
    """The git root around ``cwd`` (default: the working directory), else ``cwd`` itself."""
    here = (cwd or Path.cwd()).resolve()
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=here,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git installed: the working directory is the root
        return here
    if done.returncode != 0 or not done.stdout.strip():
        return here
    return Path(done.stdout.strip()).resolve()


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes; absolute when outside it.

    >>> relative_path("/repo/news/a.md", Path("/repo"))
    'news/a.md'
    >>> relative_path("/elsewhere/a.md", Path("/repo"))
    '/elsewhere/a.md'
    >>> relative_path("-", Path("/repo"))  # standard input
    '-'
    """
    if path == "-":
        return path
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return resolved.as_posix()
