"""Proper noun or common word: what a capitalised word is, by the Hanover Tagger's models.

German capitalises every noun, so a capital says nothing about a name there; an English
word that opens a sentence is capitalised whatever it is. HanTa ships a morphological
model of each language, trained on tagged news text: it knows the words of the language
and splits an unknown compound into known parts ("Kosten|lücke", "Mobilität|s|sparte"),
so it tells a common noun from a company's name without a list of companies.

A word the model does not know and cannot split into known words is taken for a name:
in news, most such words are names ("Thyssenkrupp", "Databricks").
"""

from __future__ import annotations

import functools
from typing import Protocol

#: Tags of proper nouns (and foreign words, which German text uses for names).
_PROPER = {"de": frozenset({"NE", "FM"}), "en": frozenset({"NP0"})}
#: Tags of the parts of a word that carry no meaning of their own (joints, suffixes).
_GLUE = ("SUF", "FUGE", "HYPHEN", "PREF", "ACR")
#: Log-probability above which the model knows a word rather than guessing its tag.
KNOWN = -25.0
#: German suffixes that make a word a common noun whatever the model guesses.
_DE_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus")
#: Most words remembered per language; past it, the memo is cleared (time, not memory).
_REMEMBERED = 1 << 14
_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}


class _Tagger(Protocol):  # the part of HanTa's HanoverTagger used here
    def tag_word(self, word: str) -> list[tuple[str, float]]: ...
    def analyze(self, word: str, taglevel: int) -> tuple[str, list[tuple[str, str]], str]: ...


@functools.cache
def _tagger(lang: str) -> _Tagger:
    from HanTa import HanoverTagger

    tagger: _Tagger = HanoverTagger.HanoverTagger(_MODELS[lang])
    return tagger


class WordClasses:
    """Whether words of one language are proper nouns, remembered per word."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._proper = _PROPER[lang]
        self._seen: dict[str, bool] = {}

    def is_proper(self, word: str) -> bool:
        """Whether ``word`` (as written, capitalised) is a proper noun.

        >>> WordClasses("de").is_proper("Kostenlücke"), WordClasses("de").is_proper("Nvidia")
        (False, True)
        >>> WordClasses("en").is_proper("Reports"), WordClasses("en").is_proper("Microsoft")
        (False, True)
        """
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) > _REMEMBERED:
                self._seen.clear()
            found = self._seen[word] = self._judge(word)
        return found

    def _judge(self, word: str) -> bool:
        tagger = _tagger(self.lang)
        tags = tagger.tag_word(word)
        if not tags:
            return True
        tag, score = tags[0]
        if self.lang == "de" and tag == "FM" and _english_common(word):
            return False  # an English word in German text: "(Debt)", "Deal", "Turnaround"
        if float(score) > KNOWN:
            return tag in self._proper
        if self.lang == "de":
            lower = word.lower()
            return not (lower.endswith(_DE_NOUN_SUFFIXES) or self._is_compound(word))
        return True  # an English word the model does not know: "Quillfeather"

    def _is_compound(self, word: str) -> bool:
        """Whether ``word`` is made of words the model knows, ending in a common noun.

        The model's own split is tried first; where it finds none, the longest known noun
        at the end of the word with a known word before it ("Schluss|kurs").
        """
        tagger = _tagger(self.lang)
        _, morphemes, _ = tagger.analyze(word, taglevel=3)
        stems = [m for m, tag in morphemes if not tag.startswith(_GLUE)]
        if len(stems) >= 2 and all(self._known(stem) for stem in stems):
            return True
        lower = word.lower()
        for cut in range(3, len(lower) - 3):
            head, modifier = lower[cut:], lower[:cut]
            if self._known(head, noun=True) and (
                self._known(modifier) or (modifier[-1] == "s" and self._known(modifier[:-1]))
            ):
                return True
        return False

    def _known(self, stem: str, *, noun: bool = False) -> bool:
        """Whether the model knows ``stem`` as a word (of three letters or more)."""
        if len(stem) < 3:
            return False
        tags = _tagger(self.lang).tag_word(stem.capitalize())
        if not tags:
            return False
        tag, score = tags[0]
        return float(score) > KNOWN and (not noun or tag == "NN")


@functools.cache
def _english_common(word: str) -> bool:
    """Whether English knows ``word`` as a common word (not a name): "debt", "deal"."""
    tags = _tagger("en").tag_word(word.lower())
    return bool(tags) and float(tags[0][1]) > KNOWN and tags[0][0] != "NP0"


@functools.cache
def word_classes(lang: str) -> WordClasses:
    """The one :class:`WordClasses` of ``lang`` for a process."""
    return WordClasses(lang)
