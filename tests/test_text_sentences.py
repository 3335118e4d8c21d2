"""Sentence spans: where a sentence ends, and where a dot does not end one.

One table, grouped by what decides: punctuation, abbreviations, numbers and dates, line
breaks. Known gaps are ``xfail(strict=True)`` so that a fix is noticed.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.sentences import fold, sentence_spans

ABBREVIATIONS = frozenset(
    {
        *("Mrd.", "Mio.", "Tsd.", "ca.", "bzw.", "z.B.", "z. B.", "u. a.", "Nr.", "Dr."),
        *("Prof.", "Mr.", "Mrs.", "Inc.", "Corp.", "Co.", "Ltd.", "St.", "U.S.", "vs."),
        *("etc.", "Jan.", "Feb.", "Okt.", "No."),
    }
)
MONTHS = frozenset({"januar", "februar", "märz", "april", "mai", "juni", "oktober", "jan"})
OPENERS = frozenset({"the", "it", "a", "der", "die", "das", "es"})


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, ABBREVIATIONS, MONTHS, OPENERS)]


CASES = [
    # --- punctuation
    pytest.param(
        "Revenue rose 5%. Profit fell.", ["Revenue rose 5%.", "Profit fell."], id="full stop"
    ),
    pytest.param("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."], id="question, exclamation"),
    pytest.param("Und dann … Schluss.", ["Und dann …", "Schluss."], id="ellipsis"),
    pytest.param(
        'He said "it grew." Then he left.',
        ['He said "it grew."', "Then he left."],
        id="closing quote",
    ),
    pytest.param(
        "Er sagte: „Wir wachsen.“ Dann ging er.",
        ["Er sagte: „Wir wachsen.“", "Dann ging er."],
        id="German quotes",
    ),
    pytest.param("(See above.) Next one.", ["(See above.)", "Next one."], id="bracket"),
    pytest.param("Sales grew. 2024 was good.", ["Sales grew.", "2024 was good."], id="digit next"),
    pytest.param(
        'It grew. "Good," he said.', ["It grew.", '"Good," he said.'], id="opening quote next"
    ),
    pytest.param("It fell. and then?", ["It fell. and then?"], id="lower case does not start"),
    pytest.param(
        "The site example.com. It works.", ["The site example.com.", "It works."], id="url"
    ),
    # --- abbreviations and initials
    pytest.param(
        "Der Bund gibt 5 Mrd. Euro. Das Land 2 Mio. Euro.",
        ["Der Bund gibt 5 Mrd. Euro.", "Das Land 2 Mio. Euro."],
        id="German scale abbreviations",
    ),
    pytest.param(
        "Es kam z. B. Herr Nr. 5 mit. Dann nicht.",
        ["Es kam z. B. Herr Nr. 5 mit.", "Dann nicht."],
        id="abbreviation with a space",
    ),
    pytest.param(
        "Dr. Weber und Prof. Lang kamen. Mr. Smith of Acme Inc. Paris did not.",
        ["Dr. Weber und Prof. Lang kamen.", "Mr. Smith of Acme Inc. Paris did not."],
        id="titles and company forms",
    ),
    pytest.param(
        "J. R. Smith joined. A. Müller left.",
        ["J. R. Smith joined.", "A. Müller left."],
        id="initials",
    ),
    pytest.param("She won vs. Tom. Next.", ["She won vs. Tom.", "Next."], id="vs."),
    pytest.param("Die Mrd. kamen. ok", ["Die Mrd. kamen. ok"], id="abbreviation is case-sensitive"),
    pytest.param(
        "Die mrd. Euro. Weiter", ["Die mrd.", "Euro.", "Weiter"], id="other case is no abbreviation"
    ),
    # --- numbers and dates
    pytest.param(
        "It cost 2.400 euros and 61.5 percent. Fine.",
        ["It cost 2.400 euros and 61.5 percent.", "Fine."],
        id="dots inside numbers",
    ),
    pytest.param(
        "Am 3. März 2025 begann der Bau. Er dauert.",
        ["Am 3. März 2025 begann der Bau.", "Er dauert."],
        id="German date",
    ),
    pytest.param(
        "Seit dem 1. Januar gilt das. Am 15. Mai nicht.",
        ["Seit dem 1. Januar gilt das.", "Am 15. Mai nicht."],
        id="German dates",
    ),
    pytest.param(
        "Zum 3. mal gewann sie. Gut.", ["Zum 3. mal gewann sie.", "Gut."], id="ordinal, lower case"
    ),
    pytest.param(
        "Die Zahl sank auf 120. Der Rest blieb.",
        ["Die Zahl sank auf 120.", "Der Rest blieb."],
        id="a number ends a sentence",
    ),
    # --- line breaks
    pytest.param("Eins\n\nZwei", ["Eins", "Zwei"], id="blank line"),
    pytest.param("Eins\n  \t\n  Zwei", ["Eins", "Zwei"], id="blank line with spaces"),
    pytest.param(
        "Headline here\nThe body starts.", ["Headline here", "The body starts."], id="headline"
    ),
    pytest.param(
        "The company said\nthat it grew.", ["The company said\nthat it grew."], id="wrapped, lower"
    ),
    pytest.param(
        "Revenue rose,\nHarbor Lane said.",
        ["Revenue rose,\nHarbor Lane said."],
        id="wrapped after comma",
    ),
    pytest.param(
        "Der Bund gibt 5 Mrd.\nEuro dazu.",
        ["Der Bund gibt 5 Mrd.\nEuro dazu."],
        id="wrapped after abbreviation",
    ),
    pytest.param(
        "It grew.\nThen it fell.", ["It grew.", "Then it fell."], id="line ends a sentence"
    ),
    pytest.param("Windows\r\n\r\nlines", ["Windows", "lines"], id="CRLF blank line"),
    pytest.param("Item 1\n    \n   Item 2", ["Item 1", "Item 2"], id="masked block break"),
    # --- known gaps
    pytest.param(
        "It is based in the U.S. The rest is not.",
        ["It is based in the U.S.", "The rest is not."],
        id="abbreviation at the end of a sentence",
    ),
    pytest.param(
        "Sales rose at Harlan Corp. the unit said.",
        ["Sales rose at Harlan Corp. the unit said."],
        id="abbreviation before a lower-case word",
    ),
    pytest.param(
        "Der Bund gibt 5 Mrd. Euro dazu.",
        ["Der Bund gibt 5 Mrd. Euro dazu."],
        id="abbreviation before a capitalised noun",
    ),
    pytest.param(
        "The company raised\n$240 million.",
        ["The company raised\n$240 million."],
        id="wrapped before a figure",
    ),
    pytest.param(
        "Die Firma investiert\n450 Millionen Euro.",
        ["Die Firma investiert\n450 Millionen Euro."],
        id="wrapped before a number",
    ),
    pytest.param(
        "Key figures\n1) Revenue rose 5%.\n2) Profit fell.",
        ["Key figures", "1) Revenue rose 5%.", "2) Profit fell."],
        id="a numbered list after a heading",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", []),
        ("   \n\n  ", []),
        ("  Eins.  Zwei.  ", [(2, 7), (9, 14)]),
        ("A.", [(0, 2)]),
    ],
)
def test_spans_exclude_surrounding_whitespace(text: str, spans: list[tuple[int, int]]) -> None:
    assert sentence_spans(text, ABBREVIATIONS) == spans


def test_months_are_optional() -> None:
    assert len(sentence_spans("Am 3. März kam er.", ABBREVIATIONS)) == 2
    assert len(sentence_spans("Am 3. März kam er.", ABBREVIATIONS, {"März"})) == 1


def test_long_input_is_linear() -> None:
    text = "Der Umsatz stieg um 5 Mrd. Euro. " * 20_000 + "x" * 100_000 + ". Y" + " " * 100_000
    spans = sentence_spans(text, ABBREVIATIONS)
    assert len(spans) == 20_001


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  a  b ", "a b"),
        ("Umsatz\n\tstieg", "Umsatz stieg"),
        ("", ""),
        ("5\u00a0%", "5 %"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


TEXTS = st.lists(
    st.sampled_from([*'aZ5. !?…"“„)(\n\t ', "Mrd.", "3. März", "J. ", "\n\n"]),
    max_size=100,
).map("".join)


@settings(max_examples=400, deadline=None, database=None)
@given(text=st.one_of(TEXTS, st.text(max_size=200)))
def test_spans_cover_every_visible_character_once(text: str) -> None:
    spans = sentence_spans(text, ABBREVIATIONS, MONTHS)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""  # only whitespace between sentences
        previous_end = end
    assert text[previous_end:].strip() == ""
