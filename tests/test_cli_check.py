"""`factcheck check` through the real command line: formats, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema

from tests.cli_helpers import SOURCE, run, write

DRAFT = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $9 billion in a chip plant near Porto. "
    "The plant is to employ 1,400 people and buy 300 megawatts of power.\n"
)


def test_text_report_and_exit_code_for_a_discrepancy(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    source = write(tmp_path, "source.md", SOURCE)
    result = run("check", draft, "--source", source, "--no-default-ledger")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any("consistent" in line and "$9 billion" in line for line in lines)
    assert any("discrepancy" in line and "1,400" in line and "4,100" in line for line in lines)
    assert any("unverified" in line and "300 megawatts" in line for line in lines)
    assert "3 figures in 1 draft" in lines[-1]
    assert result.stderr == ""


def test_fail_on_decides_the_exit_code(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    source = write(tmp_path, "source.md", SOURCE)
    base = ("check", draft, "--source", source, "--no-default-ledger")
    assert run(*base, "--fail-on", "never").returncode == 0
    consistent = write(tmp_path, "ok.md", "Ardent Foundry will invest $9 billion near Porto.\n")
    assert run("check", consistent, "--source", source, "--no-default-ledger").returncode == 0
    unverified = write(tmp_path, "unv.md", "Ardent Foundry will buy 300 megawatts of power.\n")
    args = ("check", unverified, "--source", source, "--no-default-ledger")
    assert run(*args).returncode == 0
    assert run(*args, "--fail-on", "unverified").returncode == 1


def test_json_report_follows_its_published_schema(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    source = write(tmp_path, "source.md", SOURCE)
    result = run("check", draft, "--source", source, "--no-default-ledger", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    schema = json.loads(run("schema", "report").stdout)
    jsonschema.validate(report, schema)
    assert report["schema_version"] == "1"
    assert report["summary"] == {
        "consistent": 1, "unverified": 1, "conflicting": 0, "outdated": 0, "discrepancy": 1
    }  # fmt: skip
    findings = report["drafts"][0]["findings"]
    text = Path(draft).read_text(encoding="utf-8")
    for finding in findings:
        claim = finding["claim"]
        assert text[claim["start"] : claim["end"]] == claim["text"]
    wrong = next(f for f in findings if f["verdict"] == "discrepancy")
    assert wrong["suggestion"] == "4,100"
    assert wrong["evidence"][0]["source"] == report["sources"][0]["id"]
    assert report["sources"][0]["published"] == "2025-11-18"


def test_a_directory_of_sources_is_read(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    (tmp_path / "sources").mkdir()
    write(tmp_path / "sources", "a.md", SOURCE)
    write(tmp_path / "sources", "notes.bin", "not a document")
    result = run("check", draft, "--source", tmp_path / "sources", "--no-default-ledger",
                 "--format", "json")  # fmt: skip
    report = json.loads(result.stdout)
    assert [Path(s["location"]).name for s in report["sources"]] == ["a.md"]


def _one_error_line(result: subprocess.CompletedProcess[str], *names: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]


def test_missing_draft_or_source_is_one_line_and_exit_2(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    missing = tmp_path / "nope.md"
    _one_error_line(run("check", missing, "--no-default-ledger"), "nope.md")
    _one_error_line(run("check", draft, "--source", missing, "--no-default-ledger"), "nope.md")


def test_undecodable_source_is_one_line_and_exit_2(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    _one_error_line(run("check", draft, "--source", binary, "--no-default-ledger"), "blob.txt")


def test_bad_as_of_is_one_line_and_exit_2(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    _one_error_line(run("check", draft, "--as-of", "yesterday"), "--as-of")


def test_output_file_is_untouched_when_input_is_bad(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    out = write(tmp_path, "report.json", "previous report\n")
    result = run("check", draft, "--source", tmp_path / "gone.md", "--output", out)
    assert result.returncode == 2
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md", "report.json"]


def test_output_file_gets_the_whole_report(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    source = write(tmp_path, "source.md", SOURCE)
    out = tmp_path / "report.json"
    result = run("check", draft, "--source", source, "--no-default-ledger", "--format", "json",
                 "--output", out)  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["discrepancy"] == 1
