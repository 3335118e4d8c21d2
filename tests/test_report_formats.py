"""The CI formats through the real command line: SARIF against the official schema,
GitHub workflow commands and their escaping, JUnit XML and reviewdog's rdjsonl.

The draft's discrepancy stands on a line with „“, –, € and an emoji, so each format's
column unit is tested where it differs from a character count.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.report.github import escape_data, escape_property
from tests.cli_helpers import SOURCE, run, write

#: One consistent, one discrepancy, one unverified figure, on ASCII and non-ASCII lines.
DRAFT = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $9 billion in a chip plant near Porto.\n"
    "In „Porto“ – a €-zone site 😀 – Ardent Foundry is to employ 1,400 people.\n"
    "It will buy 300 megawatts of power.\n"
)

SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0.json"
LINE = DRAFT.splitlines()[5]  # the non-ASCII line with "1,400"
CHARS = LINE.index("1,400") + 1


def check(tmp_path: Path, fmt: str, *extra: str) -> tuple[int, str]:
    write(tmp_path, "news/draft.md", DRAFT)
    write(tmp_path, "source.md", SOURCE)
    done = run("check", "news/draft.md", "--source", "source.md", "--no-default-ledger",
               "--format", fmt, *extra, cwd=tmp_path)  # fmt: skip
    # a machine format keeps stdout for the report; the one-line summary goes to stderr
    assert done.stderr.startswith("factcheck: 3 figures in 1 draft as of "), done.stderr
    assert done.stderr.count("\n") == 1
    return done.returncode, done.stdout


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    code, out = check(tmp_path, "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == [
        "discrepancy", "outdated", "conflicting", "unverified", "consistent"
    ]  # fmt: skip
    assert all(rule["help"]["text"] for rule in run_["tool"]["driver"]["rules"])
    by_rule = {r["ruleId"]: r for r in run_["results"]}
    assert set(by_rule) == {"discrepancy", "unverified"}  # consistent is shown as nothing
    wrong = by_rule["discrepancy"]
    assert wrong["level"] == "error"
    assert by_rule["unverified"]["level"] == "note"
    place = wrong["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": "news/draft.md", "uriBaseId": "%SRCROOT%"}
    region = place["region"]
    # The emoji before the figure is one character but two UTF-16 code units.
    utf16 = len(LINE[: CHARS - 1].encode("utf-16-le")) // 2 + 1
    assert utf16 == CHARS + 1
    assert (region["startLine"], region["startColumn"]) == (6, utf16)
    assert region["endColumn"] == utf16 + 5


def test_sarif_fingerprints_survive_edits_elsewhere(tmp_path: Path) -> None:
    def prints(out: str) -> list[str]:
        results: list[dict[str, Any]] = json.loads(out)["runs"][0]["results"]
        return [r["partialFingerprints"]["factcheckFinding/v1"] for r in results]

    _, before = check(tmp_path, "sarif")
    moved = DRAFT.replace("---\n\n", "---\n\nA new first paragraph without figures.\n\n", 1)
    write(tmp_path, "news/draft.md", moved)
    after = run("check", "news/draft.md", "--source", "source.md", "--no-default-ledger",
                "--format", "sarif", cwd=tmp_path).stdout  # fmt: skip
    assert prints(before) == prints(after)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in json.loads(after)["runs"][0]["results"]]  # fmt: skip
    assert lines[0] == 8  # moved down two lines, same alert


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("50% up", "50%25 up", "50%25 up"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("discrepancy: 1,400", "discrepancy: 1,400", "discrepancy%3A 1%2C400"),
        ("%3A", "%253A", "%253A"),  # % first, so an escape is never escaped twice
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_annotations_and_grouped_log(tmp_path: Path) -> None:
    code, out = check(tmp_path, "github")
    assert code == 1
    lines = out.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    assert error == (
        f"::error file=news/draft.md,line=6,endLine=6,col={CHARS},endColumn={CHARS + 5},"
        "title=discrepancy%3A 1%2C400 (evidence%3A 4%2C100)::"
        "4,100 in source.md (2025-11-18), not 1,400 (the same digits in another order)."
        "%0A%0ASuggested change:%0A```suggestion%0A" + LINE.replace("1,400", "4,100") + "%0A```"
    )
    assert any(line.startswith("::notice file=news/draft.md,line=7,") for line in lines)
    assert not any(line.startswith("::") and "$9 billion" in line for line in lines)
    start = lines.index("::group::news/draft.md (2 of 3 figures to review)")
    end = lines.index("::endgroup::")
    grouped = lines[start + 1 : end]
    assert len(grouped) == 3  # the full list, consistent figures included
    assert all(line.startswith("news/draft.md:") for line in grouped)


def test_junit_has_one_case_per_figure(tmp_path: Path) -> None:
    code, out = check(tmp_path, "junit", "--fail-on", "unverified")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "news/draft.md"
    cases = suite.findall("testcase")
    assert len(cases) == 3
    failed = [c for c in cases if c.find("failure") is not None]
    # --fail-on unverified: the unverified figure fails too
    assert [c.find("failure").get("type") for c in failed] == ["discrepancy", "unverified"]  # type: ignore[union-attr]
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")
    assert (root.get("tests"), root.get("failures")) == ("3", "2")


def test_junit_failures_follow_fail_on(tmp_path: Path) -> None:
    _, out = check(tmp_path, "junit")
    suite = ET.fromstring(out.encode("utf-8")).find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1"
    notes = [c for c in suite.findall("testcase") if c.find("system-out") is not None]
    assert len(notes) == 1  # unverified: shown, not failed


def test_rdjsonl_is_one_diagnostic_a_line(tmp_path: Path) -> None:
    code, out = check(tmp_path, "rdjsonl")
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["severity"] for r in records] == ["ERROR", "INFO"]
    wrong = records[0]
    assert wrong["code"] == {"value": "discrepancy"}
    assert wrong["location"]["path"] == "news/draft.md"
    # reviewdog counts UTF-8 bytes: „ “ – – € are 3 bytes each, the emoji 4.
    byte_column = len(LINE[: CHARS - 1].encode("utf-8")) + 1
    assert byte_column == CHARS + 5 * 2 + 3
    assert wrong["location"]["range"] == {
        "start": {"line": 6, "column": byte_column},
        "end": {"line": 6, "column": byte_column + 5},
    }
    assert wrong["message"].startswith("4,100 in source.md")


def test_severity_is_configurable_and_separate_from_fail_on(tmp_path: Path) -> None:
    write(tmp_path, ".factcheck.toml", 'severity = { unverified = "none", consistent = "note" }\n')
    code, out = check(tmp_path, "rdjsonl", "--fail-on", "never")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["code"]["value"] for r in records) == ["consistent", "discrepancy"]
