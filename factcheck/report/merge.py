"""One report from the reports of several checks over different sources.

Drafts with their own sources (:mod:`factcheck.scoping`) are checked in groups, one
report each, whose sources are numbered ``source-1``, ``source-2``… anew. The merged
report lists every source once, numbered in the order first met, rewrites the source ids
of evidence and explanations to match, keeps the drafts in the order given and counts
the verdicts again. Ledger files are the same in every group and keep their ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import VERDICT_ORDER, CheckReport, DraftResult, Finding, SourceInfo

_LEDGER = "ledger-"
_DRAFT = "draft-"


def merge(reports: Sequence[CheckReport], order: Sequence[str]) -> CheckReport:
    """The reports as one; drafts in the order of their paths in ``order``.

    >>> from factcheck.models import CheckReport
    >>> import datetime as dt
    >>> def one(location):
    ...     info = SourceInfo(id="source-1", location=location)
    ...     return CheckReport(as_of=dt.date(2025, 1, 1), drafts=[], sources=[info], summary={})
    >>> [(s.id, s.location) for s in merge([one("a.md"), one("b.md"), one("a.md")], []).sources]
    [('source-1', 'a.md'), ('source-2', 'b.md')]
    >>> def own(location):
    ...     info = SourceInfo(id="draft-1", location=location)
    ...     return CheckReport(as_of=dt.date(2025, 1, 1), drafts=[], sources=[info], summary={})
    >>> [s.id for s in merge([one("a.md"), own("d.md"), own("e.md")], []).sources]
    ['source-1', 'draft-1', 'draft-2']
    """
    if len(reports) == 1:
        return reports[0]
    ids: dict[str, str] = {}  # location -> merged id
    sources: list[SourceInfo] = []
    ledgers: dict[str, SourceInfo] = {}
    drafts: dict[str, DraftResult] = {}
    for report in reports:
        renamed: dict[str, str] = {}
        for info in report.sources:
            if info.id.startswith(_LEDGER):
                ledgers.setdefault(info.id, info)
                continue
            # a draft that is its own evidence stays "draft-N", numbered anew like sources
            kind = _DRAFT if info.id.startswith(_DRAFT) else "source-"
            key = kind + info.location
            if key not in ids:
                ids[key] = f"{kind}{sum(1 for k in ids if k.startswith(kind)) + 1}"
                sources.append(info.model_copy(update={"id": ids[key]}))
            renamed[info.id] = ids[key]
        for draft in report.drafts:
            findings = [_renamed(finding, renamed) for finding in draft.findings]
            drafts[draft.path] = draft.model_copy(update={"findings": findings})
    ordered = [drafts.pop(path) for path in order if path in drafts] + list(drafts.values())
    counts = dict.fromkeys(VERDICT_ORDER, 0)
    for draft in ordered:
        for finding in draft.findings:
            counts[finding.verdict] += 1
    return reports[0].model_copy(
        update={
            "drafts": ordered,
            "sources": [*sources, *ledgers.values()],
            "summary": counts,
        }
    )


def _renamed(finding: Finding, renamed: dict[str, str]) -> Finding:
    """``finding`` with the source ids of its evidence and explanation rewritten."""
    evidence = [
        item.model_copy(update={"source": renamed.get(item.source, item.source)})
        for item in finding.evidence
    ]
    update: dict[str, object] = {"evidence": evidence}
    if finding.explain is not None:
        candidates = [
            c.model_copy(update={"source": renamed.get(c.source, c.source)})
            for c in finding.explain.candidates
        ]
        update["explain"] = finding.explain.model_copy(update={"candidates": candidates})
    return finding.model_copy(update=update)
