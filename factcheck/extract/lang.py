"""Which language a document is written in, English or German, from its function words."""

from __future__ import annotations

import itertools
import re

from factcheck.lexicon import LANGS, load_lexicon

_WORD = re.compile(r"[^\W\d_]+")
#: How much text is enough to tell: the first few thousand characters of a document.
_SAMPLE = 20_000


def detect_lang(text: str, default: str = "en") -> str:
    """The language whose stopwords occur most often in ``text``; ``default`` on a tie.

    >>> detect_lang("Die Firma will in Sachsen rund zehn Milliarden Euro investieren.")
    'de'
    >>> detect_lang("The company will invest about ten billion euros in Saxony.")
    'en'
    """
    words = _lowered_words(text[:_SAMPLE])
    scores = dict.fromkeys(LANGS, 0)
    for lang in LANGS:
        scores[lang] = sum(map(load_lexicon(lang).stopwords.__contains__, words))
    best = max(LANGS, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default


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
