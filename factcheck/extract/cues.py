"""Which words cue which metric: the lexicon's ``[metrics]`` as a lookup table.

A cue is an exact word ("valuation"), a prefix ("invest*"), a suffix ("*runde") or a
phrase of two or three words ("market value"); a word's possessive ("company's") cues
what the word cues. Concepts and what kinds of figure they fit live in ``concepts.toml``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.extract.names import without_possessive
from factcheck.lexicon import load_concepts, load_lexicon


@dataclass(frozen=True)
class CueTable:
    """One language's cues, by how they match: whole word, prefix, suffix or phrase."""

    exact: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    phrases: dict[tuple[str, ...], str]
    #: the first words of ``phrases``: only at one of them is a phrase worth looking up
    phrase_heads: frozenset[str]

    def word_concept(self, lower: str) -> str | None:
        """The concept a single lower-cased word cues, if any."""
        word = without_possessive(lower)
        if word in self.exact:
            return self.exact[word]
        for prefix, concept in self.prefixes:
            if word.startswith(prefix):
                return concept
        for suffix, concept in self.suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                return concept
        return None

    def concepts(
        self, lowers: list[str], word_concept: Callable[[str], str | None]
    ) -> list[str | None]:
        """The concept cued at each (lower-cased) token: a phrase starting there, or the word.

        ``word_concept`` is :meth:`word_concept`, perhaps remembered.
        """
        found = list(map(word_concept, lowers))
        if not self.phrase_heads.isdisjoint(lowers):
            for i, lower in enumerate(lowers):
                if lower not in self.phrase_heads:
                    continue
                for length in (3, 2):
                    key = tuple(lowers[i : i + length])
                    if len(key) == length and key in self.phrases:
                        found[i] = self.phrases[key]
                        break
        return found


@functools.cache
def cue_table(lang: str) -> CueTable:
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    suffixes: list[tuple[str, str]] = []
    phrases: dict[tuple[str, ...], str] = {}
    for concept, cues in load_lexicon(lang).metrics.items():
        for cue in cues:
            cue = cue.lower()
            if cue.endswith("*"):
                prefixes.append((cue[:-1], concept))
            elif cue.startswith("*"):
                suffixes.append((cue[1:], concept))
            elif " " in cue:
                phrases[tuple(cue.split())] = concept
            else:
                exact.setdefault(cue, concept)
    prefixes.sort(key=lambda p: -len(p[0]))
    suffixes.sort(key=lambda p: -len(p[0]))
    heads = frozenset(key[0] for key in phrases)
    return CueTable(exact, tuple(prefixes), tuple(suffixes), phrases, heads)


@functools.cache
def word_cues(lang: str) -> Callable[[str], str | None]:
    """:meth:`CueTable.word_concept` of ``lang``, remembering the words it has seen.

    Every word of a sentence with a figure is looked up, and the prefix and suffix cues
    make a lookup a loop over dozens of endings. A news text has some tens of thousands
    of distinct words; past the bound, the rarest are looked up again (time, not memory).
    """
    return functools.lru_cache(maxsize=1 << 15)(cue_table(lang).word_concept)


@functools.cache
def refinements(concept: str) -> frozenset[str]:
    """The concepts that narrow ``concept`` ("construction_jobs" narrows "jobs")."""
    return frozenset(c for c, known in load_concepts().items() if known.refines == concept)
