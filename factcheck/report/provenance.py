"""Where each piece of evidence can be read: the URL that goes into every format.

A ledger record names the page its figure was verified at (its ``source``); a web source
is a page itself. :func:`with_urls` writes that URL into each :class:`Evidence`
(``url``), so that JSON, SARIF, GitHub annotations, JUnit, rdjsonl, GitLab and the text
report all show it, not only the HTML report. Evidence from a local file has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.models import CheckReport, Evidence, Finding, SourceInfo

if TYPE_CHECKING:
    from factcheck.sources.ledger import Ledger


def _web(location: str) -> str | None:
    return location if location.startswith(("http://", "https://")) else None


def with_urls(report: CheckReport, ledger: Ledger | None) -> CheckReport:
    """``report`` with ``url`` set on every piece of evidence that has one."""
    sources = {source.id: source for source in report.sources}

    def url(item: Evidence) -> str | None:
        info = sources.get(item.source)
        if info is None:
            return None
        if info.id.startswith("ledger-"):
            return _record_url(ledger, info, item) if ledger is not None else None
        return _web(info.location)

    drafts = [
        draft.model_copy(
            update={
                "findings": [
                    finding.model_copy(
                        update={
                            "evidence": [
                                item.model_copy(update={"url": url(item)})
                                for item in finding.evidence
                            ]
                        }
                    )
                    for finding in draft.findings
                ]
            }
        )
        for draft in report.drafts
    ]
    return report.model_copy(update={"drafts": drafts})


def _record_url(ledger: Ledger, info: SourceInfo, item: Evidence) -> str | None:
    """The ``source`` of the ledger record the evidence stands for (file and line)."""
    claim = item.claim
    if claim.subject is None or claim.metric is None:
        return None
    for record in ledger.select(entity=claim.subject, metric=claim.metric):
        if record.line == claim.line and record.path == info.location:
            return record.source
    return None


def evidence_urls(finding: Finding) -> list[str]:
    """The URLs of a finding's evidence, each once, in order."""
    return list(dict.fromkeys(item.url for item in finding.evidence if item.url))


def message(finding: Finding) -> str:
    """The finding's message with the URLs of its evidence, for formats that show only
    a message (annotations, test reports, code quality).

    >>> from factcheck.models import Claim
    >>> c = Claim(id="x", text="14%", start=0, end=3, line=1, column=1, value=14, unit="%",
    ...           low=13.5, high=14.5, sentence="", lang="en")
    >>> e = Evidence(source="ledger-1", claim=c, agrees=True, url="https://example.org/a")
    >>> message(Finding(claim=c, verdict="consistent", message="Agrees.", evidence=[e]))
    'Agrees. Evidence: https://example.org/a'
    """
    urls = evidence_urls(finding)
    return f"{finding.message} Evidence: {', '.join(urls)}" if urls else finding.message
