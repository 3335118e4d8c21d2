"""The quick ways the extractor finds things give exactly what the plain ways give.

Each fast path (hopping from digit run to digit run, searching for the character before a
number word, deciding only the sentence boundaries near a figure, lower-casing a whole
sample at once) is checked against the straightforward definition on awkward input.
"""

from __future__ import annotations

import random
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract.figure import _first_after
from factcheck.extract.grammar import grammar
from factcheck.extract.lang import _lowered_words
from factcheck.extract.numerals import NUMERAL, find_numerals
from factcheck.extract.spelled import word_anchors
from factcheck.text.sentences import SentenceLocator, sentence_spans

MANY = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

#: Pieces that numbers and number words are made of, and what glues to them.
PIECES = (
    *"0123456789", *".,-−–+/:'’ \u00a0\u202f\n_$€%", "1,234", "2.400", "61,5", ".5",
    "Trainium2", "v1.2.3", "24/7", "a", "A", "K", "ſ", "ı", "İ", "ß", "ẞ", "-",
    "one", "Two", "twenty-five", "fünfundzwanzig", "zweihundert", "und", "and", "a billion",
    "eine Milliarde", "half a", "tenfold", "verdoppelt", "dozen", "someone", "Anteilen",
    "undzwanzig", "andfive", "einen", "\u0663", "\u0966", "\u20ac", "—",
    "ONE", "TWENTY-FIVE", "FÜNFUNDZWANZIG", "EINE MILLIARDE", "Tenfold", "HALF A", "\u212a",
    "einund", "Einund", "oneand", "eins", "thousand, ", " point ", "a quarter", " and a half",
)  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@MANY
@given(texts)
def test_find_numerals_is_numeral_finditer(text: str) -> None:
    assert [m.span() for m in find_numerals(text)] == [m.span() for m in NUMERAL.finditer(text)]


@MANY
@given(texts, st.sampled_from(["en", "de"]))
def test_word_anchors_are_word_anchor_finditer(text: str, lang: str) -> None:
    g = grammar(lang)
    expected = [(m.span(), m.groupdict()) for m in g.word_anchor.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in word_anchors(g, text)] == expected


#: What may follow a figure: scales, currencies, units, percent and multiplier words.
AFTER_PIECES = (
    *" \u00a0\u202f\n-%$€£°×", "bn", "m", "Mio.", "Mrd", "Milliarden", "million", "per cent",
    "Prozent", "basis points", "pence", "p", "Cent", "ct", "km", "GW", "Grad", "°C", "x", "-fold",
    "times", "fach", "USD", "eur", "Dollar", "people", "Menschen", "ſ", "\u212a", "İ", "K",
)  # fmt: skip


@MANY
@given(
    st.lists(st.sampled_from(AFTER_PIECES), max_size=12).map("".join), st.sampled_from(["en", "de"])
)
def test_patterns_after_a_figure_begin_as_their_starts_say(text: str, lang: str) -> None:
    g = grammar(lang)
    gated = {
        g.scale: g.scale_starts, g.currency_after: g.currency_after_starts,
        g.percent: g.percent_starts, g.currency_minor: g.currency_minor_starts,
        g.unit: g.unit_starts, g.multiplier_suffix: g.multiplier_starts,
    }  # fmt: skip
    for end in range(len(text) + 1):
        first = _first_after(text, end)
        for pattern, starts in gated.items():
            assert first in starts or pattern.match(text, end) is None


SENTENCE_PIECES = (
    *"ab. \n\t!?…\"'”)]AZ03,-(", "\u00a0", "\n\n", "\r\n", "Mrd.", "z. B.", "März", "J.",
    "3.", "Word", " end.", "x" * 40,
)  # fmt: skip


@MANY
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40).map("".join), st.randoms())
def test_sentence_locator_agrees_with_sentence_spans(text: str, rng: random.Random) -> None:
    abbreviations, months = {"Mrd.", "z. B."}, {"März"}
    spans = sentence_spans(text, abbreviations, months)
    locator = SentenceLocator(text, abbreviations, months)
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    rng.shuffle(visible)  # any order of questions
    for at in visible:
        (span,) = [(start, end) for start, end in spans if start <= at < end]
        assert locator.around(at) == span


@MANY
@given(st.lists(st.sampled_from([*"aZäÄßẞ ,.-'’1_İıſΣσς\u0307²\t\n", "The", "DIE"])).map("".join))
def test_lowered_words_are_the_words_lowered(text: str) -> None:
    """The same words as lowering each word the pattern finds, in any order."""
    expected = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    assert sorted(_lowered_words(text)) == sorted(expected)


@pytest.mark.slow
def test_lower_casing_one_character_never_changes_its_class() -> None:
    """What lowering a whole sample at once rests on, for every Unicode character."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lower = char.lower()
        if len(lower) == 1:
            assert bool(letter.match(char)) == bool(letter.match(lower)), hex(code)
