"""Configuration files: where they are found, what they set, what beats what, bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import discover, effective, find
from factcheck.errors import InputError
from tests.cli_helpers import SOURCE, run, write

#: One consistent, one discrepancy, one unverified figure, on ASCII and non-ASCII lines.
DRAFT = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $9 billion in a chip plant near Porto.\n"
    "In „Porto“ – a €-zone site 😀 – Ardent Foundry is to employ 1,400 people.\n"
    "It will buy 300 megawatts of power.\n"
)


def test_found_by_walking_up_factcheck_toml_before_pyproject(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find(deep) is None or not str(find(deep)).startswith(str(tmp_path))
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert find(deep) is None or not str(find(deep)).startswith(str(tmp_path))
    write(tmp_path, "pyproject.toml", '[tool.factcheck]\nfail_on = "outdated"\n')
    assert find(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a", ".factcheck.toml", 'lang = "de"\n')
    assert find(deep) == tmp_path / "a" / ".factcheck.toml"


def test_paths_are_relative_to_the_file_and_the_command_line_wins(tmp_path: Path) -> None:
    write(tmp_path, ".factcheck.toml", 'sources = ["src/"]\nfail_on = "unverified"\n')
    loaded = discover(None, tmp_path)
    eff = effective(loaded, {"fail_on": "never", "lang": None})
    assert eff.values.sources == [str(tmp_path / "src/")]
    assert eff.values.fail_on == "never"
    assert eff.origins["fail_on"] == "command line"
    assert eff.origins["sources"] == str(tmp_path / ".factcheck.toml")
    assert eff.origins["lang"] == "default"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("fail_on = 'sometimes'\n", ["fail_on"]),
        ("colour = true\n", ["colour", "unknown key"]),
        ("approx_tolerance = 3\n", ["approx_tolerance"]),
        ("severity = { discrepancy = 'loud' }\n", ["severity.discrepancy"]),
        ("fail_on = \n", ["not valid TOML", "line 1"]),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, text: str, words: list[str]) -> None:
    path = write(tmp_path, ".factcheck.toml", text)
    with pytest.raises(InputError) as caught:
        discover(path)
    assert str(caught.value).startswith(str(path))
    for word in words:
        assert word in str(caught.value)


def test_bad_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.factcheck]\nformat = 'pdf'\n")
    write(tmp_path, "draft.md", DRAFT)
    done = run("check", "draft.md", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "pyproject.toml:2: tool.factcheck.format" in done.stderr


def test_config_drives_check_and_config_command_says_where_from(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", (
        "[tool.factcheck]\n"
        'drafts = ["news/"]\nsources = ["sources/"]\nno_default_ledger = true\n'
        'format = "rdjsonl"\nfail_on = "never"\n'
    ))  # fmt: skip
    write(tmp_path, "news/draft.md", DRAFT)
    write(tmp_path, "sources/a.md", SOURCE)
    done = run("check", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"discrepancy"' in done.stdout.splitlines()[0]
    assert run("check", "--fail-on", "discrepancy", cwd=tmp_path).returncode == 1
    shown = run("config", cwd=tmp_path)
    assert shown.returncode == 0
    lines = shown.stdout.splitlines()
    where = str((tmp_path / "pyproject.toml").resolve())
    assert f'format = "rdjsonl"  # {where}' in lines
    assert "approx_tolerance = 0.1  # default" in lines
    assert any(line.startswith('severity = { discrepancy = "error"') for line in lines)
