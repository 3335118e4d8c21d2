"""What a person at a terminal sees, and what a pipe or a CI log gets instead: the draft's
line with a caret, colour (--color, NO_COLOR, FORCE_COLOR, TERM=dumb), progress bars,
the one-line summary, --quiet, and --jobs giving the report of one process.

A terminal is a real pseudo-terminal (:mod:`pty`), not a flag the code is told about.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli_helpers import SOURCE, write

DRAFT = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $9 billion in a chip plant near Porto.\n"
    "In „Porto“ the plant is to employ 1,400 people.\n"
    "It will buy 300 megawatts of power.\n"
)
ESC = "\x1b["
#: A terminal control sequence (colour, cursor movement, erasing a line).
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _reader(fd: int, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed its end
                return
            if not chunk:
                return
            into.append(chunk)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def factcheck(
    *args: str, cwd: Path, tty: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """Run ``python -m factcheck ARGS``; the streams named in ``tty`` ("stdout",
    "stderr") are a pseudo-terminal, the others pipes. Returns (code, stdout, stderr)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environ.update({"TERM": "xterm-256color", "COLUMNS": "100"}, **(env or {}))
    streams: dict[str, int] = {}
    captured: dict[str, list[bytes]] = {}
    readers = []
    for name in tty:
        main, child = pty.openpty()
        streams[name] = child
        captured[name] = []
        readers.append((main, child, _reader(main, captured[name])))
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=streams.get("stdout", subprocess.PIPE),
        stderr=streams.get("stderr", subprocess.PIPE),
        check=False,
        timeout=300,
    )
    for main, child, thread in readers:
        os.close(child)
        thread.join(timeout=10)
        os.close(main)

    def text(name: str, piped: bytes | None) -> str:
        raw = b"".join(captured[name]) if name in captured else piped or b""
        return raw.decode("utf-8").replace("\r\n", "\n")

    return done.returncode, text("stdout", done.stdout), text("stderr", done.stderr)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    write(tmp_path, "source.md", SOURCE)
    write(tmp_path, "draft.md", DRAFT)
    return tmp_path


BASE = ("check", "draft.md", "--source", "source.md", "--no-default-ledger", "--as-of",
        "2025-12-01")  # fmt: skip


def test_the_text_report_shows_the_line_with_a_caret_under_the_figure(desk: Path) -> None:
    code, out, err = factcheck(*BASE, cwd=desk)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    at = lines.index("draft.md:6:35  discrepancy   1,400  -> 4,100  [digits]")
    assert lines[at + 1] == "    6 | In „Porto“ the plant is to employ 1,400 people."
    assert lines[at + 2] == "      |                                   ^^^^^"
    assert lines[at + 2].index("^") == lines[at + 1].index("1,400")
    assert lines[at + 3].startswith("    4,100 in source.md")
    assert ESC not in out  # a pipe gets no colour


def test_a_long_line_is_cut_around_the_figure(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    long_line = (
        ("Words of a long paragraph. " * 8)
        + "The plant is to employ 1,400 people. "
        + ("More words follow here. " * 8)
    )
    write(tmp_path, "draft.md", "---\ndate: 2025-11-20\n---\n\nArdent Foundry near Porto.\n"
          + long_line + "\n")  # fmt: skip
    _code, out, _ = factcheck(*BASE, cwd=tmp_path)
    shown = next(line for line in out.splitlines() if line.startswith("    6 | "))
    caret = out.splitlines()[out.splitlines().index(shown) + 1]
    assert shown.startswith("    6 | …")
    assert shown.endswith("…")
    assert len(shown) < 140
    assert shown[caret.index("^") :].startswith("1,400")


@pytest.mark.parametrize(
    ("extra", "env", "tty", "coloured"),
    [
        ((), {}, ("stdout",), True),  # a terminal
        ((), {}, (), False),  # a pipe
        ((), {"NO_COLOR": "1"}, ("stdout",), False),
        ((), {"FORCE_COLOR": "1"}, (), True),
        ((), {"TERM": "dumb"}, ("stdout",), False),
        (("--color", "always"), {"NO_COLOR": "1"}, (), True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, ("stdout",), False),
        (("--colour", "always"), {}, (), True),
    ],
)
def test_colour_follows_the_flag_and_the_environment(
    desk: Path, extra: tuple[str, ...], env: dict[str, str], tty: tuple[str, ...], coloured: bool
) -> None:
    _, out, _ = factcheck(*BASE, *extra, cwd=desk, env=env, tty=tty)
    assert "discrepancy" in out
    assert (ESC in out) is coloured


def test_colour_never_goes_into_an_output_file(desk: Path) -> None:
    factcheck(*BASE, "--color", "always", "--output", "report.txt", cwd=desk)
    assert ESC not in (desk / "report.txt").read_text(encoding="utf-8")


def _drafts(folder: Path, count: int) -> list[str]:
    names = []
    for n in range(count):
        body = DRAFT.replace("1,400", f"{1400 + n:,}").replace("Porto", f"Porto {n}")
        names.append(write(folder, f"news/d{n}.md", body).relative_to(folder).as_posix())
    return names


def test_a_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    drafts = _drafts(tmp_path, 6)
    args = ("check", *drafts, "--source", "source.md", "--no-default-ledger", "--format", "json")
    code, out, err = factcheck(*args, cwd=tmp_path, tty=("stderr",))
    assert code == 1
    assert "reading" in err  # the bar, drawn and cleared
    assert ESC in err
    last = CONTROL.sub("", err).rstrip().splitlines()[-1]
    assert last.startswith("factcheck: 18 figures in 6 drafts as of ")
    piped = factcheck(*args, cwd=tmp_path)
    assert piped[2].startswith("factcheck: 18 figures in 6 drafts as of ")
    assert piped[2].count("\n") == 1
    assert ESC not in piped[2]
    assert json.loads(piped[1]) == json.loads(out)
    quiet = factcheck(*args, "--quiet", cwd=tmp_path, tty=("stderr",))
    assert quiet[2] == ""


def test_extract_shows_progress_on_a_terminal_and_a_summary_always(tmp_path: Path) -> None:
    lines = [json.dumps({"id": n, "text": f"Revenue rose {n + 1}% to $4.{n} billion."})
             for n in range(40)]  # fmt: skip
    write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    code, out, err = factcheck("extract", "news.jsonl", cwd=tmp_path, tty=("stderr",))
    assert code == 0
    assert len(out.splitlines()) == 40
    assert ESC in err
    assert CONTROL.sub("", err).rstrip().splitlines()[-1] == "factcheck: 40 articles from 1 archive"
    piped = factcheck("extract", "news.jsonl", cwd=tmp_path)
    assert piped[2] == "factcheck: 40 articles from 1 archive\n"
    assert factcheck("extract", "news.jsonl", "-q", cwd=tmp_path)[2] == ""


def test_quiet_shows_problems_only(desk: Path) -> None:
    code, out, err = factcheck(*BASE, "-q", cwd=desk)
    assert (code, err) == (1, "")
    assert [line for line in out.splitlines() if not line.startswith(" ")] == [
        "draft.md:6:35  discrepancy   1,400  -> 4,100  [digits]"
    ]


def test_jobs_give_exactly_the_report_of_one_process(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    write(tmp_path, "sources/more.md", SOURCE.replace("4,100", "4,150"))
    drafts = _drafts(tmp_path, 5)
    write(tmp_path, "news/de.md", "---\ndate: 2025-11-20\n---\n\nArdent Foundry investiert "
          "9 Milliarden US-Dollar in ein Werk bei Porto und stellt 4.100 Leute ein.\n")  # fmt: skip
    args = ("check", "news/", "--source", "source.md", "--source", "sources/", "--format", "json",
            "--as-of", "2025-12-01")  # fmt: skip
    one = factcheck(*args, "--jobs", "1", cwd=tmp_path)
    two = factcheck(*args, "--jobs", "2", cwd=tmp_path)
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    report = json.loads(one[1])
    assert [d["path"] for d in report["drafts"]] == [f"news/{n}" for n in
                                                     ("d0.md", "d1.md", "d2.md", "d3.md",
                                                      "d4.md", "de.md")]  # fmt: skip
    assert len(drafts) == 5


def test_jobs_report_a_bad_draft_as_one_process_does(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    _drafts(tmp_path, 3)
    (tmp_path / "news" / "d1.md").write_bytes(b"\x00\x01binary\x00")
    one = factcheck("check", "news/", "--jobs", "1", cwd=tmp_path)
    two = factcheck("check", "news/", "--jobs", "2", cwd=tmp_path)
    assert one[0] == two[0] == 2
    assert one[2] == two[2]
    assert one[2].startswith("factcheck: error: news/d1.md: ")
