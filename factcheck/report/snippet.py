"""The draft's line with a caret under the figure, as ruff and Vale show a finding.

       7 | Lindqvist Marine will spend $4.5 million on a shipyard.
         |                             ^^^^^^^^^^^^

A long line (a Markdown paragraph is often one) is cut to a window around the figure,
marked with "…" where it was cut; a figure that runs onto the next line (hard-wrapped
text) is underlined to the end of its first line. Tabs and other control characters
are shown as one space each, so the caret stays under the figure.
"""

from __future__ import annotations

import re

from factcheck.models import Claim

#: Characters of context kept on either side of the figure on a long line.
CONTEXT = 40
#: Lines up to this many characters are shown whole.
WIDTH = 100

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def snippet(claim: Claim, text: str) -> tuple[str, str, str] | None:
    """The gutter (line number), the line shown and the caret line; None when ``text``
    is not the text the claim was read from.

    >>> text = "Title\\nIt will cost $4.5 million, it said.\\n"
    >>> from factcheck.models import Claim
    >>> c = Claim(id="x", text="$4.5 million", start=19, end=31, line=2, column=14,
    ...           value=4.5e6, unit="USD", low=4.45e6, high=4.55e6, sentence="", lang="en")
    >>> number, line, caret = snippet(c, text)
    >>> print(f"{number} | {line}\\n{' ' * len(number)} | {caret}")
    2 | It will cost $4.5 million, it said.
      |              ^^^^^^^^^^^^
    """
    if text[claim.start : claim.end] != claim.text:
        return None
    line_start = text.rfind("\n", 0, claim.start) + 1
    line_end = text.find("\n", claim.start)
    line = text[line_start : len(text) if line_end < 0 else line_end].rstrip("\r")
    at = claim.start - line_start
    width = max(1, min(len(claim.text.split("\n")[0].rstrip("\r")), len(line) - at))
    shown, offset = _window(line, at, width)
    shown = _CONTROL.sub(" ", shown)
    return str(claim.line), shown, " " * offset + "^" * width


def _window(line: str, at: int, width: int) -> tuple[str, int]:
    """``line`` cut around ``line[at:at + width]`` and the figure's column in the cut.

    >>> _window("x" * 200 + "FIG" + "y" * 200, 200, 3)[1]
    41
    """
    if len(line) <= WIDTH:
        return line, at
    start = max(0, at - CONTEXT)
    end = min(len(line), at + width + CONTEXT)
    head = "…" if start > 0 else ""
    tail = "…" if end < len(line) else ""
    return head + line[start:end] + tail, at - start + len(head)
