"""Files factcheck writes get the mode an editor would give them, not a temp file's 0600.

Reports, baselines and JSON Lines are written to a temporary file and renamed over the
target, so that they are whole or not there at all; the rename must not carry the
temporary file's private mode along. Each case runs the real command line in a child
process with its own umask.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import SOURCE, write

DRAFT = "Ardent Foundry will employ 1,400 people at the plant near Porto.\n"


def run_with_umask(umask: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd, umask=umask, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def mode(path: Path) -> str:
    return stat.filemode(path.stat().st_mode)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "sources/wire.md", SOURCE)
    write(tmp_path, "archive.jsonl", '{"id": "a-1", "text": "Sales rose 4%."}\n')
    return tmp_path


COMMANDS = {
    "report": ["check", "draft.md", "-s", "sources", "--no-default-ledger", "-f", "json",
               "-o", "out"],
    "baseline": ["check", "draft.md", "-s", "sources", "--no-default-ledger",
                 "--write-baseline", "out"],
    "jsonl": ["extract", "draft.md", "--format", "jsonl", "-o", "out"],
    "archive": ["extract", "archive.jsonl", "-o", "out"],
}  # fmt: skip


@pytest.mark.parametrize("what", sorted(COMMANDS))
@pytest.mark.parametrize(("umask", "expected"), [(0o022, "-rw-r--r--"), (0o027, "-rw-r-----")])
def test_a_new_file_gets_the_umask_mode(desk: Path, what: str, umask: int, expected: str) -> None:
    done = run_with_umask(umask, *COMMANDS[what], cwd=desk)
    assert done.returncode in (0, 1), done.stderr
    assert mode(desk / "out") == expected


def test_a_file_written_again_keeps_its_mode(desk: Path) -> None:
    out = write(desk, "out", "an old report\n")
    os.chmod(out, 0o640)
    done = run_with_umask(0o022, *COMMANDS["report"], cwd=desk)
    assert done.returncode == 1, done.stderr
    assert mode(out) == "-rw-r-----"
    assert out.read_text(encoding="utf-8").startswith("{")
    # and nothing is left behind: no temporary file beside it
    assert sorted(p.name for p in desk.iterdir() if p.name.startswith(".")) == []
