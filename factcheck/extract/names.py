"""Which tokens may be part of an organisation's name.

A name is a run of capitalised tokens that are not sentence furniture (lexicon
``not_names``, stopwords); in German, where every noun is capitalised, a capital after a
stopword or a number, or one that ends like a common noun ("-ung", "-keit"), is no name
unless it is a known entity. A single capital letter that a word like "Series" or
"Phase" labels ("Series E") is no name either.
"""

from __future__ import annotations

import functools

from factcheck.lexicon import load_lexicon

#: Tokens that end a clause; never part of a name.
CLAUSE_MARKS = frozenset(',;:()–—"“”„')
#: Marks that end a clause outright: what follows one is another statement.
CLAUSE_STOPS = frozenset(";")
#: German words that end like common nouns; a capitalised word ending so is no name.
_DE_NOUN_ENDINGS = (
    "ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus", "en", "er", "ern", "chen",
    "lich", "isch", "ur", "ik", "tum", "ment", "ie",
)  # fmt: skip


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


def is_name_token(lang: str, token: str, previous: str | None, known: frozenset[str]) -> bool:
    """Whether ``token`` (``previous`` is the token before it) may be part of a name."""
    verdict, letter = _name_verdict(lang, token, known)
    if verdict is not None:
        return verdict
    if previous is None or previous in _OPENING:
        return without_possessive(token).lower() not in _common_at_start(lang)
    before = previous.lower()
    if letter and before in _labelling_words(lang):
        return False  # "its Series E round": a letter that a word like "Series" labels
    # In German, a capital after a stopword or a number is a common noun: "die Werke",
    # "drei Millionen Haushalte".
    german_noun = before in _before_nouns(lang) or previous[:1].isdigit()
    return not (lang == "de" and german_noun)


@functools.lru_cache(maxsize=1 << 14)
def _name_verdict(lang: str, token: str, known: frozenset[str]) -> tuple[bool | None, bool]:
    """What a token says by itself about being part of a name, and whether it is a letter.

    True or False settle it; None leaves it to the word before (remembered: capitalised
    words recur, the words before them vary).
    """
    text = without_possessive(token)
    if not text[:1].isupper() or text in CLAUSE_MARKS:
        return False, False
    lower = text.lower()
    if lower in _furniture(lang):
        return False, False
    if text in known:
        return True, False
    if lang == "de":
        has_inner_capital = any(ch.isupper() for ch in text[1:])
        if not has_inner_capital and lower.endswith(_DE_NOUN_ENDINGS):
            return False, False
    return None, len(text) == 1


@functools.cache
def party_words(lang: str) -> frozenset[str]:
    """Words that make the name after them the other party ("in", "with", "an")."""
    return frozenset(load_lexicon(lang).references.counterparty_before)


@functools.cache
def governing_words(lang: str) -> frozenset[str]:
    """Words that make the name after them a party or a place ("in", "with", "an")."""
    refs = load_lexicon(lang).references
    return frozenset(refs.counterparty_before) | frozenset(refs.place_before)
