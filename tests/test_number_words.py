"""Every number in words that ``extract`` reports reads back to the value written.

The numbers are spelled by num2words, a speller of its own (English and German), so the
test does not share the extractor's idea of how numbers are written: "two thousand, five
hundred and one", "one million, two hundred thousand", "zweitausendfünfhundert",
"eine Million zweihunderttausend", "sixteen point four", "sechzehn Komma vier". A number
in words is either read right or not reported; none is read as part of itself.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from num2words import num2words

from factcheck import extract
from factcheck.models import Claim

CHECKED = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: A sentence with the amount in words and its currency after it.
SENTENCES = {
    "en": ("The fund paid {} dollars for the site.", "USD"),
    "de": ("Der Fonds zahlte {} Euro für das Gelände.", "EUR"),
}
LANGS = st.sampled_from(sorted(SENTENCES))


def _read(words: str, lang: str) -> list[Claim]:
    """The claims of the sentence that overlap the words of the number."""
    template, _ = SENTENCES[lang]
    sentence = template.format(words)
    start = sentence.index(words)
    end = start + len(words)
    return [c for c in extract(sentence, lang) if c.start < end and c.end > start]


def _assert_reads(words: str, lang: str, value: Decimal) -> None:
    claims = _read(words, lang)
    _, currency = SENTENCES[lang]
    assert len(claims) <= 1, f"{words!r} read as several figures: {claims}"
    for claim in claims:
        assert (claim.unit, Decimal(str(claim.value))) == (currency, value), (
            f"{words!r} ({lang}) read as {claim.text!r} = {claim.value} {claim.unit}"
        )


@CHECKED
@given(n=st.integers(min_value=1, max_value=999_999_999), lang=LANGS)
@example(n=2500, lang="en")  # "two thousand, five hundred"
@example(n=1_200_000, lang="de")  # "eine Million zweihunderttausend"
@example(n=301_000_000, lang="en")  # "three hundred and one million"
@example(n=21, lang="de")  # "einundzwanzig"
def test_whole_numbers_in_words_read_back(n: int, lang: str) -> None:
    _assert_reads(num2words(n, lang=lang), lang, Decimal(n))


@CHECKED
@given(tenths=st.integers(min_value=1, max_value=99_999), lang=LANGS)
@example(tenths=164, lang="en")  # "sixteen point four"
@example(tenths=15, lang="de")  # "eins Komma fünf"
def test_decimals_in_words_read_back(tenths: int, lang: str) -> None:
    value = Decimal(tenths) / 10
    _assert_reads(num2words(value, lang=lang), lang, value)


@CHECKED
@given(n=st.integers(min_value=1, max_value=999), lang=LANGS)
@example(n=301, lang="en")
def test_numbers_in_words_before_a_scale_read_back(n: int, lang: str) -> None:
    scale = {"en": "million", "de": "Millionen" if n > 1 else "Million"}[lang]
    _assert_reads(f"{num2words(n, lang=lang)} {scale}", lang, Decimal(n) * 10**6)


@CHECKED
@given(n=st.integers(min_value=1, max_value=99))
def test_halves_in_words_read_back(n: int) -> None:
    _assert_reads(f"{num2words(n)} and a half", "en", Decimal(n) + Decimal("0.5"))
    german = num2words(n, lang="de").removesuffix("s")  # "eins" is "ein" in a compound
    _assert_reads(f"{german}einhalb", "de", Decimal(n) + Decimal("0.5"))


def test_common_numbers_in_words_are_reported_at_all() -> None:
    """The property above holds trivially for a reader that reports nothing."""
    for n in (2, 21, 101, 2500, 12_345, 1_200_000, 999_999_999):
        for lang in SENTENCES:
            assert _read(num2words(n, lang=lang), lang), f"{n} in {lang} words not read"
