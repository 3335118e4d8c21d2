"""Quantities: a number with its scale, currency or unit, qualifier and range.

:func:`scan` walks the anchors of a piece of text (numerals and spelled-out numbers),
reads the words on either side with the language's :class:`~factcheck.extract.grammar.Grammar`
and keeps what is a figure; the rules that drop years, dates, ordinals, durations,
phone numbers and names with digits are in :func:`_is_not_a_claim`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from decimal import Decimal

from factcheck.extract.grammar import GAP, SPACE, Grammar, fold
from factcheck.extract.interval import ReadQualifier
from factcheck.extract.numerals import (
    NUMERAL,
    Numeral,
    decimal_of,
    find_numerals,
    parse_number_words,
    parse_numeral,
    split_german_number_word,
)
from factcheck.lexicon import CountedNouns

#: A token after a figure: a word (letters first, digits allowed: "Trainium2") or a mark.
_TOKEN = re.compile(
    r"[\s\u00a0\u202f\u2009]*(?:(?P<word>[^\W\d_][\w]*(?:[-'’&][\w]+)*)|(?P<mark>\S))"
)
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
_SEP = re.compile(rf"{SPACE}*")
_ONE, _HUNDREDTH = Decimal(1), Decimal("0.01")
#: 10**power for the powers scale words have.
_POWERS = {power: Decimal(10) ** power for power in range(0, 16)}
#: A word before a figure that begins a phone number: a leading zero or a plus sign.
_PHONE_PART = re.compile(r"\(?(?:\+\d+|0\d+)\)?")


def _skip_space(s: str, pos: int) -> int:
    match = _SEP.match(s, pos)
    return match.end() if match else pos


@dataclass(slots=True)
class Quantity:
    """A figure found in a piece of text; offsets are relative to that piece.

    :func:`scan` builds each one up in place (a scale, then a range, then a qualifier),
    which is cheaper than a copy per step; what it returns, later steps copy to change.
    """

    start: int
    end: int
    value: Decimal
    step: Decimal
    unit: str | None  # None: a bare number, a count unless the document makes it money
    qualifier: ReadQualifier = "exact"
    value_high: Decimal | None = None
    step_high: Decimal | None = None
    noun: str | None = None
    spelled: bool = False
    grouped: bool = False
    scaled: bool = False
    bare_dollar: bool = False  # "$" or "dollars" with no country: USD unless told otherwise
    elliptic: bool = False  # "50 Milliarden" with no currency: money of the document
    #: (power, end) of a glued one-letter scale read otherwise ("300m" as metres), which
    #: a money figure before it in the sentence makes a scale after all ("£1.2bn, 950m")
    short_scale: tuple[int, int] | None = None
    #: what the number as written was multiplied by: its scale, unit or percent factor
    factor: Decimal = Decimal(1)
    #: hundredths named by a word several currencies share ("15 cents"): of the currency
    #: the text speaks of
    cents: bool = False


_WORD_GAP = re.compile(rf"(?:-|{SPACE})+")


def _phrase(text: str) -> str:
    """A phrase of words as the lexicon keys it: lower case, one space between words."""
    return " ".join(_WORD_GAP.sub(" ", text.replace(",", " ")).lower().split())


def _word_numeral(g: Grammar, match: re.Match[str]) -> Numeral | None:
    """Read a spelled-out number anchor; None if its words make no number.

    "sixteen point four" is stated to the tenth, "two and a half" to the half.
    """
    syntax = g.lex.number_syntax
    if match.group("half"):
        fraction = decimal_of(g.fractions[_phrase(match.group("half"))])
        return Numeral(fraction, fraction, grouped=False)
    if match.group("one"):
        return Numeral(Decimal(1), Decimal(1), grouped=False)
    if match.group("article"):
        return Numeral(Decimal(1), Decimal(1), grouped=False)
    text = _phrase(match.group("words"))
    half = Decimal(0)
    for phrase, part in syntax.fractions_after.items():
        if text.endswith(" " + phrase):  # "two and a half"
            text, half = text[: -len(phrase) - 1], decimal_of(part)
            break
    whole, _, decimals = _split_decimal(text, syntax.decimal_point)
    value = _number_of_words(g, whole.split())
    if value is None:
        return None
    step = Decimal(1)
    if decimals:  # "point four five": one digit a word
        digits = [g.number_words.get(word) for word in decimals.split()]
        if any(d is None or d != int(d) or not 0 <= d <= 9 for d in digits):
            return None
        value += Decimal("0." + "".join(str(int(d)) for d in digits if d is not None))
        step = Decimal(10) ** -len(digits)
    if half:
        value, step = value + half, half
    return Numeral(value, step, grouped=False)


def _split_decimal(text: str, points: tuple[str, ...]) -> tuple[str, str, str]:
    """ "sixteen point four" -> ("sixteen", "point", "four"); no point: (text, "", "")."""
    for point in points:
        whole, found, decimals = text.partition(f" {point} ")
        if found:
            return whole, point, decimals
    return text, "", ""


def _number_of_words(g: Grammar, raw_words: list[str]) -> Decimal | None:
    """The number of spelled-out words, German compounds split ("zweitausendfünfhundert")."""
    table = g.number_words
    words: list[str] = []
    for raw in raw_words:
        if raw in {"and", "und"}:
            continue
        parts = split_german_number_word(raw, table) if g.lex.lang == "de" else [raw]
        if parts is None:
            return None
        words.extend(parts)
    return parse_number_words(words, table)


def _last_words(s: str, end: int, count: int = 3) -> list[str]:
    """The last few words before ``end``, lower-cased, opening brackets and quotes stripped."""
    # Lower-casing never makes nor unmakes a space: the window may be lowered before it
    # is split, and only its last words need splitting off. (A conditional rather than
    # max(): this runs for every figure, and a call to a builtin costs more.)
    words = (s[end - 30 : end] if end > 30 else s[:end]).lower().rsplit(None, count)
    del words[:-count]
    return [w.lstrip("([{„“\"'‚‘«»") for w in words]


def _preceded_by(words: list[str], table: Collection[str]) -> bool:
    """Whether a phrase of ``table`` ends the ``words`` before a figure (a cheap guard).

    >>> _preceded_by(["rose", "by", "about"], {"about", "up to"}), _preceded_by(["to"], {"up to"})
    (True, False)
    """
    phrase = ""
    for word in reversed(words):  # a loop, not any() over a generator: a figure's cost
        phrase = f"{word} {phrase}" if phrase else word
        if phrase in table:
            return True
    return False


def _currency_before(g: Grammar, s: str, start: int) -> re.Match[str] | None:
    at = start - 1
    while at >= 0 and s[at] in " \u00a0\u202f":
        at -= 1
    if at < 0:
        return None
    if not (s[at] in g.symbol_ends or s[at].isupper() or s[at - 2 : at + 1] in g.lower_codes):
        return None
    return g.currency_before.search(s, start - 8 - GAP if start > 8 + GAP else 0, start)


def _index_points(g: Grammar, s: str, start: int, value: Decimal, word: str) -> bool:
    """Whether "points" after the figure are an index's: above 100, or after its name.

    "The Dax rose 120 points", "schloss bei 18.234 Punkten"; but "Labour is 17 points
    ahead" are percentage points.
    """
    if fold(word) not in g.index_points:
        return False
    if abs(value) > 100:
        return True
    window = max(0, start - 80)
    # The name in this clause: a mark and a space end the one before ("85,4" does not).
    clause = max(s.rfind(mark, window, start) for mark in (", ", "; ", ": ", ". "))
    return g.index_name.search(s, max(window, clause + 1), start) is not None


def _minus_before(g: Grammar, s: str, start: int) -> int | None:
    """Where a sign word ("minus") right before ``start`` begins, if one stands there."""
    if start < 2 or not s[start - 1].isspace() or s[start - 2].lower() not in g.minus_ends:
        return None
    words = s[max(0, start - 12) : start].split()
    if not words or fold(words[-1]) not in g.minus:
        return None
    at = s.rfind(words[-1], 0, start)
    return at if at == 0 or not s[at - 1].isalnum() else None


def _first_after(s: str, end: int) -> str:
    """What comes first after a figure ending at ``end``, past one space; a space for more.

    The key to a grammar's ``*_starts``, which say what may begin a match there: a space
    or hyphen lets every pattern be tried, the end of the text none.

    >>> _first_after("5 people", 1), _first_after("5%", 1), _first_after("5 \u00a0bn", 1)
    ('p', '%', ' ')
    """
    first = s[end : end + 1]
    if first.isspace():
        first = s[end + 1 : end + 2]
        if first.isspace():
            return " "
    return first


def _core(g: Grammar, s: str, start: int, end: int, num: Numeral, spelled: bool) -> Quantity:
    """The figure at s[start:end] with its currency before and scale, currency or unit after."""
    unit: str | None = None
    bare_dollar = cents = False
    value, step = num.value, num.step
    sign = _minus_before(g, s, start)
    if sign is not None:
        value, start = -value, sign  # "minus 3 Grad", "um minus 0,5 Prozent"
    before = _currency_before(g, s, start)
    if before:
        mark = before.group("code") or before.group("sym")
        unit = g.currency_marks.get(mark) or g.currency_marks[" ".join(mark.split())]
        bare_dollar, start = mark == "$", before.start()
    scaled = False
    short_scale = None
    factor = _ONE
    # A pattern is tried only where what follows may begin a match of it: a third of the
    # figures are followed by none of them.
    first = _first_after(s, end)
    scale = g.scale.match(s, end) if first in g.scale_starts else None
    if scale:
        word = scale.group("scale")
        power = g.scale_powers.get(word)  # folded keys: a lower-case word is its own key
        if power is None:
            power = g.scale_powers.get(fold(word))
        short = power is None
        if short:
            power = g.short_scales[word]
        assert power is not None
        # A one-letter short form ("m", "b") is a scale when glued to a money figure or
        # to a number that counts a plural: "$180m", "5m users"; "300 m" and "a 300m
        # tower" may be metres.
        gap = scale.group("gap")
        if short and len(word) == 1 and (gap or unit is None):
            plural = not gap and _is_head(g, _next_word(s, scale.end()))
            short_scale = None if gap or plural else (power, scale.end())
            scale = scale if plural else None
        if scale:
            value, step, end, scaled = value * 10**power, step * 10**power, scale.end(), True
            factor = _POWERS[power]
            first = _first_after(s, end)
    if unit is None and first in g.currency_after_starts:
        currency = g.currency_after.match(s, end)
        if currency and not (currency.group("gap") == "-" and not scaled):
            mark = currency.group("cur")
            code = g.currency_marks.get(mark) or g.currency_words.get(fold(mark))
            if code is None and mark.isupper():
                code = mark
            if code:
                unit, end = code, currency.end()
                bare_dollar = fold(mark) in {"$", "dollar", "dollars"}
    if unit is None and not scaled and first in g.percent_starts:
        pct = g.percent.match(s, end)
        if pct and _index_points(g, s, start, value, pct.group("pct")):
            pct = None  # counted: the noun is "points"
        if pct:
            word = pct.group("pct")
            unit_name, times = g.percent_units.get(word) or g.percent_units[fold(word)]
            unit, end, factor = unit_name, pct.end(), decimal_of(times)
            value, step = value * factor, step * factor
    if unit is None and not scaled and first in g.currency_minor_starts:
        minor = g.currency_minor.match(s, end)
        if minor:
            mark = minor.group("minor") or minor.group("glued")
            code = g.minor_currency.get(mark) or g.minor_currency[fold(mark)]
            # "45 cents" are the hundredths of the dollar the document speaks of.
            unit, end, bare_dollar = code, minor.end(), code == "USD"
            value, step, factor = value / 100, step / 100, _HUNDREDTH
            cents = fold(mark) in g.minor_follows
    if unit is None and first in g.unit_starts:
        physical = g.unit.match(s, end)
        # Glued by a hyphen, a unit makes a compound ("a 1.5-gigawatt campus"); a lone
        # small letter does not ("3-m" may be anything).
        if physical and not (
            physical.group("gap") == "-" and len(physical.group("unit")) == 1
            and physical.group("unit").islower()
        ) and not (
            physical.group("gap") and physical.group("unit") in g.glued_units
        ):  # fmt: skip
            word = physical.group("unit")
            unit_name, times = g.units.get(word) or g.units[fold(word)]
            unit, end, unit_factor = unit_name, physical.end(), decimal_of(times)
            value, step, factor = value * unit_factor, step * unit_factor, factor * unit_factor
    if unit is None and not scaled and first in g.multiplier_starts:
        times_end = _multiplier_after(g, s, start, end, spelled)
        unit, end = ("x", times_end) if times_end else (unit, end)
    # Every field by position: keywords make building the figure take twice as long.
    return Quantity(
        start, end, value, step, unit,
        "exact", None, None, None,  # qualifier, value_high, step_high, noun
        spelled, num.grouped, scaled, bare_dollar,
        False, short_scale, factor, cents,  # elliptic, short_scale, factor, cents
    )  # fmt: skip


def _multiplier_after(g: Grammar, s: str, start: int, end: int, spelled: bool) -> int | None:
    """Where a multiplier's suffix after the number ends: "1.5x", "10-fold", "2.5 times"."""
    mult = g.multiplier_suffix.match(s, end)
    if mult is None:
        return None
    word = fold(mult.group("mult"))
    if not spelled:
        return mult.end() if (mult.group("gap") == "") == (word != "times") else None
    # A number in words: "five times as many", "grew five times"; not "five times a year".
    if not mult.group("gap") or word not in g.lex.multipliers.times:
        return None
    if _compared(g, s, mult.end()) or _change_before(g, _last_words(s, start)):
        return mult.end()
    return None


def _with_hundredths(g: Grammar, s: str, q: Quantity) -> Quantity:
    """Add the hundredths written after a whole amount: "3 dollars 50 cents", "£4 and
    20p", "thirteen dollars and forty-five cents", "zwei Euro fünfzig"."""
    if q.unit is None or len(q.unit) != 3 or q.scaled or q.value != int(q.value):
        return q
    link = g.hundredths_link.match(s, q.end)
    if link is None:
        return q
    at = link.end()
    digits = NUMERAL.match(s, at)
    words = None if digits else g.word_anchor.match(s, at)
    if digits:
        num = parse_numeral(digits.group("digits"), g.lex.decimal_separator)
        end = digits.end()
    elif words and not words.group("mult"):
        num, end = _word_numeral(g, words), words.end()
    else:
        return q
    if num is None or not 0 < num.value < 100 or num.value != int(num.value):
        return q
    minor = g.currency_minor.match(s, end)
    if minor:
        end = minor.end()
    elif not (g.lex.currencies.minor_bare and link.group("and") is None and _ends_amount(s, end)):
        return q
    q.value, q.step, q.end = q.value + num.value / 100, _HUNDREDTH, end
    return q


def _ends_amount(s: str, end: int) -> bool:
    """Whether a bare number of hundredths ends the amount: a mark, the end, a small word."""
    token = _TOKEN.match(s, end)
    if token is None:
        return True
    word = token.group("word")
    return word is None or word[:1].islower()


#: The word after a multiplier that may only be one before a comparison.
_NEXT_WORDS = re.compile(r"\s+(\w+)(?:\s+([\w'’]+))?")


def _compared(g: Grammar, s: str, end: int) -> bool:
    """Whether a comparison follows at ``end``: "twice *the* price", "fünfmal *so* viel"."""
    after = _NEXT_WORDS.match(s, end)
    if after is None:
        return False
    first, second = after.group(1).lower(), (after.group(2) or "").lower()
    wanted = g.lex.multipliers.comparative_after
    return first in wanted or f"{first} {second}" in wanted


def _is_head(g: Grammar, word: str) -> bool:
    """Whether ``word`` can be the head of a counted noun phrase ("workers", "Stellen")."""
    if not word:
        return False
    nouns, lower = g.lex.counted_nouns, word.lower()
    if nouns.head_capitalised:
        return word[0].isupper()
    if lower in g.lex.stopwords:
        return False
    return lower in nouns.heads or (
        lower.endswith(nouns.plural_endings) and not lower.endswith(nouns.singular_endings)
    )


#: A sentence ends between two figures: punctuation, then whitespace.
_SENTENCE_END = re.compile(
    r"""
    [.!?…] \s                     # a full stop, or the like, before a space
    """,
    re.VERBOSE,
)


def _money_scale(g: Grammar, s: str, q: Quantity, before: Quantity | None) -> Quantity:
    """A glued one-letter scale read after all, after money in the same sentence.

    "Revenue reached £1.2bn, against 950m": the 950m are millions of the pounds before;
    "it sold 2.1m units, up from 1.9m": millions of the units counted before, not metres.
    """
    if q.short_scale is None or before is None or q.qualifier != "exact":
        return q
    money = before.elliptic or (before.unit is not None and len(before.unit) == 3)
    counted = before.unit is None and before.scaled and before.noun is not None
    if not (money or counted) or _SENTENCE_END.search(s, before.end, q.start):
        return q
    power, end = q.short_scale
    following = _next_word(s, end).lower()
    if counted and following and following not in g.lex.stopwords:
        return q  # "a 300m tower" measures the tower
    factor = _POWERS[power]
    q.value, q.step, q.end, q.unit = q.value * factor, q.step * factor, end, None
    q.factor *= factor
    q.scaled, q.elliptic, q.noun = True, money, None
    return q


def _with_qualifiers(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> Quantity:
    """Add the qualifier before ("about", "bis zu") or after ("300,000+", "or more").

    ``words_before`` are the :func:`_last_words` before the figure.
    """
    after = g.qualifier_after.match(s, q.end)
    if after and after.group("q"):
        last_word = fold(after.group("q")).split()[-1]
        if f"{last_word} {_next_word(s, after.end()).lower()}" in g.qualifiers:
            after = None  # "3 Prozent und mehr als 5": "mehr als" qualifies the next figure
    if after:
        key = "over" if after.group("plus") else g.qualifiers_after[fold(after.group("q"))]
        q.end, q.qualifier = after.end(), key
    before = None
    # Most figures follow no qualifier: their last word ends no qualifier phrase.
    last = words_before[-1] if words_before else ""
    if last in g.qualifier_ends and _preceded_by(words_before, g.qualifiers):
        before = g.qualifier_before.search(s, max(0, q.start - 30), q.start)
    if before and not _names_amount(g, s, before):
        q.start, q.qualifier = before.start("q"), g.qualifiers[fold(before.group("q"))]
    return q


def _qualified_through_article(g: Grammar, s: str, q: Quantity) -> Quantity:
    """A multiplier noun after an article takes the qualifier before the article."""
    start = q.start
    q.start = s.rfind(" ", 0, start - 1) + 1  # the article's first letter
    q = _with_qualifiers(g, s, q, _last_words(s, q.start))
    if q.qualifier == "exact":
        q.start = start
    return q


def _names_amount(g: Grammar, s: str, qualifier: re.Match[str]) -> bool:
    """Whether the qualifier names the amount of the noun before it: "einen Kredit über"."""
    if fold(qualifier.group("q")) not in g.lex.qualifiers.amount_after_noun:
        return False
    words = s[max(0, qualifier.start() - 40) : qualifier.start()].split()[-3:]
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    return any(w.lower() in g.lex.qualifiers.amount_articles for w in words[:-1])


def _second_figure(g: Grammar, s: str, pos: int) -> Quantity | None:
    """The figure that closes a range, starting at ``pos`` (after "to", "bis", "-")."""
    skip = g.currency_after.match(s, pos)  # "$95 billion to $105 billion"
    at = skip.end() if skip and skip.group("cur") in g.currency_marks else pos
    at = _skip_space(s, at) if at != pos else at
    match = NUMERAL.match(s, at)
    if match is None:
        return _second_in_words(g, s, pos, at)
    if match.group("sign"):
        return None
    num = parse_numeral(match.group("digits"), g.lex.decimal_separator)
    if num is None or _leading_zero(match.group("digits")):
        return None
    q = _core(g, s, match.start(), match.end(), num, spelled=False)
    q.start = pos
    return q


def _second_in_words(g: Grammar, s: str, pos: int, at: int) -> Quantity | None:
    """The second figure of "four to five million", in words as the first."""
    words = g.word_anchor.match(s, at)
    if words is None or words.group("mult") or (at and s[at - 1].isalnum()):
        return None
    num = _word_numeral(g, words)
    if num is None:
        return None
    q = _core(g, s, words.start(), words.end(), num, spelled=True)
    q.start = pos
    return q


def _with_shared_unit(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> Quantity:
    """Give the bare first figure of "from 1.2 to 1.9 billion euros" the second's unit.

    So too two figures joined by "and" or "or": "9.9 and 12 billion dollars".

    With a scale but no unit, the second's counted noun too: "von 2,1 auf 2,4 Millionen
    Fahrgäste". ``words_before`` are the :func:`_last_words` before the figure.
    """
    if q.unit is not None or q.scaled or not words_before:
        return q
    last = words_before[-1]
    if last in g.change_from:
        link = g.change_to.match(s, q.end)
    elif last in g.range_openers or _is_year_like(q):
        return q  # "between 9 and 10 billion" is a range; "in 2020 and 2.5 million" no pair
    else:
        link = g.shared_scale.match(s, q.end)  # "at 9.9 and 12 billion dollars"
    second = _second_figure(g, s, link.end()) if link else None
    if second is None or (second.unit is None and not second.scaled):
        return q
    factor = second.factor
    q.value, q.step, q.unit, q.factor = q.value * factor, q.step * factor, second.unit, factor
    q.scaled, q.bare_dollar, q.cents = second.scaled, second.bare_dollar, second.cents
    if second.unit is None:
        q.noun = _noun(g, s, second)[0]
    return q


def _part_noun(
    g: Grammar, s: str, q: Quantity, words_before: list[str], found: list[Quantity]
) -> str | None:
    """The noun of the count a bare count is a part of, in the same sentence: after "of
    whom" or "davon", or after a count opened by "of its" or "von den" ("Of its 3,900
    employees, 350 work in Germany and 2,100 in Sweden")."""
    if not found or q.qualifier not in ("exact", "approx") or g.shared_noun.match(s, q.end):
        return None  # "3 of the 12 depots": the count after says
    nouns = g.lex.counted_nouns
    for before in reversed(found[-4:]):
        if before.unit is not None or before.noun is None or before.scaled:
            return None
        if _SENTENCE_END.search(s, before.end, q.start):
            return None
        if before is found[-1] and _preceded_by(words_before, nouns.part_openers):
            return before.noun
        if _preceded_by(_last_words(s, before.start, 2), nouns.partitive):
            return before.noun
    return None


def _shared_noun(g: Grammar, s: str, q: Quantity, before: Quantity | None) -> str | None:
    """The noun a bare count shares with its neighbour: "68 votes to 31", "412 zu 198 Stimmen"."""
    if before is not None and before.noun is not None and before.unit is None:
        link = g.shared_noun.match(s, before.end + 1 + len(before.noun))
        if s.startswith(" " + before.noun, before.end) and link and link.end() == q.start:
            return before.noun
    link = g.shared_noun.match(s, q.end)
    match = NUMERAL.match(s, link.end()) if link else None
    if match is None:
        return None
    num = parse_numeral(match.group("digits"), g.lex.decimal_separator)
    if num is None:
        return None
    second = _core(g, s, match.start(), match.end(), num, spelled=False)
    return _noun(g, s, second)[0] if second.unit is None and not second.scaled else None


def _change_before(g: Grammar, words_before: list[str]) -> bool:
    """Whether a verb of change stands before the figure, perhaps across a qualifier.

    >>> from factcheck.extract.grammar import grammar
    >>> g = grammar("en")
    >>> _change_before(g, ["rose", "by", "nearly"]), _change_before(g, ["fell", "more", "than"])
    (True, True)
    >>> _change_before(g, ["a", "range", "of"])
    False
    """
    for k in range(len(words_before)):
        if k and " ".join(words_before[-k:]) not in g.qualifiers:
            continue
        if len(words_before) > k and words_before[-k - 1] in g.change_verbs:
            return True
    return False


def _leading_zero(digits: str) -> bool:
    return len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()


def _with_range(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> tuple[Quantity, bool]:
    """Join "$95 billion to $105 billion" or "10-20%" into one ranged figure.

    Returns the figure and whether a number is glued to it with a hyphen or slash
    without forming a range (a phone number, an ID, a year span). ``words_before`` are
    the :func:`_last_words` before the figure.
    """
    window = q.start - 12 if q.start > 12 else 0
    last = words_before[-1] if words_before else None
    opener = g.range_open.search(s, window, q.start) if last in g.range_openers else None
    opened = opener is not None
    connector = (g.range_and if opened else g.range_connector).match(s, q.end)
    if connector is None:
        return q, False
    worded = not opened and connector.group("conn").isalpha()
    if worded and last in g.change_openers and g.change_open.search(s, window, q.start):
        return q, False  # "from 12% to 15%" is a change; "von 3–4 %" a range all the same
    hyphen = not opened and connector.group("conn") in {"-", "–", "—"}
    second = _second_figure(g, s, connector.end())
    if second is None:
        return q, hyphen and s[connector.end() : connector.end() + 1].isdigit()
    bare = second.unit is None and not second.scaled
    if worded and (q.unit is not None or bare) and _change_before(g, words_before):
        # "fell 3.5 percent to 18.2%", "claims rose by 12,000 to 231,000": the change,
        # then the new level.
        return q, False
    low, low_step, unit = q.value, q.step, q.unit
    if (unit is None and second.unit is not None) or (
        second.scaled and not q.scaled and second.unit in (None, unit)
    ):
        # "4,5 bis 5 Milliarden Euro", "$5–6 billion": the first figure shares the second's
        # scale and unit.
        factor = second.factor
        low, low_step, unit = low * factor, low_step * factor, second.unit or unit
    elif (unit is not None and second.unit not in (None, unit)) or (
        unit is not None and second.unit is None and (q.scaled or len(unit) != 3)
    ):
        # "15 per cent to 2,300 a week": a percentage or a measure does not range to a
        # bare number; money may ("$40 to 50 a barrel").
        return q, False
    if _is_year_like(q) and _is_year_like(second):
        return q, True  # 2024-2026
    if not low < second.value:
        return q, hyphen
    if opener is not None:
        q.start = opener.start()  # "between 10 and 20 percent": the opener is the range's
    q.value, q.step, q.unit, q.qualifier = low, low_step, unit, "range"
    q.value_high, q.step_high, q.end = second.value, second.step, second.end
    q.scaled, q.bare_dollar = q.scaled or second.scaled, q.bare_dollar or second.bare_dollar
    q.cents = q.cents or second.cents
    return q, False


def _is_year_like(q: Quantity) -> bool:
    # The range first: it rules out most figures, and testing for an integer is dearer.
    return (
        q.unit is None and not q.grouped and not q.scaled and 1000 <= q.value <= 2199
        and q.value == int(q.value)
    )  # fmt: skip


def _noun(g: Grammar, s: str, q: Quantity) -> tuple[str | None, bool]:
    """The counted noun after a bare number, and whether it is glued by a hyphen."""
    pos, words, glued = q.end, [], False
    stop, nouns = g.lex.stopwords, g.lex.counted_nouns
    headed = False
    if s[pos : pos + 1].isalpha():
        return None, False  # letters glued to the digits name a model or size: "405B"
    for index in range(3):
        if index == 0 and s.startswith("-", pos):
            glued, pos = True, pos + 1  # "2,200-strong", "50-Milliarden-Paket"
        token = _TOKEN.match(s, pos)
        if token is None or token.group("word") is None:
            break
        word = token.group("word")
        lower = word.lower()
        if glued and index == 0 and lower in nouns.figure_adjectives:
            pos = token.end()  # "a 2,200-strong workforce" counts the workforce
            continue
        if lower in stop or lower in g.months or lower in g.qualifiers_after:
            break
        words.append(word)
        pos = token.end()
        if nouns.head_capitalised:
            headed = word[0].isupper()  # a German noun ends the phrase: "dauerhafte Stellen"
        elif lower in nouns.heads:
            # a plural without the ending ends it, unless a plural follows that it
            # qualifies as an adjective would: "74 data halls", "120 police officers"
            following = _TOKEN.match(s, pos)
            headed = index == 2 or following is None or not _is_plural(nouns, following["word"])
        else:
            headed = _is_plural(nouns, lower)  # the first plural ends it: "3,000 workers joined"
        if headed:
            break
    if nouns.head_capitalised and not headed:
        words = []  # no noun, just words: "unter 1234567 erreichbar"
    return (" ".join(words) if words else None), glued


def _is_plural(nouns: CountedNouns, word: str | None) -> bool:
    """Whether ``word`` has a plural ending ("workers", not "business" or "bonus")."""
    if word is None:
        return False
    lower = word.lower()
    return lower.endswith(nouns.plural_endings) and not lower.endswith(nouns.singular_endings)


def _word_before(s: str, start: int) -> tuple[str, str]:
    """The word that ends (perhaps across a gap) within 40 characters before ``start``.

    >>> _word_before("Boeing 737", 7), _word_before("COVID-19", 6), _word_before("(5", 1)
    (('Boeing', ' '), ('COVID', '-'), ('', ''))
    """
    match = _WORD_BEFORE_REVERSED.match(s[max(0, start - 40) : start][::-1])
    assert match is not None  # every part of the pattern may be empty
    word = match.group("word")
    return (word[::-1], match.group("gap")[::-1]) if word else ("", "")


def _is_not_a_claim(g: Grammar, s: str, q: Quantity, joined: bool, words_before: list[str]) -> bool:
    """Years, dates, ordinals, durations, phone numbers, names with digits, vague words.

    ``words_before`` are the :func:`_last_words` before the figure as it was found.
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
    after = _TOKEN.match(s, q.end)  # read once: several rules below look at it
    next_word = (after.group("word") or "") if after else ""
    if lower in g.months or next_word.lower().rstrip(".") in g.months:
        return True  # March 3, 3. März
    if lower in g.clock_words:
        return True  # GMT+1, UTC-5: a time zone's offset
    if _is_year_like(q):
        # English groups thousands ("2,000 jobs"), so a bare 1000..2199 is a year; German
        # may write "2000 Mitarbeiter", so there a following noun makes it a count.
        if not next_word[:1].isupper() or g.lex.lang == "en":
            return True  # "ab 2027 monatlich", "2024."
        # "seit 2019 Vorstandschef" is a year; "der 1500 Beschäftigten" a count of them
        counted = lower in g.lex.determiners and q.noun is not None and q.noun == next_word
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
        following = _next_word(s, q.end + 1)
        if following and following.lower() not in g.lex.determiners:
            return True  # an ordinal after an article: "ihre 5.000. Filiale", not "die 5.000. Der"
    if s.startswith(("-", "/"), q.end) and s[q.end + 1 : q.end + 2].isdigit():
        return True
    if q.start >= 2 and s[q.start - 1] in "-–/:" and s[q.start - 2].isdigit():
        return True  # the second of "3-1", "2:0", "24/7": a score or a code, not a figure
    if after and NUMERAL.match(s, _skip_space(s, q.end)):
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
    unit = _next_word(s, _number_end(g, s, q))
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

    ``before`` are the two :func:`_last_words` before the figure.
    """
    if len(before) == 2 and before[1] in g.ratio_words:
        first = before[0]
        if first.isdigit() or g.number_words.get(first, 0) == 1:
            return True
    if g.street_words and q.noun is not None and " " in q.noun:
        name, last = q.noun.rsplit(" ", 1)
        return name[:1].isupper() and fold(last).rstrip(".") in g.street_words
    return False


def _next_word(s: str, pos: int) -> str:
    token = _TOKEN.match(s, pos)
    return token.group("word") or "" if token else ""


def _word_anchors(g: Grammar, s: str) -> Iterator[re.Match[str]]:
    """The matches of ``g.word_anchor.finditer(s)``, found through ``g.word_anchor_before``.

    Trying the long alternation of number words at every character was a fifth of the
    time of an extraction. ``word_anchor_before`` finds, quickly, every place where an
    anchor may start (and a few more), where the full pattern is then tried.
    """
    end = 0  # where the last anchor ended: the next may not start before it
    first = g.word_anchor.match(s)  # at the very start, no character stands before
    if first is not None:
        end = first.end()
        yield first
    # Searched in the lower-cased text where it lower-cases character for character (same
    # offsets) and holds no character that matches a letter only under re.IGNORECASE.
    lowered = s.lower()
    if len(lowered) == len(s) and not any(ch in s for ch in g.not_lowered):
        candidates = g.word_anchor_before_lower.finditer(lowered)
    else:
        candidates = g.word_anchor_before.finditer(s)
    for before in candidates:
        at = before.start() + 1
        if at < end:
            continue  # "five" of "twenty five", already read with "twenty"
        match = g.word_anchor.match(s, at)
        if match is not None:
            end = match.end()
            yield match


def _anchors(g: Grammar, s: str) -> Iterator[tuple[int, int, Numeral, bool, bool]]:
    """(start, end, numeral, spelled, multiplier word) for every number in ``s``, in order."""
    numerals = find_numerals(s, g.glued_marks)
    words = _word_anchors(g, s)
    digit = next(numerals, None)
    word = next(words, None)
    separator = g.lex.decimal_separator
    # Where the next word anchor starts: past the end of the text once there is none.
    word_start = word.start() if word is not None else len(s) + 1
    while digit or word:
        start = digit.start() if digit is not None else word_start
        if start < word_start:
            assert digit is not None
            # NUMERAL's look-behind has already turned away a numeral glued to a word.
            num = parse_numeral(digit.group(), separator)
            if num is not None and not _leading_zero(digit.group("digits")):
                yield start, digit.end(), num, False, False
            digit = next(numerals, None)
            continue
        assert word is not None
        inside = word_start and (s[word_start - 1].isalnum() or s[word_start - 1] in "_-")
        if inside:
            pass  # inside a word: "someone", "Anteilen"
        elif word.group("mult"):
            factor = g.lex.multipliers.words[fold(word.group("mult"))]
            num = Numeral(decimal_of(factor), Decimal(1), grouped=False)
            yield word_start, word.end(), num, True, True
        else:
            parsed = _word_numeral(g, word)
            if parsed is not None:
                yield word_start, word.end(), parsed, True, False
        word = next(words, None)
        word_start = word.start() if word is not None else len(s) + 1


def scan(g: Grammar, s: str) -> list[Quantity]:
    """Every figure in ``s`` that is a claim, in order of appearance."""
    found: list[Quantity] = []
    taken = 0
    for start, end, num, spelled, multiplier in _anchors(g, s):
        if start < taken:
            continue  # the second number of a range already read
        if multiplier:
            if fold(s[start:end]) in g.lex.multipliers.comparative and not _compared(g, s, end):
                continue  # "twice a year", "a double-digit gain": no multiplier
            q = Quantity(start, end, num.value, num.step, "x", spelled=True)
            words_before = _last_words(s, q.start)
            q = _with_qualifiers(g, s, q, words_before)  # "more than doubled"
            if q.qualifier == "exact" and words_before and words_before[-1] in g.articles:
                q = _qualified_through_article(g, s, q)  # "mehr als eine Verdopplung"
            joined = False
        else:
            q = _with_hundredths(g, s, _core(g, s, start, end, num, spelled))
            words_before = _last_words(s, q.start)
            q = _with_shared_unit(g, s, q, words_before)
            q, joined = _with_range(g, s, q, words_before)
            q = _with_qualifiers(g, s, q, words_before)
            if q.unit is None:
                noun, glued = (q.noun, False) if q.noun else _noun(g, s, q)
                if not glued and not (noun and _is_head(g, noun.split()[-1])):
                    # "3,900 people, of whom 350 work in Germany": the part's noun
                    noun = _part_noun(g, s, q, words_before, found) or noun
                q.noun = noun
                if q.scaled and not q.spelled and (noun is None or glued):
                    q.elliptic, q.noun = True, None
                elif noun is None and not q.scaled and q.qualifier == "exact":
                    q.noun = _shared_noun(g, s, q, found[-1] if found else None)
        if q.short_scale is not None:  # a glued one-letter scale, rare: "950m"
            q = _money_scale(g, s, q, found[-1] if found else None)
        if _is_not_a_claim(g, s, q, joined, words_before):
            continue
        found.append(q)
        taken = q.end
    return found
