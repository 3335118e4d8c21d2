"""Properties of ``extract`` that hold for every input, checked with hypothesis.

- A number written the English way ("2,400.5 euros") or the German way ("2.400,5 Euro")
  reads back as exactly that amount of EUR.
- No text makes ``extract`` raise; every claim's text is the input between its offsets,
  and its value lies inside its own interval.
- ``line`` and ``column`` (1-based) point at ``start``.
"""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import extract
from factcheck.models import Claim

MODEST = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# ------------------------------------------------------------------- number round trip

#: Amounts with at most two decimal places, paired with how many places to write.
amounts: st.SearchStrategy[tuple[Decimal, int]] = st.one_of(
    st.integers(min_value=1, max_value=10**12).map(lambda n: (Decimal(n), 0)),
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal(10**12), places=1, allow_nan=False).map(
        lambda d: (d, 1)
    ),
    st.decimals(
        min_value=Decimal("0.01"), max_value=Decimal(10**12), places=2, allow_nan=False
    ).map(lambda d: (d, 2)),
)

EN_SENTENCES = (
    "The council set aside {} euros for the new library.",
    "{} euros went to the flood repairs.",
    "Ravelstone Mills reported a loss of {} euros",
)
DE_SENTENCES = (
    "Der Rat stellt {} Euro für die neue Bibliothek bereit.",
    "{} Euro flossen in die Reparatur der Deiche.",
    "Die Ravelstein Mühle meldete einen Verlust von {} Euro",
)


def english(amount: Decimal, places: int) -> str:
    """Write an amount with comma groups and a decimal point.

    >>> english(Decimal("2400.5"), 1)
    '2,400.5'
    """
    return f"{amount:,.{places}f}"


def german(amount: Decimal, places: int) -> str:
    """Write an amount with dot groups and a decimal comma.

    >>> german(Decimal("2400.5"), 1)
    '2.400,5'
    """
    return english(amount, places).translate(str.maketrans(",.", ".,"))


def _reads_back(text: str, written: str, currency_word: str, amount: Decimal, lang: str) -> None:
    claims = extract(text, lang=lang)
    assert len(claims) == 1, claims
    (claim,) = claims
    assert claim.unit == "EUR"
    assert math.isclose(claim.value, float(amount), rel_tol=1e-9), (claim.value, amount)
    assert claim.text == f"{written} {currency_word}"


@MODEST
@given(amount=amounts, template=st.sampled_from(EN_SENTENCES))
@example(amount=(Decimal("2400"), 0), template=EN_SENTENCES[0])
@example(amount=(Decimal("2400.50"), 2), template=EN_SENTENCES[0])
def test_english_amount_reads_back(amount: tuple[Decimal, int], template: str) -> None:
    written = english(*amount)
    _reads_back(template.format(written), written, "euros", amount[0], "en")


@MODEST
@given(amount=amounts, template=st.sampled_from(DE_SENTENCES))
@example(amount=(Decimal("2400"), 0), template=DE_SENTENCES[0])
@example(amount=(Decimal("2400.5"), 1), template=DE_SENTENCES[0])
def test_german_amount_reads_back(amount: tuple[Decimal, int], template: str) -> None:
    written = german(*amount)
    _reads_back(template.format(written), written, "Euro", amount[0], "de")


# ----------------------------------------------------------------- no input breaks it

#: Pieces of text that figures are made of, so that random text often holds a claim.
FRAGMENTS = (
    "$", "€", "£", "US$", "CHF", "Fr.", "¥", "%", " %", "‰", "+", "-", "−", "–", "/",
    ".", ",", " ", "\u00a0", "\u202f", "\n", "(", ")", "„", "“", '"',
    "0", "1", "7", "12", "2,400", "2.400", "1,5", "1.5", "61.5", "10^12", "1e9",
    "m", "bn", "k", "tn", "bps", "x", "-fold", "MW", "GWh", "km²", "m²",
    " million", " billion", " Millionen", " Mrd.", " Mio.", " Billionen", " Tsd.",
    " euros", " Euro", " dollars", " Dollar", " US-Dollar", " percent", " Prozent",
    " percentage points", " Prozentpunkte", " basis points", " jobs", " Arbeitsplätze",
    " acres", " Hektar", " tonnes", " gigawatts",
    "about ", "rund ", "knapp ", "more than ", "mehr als ", "up to ", "bis zu ",
    "between ", " and ", "zwischen ", " und ", " to ", " bis ",
    "fifty", "zwei", "half a", "tenfold", "verdreifacht", "doubled",
    "in 2019", "am 3. März", "Series E", "GB200", "seit 15 Jahren", "Q-7",
)  # fmt: skip

figure_like_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40
).map("".join)
any_text = st.one_of(st.text(), figure_like_text)
langs = st.sampled_from([None, "en", "de"])


def _check_claim(text: str, claim: Claim) -> None:
    assert 0 <= claim.start <= claim.end <= len(text), claim
    assert claim.text == text[claim.start : claim.end], claim
    slack = 1e-9 * abs(claim.value)
    if claim.low is not None:
        assert claim.low <= claim.value + slack, claim
    if claim.high is not None:
        top = claim.value_high if claim.value_high is not None else claim.value
        assert top <= claim.high + 1e-9 * abs(top), claim


@MODEST
@given(text=any_text, lang=langs)
@example(text="", lang=None)
@example(text="It raised $5 billion.", lang="en")
@example(text="Rund 1,2 Mrd. Euro, knapp 11 %.", lang="de")
def test_extract_never_raises_and_claims_are_sound(text: str, lang: str | None) -> None:
    for claim in extract(text, lang=lang):
        _check_claim(text, claim)


# -------------------------------------------------------------------- line and column

#: Characters ``str.splitlines`` breaks at, except "\n": lines here end at "\n" only.
OTHER_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

lines_of_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters=OTHER_LINE_BREAKS)),
    figure_like_text.map(lambda s: s.translate({ord(c): None for c in OTHER_LINE_BREAKS})),
)


@MODEST
@given(text=lines_of_text, lang=langs)
@example(text="Intro.\n\n  It raised $5 billion and hired 2,400 staff.", lang="en")
@example(text="Zeile eins\nDer Bund gibt 500 Mio. Euro.", lang="de")
def test_line_and_column_point_at_start(text: str, lang: str | None) -> None:
    for claim in extract(text, lang=lang):
        line = text.count("\n", 0, claim.start) + 1
        column = claim.start - (text.rfind("\n", 0, claim.start) + 1) + 1
        assert (claim.line, claim.column) == (line, column), claim
