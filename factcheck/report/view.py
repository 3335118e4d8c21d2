"""What every CI format needs besides the report: paths, positions, severities.

A :class:`View` is built once by the command line and handed to each renderer, so that
SARIF, GitHub annotations, JUnit and rdjsonl agree on where a finding is, how loudly it
is shown and whether it fails the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.baseline import fingerprint
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

    def fails(self, verdict: Verdict) -> bool:
        if self.fail_on is None:
            return False
        return VERDICT_ORDER.index(verdict) >= VERDICT_ORDER.index(self.fail_on)

    def drafts(self) -> Iterator[tuple[str, list[Item]]]:
        """Each draft's relative path and its placed findings, in report order."""
        for draft in self.report.drafts:
            path = relative_path(draft.path, self.root)
            locator = Locator(self.texts.get(draft.path))
            yield (
                path,
                [
                    Item(
                        path=path,
                        finding=finding,
                        span=locator.span(finding.claim),
                        severity=self.severity[finding.verdict],
                        fails=self.fails(finding.verdict),
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


def title(finding: Finding) -> str:
    """A short headline: the verdict and the figure, e.g. ``discrepancy: 1,400 people``."""
    headline = f"{finding.verdict}: {fold(finding.claim.text)}"
    if finding.suggestion and finding.verdict in ("discrepancy", "outdated"):
        headline += f" (evidence: {finding.suggestion})"
    return headline
