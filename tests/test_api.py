"""The library at the top of the package: ``factcheck.check`` and ``factcheck.extract``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.errors import InputError
from tests.cli_helpers import SOURCE, run, write

DRAFT = (
    "Ardent Foundry will invest $9 billion in a chip plant near Porto.\n\n"
    "Ardent Foundry expects to employ 1,400 people there.\n"
)
LEDGER = """[[claims]]
entity = "Ardent Foundry"
metric = "investment"
value = "$9 billion"
as_of = 2025-11-18
source = "https://example.org/ardent-foundry/porto"
"""


def as_printed(report: factcheck.CheckReport) -> dict[str, Any]:
    """The report as ``--format json`` prints it: the optional keys no finding uses
    (``explain`` without --explain, an evidence's ``note`` and ``ledger_note``) are left
    out there."""
    printed: dict[str, Any] = report.model_dump(mode="json")
    for draft in printed["drafts"]:
        for finding in draft["findings"]:
            assert finding.pop("explain") is None
            for item in finding["evidence"]:
                assert item.pop("note") is None
                assert item.pop("ledger_note") is None
    return printed


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, "news/plant.md", DRAFT)
    write(tmp_path, "sources/wire.md", SOURCE)
    write(tmp_path, "desk.toml", LEDGER)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_api_is_at_the_top_of_the_package() -> None:
    assert {"check", "extract", "CheckReport", "Claim", "Finding"} <= set(factcheck.__all__)


def test_extract_returns_claims() -> None:
    (claim,) = factcheck.extract("Der Absatz stieg um 12 Prozent.", lang="de")
    assert isinstance(claim, factcheck.Claim)
    assert (claim.text, claim.value, claim.unit, claim.lang) == ("12 Prozent", 12.0, "%", "de")


def test_check_gives_the_report_the_command_line_prints(desk: Path) -> None:
    report = factcheck.check(
        ["news/"], sources=["sources/"], ledger=["desk.toml"], default_ledger=False,
        as_of=dt.date(2025, 12, 1),
    )  # fmt: skip
    assert isinstance(report, factcheck.CheckReport)
    done = run("check", "news/", "-s", "sources/", "-l", "desk.toml", "--no-default-ledger",
               "--as-of", "2025-12-01", "-f", "json", cwd=desk)  # fmt: skip
    assert as_printed(report) == json.loads(done.stdout)


def test_one_path_is_one_draft_and_dates_may_be_strings(desk: Path) -> None:
    report = factcheck.check(Path("news/plant.md"), sources="sources", as_of="2025-12-01",
                             default_ledger=False)  # fmt: skip
    (draft,) = report.drafts
    assert draft.path == "news/plant.md"
    assert [(f.claim.text, f.verdict) for f in draft.findings] == [
        ("$9 billion", "consistent"),
        ("1,400", "discrepancy"),
    ]
    assert report.as_of == dt.date(2025, 12, 1)


def test_a_ledger_file_and_its_url(desk: Path) -> None:
    report = factcheck.check("news/plant.md", ledger="desk.toml", default_ledger=False)
    finding = report.drafts[0].findings[0]
    assert (finding.verdict, finding.evidence[0].url) == (
        "consistent",
        "https://example.org/ardent-foundry/porto",
    )


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"drafts": ["news/missing.md"]}, "news/missing.md: no such file or directory"),
        ({"drafts": []}, "drafts: no drafts to check"),
        ({"drafts": "news", "as_of": "1 December"}, "as_of: '1 December' is not a date"),
        ({"drafts": "news", "sources": ["nowhere/"]}, "nowhere: no such file or directory"),
    ],
)
def test_bad_input_is_an_input_error_naming_it(
    desk: Path, kwargs: dict[str, object], where: str
) -> None:
    with pytest.raises(InputError) as raised:
        factcheck.check(**kwargs)  # type: ignore[arg-type]
    assert str(raised.value).startswith(where)


def test_a_web_source_that_cannot_be_had_is_listed_with_its_error(desk: Path) -> None:
    url = "https://example.org/ardent-foundry/porto"
    report = factcheck.check("news", sources=[url], offline=True, default_ledger=False)
    assert [(s.location, s.error) for s in report.sources] == [
        (url, "not in the cache (--offline)")
    ]


def test_a_draft_naming_its_own_sources_is_checked_against_them(desk: Path) -> None:
    # As on the command line (factcheck.scoping): front matter sources: replace the run's.
    write(desk, "other/wire.md", SOURCE.replace("4,100", "1,400"))
    write(desk, "news/own.md", "---\nsources: [../other/wire.md]\n---\n\n" + DRAFT)
    report = factcheck.check(["news/"], sources=["sources/"], default_ledger=False,
                             as_of="2025-12-01")  # fmt: skip
    verdicts = {d.path: [f.verdict for f in d.findings] for d in report.drafts}
    assert verdicts == {
        "news/own.md": ["consistent", "consistent"],
        "news/plant.md": ["consistent", "discrepancy"],
    }
    done = run("check", "news/", "-s", "sources/", "--no-default-ledger", "--as-of",
               "2025-12-01", "-f", "json", cwd=desk)  # fmt: skip
    assert as_printed(report) == json.loads(done.stdout)
