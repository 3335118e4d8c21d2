"""One figure as written: a number with its sign and currency before it, and the scale,
currency, percentage, hundredths, unit or multiplier after it.

:func:`read_figure` reads one at a number; the helpers here read the words around a
figure (the last words before it, the next word, the noun a bare count counts) for the
steps that build on it (:mod:`~factcheck.extract.quantities`, ranges, not-a-claim rules).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal

from factcheck.extract.grammar import GAP, SPACE, Grammar, fold
from factcheck.extract.interval import ReadQualifier
from factcheck.extract.numerals import Numeral, decimal_of
from factcheck.lexicon import CountedNouns

#: A token after a figure: a word (letters first, digits allowed: "Trainium2") or a mark.
TOKEN = re.compile(
    r"[\s\u00a0\u202f\u2009]*(?:(?P<word>[^\W\d_][\w]*(?:[-'’&][\w]+)*)|(?P<mark>\S))"
)
_SEP = re.compile(rf"{SPACE}*")
_ONE, HUNDREDTH = Decimal(1), Decimal("0.01")
#: 10**power for the powers scale words have.
POWERS = {power: Decimal(10) ** power for power in range(0, 16)}


def skip_space(s: str, pos: int) -> int:
    match = _SEP.match(s, pos)
    return match.end() if match else pos


@dataclass(slots=True)
class Quantity:
    """A figure found in a piece of text; offsets are relative to that piece.

    :func:`~factcheck.extract.quantities.scan` builds each one up in place (a scale, then
    a range, then a qualifier), which is cheaper than a copy per step; what it returns,
    later steps copy to change.
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


def last_words(s: str, end: int, count: int = 3) -> list[str]:
    """The last few words before ``end``, lower-cased, opening brackets and quotes stripped."""
    # Lower-casing never makes nor unmakes a space: the window may be lowered before it
    # is split, and only its last words need splitting off. (A conditional rather than
    # max(): this runs for every figure, and a call to a builtin costs more.)
    words = (s[end - 30 : end] if end > 30 else s[:end]).lower().rsplit(None, count)
    del words[:-count]
    return [w.lstrip("([{„“\"'‚‘«»") for w in words]


def preceded_by(words: list[str], table: Collection[str]) -> bool:
    """Whether a phrase of ``table`` ends the ``words`` before a figure (a cheap guard).

    >>> preceded_by(["rose", "by", "about"], {"about", "up to"}), preceded_by(["to"], {"up to"})
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


def read_figure(g: Grammar, s: str, start: int, end: int, num: Numeral, spelled: bool) -> Quantity:
    """The figure at s[start:end] with its sign and currency before and its scale,
    currency, percentage, hundredths, unit or multiplier after."""
    # Every field by position: keywords make building the figure take twice as long.
    q = Quantity(
        start, end, num.value, num.step, None,
        "exact", None, None, None,  # qualifier, value_high, step_high, noun
        spelled, num.grouped, False, False,  # spelled, grouped, scaled, bare_dollar
        False, None, _ONE, False,  # elliptic, short_scale, factor, cents
    )  # fmt: skip
    _read_sign(g, s, q)
    _read_currency_before(g, s, q)
    # A pattern is tried only where what follows may begin a match of it: a third of the
    # figures are followed by none of them.
    first = _first_after(s, end)
    if first in g.scale_starts and _read_scale(g, s, q):
        first = _first_after(s, q.end)
    for read in _UNIT_AFTER:
        if q.unit is not None:
            break
        read(g, s, q, first)
    return q


def _read_sign(g: Grammar, s: str, q: Quantity) -> None:
    """A sign word before the number: "minus 3 Grad", "um minus 0,5 Prozent"."""
    sign = _minus_before(g, s, q.start)
    if sign is not None:
        q.value, q.start = -q.value, sign


def _read_currency_before(g: Grammar, s: str, q: Quantity) -> None:
    """A currency sign or code before the number: "$5", "€ 40", "USD 12"."""
    before = _currency_before(g, s, q.start)
    if before:
        mark = before.group("code") or before.group("sym")
        q.unit = g.currency_marks.get(mark) or g.currency_marks[" ".join(mark.split())]
        q.bare_dollar, q.start = fold(mark) in g.bare_dollar, before.start()


def _read_scale(g: Grammar, s: str, q: Quantity) -> bool:
    """A scale word or short form after the number ("5 billion", "$180m", "2,4 Mrd."):
    whether there is one."""
    scale = g.scale.match(s, q.end)
    if scale is None:
        return False
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
    if short and len(word) == 1 and (gap or q.unit is None):
        plural = not gap and is_head(g, next_word(s, scale.end()))
        if not plural:
            q.short_scale = None if gap else (power, scale.end())
            return False
    q.value, q.step, q.end, q.scaled = q.value * 10**power, q.step * 10**power, scale.end(), True
    q.factor = POWERS[power]
    return True


def _read_currency_after(g: Grammar, s: str, q: Quantity, first: str) -> None:
    """A currency after the number: "5 euros", "40 Mrd. Dollar", "12 USD"."""
    if first not in g.currency_after_starts:
        return
    currency = g.currency_after.match(s, q.end)
    if currency is None or (currency.group("gap") == "-" and not q.scaled):
        return
    mark = currency.group("cur")
    code = g.currency_marks.get(mark) or g.currency_words.get(fold(mark))
    if code is None and mark.isupper():
        code = mark
    if code:
        q.unit, q.end = code, currency.end()
        q.bare_dollar = fold(mark) in g.bare_dollar


def _read_percent(g: Grammar, s: str, q: Quantity, first: str) -> None:
    """A percentage, percentage points or basis points: "5%", "3 Prozentpunkte", "25 bp"."""
    if q.scaled or first not in g.percent_starts:
        return
    pct = g.percent.match(s, q.end)
    if pct is None or _index_points(g, s, q.start, q.value, pct.group("pct")):
        return  # counted: the noun is "points"
    word = pct.group("pct")
    unit_name, times = g.percent_units.get(word) or g.percent_units[fold(word)]
    factor = decimal_of(times)
    q.unit, q.end, q.factor = unit_name, pct.end(), factor
    q.value, q.step = q.value * factor, q.step * factor


def _read_minor_currency(g: Grammar, s: str, q: Quantity, first: str) -> None:
    """A currency's hundredths: "45 cents", "312.5p", "40,1 ct"."""
    if q.scaled or first not in g.currency_minor_starts:
        return
    minor = g.currency_minor.match(s, q.end)
    if minor is None:
        return
    mark = minor.group("minor") or minor.group("glued")
    code = g.minor_currency.get(mark) or g.minor_currency[fold(mark)]
    # "45 cents" are the hundredths of the dollar the document speaks of.
    q.unit, q.end, q.bare_dollar = code, minor.end(), code == "USD"
    q.value, q.step, q.factor = q.value / 100, q.step / 100, HUNDREDTH
    q.cents = fold(mark) in g.minor_follows


def _read_unit(g: Grammar, s: str, q: Quantity, first: str) -> None:
    """A physical unit: "1.5 gigawatts", "40C", "a 1.5-gigawatt campus"."""
    if first not in g.unit_starts:
        return
    physical = g.unit.match(s, q.end)
    if physical is None:
        return
    word, gap = physical.group("unit"), physical.group("gap")
    # Glued by a hyphen, a unit makes a compound ("a 1.5-gigawatt campus"); a lone
    # small letter does not ("3-m" may be anything).
    if (gap == "-" and len(word) == 1 and word.islower()) or (gap and word in g.glued_units):
        return
    unit_name, times = g.units.get(word) or g.units[fold(word)]
    factor = decimal_of(times)
    q.unit, q.end = unit_name, physical.end()
    q.value, q.step, q.factor = q.value * factor, q.step * factor, q.factor * factor


def _read_multiplier(g: Grammar, s: str, q: Quantity, first: str) -> None:
    """A multiplier's suffix: "1.5x", "10-fold", "five times as many"."""
    if q.scaled or first not in g.multiplier_starts:
        return
    times_end = _multiplier_after(g, s, q.start, q.end, q.spelled)
    if times_end:
        q.unit, q.end = "x", times_end


#: What may follow a number and give the figure its unit, in the order tried: the
#: first that gives it one ends the search.
_UNIT_AFTER: tuple[Callable[[Grammar, str, Quantity, str], None], ...] = (
    _read_currency_after,
    _read_percent,
    _read_minor_currency,
    _read_unit,
    _read_multiplier,
)


def _multiplier_after(g: Grammar, s: str, start: int, end: int, spelled: bool) -> int | None:
    """Where a multiplier's suffix after the number ends: "1.5x", "10-fold", "2.5 times"."""
    mult = g.multiplier_suffix.match(s, end)
    if mult is None:
        return None
    word = fold(mult.group("mult"))
    if not spelled:
        spaced = word in g.lex.multipliers.spaced  # "2.5 times"; "1.5x", "10-fold"
        return mult.end() if (mult.group("gap") == "") != spaced else None
    # A number in words: "five times as many", "grew five times"; not "five times a year".
    if not mult.group("gap") or word not in g.lex.multipliers.times:
        return None
    if compared(g, s, mult.end()) or change_before(g, last_words(s, start)):
        return mult.end()
    return None


#: The word after a multiplier that may only be one before a comparison.
_NEXT_WORDS = re.compile(r"\s+(\w+)(?:\s+([\w'’]+))?")


def compared(g: Grammar, s: str, end: int) -> bool:
    """Whether a comparison follows at ``end``: "twice *the* price", "fünfmal *so* viel"."""
    after = _NEXT_WORDS.match(s, end)
    if after is None:
        return False
    first, second = after.group(1).lower(), (after.group(2) or "").lower()
    wanted = g.lex.multipliers.comparative_after
    return first in wanted or f"{first} {second}" in wanted


def is_head(g: Grammar, word: str) -> bool:
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


def change_before(g: Grammar, words_before: list[str]) -> bool:
    """Whether a verb of change stands before the figure, perhaps across a qualifier.

    >>> from factcheck.extract.grammar import grammar
    >>> g = grammar("en")
    >>> change_before(g, ["rose", "by", "nearly"]), change_before(g, ["fell", "more", "than"])
    (True, True)
    >>> change_before(g, ["a", "range", "of"])
    False
    """
    for k in range(len(words_before)):
        if k and " ".join(words_before[-k:]) not in g.qualifiers:
            continue
        if len(words_before) > k and words_before[-k - 1] in g.change_verbs:
            return True
    return False


def leading_zero(digits: str) -> bool:
    return len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()


def is_year_like(q: Quantity) -> bool:
    # The range first: it rules out most figures, and testing for an integer is dearer.
    return (
        q.unit is None and not q.grouped and not q.scaled and 1000 <= q.value <= 2199
        and q.value == int(q.value)
    )  # fmt: skip


def counted_noun(g: Grammar, s: str, q: Quantity) -> tuple[str | None, bool]:
    """The counted noun after a bare number, and whether it is glued by a hyphen."""
    pos, words, glued = q.end, [], False
    stop, nouns = g.lex.stopwords, g.lex.counted_nouns
    headed = False
    if s[pos : pos + 1].isalpha():
        return None, False  # letters glued to the digits name a model or size: "405B"
    for index in range(3):
        if index == 0 and s.startswith("-", pos):
            glued, pos = True, pos + 1  # "2,200-strong", "50-Milliarden-Paket"
        token = TOKEN.match(s, pos)
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
            following = TOKEN.match(s, pos)
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


def next_word(s: str, pos: int) -> str:
    token = TOKEN.match(s, pos)
    return token.group("word") or "" if token else ""
