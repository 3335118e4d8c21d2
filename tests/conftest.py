"""Fixtures that several test modules share."""

from __future__ import annotations

import os

import pytest

from tests.project_tree import Hooks, find_pre_commit, snapshot


@pytest.fixture(scope="session")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    """The working tree committed as a hook repository; pre-commit installs it once per
    session (its environments are kept in a PRE_COMMIT_HOME of the session's own)."""
    pre_commit = find_pre_commit()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    base = tmp_path_factory.mktemp("hooks")
    repo = snapshot(base / "factcheck-snapshot")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "pre-commit-home")}
    return Hooks(pre_commit, repo, env)
