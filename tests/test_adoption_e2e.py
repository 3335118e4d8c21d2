"""A newsroom's repository, end to end through the real command line (issue 15, 2-4).

Hard-wrapped Markdown gives the verdicts of its unwrapped twin; a German draft that says
``lang: de`` is read as German; each story of a repository is compared with its own
sources only. Real files in a temporary folder, the CLI in a child process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import run, write

GERMAN_FLAT = (
    "Die Brennwald GmbH investiert 2,1 Milliarden Euro in ein neues Batteriewerk bei "
    "Zwickau. Im Werk sollen nach Angaben des Unternehmens 1.400 Menschen arbeiten. Der "
    "Freistaat Sachsen fördert das Vorhaben mit 350 Millionen Euro.\n"
)
# Wrapped where a line starts with a noun: before, each such break ended the sentence.
GERMAN_WRAPPED = (
    "Die Brennwald GmbH investiert 2,1 Milliarden\n"
    "Euro in ein neues Batteriewerk bei Zwickau. Im Werk sollen nach Angaben des\n"
    "Unternehmens 1.400 Menschen arbeiten. Der Freistaat Sachsen fördert das\n"
    "Vorhaben mit 350 Millionen\n"
    "Euro.\n"
)
GERMAN_SOURCE = (
    "---\ndate: 2025-09-01\n---\n\n"
    "Brennwald baut für 2,1 Milliarden Euro ein Batteriewerk bei Zwickau. In dem Werk\n"
    "sollen 1.400 Menschen arbeiten. Der Freistaat Sachsen unterstützt den Bau mit\n"
    "530 Millionen Euro.\n"
)
ENGLISH_FLAT = (
    "Chipmaker Orvik Systems will spend $6.8 billion on a plant near Columbus, Ohio, the "
    "company said on Monday. The site is to employ 2,300 people once Orvik Systems opens "
    "it in 2027. Ohio approved tax credits worth $450 million for Orvik Systems.\n"
)
ENGLISH_WRAPPED = (
    "Chipmaker Orvik Systems will spend $6.8\n"
    "billion on a plant near Columbus,\n"
    "Ohio, the company said on Monday. The site is to employ 2,300 people once Orvik\n"
    "Systems opens it in 2027. Ohio approved tax credits worth $450 million for\n"
    "Orvik Systems.\n"
)
ENGLISH_SOURCE = (
    "---\ndate: 2025-09-01\n---\n\n"
    "Orvik Systems plans to invest $6.8 billion in a chip plant near Columbus, Ohio.\n"
    "The plant will employ 2,300 people. Ohio has approved $540 million in tax credits\n"
    "for Orvik Systems.\n"
)
EXPECTED = ["consistent", "consistent", "discrepancy"]


def check(*args: str | Path, cwd: Path | None = None) -> dict[str, Any]:
    done = run("check", *args, "--format", "json", "--as-of", "2025-12-01", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def verdicts(report: dict[str, Any]) -> list[tuple[str, float, str, str | None, str | None]]:
    return [
        (f["verdict"], f["claim"]["value"], f["claim"]["unit"], f["diagnosis"], f["suggestion"])
        for draft in report["drafts"]
        for f in draft["findings"]
    ]


@pytest.mark.parametrize(
    ("flat", "wrapped", "source"),
    [
        pytest.param(GERMAN_FLAT, GERMAN_WRAPPED, GERMAN_SOURCE, id="de"),
        pytest.param(ENGLISH_FLAT, ENGLISH_WRAPPED, ENGLISH_SOURCE, id="en"),
    ],
)
def test_a_wrapped_draft_gets_the_verdicts_of_its_unwrapped_twin(
    tmp_path: Path, flat: str, wrapped: str, source: str
) -> None:
    write(tmp_path, "source.md", source)
    write(tmp_path, "flat.md", flat)
    write(tmp_path, "wrapped.md", wrapped)
    args = ("--source", "source.md", "--no-default-ledger")
    flat_report = check("flat.md", *args, cwd=tmp_path)
    wrapped_report = check("wrapped.md", *args, cwd=tmp_path)
    assert [v[0] for v in verdicts(flat_report)] == EXPECTED
    assert verdicts(wrapped_report) == verdicts(flat_report)
    sentences = [f["claim"]["sentence"] for f in wrapped_report["drafts"][0]["findings"]]
    assert sentences == [f["claim"]["sentence"] for f in flat_report["drafts"][0]["findings"]]


def test_a_figure_across_a_line_break_is_shown_on_one_line(tmp_path: Path) -> None:
    write(tmp_path, "source.md", GERMAN_SOURCE)
    write(tmp_path, "wrapped.md", GERMAN_WRAPPED)
    args = ("check", "wrapped.md", "--source", "source.md", "--no-default-ledger")
    report = check(*args[1:], cwd=tmp_path)
    slip = report["drafts"][0]["findings"][2]
    assert slip["claim"]["text"] == "350 Millionen\nEuro"  # exactly the input
    assert slip["suggestion"] == "530 Millionen Euro"
    assert "\n" not in slip["message"]
    text = run(*args, cwd=tmp_path).stdout
    assert "discrepancy   350 Millionen Euro  -> 530 Millionen Euro  [digits]" in text
    github = run(*args, "--format", "github", cwd=tmp_path).stdout
    assert "title=discrepancy%3A 350 Millionen Euro (evidence%3A 530 Millionen Euro)" in github
    sarif = json.loads(run(*args, "--format", "sarif", cwd=tmp_path).stdout)
    figures = [r["properties"]["figure"] for r in sarif["runs"][0]["results"]]
    assert "350 Millionen Euro" in figures


def test_a_german_one_sentence_draft_that_says_so_is_read_as_german(tmp_path: Path) -> None:
    # No German function word and no German word of a figure: detection alone says English,
    # which reads "2.400" as 2.4.
    write(tmp_path, "kurz.md", "---\nlang: de\n---\nBrennwald Software: Budget 2.400 Dollar.\n")
    report = check("kurz.md", "--no-default-ledger", cwd=tmp_path)
    (draft,) = report["drafts"]
    assert draft["lang"] == "de"
    assert [(f["claim"]["value"], f["claim"]["unit"]) for f in draft["findings"]] == [
        (2400.0, "USD")
    ]
    english = check("kurz.md", "--no-default-ledger", "--lang", "en", cwd=tmp_path)
    assert english["drafts"][0]["findings"][0]["claim"]["value"] == 2.4


def test_a_draft_with_no_figure_is_named_on_stderr(tmp_path: Path) -> None:
    write(tmp_path, "leer.md", "Die Brennwald GmbH wächst schnell.\n")
    write(tmp_path, "zahl.md", "Die Brennwald GmbH wächst um 5 Prozent.\n")
    done = run("check", "leer.md", "zahl.md", "--no-default-ledger", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "factcheck: leer.md: no figure found (read as German; if it is English, say "
        "lang: en in its front matter or run with --lang en)"
    ]


STORY_WERK = """---
title: Brennwald baut bei Zwickau
sources: [quellen/]
---

Die Brennwald GmbH investiert 2,1 Milliarden Euro in ein neues Werk bei Zwickau. Dort
entstehen nach Angaben des Unternehmens 1.400 Arbeitsplätze.
"""
SOURCE_WERK = """---
date: 2025-05-02
---

Die Brennwald GmbH baut für 2,1 Milliarden Euro ein Werk bei Zwickau. Das Unternehmen
will dort 1.200 Arbeitsplätze schaffen.
"""
STORY_FUNDING = """---
sources:
  - sources/*.md
---

Kestrel Labs raised $240 million in a Series C round, according to
[the company's statement](sources/statement.md). The startup employs 1,400 people.
"""
SOURCE_FUNDING = (
    "Kestrel Labs today announced a $420 million Series C. The company has 1,400 employees.\n"
)
CONFIG = """[tool.factcheck]
drafts = ["stories/*/*.md"]
no_default_ledger = true
"""


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A repository of two stories, each with its sources in a folder beside it."""
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "stories/werk/entwurf.md", STORY_WERK)
    write(tmp_path, "stories/werk/quellen/mitteilung.md", SOURCE_WERK)
    write(tmp_path, "stories/funding/draft.md", STORY_FUNDING)
    write(tmp_path, "stories/funding/sources/statement.md", SOURCE_FUNDING)
    return tmp_path


def _evidence(report: dict[str, Any]) -> dict[str, set[str]]:
    """Each draft's folder name, with the folders of every source its evidence names."""
    where = {s["id"]: Path(s["location"]).parent.parent.name for s in report["sources"]}
    return {
        Path(d["path"]).parent.name: {
            where[e["source"]] for f in d["findings"] for e in f["evidence"]
        }
        for d in report["drafts"]
    }


def test_each_story_is_compared_with_its_own_sources(newsroom: Path) -> None:
    report = check(cwd=newsroom)
    assert [Path(d["path"]).parent.name for d in report["drafts"]] == ["funding", "werk"]
    assert _evidence(report) == {"funding": {"funding"}, "werk": {"werk"}}
    assert len(report["sources"]) == 2
    funding, werk = (d["findings"] for d in report["drafts"])
    assert [(f["claim"]["text"], f["verdict"]) for f in funding] == [
        ("$240 million", "discrepancy"),
        ("1,400", "consistent"),
    ]
    assert funding[0]["evidence"][0]["via"] == "cited"  # its paragraph links to the source
    # Brennwald's 1,400 jobs are not Kestrel's 1,400 employees: that source is not its own
    assert [f["verdict"] for f in werk] == ["consistent", "unverified"]


def test_without_its_own_sources_a_draft_meets_every_storys(newsroom: Path) -> None:
    draft = newsroom / "stories/werk/entwurf.md"
    draft.write_text(STORY_WERK.replace("sources: [quellen/]\n", ""), encoding="utf-8")
    every = ("--source", "stories/werk/quellen", "--source", "stories/funding/sources")
    report = check("stories/werk/entwurf.md", *every, cwd=newsroom)
    # every story's sources are read for the draft
    assert {Path(s["location"]).parent.parent.name for s in report["sources"]} == {
        "funding",
        "werk",
    }
    jobs = report["drafts"][0]["findings"][1]
    # Kestrel's 1,400 employees are another party's figure under another metric: a party
    # only named is no ground to call Brennwald's 1,400 jobs misattributed
    assert (jobs["verdict"], jobs["evidence"]) == ("unverified", [])


def test_own_sources_replace_the_runs(newsroom: Path) -> None:
    other = write(newsroom, "elsewhere/wire.md", "Kestrel Labs raised $240 million.\n")
    report = check("stories/funding/draft.md", "--source", other, cwd=newsroom)
    assert [s["location"] for s in report["sources"]] == [
        str(Path("stories/funding/sources/statement.md"))
    ]


def test_a_relative_link_to_a_local_file_is_a_cited_source(tmp_path: Path) -> None:
    write(tmp_path, "news/statement.md", SOURCE_FUNDING)
    write(tmp_path, "news/draft.md", STORY_FUNDING.split("---\n\n", 1)[1].replace("sources/", ""))
    report = check("news/draft.md", "--no-default-ledger", cwd=tmp_path)
    money = report["drafts"][0]["findings"][0]
    assert (money["verdict"], money["suggestion"]) == ("discrepancy", "$420 million")
    assert {e["via"] for e in money["evidence"]} == {"cited"}


def test_a_link_to_a_missing_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, "draft.md", "Kestrel Labs has [1,400 employees](sources/gone.md).\n")
    done = run("check", "draft.md", "--no-default-ledger", cwd=tmp_path)
    assert done.returncode == 0
    assert "factcheck: draft.md: links to sources/gone.md, which does not exist" in done.stderr


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("[quellen/fehlt.md]", "sources: 'quellen/fehlt.md': no such file or directory"),
        ("[quellen/*.txt]", "sources: no file matches 'quellen/*.txt'"),
    ],
)
def test_a_named_source_that_is_not_there_is_an_input_error(
    tmp_path: Path, entry: str, problem: str
) -> None:
    write(tmp_path, "quellen/da.md", SOURCE_WERK)
    write(tmp_path, "entwurf.md", STORY_WERK.replace("[quellen/]", entry))
    done = run("check", "entwurf.md", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"factcheck: error: entwurf.md:3: {problem}\n"
    assert done.stdout == ""


def test_merged_reports_follow_the_schema_and_name_their_sources(newsroom: Path) -> None:
    import jsonschema

    report = check("--explain", cwd=newsroom)
    jsonschema.validate(report, json.loads(run("schema", "report").stdout))
    ids = {s["id"] for s in report["sources"]}
    named = {
        item["source"]
        for draft in report["drafts"]
        for f in draft["findings"]
        for item in [*f["evidence"], *f["explain"]["candidates"]]
    }
    assert named
    assert named <= ids
    assert sum(report["summary"].values()) == 4
