"""The pre-commit hook checks the configuration's drafts among the staged files, not every
Markdown file of the repository (README.md, the sources themselves).

The hook runs ``factcheck check --offline --restrict-to-drafts`` with the staged files;
the option keeps those the configuration's ``drafts`` cover and ``.factcheckignore``
keeps. The command line is tested directly, then the hook for real with pre-commit in a
temporary git repository.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import SOURCE, run, write
from tests.project_tree import Hooks, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HEAD = "---\ndate: 2025-11-20\n---\n\n"
CLEAN = HEAD + "Ardent Foundry is to employ 4,100 people near Porto.\n"
SLIP = HEAD + "Ardent Foundry is to employ 1,400 people near Porto.\n"
#: A README that quotes a wrong figure on purpose: it is documentation, not a draft.
README = "# Desk\n\nA draft that said Ardent Foundry would employ 1,400 people got flagged.\n"
CONFIG = """[tool.factcheck]
drafts = ["news/"]
sources = ["sources/"]
no_default_ledger = true
as_of = 2025-12-01
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "pyproject.toml", CONFIG)
    write(root, "README.md", README)
    write(root, "sources/announcement.md", SOURCE)
    write(root, "news/plant.md", CLEAN)
    write(root, "news/drafts-old/plant.md", SLIP)
    write(root, ".factcheckignore", "drafts-old/\n")
    git(root, "add", "-A")
    return root


def checked(done: object) -> list[str]:
    assert hasattr(done, "stdout")
    return [draft["path"] for draft in json.loads(done.stdout)["drafts"]]


def test_only_the_configured_drafts_among_the_files_named(repo: Path) -> None:
    named = ["README.md", "sources/announcement.md", "news/plant.md", "news/drafts-old/plant.md"]
    done = run("check", *named, "--restrict-to-drafts", "-f", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert checked(done) == ["news/plant.md"]
    # Without the option every file named is checked, as a person asking for it expects.
    loud = run("check", "README.md", "news/plant.md", "-f", "json", cwd=repo)
    assert (loud.returncode, checked(loud)) == (1, ["README.md", "news/plant.md"])


def test_nothing_left_to_check_is_a_pass(repo: Path) -> None:
    done = run("check", "README.md", "--restrict-to-drafts", cwd=repo)
    assert (done.returncode, done.stderr) == (0, "")


def test_from_a_subfolder_paths_still_meet(repo: Path) -> None:
    done = run("check", "plant.md", "../README.md", "--restrict-to-drafts", "-f", "json",
               cwd=repo / "news")  # fmt: skip
    assert checked(done) == ["plant.md"]  # paths as named, README.md left out


def test_without_configured_drafts_the_ignore_file_still_counts(repo: Path) -> None:
    write(repo, "pyproject.toml", CONFIG.replace('drafts = ["news/"]\n', ""))
    done = run("check", "README.md", "news/drafts-old/plant.md", "--restrict-to-drafts",
               "-f", "json", cwd=repo)  # fmt: skip
    assert checked(done) == ["README.md"]


@pytest.mark.slow
def test_the_hook_ignores_readme(repo: Path, hooks: Hooks) -> None:
    git(repo, "commit", "-q", "-m", "desk")
    # Staged: the README, with a figure the sources contradict.
    write(repo, "README.md", README + "\nIt said 1,400 again.\n")
    git(repo, "add", "-A")
    quiet = hooks.try_repo(repo, "--verbose")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "Passed" in quiet.stdout
    assert "README.md" not in quiet.stdout
    assert "0 figures in 0 drafts" in quiet.stdout
    # A staged draft with the slip fails the hook, and it alone is reported.
    write(repo, "news/plant.md", SLIP)
    git(repo, "add", "-A")
    loud = hooks.try_repo(repo)
    assert loud.returncode == 1, loud.stdout + loud.stderr
    assert "news/plant.md:5:" in loud.stdout
    assert "README.md" not in loud.stdout
