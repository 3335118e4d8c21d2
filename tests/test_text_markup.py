"""Markup masked in place: the view keeps every visible character at its offset.

Grouped as: format detection; HTML masking; character references; Markdown masking;
metadata (titles, dates, links) of small realistic documents in English and German;
malformed and hostile input; properties over arbitrary text (hypothesis).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.markup import Document, Link, detect_format, parse, parse_date
from factcheck.text.sentences import fold, sentence_spans


def visible(text: str, shown: str, word: str) -> bool:
    """Whether some occurrence of ``word`` in ``text`` is shown at the same offsets."""
    at = text.find(word)
    while at >= 0:
        if shown[at : at + len(word)] == word:
            return True
        at = text.find(word, at + 1)
    return False


def sentences(shown: str) -> list[str]:
    return [fold(shown[s:e]) for s, e in sentence_spans(shown, {"Mrd.", "Mio.", "Dr."})]


# --------------------------------------------------------------------- format detection


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("bericht.html", "", "html"),
        ("BERICHT.HTM", "", "html"),
        ("notes.md", "", "markdown"),
        ("notes.markdown", "<!doctype html>", "markdown"),  # the extension decides
        ("draft.txt", "<html><body>", "text"),
        ("-", "<!DOCTYPE html>\n<html>", "html"),
        ("-", "\n  <html lang='de'>", "html"),
        ("feed.xyz", "---\ndate: 2025-06-02\n---\nText", "markdown"),
        ("-", "Revenue <b>grew</b> 5 %.", "text"),
        ("README", "", "text"),
    ],
)
def test_detect_format(name: str, text: str, fmt: str) -> None:
    assert detect_format(name, text) == fmt


# ---------------------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    ("html", "shown", "hidden"),
    [
        pytest.param(
            "<p>Umsatz: <b>5 Mrd.</b> Euro</p>",
            ["Umsatz:", "5 Mrd.", "Euro"],
            ["<b>", "p>"],
            id="inline tags",
        ),
        pytest.param(
            "<p>Text</p><script>var revenue = 500;</script><p>More</p>",
            ["Text", "More"],
            ["500", "revenue"],
            id="script",
        ),
        pytest.param(
            "<style>.x { width: 250px }</style><div>Body 7</div>",
            ["Body 7"],
            ["250"],
            id="style",
        ),
        pytest.param(
            "<head><title>T 1</title><meta name='x' content='99'></head><body>Hi 2</body>",
            ["Hi 2"],
            ["T 1", "99"],
            id="head",
        ),
        pytest.param(
            "<noscript><p>Enable JS: 404</p></noscript>Shown 3",
            ["Shown 3"],
            ["404"],
            id="noscript",
        ),
        pytest.param(
            "<template><p>Row 17</p></template>Shown 4", ["Shown 4"], ["17"], id="template"
        ),
        pytest.param(
            "<svg viewBox='0 0 24 24'><text>88</text><path d='M1 2'/></svg>Shown 5",
            ["Shown 5"],
            ["88", "24", "M1"],
            id="svg",
        ),
        pytest.param(
            "Vorher <!-- 5 Mrd. Euro, intern --> nachher",
            ["Vorher", "nachher"],
            ["5 Mrd."],
            id="comment",
        ),
        pytest.param(
            '<a href="https://example.com/2025/report?id=7" title="Report 2025">Bericht</a>',
            ["Bericht"],
            ["2025", "id=7"],
            id="link destination and title",
        ),
        pytest.param(
            '<img src="chart-2024.png" alt="Chart 99"> after',
            ["after"],
            ["2024", "Chart 99"],
            id="image",
        ),
        pytest.param(
            "<p data-x='a > b'>Quoted 6</p>",
            ["Quoted 6"],
            ["a > b"],
            id="'>' inside a quoted attribute",
        ),
        pytest.param(
            "<?xml version='1.0'?><!DOCTYPE html><![CDATA[ 12 ]]><p>Shown 8</p>",
            ["Shown 8"],
            ["1.0", "12"],
            id="declarations",
        ),
        pytest.param(
            "<html><head><meta charset=utf-8><title>x</title><p>No body tag 9</p>",
            ["No body tag 9"],
            ["x"],
            id="head closed by content",
        ),
        pytest.param(
            "<head><title>Titel</title></head>\nErster Satz ohne body.",
            ["Erster Satz ohne body."],
            ["Titel"],
            id="head closed by text",
        ),
    ],
)
def test_html_masking(html: str, shown: list[str], hidden: list[str]) -> None:
    result = parse(html, "html").view
    assert len(result) == len(html)
    for word in shown:
        assert visible(html, result, word), word
    for word in hidden:
        assert word not in result, word


def test_block_tags_break_sentences_and_inline_tags_do_not() -> None:
    html = (
        "<h1>Quarterly results</h1><p>Revenue rose to <em>$5bn</em>"
        "</p><ul><li>Margin: 14 %</li><li>Staff: 1,150</li></ul><table><tr><td>Revenue"
        "</td><td>$5bn</td></tr></table>Line one<br>Line two"
    )
    result = parse(html, "html").view
    assert sentences(result) == [
        "Quarterly results",
        "Revenue rose to $5bn",
        "Margin: 14 %",
        "Staff: 1,150",
        "Revenue",
        "$5bn",
        "Line one",
        "Line two",
    ]
    assert result[html.index("</h1>")] == "\n"
    assert result[html.index("<br>")] == "\n"


def test_wrapped_html_source_lines_do_not_break_sentences() -> None:
    html = "<p>Northwind closed a\n$240 million round,\nlifting its valuation.</p>"
    assert sentences(parse(html, "html").view) == [
        "Northwind closed a $240 million round, lifting its valuation."
    ]


def test_pre_keeps_its_line_breaks() -> None:
    html = "<pre>Revenue 5\nProfit 2</pre>"
    result = parse(html, "html").view
    assert result[html.index("\n")] == "\n"
    assert sentences(result) == ["Revenue 5", "Profit 2"]


def test_masking_keeps_the_newlines_inside_a_masked_region() -> None:
    text = "Eins<!-- a\nb\n\nc -->Zwei"
    # Both show a single newline inside a paragraph as a space, and keep a blank line
    assert parse(text, "markdown").view == "Eins        \n\n     Zwei"
    assert parse(text, "html").view == "Eins        \n\n     Zwei"


# ------------------------------------------------------------------- character references


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("&euro;50", "€     50"),
        ("&#8364;50", "€      50"),
        ("&#x20AC;50", "€       50"),
        ("Tom &amp; Jerry", "Tom &     Jerry"),
        ("5&nbsp;Mrd.", "5      Mrd."),
        ("&lt;5 %", "<   5 %"),
        ("&auml;&szlig;", "ä     ß      "),
        ("&#128;", "€     "),  # the windows-1252 reading the HTML standard prescribes
        ("AT&T and &bogus; stay", "AT&T and &bogus; stay"),
        ("&amp", "&   "),
        ("&#0;", "\ufffd   "),
    ],
)
def test_character_references(html: str, expected: str) -> None:
    assert parse(html, "html").view == expected


def test_references_inside_links_and_markdown() -> None:
    assert parse("[5&nbsp;%](u)", "markdown").view == " 5      %    "


# ------------------------------------------------------------------------- Markdown


MARKDOWN = """---
title: "Northwind raises $240 million"
date: 2025-06-02
---

# Northwind *raises* $240 million

Northwind Robotics closed a **$240 million** Series C, led by
[Harbor Lane](https://harbor.example/funds/2024 "Fund 2024"), see ![chart 5](img/c-77.png).
Details: <https://northwind.example/press/2025-06-02> and `v2` of the __plan__.

> Quote from the CEO: 1,150 staff.

- Revenue: $180m
* Growth: 45 %
1. first
2) second

<!-- hidden 31337 --><span class="note">Note 3</span>
Read [the filing][sec] or [sec].

[sec]: https://sec.example/filing/555 "SEC 555"
"""


@pytest.mark.parametrize(
    "word",
    [
        "Northwind",
        "raises",
        "$240 million",
        "Harbor Lane",
        "chart 5",
        "plan",
        "Quote from the CEO: 1,150 staff.",
        "Revenue: $180m",
        "Growth: 45 %",
        "first",
        "second",
        "Note 3",
        "the filing",
    ],
)
def test_markdown_keeps_text_in_place(word: str) -> None:
    assert visible(MARKDOWN, parse(MARKDOWN, "markdown").view, word)


@pytest.mark.parametrize(
    "markup",
    [
        "title:",
        "date: 2025-06-02",
        "# ",
        "**",
        "harbor.example",
        "Fund 2024",
        "c-77.png",
        "northwind.example",
        "`",
        "v2",  # code, not prose
        "__",
        "> ",
        "- Revenue",
        "* Growth",
        "1.",
        "2)",
        "31337",
        "<span",
        "sec.example",
        "SEC 555",
        "[",
        "](",
    ],
)
def test_markdown_masks_markup(markup: str) -> None:
    assert markup not in parse(MARKDOWN, "markdown").view


def test_markdown_sentences_follow_blocks() -> None:
    result = parse(MARKDOWN, "markdown").view
    found = sentences(result)
    assert "Northwind raises $240 million" in found
    assert "Revenue: $180m" in found
    assert "Growth: 45 %" in found
    assert "first" in found
    assert "second" in found


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        pytest.param("2 * 3 = 6", "2 * 3 = 6", id="a lone star is text"),
        pytest.param("snake_case_name", "snake_case_name", id="underscores inside a word"),
        pytest.param("~5 %", "~5 %", id="a tilde means about"),
        pytest.param("~~old~~ new", "  old   new", id="strikethrough"),
        pytest.param(r"\*not emphasis\*", " *not emphasis *", id="escapes"),
        pytest.param("[1] and [sic]", "[1] and [sic]", id="brackets without a definition"),
        pytest.param("Am\n3. März", "Am 3. März", id="a wrapped date is no list item"),
        pytest.param("x < 5 and y > 3", "x < 5 and y > 3", id="comparisons are no tags"),
        pytest.param("1. eins\n2. zwei", "\n  eins\n\n  zwei", id="ordered list"),
        pytest.param("## Umsatz ##", "\n  Umsatz   ", id="closing hashes"),
        pytest.param("Umsatz\n======", "Umsatz\n      ", id="setext underline"),
        pytest.param("```python\nx = 5\n```", "         \n     \n   ", id="code fence"),
    ],
)
def test_markdown_details(markdown: str, expected: str) -> None:
    assert parse(markdown, "markdown").view == expected


def test_markdown_front_matter_needs_a_key() -> None:
    text = "---\nJust a rule above and below.\n---\n"
    assert parse(text, "markdown").published is None
    assert "Just a rule" in parse(text, "markdown").view


# ---------------------------------------------------------------------------- metadata

ENGLISH_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Northwind closes $240m round | Example News</title>
  <meta property="og:title" content="Northwind closes $240 million Series C">
  <meta property="article:published_time" content="2025-06-02T09:30:00-04:00">
  <script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2025-05-30"}
  </script>
</head>
<body>
  <article>
    <h1>Northwind closes $240 million Series C</h1>
    <p>By <a href="/authors/jane">Jane Roe</a>, <time datetime="2025-06-01">June 1</time></p>
    <p>The round values the company at $2.1 billion, according to
       <a href="https://filings.example/nw?doc=1&amp;page=2"><strong>a filing</strong></a>.</p>
  </article>
</body>
</html>
"""

GERMAN_PAGE = """<html><head>
<meta name="dc.date" content="2025-03-14">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Beispiel"},
  {"@type": "NewsArticle", "headline": "Chipfabrik", "datePublished": "2025-03-13T06:00:00+01:00"}
]}
</script>
<title>Chipfabrik in Dresden: Bund gibt 5 Mrd. &euro;</title>
</head>
<body><p>Der Bund fördert das Werk mit 5 Mrd. &euro;, meldet
<a href='https://bund.example/pm/42'>das Ministerium</a>.</p>
<p>Die F&ouml;rderung ist genehmigt.</p></body></html>
"""


def test_english_page_metadata() -> None:
    doc = parse(ENGLISH_PAGE, "html")
    assert doc.title == "Northwind closes $240 million Series C"
    assert doc.published == dt.date(2025, 6, 2)
    assert [(link.url, ENGLISH_PAGE[link.start : link.end]) for link in doc.links] == [
        ("/authors/jane", "Jane Roe"),
        ("https://filings.example/nw?doc=1&page=2", "a filing"),
    ]
    assert "2025-05-30" not in doc.view  # JSON-LD is masked
    assert visible(ENGLISH_PAGE, doc.view, "The round values the company at $2.1 billion")


def test_german_page_metadata() -> None:
    doc = parse(GERMAN_PAGE, "html")
    assert doc.title == "Chipfabrik in Dresden: Bund gibt 5 Mrd. €"
    assert doc.published == dt.date(2025, 3, 14)  # <meta name="dc.date"> before JSON-LD
    assert [link.url for link in doc.links] == ["https://bund.example/pm/42"]
    assert GERMAN_PAGE[doc.links[0].start : doc.links[0].end] == "das Ministerium"
    assert sentences(doc.view) == [
        "Der Bund fördert das Werk mit 5 Mrd. € , meldet das Ministerium .",
        # a reference inside a word leaves a gap: the price of keeping offsets
        "Die Fö rderung ist genehmigt.",
    ]


@pytest.mark.parametrize(
    ("document", "fmt", "published"),
    [
        pytest.param(
            "---\ndate: '2025-06-02 10:00'\n---\nText",
            "markdown",
            dt.date(2025, 6, 2),
            id="front matter, quoted with a time",
        ),
        pytest.param(
            '<meta name="date" content="2024-12-31"><time datetime="2025-01-05">x</time>',
            "html",
            dt.date(2024, 12, 31),
            id="meta date before <time>",
        ),
        pytest.param(
            '<meta name="pubdate" content="20250102">',
            "html",
            dt.date(2025, 1, 2),
            id="pubdate, compact",
        ),
        pytest.param(
            '<meta name="publish-date" content="02.01.2025">',
            "html",
            dt.date(2025, 1, 2),
            id="publish-date, German",
        ),
        pytest.param(
            '<time datetime="2025-01-05">5. Jan.</time><time datetime="2025-02-01">x</time>',
            "html",
            dt.date(2025, 1, 5),
            id="first <time>",
        ),
        pytest.param(
            '<script type="application/ld+json">[{"@type": "Thing"}, '
            '{"datePublished": "2025-04-01"}]</script><time datetime="2025-05-01"></time>',
            "html",
            dt.date(2025, 4, 1),
            id="JSON-LD list before <time>",
        ),
        pytest.param(
            '<script type="application/ld+json">{broken json</script><time datetime="2025-05-01">',
            "html",
            dt.date(2025, 5, 1),
            id="broken JSON-LD is skipped",
        ),
        pytest.param(
            '<meta property="article:published_time" content="soon">',
            "html",
            None,
            id="unparsable",
        ),
        pytest.param("No metadata at all.", "html", None, id="none"),
        pytest.param("---\ndate: 2025-06-02\n---\nText", "text", None, id="plain text"),
    ],
)
def test_publication_date(document: str, fmt: str, published: dt.date | None) -> None:
    assert parse(document, fmt).published == published


@pytest.mark.parametrize(
    ("document", "fmt", "title"),
    [
        ("---\ntitle: Front\n---\n# Heading\n", "markdown", "Front"),
        ("Intro\n\n## Second level\n\n# **Bold** heading #\n", "markdown", "Bold heading"),
        ("<title> Page\n title </title><meta property='og:title' content='OG'>", "html", "OG"),
        ("<title>Tom &amp; Jerry</title>", "html", "Tom & Jerry"),
        ("<svg><title>icon</title></svg><p>x</p>", "html", None),
        ("No title here.", "markdown", None),
    ],
)
def test_title(document: str, fmt: str, title: str | None) -> None:
    assert parse(document, fmt).title == title


def test_markdown_links_in_document_order() -> None:
    doc = parse(MARKDOWN, "markdown")
    assert [(link.url, MARKDOWN[link.start : link.end]) for link in doc.links] == [
        ("https://harbor.example/funds/2024", "Harbor Lane"),
        (
            "https://northwind.example/press/2025-06-02",
            "https://northwind.example/press/2025-06-02",
        ),
        ("https://sec.example/filing/555", "the filing"),
        ("https://sec.example/filing/555", "sec"),
    ]


@pytest.mark.parametrize(
    ("markdown", "links"),
    [
        ("[a](<https://x.example/a b>)", [("https://x.example/a b", "a")]),
        ("[a](https://x.example/(1)) b", [("https://x.example/(1)", "a")]),
        ("[![logo](l.png)](https://x.example)", [("https://x.example", "logo")]),
        (
            "[Ref] [ref]\n\n[REF]: https://r.example",
            [("https://r.example", "Ref"), ("https://r.example", "ref")],
        ),
        ("<!-- [a](https://hidden.example) -->", []),
        (r"\[a](https://x.example)", []),
        (
            '<a href="https://html.example">inline html</a>',
            [("https://html.example", "inline html")],
        ),
        ("<mail@example.com>", [("mail@example.com", "mail@example.com")]),
    ],
)
def test_markdown_link_forms(markdown: str, links: list[tuple[str, str]]) -> None:
    doc = parse(markdown, "markdown")
    assert [(link.url, markdown[link.start : link.end]) for link in doc.links] == links


def test_document_is_frozen() -> None:
    doc = parse("<p>x</p>", "html")
    assert isinstance(doc, Document)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "changed"  # type: ignore[misc]
    assert Link("u", 1, 2) == Link("u", 1, 2)


def test_text_is_its_own_view() -> None:
    text = "<b>not markup</b> in plain text &amp; stays"
    doc = parse(text, "text")
    assert doc.view == text
    assert (doc.title, doc.published, doc.links) == (None, None, ())


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        parse("x", "pdf")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-02", dt.date(2025, 6, 2)),
        ("2025-06-02T23:59:59Z", dt.date(2025, 6, 2)),
        ("  2025/6/2", dt.date(2025, 6, 2)),
        ("2.6.2025", dt.date(2025, 6, 2)),
        ("20250602", dt.date(2025, 6, 2)),
        ("2025-13-01", None),
        ("2025-06-021", None),
        ("2025-06/02", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


# ------------------------------------------------------------------ malformed and hostile


@pytest.mark.parametrize(
    "html",
    [
        "<",
        "</",
        "<a",
        "<a href=",
        '<a href="unclosed',
        "<p <p <p>",
        "<!--",
        "<!-- -- --!>",
        "<!>",
        "<?",
        "<![CDATA[",
        "<script>",
        "<script>alert(1)</scr",
        "</script>",
        "<svg><svg></svg>",
        "</head></svg></template>",
        "<head>",
        "<title>",
        "&",
        "&#",
        "&#x;",
        "&#99999999999;",
        "&#xD800;",
        "<a href='x'>open link",
        "<table><tr><td>1<td>2",
        "<<<>>>&&&;;;",
        "<meta content>",
        "<time datetime>",
        '<script type="application/ld+json">' + "[" * 5000 + "</script>",
        "\x00\ufeff\u2028",
    ],
)
@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_malformed_markup_does_not_crash(html: str, fmt: str) -> None:
    doc = parse(html, fmt)
    assert len(doc.view) == len(html)
    for link in doc.links:
        assert 0 <= link.start < link.end <= len(html)


def test_unclosed_comment_hides_the_rest() -> None:
    html = "Shown 1 <!-- never closed <p>Hidden 2</p>"
    result = parse(html, "html").view
    assert visible(html, result, "Shown 1")
    assert result[html.index("<!--") :].strip() == ""


def test_unclosed_tag_hides_the_rest() -> None:
    html = 'Shown <a title="never closed>Hidden'
    assert parse(html, "html").view.strip() == "Shown"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_two_megabytes_of_hostile_markup(fmt: str) -> None:
    # Quadratic scanning would take minutes here; linear takes well under a second.
    hostile = "<" * 1_000_000 + "<!-- unclosed " + "<!--<a <b x='" * 70_000 + "end"
    result = parse(hostile, fmt).view
    assert len(result) == len(hostile)
    assert result[1_000_000:].strip() == ""
    assert result[:1_000_000] == "<" * 1_000_000


HOSTILE = {
    "unclosed tags": "<a " * 100_000,
    "unclosed declarations": "<!" * 100_000,
    "unclosed instructions": "<?" * 100_000,
    "unclosed link destinations": "[a](" * 50_000,
    "unclosed link titles": '[a](b "' * 30_000,
    "emphasis runs": "*_" * 100_000,
    "references": "&amp" * 50_000,
    "newlines": "\n" * 200_000,
    "nested svg, other end tags": "<svg>" * 30_000 + "</x>" * 30_000,
}


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_more_hostile_markup(hostile: str, fmt: str) -> None:
    assert len(parse(hostile, fmt).view) == len(hostile)


# -------------------------------------------------------------------------- properties

MARKUP_ALPHABET = st.sampled_from(
    [
        *"<>!-/&#;[]()*_`~\\\"'= \n\tabcpXYZ019€.:@?",
        *("<p>", "</p>", "<!--", "-->", "<script>", "</script>", "&euro;", "&amp;", "](", "---\n"),
    ]
)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(MARKUP_ALPHABET, max_size=120).map("".join),
)


@settings(max_examples=300, deadline=None, database=None)
@given(text=ANY_TEXT, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_view_has_the_length_of_the_input(text: str, fmt: str) -> None:
    doc = parse(text, fmt)
    assert len(doc.view) == len(text)
    for link in doc.links:
        assert 0 <= link.start <= link.end <= len(text)


@settings(max_examples=300, deadline=None, database=None)
@given(text=ANY_TEXT, fmt=st.sampled_from(["markdown", "html"]))
def test_view_invents_nothing_but_references(text: str, fmt: str) -> None:
    shown = parse(text, fmt).view
    for at, (original, char) in enumerate(zip(text, shown, strict=True)):
        if char != original:
            # masked to a space or a block break, or a reference decoded at its "&"
            assert char in " \n" or original == "&", (at, original, char)
