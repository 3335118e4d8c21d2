"""The URL a ledger figure was verified at appears in every format, not only in HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import SOURCE, run, write

VERIFIED_AT = "https://example.org/ardent-foundry/porto-plant-approved"
LEDGER = f"""[[claims]]
entity = "Ardent Foundry"
metric = "investment"
value = "$9 billion"
as_of = 2025-11-18
source = "{VERIFIED_AT}"
"""
DRAFT = (
    "Ardent Foundry will invest $90 billion in a chip plant near Porto.\n\n"
    "Ardent Foundry expects to employ 1,400 people there.\n"
)
FORMATS = ["text", "json", "sarif", "github", "junit", "rdjsonl", "html", "gitlab"]


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "desk-claims/ardent.toml", LEDGER)
    write(tmp_path, "sources/wire.md", SOURCE)
    return tmp_path


def check(desk: Path, fmt: str) -> str:
    done = run("check", "draft.md", "--no-default-ledger", "--ledger", "desk-claims",
               "-s", "sources", "--as-of", "2025-12-01", "-f", fmt, cwd=desk)  # fmt: skip
    assert done.returncode == 1, done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_ledger_url_is_in_every_format(desk: Path, fmt: str) -> None:
    assert VERIFIED_AT in check(desk, fmt)


def test_json_evidence_has_a_url_field(desk: Path) -> None:
    report = json.loads(check(desk, "json"))
    evidence = {
        f["claim"]["text"]: [(e["via"], e["url"]) for e in f["evidence"]]
        for f in report["drafts"][0]["findings"]
    }
    assert ("ledger", VERIFIED_AT) in evidence["$90 billion"]
    # a local source file has no URL to give
    assert evidence["1,400"] == [("source", None)]


def test_the_text_report_names_the_url_as_the_ledgers(desk: Path) -> None:
    lines = check(desk, "text").splitlines()
    assert any(
        line.startswith("    evidence: ") and f"{VERIFIED_AT} (ledger)" in line for line in lines
    )


def test_sarif_lists_the_urls_among_the_result_properties(desk: Path) -> None:
    (run_,) = json.loads(check(desk, "sarif"))["runs"]
    by_figure = {r["properties"]["figure"]: r for r in run_["results"]}
    scale = by_figure["$90 billion"]
    assert scale["properties"]["evidence"] == [VERIFIED_AT]
    assert scale["message"]["text"].endswith(f" Evidence: {VERIFIED_AT}")
    assert "evidence" not in by_figure["1,400"]["properties"]


NOTE = "Approved by the city council on 18 November."


def test_json_evidence_carries_the_records_note_and_leaves_it_out_when_none_has_one(
    desk: Path,
) -> None:
    plain = json.loads(check(desk, "json"))
    assert all(
        "ledger_note" not in e for f in plain["drafts"][0]["findings"] for e in f["evidence"]
    )
    write(desk, "desk-claims/ardent.toml", LEDGER + f'note = "{NOTE}"\n')
    report = json.loads(check(desk, "json"))
    evidence = {
        f["claim"]["text"]: [(e["via"], e["ledger_note"]) for e in f["evidence"]]
        for f in report["drafts"][0]["findings"]
    }
    assert ("ledger", NOTE) in evidence["$90 billion"]
    assert evidence["1,400"] == [("source", None)]


def test_the_html_report_shows_the_records_note_from_the_evidence(desk: Path) -> None:
    write(desk, "desk-claims/ardent.toml", LEDGER + f'note = "{NOTE}"\n')
    page = check(desk, "html")
    assert NOTE in page
    assert f'href="{VERIFIED_AT}"' in page


def test_no_report_reads_the_ledger_again() -> None:
    """Provenance travels with the evidence: no renderer imports from ``sources``."""
    report_dir = Path(__file__).parent.parent / "factcheck" / "report"
    for module in report_dir.glob("*.py"):
        assert "factcheck.sources" not in module.read_text(encoding="utf-8"), module.name
