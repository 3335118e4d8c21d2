"""GitLab Code Quality: the report a merge request's widget and diff view show.

A JSON array of issues, a subset of the Code Climate spec as GitLab documents it
(``artifacts:reports:codequality``): ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location`` (``path``, ``lines.begin``) are what GitLab reads; ``type``
and ``categories`` make the issues valid Code Climate too.

GitLab tells issues apart by ``fingerprint`` alone, across runs and within one report,
so it is the finding's own fingerprint (verdict, figure and sentence: it survives edits
elsewhere in the file, see :func:`factcheck.ci.baseline.fingerprint`) hashed with the path
and the figure's occurrence there: a sentence stated twice is two issues.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from factcheck.report import provenance
from factcheck.report.severity import Severity
from factcheck.report.view import Item, View, title

#: Code Quality's severities are info, minor, major, critical and blocker.
_SEVERITY: dict[Severity, str] = {"error": "major", "warning": "minor", "note": "info"}


def issue(item: Item, occurrence: int) -> dict[str, Any] | None:
    """The Code Quality issue of one finding; None when its severity is ``none``."""
    severity = _SEVERITY.get(item.severity)
    if severity is None:
        return None
    finding = item.finding
    key = f"{item.path}\x1f{item.fingerprint}\x1f{occurrence}"
    return {
        "type": "issue",
        "check_name": f"factcheck/{finding.verdict}",
        "description": f"{title(finding)}: {provenance.message(finding)}",
        "categories": ["Bug Risk"],
        "severity": severity,
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
        "location": {
            "path": item.path,
            "lines": {"begin": item.span.line, "end": item.span.end_line},
        },
    }


def render(view: View) -> str:
    """The Code Quality report as JSON text: every shown finding, in report order."""
    seen: Counter[tuple[str, str]] = Counter()
    issues = []
    for item in view.items():
        seen[item.path, item.fingerprint] += 1
        found = issue(item, seen[item.path, item.fingerprint])
        if found is not None:
            issues.append(found)
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
