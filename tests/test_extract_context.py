"""Whose figure it is and what it measures: subjects, counterparties, one sentence read
once for all its figures."""

from __future__ import annotations

import pytest

from factcheck import extract
from factcheck.extract.context import DocumentMemory, Sentence
from factcheck.lexicon import Kind


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # bug: "E" of "Series E" was taken for a company name
        ("The startup was valued at $61.5 billion after its Series E round.", None),
        ("Anthropic was valued at $61.5 billion after its Series E round.", "Anthropic"),
        (
            "After its Series C round, Northwind Robotics was worth $2.1 billion.",
            "Northwind Robotics",
        ),
        ("The Phase B expansion of Kestrel Labs will cost $400 million.", "Kestrel Labs"),
    ],
)
def test_a_letter_labelled_by_a_word_like_series_is_no_subject(
    text: str, subject: str | None
) -> None:
    (claim,) = extract(text, "en")
    assert claim.subject == subject


@pytest.mark.parametrize(
    ("text", "lang", "subject"),
    [
        # bug: a common word, capitalised only to open the sentence, was taken for a party
        ("Inflation slowed to 2.7% in May.", "en", None),
        ("Net income rose to $410 million.", "en", None),
        ("Oil prices fell 3% after the meeting.", "en", None),
        ('"Wages have risen 6%," the union said.', "en", None),
        ("Revenue at Corvid Systems rose 12%.", "en", "Corvid Systems"),
        ("Marlow Freight said exports rose 12%.", "en", "Marlow Freight"),
        ("Brightwater grew its revenue by 9%.", "en", "Brightwater"),
        ("Mieten stiegen in Leipzig um 7 Prozent.", "de", None),
        ("Am Abend waren noch drei Millionen Haushalte ohne Strom.", "de", None),
    ],
)
def test_a_common_word_opening_a_sentence_is_no_subject(
    text: str, lang: str, subject: str | None
) -> None:
    (claim,) = extract(text, lang)
    assert claim.subject == subject


def test_a_letter_after_a_word_that_introduces_a_party_is_still_a_name() -> None:
    (claim,) = extract("Tesla put $2 billion into X.", "en")
    assert (claim.subject, claim.counterparty) == ("Tesla", "X")


def test_a_sentence_read_once_answers_as_each_figure_read_alone() -> None:
    sentence = (
        "Google's stake of about 14% in Anthropic, worth $3 billion, is smaller than "
        "Amazon's 8 billion dollar investment, while Microsoft put 1.5 billion into OpenAI"
        " and Northgate Systems; Series D investors hold 12%."
    )
    figures: list[tuple[str, Kind]] = [("14%", "percent"), ("$3 billion", "money")]
    figures += [("8 billion dollar", "money"), ("1.5 billion", "money"), ("12%", "percent")]
    places = [(sentence.index(text), sentence.index(text) + len(text)) for text, _ in figures]
    read_once = Sentence("en", sentence, 0, frozenset(), places)
    once, alone = DocumentMemory(), DocumentMemory()
    for (start, end), (_, kind) in zip(places, figures, strict=True):
        others = [place for place in places if place != (start, end)]
        read_alone = Sentence("en", sentence, 0, frozenset(), others)
        expected = read_alone.describe(start, end, kind, False, alone)
        assert read_once.describe(start, end, kind, False, once) == expected
        assert once.last_subject == alone.last_subject
