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

from collections.abc import Sequence

from factcheck.frame.clauses import FigureSpan, Sentence, clause_bounds
from factcheck.frame.mentions import Token
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


def figure_scope(
    words: FrameWords, sentence: Sentence, at: FigureSpan, kind: Kind
) -> frozenset[str]:
    """The scope tags of the figure at ``at``, a figure of ``kind`` ("money", …)."""
    texts = [t.text for t in sentence.tokens]
    lo, hi = _scene_start(words, sentence, at.lo), at.hi
    tags = _clause_tags(words, sentence, texts, lo, hi)
    if kind != "money":
        tags.discard("unit:share")  # "433.3 million shares at $20.47 apiece": the price's
    if "unit:share" not in tags and not _priced(words, texts, lo, hi):
        # "paid", "offer", "close" say which price only of a share's price
        tags -= {t for t in tags if t.startswith("price:")}
    round_label = _round(words, texts, lo, hi)
    if round_label is not None:
        tags.add(f"round:{round_label}")
    if kind == "area":
        tags.discard("part:site")  # "a 2,250-acre site": the site is what is measured
    if kind != "percent" or len(tags & _REPORTING) > 0 or "price:close" in tags:
        # "said on Thursday it raised", "a 31% rise in third-quarter profit on Thursday":
        # the day of the news, not the period measured; "the close on Friday": a close
        # is a day's price already
        tags.discard("period:day")
    if _changed_by(words, texts, lo, at.first, kind):
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
    bounds = clause_bounds(words, sentence.tokens, sentence.figure)
    for start in reversed([b for b in bounds if b < lo]):
        if any(sentence.figure[start:lo]):
            break
        lo = start
    return lo


def _clause_tags(
    words: FrameWords, sentence: Sentence, texts: list[str], lo: int, hi: int
) -> set[str]:
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
    return tags


def _placed(words: FrameWords, texts: Sequence[str], i: int) -> bool:
    """Whether a place preposition governs the word at ``i``, maybe through an article
    ("in Germany", "in den Vereinigten Staaten", "in the U.S.")."""
    before = i - 1
    if before > 0 and words.role(texts[before]) == "determiner":
        before -= 1
    return before >= 0 and texts[before].lower() in words.place_prepositions


def _changed_by(words: FrameWords, texts: Sequence[str], lo: int, first: int, kind: Kind) -> bool:
    """Whether a count or amount is the size of a change, not a level."""
    if first and texts[first - 1].lower() in words.change_by and kind in ("count", "money"):
        # "die Belegschaft um 11.000 reduzieren", "cut by 5,000" (not "supplemented by")
        verb = any(t.lower() in words.change_verbs for t in texts[lo:first])
        if words.lang == "de" or verb:
            return True
    return False


def _gap(words: FrameWords, sentence: Sentence, texts: list[str], last: int) -> str | None:
    """The tag of a figure that is a gap below or above another, from the words right
    after it ("a 6.5% discount")."""
    if last < len(texts):  # "20,47 Dollar … rund vier Dollar unter dem Schlusskurs"
        gap = words.gap.phrase(texts, last) or words.gap.word_concept(texts[last].lower())
        if gap is not None and not (last + 1 < len(texts) and sentence.figure[last + 1]):
            return gap
    return None


def _priced(words: FrameWords, texts: Sequence[str], lo: int, hi: int) -> bool:
    """Whether the clause speaks of a share's price ("mit einem Kurs von 12,60 Euro")."""
    metrics = words.metrics
    return any(
        (metrics.phrase(list(texts), i) or metrics.word_concept(texts[i].lower())) == "share_price"
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


def figure_status(words: FrameWords, tokens: Sequence[Token], at: FigureSpan) -> Status | None:
    """Whether the figure at ``at`` is an earlier value, a threshold, a report or a
    forecast, by the status words of its clause; None: a fact."""
    first, last = at.first, at.last
    texts = [t.text for t in tokens]
    if _earlier_value(words, tokens, texts, at):
        return "previous"  # "lifting its stake from around 20%", "von 27.000 auf"
    found: set[str] = set()
    for i in range(at.lo, at.hi):
        if first <= i < last:
            continue
        tag = words.status.phrase(texts, i) or words.status.word_concept(texts[i].lower())
        if tag == "threshold" and not (first - 3 <= i < last + 2):
            continue  # a threshold word says so of the figure beside it only
        if tag == "previous" and not (first - 3 <= i < first):
            continue  # "400 Millionen statt 450 Millionen": the one after "statt"
        if tag is not None:
            found.add(tag)
    for i in range(first, last):  # "30-Prozent-Marke": the mark glued to the figure
        tag = words.status.word_concept(texts[i].lower())
        if tag == "threshold":
            found.add(tag)
    for status in _STATUS_ORDER:
        if status in found:
            return status
    return None


def _earlier_value(
    words: FrameWords, tokens: Sequence[Token], texts: Sequence[str], at: FigureSpan
) -> bool:
    """Whether the figure is where a change starts ("from 27,000 to 16,000", "von 27.000
    auf 16.000": the first is the earlier value)."""
    first, last = at.first, at.last
    if first and texts[first - 1].lower() in words.change_from:
        to_figure = any(
            texts[j].lower() in words.change_to and j + 1 < len(tokens) and
            tokens[j + 1].text[:1].isdigit()
            for j in range(last, min(last + 3, len(texts)))
        )  # fmt: skip
        changing = any(t.lower() in words.change_verbs for t in texts[at.lo : first])
        return changing or to_figure
    return False


def figure_years(sentence: Sentence, at: FigureSpan) -> frozenset[int]:
    """The years the figure's clause names, the figure's own words aside."""
    years = set()
    for offset, token in enumerate(sentence.tokens[at.lo : at.hi]):
        if sentence.figure[at.lo + offset]:
            continue
        text = token.text
        if len(text) == 4 and text.isdigit() and int(text) in _YEARS:
            years.add(int(text))
    return frozenset(years)
