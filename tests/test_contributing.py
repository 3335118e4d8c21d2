"""The contributors' checks (``.pre-commit-config.yaml``) run for real, and the tests of
the newsrooms' hook find pre-commit where CI installs it (or fail there)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import required_pre_commit
from tests.project_tree import Hooks, find_pre_commit, snapshot


def test_no_pre_commit_is_a_skip_here_and_a_failure_in_ci() -> None:
    with pytest.raises(pytest.skip.Exception):
        required_pre_commit(None, {})
    with pytest.raises(pytest.fail.Exception, match="CI must run the hook"):
        required_pre_commit(None, {"CI": "true"})
    assert required_pre_commit("/opt/bin/pre-commit", {"CI": "true"}) == "/opt/bin/pre-commit"


def test_pre_commit_is_found_beside_python_without_the_virtualenv_on_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # .ci/run runs .venv/bin/python -m pytest without putting .venv/bin on PATH
    monkeypatch.setenv("PATH", os.defpath)
    found = required_pre_commit(find_pre_commit(), os.environ)
    assert Path(found).parent == Path(sys.executable).parent


@pytest.mark.slow
def test_the_contributors_ruff_hooks_pass_on_the_project(tmp_path: Path, hooks: Hooks) -> None:
    # The project's own ruff, as with its virtualenv active. (The mypy hook needs every
    # optional extra installed, as .ci/run installs them; CI runs mypy itself.)
    repo = snapshot(tmp_path / "project")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', os.defpath)}"
    for hook in ("ruff", "ruff-format"):
        done = subprocess.run(
            [hooks.pre_commit, "run", hook, "--all-files"],
            cwd=repo, capture_output=True, text=True, env={**hooks.env, "PATH": path},
            check=False, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Passed" in done.stdout
