"""`check --fix`: a recognised slip rewritten in the draft, and the fixes the CI formats carry.

Every test runs the real command line on real files; the drafts and sources are made up
for these tests.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.errors import InputError
from factcheck.fix import DraftFix, Edit, edits_of, write
from factcheck.models import Claim, Finding
from tests.cli_helpers import run
from tests.cli_helpers import write as write_file

SOURCE = (
    "---\ndate: 2025-09-02\n---\n\n"
    "Lindqvist Marine said it will spend $4.5 billion on a new shipyard in Gdansk. "
    "The yard is to employ 3,200 people.\n"
)
DRAFT = (
    "---\ndate: 2025-09-10\n---\n\n# Shipyard\n\n"
    "Lindqvist Marine will spend $4.5 million on a new shipyard in Gdansk, it said.\n"
    "The yard is to employ 2,300 people and have a dry dock of 400 metres.\n"
)
FIXED = DRAFT.replace("$4.5 million", "$4.5 billion").replace("2,300", "3,200")


def check(folder: Path, *extra: str) -> Any:
    return run("check", "draft.md", "--source", "source.md", "--no-default-ledger",
               "--as-of", "2025-12-01", *extra, cwd=folder)  # fmt: skip


def test_fix_corrects_a_planted_scale_slip_and_the_second_run_is_clean(tmp_path: Path) -> None:
    write_file(tmp_path, "source.md", SOURCE)
    draft = write_file(tmp_path, "draft.md", DRAFT)
    draft.chmod(0o640)
    first = check(tmp_path, "--fix")
    assert first.returncode == 0, first.stdout + first.stderr
    assert draft.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert "factcheck: fixed 2 figures in draft.md\n" in first.stderr
    assert "not shown: 2 fixed" in first.stdout.splitlines()[-1]
    assert "400 metres" in first.stdout  # the unverified figure is still reported
    second = check(tmp_path, "--format", "json")
    assert second.returncode == 0
    verdicts = [f["verdict"] for f in json.loads(second.stdout)["drafts"][0]["findings"]]
    assert verdicts == ["consistent", "consistent", "unverified"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    write_file(tmp_path, "source.md", SOURCE)
    draft = write_file(tmp_path, "draft.md", DRAFT)
    done = check(tmp_path, "--fix", "--dry-run")
    assert done.returncode == 1  # nothing was fixed: the discrepancies still fail
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert done.stdout.splitlines()[:2] == ["--- a/draft.md", "+++ b/draft.md"]
    assert "-Lindqvist Marine will spend $4.5 million on" in done.stdout
    assert "+Lindqvist Marine will spend $4.5 billion on" in done.stdout
    assert "+The yard is to employ 3,200 people" in done.stdout
    assert "2 figures in 1 draft would be fixed; nothing written" in done.stderr
    assert check(tmp_path, "--dry-run").returncode == 2


def test_fix_and_write_baseline_together_are_refused(tmp_path: Path) -> None:
    write_file(tmp_path, "source.md", SOURCE)
    draft = write_file(tmp_path, "draft.md", DRAFT)
    done = check(tmp_path, "--fix", "--write-baseline", "baseline.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "factcheck: error: --fix and --write-baseline: fix the drafts first, then record "
        "what is left\n"
    )
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert not (tmp_path / "baseline.json").exists()


def test_only_discrepancies_are_fixed(tmp_path: Path) -> None:
    write_file(tmp_path, "source.md", SOURCE)
    body = "---\ndate: 2025-09-10\n---\n\nLindqvist Marine has a dry dock of 400 metres.\n"
    draft = write_file(tmp_path, "draft.md", body)
    done = check(tmp_path, "--fix")
    assert done.returncode == 0
    assert draft.read_text(encoding="utf-8") == body
    assert "fixed" not in done.stderr


def test_encoding_and_line_ends_survive_a_fix(tmp_path: Path) -> None:
    source = (
        "---\ndate: 2025-09-02\n---\n\n"
        "Die Reederei Lindqvist Marine investiert 4,5 Milliarden Euro in eine Werft in Danzig.\n"
    )
    body = (
        "---\r\ndate: 2025-09-10\r\n---\r\n\r\n"
        "Für die Werft in Danzig gibt Lindqvist Marine 4,5 Millionen Euro aus.\r\n"
    )
    write_file(tmp_path, "source.md", source)
    draft = tmp_path / "draft.md"
    draft.write_bytes(body.encode("cp1252"))
    assert check(tmp_path, "--fix").returncode == 0
    assert draft.read_bytes() == body.replace("Millionen", "Milliarden").encode("cp1252")


def test_a_draft_changed_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    draft = write_file(tmp_path, "draft.md", "It cost $4.5 million.\n")
    edit = Edit(8, 20, "$4.5 million", "$4.5 billion", "x")
    stale = DraftFix(str(draft), "It cost $4.5 million!\n", "It cost $4.5 billion!\n", (edit,))
    with pytest.raises(InputError, match="changed since it was read"):
        write(stale)
    assert draft.read_text(encoding="utf-8") == "It cost $4.5 million.\n"


def _finding(verdict: str, diagnosis: str | None, suggestion: str | None) -> Finding:
    claim = Claim(id=f"{verdict}-{diagnosis}", text="$4.5 million", start=8, end=20, line=1,
                  column=9, value=4.5e6, unit="USD", low=4.45e6, high=4.55e6, sentence="",
                  lang="en")  # fmt: skip
    record = {"claim": claim, "verdict": verdict, "message": "", "diagnosis": diagnosis}
    return Finding.model_validate({**record, "suggestion": suggestion})


def test_a_fix_needs_a_discrepancy_a_diagnosis_and_a_suggestion() -> None:
    text = "It cost $4.5 million.\n"
    findings = [
        _finding("discrepancy", None, "$4.5 billion"),
        _finding("outdated", "superseded", "$4.5 billion"),
        _finding("discrepancy", "scale", None),
    ]
    assert edits_of(findings, text) == []
    (edit,) = edits_of([_finding("discrepancy", "scale", "$4.5 billion")], text)
    assert (edit.start, edit.end, edit.new) == (8, 20, "$4.5 billion")
    assert edits_of([_finding("discrepancy", "scale", "$4.5 billion")], "Another text.") == []


# The CI formats carry the same fix: applying theirs gives what --fix writes.

FORMATS_DRAFT = (
    "---\ndate: 2025-09-10\n---\n\n"
    "In „Gdańsk“ – a €-priced yard 🚢 – Lindqvist Marine will spend $4.5 million.\n"
)


def _apply(text: str, line: int, start: int, end: int, new: str, unit: str) -> str:
    """Replace columns [start, end) of a line counted in ``unit`` (utf-8 or utf-16-le)."""
    lines = text.split("\n")
    raw = lines[line - 1].encode(unit)
    size = 2 if unit == "utf-16-le" else 1
    lines[line - 1] = (
        raw[: (start - 1) * size].decode(unit) + new + raw[(end - 1) * size :].decode(unit)
    )
    return "\n".join(lines)


def test_sarif_fixes_and_rdjsonl_suggestions_replace_the_figure(tmp_path: Path) -> None:
    write_file(tmp_path, "source.md", SOURCE)
    write_file(tmp_path, "draft.md", FORMATS_DRAFT)
    expected = FORMATS_DRAFT.replace("$4.5 million", "$4.5 billion")

    sarif = json.loads(check(tmp_path, "--format", "sarif").stdout)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    (result,) = sarif["runs"][0]["results"]
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "draft.md"
    (replacement,) = change["replacements"]
    r = replacement["deletedRegion"]
    new = replacement["insertedContent"]["text"]
    got = _apply(FORMATS_DRAFT, r["startLine"], r["startColumn"], r["endColumn"], new,
                 "utf-16-le")  # fmt: skip
    assert got == expected

    (diagnostic,) = map(json.loads, check(tmp_path, "--format", "rdjsonl").stdout.splitlines())
    (suggestion,) = diagnostic["suggestions"]
    start, end = suggestion["range"]["start"], suggestion["range"]["end"]
    got = _apply(FORMATS_DRAFT, start["line"], start["column"], end["column"], suggestion["text"],
                 "utf-8")  # fmt: skip
    assert got == expected

    github = check(tmp_path, "--format", "github").stdout.splitlines()[0]
    assert github.startswith("::error file=draft.md,line=5,")
    assert github.endswith(
        "%0A%0ASuggested change:%0A```suggestion%0AIn „Gdańsk“ – a €-priced yard 🚢 – "
        "Lindqvist Marine will spend $4.5 billion.%0A```"
    )
    assert check(tmp_path, "--fix").returncode == 0
    assert (tmp_path / "draft.md").read_text(encoding="utf-8") == expected


def test_fix_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    write_file(tmp_path, "source.md", SOURCE)
    real = write_file(tmp_path, "drafts/real.md", DRAFT)
    os.symlink(real, tmp_path / "draft.md")
    assert check(tmp_path, "--fix").returncode == 0
    assert (tmp_path / "draft.md").is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED
