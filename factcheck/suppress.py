"""Inline suppressions: comments in a Markdown or HTML draft that silence figures.

    <!-- factcheck-disable-next-line -->        the figures of the next line
    <!-- factcheck off --> … <!-- factcheck on -->   every figure in between
    <!-- factcheck-disable "61.5 billion" -->    every figure of the draft with that text

A figure is matched by its text when either contains the other, spaces folded: so
``"61.5 billion"`` silences ``$61.5 billion``. An ``off`` without an ``on`` runs to the
end of the draft. ``--no-inline-config`` makes the command line ignore all of this, for
an audit of what the desk has silenced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.models import Claim

_DIRECTIVE = re.compile(
    r"""
    <!--\s*factcheck
    (?:
        (?P<next>-disable-next-line)            # the line after the comment
      | \s+(?P<switch>off|on)\b                 # a region: off … on
      | -disable\s+"(?P<figure>[^"]+)"          # one figure by its text, the whole draft
    )
    \s*-->
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Suppressions:
    """What a draft's comments silence."""

    lines: frozenset[int]  # 1-based lines whose figures are silenced
    regions: tuple[tuple[int, int], ...]  # character offsets [start, end)
    figures: tuple[str, ...]  # figure texts, spaces folded

    def silences(self, claim: Claim) -> bool:
        if claim.line in self.lines:
            return True
        if any(start <= claim.start < end for start, end in self.regions):
            return True
        text = _fold(claim.text)
        return any(figure in text or text in figure for figure in self.figures)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse(text: str) -> Suppressions:
    """The suppressions a draft's comments declare.

    >>> s = parse("a\\n<!-- factcheck-disable-next-line -->\\nb\\n")
    >>> sorted(s.lines)
    [3]
    """
    lines: set[int] = set()
    regions: list[tuple[int, int]] = []
    figures: list[str] = []
    off_at: int | None = None
    for match in _DIRECTIVE.finditer(text):
        if match["next"]:
            line = text.count("\n", 0, match.end()) + 1
            lines.add(line + 1)
        elif match["switch"]:
            if match["switch"].lower() == "off" and off_at is None:
                off_at = match.end()
            elif match["switch"].lower() == "on" and off_at is not None:
                regions.append((off_at, match.start()))
                off_at = None
        elif match["figure"]:
            figures.append(_fold(match["figure"]))
    if off_at is not None:
        regions.append((off_at, len(text)))
    return Suppressions(frozenset(lines), tuple(regions), tuple(figures))


def silenced(text: str, claims: Iterable[Claim]) -> set[str]:
    """The ids of the ``claims`` of a draft that its comments silence."""
    found = parse(text)
    return {claim.id for claim in claims if found.silences(claim)}
