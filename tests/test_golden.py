"""Golden reports: the JSON of `factcheck check` for the shipped examples, byte for byte.

A change in wording, evidence or verdicts shows up as a diff against the files in
``tests/golden/``; when the change is intended, regenerate them with

    FACTCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = [
    "anthropic-buildout.md",
    "planted-slips.md",
    "anthropic-rechenzentren.md",
    "arithmetic-slips.md",
    "eigene-rechnung.md",
]


def _normalise(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what depends on the machine: version and install paths."""
    report["tool"]["version"] = "*"
    for source in report["sources"]:
        if source["id"].startswith("ledger-"):
            source["location"] = "claims/" + Path(source["location"]).name
    return report


@pytest.mark.parametrize("name", EXAMPLES)
def test_golden_check_report(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", f"examples/{name}", "--as-of", "2025-12-01",
         "--format", "json", "--fail-on", "never"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    got = _normalise(json.loads(result.stdout))
    golden = GOLDEN / name.replace(".md", ".json")
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected
