"""The CI gate end to end in a real git repository, and the pre-commit hook for real.

A newsroom repository: drafts under news/, sources under sources/, a [tool.factcheck]
table in pyproject.toml, one silenced figure, a baseline of accepted findings, and a
--diff run that sees only what a change touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import SOURCE, run, write
from tests.project_tree import Hooks

HEAD = "---\ndate: 2025-11-20\n---\n\n"
OLD_SLIP = "Ardent Foundry is to employ 1,400 people near Porto.\n"
SILENCED = (
    "<!-- factcheck-disable-next-line -->\nArdent Foundry says 1,400 people will work there.\n"
)
CONFIG = """[tool.factcheck]
drafts = ["news/"]
sources = ["sources/"]
no_default_ledger = true
as_of = 2025-12-01
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                          check=True)  # fmt: skip
    return done.stdout


def newsroom(tmp_path: Path) -> Path:
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "pyproject.toml", CONFIG)
    write(repo, "sources/announcement.md", SOURCE)
    write(repo, "news/plant.md", HEAD + OLD_SLIP + "\n" + SILENCED)
    write(repo, "news/archive/old.md", HEAD + OLD_SLIP)
    write(repo, ".factcheckignore", "archive/\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first drafts")
    return repo


def findings(done: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    return [
        (r["location"]["path"], r["location"]["range"]["start"]["line"], r["code"]["value"])
        for r in map(json.loads, done.stdout.splitlines())
    ]


def test_config_suppression_baseline_and_diff(tmp_path: Path) -> None:
    repo = newsroom(tmp_path)
    sub = repo / "news"  # run from a subfolder: config and root are found walking up
    plain = run("check", "--format", "rdjsonl", cwd=sub)
    assert plain.returncode == 1, plain.stderr
    # archive/ is ignored; the silenced line is not reported; paths are repository-relative
    assert findings(plain) == [("news/plant.md", 5, "discrepancy")]
    loud = run("check", "--format", "rdjsonl", "--no-inline-config", cwd=sub)
    assert findings(loud) == [("news/plant.md", 5, "discrepancy"),
                              ("news/plant.md", 8, "discrepancy")]  # fmt: skip

    wrote = run("check", "--write-baseline", "../factcheck-baseline.json", cwd=sub)
    assert (wrote.returncode, wrote.stderr) == (0, "")
    assert wrote.stdout == (
        "factcheck: wrote 1 finding to ../factcheck-baseline.json; "
        "--baseline ../factcheck-baseline.json leaves it out\n"
    )
    baseline = json.loads((repo / "factcheck-baseline.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in baseline["findings"]] == ["news/plant.md"]
    accepted = run("check", "--baseline", "factcheck-baseline.json", cwd=repo)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    # Edit: a paragraph above the old slip (it moves down) and a new slip at the end.
    new_slip = "Ardent Foundry will hire 1,400 people near Porto.\n"
    text = (repo / "news/plant.md").read_text(encoding="utf-8")
    write(repo, "news/plant.md", text.replace(HEAD, HEAD + "A new lead.\n\n") + "\n" + new_slip)
    with_baseline = run("check", "--baseline", "factcheck-baseline.json", "--format",
                        "rdjsonl", cwd=repo)  # fmt: skip
    assert with_baseline.returncode == 1
    assert findings(with_baseline) == [("news/plant.md", 12, "discrepancy")]
    changed = run("check", "--diff", "HEAD", "--format", "rdjsonl", cwd=repo)
    assert changed.returncode == 1
    assert findings(changed) == [("news/plant.md", 12, "discrepancy")]
    git(repo, "commit", "-q", "-am", "new slip")
    assert run("check", "--diff", "HEAD", cwd=repo).returncode == 0
    assert run("check", "--diff", "no-such-ref", cwd=repo).returncode == 2


def test_offline_skips_url_sources_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = newsroom(tmp_path)
    url = "https://example.org/ardent-foundry-porto"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    done = run("check", "--offline", "--source", "sources/", "--source", url, cwd=repo)
    assert done.returncode == 1
    assert done.stderr == f"factcheck: source {url}: not in the cache (--offline)\n"
    strict = run("check", "--offline", "--strict-sources", "--source", url, cwd=repo)
    assert strict.returncode == 2
    assert url in strict.stderr
    assert "--offline" in strict.stderr


def test_globs_directories_and_no_draft(tmp_path: Path) -> None:
    repo = newsroom(tmp_path)
    write(repo, "news/second.md", HEAD + "Ardent Foundry will invest $9 billion.\n")
    done = run("check", "news/*.md", "--format", "json", cwd=repo)
    paths = [d["path"] for d in json.loads(done.stdout)["drafts"]]
    assert paths == ["news/plant.md", "news/second.md"]
    missing = run("check", "drafts/*.md", cwd=repo)
    assert missing.returncode == 2
    assert "drafts/*.md: no draft matches" in missing.stderr


@pytest.mark.slow
def test_pre_commit_hook_fails_on_a_discrepancy(tmp_path: Path, hooks: Hooks) -> None:
    repo = newsroom(tmp_path)
    done = hooks.try_repo(repo, "--files", "news/plant.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "news/plant.md:5:" in done.stdout
    assert "discrepancy" in done.stdout
