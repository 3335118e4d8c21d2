"""Folders are walked without what git ignores, in a real repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.ci.drafts import expand_drafts
from factcheck.sources.documents import expand
from tests.cli_helpers import SOURCE, run, write
from tests.project_tree import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

DRAFT = "Ardent Foundry will employ 1,400 people near Porto.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, ".gitignore", "_site/\n*.bak.md\n")
    write(root, "news/.gitignore", "scratch.md\n")  # a rule of a folder below the root
    write(root, "news/plant.md", DRAFT)
    write(root, "news/plant.bak.md", DRAFT)
    write(root, "news/scratch.md", DRAFT)
    write(root, "news/_site/plant.html", f"<p>{DRAFT}</p>")
    write(root, "news/kept.bak.md", DRAFT)
    git(root, "add", "-f", "news/kept.bak.md")  # tracked: git never ignores it
    write(root, "sources/wire.md", SOURCE)
    write(root, "sources/_site/wire.html", "<p>Ardent Foundry will employ 1,400 people.</p>")
    return root


def names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_a_folder_of_drafts_leaves_out_what_git_ignores(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert names(expand_drafts(["news"]), Path()) == ["news/kept.bak.md", "news/plant.md"]
    # A glob names files itself; only the folders it matches are walked.
    globbed = ["news/kept.bak.md", "news/plant.bak.md", "news/plant.md", "news/scratch.md"]
    assert names(expand_drafts(["news/*"]), Path()) == globbed


def test_a_file_named_on_its_own_is_checked_even_if_ignored(repo: Path) -> None:
    assert expand_drafts([str(repo / "news/scratch.md")]) == [repo / "news/scratch.md"]


def test_a_folder_of_sources_too(repo: Path) -> None:
    assert names(expand([repo / "sources"]), repo) == ["sources/wire.md"]


def test_outside_a_repository_nothing_is_ignored(repo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(repo / "news", plain)
    assert len(expand_drafts([str(plain)])) == 5  # the _site page and the scratch file too


def test_the_command_line_checks_only_what_git_keeps(repo: Path) -> None:
    done = run("check", "news", "-s", "sources", "--no-default-ledger", "-f", "json", cwd=repo)
    report = json.loads(done.stdout)
    assert [d["path"] for d in report["drafts"]] == ["news/kept.bak.md", "news/plant.md"]
    assert [s["location"] for s in report["sources"]] == ["sources/wire.md"]
