"""A copy of the project's working tree, for tests that build or install it for real.

Building a wheel or installing a pre-commit hook writes into the tree it works on
(``build/``, ``*.egg-info``); a copy keeps the checkout clean and lets two test runs go
side by side.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

#: Who commits in the test repositories (git refuses to commit without a name).
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its standard output. A failing command raises."""
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_IDENTITY},
        check=True,
    )
    return done.stdout


def copy_project(target: Path) -> Path:
    """The project's tracked and new files (not ignored ones) copied to ``target``.

    Symbolic links stay links (``factcheck/claims`` points at the shipped ledger).
    """
    listed = git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source, copy = PROJECT / name, target / name
        if source.is_symlink():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.symlink_to(os.readlink(source))
        elif source.is_file():  # a file deleted but not yet staged is listed too
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    return target


def snapshot(target: Path) -> Path:
    """The project's working tree (tracked and new files, not ignored ones) as a commit.

    ``pre-commit try-repo`` on a dirty checkout picks up changes to tracked files only;
    a copy committed whole tests the hook as the working tree has it, new modules too.
    """
    copy_project(target)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return target


@dataclass(frozen=True)
class Hooks:
    """This project as a pre-commit hook repository, and the pre-commit to run it with."""

    pre_commit: str
    repo: Path
    env: dict[str, str]

    def try_repo(self, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        """``pre-commit try-repo`` of the factcheck hook in the git repository ``cwd``."""
        return subprocess.run(
            [self.pre_commit, "try-repo", str(self.repo), "factcheck", *args],
            cwd=cwd, capture_output=True, text=True, env=self.env, check=False, timeout=900,
        )  # fmt: skip


def find_pre_commit() -> str | None:
    # The one installed with the test run's Python first: .ci/run calls .venv/bin/python
    # without putting .venv/bin on PATH.
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.is_file() else shutil.which("pre-commit")
