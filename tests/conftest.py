"""Fixtures that several test modules share."""

from __future__ import annotations

import os
from collections.abc import Generator, Mapping

import pytest

from tests.project_tree import Hooks, find_pre_commit, snapshot

#: What tests of the hooks did in this session, for the summary: (test, outcome).
_HOOK_RUNS: list[tuple[str, str]] = []


def required_pre_commit(found: str | None, environ: Mapping[str, str]) -> str:
    """The pre-commit ``found``; else a skip, but in CI (``CI=true``) a failure: CI
    installs pre-commit (the dev extra), so not finding it there is a broken run, not
    a reason to leave the hook untested."""
    if found is not None:
        return found
    missing = "pre-commit is not installed (pip install -e '.[dev]')"
    if environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{missing}, and CI must run the hook for real", pytrace=False)
    pytest.skip(missing)


@pytest.fixture(scope="session")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    """The working tree committed as a hook repository; pre-commit installs it once per
    session (its environments are kept in a PRE_COMMIT_HOME of the session's own)."""
    pre_commit = required_pre_commit(find_pre_commit(), os.environ)
    base = tmp_path_factory.mktemp("hooks")
    repo = snapshot(base / "factcheck-snapshot")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "pre-commit-home")}
    return Hooks(pre_commit, repo, env)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    uses_hooks = "hooks" in getattr(item, "fixturenames", ())
    if uses_hooks and (report.when == "call" or report.outcome != "passed"):
        _HOOK_RUNS.append((item.nodeid, report.outcome))
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say whether the hook was run for real with pre-commit: a log shows it."""
    if _HOOK_RUNS:
        terminalreporter.section("pre-commit end to end")
        for nodeid, outcome in _HOOK_RUNS:
            terminalreporter.write_line(f"{outcome.upper()} {nodeid} ({find_pre_commit()})")
