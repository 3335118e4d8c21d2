"""``check --explain``: every figure's frame and why each candidate was matched or set aside.

Run through the real command line, in text and JSON; the JSON with explanations still
follows the published schema, and without ``--explain`` it carries no ``explain`` keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from tests.cli_helpers import run, write

DRAFT = (
    "Halvard Energy, the Oslo-based grid operator, raised $420 million in its Series C "
    "round. The company now employs 1,250 people.\n"
)
SOURCE = (
    "---\ndate: 2025-10-02\n---\n\n"
    "Halvard Energy said on Thursday it had raised $240 million in a Series C round led by "
    "Fjord Capital. The grid operator, which employs about 1,250 people, plans to grow.\n"
)


def _check(tmp_path: Path, *more: str) -> Any:
    draft = write(tmp_path, "draft.md", DRAFT)
    source = write(tmp_path, "wire.md", SOURCE)
    done = run("check", draft, "--source", source, "--no-default-ledger",
               "--as-of", "2025-12-01", "--fail-on", "never", *more)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def _findings(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["claim"]["text"]: f for d in report["drafts"] for f in d["findings"]}


def test_json_explains_the_frame_and_each_candidate(tmp_path: Path) -> None:
    report = json.loads(_check(tmp_path, "--explain", "--format", "json").stdout)
    findings = _findings(report)

    slip = findings["$420 million"]
    assert slip["verdict"] == "discrepancy"
    assert slip["diagnosis"] == "digits"
    frame = slip["explain"]["frame"]
    assert frame["subject"] == "Halvard Energy"
    assert frame["metric"] == "funding"
    assert "round:c" in frame["scope"]
    best = slip["explain"]["candidates"][0]
    assert (best["text"], best["role"], best["diagnosis"]) == ("$240 million", "slip", "digits")
    assert (best["metric"], best["party"], best["blocks"]) == ("same", "same", [])
    assert best["frame"]["subject"] == "Halvard Energy"

    agreed = findings["1,250"]
    assert agreed["verdict"] == "consistent"
    roles = {c["text"]: c["role"] for c in agreed["explain"]["candidates"]}
    assert roles["about 1,250"] == "agrees"
    # the round's figure is money, the headcount a count: never a candidate of it
    assert "$240 million" not in roles


def test_json_with_explanations_follows_the_published_schema(tmp_path: Path) -> None:
    report = json.loads(_check(tmp_path, "--explain", "--format", "json").stdout)
    schema = json.loads(run("schema", "report").stdout)
    jsonschema.validate(report, schema)
    assert report["schema_version"] == "1"


def test_without_explain_the_json_has_no_explain_keys(tmp_path: Path) -> None:
    out = _check(tmp_path, "--format", "json").stdout
    assert '"explain"' not in out
    assert _findings(json.loads(out))["$420 million"]["verdict"] == "discrepancy"


def test_text_explains_every_figure_in_a_line_each(tmp_path: Path) -> None:
    lines = _check(tmp_path, "--explain").stdout.splitlines()
    frames = [line.strip() for line in lines if line.strip().startswith("frame:")]
    assert frames == [
        "frame: Halvard Energy (sentence) · funding (beside) · round:c",
        "frame: Halvard Energy (reference) · employees (beside) · time:now",
    ]
    assert any(line.strip().startswith("~ slip") and "$240 million" in line for line in lines)
    assert any(line.strip().startswith("= agrees") and "about 1,250" in line for line in lines)


def test_a_figure_set_aside_says_what_differs(tmp_path: Path) -> None:
    """Another company's equal figure is set aside with the reason: the party."""
    draft = write(tmp_path, "draft.md", "Corvane Labs expects revenue of $3.2 billion.\n")
    source = write(
        tmp_path,
        "wire.md",
        "Sable Micro expects revenue of $3.2 billion. Corvane Labs expects revenue of $7 "
        "billion.\n",
    )
    done = run("check", draft, "--source", source, "--no-default-ledger", "--explain",
               "--format", "json", "--fail-on", "never")  # fmt: skip
    finding = _findings(json.loads(done.stdout))["$3.2 billion"]
    by_text = {c["text"]: c for c in finding["explain"]["candidates"]}
    assert "party" in by_text["$3.2 billion"]["blocks"]
    assert finding["verdict"] == "discrepancy"
    assert finding["suggestion"] == "$7 billion"
