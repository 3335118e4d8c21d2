"""What every CI format needs besides the report: paths, positions, severities.

A :class:`View` is built once by the command line and handed to each renderer, so that
SARIF, GitHub annotations, JUnit and rdjsonl agree on where a finding is, how loudly it
is shown and whether it fails the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.ci.baseline import fingerprint
from factcheck.fix import fixable
from factcheck.models import VERDICT_ORDER, CheckReport, Finding, Verdict
from factcheck.report.locate import Locator, Span, relative_path
from factcheck.report.severity import DEFAULT_SEVERITY, Severity
from factcheck.text.sentences import fold


@dataclass(frozen=True, slots=True)
class Item:
    """One finding, placed."""

    path: str  # relative to the repository root, forward slashes
    finding: Finding
    span: Span
    severity: Severity
    fails: bool
    #: for a fixable finding whose draft text is at hand: its line(s) with the fix made
    fixed_lines: str | None = None

    @property
    def fingerprint(self) -> str:
        """The baseline's fingerprint, worked out when a format asks for it: it hashes
        the claim's sentence, which a long line repeats for each of its figures."""
        return fingerprint(self.finding)


@dataclass(frozen=True)
class View:
    """The report as CI formats see it."""

    report: CheckReport
    root: Path
    texts: Mapping[str, str] = field(default_factory=dict)  # draft path -> decoded text
    severity: Mapping[Verdict, Severity] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    fail_on: Verdict | None = "discrepancy"  # None: nothing fails
    #: findings left out of ``report``, by why: fixed, suppressed, baselined, unchanged
    hidden: Mapping[str, int] = field(default_factory=dict)

    def fails(self, verdict: Verdict) -> bool:
        if self.fail_on is None:
            return False
        return VERDICT_ORDER.index(verdict) >= VERDICT_ORDER.index(self.fail_on)

    def drafts(self) -> Iterator[tuple[str, list[Item]]]:
        """Each draft's relative path and its placed findings, in report order."""
        for draft in self.report.drafts:
            path = relative_path(draft.path, self.root)
            text = self.texts.get(draft.path)
            locator = Locator(text)
            yield (
                path,
                [
                    Item(
                        path=path,
                        finding=finding,
                        span=locator.span(finding.claim),
                        severity=self.severity[finding.verdict],
                        fails=self.fails(finding.verdict),
                        fixed_lines=fixed_lines(finding, text),
                    )
                    for finding in draft.findings
                ],
            )

    def items(self) -> Iterator[Item]:
        for _, items in self.drafts():
            yield from items

    def shown(self) -> Iterator[Item]:
        """The findings a CI format reports: those whose severity is not ``none``."""
        return (item for item in self.items() if item.severity != "none")


def fixed_lines(finding: Finding, text: str | None) -> str | None:
    """The lines a fixable finding stands on, with the fix made; None when not fixable.

    >>> from factcheck.models import Claim
    >>> c = Claim(id="x", text="$4.5 million", start=9, end=21, line=2, column=4,
    ...           value=4.5e6, unit="USD", low=4.45e6, high=4.55e6, sentence="", lang="en")
    >>> f = Finding(claim=c, verdict="discrepancy", message="", diagnosis="scale",
    ...             suggestion="$4.5 billion")
    >>> fixed_lines(f, "Title\\nIt $4.5 million.\\nEnd")
    'It $4.5 billion.'
    """
    claim = finding.claim
    if text is None or not fixable(finding) or text[claim.start : claim.end] != claim.text:
        return None
    start = text.rfind("\n", 0, claim.start) + 1
    end = text.find("\n", claim.end)
    tail = text[claim.end : len(text) if end < 0 else end]
    return (text[start : claim.start] + f"{finding.suggestion}" + tail).rstrip("\r")


def title(finding: Finding) -> str:
    """A short headline: the verdict and the figure, e.g. ``discrepancy: 1,400 people``."""
    headline = f"{finding.verdict}: {fold(finding.claim.text)}"
    if finding.suggestion and finding.verdict in ("discrepancy", "outdated"):
        headline += f" (evidence: {finding.suggestion})"
    return headline
