"""SARIF 2.1.0, as GitHub code scanning reads it.

One rule per verdict, with help text, so that an alert says what kind of slip it is and
what to do. Locations are relative to the repository root (``uriBaseId`` ``%SRCROOT%``)
and columns are counted in UTF-16 code units, which the run states in ``columnKind``:
that is SARIF's default and what GitHub assumes, and for text of Latin letters, €, „“
and – it equals the character count. ``partialFingerprints`` come from
:func:`factcheck.ci.baseline.fingerprint`, so an unchanged finding is the same alert after
edits elsewhere in the file.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck._version import __version__
from factcheck.fix import fixable
from factcheck.models import VERDICT_ORDER, Verdict
from factcheck.report import provenance
from factcheck.report.severity import Severity
from factcheck.report.view import Item, View
from factcheck.text.sentences import fold

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/factcheck-news/"
#: A key of GitHub's own: it recognises it and keeps alerts apart by it across runs.
FINGERPRINT_KEY = "factcheckFinding/v1"

#: What each verdict means and what the writer should do; shown as the rule's help.
RULES: dict[Verdict, tuple[str, str]] = {
    "discrepancy": (
        "A figure disagrees with the sources or the ledger.",
        "A source or ledger record about the same thing states a figure that the draft's "
        "figure cannot be (their intervals do not meet), or the draft contradicts itself. "
        "Correct the figure to the one the evidence supports, or add the source that "
        "backs the draft's figure.",
    ),
    "outdated": (
        "A figure was true once and has since been replaced.",
        "The figure matches a record that a newer record, dated on or before the draft's "
        "date, has replaced. Update it, or say when it held ('as of March').",
    ),
    "conflicting": (
        "The sources disagree among themselves about a figure.",
        "Some sources agree with the draft and some do not. Decide which source to trust "
        "and attribute the figure to it.",
    ),
    "unverified": (
        "Nothing was found to check a figure against.",
        "No source or ledger record states a figure about the same thing. Add the source "
        "it came from with --source, or a ledger record with its provenance.",
    ),
    "consistent": (
        "A figure agrees with the sources or the ledger.",
        "A matching source or ledger figure agrees with the draft's. Nothing to do.",
    ),
}

_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "note": "note",
                               "none": "none"}  # fmt: skip


def _rule(verdict: Verdict, severity: Severity) -> dict[str, Any]:
    short, full = RULES[verdict]
    return {
        "id": verdict,
        "name": verdict.capitalize() + "Figure",
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": f"**{short}**\n\n{full}"},
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {"tags": ["fact-check", "figures"]},
    }


def _result(item: Item, rule_index: dict[Verdict, int]) -> dict[str, Any]:
    finding = item.finding
    s = item.span
    region: dict[str, Any] = {
        "startLine": s.line,
        "startColumn": s.utf16_column,
        "endLine": s.end_line,
        "endColumn": s.utf16_end_column,
        "snippet": {"text": finding.claim.text},
    }
    result: dict[str, Any] = {
        "ruleId": finding.verdict,
        "ruleIndex": rule_index[finding.verdict],
        "level": _LEVEL[item.severity],
        "message": {"text": provenance.message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": item.path, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: item.fingerprint},
        "properties": {"figure": fold(finding.claim.text)},
    }
    if finding.diagnosis:
        result["properties"]["diagnosis"] = finding.diagnosis
    if finding.suggestion:
        result["properties"]["suggestion"] = finding.suggestion
    if fixable(finding):
        result["fixes"] = [_fix(item)]
    urls = provenance.evidence_urls(finding)
    if urls:
        result["properties"]["evidence"] = urls
    return result


def _fix(item: Item) -> dict[str, Any]:
    """SARIF's fix object (§3.55): replace the figure's region with the supported one."""
    finding, s = item.finding, item.span
    return {
        "description": {"text": f"Replace {fold(finding.claim.text)} with {finding.suggestion}."},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": item.path, "uriBaseId": "%SRCROOT%"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": s.line,
                            "startColumn": s.utf16_column,
                            "endLine": s.end_line,
                            "endColumn": s.utf16_end_column,
                        },
                        "insertedContent": {"text": finding.suggestion},
                    }
                ],
            }
        ],
    }


def render(view: View) -> str:
    """The SARIF log as JSON text, one run, the findings whose severity is not none."""
    verdicts = list(reversed(VERDICT_ORDER))  # the most serious rule first
    rule_index = {verdict: n for n, verdict in enumerate(verdicts)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(v, view.severity[v]) for v in verdicts],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": view.root.as_uri().rstrip("/") + "/"}},
                "columnKind": "utf16CodeUnits",
                "results": [_result(item, rule_index) for item in view.shown()],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
