"""Inline suppressions in drafts, and --no-inline-config."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.ci.suppress import parse
from tests.cli_helpers import SOURCE, run, write

HEAD = "---\ndate: 2025-11-20\n---\n\n"
WRONG = "Ardent Foundry is to employ 1,400 people near Porto.\n"


def figures(tmp_path: Path, body: str, *extra: str) -> list[tuple[int, str]]:
    write(tmp_path, "draft.md", HEAD + body)
    write(tmp_path, "source.md", SOURCE)
    done = run("check", "draft.md", "--source", "source.md", "--no-default-ledger",
               "--format", "json", *extra, cwd=tmp_path)  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return [(f["claim"]["line"], f["verdict"]) for f in report["drafts"][0]["findings"]]


def test_disable_next_line(tmp_path: Path) -> None:
    body = "<!-- factcheck-disable-next-line -->\n" + WRONG + WRONG
    assert figures(tmp_path, body) == [(7, "discrepancy")]
    assert figures(tmp_path, body, "--no-inline-config") == [(6, "discrepancy"),
                                                             (7, "discrepancy")]  # fmt: skip


def test_off_on_region(tmp_path: Path) -> None:
    body = WRONG + "<!-- factcheck off -->\n" + WRONG + WRONG + "<!-- factcheck on -->\n" + WRONG
    assert figures(tmp_path, body) == [(5, "discrepancy"), (10, "discrepancy")]


def test_one_figure_by_its_text(tmp_path: Path) -> None:
    body = WRONG + 'Ardent Foundry will invest $9 billion.\n<!-- factcheck-disable "1,400" -->\n'
    assert figures(tmp_path, body) == [(6, "consistent")]


def test_exit_code_follows_what_is_left(tmp_path: Path) -> None:
    write(tmp_path, "draft.md", HEAD + "<!-- factcheck off -->\n" + WRONG)
    write(tmp_path, "source.md", SOURCE)
    base = ("check", "draft.md", "--source", "source.md", "--no-default-ledger")
    assert run(*base, cwd=tmp_path).returncode == 0
    assert run(*base, "--no-inline-config", cwd=tmp_path).returncode == 1


def test_parse_directives() -> None:
    found = parse(
        "a\n<!--factcheck-disable-next-line-->\nb\n<!-- FACTCHECK off -->x"
        '<!-- factcheck-disable "$61.5  Billion" -->'
    )
    assert found.lines == {3: None}
    ((start, end, verdicts),) = found.regions
    assert end > start
    assert verdicts is None
    assert found.figures == (("$61.5 billion", None),)
    assert found.warnings == ()
