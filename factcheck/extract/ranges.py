"""Two figures read together: a range, or a first figure that shares the second's unit.

:func:`with_range` joins "$95 billion to $105 billion", "10-20%" or "between 10 and 20
percent" into one ranged figure; :func:`with_shared_unit` gives the bare first figure of
"from 1.2 to 1.9 billion euros" or "9.9 and 12 billion dollars" the second's scale and unit.
"""

from __future__ import annotations

from factcheck.extract.figure import (
    Quantity,
    change_before,
    counted_noun,
    is_year_like,
    leading_zero,
    read_figure,
    skip_space,
)
from factcheck.extract.grammar import Grammar
from factcheck.extract.numerals import NUMERAL, parse_numeral
from factcheck.extract.spelled import word_numeral


def _second_figure(g: Grammar, s: str, pos: int) -> Quantity | None:
    """The figure that closes a range, starting at ``pos`` (after "to", "bis", "-")."""
    skip = g.currency_after.match(s, pos)  # "$95 billion to $105 billion"
    at = skip.end() if skip and skip.group("cur") in g.currency_marks else pos
    at = skip_space(s, at) if at != pos else at
    match = NUMERAL.match(s, at)
    if match is None:
        return _second_in_words(g, s, pos, at)
    if match.group("sign"):
        return None
    num = parse_numeral(match.group("digits"), g.lex.decimal_separator)
    if num is None or leading_zero(match.group("digits")):
        return None
    q = read_figure(g, s, match.start(), match.end(), num, spelled=False)
    q.start = pos
    return q


def _second_in_words(g: Grammar, s: str, pos: int, at: int) -> Quantity | None:
    """The second figure of "four to five million", in words as the first."""
    words = g.word_anchor.match(s, at)
    if words is None or words.group("mult") or (at and s[at - 1].isalnum()):
        return None
    num = word_numeral(g, words)
    if num is None:
        return None
    q = read_figure(g, s, words.start(), words.end(), num, spelled=True)
    q.start = pos
    return q


def with_shared_unit(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> Quantity:
    """Give the bare first figure of "from 1.2 to 1.9 billion euros" the second's unit.

    So too two figures joined by "and" or "or": "9.9 and 12 billion dollars".

    With a scale but no unit, the second's counted noun too: "von 2,1 auf 2,4 Millionen
    Fahrgäste". ``words_before`` are the :func:`~factcheck.extract.figure.last_words`
    before the figure.
    """
    if q.unit is not None or q.scaled or not words_before:
        return q
    last = words_before[-1]
    if last in g.change_from:
        link = g.change_to.match(s, q.end)
    elif last in g.range_openers or is_year_like(q):
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
        q.noun = counted_noun(g, s, second)[0]
    return q


def with_range(g: Grammar, s: str, q: Quantity, words_before: list[str]) -> tuple[Quantity, bool]:
    """Join "$95 billion to $105 billion" or "10-20%" into one ranged figure.

    Returns the figure and whether a number is glued to it with a hyphen or slash
    without forming a range (a phone number, an ID, a year span). ``words_before`` are
    the :func:`~factcheck.extract.figure.last_words` before the figure.
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
    if worded and (q.unit is not None or bare) and change_before(g, words_before):
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
    if is_year_like(q) and is_year_like(second):
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
