"""``factcheck check -``: a draft from standard input, named ``-`` in every report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import SOURCE, write

DRAFT = (
    "Ardent Foundry plans a $9 billion chip plant near Porto.\n"
    "It expects to employ 1,400 people there.\n"
)


def check(*args: str, stdin: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "check", *args, "--no-default-ledger",
         "--as-of", "2025-12-01"],
        input=stdin, cwd=cwd, capture_output=True, check=False, timeout=300,
    )  # fmt: skip


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    write(tmp_path, "sources/wire.md", SOURCE)
    return tmp_path


def test_a_draft_is_read_from_stdin(desk: Path) -> None:
    done = check("-", "-s", "sources", "-f", "json", stdin=DRAFT.encode(), cwd=desk)
    assert done.returncode == 1, done.stderr
    (draft,) = json.loads(done.stdout)["drafts"]
    assert draft["path"] == "-"
    verdicts = [(f["claim"]["text"], f["claim"]["line"], f["verdict"]) for f in draft["findings"]]
    assert verdicts == [("$9 billion", 1, "consistent"), ("1,400", 2, "discrepancy")]


def test_stdin_is_named_dash_in_text_and_ci_formats(desk: Path) -> None:
    text = check("-", "-s", "sources", stdin=DRAFT.encode(), cwd=desk)
    assert any(line.startswith("-:2:22") for line in text.stdout.decode().splitlines())
    rdjsonl = check("-", "-s", "sources", "-f", "rdjsonl", stdin=DRAFT.encode(), cwd=desk)
    (line,) = rdjsonl.stdout.decode().splitlines()
    assert json.loads(line)["location"]["path"] == "-"


def test_stdin_and_files_in_the_order_named(desk: Path) -> None:
    write(desk, "second.md", "Ardent Foundry will invest $9 billion.\n")
    done = check("second.md", "-", "-s", "sources", "-f", "json", stdin=DRAFT.encode(), cwd=desk)
    assert [d["path"] for d in json.loads(done.stdout)["drafts"]] == ["second.md", "-"]


def test_german_bytes_in_another_charset_are_decoded(desk: Path) -> None:
    german = "Der Konzern will in Porto 1.400 Menschen beschäftigen.\n".encode("cp1252")
    done = check("-", "-f", "json", stdin=german, cwd=desk)
    (draft,) = json.loads(done.stdout)["drafts"]
    assert draft["lang"] == "de"
    assert [f["claim"]["value"] for f in draft["findings"]] == [1400]


def test_binary_stdin_is_one_line_and_exit_2(desk: Path) -> None:
    done = check("-", stdin=b"\x00\x01\x02PNG\x00" * 50, cwd=desk)
    assert done.returncode == 2
    assert done.stdout == b""
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith("factcheck: error: <stdin>")
