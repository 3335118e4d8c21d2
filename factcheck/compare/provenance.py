"""Where each piece of evidence can be read, written into the evidence itself.

A ledger record names the page its figure was verified at (its ``source``) and may carry
a note; a web source is a page itself. :func:`with_provenance` writes that URL into each
:class:`~factcheck.models.Evidence` (``url``), and a record's note (``ledger_note``), as
soon as a check is made, so that every report (JSON, SARIF, GitHub annotations, JUnit,
rdjsonl, GitLab, text and HTML) shows them from the evidence alone, never reading a
ledger file again. Evidence from a local file has no URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.models import CheckReport, Evidence, SourceInfo

if TYPE_CHECKING:
    from factcheck.sources.ledger import Ledger, LedgerRecord


def _web(location: str) -> str | None:
    return location if location.startswith(("http://", "https://")) else None


def with_provenance(report: CheckReport, ledger: Ledger | None) -> CheckReport:
    """``report`` with ``url`` set on every piece of evidence that has one, and
    ``ledger_note`` on every record of the ledger that has a note."""
    sources = {source.id: source for source in report.sources}

    def traced(item: Evidence) -> Evidence:
        info = sources.get(item.source)
        if info is None:
            return item.model_copy(update={"url": None})
        if not item.from_ledger:
            return item.model_copy(update={"url": _web(info.location)})
        record = _record(ledger, info, item) if ledger is not None else None
        if record is None:
            return item.model_copy(update={"url": None})
        return item.model_copy(update={"url": record.source, "ledger_note": record.note})

    drafts = [
        draft.model_copy(
            update={
                "findings": [
                    finding.model_copy(
                        update={"evidence": [traced(item) for item in finding.evidence]}
                    )
                    if finding.evidence
                    else finding  # most figures of a long draft have none: no copy
                    for finding in draft.findings
                ]
            }
        )
        for draft in report.drafts
    ]
    return report.model_copy(update={"drafts": drafts})


def _record(ledger: Ledger, info: SourceInfo, item: Evidence) -> LedgerRecord | None:
    """The ledger record the evidence stands for (by its file and line)."""
    claim = item.claim
    if claim.subject is None or claim.metric is None:
        return None
    for record in ledger.select(entity=claim.subject, metric=claim.metric):
        if record.line == claim.line and record.path == info.location:
            return record
    return None
