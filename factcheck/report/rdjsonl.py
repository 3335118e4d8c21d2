"""reviewdog's rdjsonl: one JSON diagnostic per line, for ``reviewdog -f=rdjsonl``.

reviewdog counts columns in UTF-8 bytes (its ``Position.column``), so a figure after a
"€" starts two columns later than its character count says.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from factcheck.fix import fixable
from factcheck.report import provenance
from factcheck.report.severity import Severity
from factcheck.report.view import Item, View

_SEVERITY: dict[Severity, str] = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}


def diagnostic(item: Item) -> dict[str, Any] | None:
    """The rdjson diagnostic of one finding; None when its severity is ``none``."""
    severity = _SEVERITY.get(item.severity)
    if severity is None:
        return None
    finding = item.finding
    s = item.span
    record: dict[str, Any] = {
        "message": provenance.message(finding),
        "location": {
            "path": item.path,
            "range": {
                "start": {"line": s.line, "column": s.utf8_column},
                "end": {"line": s.end_line, "column": s.utf8_end_column},
            },
        },
        "severity": severity,
        "code": {"value": finding.verdict},
        "source": {"name": "factcheck"},
        "original_output": finding.claim.text,
    }
    if fixable(finding):  # reviewdog offers it as a change to apply (-reporter=github-pr-review)
        record["suggestions"] = [{"range": record["location"]["range"], "text": finding.suggestion}]
    return record


def render(view: View) -> Iterator[str]:
    """One JSON line per shown finding."""
    for item in view.items():
        record = diagnostic(item)
        if record is not None:
            yield json.dumps(record, ensure_ascii=False)
