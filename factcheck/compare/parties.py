"""Whose figure is it: recognising the same company under different names.

"Google" and "Alphabet" are one party when the ledger says so; "Fennec" and "Fennec
Payments Inc." are one party because one name is the other without its suffix and
qualifiers; "Anthropc" is "Anthropic" by a fuzzy match (rapidfuzz), which catches typos
without joining companies whose names merely share a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from factcheck.lexicon import LANGS, load_lexicon

#: A word of a name or sentence, for finding names inside sentences.
_WORD = re.compile(r"\w+(?:[&.'’-]\w+)*")
#: Least rapidfuzz ratio (0..100) at which two different spellings name one company.
FUZZY_NAME_RATIO = 90.0
#: Similarity of two names that are the same party (after aliases and suffixes).
SAME = 1.0
#: Similarity of names where one is the other with words added ("Fennec Payments").
PART = 0.9


def _suffixes() -> frozenset[str]:
    words: set[str] = set()
    for lang in LANGS:
        refs = load_lexicon(lang).references
        words.update(s.casefold() for s in refs.corporate_suffixes)
        words.update(p.casefold() for p in refs.possessive)
    return frozenset(words)


class Parties:
    """Name normalisation and comparison, knowing the ledger's entities and aliases."""

    def __init__(self, entities: Mapping[str, Sequence[str]] = {}) -> None:
        self._suffixes = _suffixes()
        self._canonical: dict[str, str] = {}
        self._aliases: dict[str, list[str]] = {}
        for name, aliases in entities.items():
            for alias in (name, *aliases):
                self._canonical[self.norm(alias)] = self.norm(name)
                self._aliases.setdefault(self.norm(name), []).append(self.norm(alias))
        self._cache: dict[tuple[str, str], float] = {}
        self._sentence_words: dict[str, str] = {}

    def norm(self, name: str) -> str:
        """A name folded for comparison: case, possessives and corporate suffixes dropped.

        >>> Parties().norm("Fennec Payments Inc.'s")
        'fennec payments'
        """
        folded = name.casefold()
        for mark in ("'s", "’s"):
            if folded.endswith(mark):
                folded = folded[: -len(mark)]
        words = [w.strip(",;:'’\"") for w in folded.split()]
        while len(words) > 1 and words[-1] in self._suffixes:
            words.pop()
        return " ".join(w for w in words if w)

    def canonical(self, name: str) -> str:
        """The ledger's name for ``name`` (folded), or the folded name itself.

        >>> Parties({"Alphabet": ["Google"]}).canonical("Google")
        'alphabet'
        """
        folded = self.norm(name)
        return self._canonical.get(folded, folded)

    def similarity(self, a: str, b: str) -> float:
        """How surely ``a`` and ``b`` name the same party: 1, 0.9, a fuzzy ratio, or 0.

        >>> p = Parties({"Alphabet": ["Google"]})
        >>> p.similarity("Google", "Alphabet Inc."), p.similarity("Fennec", "Fennec Payments")
        (1.0, 0.9)
        >>> p.similarity("Amazon", "Anthropic")
        0.0
        """
        key = (a, b)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        x, y = self.canonical(a), self.canonical(b)
        if x == y:
            result = SAME
        elif _is_part(x, y) or _is_part(y, x):
            result = PART
        else:
            ratio = fuzz.ratio(x, y)
            result = ratio / 100 if ratio >= FUZZY_NAME_RATIO else 0.0
        self._cache[key] = result
        return result

    def mentions(self, sentence: str, name: str) -> bool:
        """Whether ``sentence`` names ``name`` (or one of its aliases) word for word.

        >>> Parties().mentions("Amazon's Project Rainier campus opens.", "Project Rainier")
        True
        """
        words = self._sentence_words.get(sentence)
        if words is None:
            words = f" {' '.join(words_of(sentence))} "
            self._sentence_words[sentence] = words
        wanted = self.norm(name)
        names = [wanted, *self._aliases.get(self.canonical(name), ())]
        return any(f" {' '.join(words_of(n))} " in words for n in names if n)

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two known names are one party."""
        return a is not None and b is not None and self.similarity(a, b) >= PART


def words_of(text: str) -> list[str]:
    """The folded words of a name or sentence, as names are looked for in sentences.

    >>> words_of("Amazon's Project Rainier, AT&T.")
    ["amazon's", 'project', 'rainier', 'at&t']
    """
    return _WORD.findall(text.casefold())


def _is_part(short: str, long: str) -> bool:
    """Whether the words of ``short`` start ``long`` ("fennec" in "fennec payments"), or
    ``short`` is the last of two words, as a surname is ("musk" in "elon musk").

    >>> _is_part("fennec", "fennec payments"), _is_part("musk", "elon musk")
    (True, True)
    >>> _is_part("europe", "steel group europe"), _is_part("ai", "scale ai")
    (False, False)
    """
    short_words, long_words = short.split(), long.split()
    if 0 < len(short_words) < len(long_words) and long_words[: len(short_words)] == short_words:
        return True
    return len(long_words) == 2 and short_words == long_words[1:] and len(short) >= 4
