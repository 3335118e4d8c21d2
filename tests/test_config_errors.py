"""Configuration and flag errors in one line, with the key, what is allowed and a likely
meaning; kebab-case keys; help that names values by what they are; directives that
name verdicts, misspelt directives, and hidden findings counted in the summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factcheck.cli import app
from tests.cli_helpers import SOURCE, run, write

DRAFT = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $9 billion in a chip plant near Porto.\n"
    "The plant is to employ 1,400 people.\n"
)
#: What pydantic and click say, which a newsroom's editor should never read.
FOREIGN = ("Input should", "Extra inputs", "validation error", "Value error", "Usage:", "Try '")


def one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert not any(words in stderr for words in FOREIGN), stderr
    return stderr.strip()


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('lang = "en"\nfail_on = "discrepency"\n', ':2: fail_on: "discrepency" is not one of '
         'discrepancy, outdated, conflicting, unverified, never; did you mean "discrepancy"?'),
        ('fail-onn = "never"\n', ':1: fail_onn: unknown key; did you mean "fail_on"? (known keys: '
         "drafts, sources, "),
        ("web = { timeout = -1 }\n", ":1: web.timeout: must be more than 0.0, not -1"),
        ('drafts = "news/"\n', ':1: drafts: must be a list, e.g. ["news/"], not "news/"'),
        ('severity = { outdatedd = "error" }\n', ':1: severity.outdatedd: "outdatedd" is not one '
         'of consistent, discrepancy, outdated, conflicting, unverified; did you mean "outdated"?'),
        ('\n\nas-of = "soon"\n', ':3: as_of: must be a date (YYYY-MM-DD), not "soon"'),
        ('fail-on = "never"\nfail_on = "never"\n', ': fail_on: given twice, as "fail-on" and '
         '"fail_on"'),
    ],
)  # fmt: skip
def test_a_config_error_is_one_line_with_key_values_and_hint(
    tmp_path: Path, toml: str, expected: str
) -> None:
    write(tmp_path, ".factcheck.toml", toml)
    write(tmp_path, "draft.md", DRAFT)
    done = run("check", "draft.md", cwd=tmp_path)
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert line.startswith(f"factcheck: error: {tmp_path / '.factcheck.toml'}")
    assert expected in line


def test_kebab_case_keys_mean_what_snake_case_keys_mean(tmp_path: Path) -> None:
    toml = ("[tool.factcheck]\nfail-on = 'never'\nno-default-ledger = true\n"
            "web = { max-bytes = 1000, retry-after-cap = 5 }\n")  # fmt: skip
    write(tmp_path, "pyproject.toml", toml)
    done = run("config", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    settings = dict(line.split(" = ", 1) for line in done.stdout.splitlines()[1:])
    assert settings["fail_on"].startswith('"never"  # ')
    assert settings["no_default_ledger"].startswith("true  # ")
    assert "max_bytes = 1000" in settings["web"]
    assert "retry_after_cap = 5" in settings["web"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "draft.md", "--format", "jsn"], '--format: "jsn" is not one of text, json, '
         'sarif, github, junit, rdjsonl, html, gitlab; did you mean "json"?'),
        (["check", "draft.md", "-fjsn"], '--format: "jsn" is not one of'),
        (["check", "draft.md", "--lang=dee"], '--lang: "dee" is not one of auto, en, de; did you '
         'mean "de"?'),
        (["check", "draft.md", "--fail-on", "never!"], '--fail-on: "never!" is not one of '
         'discrepancy, outdated, conflicting, unverified, never; did you mean "never"?'),
        (["check", "draft.md", "--fromat", "json"], '--fromat: no such option; did you mean '
         '"--format"?'),
        (["check", "draft.md", "--format"], "--format: needs a value (one of text, json, "),
        (["check", "draft.md", "--jobs", "two"], '--jobs: "two" is not a whole number'),
        (["check", "draft.md", "--jobs", "-2"], "--jobs: -2 is too small: at least 0"),
        (["check", "draft.md", "--color", "sometimes"], '--color: "sometimes" is not one of auto, '
         "always, never"),
        (["chek", "draft.md"], '"chek" is not a command (check, config, extract, ledger, schema); '
         'did you mean "check"?'),
        (["ledger", "vaildate"], '"vaildate" is not a command (add, list, validate); did you mean '
         '"validate"?'),
        (["schema", "claimz"], '"claimz" is not one of claim, report, extract; did you mean '
         '"claim"?'),
        (["ledger", "add", "x.toml", "--entity", "Acme"], "--metric: required, and not given"),
        (["check", "draft.md", "--as-of", "tomorrow"], "--as-of 'tomorrow' is not a date"),
    ],
)  # fmt: skip
def test_a_flag_error_is_one_line_with_flag_values_and_hint(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    write(tmp_path, "draft.md", DRAFT)
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert expected in one_line(done.stderr)


def _helps() -> list[str]:
    runner = CliRunner()
    root = typer.main.get_command(app)
    pages = []
    for path in (["check"], ["extract"], ["config"], ["schema"], ["ledger", "validate"],
                 ["ledger", "list"], ["ledger", "add"]):  # fmt: skip
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, result.output
        pages.append(result.output)
    assert root is not None
    return pages


def test_help_names_values_by_what_they_are() -> None:
    pages = "\n".join(_helps())
    assert re.findall(r"<[a-z][\w\[\]|, ]*>", pages) == []
    for shown in ("--source PATH|URL", "--ledger DIR", "--output FILE", "--jobs N",
                  "--format text|json|sarif|github|junit|rdjsonl|html", "--entity ENTITY",
                  "--color, --colour auto|always|never"):  # fmt: skip
        assert shown in pages


HEAD = "---\ndate: 2025-11-20\n---\n\n"
WRONG = "Ardent Foundry is to employ 1,400 people near Porto.\n"


def _check(folder: Path, *extra: str) -> tuple[list[tuple[int, str]], str]:
    done = run("check", "draft.md", "--source", "source.md", "--no-default-ledger",
               "--format", "json", *extra, cwd=folder)  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    findings = json.loads(done.stdout)["drafts"][0]["findings"]
    return [(f["claim"]["line"], f["verdict"]) for f in findings], done.stderr


def test_a_directive_may_name_verdicts(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    body = ("<!-- factcheck-disable-next-line outdated -->\n" + WRONG
            + "<!-- factcheck-disable-next-line outdated discrepancy -->\n" + WRONG
            + '<!-- factcheck-disable "1,400" unverified -->\n')  # fmt: skip
    write(tmp_path, "draft.md", HEAD + body)
    assert _check(tmp_path)[0] == [(6, "discrepancy")]


def test_a_misspelt_directive_warns_with_a_hint(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    body = ("<!-- factcheck-disable-nextline -->\n" + WRONG
            + "<!-- factcheck-disable-next-line outdate -->\n" + WRONG)  # fmt: skip
    write(tmp_path, "draft.md", HEAD + body)
    findings, stderr = _check(tmp_path, "-q")
    assert findings == [(6, "discrepancy")]  # the misspelt one silences nothing
    assert stderr.splitlines() == [
        'factcheck: draft.md:5: unknown directive "factcheck-disable-nextline"; did you mean '
        '"factcheck-disable-next-line"?',
        'factcheck: draft.md:7: "outdate" is not a verdict (consistent, unverified, conflicting, '
        'outdated, discrepancy); did you mean "outdated"?',
    ]


def test_hidden_findings_are_counted_in_the_summary(tmp_path: Path) -> None:
    write(tmp_path, "source.md", SOURCE)
    write(tmp_path, "draft.md", HEAD + WRONG.replace("1,400", "1,500"))
    base = ("check", "draft.md", "--source", "source.md", "--no-default-ledger")
    assert run(*base, "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    off = "<!-- factcheck off -->\n" + WRONG + "<!-- factcheck on -->\n"
    write(tmp_path, "draft.md", HEAD + off + WRONG.replace("1,400", "1,500") + WRONG)
    done = run(*base, "--baseline", "baseline.json", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1].endswith(
        ": 0 consistent, 0 unverified, 0 conflicting, 0 outdated, 1 discrepancy; "
        "not shown: 1 suppressed, 1 baselined"
    )
    as_json = run(*base, "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert as_json.stderr.strip().endswith("not shown: 1 suppressed, 1 baselined")
