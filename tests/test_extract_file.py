"""``extract_file``: the format from the extension, or from the content when the extension
says nothing (a saved web page called ``page.dat``, a file without extension)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import extract
from factcheck.extract.pipeline import extract_file
from factcheck.models import Claim

#: A web page with figures in its markup (a class, a comment, an attribute) that are no
#: claims: read as HTML it has two claims, read as text four.
PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Report</title></head><body>"
    '<p class="w-50">Anthropic raised $13 billion.</p><!-- up 99 % -->'
    '<p data-n="5 %">Revenue rose 12%.</p></body></html>\n'
)


def claims_of(path: Path) -> list[tuple[str, int]]:
    return [(claim.text, claim.start) for claim in extract_file(path, "en").claims]


def texts(claims: list[Claim]) -> list[tuple[str, int]]:
    return [(claim.text, claim.start) for claim in claims]


@pytest.mark.parametrize("name", ["page.dat", "page", "page.html", "PAGE.HTM"])
def test_html_is_read_as_html_by_extension_or_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    assert claims_of(path) == texts(extract(PAGE, "en", fmt="html"))
    assert [text for text, _ in claims_of(path)] == ["$13 billion", "12%"]


def test_a_text_extension_wins_over_the_content(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert claims_of(path) == texts(extract(PAGE, "en"))
    assert len(claims_of(path)) == 4


def test_markdown_with_front_matter_is_recognised_without_extension(tmp_path: Path) -> None:
    text = "---\ntitle: Bericht\n---\n\n# Umsatz\n\nDer Umsatz stieg um 12 Prozent.\n"
    path = tmp_path / "bericht"
    path.write_text(text, encoding="utf-8")
    found = extract_file(path)
    assert found.lang == "de"
    assert texts(list(found.claims)) == texts(extract(text, "de", fmt="markdown"))


@pytest.mark.parametrize("name", ["notes.dat", "notes"])
def test_plain_text_with_an_unknown_extension_stays_plain_text(tmp_path: Path, name: str) -> None:
    paragraph = "Northgate Systems will invest $5 billion by 2027, up 12% from a year earlier."
    text = "\n\n".join(f"{paragraph} It employs {n:,} people." for n in range(1000, 41000, 1000))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    whole = extract(text, "en")
    assert [c.model_dump() for c in extract_file(path, "en").claims] == [
        c.model_dump() for c in whole
    ]
    assert len(whole) == 3 * 40


@pytest.mark.parametrize(
    ("markup", "value", "unit"),
    [
        # bug: a character reference left a gap the size of the reference between the
        # number and its scale or currency ("$40&nbsp;billion" was $40)
        ("<p>Dorrit Labs is valued at $40&nbsp;billion.</p>", 40e9, "USD"),
        ("<p>Dorrit Labs raised &#36;2&nbsp;billion.</p>", 2e9, "USD"),
        ("<p>Its revenue reached &euro;300 million.</p>", 300e6, "EUR"),
        ("<p>Der Umsatz stieg um 12&#8239;%.</p>", 12, "%"),
        ("<p>Es entstehen 2.400&nbsp;Arbeitsplätze in Jena.</p>", 2400, "count"),
    ],
)
def test_character_references_keep_a_figure_whole(markup: str, value: float, unit: str) -> None:
    claim = extract(markup, fmt="html")[0]
    assert (claim.value, claim.unit) == (value, unit)
    assert claim.text == markup[claim.start : claim.end]


def test_a_figure_ending_in_a_character_reference_takes_all_of_it() -> None:
    markup = "<p>Der Bund gibt 5&nbsp;Mrd.&nbsp;&euro; dazu.</p>"
    (claim,) = extract(markup, "de", fmt="html")
    assert (claim.text, claim.value, claim.unit) == ("5&nbsp;Mrd.&nbsp;&euro;", 5e9, "EUR")
