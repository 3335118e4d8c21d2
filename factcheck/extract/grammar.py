"""Regular expressions built once per language from the lexicon's data.

No word list lives in a regex literal: every alternation here is generated from the
language's TOML file (and CLDR's currency names), longest phrase first so that
"per cent" wins over "per" and "US$" over "$". Phrases match across any run of spaces.
Word entries are case-insensitive; symbol entries (GW, Mrd., US$) match as written.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.lexicon import Lexicon, QualifierKey, load_lexicon, load_world_currencies
from factcheck.lexicon.currencies import currency_names, currency_symbols, iso_codes

#: Whitespace inside a phrase: ordinary, no-break, narrow no-break and thin spaces.
SPACE = r"[\s\u00a0\u202f\u2009]"
#: The most whitespace between a number and its scale, unit or currency. More than a
#: typist's double space: the masked view of HTML pads a character reference to its
#: length ("40&nbsp;billion" reads as "40" and six characters of space, "billion").
GAP = 8


def fold(phrase: str) -> str:
    """The lookup key of a matched phrase: lower-cased, spaces folded.

    >>> fold("Per\u00a0 Cent")
    'per cent'
    """
    return " ".join(phrase.split()).lower()


_END = ""  # marks the end of a phrase in the trie


def _trie(phrases: Iterable[str]) -> dict[str, object]:
    root: dict[str, object] = {}
    for phrase in phrases:
        node: dict[str, object] = root
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[_END] = {}
    return root


def _trie_pattern(node: dict[str, object], last: str) -> str:
    """The regex of a trie node: children first (longest match), then the end if any."""
    branches = []
    for ch in sorted(k for k in node if k != _END):
        head = f"{SPACE}+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_pattern(node[ch], ch))  # type: ignore[arg-type]
    if _END in node:
        # A phrase that ends in a letter or digit must end a word: "bn" is not "bnx".
        branches.append(r"(?!\w)" if last.isalnum() else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases``, longest first, built as a character trie.

    Python's regex engine tries alternatives one by one; a trie shares their prefixes,
    which makes a list of 1,400 currency names as cheap to try as a handful of words.

    >>> re.fullmatch(alternation(["per", "per cent"]), "per  cent") is not None
    True
    >>> re.match(alternation(["bn", "b"]), "bnx") is None
    True
    """
    root = _trie(p for p in phrases if p.strip())
    if not root:
        return r"(?!x)x"  # matches nothing
    return _trie_pattern(root, "")


def _cased(words: Iterable[str], symbols: Iterable[str]) -> str:
    """Words case-insensitively, symbols exactly, in one alternation."""
    parts = []
    word_alt = alternation(words)
    if word_alt != r"(?!x)x":
        parts.append(f"(?i:{word_alt})")
    symbol_alt = alternation(symbols)
    if symbol_alt != r"(?!x)x":
        parts.append(symbol_alt)
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"


def _case_variants(chars: str) -> dict[str, list[str]]:
    """For each of ``chars``, what ``(?i:char)`` matches, in code point order.

    The regex engine itself decides what matches, Kelvin sign and long s included; all
    case variants lie below U+30000.

    >>> variants = _case_variants("ks")
    >>> variants["k"] == ["K", "k", "\u212a"], variants["s"] == ["S", "s", "\u017f"]
    (True, True)
    """
    if not chars:
        return {}
    any_of = re.compile(f"(?i:[{re.escape(chars)}])")
    found: set[str] = set()
    for base in range(0, 0x30000, 0x1000):  # in blocks: a string of every character at
        block = "".join(map(chr, range(base, base + 0x1000)))  # once costs 20 MB to build
        found.update(any_of.findall(block))
    return {
        char: sorted(v for v in found if re.fullmatch(f"(?i:{re.escape(char)})", v))
        for char in set(chars)
    }


def _case_class(variants: list[str]) -> str:
    """A regex class of the case ``variants`` of one character, or the character alone."""
    escaped = "".join(re.escape(v) for v in variants)
    return f"[{escaped}]" if len(variants) > 1 else escaped


def _first_letter(phrase: str) -> str:
    """The character a phrase begins with in a pattern: :func:`alternation` strips it."""
    return phrase.split()[0][0] if phrase.strip() else ""


def _starts(
    words: Iterable[str], symbols: Iterable[str], cases: Mapping[str, list[str]]
) -> frozenset[str]:
    """What may come first, past one space, where ``_cased(words, symbols)`` is matched after a gap.

    The first character of each symbol as written and of each word in every case the
    engine matches it in (``cases``, the :func:`_case_variants` of those characters); and
    a space and a hyphen, which stand for a wider gap and for a hyphen gap: where one of
    them comes first, the pattern is tried all the same.

    >>> sorted(_starts(["per cent"], ["%"], _case_variants("p")))
    [' ', '%', '-', 'P', 'p']
    """
    firsts = {_first_letter(w) for w in words} - {""}
    found = {v for ch in firsts for v in cases[ch]}
    found |= {_first_letter(m) for m in symbols} - {""}
    return frozenset(found | {" ", "-"})


def _caseless_trie(
    phrases: Iterable[str],
    *,
    lowered: bool = False,
    variants: dict[str, list[str]] | None = None,
) -> str:
    """A regex matching the start of any of ``phrases`` in any case, as a trie of classes.

    ``lowered``: for a lower-cased text, each letter as itself (``phrases`` are lower case).
    ``variants`` are the :func:`_case_variants` of their letters, if already known.

    Unlike :func:`alternation` it does not ask the phrase to end a word, and a space in a
    phrase stands for one space of any width: it finds where a phrase may begin, for a
    closer look. A phrase that begins another is enough to match, so the trie ends there.

    The first letter is a branch per case variant, not a class: the engine skips a branch
    that begins with a single character at a glance, but tests a class with a call, and
    most places the trie is tried at fail on the first letter.

    >>> pattern = re.compile(_caseless_trie(["one", "a ", "two"]))
    >>> [bool(pattern.match(w)) for w in ("ONE", "A\u00a0", "ax", "Two", "tw")]
    [True, True, False, True, False]
    """
    phrases = list(phrases)
    root: dict[str, dict[str, object]] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[_END] = {}
    cases = variants
    if cases is None:
        cases = {} if lowered else _case_variants("".join(set("".join(phrases)) - {" "}))

    def pattern(node: dict[str, dict[str, object]], first: bool) -> str:
        if _END in node:
            return ""  # a phrase ends here: what follows matters for no other phrase
        branches = []
        for ch in sorted(node):
            rest = pattern(node[ch], first=False)  # type: ignore[arg-type]
            if ch == " ":
                branches.append(SPACE + rest)
            elif lowered:
                branches.append(re.escape(ch) + rest)
            elif first:
                branches.extend(re.escape(v) + rest for v in cases[ch])
            else:
                branches.append(_case_class(cases[ch]) + rest)
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root, first=True) if root else r"(?!x)x"


#: What may stand before a word anchor, ``[^\w-]``, as a class of ranges that the engine
#: tests with a bitmap rather than a Unicode lookup per character: the ASCII characters
#: that are neither word characters nor a hyphen, and every other character, which a
#: look-behind then checks.
_BEFORE_WORD = (
    "["
    + "".join(f"\\x{code:02x}" for code in range(0x80) if not re.match(r"[\w-]", chr(code)))
    + r"\x80-\U0010ffff]"
)


@dataclass(frozen=True)
class _Anchors:
    """Where numbers in words stand (:mod:`~factcheck.extract.spelled`)."""

    #: spelled-out numbers and multiplier words, found anywhere in the text
    word_anchor: re.Pattern[str]
    #: the character before what may be a ``word_anchor``: a quick search for candidates
    word_anchor_before: re.Pattern[str]
    #: the same search in a lower-cased text, of the same length as the text
    word_anchor_before_lower: re.Pattern[str]
    #: characters that ``re.IGNORECASE`` matches to a letter of an anchor but that do not
    #: lower-case to it ("ſ", "ı"): a text with one is searched by ``word_anchor_before``
    not_lowered: frozenset[str]


# The ``*_starts`` of the groups below say what may come first, past one space, after a
# figure where the group's pattern matches (see :func:`_starts`): a third of the figures
# are followed by none of them, and a look in a set is cheaper than trying a pattern.


@dataclass(frozen=True)
class _Scales:
    """Scale words after a number ("billion", "Mrd.", "m")."""

    #: at a position after a number: a scale word or short form
    scale: re.Pattern[str]
    scale_powers: dict[str, int]
    short_scales: dict[str, int]
    scale_starts: frozenset[str]


@dataclass(frozen=True)
class _Currencies:
    """Currencies before and after a number, and their hundredths."""

    #: at a position: a currency name, code or symbol after the number
    currency_after: re.Pattern[str]
    #: searched in the window before a number: a currency symbol or code ending there
    currency_before: re.Pattern[str]
    #: at a position after the number: a currency's hundredth ("pence", "Cent", "3p")
    currency_minor: re.Pattern[str]
    currency_words: dict[str, str]
    currency_marks: dict[str, str]
    #: the last characters of currency signs: what may stand right before a figure's gap
    symbol_ends: frozenset[str]
    #: currency codes written in small letters ("rmb 140")
    lower_codes: frozenset[str]
    #: currency signs ending in a letter, glued to their figure ("$US113", "元25")
    glued_marks: tuple[str, ...]
    #: a hundredth's name (folded) or symbol, to the code of its currency
    minor_currency: dict[str, str]
    #: hundredths (folded) of whichever currency the text speaks of ("cents"), and
    #: the currencies they may belong to
    minor_follows: frozenset[str]
    cent_currencies: frozenset[str]
    #: the dollar named with no country, folded ("$", "dollars"): US dollars unless the
    #: text names another dollar first
    bare_dollar: frozenset[str]
    currency_after_starts: frozenset[str]
    currency_minor_starts: frozenset[str]


@dataclass(frozen=True)
class _Measures:
    """Percentages, physical units and multipliers after a number, and an index's points."""

    #: at a position: percent, percentage points or basis points
    percent: re.Pattern[str]
    percent_units: dict[str, tuple[str, float]]
    percent_starts: frozenset[str]
    #: at a position: a physical unit
    unit: re.Pattern[str]
    units: dict[str, tuple[str, float]]
    #: unit symbols that count only glued to the figure ("40C")
    glued_units: frozenset[str]
    unit_starts: frozenset[str]
    #: at a position: "x", "-fold", "times"
    multiplier_suffix: re.Pattern[str]
    multiplier_starts: frozenset[str]
    #: searched in the window before an index's points: the name of an index
    index_name: re.Pattern[str]
    #: points of an index, folded ("points", "Punkte")
    index_points: frozenset[str]


@dataclass(frozen=True)
class _Qualifiers:
    """Qualifiers before and after a figure ("about", "bis zu", "or more")."""

    #: searched in the window before: a qualifier phrase ending there
    qualifier_before: re.Pattern[str]
    #: at a position after the figure: "+", "or more"
    qualifier_after: re.Pattern[str]
    qualifiers: dict[str, QualifierKey]
    #: the last word of every qualifier phrase: a quick "no" before looking up phrases
    qualifier_ends: frozenset[str]
    qualifiers_after: Mapping[str, QualifierKey]


@dataclass(frozen=True)
class _Ranges:
    """Two figures read together: ranges, changes, shared nouns, scales and hundredths."""

    #: at a position: a range connector followed by the second figure
    range_connector: re.Pattern[str]
    #: searched in the window before: "between" ending there
    range_open: re.Pattern[str]
    #: searched in the window before: "from" ending there (a change, not a range)
    change_open: re.Pattern[str]
    #: at a position after a figure that follows ``change_from``: "to", "auf"
    change_to: re.Pattern[str]
    #: at a position after a bare count: "to", "zu" before a count that names its noun
    shared_noun: re.Pattern[str]
    #: at a position: "and" of "between ... and ..."
    range_and: re.Pattern[str]
    #: "and"/"or" between two figures of which the second has the scale: "9.9 and 12 billion"
    shared_scale: re.Pattern[str]
    #: after an amount: the space, perhaps "and", before its hundredths ("$3 and 50 cents")
    hundredths_link: re.Pattern[str]
    range_openers: frozenset[str]
    change_openers: frozenset[str]
    change_verbs: frozenset[str]
    change_from: frozenset[str]


@dataclass(frozen=True)
class _Words:
    """Words around a figure: number words, and those that make a number no figure."""

    #: a word token, for nouns and the words around a figure
    word: re.Pattern[str]
    #: at a position: a duration word ("years"), an ordinal suffix or a time ("9.30am")
    duration: re.Pattern[str]
    number_words: dict[str, float]
    #: "half a", "three quarters of a": a fraction before a scale word, by its words.
    fractions: dict[str, float]
    #: the indefinite articles ("a", "eine"), lower case
    articles: frozenset[str]
    months: frozenset[str]
    #: the word of a ratio ("1 in 5") and the words that end a street's name
    ratio_words: frozenset[str]
    street_words: frozenset[str]
    #: words that make the figure after them negative ("minus")
    minus: frozenset[str]
    #: the last letters of the ``minus`` words: a quick "no" before reading the word
    minus_ends: frozenset[str]
    year_words: frozenset[str]
    #: "gmt", "uhr": after one, a number is a time or a time zone's offset
    clock_words: frozenset[str]
    #: words and marks before a number that make it a reference ("§ 15")
    references: frozenset[str]
    not_names: frozenset[str]


@dataclass(frozen=True)
class Grammar(_Words, _Ranges, _Qualifiers, _Measures, _Currencies, _Scales, _Anchors):
    """The compiled patterns and lookup tables of one language, in groups by what they
    read (the base classes), all of them attributes of the grammar itself."""

    lex: Lexicon


def _hyphenated(phrases: Iterable[str]) -> list[str]:
    """The phrases, and those of several words also hyphenated as in a compound adjective.

    >>> _hyphenated(["basis points", "MW"])
    ['basis points', 'MW', 'basis-points']
    """
    phrases = list(phrases)
    return phrases + ["-".join(p.split()) for p in phrases if " " in p.strip()]


def _currency_tables(lex: Lexicon) -> tuple[dict[str, str], dict[str, str]]:
    """Currency words (folded) and marks (exact: symbols, codes) to ISO codes."""
    world = load_world_currencies()
    words = dict(currency_names(lex.lang))
    words.update({fold(w): code for w, code in lex.currencies.words.items()})
    words.update({code.lower(): iso for code, iso in world.any_case.items()})  # "20 usd"
    marks = dict(currency_symbols())
    for table in (world.signs, world.spaced, world.glued, lex.currencies.symbols):
        marks.update(table)
    marks.update({code: code for code in iso_codes()})
    marks.update(world.any_case)  # "RMB"
    marks.update({code.lower(): iso for code, iso in world.any_case.items()})  # "rmb 140"
    return words, marks


def _is_code(mark: str) -> bool:
    """Whether a currency mark is a code of letters ("USD", "rmb"), not a sign ("元", "$")."""
    return mark.isascii() and mark.isalpha()


def _word_joiners(lex: Lexicon) -> tuple[list[str], list[str]]:
    """The words that join the words of a number (``number_syntax.joiners``): glued inside
    one word where numbers are written as one ("einundzwanzig"), between words where
    they are not ("one hundred and one"), as (glued, spaced).

    >>> _word_joiners(load_lexicon("en")), _word_joiners(load_lexicon("de"))
    (([], ['and']), (['und'], []))
    """
    syntax = lex.number_syntax
    words = [j for j in syntax.joiners if j.isalpha()]
    return (words, []) if syntax.compound_numbers else ([], words)


def _numbers_in_words(lex: Lexicon, number_words: list[str], after_number: str) -> str:
    """The regex of a number in words: "fünfundzwanzig", "two thousand, five hundred and
    one", "one point five", "sixteen point four", "two and a half"."""
    syntax = lex.number_syntax
    glued, spaced = _word_joiners(lex)
    # Articles that are numbers count only inside a number: "einundzwanzig", "twenty-one".
    numeral_articles = [a for a in syntax.articles if a in lex.numbers]
    parts = alternation([*number_words, *glued]).replace(r"(?!\w)", "")
    glued_one = alternation(numeral_articles).replace(r"(?!\w)", "")
    joiner = alternation(glued).replace(r"(?!\w)", "")
    # One word, which "und" alone is not: "fünfhunderttausendfünf", "twentyfive".
    word = rf"(?!{joiner}(?!\w))(?:{parts}|{glued_one}(?={joiner}{parts}))+(?!\w)"
    first = word
    more = rf"(?:{word}|{alternation(numeral_articles)})"  # twenty-one, hundred and one
    digit_words = alternation(w for w, v in lex.numbers.items() if v in range(10))
    point = alternation(syntax.decimal_point)
    hyphen = "-|" if "-" in syntax.joiners else ""
    joined = rf"(?:{alternation(spaced)}{SPACE}+)?" if spaced else ""
    gap = rf"(?:{hyphen}{SPACE}+{joined})"
    scales = alternation(syntax.inner_scales)
    # A scale inside a number, only with more number words after it: "two thousand five
    # hundred", "eine Million zweihunderttausend"; "two thousand workers" is two and a scale,
    # but "one million, two hundred thousand" ends with its last scale.
    inner = rf"{scales},?(?={gap}{more}|{SPACE}+{point}{SPACE})"
    hundred = alternation(w for w, v in lex.numbers.items() if v == 100)
    # An article may open a number that goes on: "one hundred and one", "one point five".
    goes_on = rf"(?:{inner}|{hundred}|{point}|{after_number})"
    lead = rf"{alternation(syntax.articles)}(?={SPACE}+{goes_on})"
    opening = rf"(?:{first}|{lead})(?:{gap}{more})*"
    return (
        rf"(?:{opening}(?:{gap}{inner}(?:{gap}{more})*)+(?:{gap}{scales})?|{opening})"
        rf"(?:{SPACE}+{point}(?:{SPACE}+{digit_words})+)?"  # sixteen point four
        rf"(?:{SPACE}+{after_number})?"  # two and a half
        r"(?!\w)"
    )


@functools.cache
def grammar(lang: str) -> Grammar:
    """The grammar of ``lang``, compiled on first use."""
    lex = load_lexicon(lang)
    currency_words, currency_marks = _currency_tables(lex)
    number_words = [w for w in lex.numbers if w not in lex.number_syntax.articles]
    starts = _anchor_starts(lex, number_words)
    anchor_letters = set("".join(starts)) - {" "}
    # The words after a figure, whose first letters the patterns that read them are gated
    # by: their case variants are worked out in the same pass over the characters.
    after_letters = {_first_letter(w) for w in _words_after(lex, currency_words)} - {""}
    variants = _case_variants("".join(anchor_letters | after_letters))
    groups = (
        _anchors(lex, number_words, starts, variants),
        _scales(lex, variants),
        _currencies(lex, currency_words, currency_marks, variants),
        _measures(lex, variants),
        _qualifiers(lex),
        _ranges(lex),
        _words(lex),
    )
    return Grammar(lex=lex, **_merged(groups))


def _merged(groups: Iterable[object]) -> dict[str, Any]:
    """The fields of the groups, as the keyword arguments of the grammar they make up.

    Each group was built by its own typed constructor; the grammar has exactly their
    fields, as it inherits them.
    """
    return {name: value for group in groups for name, value in vars(group).items()}


def _head(phrase: str) -> str:
    """What an anchor starting with ``phrase`` begins with: its first word, and the space
    after it if there is one.

    >>> _head("half  a"), _head("fifty")
    ('half ', 'fifty')
    """
    word, space, _ = fold(phrase).partition(" ")
    return word + space


def _anchor_starts(lex: Lexicon, number_words: list[str]) -> set[str]:
    """What every anchor starts with, in any case: a multiplier or number word whole, an
    article up to its space, a joiner only glued to another number word ("undzwanzig";
    "fünfundzwanzig" starts at "fünf").

    A phrase of several words counts up to its first space, which may be a run of
    spaces. The longer the beginnings, the fewer places ("and", "a year", "for") the
    full pattern is tried at.
    """
    syntax = lex.number_syntax
    starts = {_head(w) for w in (*lex.multipliers.words, *number_words, *syntax.fractions)}
    starts |= {_head(a) + " " for a in (*syntax.articles, *syntax.unit_articles)}
    joiners, _ = _word_joiners(lex)
    starts |= {j + _head(w) for j in joiners for w in [*number_words, *joiners]}
    # "einundzwanzig": an article glued to "und" and a number
    glued = [fold(a) for a in syntax.articles if a in lex.numbers]
    starts |= {a + j for a in glued for j in joiners} | {j + a for a in glued for j in joiners}
    return starts


def _percent_words(lex: Lexicon) -> tuple[list[str], list[str], list[str]]:
    """The words of percent, percentage points and basis points, hyphenated too: "a
    50-basis-point cut" (a unit of several words hyphenated before a noun)."""
    pct = lex.percent
    return _hyphenated(pct.percent), _hyphenated(pct.points), _hyphenated(pct.basis_points)


def _unit_words(lex: Lexicon) -> list[str]:
    """The words of the physical units, hyphenated too ("a 1.5-gigawatt campus")."""
    return [w for e in lex.units for w in _hyphenated(e.words)]


def _words_after(lex: Lexicon, currency_words: Iterable[str]) -> list[str]:
    """The words that may follow a number and be read with it: scales, currencies,
    hundredths, percentages, units and multipliers."""
    return [
        *(fold(w) for w in lex.scales.words), *currency_words, *lex.currencies.minor,
        *itertools.chain(*_percent_words(lex)), *_unit_words(lex), *lex.multipliers.suffixes,
    ]  # fmt: skip


def _word_anchor(lex: Lexicon, number_words: list[str]) -> re.Pattern[str]:
    """Spelled-out numbers and multiplier words, anywhere in the text."""
    syntax = lex.number_syntax
    after_number = alternation(syntax.fractions_after)
    numbers_seq = _numbers_in_words(lex, number_words, after_number)
    scale_alt = alternation(lex.scales.words)
    # What a lone "one" or "ein" may stand before: a unit or a percentage ("one gigawatt").
    unit_alt = alternation(
        [w for e in lex.units for w in e.words] + [*lex.percent.percent, *lex.percent.points]
    )
    anchor_body = rf"""(?:
            (?P<mult>{alternation(lex.multipliers.words)})      # tenfold, verdreifacht
          | (?P<half>{alternation(syntax.fractions)})(?={SPACE})  # half a (billion)
          | (?P<words>{numbers_seq})                             # fifty, zweihundert
          | (?P<article>{alternation(syntax.articles)})          # a/eine (Milliarde)
            (?={SPACE}+{scale_alt})
          | (?P<one>{alternation(syntax.unit_articles)})         # one (gigawatt), ein (Prozent)
            (?={SPACE}+{unit_alt})
        )
    """
    return re.compile(rf"(?<![\w-]){anchor_body}", re.VERBOSE | re.IGNORECASE)


def _anchors(
    lex: Lexicon, number_words: list[str], starts: set[str], variants: dict[str, list[str]]
) -> _Anchors:
    """The word anchor, and the quick searches for where one may start (``starts``, in
    every case of ``variants``)."""
    word_anchor_before = re.compile(
        rf"""
        {_BEFORE_WORD}                           # what may stand before an anchor: a class
                                                 # first lets the engine skip ahead in C
        (?={_caseless_trie(starts, variants=variants)})  # the start of an anchor, any case
        (?<=[^\w-])                              # and the character before, exactly
        """,
        re.VERBOSE,
    )
    # In a lower-cased text each branch of the trie is one character, which the engine
    # compares at a glance, where it tests every case variant above; and a class of first
    # letters turns most places away before the trie is tried at all.
    firsts = "".join(sorted({start[0] for start in starts}))
    word_anchor_before_lower = re.compile(
        rf"""
        {_BEFORE_WORD}                           # what may stand before an anchor
        (?=[{re.escape(firsts)}])                # the first letter of one
        (?={_caseless_trie(starts, lowered=True)})   # the start of an anchor, lower case
        (?<=[^\w-])                              # and the character before, exactly
        """,
        re.VERBOSE,
    )
    anchor_letters = set("".join(starts)) - {" "}
    not_lowered = frozenset(v for ch in anchor_letters for v in variants[ch] if v.lower() != ch)
    return _Anchors(
        word_anchor=_word_anchor(lex, number_words),
        word_anchor_before=word_anchor_before,
        word_anchor_before_lower=word_anchor_before_lower,
        not_lowered=not_lowered,
    )


def _scales(lex: Lexicon, variants: dict[str, list[str]]) -> _Scales:
    scale_powers = {fold(w): p for w, p in lex.scales.words.items()}
    short_scales = dict(lex.scales.short)
    scale = re.compile(
        rf"(?P<gap>{SPACE}{{0,{GAP}}}|-)"
        rf"(?P<scale>{_cased(scale_powers, short_scales)})"
    )
    return _Scales(
        scale=scale,
        scale_powers=scale_powers,
        short_scales=short_scales,
        scale_starts=_starts(scale_powers, short_scales, variants),
    )


def _currencies(
    lex: Lexicon,
    currency_words: dict[str, str],
    currency_marks: dict[str, str],
    variants: dict[str, list[str]],
) -> _Currencies:
    symbol_marks = [m for m in currency_marks if not _is_code(m)]
    codes = [m for m in currency_marks if _is_code(m)]
    minor_letters = [m for m in lex.currencies.minor_symbols if len(m) == 1]
    minor_marks = [m for m in lex.currencies.minor_symbols if m not in minor_letters]
    minor = {fold(w): code for w, code in lex.currencies.minor.items()}
    minor.update(lex.currencies.minor_symbols)
    return _Currencies(
        currency_after=re.compile(
            rf"(?P<gap>{SPACE}{{0,{GAP}}}|-)"
            rf"(?P<cur>{_cased(currency_words, [m for m in currency_marks if not m.isalpha()])}"
            rf"|(?<![^\W\d_]){alternation(iso_codes())})"
        ),
        currency_before=re.compile(
            rf"(?:(?<![^\W\d_])(?P<code>{alternation(codes)})"
            rf"|(?P<sym>{alternation(symbol_marks)}))"
            rf"{SPACE}{{0,{GAP}}}\Z"
        ),
        currency_minor=re.compile(
            rf"""
            (?: (?P<gap>{SPACE}{{0,{GAP}}})                          # "45 cents", "40,1 ct"
                (?P<minor>{_cased(lex.currencies.minor, minor_marks)})
              | (?P<glued>{alternation(minor_letters)})              # "3p": one letter, glued
            )
            """,
            re.VERBOSE,
        ),
        currency_words=currency_words,
        currency_marks=currency_marks,
        symbol_ends=frozenset(m[-1] for m in symbol_marks),
        lower_codes=frozenset(c for c in codes if c.islower()),
        glued_marks=tuple(m for m in symbol_marks if re.match(r"\w", m[-1])),
        minor_currency=minor,
        minor_follows=frozenset(fold(w) for w in lex.currencies.minor_follows),
        cent_currencies=frozenset(lex.currencies.cent_currencies),
        bare_dollar=frozenset(fold(w) for w in lex.currencies.bare_dollar),
        currency_after_starts=_starts(currency_words, [*symbol_marks, *iso_codes()], variants),
        currency_minor_starts=_starts(
            lex.currencies.minor, [*minor_marks, *minor_letters], variants
        ),
    )


def _percent_units(lex: Lexicon) -> dict[str, tuple[str, float]]:
    """Each word and symbol of percent, points and basis points (folded and as written)
    to its unit and factor."""
    pct = lex.percent
    pct_words, points_words, bp_words = _percent_words(lex)
    percent_units: dict[str, tuple[str, float]] = {}
    for unit, factor, words in (
        ("%", 1.0, [*pct_words, *pct.percent_symbols]),
        ("pp", 1.0, [*points_words, *pct.points_symbols]),
        ("pp", 0.01, [*bp_words, *pct.basis_points_symbols]),
    ):
        percent_units.update({fold(w): (unit, factor) for w in words})
        percent_units.update(dict.fromkeys(words, (unit, factor)))
    return percent_units


def _physical_units(lex: Lexicon) -> dict[str, tuple[str, float]]:
    """Each word (folded) and symbol of a physical unit to its SI unit and factor."""
    units: dict[str, tuple[str, float]] = {}
    for entry in lex.units:
        units.update({fold(w): (entry.unit, entry.factor) for w in _hyphenated(entry.words)})
        units.update(dict.fromkeys(entry.symbols, (entry.unit, entry.factor)))
        units.update(dict.fromkeys(entry.glued_symbols, (entry.unit, entry.factor)))
    return units


def _measures(lex: Lexicon, variants: dict[str, list[str]]) -> _Measures:
    pct = lex.percent
    pct_words = [w for words in _percent_words(lex) for w in words]
    pct_symbols = pct.percent_symbols + pct.points_symbols + pct.basis_points_symbols
    unit_words = _unit_words(lex)
    unit_symbols = [s for e in lex.units for s in (*e.symbols, *e.glued_symbols)]
    return _Measures(
        percent=re.compile(
            rf"(?P<gap>{SPACE}{{0,{GAP}}}|-)(?P<pct>" + _cased(pct_words, pct_symbols) + ")"
        ),
        percent_units=_percent_units(lex),
        percent_starts=_starts(pct_words, pct_symbols, variants),
        unit=re.compile(
            rf"(?P<gap>{SPACE}{{0,{GAP}}}|-)(?P<unit>{_cased(unit_words, unit_symbols)})"
        ),
        units=_physical_units(lex),
        glued_units=frozenset(m for e in lex.units for m in e.glued_symbols),
        unit_starts=_starts(unit_words, unit_symbols, variants),
        multiplier_suffix=re.compile(
            rf"(?P<gap>{SPACE}?)(?P<mult>{alternation(lex.multipliers.suffixes)})",
            re.IGNORECASE,
        ),
        multiplier_starts=_starts(lex.multipliers.suffixes, [], variants),
        index_name=re.compile(rf"(?<![^\W_])(?:{alternation(pct.indices)})", re.IGNORECASE),
        index_points=frozenset(fold(w) for w in pct.index_points),
    )


def _qualifiers(lex: Lexicon) -> _Qualifiers:
    qualifiers = {fold(p): key for p, key in lex.qualifiers.before().items()}
    qualifiers_after = {fold(p): key for p, key in lex.qualifiers.after.items()}
    after = alternation(k for k in qualifiers_after if k != "+")
    return _Qualifiers(
        qualifier_before=re.compile(
            rf"(?<![^\W_])(?P<q>{alternation(qualifiers)}){SPACE}*\Z", re.IGNORECASE
        ),
        qualifier_after=re.compile(rf"(?:(?P<plus>\+)|{SPACE}+(?P<q>{after}))", re.IGNORECASE),
        qualifiers=qualifiers,
        qualifier_ends=frozenset(phrase.split(" ")[-1] for phrase in qualifiers),
        qualifiers_after=qualifiers_after,
    )


def _between(words: Iterable[str]) -> re.Pattern[str]:
    """One of ``words`` between two figures, with the spaces around it."""
    return re.compile(rf"{SPACE}+(?:{alternation(words)}){SPACE}+", re.IGNORECASE)


def _ending_before(words: Iterable[str]) -> re.Pattern[str]:
    """One of ``words``, a whole word, with the spaces after it up to a figure."""
    return re.compile(rf"(?<![^\W_])(?:{alternation(words)}){SPACE}+\Z", re.IGNORECASE)


def _ranges(lex: Lexicon) -> _Ranges:
    ranges, joiners = lex.ranges, lex.number_syntax.joiners
    return _Ranges(
        range_connector=re.compile(
            rf"{SPACE}*(?P<conn>{alternation(ranges.connectors)}){SPACE}*", re.IGNORECASE
        ),
        range_open=_ending_before(ranges.open),
        change_open=_ending_before(ranges.change_openers),
        change_to=_between(ranges.change_to),
        shared_noun=_between(ranges.shared_noun),
        range_and=_between(ranges.open_connector),
        shared_scale=_between(ranges.shared_scale),
        hundredths_link=re.compile(
            rf"{SPACE}+(?:(?P<and>{alternation(j for j in joiners if j.isalpha())}){SPACE}+)?"
        ),
        range_openers=frozenset(fold(w) for w in ranges.open),
        change_openers=frozenset(fold(w) for w in ranges.change_openers),
        change_verbs=frozenset(fold(w) for w in ranges.change_verbs),
        change_from=frozenset(fold(w) for w in ranges.change_from),
    )


def _duration(lex: Lexicon) -> re.Pattern[str]:
    """A duration word ("years", "-jährige"), an ordinal suffix or a time ("9.30am")."""
    not_claims = lex.not_claims
    duration_words = [d for d in not_claims.durations if not d.startswith("-")]
    glued_durations = [d for d in not_claims.durations if d.startswith("-")]
    return re.compile(
        rf"(?:{SPACE}+(?:{alternation(duration_words)})|(?:{alternation(glued_durations)})"
        rf"|(?:{alternation(not_claims.ordinal_suffixes)})"
        rf"|{SPACE}*(?:{alternation(not_claims.clock)}))",
        re.IGNORECASE,
    )


def _words(lex: Lexicon) -> _Words:
    syntax, not_claims = lex.number_syntax, lex.not_claims
    return _Words(
        word=re.compile(r"[^\W\d_]+(?:[-'’.&][^\W\d_]+)*"),
        duration=_duration(lex),
        number_words={
            **dict.fromkeys(syntax.articles, 1.0),  # "a hundred", "one point five"
            **{w.lower(): v for w, v in lex.numbers.items()},
            **{w: 10.0 ** lex.scales.words[w] for w in syntax.inner_scales},
        },
        fractions={" ".join(p.replace("-", " ").split()): v for p, v in syntax.fractions.items()},
        articles=frozenset(fold(w) for w in syntax.articles),
        months=frozenset(not_claims.months),
        ratio_words=frozenset(fold(w) for w in not_claims.ratio_words),
        street_words=frozenset(fold(w) for w in not_claims.street_words),
        minus=frozenset(fold(w) for w in syntax.minus),
        minus_ends=frozenset(fold(w)[-1:] for w in syntax.minus),
        year_words=frozenset(not_claims.year_words),
        clock_words=frozenset(fold(w) for w in not_claims.clock),
        references=frozenset(not_claims.references),
        not_names=frozenset(not_claims.not_names),
    )
