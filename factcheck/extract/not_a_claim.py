"""Numbers that state no figure: years, dates, ordinals, durations, scores, phone
numbers, names with digits, references, and counts in words that count nothing.

:func:`is_not_a_claim` is asked of every figure :func:`~factcheck.extract.quantities.scan`
has read, once its range, qualifier and noun are known.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.extract.figure import TOKEN, Quantity, is_year_like, next_word, skip_space
from factcheck.extract.grammar import Grammar, fold
from factcheck.extract.numerals import NUMERAL

#: The word right before a position, for names ("Claude 3.7"), years ("in 2019") and dates,
#: read backwards: matched on the reversed window, the regex anchors at the figure instead
#: of trying every start in the window.
_WORD_BEFORE_REVERSED = re.compile(
    r"""
    (?P<gap> [-\s\u00a0\u202f]* )          # the gap before the figure (reversed)
    (?P<word> (?: [\w&'’.]* \w )? )          # a word, which begins with a letter or digit
    """,
    re.VERBOSE,
)
#: A word before a figure that begins a phone number: a leading zero or a plus sign.
_PHONE_PART = re.compile(r"\(?(?:\+\d+|0\d+)\)?")


def _word_before(s: str, start: int) -> tuple[str, str]:
    """The word that ends (perhaps across a gap) within 40 characters before ``start``.

    >>> _word_before("Boeing 737", 7), _word_before("COVID-19", 6), _word_before("(5", 1)
    (('Boeing', ' '), ('COVID', '-'), ('', ''))
    """
    match = _WORD_BEFORE_REVERSED.match(s[max(0, start - 40) : start][::-1])
    assert match is not None  # every part of the pattern may be empty
    word = match.group("word")
    return (word[::-1], match.group("gap")[::-1]) if word else ("", "")


def is_not_a_claim(g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]) -> bool:
    """Years, dates, ordinals, durations, phone numbers, names with digits, vague words.

    ``joined``: a number is glued to the figure by a hyphen or slash without making a
    range (:func:`~factcheck.extract.ranges.with_range`). ``words_before`` are the
    :func:`~factcheck.extract.figure.last_words` before the figure as it was found.

    The rules are asked in order, those about the figure by itself first, then those
    about the words around it; the first that decides, decides.
    """
    for rule in _BY_ITSELF:
        decided = rule(g, s, q, joined, words_before)
        if decided is not None:
            return decided
    around = _Around(s, q, words_before)
    for word_rule in _BY_ITS_WORDS:
        decided = word_rule(g, s, q, around)
        if decided is not None:
            return decided
    return False


# Each rule says True (no claim), False (a claim: no later rule is asked) or None (it
# does not apply). First the rules about the figure by itself, then (``_Around``) about
# the words around it, each in the order asked.


def _a_name_in_words(
    g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]
) -> bool | None:
    """ "Eight Mile Road", "die Sieben Zwerge", "Three Mile Island"."""
    return True if q.spelled and q.unit != "x" and _in_a_name(g, s, q) else None


def _a_count_in_words(
    g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]
) -> bool | None:
    """ "two plants" and "eine Billion sind tausend Milliarden" are no claims; a count in
    words with a scale is: "two million subscribers", "zwölftausend Stellen", and so is
    a count of things from three on: "seven buildings", "sieben Gebäude"."""
    if not q.spelled or q.unit is not None:
        return None
    if q.noun is None:
        return True
    return not (q.scaled or q.value >= 1000 or _counted_in_words(g, s, q, words_before))


def _a_measure(
    g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]
) -> bool | None:
    """A figure with a unit, or an amount of the document's money ("50 Milliarden")."""
    return False if q.unit is not None or q.elliptic else None


def _a_phone_number(
    g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]
) -> bool | None:
    """555-0142, 2024/25, +1 (555) 123-4567."""
    return True if joined or _in_a_phone_number(s, q) else None


def _a_duration(
    g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]
) -> bool | None:
    """Four years, 30-year-old, 5th, 9.30am."""
    return True if g.duration.match(s, q.end) else None


class _Around:
    """The words around a figure that the later rules look at, read once."""

    __slots__ = ("after", "gap", "lower", "word", "word_after", "words_before")

    def __init__(self, s: str, q: Quantity, words_before: list[str]) -> None:
        #: the last words before the figure as it was found
        self.words_before = words_before
        #: the word right before it, perhaps across a gap ("Boeing", "COVID"), and the gap
        self.word, self.gap = _word_before(s, q.start)
        #: the word in small letters, without a final dot
        self.lower = self.word.lower().rstrip(".")
        #: the token after the figure, and the word it is, if it is one
        self.after = after = TOKEN.match(s, q.end)
        self.word_after: str = (after.group("word") or "") if after else ""


def _a_date(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """March 3, 3. März."""
    months = g.months
    return True if a.lower in months or a.word_after.lower().rstrip(".") in months else None


def _a_time_zone(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """GMT+1, UTC-5: a time zone's offset."""
    return True if a.lower in g.clock_words else None


def _a_year(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """ "ab 2027 monatlich", "2024.", "seit 2019 Vorstandschef"."""
    if not is_year_like(q):
        return None
    # English groups thousands ("2,000 jobs"), so a bare 1000..2199 is a year; German
    # may write "2000 Mitarbeiter", so there a following noun (capitalised, as every
    # German noun) makes it a count.
    if not g.lex.counted_nouns.head_capitalised or not a.word_after[:1].isupper():
        return True
    # "seit 2019 Vorstandschef" is a year; "der 1500 Beschäftigten" a count of them
    counted = a.lower in g.lex.determiners and q.noun is not None and q.noun == a.word_after
    return True if q.qualifier == "exact" and a.lower in g.year_words and not counted else None


def _an_index_name(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """FTSE 100, CAC 40: an index's name."""
    return True if a.gap.strip() == "" and a.word and g.index_name.fullmatch(a.word) else None


def _a_code(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """Q-7, COVID-19."""
    return True if a.word and a.gap and "-" in a.gap and a.word[-1:].isalpha() else None


def _a_model_number(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """Claude 3.7, Boeing 737, S&P 500: a name's number."""
    word, lower = a.word, a.lower
    # A model number is never written with group separators nor a scale word: "Boeing
    # 737", but not the "2.400" after a German noun ("laut dem Unternehmen 2.400 Stellen").
    named = word[:1].isupper() and lower not in g.not_names and a.gap.strip() == ""
    named = named and not q.grouped and not q.scaled  # "im Vorjahr 9,4 Millionen Container"
    # A qualifier stands between the word and the number: "im Lager knapp 500 Menschen".
    named = named and not s[q.start].isalpha()
    # A German noun before a count of a noun is no name: "für den Auftrag 400 Stellen".
    nouns_capitalised = g.lex.counted_nouns.head_capitalised
    named = named and not (nouns_capitalised and q.noun and q.noun.split()[-1][:1].isupper())
    if named and ((lower not in g.lex.stopwords and not word.isupper()) or "&" in word):
        return True
    return None


def _an_ordinal_with_a_dot(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """ "der 3. große Auftrag", where an ordinal is its number and a dot."""
    if g.lex.not_claims.ordinal_dot and s.startswith(".", q.end) and not q.grouped:
        nxt = s[q.end + 1 : q.end + 3].strip()
        if nxt[:1].islower():
            return True
    return None


def _an_ordinal_after_an_article(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """ "ihre 5.000. Filiale", but not "die 5.000. Der"."""
    if s.startswith(".", q.end) and a.lower in g.lex.determiners:
        following = next_word(s, q.end + 1)
        if following and following.lower() not in g.lex.determiners:
            return True
    return None


def _digits_glued_after(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """The first of "3-1", "24/7": more digits glued by a hyphen or slash."""
    return True if s.startswith(("-", "/"), q.end) and s[q.end + 1 : q.end + 2].isdigit() else None


def _digits_glued_before(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """The second of "3-1", "2:0", "24/7": a score or a code, not a figure."""
    return True if q.start >= 2 and s[q.start - 1] in "-–/:" and s[q.start - 2].isdigit() else None


def _digits_after_digits(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """ "30 1234567": digits after digits are a phone number or a list."""
    return True if a.after and NUMERAL.match(s, skip_space(s, q.end)) else None


def _a_bare_number(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """A number that counts nothing named, written without group separators or a scale."""
    bare = q.noun is None and not q.grouped and not q.scaled and q.qualifier == "exact"
    return True if bare else None


def _a_qualified_figure(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """A qualifier stands between the figure and what comes before: "über 500 Stellen"."""
    return False if q.qualifier not in ("exact", "range") else None


def _a_reference(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """§ 15, article 50, Abs. 2; "0800 123 456": the rest of a phone number."""
    before = a.words_before[-2:]
    if before and (before[-1] in g.references or _PHONE_PART.fullmatch(before[-1])):
        return True
    return None


def _a_ratio_or_address(g: Grammar, s: str, q: Quantity, a: _Around) -> bool | None:
    """The 5 of "1 in 5 adults" and the 10 of "10 Downing Street"."""
    return _ratio_or_address(g, q, a.words_before[-2:])


_ByItself = Callable[[Grammar, str, Quantity, bool, list[str]], bool | None]
_ByItsWords = Callable[[Grammar, str, Quantity, _Around], bool | None]

#: The rules about the figure by itself, in the order asked.
_BY_ITSELF: tuple[_ByItself, ...] = (
    _a_name_in_words,
    _a_count_in_words,
    _a_measure,
    _a_phone_number,
    _a_duration,
)
#: The rules about the words around the figure, in the order asked.
_BY_ITS_WORDS: tuple[_ByItsWords, ...] = (
    _a_date,
    _a_time_zone,
    _a_year,
    _an_index_name,
    _a_code,
    _a_model_number,
    _an_ordinal_with_a_dot,
    _an_ordinal_after_an_article,
    _digits_glued_after,
    _digits_glued_before,
    _digits_after_digits,
    _a_bare_number,
    _a_qualified_figure,
    _a_reference,
    _a_ratio_or_address,
)


#: An area code in brackets, right before a figure or after a country code.
_AREA_CODE_BEFORE = re.compile(r"\(\d{1,5}\)[\s\u00a0]*\Z")
_AREA_CODE_AFTER = re.compile(r"[\s\u00a0]*\(\d{1,5}\)[\s\u00a0]*\d")


def _in_a_phone_number(s: str, q: Quantity) -> bool:
    """Whether the figure is a part of a phone number: "+49 (30) 1234-5678"."""
    if q.start and s[q.start - 1] in " )\u00a0" and ")" in s[max(0, q.start - 3) : q.start]:
        return _AREA_CODE_BEFORE.search(s, max(0, q.start - 10), q.start) is not None
    return s.startswith(" (", q.end) and _AREA_CODE_AFTER.match(s, q.end) is not None


def _counted_in_words(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> bool:
    """Whether a small number in words counts the noun after it: "seven buildings".

    Not "one of the", "two rivals" (below ``counts_from``), "the three founders" (known
    already: a determiner before), "four years" (a duration) or "drei Mal".
    """
    syntax = g.lex.number_syntax
    if q.value < syntax.counts_from or q.value != int(q.value) or q.qualifier != "exact":
        return False
    if words_before and words_before[-1] in g.lex.determiners:
        return False
    if g.duration.match(s, q.end) or q.noun is None:
        return False
    if len(words_before) >= 2 and words_before[-1] in g.ratio_words:
        previous = words_before[-2]
        if previous.isdigit() or previous in g.number_words:
            return False  # "drei von zehn Deutschen": a ratio
    return fold(q.noun.split()[0]) not in syntax.not_counted


def _in_a_name(g: Grammar, s: str, q: Quantity) -> bool:
    """Whether a number in words is part of a name: capitalised inside a sentence ("the
    Big Four", "die Sieben Zwerge"), or before a capitalised unit word where units are
    written in small letters ("Three Mile Island")."""
    if not s[q.start : q.start + 1].isupper():
        return False
    if not _starts_sentence(s, q.start):
        return True
    if g.lex.counted_nouns.head_capitalised:
        return False  # German nouns, units among them, are capitalised anyway
    unit = next_word(s, _number_end(g, s, q))
    return unit[:1].isupper() and fold(unit) in g.units


def _number_end(g: Grammar, s: str, q: Quantity) -> int:
    """Where the number words of a figure in words end (before its scale or unit)."""
    match = g.word_anchor.match(s, q.start)
    return match.end() if match else q.end


def _starts_sentence(s: str, pos: int) -> bool:
    """Whether ``pos`` begins a sentence: the text's start, or after an end mark."""
    at = pos - 1
    while at >= 0 and (s[at].isspace() or s[at] in "\"'‘“„«»(["):
        at -= 1
    return at < 0 or s[at] in ".!?:;\n"


def _ratio_or_address(g: Grammar, q: Quantity, before: list[str]) -> bool:
    """The 5 of "1 in 5 adults" and the 10 of "10 Downing Street" are no counts.

    ``before`` are the two :func:`~factcheck.extract.figure.last_words` before the figure.
    """
    if len(before) == 2 and before[1] in g.ratio_words:
        first = before[0]
        if first.isdigit() or g.number_words.get(first, 0) == 1:
            return True
    if g.street_words and q.noun is not None and " " in q.noun:
        name, last = q.noun.rsplit(" ", 1)
        return name[:1].isupper() and fold(last).rstrip(".") in g.street_words
    return False
