"""Which language a document is written in, English or German.

A document that says which language it is in is taken at its word (:func:`from_tag`:
front matter ``lang: de``, ``<html lang="de-CH">``). Otherwise the language is told from
its words: the function words of each language (the lexicon's ``stopwords``) and the
words of its figures that only that language's lexicon has (number words, scale,
currency, unit, percent and multiplier words: "Prozent", "sieben", "Milliarden";
"percent", "seven", "billions"), so that a line as short as "10 Prozent" is German.
Words both lexicons have ("Euro", "million", "watt") tell nothing. Where nothing
tells, the default (English) stands; ``--lang`` overrides it all.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

from factcheck.lexicon import LANGS, Lexicon, load_lexicon

_WORD = re.compile(r"[^\W\d_]+")
#: Where a language tag's primary subtag ends: "de-CH", "en_GB".
_SUBTAG = re.compile(r"[-_]")
#: How much text is enough to tell: the first few thousand characters of a document.
_SAMPLE = 20_000
#: Shorter words of figures are not told apart ("m", "k" are in every lexicon anyway).
_MIN_MARKER = 2


def detect_lang(text: str, default: str = "en") -> str:
    """The language whose words occur most often in ``text``; on a tie, the one whose
    own letters its lower-case words write ("beschäftigt"), else ``default``.

    >>> detect_lang("Die Firma will in Sachsen rund zehn Milliarden Euro investieren.")
    'de'
    >>> detect_lang("The company will invest about ten billion euros in Saxony.")
    'en'
    >>> detect_lang("sieben Euro"), detect_lang("10 Prozent"), detect_lang("5 Euro")
    ('de', 'de', 'en')
    >>> detect_lang("Brenner Stahl beschäftigt 4.100 Menschen."), detect_lang("Müller hired 40.")
    ('de', 'en')
    """
    sample = text[:_SAMPLE]
    words = _lowered_words(sample)
    scores = dict.fromkeys(LANGS, 0)
    for lang in LANGS:
        scores[lang] = sum(map(markers(lang).__contains__, words))
    if len(set(scores.values())) < len(scores):  # a tie (mostly a short text): letters tell
        for lang in LANGS:
            scores[lang] += _lettered(lang, sample)
    best = max(LANGS, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default


def from_tag(tag: str | None) -> str | None:
    """The language a language tag names, if it is one factcheck reads; else None.

    >>> from_tag("de-CH"), from_tag("EN_gb"), from_tag(" de "), from_tag("fr"), from_tag(None)
    ('de', 'en', 'de', None, None)
    """
    if not tag:
        return None
    primary = _SUBTAG.split(tag.strip(), maxsplit=1)[0].lower()
    return primary if primary in LANGS else None


def document_lang(text: str, declared: str | None = None, override: str | None = None) -> str:
    """The language to read a document in: ``override`` (``--lang``), else the one it
    declares (a language tag), else the one its words tell.

    >>> document_lang("The plant cost $5 billion.", declared="de")
    'de'
    >>> document_lang("Das Werk kostet 5 Milliarden.", declared="de", override="en")
    'en'
    """
    return override or from_tag(declared) or detect_lang(text)


@functools.cache
def markers(lang: str) -> frozenset[str]:
    """The words (lower case) that tell ``lang``: its stopwords, and the words of its
    figures that no other language's lexicon has.

    >>> {"prozent", "sieben", "die"} <= markers("de"), "euro" in markers("de")
    (True, False)
    """
    own = _figure_words(load_lexicon(lang))
    for other in LANGS:
        if other != lang:
            lexicon = load_lexicon(other)
            own -= _figure_words(lexicon) | lexicon.stopwords
    return load_lexicon(lang).stopwords | own


def _figure_words(lex: Lexicon) -> set[str]:
    """Every word of the phrases a lexicon has for the parts of a figure."""
    phrases: Iterable[str] = itertools.chain(
        lex.numbers,
        lex.scales.words,
        lex.scales.short,
        lex.currencies.words,
        lex.currencies.minor,
        lex.percent.percent,
        lex.percent.points,
        lex.percent.basis_points,
        (word for unit in lex.units for word in unit.words),
        lex.multipliers.words,
    )
    return {
        word
        for phrase in phrases
        for word in _WORD.findall(phrase.lower())
        if len(word) >= _MIN_MARKER
    }


def _lettered(lang: str, sample: str) -> int:
    """How many words in lower case hold a letter that only ``lang`` writes."""
    letters = load_lexicon(lang).letters
    if not letters or not any(letter in sample for letter in letters):
        return 0  # most samples: no such letter at all, and no word to look at
    return sum(
        1 for word in _WORD.findall(sample)
        if word.islower() and any(letter in word for letter in letters)
    )  # fmt: skip


def _lowered_words(sample: str) -> list[str]:
    """The words of ``sample``, lower-cased, in no particular order.

    Lower-casing the whole sample at once is much cheaper than word by word, and gives
    the same words whenever every character lower-cases to one character: lower-casing
    never turns a letter into a non-letter or back. Two exceptions fall back to words one
    by one: a character that grows ("İ" becomes "i" and a combining dot), and the Greek
    capital sigma, whose lower case depends on what follows it.

    >>> sorted(_lowered_words("Die Firma, 2024 DIE")), _lowered_words("İstanbul")
    (['die', 'die', 'firma'], ['i̇stanbul'])
    """
    lowered = sample.lower()
    if len(lowered) == len(sample) and "Σ" not in sample:
        # Most whitespace-separated chunks are all letters, and so one word each, which
        # ``str.isalpha`` tells in C; only the rest ("2,400", "plant.") need the pattern,
        # run once over them all. The order of the words changes, which counting ignores.
        chunks = lowered.split()
        words = list(filter(str.isalpha, chunks))
        words += _WORD.findall(" ".join(itertools.filterfalse(str.isalpha, chunks)))
        return words
    return [word.lower() for word in _WORD.findall(sample)]
