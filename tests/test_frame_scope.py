"""Scope tags read from a figure's clause: regions named in one or several words."""

from __future__ import annotations

import pytest

from factcheck.frame.reader import read_frames
from factcheck.sources.documents import parse_document

CASES = [
    ("de", "Nach Firmenangaben kommen in den Vereinigten Staaten rund 4.000 Patienten infrage.",
     "region:US"),
    ("de", "Im Vereinigten Königreich beschäftigt Harlow Tools 1.200 Menschen.", "region:GB"),
    ("de", "In Deutschland beschäftigt Harlow Tools 1.200 Menschen.", "region:DE"),
    ("en", "Harlow Tools employs 1,200 people in the United States.", "region:US"),
    ("en", "Harlow Tools employs 1,200 people in Europe.", "region:EU"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "tag"), CASES)
def test_region_scopes_the_figure(lang: str, text: str, tag: str) -> None:
    doc = parse_document("draft.txt", text, lang=lang)
    (frames,) = read_frames([(doc.text, doc.lang, doc.claims)])
    assert len(frames) == 1
    assert tag in frames[0].scope


def test_no_region_without_a_place() -> None:
    doc = parse_document("draft.txt", "Harlow Tools employs 1,200 people.", lang="en")
    (frames,) = read_frames([(doc.text, doc.lang, doc.claims)])
    assert not any(t.startswith("region:") for t in frames[0].scope)


@pytest.mark.parametrize(
    "text", ["Ardent Foundry4,100²$9 billion", "Bolt sold 2024² units for $9 billion."]
)
def test_a_superscript_digit_is_no_year(text: str) -> None:
    """Found by the long fuzzing run: "100²" passes ``str.isdigit`` but is no number
    ``int`` reads, and reading the years of the figure's clause raised ValueError."""
    doc = parse_document("draft.txt", text, lang="en")
    (frames,) = read_frames([(doc.text, doc.lang, doc.claims)])
    assert all(not frame.years for frame in frames)
