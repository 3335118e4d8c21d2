"""Leaving findings out of a report (suppressed, baselined, on unchanged lines).

The summary is counted again from what is left, so that every format and the exit code
agree with what the report shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from factcheck.models import VERDICT_ORDER, CheckReport, DraftResult, Finding


def keep(report: CheckReport, wanted: Callable[[DraftResult, Finding], bool]) -> CheckReport:
    """The report with only the findings ``wanted`` accepts."""
    drafts = [
        draft.model_copy(update={"findings": [f for f in draft.findings if wanted(draft, f)]})
        for draft in report.drafts
    ]
    counts = Counter(f.verdict for d in drafts for f in d.findings)
    summary = {verdict: counts.get(verdict, 0) for verdict in VERDICT_ORDER}
    return report.model_copy(update={"drafts": drafts, "summary": summary})
