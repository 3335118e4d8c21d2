"""Who a figure is about: its subject and counterparty, read from its sentence.

A figure's subject is, in this order:

1. its owner: a possessive name or pronoun before it in its clause ("Nvidia's stock",
   "seine Beteiligung"), or a name glued to a noun ("Intel-Kurs");
2. in a relative or appositive clause without a name of its own ("Oracle, which lent
   $6bn", "Databricks, the platform valued at $100bn"), the name the clause is about;
3. the first party its clause names that no preposition governs (German: before or
   after the figure, as German puts its subject after the verb);
4. the first such party of the sentence before its clause;
5. the topic (the party the story is about, which the document reader keeps).

Persons (a name after a title, or before a verb of saying) and places are no subjects.
The counterparty is the nearest party a preposition governs in the figure's clause
("a stake in X", "Anteil an der Commerzbank").

By the time a figure is read, the document reader has resolved the descriptions and
pronouns of its sentence ("the chipmaker", "its"), so a mention's name is its party; what
the figures of a sentence ask about its mentions is then worked out once per sentence.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from factcheck.extract.names import CLAUSE_MARKS
from factcheck.frame.clauses import (
    FigureSpan,
    Sentence,
    free,
    host,
    mention_starts,
    parenthetical,
    remember,
    sentence_bounds,
)
from factcheck.frame.mentions import GOVERNMENT, Mention, Token
from factcheck.frame.model import SubjectBy
from factcheck.frame.words import FrameWords

#: Words that open what a speaker says ("reported that …", "berichtete, dass …").
_THAT = frozenset({"that", "dass"})

#: A subject and how it was found.
Subject = tuple[str | None, SubjectBy]


def figure_subject(
    words: FrameWords, sentence: Sentence, at: FigureSpan, topic: str | None
) -> Subject:
    """The subject of the figure at ``at`` and how it was found (the module's steps)."""
    clause = _clause(words, sentence, at.lo, at.hi)
    before = bisect.bisect_right(clause.lasts, at.first)  # its parties [:before] end by it
    found = (
        _owner(words, sentence, at, clause, before)
        or _distributed_to(words, sentence, at, clause)
        or _host_of_clause(words, sentence, at, clause, before)
        or _clause_subject(words, clause, before)
        or _earlier_subject(words, sentence, at)
    )
    if found is not None:
        return found
    if topic is not None:
        return topic, "topic"
    return None, "none"


class _Clause(NamedTuple):
    """The parties of a clause (:func:`_parties`) and what each figure of it asks of
    them, worked out once for the clause: a row of a table flattened into one clause
    holds a name and a figure a cell."""

    parties: list[Mention]
    firsts: list[int]  # where each starts (ascending: mentions do not overlap)
    lasts: list[int]  # where each ends (ascending)
    free: list[int]  # how many of the parties before each are free (no preposition)
    free_names: list[int]  # … are free names
    owners: list[int]  # which may own what follows ("Nvidia's stake", "shares of Intel")
    first_free: int | None  # the first free party that is no pronoun
    first_free_pronoun: int | None
    governed: list[Mention]  # those a preposition of a party governs ("a stake in X")
    governed_firsts: list[int]


def _clause(words: FrameWords, sentence: Sentence, lo: int, hi: int) -> _Clause:
    def read() -> _Clause:
        parties = _parties(words, sentence, lo, hi)
        free_ = [free(words, m) for m in parties]
        names = [f and m.kind == "name" for f, m in zip(free_, parties, strict=True)]
        owners = [
            k for k, m in enumerate(parties)
            if (m.possessive and free_[k]) or _owns_noun(words, sentence, m, lo)
        ]  # fmt: skip
        pronouns = [k for k, m in enumerate(parties) if free_[k] and m.kind == "pronoun"]
        others = [k for k, m in enumerate(parties) if free_[k] and m.kind != "pronoun"]
        governed = [m for m in parties if m.before in words.party_prepositions]
        return _Clause(
            parties, [m.first for m in parties], [m.last for m in parties],
            [0, *itertools.accumulate(free_)], [0, *itertools.accumulate(names)], owners,
            others[0] if others else None, pronouns[0] if pronouns else None, governed,
            [m.first for m in governed],
        )  # fmt: skip

    return remember(sentence, ("clause parties", words.lang, lo, hi), read)


def _owner(
    words: FrameWords, sentence: Sentence, at: FigureSpan, clause: _Clause, before: int
) -> Subject | None:
    """1. the owner: a possessive right before the figure's phrase, or "the shares of X"
    (the last such party before it, with no free party between)."""
    last = bisect.bisect_left(clause.owners, before) - 1
    if last < 0:
        return None
    owner = clause.parties[clause.owners[last]]
    index = bisect.bisect_left(mention_starts(sentence), owner.first)
    owned = _owned_name(words, sentence, index)
    if owned is not None and owned.last <= at.first:
        owner = owned
    after = bisect.bisect_right(clause.firsts, owner.first)  # the parties after the owner
    if after >= before or clause.free[before] == clause.free[after]:
        return owner.name, "owner" if owner.kind != "pronoun" else "reference"
    return None


def _distributed_to(
    words: FrameWords, sentence: Sentence, at: FigureSpan, clause: _Clause
) -> Subject | None:
    """1b. the party after the figure that a distribution names ("a $10bn bet by the
    parent", "davon entfallen 200 Millionen auf die Hansa", "$2bn from Nvidia")."""
    distributing = remember(
        sentence,
        ("distributing", words.lang),
        lambda: any(t in words.distribution_verbs for t in sentence.lowered),
    )
    near = slice(
        bisect.bisect_left(clause.firsts, at.last), bisect.bisect_right(clause.firsts, at.last + 3)
    )
    for m in clause.parties[near]:  # those that start at most three tokens after it
        if m.before in words.agent_after or (
            distributing and m.before in words.distribution_prepositions
        ):
            return m.name, "owner" if m.kind in ("name", "owner") else "reference"
    return None


def _host_of_clause(
    words: FrameWords, sentence: Sentence, at: FigureSpan, clause: _Clause, before: int
) -> Subject | None:
    """2. a relative or appositive clause about the name before it: a relative pronoun
    is the clause's subject ("der Calder bereits 6 Milliarden geliehen hat")."""
    about = host(words, sentence, at.lo)
    if (
        about is not None
        and not about.person
        and not about.place
        and parenthetical(words, sentence, at.lo)
    ):
        opener = sentence.tokens[at.lo].text.lower()
        if opener in words.relative or not clause.free_names[before]:
            return about.name, "clause"
    return None


def _clause_subject(words: FrameWords, clause: _Clause, before: int) -> Subject | None:
    """3. the clause's own subject: a name or description before a pronoun (in English
    before the figure)."""
    reach = before if words.lang == "en" else len(clause.parties)
    for k in (clause.first_free, clause.first_free_pronoun):
        if k is not None and k < reach:
            m = clause.parties[k]
            return m.name, "clause" if m.kind in ("name", "owner") else "reference"
    return None


def _earlier_subject(words: FrameWords, sentence: Sentence, at: FigureSpan) -> Subject | None:
    """4. the subject of the nearest clause before that has one (not a parenthesis).

    The figure's clause starts at a clause bound; the answer for the clauses before
    each bound is kept, so that the figures of a sentence of many clauses do not each
    walk back through all of them."""
    bounds = sentence_bounds(words, sentence)
    k = bisect.bisect_left(bounds, at.lo)  # the clauses before: those starting at bounds[:k]
    known: dict[int, Subject | None] = remember(sentence, ("earlier subjects", words.lang), dict)
    walked: list[int] = []
    found: Subject | None = None
    while k > 0 and k not in known:
        walked.append(k)
        found = _subject_of_clause(words, sentence, bounds, k - 1)
        if found is not None:
            break
        k -= 1
    else:
        found = known.get(k)
    for j in walked:
        known[j] = found
    return found


def _subject_of_clause(
    words: FrameWords, sentence: Sentence, bounds: Sequence[int], k: int
) -> Subject | None:
    """The subject of the ``k``-th clause, unless it is a parenthesis."""
    start = bounds[k]
    end = bounds[k + 1] if k + 1 < len(bounds) else len(sentence.tokens)
    if parenthetical(words, sentence, start):
        return None
    earlier = [m for m in _parties(words, sentence, start, end) if free(words, m)]
    earlier.sort(key=lambda m: m.kind == "pronoun")
    if earlier:
        m = earlier[0]
        return m.name, "sentence" if m.kind in ("name", "owner") else "reference"
    return None


def _spoken_of(words: FrameWords, sentence: Sentence, speaker: Mention) -> bool:
    """Whether a speaker speaks of another party ("Huang says Nvidia has …", "a sum
    the AP put at"): then the speaker is no party; a company that says or expects
    its own figure is ("Orrin expects revenue of $3.2bn")."""
    if speaker.person or speaker.before in words.prepositions:
        return True
    tokens = sentence.tokens
    if speaker.last + 1 < len(tokens) and tokens[speaker.last + 1].text.lower() in _THAT:
        return True  # "the Corriere reported that €100 million …": it tells of others
    # another party named: one not the speaker's (the speaker, if a party, has its name)
    total, named = remember(sentence, "parties named", lambda: _parties_named(sentence))
    return total > (named[speaker.name] if speaker.name is not None else 0)


def _parties_named(sentence: Sentence) -> tuple[int, Counter[str]]:
    """How many mentions of a party (no person or place) the sentence holds, and of each."""
    named = Counter(
        m.name for m in sentence.mentions
        if m.name is not None and not (m.place or m.person)
    )  # fmt: skip
    return named.total(), named


def _in(sentence: Sentence, lo: int, hi: int) -> list[Mention]:
    """The mentions that start among tokens [lo, hi)."""
    starts = mention_starts(sentence)
    return sentence.mentions[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]


def _parties(words: FrameWords, sentence: Sentence, lo: int, hi: int) -> list[Mention]:
    """Mentions among tokens [lo, hi) that may be a figure's party: no person or place
    ("Elon Musk's xAI", "Saudi Arabia's Kingdom Holdings": the company after them)."""
    found = [
        m for m in _in(sentence, lo, hi)
        if m.name is not None and not m.place
        and not (m.speaker and _spoken_of(words, sentence, m))
    ]  # fmt: skip
    companies = [m for m in found if not m.person]
    # a person is a party only where no company is ("Kretinsky steigt … ein")
    return companies if companies else found


def _owns_noun(words: FrameWords, sentence: Sentence, m: Mention, lo: int) -> bool:
    """Whether ``m`` owns a noun through "of", "von" or a genitive ("the shares of
    Intel", "die Papiere von Intel", "der Anteil des Staates"): that noun starts the
    clause, so its owner is the clause's subject."""
    tokens = sentence.tokens
    if m.before not in words.genitive and m.before not in ("of", "von"):
        return False
    at = m.first - 1
    while at > lo and tokens[at].text.lower() != m.before:
        at -= 1
    noun = at - 1
    if noun < lo or tokens[noun].text in CLAUSE_MARKS or sentence.figure[noun]:
        return False
    # the noun, with at most a determiner and a modifier before it, opens the clause
    opening = noun - lo <= 2 and all(
        words.role(t.text) == "determiner" or t.text[:1].islower() for t in tokens[lo:noun]
    )
    return (opening or _after_verb(words, tokens, lo, noun)) and not tokens[noun].text[:1].isdigit()


def _after_verb(words: FrameWords, tokens: Sequence[Token], lo: int, noun: int) -> bool:
    """Whether the noun at ``noun`` heads the subject put after the verb, as German puts
    it when something else opens the clause ("Im Quartal stieg der Gewinn von X"): an
    article of the subject and at most one modifier before it, a lower-case word that
    is no preposition (the verb) before those."""
    for article in (noun - 1, noun - 2):
        if article - 1 < lo or tokens[article].text.lower() not in words.subject_articles:
            continue
        if any(not t.text[:1].islower() for t in tokens[article + 1 : noun]):
            continue
        verb = tokens[article - 1].text
        return verb[:1].islower() and verb.isalpha() and verb.lower() not in words.prepositions
    return False


def figure_counterparty(
    words: FrameWords,
    sentence: Sentence,
    at: FigureSpan,
    subject: str | None,
    metric: str | None,
) -> str | None:
    """The party other than the subject that a preposition on the figure or its metric
    word governs in the figure's clause: the first after the figure, else the last
    before it (looked for from the figure outwards)."""
    clause = _clause(words, sentence, at.lo, at.hi)
    governed = clause.governed
    after = bisect.bisect_left(clause.governed_firsts, at.last)
    for k in itertools.chain(range(after, len(governed)), range(after - 1, -1, -1)):
        m = governed[k]
        if m.name != subject and _of_the_figure(words, sentence, m, at, metric):
            return m.name
    return None


def _of_the_figure(
    words: FrameWords, sentence: Sentence, m: Mention, at: FigureSpan, metric: str | None
) -> bool:
    """Whether the preposition before ``m`` hangs on the figure or its metric word ("a
    stake in X", "$5bn in X", "Anteil an X"), not on another noun ("data centers in
    Arizona")."""
    tokens = sentence.tokens
    preposition = m.first - 1
    while preposition > 0 and tokens[preposition].text.lower() != m.before:
        preposition -= 1  # past the modifiers between the preposition and the name
    if preposition <= 0:
        return False
    head = preposition - 1
    if at.first <= head < at.last or head == at.last - 1 or sentence.figure[head]:
        return True
    texts = sentence.texts
    for i in range(max(0, head - 1), head + 1):
        concept = words.metrics.phrase(texts, i) or words.metrics.word_concept(texts[i].lower())
        if concept is not None and concept == metric:
            return True
    return False


def sentence_subject(words: FrameWords, sentence: Sentence) -> str | None:
    """The company a sentence is about: its first free party that is no state, person
    or place, which later descriptions ("the company") and pronouns refer to."""
    for k, m in enumerate(sentence.mentions):
        if m.name is None or m.person or m.place or m.name == GOVERNMENT:
            continue
        if free(words, m):
            owned = _owned_name(words, sentence, k)
            return owned.name if owned is not None else m.name
    return None


def companions(sentence: Sentence, subject: str | None, lo: int, hi: int) -> frozenset[str]:
    """Names the subject's own phrase holds ("Amazon's Project Rainier campus": the
    figure is Amazon's and Project Rainier's alike)."""
    return remember(
        sentence, ("companions", lo, hi, subject), lambda: _companions(sentence, subject, lo, hi)
    )


def _companions(sentence: Sentence, subject: str | None, lo: int, hi: int) -> frozenset[str]:
    mentions = sentence.mentions
    starts = mention_starts(sentence)
    found: set[str] = set()
    first, end = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    for k in range(first, min(end, len(mentions) - 1)):  # those in [lo, hi), not the last
        m = mentions[k]
        if m.name != subject or not m.possessive:
            continue
        after = mentions[k + 1]
        if after.name is not None and after.kind == "name" and after.first - m.last <= 2:
            found.add(after.name.casefold())
    return frozenset(found)


def stock_owner(words: FrameWords, sentence: Sentence) -> str | None:
    """The company whose shares a sentence speaks of: a name before a word for shares
    ("Commerzbank shares", "Intel stock") or glued to one ("Intel-Aktie"), or after
    one with "of" ("shares of Intel", "Aktien von Intel", "Aktien des Konzerns")."""
    return remember(sentence, ("stock owner", words.lang), lambda: _stock_owner(words, sentence))


def _stock_owner(words: FrameWords, sentence: Sentence) -> str | None:
    tokens = sentence.tokens
    for m in sentence.mentions:
        if m.name is None or m.place or m.person or m.name == GOVERNMENT:
            continue  # a state holds shares, it issues none
        if m.kind == "owner" and words.is_stock(tokens[m.first].text.partition("-")[2]):
            return m.name
        after = tokens[m.last].text if m.last < len(tokens) else ""
        if words.is_stock(after) or (
            m.possessive and m.last + 1 < len(tokens) and words.is_stock(tokens[m.last + 1].text)
        ):
            return m.name
        if m.before in ("of", "von") or m.before in words.genitive:
            at = m.first - 1
            while at > 0 and tokens[at].text.lower() != m.before:
                at -= 1
            if at > 0 and words.is_stock(tokens[at - 1].text):
                return m.name
    return None


def _owned_name(words: FrameWords, sentence: Sentence, k: int) -> Mention | None:
    """The name a possessive mention owns, when one follows it at once ("Elon Musks
    KI-Firma xAI", "Saudi Arabia's Kingdom Holdings"): the sentence is about that."""
    m = sentence.mentions[k]
    if not m.possessive or k + 1 >= len(sentence.mentions):
        return None
    after = sentence.mentions[k + 1]
    if after.name is None or after.first - m.last > 2 or after.kind == "pronoun":
        return None
    if not free(words, after):
        return None  # "its stake in Vallmer": a preposition's object, not what it owns
    if any(sentence.figure[m.last : after.first]):
        return None
    # "Meta's Hyperion campus": a name that names a site or project is no owner
    following = (
        sentence.tokens[after.last].text.lower() if after.last < len(sentence.tokens) else ""
    )
    if words.scope.word_concept(following) in ("part:site", "part:division"):
        return None
    return after
