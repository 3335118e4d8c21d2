"""Which words cue which metric: the lexicon's ``[metrics]`` as a lookup table.

A cue is an exact word ("valuation"), a prefix ("invest*"), a suffix ("*runde") or a
phrase of two or three words ("market value"); a word's possessive ("company's") cues
what the word cues. Concepts and what kinds of figure they fit live in ``concepts.toml``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck.extract.names import without_possessive
from factcheck.lexicon import load_concepts, load_lexicon


class Cue(NamedTuple):
    """What a token cues by itself."""

    concept: str | None  # what the word cues
    phrase_head: bool  # whether a phrase may start with it


@dataclass(frozen=True)
class CueTable:
    """One language's cues, by how they match: whole word, prefix, suffix or phrase."""

    exact: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    phrases: dict[tuple[str, ...], str]
    #: the first words of ``phrases``: only at one of them is a phrase worth looking up
    phrase_heads: frozenset[str]
    #: whole words that cue more than one concept, with all of them in lexicon order
    #: ("übernimmt": a deal's value in money, a stake in percent)
    several: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: phrases that cue more than one concept, with all of them in lexicon order ("im
    #: vergangenen Jahr": an earlier time and a year's period)
    several_phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def word_concepts(self, lower: str) -> tuple[str, ...]:
        """Every concept a lower-cased word cues (the first is :meth:`word_concept`)."""
        word = without_possessive(lower)
        if word in self.several:
            return self.several[word]
        found = self.word_concept(lower)
        return (found,) if found is not None else ()

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

    def cue(self, token: str) -> Cue | None:
        """What ``token`` cues by itself, if anything: a concept, or the start of a phrase.

        A token costs a loop over dozens of prefixes and suffixes: a reader of many tokens
        remembers the answers (:class:`~factcheck.extract.context.Sentence`).
        """
        lower = token.lower()
        concept, phrase_head = self.word_concept(lower), lower in self.phrase_heads
        return Cue(concept, phrase_head) if concept is not None or phrase_head else None

    def phrase(self, tokens: list[str], i: int) -> str | None:
        """The concept of the longest phrase starting at ``tokens[i]``, if any.

        >>> table = cue_table("en")
        >>> table.phrase(["The", "market", "value", "of"], 1), table.cue("Revenue's")
        ('market_value', Cue(concept='revenue', phrase_head=False))
        """
        if i >= len(tokens) or tokens[i].lower() not in self.phrase_heads:
            return None  # no phrase starts with this word
        for length in (3, 2):
            key = tuple(token.lower() for token in tokens[i : i + length])
            if len(key) == length and key in self.phrases:
                return self.phrases[key]
        return None

    def phrase_concepts(self, tokens: list[str], i: int) -> tuple[str, ...]:
        """Every concept of the longest phrase starting at ``tokens[i]`` (the last is
        :meth:`phrase`)."""
        if i >= len(tokens) or tokens[i].lower() not in self.phrase_heads:
            return ()  # no phrase starts with this word
        for length in (3, 2):
            key = tuple(token.lower() for token in tokens[i : i + length])
            if len(key) == length and key in self.phrases:
                return self.several_phrases.get(key, (self.phrases[key],))
        return ()

    @classmethod
    def build(cls, words: Mapping[str, Iterable[str]]) -> CueTable:
        """A table from concept -> patterns: "word", "prefix*", "*suffix", "two words".

        >>> CueTable.build({"part": ["division", "*sparte"]}).word_concept("mobilitätssparte")
        'part'
        """
        exact: dict[str, str] = {}
        prefixes: list[tuple[str, str]] = []
        suffixes: list[tuple[str, str]] = []
        phrases: dict[tuple[str, ...], str] = {}
        several: dict[str, tuple[str, ...]] = {}
        several_phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for concept, cues in words.items():
            for cue in cues:
                cue = cue.lower()
                if cue.endswith("*"):
                    prefixes.append((cue[:-1], concept))
                elif cue.startswith("*"):
                    suffixes.append((cue[1:], concept))
                elif " " in cue:
                    key = tuple(cue.split())
                    if key in phrases and phrases[key] != concept:
                        several_phrases[key] = (*several_phrases.get(key, (phrases[key],)), concept)
                    phrases[key] = concept
                else:
                    if cue in exact and exact[cue] != concept:
                        several[cue] = (*several.get(cue, (exact[cue],)), concept)
                    exact.setdefault(cue, concept)
        prefixes.sort(key=lambda p: -len(p[0]))
        suffixes.sort(key=lambda p: -len(p[0]))
        heads = frozenset(key[0] for key in phrases)
        return cls(
            exact, tuple(prefixes), tuple(suffixes), phrases, heads, several, several_phrases
        )


@functools.cache
def cue_table(lang: str) -> CueTable:
    return CueTable.build(load_lexicon(lang).metrics)


@functools.cache
def refinements(concept: str) -> frozenset[str]:
    """The concepts that narrow ``concept`` ("construction_jobs" narrows "jobs")."""
    return frozenset(c for c, known in load_concepts().items() if known.refines == concept)
