"""Number literals: find them, and read them the way the document's language writes them.

A chain of small pure functions in the manner of price-parser: ``NUMERAL`` finds the
digits, :func:`parse_numeral` decides which separator is the decimal one and returns
the value with its stated precision, :func:`parse_number_words` reads spelled-out
numbers. Values are ``Decimal`` here; records store floats.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Collection, Iterator
from decimal import Decimal
from typing import NamedTuple

#: Group separators that never mean a decimal point: spaces of every width, apostrophes.
_SPACE_GROUPS = " \u00a0\u202f\u2009'’"

_NUMERAL_BODY = r"""
    (?P<sign>[-−–+](?=\d))?       # a sign directly before the digits
    (?P<digits>
        \d{1,3}                   # digits grouped by thousands: 2,400 / 2.400 / 1 200
        (?P<sep>[,.\u00a0\u202f\u2009'’\ ])\d{3}
        (?:(?P=sep)\d{3}){0,5}    # the same separator again (bounded: no runaway match)
        (?:[.,]\d{1,12})?         # and a decimal part: 1,234.5 / 1.234,5
      |
        \d{1,15}                  # plain digits, bounded so a digit flood stays linear
        (?:[.,]\d{1,12})?         # with a decimal part: 61.5 / 61,5
      |
        [.,]\d{1,12}              # a bare decimal: .5
    )
    (?![.,/:]?\d)                 # not followed by more digits (versions 1.5.3, dates, 24/7)
    """
NUMERAL = re.compile(
    r"(?<![\w.,/:])"  # not glued to a word (Trainium2), a number or a date/time
    + _NUMERAL_BODY,
    re.VERBOSE,
)
#: The same, glued to what stands before: a currency mark that ends in a letter ("$US113").
_GLUED_NUMERAL = re.compile(_NUMERAL_BODY, re.VERBOSE)


#: The first digit beyond ASCII that ``\d`` matches (ARABIC-INDIC DIGIT ZERO), as the
#: regex engine decides.
_FIRST_OTHER_DIGIT = next(
    c for c in map(chr, range(0x80, sys.maxunicode + 1)) if re.match(r"\d", c)
)

#: A run of digits. A numeral starts at the first digit of a run or one character before
#: it (a sign, a bare decimal point), never inside a run: its look-behind forbids a digit.
#: The engine skips ahead with the first class of a pattern: a class of ranges is tested
#: with a bitmap, but ``\d`` with a Unicode lookup per character of the text.
_DIGIT_RUN = re.compile(
    rf"""
    [0-9{_FIRST_OTHER_DIGIT}-\U0010ffff]   # every character \d may match, and more
    (?<=\d)                                 # which is one
    \d*                                     # the digits NUMERAL's own \d would see
    """,
    re.VERBOSE,
)


#: What NUMERAL may begin with right before a digit: a sign or a decimal point.
_OPENERS = frozenset("-−–+.,")


def find_numerals(s: str, glued_after: tuple[str, ...] = ()) -> Iterator[re.Match[str]]:
    """The matches of ``NUMERAL.finditer(s)``, found by hopping from digit run to digit run.

    A numeral right after one of ``glued_after`` is found too, though glued to a word:
    the currency marks that end in a letter ("$US113", "元25").

    NUMERAL opens with a look-behind, which keeps the regex engine from skipping ahead:
    it would try the whole pattern at every character. A bare digit run skips ahead in C,
    and NUMERAL is then tried only where a numeral can start.

    >>> [m.group() for m in find_numerals("Up -3.5% to 2,400 (v1.2.3, x2) or .5 in 2024")]
    ['-3.5', '2,400', '.5', '2024']
    """
    end = 0  # where the last numeral ended: the next may not start before it
    for run in _DIGIT_RUN.finditer(s):
        at = run.start()
        if at < end:
            continue  # the rest of a numeral already found ("400" of "2,400")
        # One character early only after a sign or a point: nothing else opens a numeral.
        match = NUMERAL.match(s, at - 1) if at > end and s[at - 1] in _OPENERS else None
        if match is None:
            match = NUMERAL.match(s, at)
        if match is None and glued_after and s.endswith(glued_after, max(0, at - 4), at):
            match = _GLUED_NUMERAL.match(s, at)
        if match is not None:
            end = match.end()
            yield match


class Numeral(NamedTuple):
    """A number as stated: its value and the step of its last stated digit.

    A named tuple rather than a frozen dataclass: one is made for every number in a text,
    and a frozen dataclass takes several times as long to build.
    """

    value: Decimal
    step: Decimal
    grouped: bool  # written with thousands separators ("1,150"), so clearly a figure


@functools.lru_cache(maxsize=256)
def decimal_of(number: float) -> Decimal:
    """A float as the Decimal its printed form gives (0.1, not 0.1000000000000000055…).

    Remembered: the floats read this way are few (settings, the factors of units and
    multipliers), and they are read for every figure.

    >>> decimal_of(0.1), decimal_of(1e-06)
    (Decimal('0.1'), Decimal('0.000001'))
    """
    return Decimal(str(number))


#: 10**k for the trailing zeros a numeral can have, computed once rather than per figure.
_POWERS_OF_TEN = tuple(Decimal(10) ** k for k in range(32))


def _trailing_zero_step(integer_digits: str) -> Decimal:
    """The step of an integer's last significant digit: 2400 is stated to the hundred.

    >>> _trailing_zero_step("2400"), _trailing_zero_step("1150"), _trailing_zero_step("0")
    (Decimal('100'), Decimal('10'), Decimal('1'))
    """
    stripped = integer_digits.rstrip("0")
    if not stripped:
        return Decimal(1)
    zeros = len(integer_digits) - len(stripped)
    return _POWERS_OF_TEN[zeros] if zeros < len(_POWERS_OF_TEN) else Decimal(10) ** zeros


#: Figures repeat (years, small counts, round amounts): each spelling is read once. The
#: bound keeps a text full of distinct numbers from growing the memory.
@functools.lru_cache(maxsize=1 << 12)
def parse_numeral(text: str, decimal_separator: str) -> Numeral | None:
    """Read digits with separators as the language does; None if they make no number.

    ``decimal_separator`` is the document language's ("." in English, "," in German);
    it only decides the ambiguous case of one separator before exactly three digits.

    >>> parse_numeral("2,400", ".").value, parse_numeral("2.400", ",").value
    (Decimal('2400'), Decimal('2400'))
    >>> parse_numeral("2.400", ".").value, parse_numeral("1,5", ".").value
    (Decimal('2.400'), Decimal('1.5'))
    >>> n = parse_numeral("61,5", ","); (n.value, n.step)
    (Decimal('61.5'), Decimal('0.1'))
    >>> parse_numeral("1.234.567,89", ",").value, parse_numeral("1 200", ".").value
    (Decimal('1234567.89'), Decimal('1200'))
    >>> parse_numeral("-3", ".").value
    Decimal('-3')
    """
    sign = ""
    if text[:1] in "-−–+":
        sign, text = ("-" if text[0] != "+" else ""), text[1:]
    if text.isdigit():  # the common case, without looking at each character
        return Numeral(Decimal(sign + text), _trailing_zero_step(text), grouped=False)
    marks = [ch for ch in text if not ch.isdigit()]
    if not marks:
        return Numeral(Decimal(sign + text), _trailing_zero_step(text), grouped=False)
    kinds = set(marks)
    decimal: str | None = None
    if len(kinds) == 1 and len(marks) == 1 and marks[0] in ".,":
        head, _, tail = text.partition(marks[0])
        # One separator before exactly three digits: a thousands group only where the
        # language groups with that mark ("2.400" in German, "2,400" in English).
        is_group = len(tail) == 3 and 1 <= len(head) <= 3 and marks[0] != decimal_separator
        if head == "0" or not head:
            is_group = False
        decimal = None if is_group else marks[0]
    elif len(kinds) == 1:
        decimal = None  # the same mark several times: thousands groups
    else:
        last = marks[-1]
        decimal = None if last in _SPACE_GROUPS or marks.count(last) > 1 else last
    if decimal is not None:
        integer, _, fraction = text.rpartition(decimal)
    else:
        integer, fraction = text, ""
    group_marks = {ch for ch in integer if not ch.isdigit()}
    if len(group_marks) > 1 or (decimal is not None and decimal in group_marks):
        return None
    groups = re.split(r"\D", integer) if group_marks else [integer]
    if group_marks and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    integer_digits = "".join(groups) or "0"
    if fraction:
        value = Decimal(f"{sign}{integer_digits}.{fraction}")
        step = Decimal(10) ** -len(fraction)
    else:
        value = Decimal(sign + integer_digits)
        step = _trailing_zero_step(integer_digits)
    return Numeral(value, step, grouped=bool(group_marks))


def parse_number_words(words: list[str], table: dict[str, float]) -> Decimal | None:
    """Combine spelled-out number words: ["twenty", "five"] -> 25, ["two", "hundred"] -> 200.

    ``words`` are lower-cased, with joiners (``number_syntax.joiners``) already removed.

    >>> t = {"two": 2, "twenty": 20, "five": 5, "hundred": 100, "dozen": 12, "half": 0.5}
    >>> parse_number_words(["twenty", "five"], t), parse_number_words(["two", "hundred"], t)
    (Decimal('25'), Decimal('200'))
    >>> parse_number_words(["dozen"], t), parse_number_words(["five", "five"], t) is None
    (Decimal('12'), True)
    >>> parse_number_words(["two", "half"], t)  # German "zweieinhalb" splits this way
    Decimal('2.5')
    >>> t |= {"thousand": 1000, "million": 1e6}
    >>> parse_number_words(["two", "million", "five", "hundred", "thousand", "five"], t)
    Decimal('2500005')
    """
    total = Decimal(0)
    current: Decimal | None = None
    last_scale: Decimal | None = None
    for word in words:
        if word not in table:
            return None
        value = decimal_of(table[word])
        value = value.to_integral_value() if value == value.to_integral_value() else value
        if value >= 1000:  # thousand, million: closes what came before it
            if last_scale is not None and value >= last_scale:
                return None  # "two thousand thousand"
            total, current, last_scale = total + (current or 1) * value, None, value
        elif value == 100:
            if current is not None and current >= 100:
                return None  # "five hundred hundred"
            current = (current or Decimal(1)) * value
        elif current is None:
            current = value
        elif current % 100 == 0 or (current >= 20 and current % 10 == 0 and value < 10):
            current += value
        elif value < 1 and current == current.to_integral_value():
            current += value  # "zwei" "einhalb": two and a half
        else:
            return None
    result = total + (current or Decimal(0))
    return result if (current is not None or total) else None


def split_compound_number(
    word: str, table: dict[str, float], joiners: Collection[str]
) -> list[str] | None:
    """Split a number written as one word into table words, or None; ``joiners`` glued
    inside it are dropped.

    >>> t = {"fünf": 5, "zwanzig": 20, "hundert": 100, "zwei": 2, "ein": 1}
    >>> split_compound_number("fünfundzwanzig", t, ["und"])  # tens first, ready to add up
    ['zwanzig', 'fünf']
    >>> split_compound_number("zweihundert", t, ["und"])
    ['zwei', 'hundert']
    """
    if word in table:
        return [word]
    for cut in range(len(word) - 1, 1, -1):
        head, tail = word[:cut], word[cut:]
        if head in table or head in joiners:
            rest = split_compound_number(tail, table, joiners)
            if rest is not None:
                if head in joiners:
                    return rest
                # "fünfundzwanzig": ones before tens are added, so read them tens first.
                if rest[:1] and 20 <= table.get(rest[0], 0) < 100 and table[head] < 10:
                    return [rest[0], head, *rest[1:]]
                return [head, *rest]
    return None
