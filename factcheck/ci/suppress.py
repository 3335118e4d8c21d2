"""Inline suppressions: comments in a Markdown or HTML draft that silence figures.

    <!-- factcheck-disable-next-line -->        the figures of the next line
    <!-- factcheck off --> … <!-- factcheck on -->   every figure in between
    <!-- factcheck-disable "61.5 billion" -->    every figure of the draft with that text

Each may name verdicts, and then silences only figures with one of them:
``<!-- factcheck-disable-next-line outdated -->`` leaves a discrepancy on that line
shown. A figure is matched by its text when either contains the other, spaces folded:
so ``"61.5 billion"`` silences ``$61.5 billion``. An ``off`` without an ``on`` runs to
the end of the draft. ``--no-inline-config`` makes the command line ignore all of this,
for an audit of what the desk has silenced.

A comment that starts with ``factcheck`` but is none of these (``factcheck-disable-
nextline``, ``factcheck of``) or names a verdict that does not exist is not ignored
quietly: :attr:`Suppressions.warnings` says what is wrong and what was probably meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.hints import did_you_mean
from factcheck.models import VERDICT_ORDER, Finding

_COMMENT = re.compile(
    r"""
    <!--\s*
    (?P<body>factcheck\b.*?)    # every comment that starts with the tool's name
    \s*-->
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)

_FIGURE = re.compile(
    r"""
    \s*"(?P<figure>[^"]+)"      # the figure's text, in double quotes
    """,
    re.VERBOSE,
)

NEXT_LINE = "factcheck-disable-next-line"
OFF = "factcheck off"
ON = "factcheck on"
DISABLE = "factcheck-disable"
DIRECTIVES = (NEXT_LINE, OFF, ON, DISABLE)

#: Which verdicts a rule silences; None: all of them.
Verdicts = frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Suppressions:
    """What a draft's comments silence, and what in them could not be understood."""

    lines: dict[int, Verdicts]  # 1-based lines whose figures are silenced
    regions: tuple[tuple[int, int, Verdicts], ...]  # character offsets [start, end)
    figures: tuple[tuple[str, Verdicts], ...]  # figure texts, spaces folded
    warnings: tuple[tuple[int, str], ...] = ()  # (line, what is wrong)

    def silences(self, finding: Finding) -> bool:
        claim, verdict = finding.claim, finding.verdict
        if claim.line in self.lines and _covers(self.lines[claim.line], verdict):
            return True
        if any(s <= claim.start < e and _covers(v, verdict) for s, e, v in self.regions):
            return True
        text = _fold(claim.text)
        return any(
            (figure in text or text in figure) and _covers(v, verdict) for figure, v in self.figures
        )


def _covers(verdicts: Verdicts, verdict: str) -> bool:
    return verdicts is None or verdict in verdicts


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _directive(body: str) -> tuple[str, str]:
    """The directive a comment's body names, and the rest of the body."""
    words = body.split(maxsplit=1)
    name, rest = words[0].casefold(), words[1] if len(words) > 1 else ""
    if name == "factcheck" and rest:
        second = rest.split(maxsplit=1)
        return f"{name} {second[0].casefold()}", second[1] if len(second) > 1 else ""
    return name, rest


def _verdicts(words: list[str], line: int, warnings: list[tuple[int, str]]) -> Verdicts:
    chosen = set()
    for word in words:
        if word.casefold() in VERDICT_ORDER:
            chosen.add(word.casefold())
        else:
            hint = did_you_mean(word, VERDICT_ORDER)
            warnings.append((line, f'"{word}" is not a verdict ({", ".join(VERDICT_ORDER)}){hint}'))
    return frozenset(chosen) if chosen else None


def _union(a: Verdicts, b: Verdicts) -> Verdicts:
    return None if a is None or b is None else a | b


def parse(text: str) -> Suppressions:
    """The suppressions a draft's comments declare.

    >>> s = parse("a\\n<!-- factcheck-disable-next-line outdated -->\\nb\\n")
    >>> s.lines
    {3: frozenset({'outdated'})}
    >>> parse("<!-- factcheck-disable-nextline -->").warnings[0][1]
    'unknown directive "factcheck-disable-nextline"; did you mean "factcheck-disable-next-line"?'
    """
    lines: dict[int, Verdicts] = {}
    regions: list[tuple[int, int, Verdicts]] = []
    figures: list[tuple[str, Verdicts]] = []
    warnings: list[tuple[int, str]] = []
    off: tuple[int, Verdicts] | None = None
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        name, rest = _directive(match["body"])
        if name == DISABLE:
            quoted = _FIGURE.match(rest)
            if quoted is None:
                warnings.append((line, f'{DISABLE} needs a figure in double quotes: '
                                       f'<!-- {DISABLE} "1,400" -->'))  # fmt: skip
                continue
            verdicts = _verdicts(rest[quoted.end() :].split(), line, warnings)
            figures.append((_fold(quoted["figure"]), verdicts))
            continue
        if name not in DIRECTIVES:
            hint = did_you_mean(name, DIRECTIVES)
            warnings.append((line, f'unknown directive "{name}"{hint}'))
            continue
        verdicts = _verdicts(rest.split(), line, warnings)
        if name == NEXT_LINE:
            after = text.count("\n", 0, match.end()) + 2
            lines[after] = _union(lines[after], verdicts) if after in lines else verdicts
        elif name == OFF and off is None:
            off = (match.end(), verdicts)
        elif name == ON and off is not None:
            regions.append((off[0], match.start(), off[1]))
            off = None
    if off is not None:
        regions.append((off[0], len(text), off[1]))
    return Suppressions(lines, tuple(regions), tuple(figures), tuple(warnings))


def silenced(text: str, findings: Iterable[Finding]) -> set[str]:
    """The claim ids of the ``findings`` of a draft that its comments silence."""
    found = parse(text)
    return {finding.claim.id for finding in findings if found.silences(finding)}
