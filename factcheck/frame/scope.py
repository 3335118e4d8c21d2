"""Where, over what and when a figure holds, and how sure its sentence is of it.

Two figures of one party and metric are still different facts when their scope differs
(Germany or Europe, a division or the group, a quarter or a year, a tranche or the
round, the price per share or the deal), when one is an earlier value, a forecast or a
rumour, or when they name other years. All of it is read from the words of the figure's
clause, the figure's own words aside; the clauses before it that hold no figure set its
scene too ("Im laufenden Geschäftsjahr, das im Juni endet, will Microsoft …").

Scope is a set of "dimension:value" tags from the lexicon's ``[frames]`` words
("region:DE", "period:quarter", "round:c", "sign:below", "form:change"); the status is
one of :data:`~factcheck.lexicon.Status` or none, a fact.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import NamedTuple

from factcheck.frame.clauses import FigureSpan, Sentence, remember, sentence_bounds
from factcheck.frame.words import FrameWords
from factcheck.lexicon import Kind, Status

#: Years a figure's clause may name (a four-digit number in this range).
_YEARS = range(1900, 2101)
#: Periods from the narrowest: where a clause names several, the narrowest holds.
_PERIODS = ("period:day", "period:month", "period:quarter", "period:half", "period:year")
#: Periods a company reports on: beside one of them, a day is the day of the news.
_REPORTING = frozenset({"period:quarter", "period:half", "period:year"})
#: Status words, from the one that wins when a clause has several.
_STATUS_ORDER: tuple[Status, ...] = ("previous", "threshold", "reported", "expected")
#: Status words that hold anywhere in a figure's clause (the others only beside it).
_ANYWHERE: tuple[Status, ...] = ("reported", "expected")


def figure_scope(
    words: FrameWords, sentence: Sentence, at: FigureSpan, kind: Kind
) -> frozenset[str]:
    """The scope tags of the figure at ``at``, a figure of ``kind`` ("money", …).

    What the words of a stretch of the sentence say is worked out once per stretch: the
    figures of one clause share it.
    """
    texts = sentence.texts
    lo, hi = _scene_start(words, sentence, at.lo), at.hi
    tags = set(
        remember(sentence, ("tags", lo, hi), lambda: _clause_tags(words, sentence, texts, lo, hi))
    )
    if kind != "money":
        tags.discard("unit:share")  # "433.3 million shares at $20.47 apiece": the price's
    priced = remember(sentence, ("priced", lo, hi), lambda: _priced(words, texts, lo, hi))
    if "unit:share" not in tags and not priced:
        # "paid", "offer", "close" say which price only of a share's price
        tags -= {t for t in tags if t.startswith("price:")}
    round_label = remember(sentence, ("round", lo, hi), lambda: _round(words, texts, lo, hi))
    if round_label is not None:
        tags.add(f"round:{round_label}")
    if kind == "area":
        tags.discard("part:site")  # "a 2,250-acre site": the site is what is measured
    if kind != "percent" or len(tags & _REPORTING) > 0 or "price:close" in tags:
        # "said on Thursday it raised", "a 31% rise in third-quarter profit on Thursday":
        # the day of the news, not the period measured; "the close on Friday": a close
        # is a day's price already
        tags.discard("period:day")
    if _changed_by(words, sentence, lo, at.first, kind):
        tags.add("form:change")
    gap = _gap(words, sentence, texts, at.last)
    if gap is not None:
        tags.add(gap)
    periods = [t for t in _PERIODS if t in tags]
    if len(periods) > 1:  # "the first quarter of the fiscal year": the quarter
        tags -= set(periods[1:])
    return frozenset(tags)


def _scene_start(words: FrameWords, sentence: Sentence, lo: int) -> int:
    """Where the scene of a clause starting at ``lo`` starts: the clauses before it that
    hold no figure set its scene too ("Im laufenden Geschäftsjahr, das im Juni endet,
    will Microsoft 80 Milliarden …")."""
    return remember(sentence, ("scene", lo), lambda: _walk_back(words, sentence, lo))


def _walk_back(words: FrameWords, sentence: Sentence, lo: int) -> int:
    bounds = sentence_bounds(words, sentence)
    figures_before = sentence.figures_before
    for start in reversed(bounds[: bisect.bisect_left(bounds, lo)]):
        if figures_before[lo] > figures_before[start]:  # a figure among [start, lo)
            break
        lo = start
    return lo


def _clause_tags(
    words: FrameWords, sentence: Sentence, texts: list[str], lo: int, hi: int
) -> frozenset[str]:
    """The tags that the words among [lo, hi) name, a figure's own words ("more than")
    aside: scope words and regions ("in Germany", "hierzulande")."""
    tags: set[str] = set()
    for i in range(lo, hi):
        if sentence.figure[i]:
            continue  # a figure's own words ("more than") are no scope
        phrased = words.scope.phrase_concepts(texts, i)
        tag = words.scope.word_concept(texts[i].lower()) if not phrased else None
        tags.update(phrased if tag is None else (tag,))
        lower = texts[i].lower()
        placed = _placed(words, texts, i)
        region = words.region_at(texts, i) if lower in words.region_adverbs or placed else None
        if region is not None:
            tags.add(f"region:{region}")
        if tag == "part:site":
            tags.update(f"site:{name.lower()}" for name in _site_names(words, texts, i))
    return frozenset(tags)


#: Most words of a site's name read ("Mount Pleasant"), and the mark between a town and
#: the region it lies in ("Dunmore, Ohio").
_SITE_NAME_WORDS, _PLACE_APPOSITION = 3, ","


def _site_names(words: FrameWords, texts: Sequence[str], i: int) -> list[str]:
    """The words of the name of the site that the site noun at ``i`` stands for: after a
    place preposition ("a plant in Dunmore, Ohio", "das Werk in Osterfeld"), right after
    the noun where the language says so ("Standort Hallstedt"), or between a determiner
    and the noun ("its Pelham site"). Each word is one tag: names that share a word, or
    a town and its region, are not told apart."""
    after = i + 1
    if after < len(texts) and texts[after].lower() in words.place_prepositions:
        after += 1
    elif not words.site_name_after:
        after = len(texts)
    names = _name_words(words, texts, after)
    mark = after + len(names)
    if names and mark + 1 < len(texts) and texts[mark] == _PLACE_APPOSITION:
        names += _name_words(words, texts, mark + 1)
    before = i - 1
    determined = before >= 1 and words.role(texts[before - 1]) in ("determiner", "pronoun")
    if determined and _is_name_word(words, texts[before]):
        names.append(texts[before])
    return names


def _name_words(words: FrameWords, texts: Sequence[str], start: int) -> list[str]:
    """The capitalised words of a name from ``start`` on (none when none starts there)."""
    found: list[str] = []
    for text in texts[start : start + _SITE_NAME_WORDS]:
        if not _is_name_word(words, text):
            break
        found.append(text)
    return found


def _is_name_word(words: FrameWords, text: str) -> bool:
    return (
        text[:1].isupper() and text.replace("-", "").isalpha()
        and words.role(text) is None and text.lower() not in words.stopwords
    )  # fmt: skip


def _placed(words: FrameWords, texts: Sequence[str], i: int) -> bool:
    """Whether a place preposition governs the word at ``i``, maybe through an article
    ("in Germany", "in den Vereinigten Staaten", "in the U.S.")."""
    before = i - 1
    if before > 0 and words.role(texts[before]) == "determiner":
        before -= 1
    return before >= 0 and texts[before].lower() in words.place_prepositions


def _changed_by(words: FrameWords, sentence: Sentence, lo: int, first: int, kind: Kind) -> bool:
    """Whether a count or amount is the size of a change, not a level."""
    lowered = sentence.lowered
    if not first or lowered[first - 1] not in words.change_by or kind not in ("count", "money"):
        return False
    # "die Belegschaft um 11.000 reduzieren", "cut by 5,000" (not "supplemented by")
    return words.lang == "de" or change_verb_between(words, sentence, lo, first)


def change_verb_between(words: FrameWords, sentence: Sentence, lo: int, hi: int) -> bool:
    """Whether a verb of change ("cut", "reduzieren") stands among tokens [lo, hi)."""

    def counts() -> list[int]:
        verbs = (lowered in words.change_verbs for lowered in sentence.lowered)
        return [0, *itertools.accumulate(verbs)]

    before = remember(sentence, ("change verbs", words.lang), counts)
    return before[hi] > before[lo]


def _gap(words: FrameWords, sentence: Sentence, texts: list[str], last: int) -> str | None:
    """The tag of a figure that is a gap below or above another, from the words right
    after it ("a 6.5% discount")."""
    if last < len(texts):  # "20,47 Dollar … rund vier Dollar unter dem Schlusskurs"
        gap = words.gap.phrase(texts, last) or words.gap.word_concept(texts[last].lower())
        if gap is not None and not (last + 1 < len(texts) and sentence.figure[last + 1]):
            return gap
    return None


def _priced(words: FrameWords, texts: list[str], lo: int, hi: int) -> bool:
    """Whether the clause speaks of a share's price ("mit einem Kurs von 12,60 Euro")."""
    metrics = words.metrics
    return any(
        (metrics.phrase(texts, i) or metrics.word_concept(texts[i].lower())) == "share_price"
        for i in range(lo, hi)
    )


def _round(words: FrameWords, texts: Sequence[str], lo: int, hi: int) -> str | None:
    """The label of a funding round named in the clause: "Series C", "Serie-C-Runde",
    "seed round", "Seed-Runde"."""
    for i in range(lo, hi):
        lower = texts[i].lower()
        parts = lower.split("-")
        if parts[0] in words.round_series and len(parts) > 1 and len(parts[1]) <= 2:
            return parts[1]  # "Serie-C-Runde"
        labelled = i + 1 < hi and len(texts[i + 1]) <= 2 and texts[i + 1][:1].isupper()
        if lower in words.round_series and labelled:
            return texts[i + 1].lower()  # "Series C"
        if parts[0] in words.round_seed:
            return parts[0]  # "seed round", "Seed-Runde"
    return None


def figure_status(words: FrameWords, sentence: Sentence, at: FigureSpan) -> Status | None:
    """Whether the figure at ``at`` is an earlier value, a threshold, a report or a
    forecast, by the status words of its clause; None: a fact."""
    first, last = at.first, at.last
    texts = sentence.texts
    if _earlier_value(words, sentence, at):
        return "previous"  # "lifting its stake from around 20%", "von 27.000 auf"
    tagged = remember(sentence, ("status", words.lang), lambda: _status_words(words, texts))
    found: set[str] = set()
    # a threshold word says so of the figure beside it only, a word of an earlier value
    # of the figure right after it ("400 Millionen statt 450 Millionen": the one after)
    for i in range(max(at.lo, first - 3), min(at.hi, last + 2)):
        tag = tagged.tags[i]
        if first <= i < last or tag not in ("threshold", "previous"):
            continue
        if tag == "threshold" or i < first:
            found.add(tag)
    for tag in _ANYWHERE:  # a report's or a forecast's word anywhere in the clause
        before = tagged.before[tag]
        if before[at.hi] - before[at.lo] > before[last] - before[first]:
            found.add(tag)
    for i in range(first, last):  # "30-Prozent-Marke": the mark glued to the figure
        tag = words.status.word_concept(texts[i].lower())
        if tag == "threshold":
            found.add(tag)
    for status in _STATUS_ORDER:
        if status in found:
            return status
    return None


class _StatusWords(NamedTuple):
    """The status word at each token, if any, and how many of each kind that holds
    anywhere in a clause come before each token."""

    tags: list[str | None]
    before: dict[Status, list[int]]


def _status_words(words: FrameWords, texts: list[str]) -> _StatusWords:
    tags = [
        words.status.phrase(texts, i) or words.status.word_concept(texts[i].lower())
        for i in range(len(texts))
    ]  # fmt: skip
    before = {
        status: [0, *itertools.accumulate(tag == status for tag in tags)] for status in _ANYWHERE
    }
    return _StatusWords(tags, before)


def _earlier_value(words: FrameWords, sentence: Sentence, at: FigureSpan) -> bool:
    """Whether the figure is where a change starts ("from 27,000 to 16,000", "von 27.000
    auf 16.000": the first is the earlier value)."""
    first, last = at.first, at.last
    texts, tokens = sentence.lowered, sentence.tokens
    if first and texts[first - 1] in words.change_from:
        to_figure = any(
            texts[j] in words.change_to and j + 1 < len(tokens) and
            tokens[j + 1].text[:1].isdigit()
            for j in range(last, min(last + 3, len(texts)))
        )  # fmt: skip
        return change_verb_between(words, sentence, at.lo, first) or to_figure
    return False


def figure_years(sentence: Sentence, at: FigureSpan) -> frozenset[int]:
    """The years the figure's clause names, the figure's own words aside."""
    return remember(sentence, ("years", at.lo, at.hi), lambda: _years(sentence, at.lo, at.hi))


def _years(sentence: Sentence, lo: int, hi: int) -> frozenset[int]:
    years = set()
    for offset, token in enumerate(sentence.tokens[lo:hi]):
        if sentence.figure[lo + offset]:
            continue
        text = token.text
        if len(text) == 4 and text.isascii() and text.isdigit() and int(text) in _YEARS:
            years.add(int(text))
    return frozenset(years)
