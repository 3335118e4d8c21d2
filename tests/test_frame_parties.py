"""Who a figure is about: the holder of a stake, not the company the stake is in."""

from __future__ import annotations

import pytest

from factcheck.frame.reader import read_frames
from factcheck.sources.documents import parse_document

CASES = [
    ("en", "Kessler Capital has raised its stake in Vallmer to 12.4%.", "Kessler Capital",
     "Vallmer"),
    ("en", "Orrin Partners lifted its holding in Baystone to 8%.", "Orrin Partners", "Baystone"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "subject", "counterparty"), CASES)
def test_a_stake_is_its_holders(lang: str, text: str, subject: str, counterparty: str) -> None:
    doc = parse_document("draft.txt", text, lang=lang)
    (frames,) = read_frames([(doc.text, doc.lang, doc.claims)])
    assert [(f.subject, f.counterparty) for f in frames] == [(subject, counterparty)]
