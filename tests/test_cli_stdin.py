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


def test_named_twice_it_is_read_once(desk: Path) -> None:
    done = check("-", "-", "-s", "sources", "-f", "json", stdin=DRAFT.encode(), cwd=desk)
    assert [d["path"] for d in json.loads(done.stdout)["drafts"]] == ["-"]


def test_on_several_processes_the_report_is_the_same(desk: Path) -> None:
    write(desk, "second.md", "Ardent Foundry will invest $9 billion.\n")
    args = ("second.md", "-", "-s", "sources", "-f", "json")
    one = check(*args, "--jobs", "1", stdin=DRAFT.encode(), cwd=desk)
    two = check(*args, "--jobs", "2", stdin=DRAFT.encode(), cwd=desk)
    assert (one.returncode, two.returncode) == (1, 1)
    assert one.stdout == two.stdout


def test_its_front_matter_sources_are_relative_to_the_working_directory(desk: Path) -> None:
    write(desk, "other/wire.md", SOURCE.replace("1,400", "4,100"))
    draft = "---\nsources: [sources/wire.md]\n---\n\n" + DRAFT
    done = check("-", "-f", "json", stdin=draft.encode(), cwd=desk)
    assert done.returncode == 1, done.stderr
    (found,) = json.loads(done.stdout)["drafts"]
    assert [f["verdict"] for f in found["findings"]] == ["consistent", "discrepancy"]
    missing = check("-", stdin=draft.replace("sources/", "nowhere/").encode(), cwd=desk)
    assert missing.returncode == 2
    assert "nowhere/wire.md" in missing.stderr.decode()


def test_stdin_is_read_as_markdown_so_code_is_no_prose(desk: Path) -> None:
    draft = "Ardent Foundry expects to employ 4,100 people.\n\n```\nheadcount = 1,400\n```\n"
    done = check("-", "-s", "sources", "-f", "json", stdin=draft.encode(), cwd=desk)
    (found,) = json.loads(done.stdout)["drafts"]
    assert [(f["claim"]["text"], f["verdict"]) for f in found["findings"]] == [
        ("4,100", "consistent")
    ]  # as a .txt file, the 1,400 in the code block would be a discrepancy


def test_fix_leaves_stdin_alone_and_a_file_named_dash_too(desk: Path) -> None:
    dash = write(desk, "-", "A file that happens to be named -.\n")
    done = check("-", "-s", "sources", "--fix", stdin=DRAFT.encode(), cwd=desk)
    assert done.returncode == 1  # nothing fixed: the slip is still reported
    assert "-: not fixed: standard input is no file to rewrite" in done.stderr.decode()
    assert dash.read_text(encoding="utf-8") == "A file that happens to be named -.\n"
    dry = check("-", "-s", "sources", "--fix", "--dry-run", stdin=DRAFT.encode(), cwd=desk)
    assert "+It expects to employ 4,100 people there." in dry.stdout.decode()


def test_its_paragraphs_are_those_of_its_markdown(desk: Path) -> None:
    """Standard input is read as Markdown, and so are its paragraphs: a thematic break
    ends one, so the link before it is not cited for the figure after it."""
    draft = (
        "Ardent Foundry plans a $9 billion chip plant, says the [wire](sources/wire.md).\n"
        "***\n"
        "Another report puts the Porto plant at $9 billion.\n"
    )
    done = check("-", "-s", "sources", "-f", "json", stdin=draft.encode(), cwd=desk)
    first, second = json.loads(done.stdout)["drafts"][0]["findings"]
    assert [e["via"] for e in first["evidence"]] == ["cited"]
    assert [e["via"] for e in second["evidence"]] == ["source"]
