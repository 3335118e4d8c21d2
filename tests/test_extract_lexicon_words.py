"""What a language writes its own way is read from its lexicon, not decided in the code.

Each test names the lexicon entries that decide it, and shows the two languages apart
where they differ: ``number_syntax.joiners`` and ``compound_numbers``,
``multipliers.spaced``, ``currencies.bare_dollar``, ``not_claims.ordinal_dot`` and
``noun_endings``, ``references.possessive``, ``counted_nouns.head_capitalised``.
"""

from __future__ import annotations

import pytest

from factcheck import extract
from factcheck.extract.names import name_candidate


@pytest.mark.parametrize(
    ("lang", "text", "figure", "value"),
    [
        # English joins the words of a number with spaces, a hyphen or "and" …
        ("en", "They adopted one hundred and one dalmatians.", "one hundred and one", 101),
        ("en", "The company runs twenty-one plants.", "twenty-one", 21),
        # … German glues "und" inside one word, and a hyphen is read as well.
        ("de", "Das Unternehmen baut einundzwanzig Werke.", "einundzwanzig", 21),
        ("de", "Es entstehen zwei-hundert Stellen.", "zwei-hundert", 200),
        # One language's joiner joins no number of another.
        ("de", "Es kamen hundert and eins Menschen.", "hundert", 100),
    ],
)
def test_the_words_of_a_number_are_joined_as_the_lexicon_says(
    lang: str, text: str, figure: str, value: float
) -> None:
    claim = extract(text, lang)[0]
    assert (claim.text, claim.value) == (figure, value)


@pytest.mark.parametrize(
    ("lang", "text", "figures"),
    [
        ("en", "Sales grew 2.5 times over the year.", ["2.5 times"]),  # "times" stands apart
        ("en", "Sales grew 2.5times over the year.", []),
        ("de", "Das Werk ist 5mal so groß.", ["5mal"]),  # "mal" is glued to the digits
        ("de", "Der Umsatz stieg 5 mal so stark.", []),
    ],
)
def test_a_multiplier_suffix_is_spaced_or_glued_as_the_lexicon_says(
    lang: str, text: str, figures: list[str]
) -> None:
    assert [c.text for c in extract(text, lang) if c.unit == "x"] == figures


@pytest.mark.parametrize(
    ("lang", "text", "currency"),
    [
        ("en", "Shopify raised C$2 billion. Later it paid $5 million.", "CAD"),
        ("en", "Shopify raised C$2 billion. Later it paid 5 million dollars.", "CAD"),
        ("en", "Shopify raised C$2 billion. Later it paid 5 million US dollars.", "USD"),
        ("de", "Shopify sammelte 2 Milliarden C$ ein. Später zahlte es 5 Millionen Dollar.", "CAD"),
        ("de", "Shopify sammelte 2 Milliarden C$ ein. Später zahlte es 5 Mio. US-Dollar.", "USD"),
    ],
)
def test_a_dollar_named_with_no_country_is_the_dollar_named_before(
    lang: str, text: str, currency: str
) -> None:
    assert extract(text, lang)[-1].unit == currency


def test_a_number_and_a_dot_is_an_ordinal_where_the_lexicon_says_so() -> None:
    assert extract("Es ist ihr rund 3. großer Auftrag.", "de") == []
    assert [c.text for c in extract("It is about 3. large orders.", "en")] == ["about 3"]


def test_a_capital_ending_like_a_common_noun_is_no_name_where_nouns_are_capitalised() -> None:
    def is_noun(lang: str, token: str) -> bool | None:
        candidate = name_candidate(lang, token)
        return None if candidate is None else candidate.noun

    assert (is_noun("de", "Leistung"), is_noun("en", "Leistung")) == (True, False)
    assert is_noun("de", "BioNTech") is False  # a capital inside: a name all the same


def test_a_known_name_with_a_glued_possessive_is_the_owner_where_the_lexicon_says_so() -> None:
    known = ["Anthropic"]
    german = extract("Anthropics Bewertung stieg auf 61,5 Mrd. Dollar.", "de", entities=known)
    english = extract("Anthropics valuation rose to $61.5 billion.", "en", entities=known)
    assert (german[0].subject, english[0].subject) == ("Anthropic", "Anthropics")


def test_a_noun_after_a_bare_year_makes_it_a_count_where_nouns_are_capitalised() -> None:
    assert [c.text for c in extract("Es ist der Lohn der 1500 Beschäftigten.", "de")] == ["1500"]
    assert extract("In 2019 Apple hired 1500 Engineers.", "en") == []
