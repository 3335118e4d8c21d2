"""What a figure measures and whose it is, from the words of its sentence.

``metric``: the nearest cue word (:mod:`~factcheck.extract.cues`) of a concept that fits
the figure's kind (money, percent, count, …), counting distance in words and preferring
the figure's own clause; a narrower concept ("construction_jobs") wins over its parent
when its cue is near too.

``subject``/``counterparty``: organisation names are runs of tokens that may be names
(:mod:`~factcheck.extract.names`). A possessive before the figure ("Google's stake")
names the subject; a name after "in"/"with"/"an" after the figure is the counterparty;
"the company"/"das Unternehmen" refer back.

A :class:`Sentence` reads its words once for all the figures in it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck.extract.cues import Cue, CueTable, cue_table, refinements
from factcheck.extract.names import (
    CLAUSE_MARKS,
    CLAUSE_STOPS,
    NameCandidate,
    governing_words,
    name_candidate,
    names_among,
    party_words,
)
from factcheck.lexicon import Kind, load_concepts, load_lexicon

#: A token, as a group: splitting at it keeps the tokens (:meth:`Sentence.__init__`).
#: Possessive (``*+``): nothing a part takes would let a later one match instead, and
#: the engine then keeps no positions to go back to (a fifth faster).
_TOKEN = re.compile(r"([^\W_]\w*+(?:[-'’&.]\w++)*+(?:['’]s?+)?+|[,;:()–—\"“”„])")


@dataclass
class DocumentMemory:
    """What later sentences of a document may refer back to."""

    last_subject: str | None = None
    entities: frozenset[str] = field(default_factory=frozenset)


class Context(NamedTuple):
    """What :meth:`Sentence.describe` finds out about a figure (a named tuple: one per claim)."""

    metric: str | None
    subject: str | None
    counterparty: str | None


class _Token(NamedTuple):
    """What a token says by itself: what it cues, and whether it may be part of a name."""

    cue: Cue | None
    name: NameCandidate | None


#: What a clause mark (",", "(", …) says: no cue, no name, but a mark (by identity).
_MARK = _Token(None, None)

#: How many tokens a :class:`_Said` remembers at most. A news text has some tens of
#: thousands of distinct words; past the bound, all are forgotten and looked up again.
_REMEMBERED = 1 << 15


def _token_says(lang: str, cues: CueTable, token: str) -> _Token | None:
    """What ``token`` says by itself; None for nothing (most tokens)."""
    if token in CLAUSE_MARKS:
        return _MARK
    cue, name = cues.cue(token), name_candidate(lang, token)
    return _Token(cue, name) if cue or name else None


class _Said(dict[str, _Token | None]):
    """What each token of one language says by itself (:func:`_token_says`), remembered.

    A memo of a pure function, kept explicit: a token seen before costs one dict lookup
    (every token of a sentence with a figure is looked up, once for both questions); a
    new one is worked out in :meth:`__missing__`. Past ``_REMEMBERED`` tokens it forgets
    them all: time, not memory.
    """

    def __init__(self, lang: str, cues: CueTable) -> None:
        super().__init__()
        self.lang, self.cues = lang, cues

    def __missing__(self, token: str) -> _Token | None:
        if len(self) >= _REMEMBERED:
            self.clear()
        found = self[token] = _token_says(self.lang, self.cues, token)
        return found


class _Words(NamedTuple):
    """What reading a sentence of one language needs, gathered once per language."""

    lang: str
    cues: CueTable
    kinds: dict[str, tuple[Kind, ...]]  # the kinds of figure each concept fits
    governing: frozenset[str]
    party: frozenset[str]
    #: possessive endings glued to a known name without a mark ("Anthropics Bewertung"):
    #: the lexicon's possessive endings that are letters
    glued_possessive: tuple[str, ...]
    said: _Said  # what each token says by itself


@functools.cache
def _words_of(lang: str) -> _Words:
    kinds = {name: concept.kinds for name, concept in load_concepts().items()}
    cues = cue_table(lang)
    glued = tuple(e for e in load_lexicon(lang).references.possessive if e.isalpha())
    said = _Said(lang, cues)
    return _Words(lang, cues, kinds, governing_words(lang), party_words(lang), glued, said)


_POSSESSIVE = ("'s", "’s")


class _Name(NamedTuple):
    text: str
    first: int  # token index
    last: int  # token index, exclusive
    possessive: bool


class _Names(NamedTuple):
    """The names of a sentence, and for every name index k where the useful ones are.

    A name made of a figure's words ("US" of "US$5bn") is no party, and is not used.
    """

    names: list[_Name]
    starts: list[int]  # the first token of each name
    ends: list[int]  # the token after each name
    #: the last used name at or before k, or the last that is possessive, or not
    #: governed ("free"); None where there is none
    unused_before: list[_Name | None]
    possessive_before: list[_Name | None]
    free_before: list[_Name | None]
    #: the index of the first name at or after k that is free, or that a word like "in"
    #: or "with" makes a party; len(names) where there is none
    free_after: list[int]
    party_after: list[int]


class _Cut(NamedTuple):
    """Where a claim at tokens[first:last] stands among the names of its sentence."""

    first: int
    last: int
    before: int  # names[:before] end before the claim
    after: int  # names[after:] start after it
    #: the pieces of a name that the claim's own tokens cut, before and after it, unless
    #: a figure's tokens
    left: _Name | None
    right: _Name | None


class _Read(NamedTuple):
    """What the tokens of a sentence say by themselves (:func:`_read_tokens`)."""

    concept_at: dict[int, str]  # token index -> the concept it cues
    by_kind: dict[str, list[int]]  # the cues as token indices, by the kind of figure
    marks: list[int]  # indices of the clause marks, in order
    stops: list[int]  # indices of the marks that end a clause outright (";")
    capitals: list[int]  # the tokens that may be part of a name
    candidates: list[NameCandidate]  # and what they say about it


def _read_tokens(words: _Words, texts: list[str]) -> _Read:
    """The cues, clause marks and name candidates among ``texts``.

    One lookup a token (:class:`_Said`) tells the few that cue a metric, may be part
    of a name or are clause marks.
    """
    said = list(map(words.said.__getitem__, texts))
    read = _Read({}, {}, [], [], [], [])
    concept_at, by_kind, marks, stops, capitals, candidates = read
    kinds = words.kinds
    for i in itertools.compress(range(len(texts)), said):
        token = said[i]
        assert token is not None  # compress passed on the tokens that say nothing
        if token is _MARK:
            marks.append(i)
            if texts[i] in CLAUSE_STOPS:
                stops.append(i)
            continue
        cue, name = token
        if cue is not None:
            concept = cue.concept
            if cue.phrase_head:
                concept = words.cues.phrase(texts, i) or concept
            if concept is not None:
                concept_at[i] = concept
                for kind in kinds[concept]:
                    by_kind.setdefault(kind, []).append(i)
        if name is not None:
            capitals.append(i)
            candidates.append(name)
    return read


def _disjoint_runs(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted spans of tokens merged into disjoint runs: where each run starts and ends.

    >>> _disjoint_runs([(0, 2), (1, 3), (3, 3), (5, 6)])
    ([0, 5], [3, 6])
    """
    covered_from: list[int] = []
    covered_to: list[int] = []
    for first, last in spans:
        if first >= last:
            continue
        if covered_to and first <= covered_to[-1]:
            covered_to[-1] = max(covered_to[-1], last)
        else:
            covered_from.append(first)
            covered_to.append(last)
    return covered_from, covered_to


class Sentence:
    """The words of one sentence, read once for every figure that stands in it.

    What does not depend on the figure is worked out once: the tokens, the metric cues
    among them by kind of figure, the runs of tokens that may make a name, which tokens
    belong to a figure (``places``, the figures of the sentence, as offsets). A figure
    then costs a few binary searches, however long its sentence: a line without a full
    stop may be one sentence of a megabyte, with thousands of figures in it.
    """

    __slots__ = (
        "_by_kind", "_concept_at", "_covered_from", "_covered_to", "_known", "_marks",
        "_names", "_offsets", "_start", "_stops", "_texts", "_words",
    )  # fmt: skip

    def __init__(
        self,
        lang: str,
        text: str,
        start: int,
        known: frozenset[str],
        places: Iterable[tuple[int, int]] = (),
    ) -> None:
        self._words = words = _words_of(lang)
        self._known = known
        # Split at the tokens: their texts stand at the odd places, what lies between them
        # at the even ones, so the offsets add up from the lengths (no match per token).
        parts = _TOKEN.split(text)
        self._texts = texts = parts[1::2]
        self._start = start
        #: where token k starts (at 2k) and ends (at 2k + 1) in the text, then its length
        self._offsets = list(itertools.accumulate(map(len, parts)))
        read = _read_tokens(words, texts)
        self._concept_at, self._by_kind, self._marks, self._stops = read[:4]
        # The tokens that belong to a figure, as disjoint runs in order: a few binary
        # searches tell whether a run of tokens touches one (:meth:`_taken`).
        spans = sorted(self._tokens_at(place_start, place_end) for place_start, place_end in places)
        self._covered_from, self._covered_to = _disjoint_runs(spans)
        capitals = read.capitals
        found = names_among(lang, texts, capitals, read.candidates, known) if capitals else None
        #: None for half the sentences: nothing to look up (describe does not)
        self._names = self._read_names(found) if found else None

    def _tokens_at(self, start: int, end: int) -> tuple[int, int]:
        """The tokens overlapping [start, end) of the document, as a slice (empty when
        first >= last).

        The offsets are in order, so as many tokens end at or before ``start`` as there
        are pairs among the offsets up to it, and as many start before ``end`` as pairs
        begun.
        """
        offsets, base = self._offsets, self._start
        first = bisect.bisect_right(offsets, start - base) // 2
        return first, (bisect.bisect_left(offsets, end - base, 0, len(offsets) - 1) + 1) // 2

    def _read_names(self, found: list[int]) -> _Names:
        """The runs of tokens that may be names (at ``found``), and where the useful ones are."""
        texts, words = self._texts, self._words
        starts: list[int] = []
        ends: list[int] = []
        for i in found:
            if ends and ends[-1] == i and not texts[i - 1].endswith(_POSSESSIVE):
                ends[-1] = i + 1
            else:
                starts.append(i)
                ends.append(i + 1)
        names = list(map(self._name, starts, ends))
        unused_before: list[_Name | None] = []
        possessive_before: list[_Name | None] = []
        free_before: list[_Name | None] = []
        free: list[bool] = []
        parties: list[bool] = []
        last_unused = last_possessive = last_free = None
        governing, party = words.governing, words.party
        covered_from, covered_to = self._covered_from, self._covered_to
        for name in names:
            first = name.first
            # Whether the name is a figure's, as in :meth:`_taken`, written out.
            k = bisect.bisect_left(covered_from, name.last)
            if k and covered_to[k - 1] > first:
                free.append(False)
                parties.append(False)
            else:
                last_unused = name
                if name.possessive:
                    last_possessive = name
                previous = texts[first - 1].lower() if first else ""
                free.append(previous not in governing)
                parties.append(previous in party)
                if free[-1]:
                    last_free = name
            unused_before.append(last_unused)
            possessive_before.append(last_possessive)
            free_before.append(last_free)
        count = len(names)
        free_after, party_after = [count] * count, [count] * count
        next_free = next_party = count
        for k in range(count - 1, -1, -1):
            next_free = k if free[k] else next_free
            next_party = k if parties[k] else next_party
            free_after[k], party_after[k] = next_free, next_party
        return _Names(
            names, starts, ends, unused_before, possessive_before, free_before, free_after,
            party_after,
        )  # fmt: skip

    def _name(self, first: int, last: int) -> _Name:
        words = self._texts[first:last]
        possessive = words[-1].endswith(_POSSESSIVE)
        if possessive:
            words[-1] = words[-1][:-2]
        else:
            for ending in self._words.glued_possessive:
                owner = words[-1][: -len(ending)]
                if words[-1].endswith(ending) and owner in self._known:
                    words[-1], possessive = owner, True  # "Anthropics Bewertung"
                    break
        return _Name(" ".join(words), first, last, possessive)

    def _taken(self, first: int, last: int) -> bool:
        """Whether one of tokens[first:last] belongs to a figure."""
        # The last run starting before ``last`` ends furthest: the runs are disjoint.
        k = bisect.bisect_left(self._covered_from, last)
        return first < last and k > 0 and self._covered_to[k - 1] > first

    def _stopped(self, i: int, first: int, last: int) -> bool:
        """Whether a clause stop stands between the cue at ``i`` and tokens[first:last]."""
        stops = self._stops
        if not stops:
            return False  # most sentences have none
        low, high = (i, first) if i < first else (last, i)
        return bisect.bisect_left(stops, high) > bisect.bisect_left(stops, low)

    def _marks_between(self, first: int, last: int) -> int:
        """How many clause marks stand among tokens[first:last]."""
        marks = self._marks
        if not marks:
            return 0  # most sentences have none
        return bisect.bisect_left(marks, last) - bisect.bisect_left(marks, first)

    def _governed(self, index: int) -> bool:
        """Whether the token at ``index`` follows a word that makes it a party or a place."""
        return index > 0 and self._texts[index - 1].lower() in self._words.governing

    def _cue(self, i: int, first: int, last: int, noun_index: int | None) -> tuple[float, str, int]:
        """The cue at token ``i`` for a figure at tokens[first:last]: (distance, concept, i).

        Distance counts tokens, three more per clause mark between; a cue after the figure
        binds a little less than one before, except the counted noun right after it.
        """
        if i < first:
            distance = float(first - i + 3 * self._marks_between(i, first))
        elif i == noun_index:
            distance = 0.0
        else:
            distance = i - last + 1 + 3 * self._marks_between(last, i) + (0.5 if i > last else 0.0)
        return distance, self._concept_at[i], i

    def _metric(self, first: int, last: int, kind: Kind, noun_index: int | None) -> str | None:
        """The concept whose cue is nearest to tokens[first:last] among those fitting ``kind``.

        Distance grows by at least one a token on either side, so the nearest cue is the
        last one before the figure or the first one after it; a narrower concept near the
        figure (within distance 6, so within six tokens) wins over the nearest one.
        """
        cues = self._by_kind.get(kind)
        if not cues:
            return None
        after = bisect.bisect_left(cues, last)
        before = bisect.bisect_left(cues, first, 0, after)
        best = None
        if before and not self._stopped(cues[before - 1], first, last):
            best = self._cue(cues[before - 1], first, last, noun_index)
        if after < len(cues) and not self._stopped(cues[after], first, last):
            cue = self._cue(cues[after], first, last, noun_index)
            best = cue if best is None or cue < best else best
        if best is None:
            return None
        children = refinements(best[1])
        if children:
            low = bisect.bisect_left(cues, first - 6)
            high = bisect.bisect_left(cues, last + 6)
            narrower = [
                cue for cue in (self._cue(i, first, last, noun_index) for i in cues[low:high])
                if not first <= cue[2] < last and cue[1] in children and cue[0] <= 6
            ]  # fmt: skip
            if narrower:
                return min(narrower)[1]
        return best[1]

    def describe(
        self, claim_start: int, claim_end: int, kind: Kind, has_noun: bool, memory: DocumentMemory
    ) -> Context:
        """Metric, subject and counterparty of the claim at [claim_start, claim_end).

        The names of the sentence are those before the claim, the pieces of a name the
        claim's own tokens cut (at most one each side), and those after it. What later
        sentences may refer back to is kept in ``memory``.
        """
        first, last = self._tokens_at(claim_start, claim_end)
        if first >= last:
            return Context(None, memory.last_subject, None)
        noun_index = last if has_noun and last < len(self._texts) else None
        metric = self._metric(first, last, kind, noun_index)
        tables = self._names
        if tables is None:  # half the sentences: no subject but the one before, no counterparty
            return Context(metric, memory.last_subject, None)
        cut = self._cut(tables, first, last)
        subject = self._subject(tables, cut, memory.last_subject)
        counterparty = self._counterparty(tables, cut, subject)
        self._remember(tables, cut, memory)
        return Context(metric, subject, counterparty)

    def _cut(self, tables: _Names, first: int, last: int) -> _Cut:
        """Where the claim at tokens[first:last] stands among the names of the sentence."""
        names = tables.names
        before = bisect.bisect_right(tables.ends, first)  # names[:before] end before
        after = bisect.bisect_left(tables.starts, last)  # names[after:] start after
        left = right = None
        if before < after and names[before].first < first:
            left = self._name(names[before].first, first)
            left = None if self._taken(left.first, left.last) else left
        if before < after and names[after - 1].last > last:
            right = self._name(last, names[after - 1].last)
            right = None if self._taken(right.first, right.last) else right
        return _Cut(first, last, before, after, left, right)

    def _owner(self, tables: _Names, cut: _Cut, clause_start: int) -> _Name | None:
        """The possessive name in the claim's clause before it: "Google's stake"."""
        left = cut.left
        if left is not None and left.first >= clause_start and left.possessive:
            return left
        possessive = tables.possessive_before[cut.before - 1] if cut.before else None
        return possessive if possessive is not None and possessive.first >= clause_start else None

    def _subject(self, tables: _Names, cut: _Cut, last_subject: str | None) -> str | None:
        """Whose figure it is: the owner in its clause, else a free name in its clause,
        else the name before it, else the first free name after it, else the subject of
        an earlier sentence."""
        marks, left, governed = self._marks, cut.left, self._governed
        k = bisect.bisect_left(marks, cut.first)
        clause_start = marks[k - 1] + 1 if k else 0  # after the clause mark before the claim
        owner = self._owner(tables, cut, clause_start)
        if owner is not None:
            return owner.text
        free = left if left is not None and not governed(left.first) else None
        free = free or (tables.free_before[cut.before - 1] if cut.before else None)
        if free is not None and free.first >= clause_start:
            return free.text
        last_earlier = left or (tables.unused_before[cut.before - 1] if cut.before else None)
        if last_earlier is not None:
            # "Amazon is among the shareholders of Anthropic, a company valued at …": the
            # apposition after a comma describes the name right before it.
            comma = self._texts[clause_start - 1] == ","
            return last_earlier.text if comma or free is None else free.text
        names, right = tables.names, cut.right
        later = right if right is not None and not governed(right.first) else None
        k = tables.free_after[cut.after] if cut.after < len(names) else len(names)
        later = later or (names[k] if k < len(names) else None)
        return later.text if later is not None else last_subject

    def _counterparty(self, tables: _Names, cut: _Cut, subject: str | None) -> str | None:
        """The other party: the name a word like "in" or "with" makes one after the claim,
        if it is not the subject."""
        names, right = tables.names, cut.right
        party = self._words.party
        if (
            right is not None
            and self._texts[cut.last - 1].lower() in party
            and right.text != subject
        ):
            return right.text
        party_after, count = tables.party_after, len(names)
        k = party_after[cut.after] if cut.after < count else count
        while k < count and names[k].text == subject:
            k = party_after[k + 1] if k + 1 < count else count
        return names[k].text if k < count else None

    def _remember(self, tables: _Names, cut: _Cut, memory: DocumentMemory) -> None:
        """Keep the subject a later sentence without a name refers back to: the first free
        name before the claim, else the free piece of a name the claim cuts, else the first
        free name after it."""
        names, free_after, governed = tables.names, tables.free_after, self._governed
        left, right = cut.left, cut.right
        k = free_after[0]
        if k < cut.before:
            memory.last_subject = names[k].text
        elif left is not None and not governed(left.first):
            memory.last_subject = left.text
        elif right is not None and not governed(right.first):
            memory.last_subject = right.text
        else:
            k = free_after[cut.after] if cut.after < len(names) else len(names)
            if k < len(names):
                memory.last_subject = names[k].text
