"""Which tokens may be part of an organisation's name.

A name is a run of capitalised tokens that are not sentence furniture (lexicon
``not_names``, stopwords); in German, where every noun is capitalised, a capital after a
stopword or a number, or one that ends like a common noun (lexicon ``noun_endings``:
"-ung", "-keit"), is no name unless it is a known entity. A single capital letter that a
word like "Series" or "Phase" labels ("Series E") is no name either.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from factcheck.lexicon import load_lexicon

#: Tokens that end a clause; never part of a name.
CLAUSE_MARKS = frozenset(',;:()–—"“”„')
#: Marks that end a clause outright: what follows one is another statement.
CLAUSE_STOPS = frozenset(";")


@functools.cache
def _labelling_words(lang: str) -> frozenset[str]:
    """Words after which a single capital letter is a label, not a name.

    Words that are no names ("series", "phase", "the") label what follows them: "Series E",
    "Phase B". Words that introduce a party or a place ("in", "with") do not: "a stake in X".
    """
    lex = load_lexicon(lang)
    refs = lex.references
    return frozenset(lex.not_claims.not_names) - {*refs.counterparty_before, *refs.place_before}


@functools.cache
def _furniture(lang: str) -> frozenset[str]:
    """Capitalised words that are never names: sentence furniture and stopwords."""
    lex = load_lexicon(lang)
    return frozenset(lex.not_claims.not_names) | lex.stopwords


def without_possessive(token: str) -> str:
    """The word without its possessive "'s".

    >>> without_possessive("Siemens's"), without_possessive("Google’s"), without_possessive("Bass")
    ('Siemens', 'Google', 'Bass')
    """
    return token[:-2] if token.endswith(("'s", "’s")) else token


@functools.cache
def _common_at_start(lang: str) -> frozenset[str]:
    """Words capitalised at a sentence's start that name no party there: the lexicon's
    ``not_names_at_start`` and the metric cue words ("Revenue rose", "Net profit")."""
    lex = load_lexicon(lang)
    cues = {
        cue.split()[0].lower()
        for cues in lex.metrics.values()
        for cue in cues
        if not cue.startswith("*") and not cue.endswith("*")
    }
    return frozenset(lex.not_claims.not_names_at_start) | cues


#: What may stand before the first word of a sentence: nothing, or an opening mark.
_OPENING = frozenset("\"“„‘'(")


@functools.cache
def _before_nouns(lang: str) -> frozenset[str]:
    """Words after which a German capital is a common noun: stopwords, number and scale
    words ("drei", "Millionen", "Mrd.")."""
    lex = load_lexicon(lang)
    figures = {*lex.numbers, *lex.scales.words, *lex.scales.short}
    return lex.stopwords | {word.lower() for word in figures}


class NameCandidate(NamedTuple):
    """A capitalised token that may be part of a name, and what it says about that by itself.

    (Not to be confused with a verdict on a figure, :data:`factcheck.models.Verdict`.)
    """

    text: str  # the token without its possessive
    noun: bool  # ends like a German common noun: no name unless a known entity
    letter: bool  # a single letter, which a word like "Series" may label
    at_start: bool  # may be a name as a sentence's first word


class _NameWords(NamedTuple):
    """One language's word lists for :func:`names_among`, gathered once."""

    #: every noun is capitalised (German): a capital after ``before_nouns`` is a noun
    nouns_capitalised: bool
    labelling: frozenset[str]
    before_nouns: frozenset[str]


@functools.cache
def _name_words(lang: str) -> _NameWords:
    capitalised = load_lexicon(lang).counted_nouns.head_capitalised
    return _NameWords(capitalised, _labelling_words(lang), _before_nouns(lang))


def names_among(
    lang: str,
    tokens: list[str],
    at: list[int],
    candidates: list[NameCandidate],
    known: frozenset[str],
) -> list[int]:
    """Which of the tokens at ``at`` may be part of a name, judged by the token before
    each: the indices, in order. ``candidates`` says what each is by itself
    (:func:`name_candidate`).

    >>> def names(lang, tokens):
    ...     judged = [(i, name_candidate(lang, t)) for i, t in enumerate(tokens)]
    ...     found = [(i, v) for i, v in judged if v is not None]
    ...     at, candidates = [i for i, _ in found], [c for _, c in found]
    ...     return names_among(lang, tokens, at, candidates, frozenset())
    >>> names("en", ["Revenue", "at", "Corvid", "Systems", "rose", "12", "%"])
    [2, 3]
    >>> names("de", ["Siemens", "baut", "drei", "Werke"])
    [0]
    """
    nouns_capitalised, labelling, before_nouns = _name_words(lang)
    found = []
    for i, (text, noun, letter, at_start) in zip(at, candidates, strict=True):
        if text in known:
            found.append(i)
            continue
        if noun:
            continue
        previous = tokens[i - 1] if i else None
        if previous is None or previous in _OPENING:
            if at_start:
                found.append(i)
            continue
        before = previous.lower()
        if letter and before in labelling:
            continue  # "its Series E round": a letter that a word like "Series" labels
        # Where every noun is capitalised, a capital after a stopword or a number is a
        # common noun: "die Werke", "drei Millionen Haushalte".
        if nouns_capitalised and (before in before_nouns or previous[:1].isdigit()):
            continue
        found.append(i)
    return found


def name_candidate(lang: str, token: str) -> NameCandidate | None:
    """What ``token`` says by itself about being part of a name; None when it is none:
    not capitalised, sentence furniture or a stopword (even if a known entity).

    >>> name_candidate("en", "Google's"), name_candidate("en", "The"), name_candidate("en", "rose")
    (NameCandidate(text='Google', noun=False, letter=False, at_start=True), None, None)
    """
    if not token[:1].isupper():
        return None  # most tokens
    text = without_possessive(token)
    lower = text.lower()
    if not text[:1].isupper() or text in CLAUSE_MARKS or lower in _furniture(lang):
        return None
    noun = False
    endings = _noun_endings(lang)
    if endings:  # where every noun is capitalised: "Leistung" is a noun, "BioNTech" a name
        has_inner_capital = any(ch.isupper() for ch in text[1:])
        noun = not has_inner_capital and lower.endswith(endings)
    return NameCandidate(text, noun, len(text) == 1, lower not in _common_at_start(lang))


@functools.cache
def _noun_endings(lang: str) -> tuple[str, ...]:
    """Endings of common nouns where every noun is capitalised (lexicon ``noun_endings``)."""
    return load_lexicon(lang).not_claims.noun_endings


@functools.cache
def party_words(lang: str) -> frozenset[str]:
    """Words that make the name after them the other party ("in", "with", "an")."""
    return frozenset(load_lexicon(lang).references.counterparty_before)


@functools.cache
def governing_words(lang: str) -> frozenset[str]:
    """Words that make the name after them a party or a place ("in", "with", "an")."""
    refs = load_lexicon(lang).references
    return frozenset(refs.counterparty_before) | frozenset(refs.place_before)
