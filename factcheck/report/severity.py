"""How loudly each verdict is shown: error, warning, note or nothing.

Shown is not the same as failing: ``--fail-on`` alone decides the exit code, so a desk
may see outdated figures as errors in review while only discrepancies stop a merge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from factcheck.models import Verdict

Severity = Literal["error", "warning", "note", "none"]

DEFAULT_SEVERITY: Mapping[Verdict, Severity] = {
    "discrepancy": "error",
    "outdated": "warning",
    "conflicting": "warning",
    "unverified": "note",
    "consistent": "none",
}


def severities(overrides: Mapping[Verdict, Severity] | None = None) -> dict[Verdict, Severity]:
    """The default mapping with ``overrides`` (from the configuration) laid over it.

    >>> severities({"outdated": "error"})["outdated"]
    'error'
    """
    return {**DEFAULT_SEVERITY, **(overrides or {})}
