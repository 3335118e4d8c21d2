"""The figure the evidence supports, written the way the draft writes its figures.

A suggestion is meant to be pasted over the draft's figure, so it keeps the draft's
language, symbol or word for the currency, scale word ("bn", "billion", "Mrd.",
"Milliarden") and unit word ("megawatts"); only what the evidence changes is changed:

    draft "$5 billion",           evidence 5e10 USD      ->  "$50 billion"
    draft "50 Milliarden Euro",   evidence 5e10 USD      ->  "50 Milliarden US-Dollar"
    draft "2.2 megawatts",        evidence 2.2e9 W       ->  "2.2 gigawatts"
    draft "3.5 percent",          evidence 3.5 pp        ->  "3.5 percentage points"
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel.numbers import get_currency_name, get_currency_symbol

from factcheck.compare.figures import Figure
from factcheck.lexicon import Lexicon, load_lexicon, unit_kind
from factcheck.models import Stated

#: Digits of one number as the draft writes it, separators included ("2,400", "1 200").
_NUMERAL = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
#: A word or symbol right after the number: where scale and unit words stand.
_TOKEN = re.compile(r"\s*([^\s\d]+(?:[ -][^\s\d]+)?)")
#: Currencies written with a symbol before the number in both languages' style guides.
_SYMBOL_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY"})


@dataclass(frozen=True)
class _Shape:
    """How the draft wrote its figure: text around the number, and the number's factor."""

    head: str  # before the number: qualifier words, a currency symbol
    tail: str  # after it: scale, currency or unit words
    factor: float  # value / stated number: 1e9 for "$5 billion", 1e6 for "2.2 MW"
    cents: bool = False  # an amount written to the cent ("€18.40"), not scaled


def _shape(figure: Figure) -> _Shape | None:
    return _shape_of(figure.stated.text, figure.lang, figure.stated.value, figure.kind)


@functools.lru_cache(maxsize=1 << 16)
def _shape_of(text: str, lang: str, value: float, kind: str) -> _Shape | None:
    """The shape of a figure of this text, language, value and kind: every draft figure
    is compared with every candidate, and each time the slip tests ask for both."""
    numerals = list(_NUMERAL.finditer(text))
    if not numerals:
        return None
    lex = load_lexicon(lang)
    stated = _read_number(numerals[0].group(), lex)
    if stated is None or stated == 0:
        return None
    numeral = numerals[0].group()
    fraction = re.split(r"[.,]", numeral)[-1] if re.search(r"[.,]\d\d$", numeral) else ""
    factor = value / stated
    return _Shape(
        head=text[: numerals[0].start()],
        tail=text[numerals[-1].end() :],
        factor=factor,
        cents=kind == "money" and factor == 1 and len(fraction) == 2,
    )


def _read_number(numeral: str, lex: Lexicon) -> float | None:
    compact = re.sub(r"[\u00a0\u202f ]", "", numeral)
    group, decimal = lex.group_separator, lex.decimal_separator
    try:
        return float(compact.replace(group, "").replace(decimal, "."))
    except ValueError:
        return None


def format_number(value: float, lang: str, cents: bool = False) -> str:
    """``value`` with the language's separators and no needless decimals; with
    ``cents``, two decimals as prices are written.

    >>> format_number(2400, "en"), format_number(2400, "de"), format_number(61.5, "de")
    ('2,400', '2.400', '61,5')
    >>> format_number(0.125, "en"), format_number(183.0, "en"), format_number(15.9, "de", True)
    ('0.125', '183', '15,90')
    """
    lex = load_lexicon(lang)
    text = f"{value:,.2f}" if cents else f"{value:,.3f}".rstrip("0").rstrip(".")
    integer, _, fraction = text.partition(".")
    integer = integer.replace(",", lex.group_separator)
    return f"{integer}{lex.decimal_separator}{fraction}" if fraction else integer


def _qualifier_words(qualifier: str, lang: str) -> str:
    if qualifier in ("exact", "range"):
        return ""
    words: tuple[str, ...] = getattr(load_lexicon(lang).qualifiers, qualifier, ())
    return f"{words[0]} " if words else ""


def _match_case(word: str, like: str) -> str:
    if like[:1].isupper() and not word[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _pick(options: list[str], like: str, like_options: list[str]) -> str:
    """Of the words for one factor, the one shaped like the draft's word ``like``.

    Shaped like it means: the long (plural) form if the draft used its long form
    ("megawatts" -> "gigawatts"), a dotted abbreviation for a dotted one ("Mio." ->
    "Mrd."), else the first the lexicon lists.
    """
    lengths = {len(o) for o in like_options}
    if len(lengths) > 1 and len(like) == max(lengths):
        return _match_case(max(options, key=len), like)
    if len(lengths) > 1:
        options = [o for o in options if len(o) < max(len(p) for p in options)] or options
    dotted = [o for o in options if o.endswith(".") == like.endswith(".")]
    return _match_case((dotted or options)[0], like)


def _rescale(tail: str, factor: float, wanted: float, unit: str, lang: str) -> str | None:
    """``tail`` with its scale or unit word for ``factor`` replaced by one for ``wanted``."""
    lex = load_lexicon(lang)
    match = _TOKEN.match(tail)
    if match is None:
        return None
    for candidate in (match.group(1), match.group(1).split()[0].split("-")[0]):
        token = candidate.casefold()
        tables: list[dict[str, float]] = [
            {w: 10.0**e for w, e in lex.scales.words.items()},
            {w.casefold(): 10.0**e for w, e in lex.scales.short.items()},
            {w.casefold(): u.factor for u in lex.units if u.unit == unit for w in u.words},
            {w.casefold(): u.factor for u in lex.units if u.unit == unit for w in u.symbols},
        ]
        for table in tables:
            if table.get(token) is None or abs(table[token] / factor - 1) > 1e-6:
                continue
            options = [w for w, f in table.items() if abs(f / wanted - 1) < 1e-6]
            if not options:
                return None
            own = [w for w, f in table.items() if abs(f / factor - 1) < 1e-6]
            start = match.start(1)
            original = tail[start : start + len(candidate)]
            replacement = _pick(_originals(options, lex, unit), original, own)
            return tail[:start] + replacement + tail[start + len(candidate) :]
    return None


def _originals(folded: list[str], lex: Lexicon, unit: str) -> list[str]:
    """The lexicon's own spelling of folded words (symbols keep their case: "GW")."""
    spelled = [*lex.scales.words, *lex.scales.short]
    spelled += [w for u in lex.units if u.unit == unit for w in (*u.words, *u.symbols)]
    by_fold: dict[str, str] = {}
    for word in spelled:
        by_fold.setdefault(word.casefold(), word)
    return [by_fold.get(w, w) for w in folded]


def _nice_factor(value: float, factor: float, unit: str, lang: str) -> float:
    """A factor that writes ``value`` as a number from 1 to 999, keeping ``factor`` if it can."""
    if factor == 1 or 1 <= abs(value) / factor < 1000:
        return factor
    lex = load_lexicon(lang)
    factors = sorted(
        {10.0**e for e in lex.scales.words.values()}
        if unit not in {u.unit for u in lex.units}
        else {u.factor for u in lex.units if u.unit == unit}
    )
    best = factor
    for candidate in factors:
        if abs(value) / candidate >= 1:
            best = candidate
    return best


def _currency_text(head: str, tail: str, old: str, new: str, lang: str) -> tuple[str, str]:
    """Head and tail with the currency ``old`` written as ``new``, symbol or word alike."""
    lex = load_lexicon(lang)
    for symbol, code in sorted(lex.currencies.symbols.items(), key=lambda s: -len(s[0])):
        if code == old and symbol in head:
            mark = get_currency_symbol(new, locale=lang)
            if new not in _SYMBOL_CURRENCIES:
                return head.replace(symbol, ""), f"{tail} {new}"
            return head.replace(symbol, mark), tail
        if code == old and tail.rstrip().endswith(symbol):
            return head, tail.replace(symbol, get_currency_symbol(new, locale=lang))
    folded = tail.casefold()
    for word, code in sorted(lex.currencies.words.items(), key=lambda w: -len(w[0])):
        at = folded.rfind(word)
        if code == old and at >= 0:
            name = get_currency_name(new, count=2, locale=lang)
            return head, tail[:at] + name + tail[at + len(word) :]
    if old in tail:
        return head, tail.replace(old, new)
    return head, f"{tail} {get_currency_name(new, count=2, locale=lang)}"


def _points_text(tail: str, old: str, new: str, lang: str) -> str:
    percent = load_lexicon(lang).percent
    words = {"%": percent.percent, "pp": percent.points}
    symbols = {"%": percent.percent_symbols, "pp": percent.points_symbols}
    folded = tail.casefold()
    for word in sorted((*words[old], *symbols[old]), key=len, reverse=True):
        at = folded.find(word.casefold())
        if at >= 0:
            spaced = " " if at == 0 and new == "pp" else ""
            written = _match_case(words[new][0], tail[at : at + len(word)])
            return tail[:at] + spaced + written + tail[at + len(word) :]
    return f"{tail} {words[new][0]}"


def suggest(evidence: Figure, draft: Figure) -> str:
    """The evidence's figure, written the way ``draft`` is written (see the module doc)."""
    shape = _shape(draft)
    said, own = evidence.stated, draft.stated.unit
    if shape is None:
        return _plain(said, draft.lang)
    head = shape.head
    for qualifier in ("approx", "approx_below", "approx_above", "over", "at_least", "under",
                      "at_most", "up_to"):  # fmt: skip
        for words in getattr(load_lexicon(draft.lang).qualifiers, qualifier):
            if head.casefold().startswith(words.casefold() + " "):
                head = head[len(words) + 1 :]
    tail = shape.tail
    if said.unit != own:
        if draft.kind == "money":
            head, tail = _currency_text(head, tail, own, said.unit, draft.lang)
        elif {own, said.unit} == {"%", "pp"}:
            tail = _points_text(tail, own, said.unit, draft.lang)
        else:
            return _plain(said, draft.lang)
    factor = _nice_factor(said.value, shape.factor, said.unit, draft.lang)
    if factor != shape.factor:
        rescaled = _rescale(tail, shape.factor, factor, said.unit, draft.lang)
        if rescaled is None:
            factor = shape.factor
        else:
            tail = rescaled
    number = format_number(said.value / factor, draft.lang, shape.cents and factor == 1)
    if said.value_high is not None:
        number += "–" + format_number(said.value_high / factor, draft.lang)
    return _qualifier_words(said.qualifier, draft.lang) + head + number + tail


def _plain(evidence: Stated, lang: str) -> str:
    """A figure written from scratch, for drafts whose figure has no digits to reuse."""
    lex, kind = load_lexicon(lang), unit_kind(evidence.unit)
    value, tail = evidence.value, ""
    if kind == "money" or evidence.unit == "count":
        for exponent in sorted(set(lex.scales.words.values())):
            if exponent >= 6 and abs(value) >= 10.0**exponent:
                dotted = [w for w, e in lex.scales.short.items() if e == exponent and w[-1] == "."]
                named = [w for w, e in lex.scales.words.items() if e == exponent]
                tail, factor = " " + (dotted[0] if dotted else min(named, key=len)), 10.0**exponent
        if tail:
            value = evidence.value / factor
    number = format_number(value, lang)
    words = _qualifier_words(evidence.qualifier, lang)
    if kind == "money":
        if lang == "en" and evidence.unit in _SYMBOL_CURRENCIES:
            return f"{words}{get_currency_symbol(evidence.unit, locale=lang)}{number}{tail}"
        return f"{words}{number}{tail} {get_currency_name(evidence.unit, count=2, locale=lang)}"
    if evidence.unit == "pp":
        return f"{words}{number} {lex.percent.points[0]}"
    if evidence.unit == "%":
        return f"{words}{number}%"
    if evidence.unit in ("count", "x"):
        return f"{words}{number}{tail}" + ("x" if evidence.unit == "x" else "")
    return f"{words}{number} {evidence.unit}"


def stated_number(figure: Figure) -> float | None:
    """The number as the figure writes it, before its scale and unit words.

    >>> from factcheck.compare.figures import from_claim
    >>> from factcheck.extract.pipeline import extract
    >>> claim = extract("It covers 4 million square feet.", "en")[0]
    >>> stated_number(from_claim(claim, source="s", origin="source", when=None, where="s"))
    4.0
    """
    shape = _shape(figure)
    return None if shape is None else figure.stated.value / shape.factor
