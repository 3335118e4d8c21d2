"""Which language a document is written in, English or German, from its function words."""

from __future__ import annotations

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
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE])]
    scores = dict.fromkeys(LANGS, 0)
    for lang in LANGS:
        stop = load_lexicon(lang).stopwords
        scores[lang] = sum(1 for w in words if w in stop)
    best = max(LANGS, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default
