"""A draft's own arithmetic, table-driven from tests/cases/arithmetic_cases.toml.

Each case is a draft checked with no source and no ledger: exactly the figures listed
under ``flag`` get an arithmetic finding (a discrepancy whose evidence is the draft's
own figures), with its diagnosis and suggestion; every other figure gets none.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from factcheck.compare.check import check
from factcheck.models import CheckReport, Finding
from factcheck.sources.documents import parse_document

CASES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "cases" / "arithmetic_cases.toml").read_text(encoding="utf-8")
)["cases"]
CLASSES = ("changes", "multiples", "parts", "deals", "conversions", "twice")


def _report(draft: str, as_of: str = "2025-06-02") -> CheckReport:
    doc = parse_document("draft.md", draft)
    return check([doc], [], None, as_of=dt.date.fromisoformat(as_of))


def _arithmetic(findings: list[Finding]) -> dict[str, Finding]:
    return {f.claim.text: f for f in findings if any(e.via == "draft" for e in f.evidence)}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_arithmetic_case(case: dict[str, Any]) -> None:
    report = _report(case["draft"], case.get("as_of", "2025-06-02"))
    findings = report.drafts[0].findings
    flagged = _arithmetic(findings)
    wanted = {f["text"]: f for f in case.get("flag", [])}
    texts = [f.claim.text for f in findings]
    assert set(wanted) <= set(texts), f"{sorted(set(wanted) - set(texts))} not among {texts}"
    assert set(flagged) == set(wanted), {t: f.message for t, f in flagged.items()}
    for text, expect in wanted.items():
        finding = flagged[text]
        assert finding.verdict == "discrepancy"
        assert finding.diagnosis == expect["diagnosis"], finding.message
        if "suggestion" in expect:
            assert finding.suggestion == expect["suggestion"], finding.message
        for words in expect.get("says", []):
            assert words in finding.message, finding.message
        # the evidence is the draft's other figures, listed among the report's sources
        ids = {s.id: s for s in report.sources}
        assert all(
            e.source in ids and ids[e.source].location == "draft.md" for e in finding.evidence
        )
        assert all(e.note for e in finding.evidence)


def test_every_class_has_flags_and_negatives_in_both_languages() -> None:
    for name in (c["name"] for c in CASES):
        assert name.partition("_")[0] in CLASSES, name
        assert name.endswith(("_en", "_de")), name
    for cls in CLASSES:
        for lang in ("_en", "_de"):
            ours = [
                c for c in CASES if c["name"].startswith(cls + "_") and c["name"].endswith(lang)
            ]
            assert any(c.get("flag") for c in ours), f"no {cls} slip in {lang}"
            assert any(not c.get("flag") for c in ours), f"no {cls} negative in {lang}"


def test_a_figure_a_source_confirms_keeps_its_verdict() -> None:
    """The sources outrank the draft's own arithmetic: a change a source states stays
    consistent, and the finding is not given to a figure the arithmetic cannot blame."""
    draft = parse_document(
        "draft.md", "Sales at Orrin Tools rose 14% from $2.1 million to $2.6 million."
    )
    wire = parse_document(
        "wire.md", "---\ndate: 2025-05-30\n---\n\nOrrin Tools said its sales rose 14% last year."
    )
    report = check([draft], [wire], None, as_of=dt.date(2025, 6, 2))
    by_text = {f.claim.text: f for f in report.drafts[0].findings}
    assert by_text["14%"].verdict == "consistent"
    assert not _arithmetic(report.drafts[0].findings)
    assert [s.id for s in report.sources] == ["source-1"]


def test_one_finding_per_figure_with_arithmetic() -> None:
    for case in CASES:
        doc = parse_document("draft.md", case["draft"])
        findings = _report(case["draft"], case.get("as_of", "2025-06-02")).drafts[0].findings
        assert [f.claim.id for f in findings] == [c.id for c in doc.claims]


def test_a_draft_without_slips_lists_no_draft_source() -> None:
    report = _report("Revenue at Orrin Tools rose 20% from $2.2 million to $2.6 million.")
    assert [s.id for s in report.sources] == []
    assert {f.verdict for f in report.drafts[0].findings} == {"unverified"}


def test_a_euro_draft_agrees_with_a_dollar_source_at_the_rate_of_its_day() -> None:
    draft = parse_document("draft.md", "Halvard Systems will invest about €43 billion in Texas.")
    wire = parse_document(
        "wire.md", "---\ndate: 2025-06-02\n---\n\nHalvard Systems will invest $50 billion in Texas."
    )
    report = check([draft], [wire], None, as_of=dt.date(2025, 6, 2))
    finding = report.drafts[0].findings[0]
    assert finding.verdict == "consistent"
    rate = "ECB reference rate of 2025-06-02: 1 EUR = 1.1419 USD"
    assert rate in finding.message
    assert [e.note for e in finding.evidence] == [f"converted at the {rate}"]


def test_an_undated_draft_is_held_to_any_rate_since_1999() -> None:
    """With no date of its own and none for the run, a conversion is flagged only when
    no ECB rate ever gave it: the draft may have been written long ago."""
    text = "Halvard will spend $50 billion (€34 billion) on data centres."
    undated = check([parse_document("draft.md", text)], [], None).drafts[0].findings
    assert not _arithmetic(undated)  # 1 EUR = 1.47 USD was the rate of 2008 and 2011
    dated = _report(text, "2025-06-02").drafts[0].findings
    assert set(_arithmetic(dated)) == {"€34 billion"}
    never = "Halvard will spend $50 billion (€20 billion) on data centres."
    flagged = _arithmetic(check([parse_document("draft.md", never)], [], None).drafts[0].findings)
    assert set(flagged) == {"€20 billion"}
    assert "any day since 1999" in flagged["€20 billion"].message


def test_a_draft_dated_in_its_front_matter_is_held_to_the_rates_of_its_day() -> None:
    text = (
        "---\ndate: 2025-06-02\n---\n\n"
        "Halvard will spend $50 billion (€34 billion) on data centres."
    )
    report = check([parse_document("draft.md", text)], [], None, as_of=dt.date(2026, 1, 1))
    flagged = _arithmetic(report.drafts[0].findings)
    assert "ECB reference rate of 2025-06-02" in flagged["€34 billion"].message


def test_the_html_report_shows_the_arithmetic_and_the_rate(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", "examples/arithmetic-slips.md",
         "--as-of", "2025-12-01", "--format", "html", "--output", str(out), "--fail-on", "never"],
        capture_output=True, text=True, cwd=Path(__file__).parent.parent, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "ECB reference rate of 2025-06-02: 1 EUR = 1.1419 USD" in page
    assert "The conversion into another currency or unit does not hold" in page


def test_the_same_number_in_another_currency_is_a_slip_unless_the_rate_is_near_one() -> None:
    """ "300 million francs" for "300 million euros" is the currency slip, though the
    rounding of "300" would allow a conversion at the day's rate (1 EUR = 0.94 CHF);
    at parity (1 EUR = 1.0001 USD on 2022-08-22) the same number is the conversion."""
    wire = "---\ndate: {day}\n---\n\nThe state pays Alpenrail 300 million euros."
    draft = parse_document("draft.md", "Alpenrail gets 300 million Swiss francs from the state.")
    source = parse_document("wire.md", wire.format(day="2025-04-02"))
    finding = check([draft], [source], None, as_of=dt.date(2025, 4, 2)).drafts[0].findings[0]
    assert (finding.verdict, finding.diagnosis) == ("discrepancy", "currency")
    draft = parse_document("draft.md", "Alpenrail gets $300 million from the state.")
    source = parse_document("wire.md", wire.format(day="2022-08-22"))
    finding = check([draft], [source], None, as_of=dt.date(2022, 8, 22)).drafts[0].findings[0]
    assert finding.verdict == "consistent"
    assert "ECB reference rate of 2022-08-22: 1 EUR = 1.0001 USD" in finding.message
