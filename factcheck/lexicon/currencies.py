"""Currency names, symbols and codes from CLDR (through Babel), not from a hand-typed list.

CLDR gives every ISO 4217 code its display name in each language, singular and plural
("US dollars", "Schweizer Franken", "Kanadische Dollar") and its symbols in regional
variants ("$", "US$", "CA$", "A$"). The lexicon adds only what CLDR cannot know: bare
words newsrooms use ("dollars", "Pfund") and which currency a bare "$" means.
"""

from __future__ import annotations

import functools

from babel import Locale
from babel.numbers import get_currency_name

#: Regional locales whose currency symbols are read too ("US$" from en_CA, "A$" from en).
_SYMBOL_LOCALES = ("en", "en_GB", "en_CA", "en_AU", "de", "de_CH", "de_AT")
#: German adjective endings: CLDR has "Kanadischer Dollar", running text "kanadischen Dollar".
_DE_ADJECTIVE_ENDINGS = ("e", "er", "en", "es", "em")


@functools.cache
def iso_codes() -> frozenset[str]:
    """Every ISO 4217 code CLDR knows.

    >>> {"USD", "EUR", "CHF"} <= iso_codes()
    True
    """
    return frozenset(str(code) for code in Locale.parse("en").currencies if len(str(code)) == 3)


def _german_variants(name: str) -> set[str]:
    words = name.split(" ")
    variants = {name}
    first = words[0]
    if len(words) > 1 and first.lower().endswith(("er", "e")) and first[0].isupper():
        stem = first[:-2] if first.lower().endswith("er") else first[:-1]
        variants |= {" ".join([stem + ending, *words[1:]]) for ending in _DE_ADJECTIVE_ENDINGS}
    return variants


@functools.cache
def currency_names(lang: str) -> dict[str, str]:
    """Lower-cased currency names of ``lang`` (singular, plural, inflected) to ISO codes.

    >>> names = currency_names("de")
    >>> names["schweizer franken"], names["kanadischen dollar"], names["us-dollar"]
    ('CHF', 'CAD', 'USD')
    >>> currency_names("en")["swiss francs"]
    'CHF'
    """
    locale = Locale.parse(lang)
    names: dict[str, str] = {}
    for code in sorted(iso_codes()):
        forms = {locale.currencies.get(code, "")}
        forms |= {get_currency_name(code, count=count, locale=locale) for count in (1, 2)}
        for form in forms:
            if not form or form == code:
                continue
            variants = _german_variants(form) if lang == "de" else {form}
            for variant in variants:
                names.setdefault(variant.lower(), code)
    return names


@functools.cache
def currency_symbols() -> dict[str, str]:
    """Currency symbols of the regional locales to ISO codes; the first locale wins.

    >>> symbols = currency_symbols()
    >>> symbols["US$"], symbols["A$"], symbols["€"]
    ('USD', 'AUD', 'EUR')
    """
    symbols: dict[str, str] = {}
    for name in _SYMBOL_LOCALES:
        for code, symbol in Locale.parse(name).currency_symbols.items():
            if code in iso_codes() and symbol and symbol != code:
                symbols.setdefault(symbol, code)
    return symbols
