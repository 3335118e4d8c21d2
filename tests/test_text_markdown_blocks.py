"""Markdown read with a CommonMark parser: soft line breaks, code, front matter.

Hard-wrapped paragraphs are one run of text; code blocks and code spans are no prose;
offsets stay those of the file, whatever the line endings and containers.
"""

from __future__ import annotations

import pytest

from factcheck.extract.pipeline import extract
from factcheck.text import frontmatter, markup
from factcheck.text._markdown import scan
from factcheck.text.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    shown = markup.parse(text, "markdown").view
    return [" ".join(shown[s:e].split()) for s, e in sentence_spans(shown, {"Mrd."})]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param(
            "Der Umsatz der Brennwald GmbH stieg auf 6,8 Milliarden\nEuro. Danach fiel er.",
            ["Der Umsatz der Brennwald GmbH stieg auf 6,8 Milliarden Euro.", "Danach fiel er."],
            id="a German noun after a wrap goes on",
        ),
        pytest.param(
            "Brennwald sold its stake in\nOstara Mining for $1.2 billion.",
            ["Brennwald sold its stake in Ostara Mining for $1.2 billion."],
            id="a name after a wrap goes on",
        ),
        pytest.param(
            "Zeile eins  \nZeile zwei",
            ["Zeile eins", "Zeile zwei"],
            id="two spaces: a hard break",
        ),
        pytest.param(
            "Zeile eins\\\nZeile zwei",
            ["Zeile eins\\", "Zeile zwei"],
            id="a backslash: a hard break",
        ),
        pytest.param(
            "- Umsatz: 5 Mrd.\n  Euro im Jahr\n- Gewinn: 1 Mrd.",
            ["Umsatz: 5 Mrd. Euro im Jahr", "Gewinn: 1 Mrd."],
            id="list items wrap, and end",
        ),
        pytest.param(
            "> Die Anlage kostet\n> Brennwald 40 Millionen.",
            ["Die Anlage kostet Brennwald 40 Millionen."],
            id="a quote wraps",
        ),
        pytest.param(
            "# Titel\nDer Text beginnt.",
            ["Titel", "Der Text beginnt."],
            id="a heading is a line of its own",
        ),
        pytest.param(
            "Erster Absatz\n\nZweiter Absatz",
            ["Erster Absatz", "Zweiter Absatz"],
            id="a blank line ends a paragraph",
        ),
    ],
)
def test_sentences_of_wrapped_markdown(markdown: str, expected: list[str]) -> None:
    assert sentences(markdown) == expected


@pytest.mark.parametrize(
    ("markdown", "code"),
    [
        pytest.param("Text `5 %` und mehr", ["`5 %`"], id="a code span"),
        pytest.param("Text ``a ` 7`` und `8\n9` Ende", ["``a ` 7``", "`8\n9`"], id="long spans"),
        pytest.param("```\nx = 5 %\n```\nText", ["```\nx = 5 %\n```"], id="a fence"),
        pytest.param("~~~ toml\nrate = 0.07\n~~~", ["~~~ toml\nrate = 0.07\n~~~"], id="tildes"),
        pytest.param("Text\n\n    budget = 300\n", ["    budget = 300"], id="indented code"),
        pytest.param("```\nnever closed 5 %\n", ["```\nnever closed 5 %"], id="an open fence"),
        pytest.param("- item `3 %`\n  more `4 %`", ["`3 %`", "`4 %`"], id="in a list"),
        pytest.param("> zitat `3 %`\n> mehr `4 %`", ["`3 %`", "`4 %`"], id="in a quote"),
        pytest.param("| a | `5` |\n|---|---|\n| `6` | 6 |", ["`5`", "`6`"], id="in a table"),
        pytest.param("## Kopf `9 %` ##", ["`9 %`"], id="in a heading"),
        pytest.param("Ein ` allein und 5 %", [], id="a lone backtick is text"),
        pytest.param("Text\r\nmit `5 %`\r\n", ["`5 %`"], id="CRLF"),
    ],
)
def test_code_is_found_where_it_is(markdown: str, code: list[str]) -> None:
    assert [markdown[s:e] for s, e in scan(markdown).code] == code


def test_front_matter_is_no_markdown() -> None:
    text = "---\ntitle: `5 %`\n---\n\nText `6 %`\n"
    body = frontmatter.read(text).end
    assert [text[s:e] for s, e in scan(text, body).code] == ["`6 %`"]


def test_crlf_breaks_are_soft_whole() -> None:
    text = "Eins\r\nzwei\r\n\r\ndrei"
    assert [text[s:e] for s, e in scan(text).soft_breaks] == ["\r\n"]
    assert markup.parse(text, "markdown").view == "Eins  zwei\r\n\r\ndrei"


@pytest.mark.parametrize(
    ("markdown", "figures"),
    [
        pytest.param(
            "Die Brennwald GmbH setzt 6,8 Milliarden\nUS-Dollar um.",
            ["6,8 Milliarden\nUS-Dollar"],
            id="a figure across a wrap",
        ),
        pytest.param("Der Wert `5 %` ist ein Beispiel, 7 % nicht.", ["7 %"], id="a code span"),
        pytest.param("```text\nMarge: 12 %\n```\n\nMarge: 14 %", ["14 %"], id="a fence"),
        pytest.param("<!-- 3 % -->\n\n`<b>4 %</b>` und 5 %", ["5 %"], id="tags in code"),
    ],
)
def test_figures_of_markdown(markdown: str, figures: list[str]) -> None:
    claims = extract(markdown, "de", fmt="markdown")
    assert [c.text for c in claims] == figures
    for claim in claims:  # offsets into the file, exactly
        assert markdown[claim.start : claim.end] == claim.text


def test_a_wrapped_figure_keeps_its_line_and_column() -> None:
    text = "---\nlang: de\n---\n\nDie Brennwald GmbH setzt 6,8\nMilliarden Euro um.\n"
    (claim,) = extract(text, fmt="markdown")
    assert (claim.line, claim.column, claim.value, claim.unit) == (5, 26, 6.8e9, "EUR")
    assert claim.sentence == "Die Brennwald GmbH setzt 6,8 Milliarden Euro um."


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        pytest.param("lang: de", {"lang": "de"}, id="scalar"),
        pytest.param("Lang: 'de-CH'  # Schweiz", {"lang": "de-CH"}, id="quoted, commented"),
        pytest.param("sources: [a.md, 'b, c.md']", {"sources": ["a.md", "b, c.md"]}, id="flow"),
        pytest.param("sources:\n  - a/\n  - 'https://x.example/b'",
                     {"sources": ["a/", "https://x.example/b"]}, id="block"),
        pytest.param("sources: []", {"sources": []}, id="empty list"),
        pytest.param("sources:", {"sources": []}, id="nothing"),
        pytest.param("title: Q1: up 5 %", {"title": "Q1: up 5 %"}, id="a colon in a value"),
        pytest.param("meta:\n  nested: 1\nlang: en", {"meta": [], "lang": "en"},
                     id="nested map passed over"),
    ],
)  # fmt: skip
def test_front_matter_fields(header: str, fields: dict[str, object]) -> None:
    assert frontmatter.read(f"---\n{header}\n---\nText\n").fields == fields


def test_front_matter_strings_of_a_scalar_and_an_absent_key() -> None:
    found = frontmatter.read("---\nsources: quellen/\n---\n")
    assert found.strings("sources") == ["quellen/"]
    assert found.strings("lang") is None


@pytest.mark.parametrize(
    ("text", "fmt", "declared"),
    [
        pytest.param("---\nlang: de\n---\nText", "markdown", "de", id="front matter lang"),
        pytest.param("---\nlanguage: en-GB\n---\nText", "markdown", "en-GB", id="language"),
        pytest.param('<html lang="de-AT"><p>Text</p>', "html", "de-AT", id="html lang"),
        pytest.param(
            '<html><head><meta http-equiv="Content-Language" content="de, en"></head>x</html>',
            "html",
            "de",
            id="content-language",
        ),
        pytest.param("<html><p>Text</p>", "html", None, id="none"),
    ],
)
def test_declared_language(text: str, fmt: str, declared: str | None) -> None:
    assert markup.parse(text, fmt).lang == declared
