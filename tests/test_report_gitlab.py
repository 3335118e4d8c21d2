"""``--format gitlab``: GitLab's Code Quality report, as its merge request widget reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import SOURCE, run, write

SLIP = "Ardent Foundry expects to employ 1,400 people near Porto.\n"
DRAFT = "Ardent Foundry will invest $9 billion in the plant.\n\n" + SLIP + "\n" + SLIP
CONFIG = """[tool.factcheck]
drafts = ["news/"]
sources = ["sources/"]
no_default_ledger = true
as_of = 2025-12-01
severity = { consistent = "note" }
"""
#: What GitLab requires of every issue (docs: "Code Quality report format").
REQUIRED = {"description", "check_name", "fingerprint", "severity", "location"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "sources/wire.md", SOURCE)
    write(tmp_path, "news/plant.md", DRAFT)
    return tmp_path


def issues(repo: Path) -> list[dict[str, Any]]:
    done = run("check", "--format", "gitlab", cwd=repo)
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    assert isinstance(found, list)
    return found


def test_every_issue_has_what_gitlab_requires(repo: Path) -> None:
    found = issues(repo)
    for issue in found:
        assert set(issue) >= REQUIRED
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "news/plant.md"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    summary = [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in found]
    assert summary == [
        ("factcheck/consistent", "info", 1),
        ("factcheck/discrepancy", "major", 3),
        ("factcheck/discrepancy", "major", 5),
    ]
    assert found[1]["description"].startswith("discrepancy: 1,400 (evidence: 4,100): ")


def test_a_sentence_stated_twice_is_two_issues(repo: Path) -> None:
    fingerprints = [issue["fingerprint"] for issue in issues(repo)]
    assert len(set(fingerprints)) == len(fingerprints)


def test_an_issue_keeps_its_fingerprint_when_lines_are_added_above(repo: Path) -> None:
    before = {i["location"]["lines"]["begin"]: i["fingerprint"] for i in issues(repo)}
    write(repo, "news/plant.md", "# Porto\n\nA new lead.\n\n" + DRAFT)
    after = {i["location"]["lines"]["begin"]: i["fingerprint"] for i in issues(repo)}
    assert after == {line + 4: fingerprint for line, fingerprint in before.items()}


def test_a_verdict_shown_as_none_is_left_out(repo: Path) -> None:
    write(repo, "pyproject.toml", CONFIG.replace('"note"', '"none"'))
    assert [i["check_name"] for i in issues(repo)] == ["factcheck/discrepancy"] * 2


def test_no_findings_is_an_empty_array(repo: Path) -> None:
    write(repo, "news/plant.md", "No figures here.\n")
    done = run("check", "--format", "gitlab", cwd=repo)
    assert (done.returncode, done.stdout) == (0, "[]\n")
