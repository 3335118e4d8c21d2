"""How loudly each verdict is shown: error, warning, note or nothing.

Shown is not the same as failing: ``--fail-on`` alone decides the exit code, so a desk
may see outdated figures as errors in review while only discrepancies stop a merge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from factcheck.models import Verdict

Severity = Literal["error", "warning", "note", "none"]
#: ``--fail-on``: the least serious verdict that fails a run (exit code 1), or never.
FailOn = Literal["discrepancy", "outdated", "conflicting", "unverified", "never"]

DEFAULT_SEVERITY: Mapping[Verdict, Severity] = {
    "discrepancy": "error",
    "outdated": "warning",
    "conflicting": "warning",
    "unverified": "note",
    "consistent": "none",
}
