"""Publication dates in the forms newsrooms write them, YAML and TOML front matter, and a
date that cannot be read reported with its file and line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.text.dates import parse_date
from factcheck.text.markup import parse
from tests.cli_helpers import run, write

JAN_10 = dt.date(2025, 1, 10)


@pytest.mark.parametrize(
    "value",
    [
        "2025-01-10", "2025-01-10T08:00:00Z", "2025/1/10", "10.01.2025", "20250110",
        # English, month first and day first, with and without the abbreviation's dot
        "January 10, 2025", "January 10 2025", "Jan. 10, 2025", "Jan 10, 2025",
        "January 10th, 2025", "10 January 2025", "10th Jan 2025", "10 Jan. 2025",
        "Friday, January 10, 2025", "Fri, 10 Jan 2025 09:30:00 +0000",
        # German
        "10. Januar 2025", "10. Jan. 2025", "10 Januar 2025", "Freitag, 10. Januar 2025",
        "Fr., 10. Jan. 2025, 14:05 Uhr",
    ],
)  # fmt: skip
def test_a_date_in_any_common_form(value: str) -> None:
    assert parse_date(value) == JAN_10


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3. März 2025", dt.date(2025, 3, 3)),
        ("Sept. 30, 2025", dt.date(2025, 9, 30)),
        ("1. Okt. 2025", dt.date(2025, 10, 1)),
        ("31 Dez 2024", dt.date(2024, 12, 31)),
    ],
)
def test_month_names_of_both_languages(value: str, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["next Tuesday", "January 2025", "January 32, 2025", "Frimaire 10, 2025", "10/01/25", ""],
)
def test_what_is_no_date(value: str) -> None:
    assert parse_date(value) is None


# ------------------------------------------------------------------ front matter

TOML = """+++
title = "Plant near Porto"
date = 2025-01-10T09:30:00+01:00
draft = false

[params]
date = 2020-01-01
+++

Ardent Foundry will employ 4,100 people.
"""


def test_toml_front_matter_is_read_and_masked() -> None:
    doc = parse(TOML, "markdown")
    assert (doc.title, doc.published, doc.problems) == ("Plant near Porto", JAN_10, ())
    body = TOML.index("Ardent")
    assert doc.view[:body].strip() == ""
    assert doc.view[body:] == TOML[body:]


@pytest.mark.parametrize(
    "front",
    [
        '+++\ndate = "January 10, 2025"\n+++\n',
        "+++\ndate = 2025-01-10 # a comment\n+++\n",
        "---\ndate: January 10, 2025\n---\n",
        "---\ndate: '10. Januar 2025'\n---\n",
        "---\npublished: Fri, 10 Jan 2025 09:30:00 +0000\n---\n",
    ],
)
def test_front_matter_dates_in_other_forms(front: str) -> None:
    doc = parse(front + "\nText.\n", "markdown")
    assert (doc.published, doc.problems) == (JAN_10, ())


def test_a_toml_key_in_yaml_front_matter_is_not_read() -> None:
    doc = parse("---\ntitle: A\ndate = soon\n---\nText.\n", "markdown")
    assert (doc.published, doc.problems) == (None, ())


def test_an_unreadable_date_is_a_problem_with_its_line() -> None:
    doc = parse("---\ntitle: Plant\ndate: sometime in spring\n---\nText.\n", "markdown")
    assert doc.published is None
    assert doc.problems == (
        (3, "front matter date 'sometime in spring' is not a date "
            "(write it as 2025-01-10 or January 10, 2025)"),
    )  # fmt: skip


@pytest.mark.parametrize("empty", ["date:", "date: ''", "date: null", "date: ~"])
def test_an_empty_date_is_no_date_and_no_problem(empty: str) -> None:
    doc = parse(f"---\n{empty}\ntitle: A\n---\nText.\n", "markdown")
    assert (doc.published, doc.problems) == (None, ())


# ------------------------------------------------------------------ through the command line

DRAFT = "Ardent Foundry will employ 1,400 people near Porto.\n"
WIRE = "The company expects to employ 4,100 people there, Ardent Foundry said.\n"


def test_a_source_dated_in_words_is_dated(tmp_path: Path) -> None:
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "sources/wire.md", '+++\ndate = "November 18, 2025"\n+++\n\n' + WIRE)
    done = run("check", "draft.md", "-s", "sources", "--no-default-ledger", "-f", "json",
               cwd=tmp_path)  # fmt: skip
    (source,) = json.loads(done.stdout)["sources"]
    assert source["published"] == "2025-11-18"


def test_an_unreadable_date_stops_the_check_naming_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "sources/wire.md", "---\ntitle: Wire\ndate: Nov 31st\n---\n\n" + WIRE)
    done = run("check", "draft.md", "-s", "sources", "--no-default-ledger", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "factcheck: error: sources/wire.md:3: front matter date 'Nov 31st' is not a date "
        "(write it as 2025-01-10 or January 10, 2025)\n"
    )


def test_extract_does_not_care_about_dates(tmp_path: Path) -> None:
    write(tmp_path, "wire.md", "---\ndate: Nov 31st\n---\n\n" + WIRE)
    done = run("extract", "wire.md", "--format", "text", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4,100" in done.stdout
