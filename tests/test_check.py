"""Check verdicts, diagnoses and suggestions, table-driven from tests/cases/*.toml.

check_cases.toml: every verdict and every diagnosis has a case in English and in German,
and drafts are checked against sources in the other language both ways.

frame_cases.toml: figures that are only comparable when the frame is read right (who,
what, where and when a figure is about), in eight classes of difficulty, each with cases
in English and in German.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from factcheck.compare.check import check
from factcheck.models import Finding
from factcheck.sources.documents import parse_document


def _load(file_name: str) -> list[dict[str, Any]]:
    path = Path(__file__).parent / "cases" / file_name
    cases: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["cases"]
    return cases


CASES = _load("check_cases.toml")
FRAME_CASES = _load("frame_cases.toml")
ALL_CASES = [*CASES, *FRAME_CASES]

#: The classes of frame_cases.toml, each a prefix of its cases' names:
#: <class>_<short>_<en|de>.
FRAME_CLASSES = (
    "names",
    "descriptions",
    "parties",
    "scope",
    "time",
    "grouping",
    "multipliers",
    "units",
)


def _findings(case: dict[str, Any]) -> list[Finding]:
    draft = parse_document("draft.txt", case["draft"])
    sources = [
        parse_document(s["name"], f"---\ndate: {s['date']}\n---\n\n{s['text']}")
        for s in case["sources"]
    ]
    as_of = dt.date.fromisoformat(case.get("as_of", "2026-01-01"))
    report = check([draft], sources, None, as_of=as_of)
    return report.drafts[0].findings


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["gap"])] if "gap" in case else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in ALL_CASES])
def test_check_case(case: dict[str, Any]) -> None:
    findings = _findings(case)
    for expect in case["expect"]:
        found = [f for f in findings if f.claim.text == expect["text"]]
        assert found, f"{expect['text']!r} not among {[f.claim.text for f in findings]}"
        finding = found[0]
        assert finding.verdict == expect["verdict"], finding.message
        if "diagnosis" in expect:
            assert finding.diagnosis == expect["diagnosis"], finding.message
        if "suggestion" in expect:
            assert finding.suggestion == expect["suggestion"], finding.message
    for absent in case.get("absent", []):  # words that look like a figure but are none
        texts = [f.claim.text for f in findings]
        assert absent["text"] not in texts, f"{absent['text']!r} read as a figure"


def test_every_verdict_and_diagnosis_has_cases_in_both_languages() -> None:
    wanted_verdicts = {"consistent", "discrepancy", "outdated", "conflicting", "unverified"}
    wanted_diagnoses = {
        "scale", "digits", "percent_vs_points", "currency", "unit", "qualifier",
        "attribution", "superseded",
    }  # fmt: skip
    for lang_suffix in ("_en", "_de"):
        cases = [c for c in CASES if c["name"].endswith(lang_suffix)]
        verdicts = {e["verdict"] for c in cases for e in c["expect"]}
        diagnoses = {e.get("diagnosis") for c in cases for e in c["expect"]}
        assert wanted_verdicts <= verdicts, lang_suffix
        assert wanted_diagnoses <= diagnoses, lang_suffix


def test_case_names_are_unique_across_files() -> None:
    names = [c["name"] for c in ALL_CASES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_frame_class_has_cases_in_both_languages() -> None:
    for case in FRAME_CASES:
        frame_class, _, rest = case["name"].partition("_")
        assert frame_class in FRAME_CLASSES, case["name"]
        assert rest.endswith(("_en", "_de")), case["name"]
    for frame_class in FRAME_CLASSES:
        for lang_suffix in ("_en", "_de"):
            named = [
                c["name"]
                for c in FRAME_CASES
                if c["name"].startswith(frame_class + "_") and c["name"].endswith(lang_suffix)
            ]
            assert named, f"no {frame_class} case ending in {lang_suffix}"


def test_every_draft_claim_gets_exactly_one_finding() -> None:
    for case in ALL_CASES:
        draft = parse_document("draft.txt", case["draft"])
        findings = _findings(case)
        assert [f.claim.id for f in findings] == [c.id for c in draft.claims]


def test_evidence_points_at_a_listed_source() -> None:
    case = next(c for c in CASES if c["name"] == "outdated_en")
    draft = parse_document("draft.txt", case["draft"])
    sources = [
        parse_document(s["name"], f"---\ndate: {s['date']}\n---\n\n{s['text']}")
        for s in case["sources"]
    ]
    report = check([draft], sources, None, as_of=dt.date(2026, 1, 1))
    ids = {s.id for s in report.sources}
    finding = report.drafts[0].findings[0]
    assert finding.evidence
    assert {e.source for e in finding.evidence} <= ids
    assert {e.claim.text for e in finding.evidence} == {"$6.2 billion", "$9.8 billion"}
    assert [s.published for s in report.sources] == [dt.date(2024, 3, 1), dt.date(2025, 5, 20)]
    assert report.summary["outdated"] == 1
    assert sum(report.summary.values()) == 1


def test_ledger_files_are_cited_from_each_runs_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.sources.ledger import load_ledger

    folder = tmp_path / "desk" / "ledger"
    folder.mkdir(parents=True)
    (folder / "a.toml").write_text(
        '[[claims]]\nentity = "Anthropic"\nmetric = "valuation"\nvalue = "$61.5 billion"\n'
        'as_of = 2025-03-03\nsource = "https://example.org/a"\n',
        encoding="utf-8",
    )
    ledger = load_ledger([folder.resolve()], default=False, cache=False)
    draft = parse_document("draft.txt", "Anthropic was valued at $61.5 billion.\n")

    def message() -> str:
        return check([draft], [], ledger, as_of=dt.date(2026, 1, 1)).drafts[0].findings[0].message

    monkeypatch.chdir(tmp_path / "desk")
    assert message() == "Agrees with $61.5 billion in ledger/a.toml:1 (2025-03-03)."
    monkeypatch.chdir(folder)  # the same process, another folder: cited from there
    assert message() == "Agrees with $61.5 billion in a.toml:1 (2025-03-03)."
