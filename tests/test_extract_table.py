"""The extractor against a table of hand-written sentences, one test per sentence.

The cases live in ``tests/cases/extract_<lang>.toml`` so that adding one is a data change.
Each case lists, in document order, every claim the sentence makes (or none); a test
passes when ``extract`` finds exactly those claims, with the same text, value, unit,
qualifier and range end. A known gap is kept as ``xfail = "reason"`` and runs as a strict
xfail, so that the day it is fixed the suite says so.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from pathlib import Path
from typing import Self

import pytest
from pydantic import BaseModel, ConfigDict, model_validator

from factcheck import extract
from factcheck.models import Claim, Qualifier

CASES_DIR = Path(__file__).parent / "cases"
LANGS = ("en", "de")

#: Groups every language has; each language adds its own traps.
COMMON_GROUPS = frozenset(
    {
        "money",
        "percent",
        "points",
        "counts",
        "physical",
        "multipliers",
        "qualifiers",
        "ranges",
        "spelled_out",
        "composite",
        "world_currencies",
        "characters",
        "not_claims",
        "elliptic",
        "bugs",
    }
)
GROUPS = {
    "en": COMMON_GROUPS | {"english_traps"},
    "de": COMMON_GROUPS | {"german_traps"},
}

REL_TOL = 1e-9
#: Acres and square feet convert to m2 through long factors; the table may round them.
AREA_REL_TOL = 2e-3

MIN_CASES = 320


class ExpectedClaim(BaseModel):
    """One claim as a case expects it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    value: float
    unit: str
    qualifier: Qualifier
    value_high: float | None = None
    noun: str | None = None
    low: float | None = None
    high: float | None = None
    open_low: bool = False
    open_high: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if (self.qualifier == "range") != (self.value_high is not None):
            raise ValueError("value_high is given exactly when the qualifier is 'range'")
        if self.open_low and self.low is not None:
            raise ValueError("open_low and low contradict each other")
        if self.open_high and self.high is not None:
            raise ValueError("open_high and high contradict each other")
        return self


class Case(BaseModel):
    """One sentence and everything it claims."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    group: str
    text: str
    claims: list[ExpectedClaim]
    xfail: str | None = None


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    case: list[Case]


def load_cases(lang: str) -> list[tuple[str, Case]]:
    """Read one language's cases, each with its test id (``en-money-003``).

    A typo in the file (an unknown key or group, a duplicate sentence) fails loudly here
    rather than silently dropping a case.
    """
    path = CASES_DIR / f"extract_{lang}.toml"
    with path.open("rb") as f:
        cases = CaseFile.model_validate(tomllib.load(f)).case
    seen: set[str] = set()
    numbered: Counter[str] = Counter()
    out: list[tuple[str, Case]] = []
    for case in cases:
        if case.group not in GROUPS[lang]:
            raise ValueError(f"{path.name}: unknown group {case.group!r} for {case.text!r}")
        if case.text in seen:
            raise ValueError(f"{path.name}: duplicate case {case.text!r}")
        seen.add(case.text)
        numbered[case.group] += 1
        out.append((f"{lang}-{case.group}-{numbered[case.group]:03d}", case))
    return out


CASES = {lang: load_cases(lang) for lang in LANGS}


def load_known_gaps() -> dict[str, str]:
    """Case text -> reason, for the gaps of ``known_gaps.toml`` (run as strict xfails)."""
    with (CASES_DIR / "known_gaps.toml").open("rb") as f:
        return {str(g["text"]): str(g["reason"]) for g in tomllib.load(f).get("gap", [])}


KNOWN_GAPS = load_known_gaps()


def _params() -> list[object]:
    params: list[object] = []
    for lang, cases in CASES.items():
        for case_id, case in cases:
            reason = case.xfail or KNOWN_GAPS.get(case.text)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(lang, case, id=case_id, marks=marks))
    return params


def _close(expected: float | None, got: float | None, rel_tol: float) -> bool:
    if expected is None or got is None:
        return expected is got
    return math.isclose(expected, got, rel_tol=rel_tol)


def _matches(expected: ExpectedClaim, got: Claim) -> bool:
    tol = AREA_REL_TOL if expected.unit == "m2" else REL_TOL
    return (
        expected.text == got.text
        and expected.unit == got.unit
        and expected.qualifier == got.qualifier
        and _close(expected.value, got.value, tol)
        and _close(expected.value_high, got.value_high, tol)
        and (expected.noun is None or expected.noun == got.noun)
        and (expected.low is None or _close(expected.low, got.low, tol))
        and (expected.high is None or _close(expected.high, got.high, tol))
        and (not expected.open_low or got.low is None)
        and (not expected.open_high or got.high is None)
    )


def _show_expected(claim: ExpectedClaim) -> str:
    parts = [repr(claim.text), f"{claim.value:g}", claim.unit, claim.qualifier]
    if claim.value_high is not None:
        parts.append(f"high end {claim.value_high:g}")
    if claim.noun is not None:
        parts.append(f"noun {claim.noun!r}")
    if claim.open_low:
        parts.append("low open")
    if claim.open_high:
        parts.append("high open")
    return "(" + ", ".join(parts) + ")"


def _show_got(claim: Claim) -> str:
    parts = [repr(claim.text), f"{claim.value:g}", claim.unit, claim.qualifier]
    if claim.value_high is not None:
        parts.append(f"high end {claim.value_high:g}")
    if claim.noun is not None:
        parts.append(f"noun {claim.noun!r}")
    parts.append(f"low {claim.low:g}" if claim.low is not None else "low open")
    parts.append(f"high {claim.high:g}" if claim.high is not None else "high open")
    return "(" + ", ".join(parts) + ")"


@pytest.mark.parametrize(("lang", "case"), _params())
def test_extract(lang: str, case: Case) -> None:
    claims = sorted(extract(case.text, lang=lang), key=lambda c: (c.start, c.end))
    for claim in claims:
        assert claim.text == case.text[claim.start : claim.end], claim
    ok = len(claims) == len(case.claims) and all(
        _matches(want, got) for want, got in zip(case.claims, claims, strict=True)
    )
    if not ok:
        want_lines = "\n  ".join(map(_show_expected, case.claims)) or "nothing"
        got_lines = "\n  ".join(map(_show_got, claims)) or "nothing"
        pytest.fail(f"{case.text!r}\nexpected:\n  {want_lines}\ngot:\n  {got_lines}", pytrace=False)


# The table itself: counts, and every expected text standing in its sentence in order.


def test_table_is_big_enough() -> None:
    total = sum(len(cases) for cases in CASES.values())
    assert total >= MIN_CASES
    for lang, cases in CASES.items():
        present = {case.group for _, case in cases}
        assert GROUPS[lang] - {"bugs"} <= present, f"{lang}: groups without cases"


@pytest.mark.parametrize("lang", LANGS)
def test_expected_texts_stand_in_order(lang: str) -> None:
    wrong: list[str] = []
    for case_id, case in CASES[lang]:
        position = 0
        for claim in case.claims:
            found = case.text.find(claim.text, position)
            if found < 0:
                wrong.append(f"{case_id}: {claim.text!r} not found (in order) in {case.text!r}")
                break
            position = found + len(claim.text)
    assert not wrong, "\n".join(wrong)
