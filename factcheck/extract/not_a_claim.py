"""Numbers that state no figure: years, dates, ordinals, durations, scores, phone
numbers, names with digits, references, and counts in words that count nothing.

:func:`is_not_a_claim` is asked of every figure :func:`~factcheck.extract.quantities.scan`
has read, once its range, qualifier and noun are known.
"""

from __future__ import annotations

import re

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

    ``words_before`` are the :func:`~factcheck.extract.figure.last_words` before the
    figure as it was found.
    """
    if q.spelled and q.unit != "x" and _in_a_name(g, s, q):
        return True  # "Eight Mile Road", "die Sieben Zwerge", "Three Mile Island"
    if q.spelled and q.unit is None:
        # "two plants" and "eine Billion sind tausend Milliarden" are no claims; a count
        # in words with a scale is: "two million subscribers", "zwölftausend Stellen",
        # and so is a count of things from three on: "seven buildings", "sieben Gebäude".
        if q.noun is None:
            return True
        return not (q.scaled or q.value >= 1000 or _counted_in_words(g, s, q, words_before))
    if q.unit is not None or q.elliptic:
        return False
    if joined or _in_a_phone_number(s, q):
        return True  # 555-0142, 2024/25, +1 (555) 123-4567
    if g.duration.match(s, q.end):
        return True  # four years, 30-year-old, 5th
    word, gap = _word_before(s, q.start)
    lower = word.lower().rstrip(".")
    after = TOKEN.match(s, q.end)  # read once: several rules below look at it
    word_after = (after.group("word") or "") if after else ""
    if lower in g.months or word_after.lower().rstrip(".") in g.months:
        return True  # March 3, 3. März
    if lower in g.clock_words:
        return True  # GMT+1, UTC-5: a time zone's offset
    if is_year_like(q):
        # English groups thousands ("2,000 jobs"), so a bare 1000..2199 is a year; German
        # may write "2000 Mitarbeiter", so there a following noun makes it a count.
        if not word_after[:1].isupper() or g.lex.lang == "en":
            return True  # "ab 2027 monatlich", "2024."
        # "seit 2019 Vorstandschef" is a year; "der 1500 Beschäftigten" a count of them
        counted = lower in g.lex.determiners and q.noun is not None and q.noun == word_after
        if q.qualifier == "exact" and lower in g.year_words and not counted:
            return True
    if gap.strip() == "" and word and g.index_name.fullmatch(word):
        return True  # FTSE 100, CAC 40: an index's name
    if word and gap and "-" in gap and word[-1:].isalpha():
        return True  # Q-7, COVID-19
    nouns_capitalised = g.lex.counted_nouns.head_capitalised
    # A model number is never written with group separators nor a scale word: "Boeing
    # 737", but not the "2.400" after a German noun ("laut dem Unternehmen 2.400 Stellen").
    named = word[:1].isupper() and lower not in g.not_names and gap.strip() == ""
    named = named and not q.grouped and not q.scaled  # "im Vorjahr 9,4 Millionen Container"
    # A qualifier stands between the word and the number: "im Lager knapp 500 Menschen".
    named = named and not s[q.start].isalpha()
    # A German noun before a count of a noun is no name: "für den Auftrag 400 Stellen".
    named = named and not (nouns_capitalised and q.noun and q.noun.split()[-1][:1].isupper())
    if named and ((lower not in g.lex.stopwords and not word.isupper()) or "&" in word):
        return True  # Claude 3.7, Boeing 737, S&P 500
    if g.lex.lang == "de" and s.startswith(".", q.end) and not q.grouped:
        nxt = s[q.end + 1 : q.end + 3].strip()
        if nxt[:1].islower():
            return True  # German ordinal: "der 3. große Auftrag"
    if s.startswith(".", q.end) and lower in g.lex.determiners:
        following = next_word(s, q.end + 1)
        if following and following.lower() not in g.lex.determiners:
            return True  # an ordinal after an article: "ihre 5.000. Filiale", not "die 5.000. Der"
    if s.startswith(("-", "/"), q.end) and s[q.end + 1 : q.end + 2].isdigit():
        return True
    if q.start >= 2 and s[q.start - 1] in "-–/:" and s[q.start - 2].isdigit():
        return True  # the second of "3-1", "2:0", "24/7": a score or a code, not a figure
    if after and NUMERAL.match(s, skip_space(s, q.end)):
        return True  # "30 1234567": digits after digits are a phone number or a list
    if q.noun is None and not q.grouped and not q.scaled and q.qualifier == "exact":
        return True
    if q.qualifier not in ("exact", "range"):
        return False  # a qualifier stands between the figure and what comes before
    before = words_before[-2:]
    if before and (before[-1] in g.references or _PHONE_PART.fullmatch(before[-1])):
        return True  # § 15, article 50, Abs. 2; "0800 123 456": the rest of a phone number
    return _ratio_or_address(g, q, before)


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
