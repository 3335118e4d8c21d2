"""Read the frame of every figure of a document: its parties, scope, status and years.

A document is read sentence by sentence, in order, remembering the party the story is
about (the *topic*: the subject of the last sentence that named one, and before any, the
party the document names most), so that "the chipmaker", "der Konzern" and "its" find
the party they refer to.

Within a sentence, the clause of a figure is the stretch between clause marks (commas,
colons, dashes, brackets) and words that join clauses ("and", "while", "und", …). A
figure's subject is, in this order:

1. its owner: a possessive name or pronoun before it in its clause ("Nvidia's stock",
   "seine Beteiligung"), or a name glued to a noun ("Intel-Kurs");
2. in a relative or appositive clause without a name of its own ("Oracle, which lent
   $6bn", "Databricks, the platform valued at $100bn"), the name the clause is about;
3. the first party its clause names that no preposition governs (German: before or
   after the figure, as German puts its subject after the verb);
4. the first such party of the sentence before its clause;
5. the topic.

Persons (a name after a title, or before a verb of saying) and places are no subjects.
The counterparty is the nearest party a preposition governs in the figure's clause
("a stake in X", "Anteil an der Commerzbank").
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from factcheck.extract.grammar import grammar
from factcheck.extract.names import CLAUSE_MARKS
from factcheck.frame.mentions import (
    GOVERNMENT,
    Mention,
    MentionReader,
    NameBook,
    Token,
    capitalised_pairs,
    learn_names,
    tokens_of,
)
from factcheck.frame.metric import read_metric
from factcheck.frame.model import Frame, SubjectBy
from factcheck.frame.words import FrameWords, frame_words
from factcheck.lexicon import Status, unit_kind
from factcheck.models import Claim
from factcheck.text.sentences import sentence_spans

#: Years a figure's clause may name (a four-digit number in this range).
_YEARS = range(1900, 2101)
#: Metrics of a change: a time word in their clause dates the base, not the figure.
_CHANGES = frozenset({"growth", "decline"})
#: The metric of a figure whose unit says what it measures when no word does.
_KIND_METRICS = {"area": "area", "power": "power_capacity", "energy": "energy"}
#: Words that open what a speaker says ("reported that …", "berichtete, dass …").
_THAT = frozenset({"that", "dass"})
#: Fewest words of a sentence whose subject is taken for the story's party.
_LEDE_WORDS = 6
#: Periods from the narrowest: where a clause names several, the narrowest holds.
_PERIODS = ("period:day", "period:month", "period:quarter", "period:half", "period:year")
#: Status words, from the one that wins when a clause has several.
_STATUS_ORDER: tuple[Status, ...] = ("previous", "threshold", "reported", "expected")


@dataclass
class _Sentence:
    start: int
    end: int
    tokens: list[Token]
    figure: list[bool]
    mentions: list[Mention]
    claims: list[int]  # indices into the document's claims


def _clause_bounds(words: FrameWords, tokens: Sequence[Token], figure: Sequence[bool]) -> list[int]:
    """Token indices where a clause starts (0 first): after a mark or a joining word."""
    starts = [0]
    for i, token in enumerate(tokens):
        text = token.text
        if text in "()" and _short_brackets(tokens, figure, i):
            continue  # "a €127 million ($149 million) net profit", "Ergebnis (Ebit) von"
        if text in CLAUSE_MARKS and i + 1 < len(tokens):
            starts.append(i + 1)
        elif text.lower() in words.joiners and i and i + 1 < len(tokens):
            after = tokens[i + 1].text
            numbers = figure[i - 1] and (figure[i + 1] or after[:1].isdigit())
            names = not figure[i - 1] and tokens[i - 1].text[:1].isupper() and after[:1].isupper()
            names = names and words.role(after) != "determiner"
            if not (numbers or names):  # "5,000 and 6,000", "Texas und New York": a list
                starts.append(i)
    return sorted(set(starts))


#: Brackets around this many tokens or fewer, or around a figure, are no clause of
#: their own: a conversion, an abbreviation.
_SHORT_BRACKETS = 3


def _short_brackets(tokens: Sequence[Token], figure: Sequence[bool], at: int) -> bool:
    """Whether the bracket at ``at`` encloses a figure (a conversion) or a few words (an
    abbreviation: "Ergebnis (Ebit)")."""
    if tokens[at].text == "(":
        close = next((j for j in range(at + 1, len(tokens)) if tokens[j].text == ")"), None)
        inside = range(at + 1, close) if close is not None else range(0)
    else:
        opening = next((j for j in range(at - 1, -1, -1) if tokens[j].text == "("), None)
        inside = range(opening + 1, at) if opening is not None else range(0)
    if not inside:
        return False
    return len(inside) <= _SHORT_BRACKETS or all(figure[j] for j in inside)


class DocumentReader:
    """Reads the frames of one document's claims."""

    def __init__(self, lang: str, book: NameBook) -> None:
        self._most: str | None = None
        self.words = frame_words(lang)
        self.mentions = MentionReader(self.words, book)
        self.lang = lang

    def frames(self, view: str, claims: Sequence[Claim]) -> list[Frame]:
        """One frame per claim, in order; ``view`` is the document's text, markup masked."""
        sentences = self._sentences(view, claims)
        main = self._main_party(sentences)
        self._most = self._most_named(sentences)
        topic = main
        frames: list[Frame | None] = [None] * len(claims)
        for sentence in sentences:
            for k, m in enumerate(sentence.mentions):  # in order: later ones see earlier
                sentence.mentions[k] = self._resolve(sentence, m, topic, main)
            for index in sentence.claims:
                frames[index] = self._frame(sentence, claims[index], main or topic)
            first = self._sentence_subject(sentence)
            if first is not None:
                topic = first
        return [f if f is not None else Frame() for f in frames]

    # --- reading the document ---------------------------------------------------------

    def _sentences(self, view: str, claims: Sequence[Claim]) -> list[_Sentence]:
        g = grammar(self.lang)
        spans = sentence_spans(view, g.lex.abbreviations, g.months, g.lex.stopwords, g.lex.labels)
        starts = [s for s, _ in spans]
        by_sentence: dict[int, list[int]] = {}
        for index, claim in enumerate(claims):
            k = bisect.bisect_right(starts, claim.start) - 1
            if k >= 0 and claim.start < spans[k][1]:
                by_sentence.setdefault(k, []).append(index)
        sentences = []
        for k, (start, end) in enumerate(spans):
            tokens = tokens_of(view[start:end], start)
            inside = [(claims[i].start, claims[i].end) for i in by_sentence.get(k, [])]
            figure = [any(s < t.end and t.start < e for s, e in inside) for t in tokens]
            mentions = self.mentions.read(tokens, figure)
            sentences.append(
                _Sentence(start, end, tokens, figure, mentions, by_sentence.get(k, []))
            )
        return sentences

    def _main_party(self, sentences: Sequence[_Sentence]) -> str | None:
        """The party the story is about: the subject of its first sentence that has one
        (news leads with its protagonist), else the party it names most."""
        for sentence in sentences[:3]:
            words = sum(1 for t in sentence.tokens if t.text[:1].isalpha())
            if words < _LEDE_WORDS:
                continue  # a page's furniture ("Skip to content"), a headline label
            lede = self._sentence_subject(sentence)
            if lede is not None:
                return lede
        return self._most_named(sentences)

    def _most_named(self, sentences: Sequence[_Sentence]) -> str | None:
        """The party the document names most (first named wins a tie)."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        subjects: set[str] = set()
        for k, sentence in enumerate(sentences):
            for m in sentence.mentions:
                if m.name is None or m.person or m.place or m.name == GOVERNMENT:
                    continue
                key = m.name.casefold()
                # "a stake in X": the story is more about whoever holds it
                counts[key] += 2 if self._free(m) else 1
                first.setdefault(key, k)
                if self._free(m):
                    subjects.add(key)
        # a party only ever named after a preposition ("in Sachsen") is no story's subject
        counts = Counter({key: n for key, n in counts.items() if key in subjects})
        if not counts:
            return None
        best = max(counts, key=lambda key: (counts[key], -first[key]))
        for sentence in sentences:
            for m in sentence.mentions:
                if m.name is not None and m.name.casefold() == best:
                    return m.name
        return None

    def _resolve(
        self, sentence: _Sentence, m: Mention, topic: str | None, main: str | None
    ) -> Mention:
        """A description or pronoun with the party it refers to."""
        if m.name is not None:
            return m
        # A pronoun or description refers to the subject of its own sentence when one
        # comes before it ("Orbital announced that it will …", "Schaeffler cuts too: the
        # supplier from Herzogenaurach …"); else a pronoun to the last sentence's subject,
        # a description to the party the story is about ("the company", "der Konzern").
        name = topic if m.kind == "pronoun" else main or topic
        earlier = [
            e for e in sentence.mentions
            if e.last <= m.first and e.name is not None and e.kind != "pronoun"
            and not (e.person or e.place or e.name == GOVERNMENT) and self._free(e)
        ]  # fmt: skip
        # a pronoun or description after a preposition ("put $8bn into it", "a stake in the
        # company") is the clause's object, never its subject: it refers to the story's
        # party, not to the sentence's first name
        governed_pronoun = not self._free(m)
        if earlier and not governed_pronoun:
            name = earlier[0].name
        elif governed_pronoun:
            name = main or topic
        host = self._host(sentence, m.first)
        if m.kind == "description" and host is not None and host.name is not None:
            name = host.name  # "Databricks, the data platform valued at …"
        elif m.other_than is not None:
            other = m.other_than.casefold()
            if name is not None and name.casefold() == other:
                name = main if main is not None and main.casefold() != other else None
        return replace(m, name=name)

    def _host(self, sentence: _Sentence, first: int) -> Mention | None:
        """The name that a clause opening at token ``first`` right after a comma is about:
        the name right before the comma, or the owner of the noun there ("Lufthansa's
        half-year results, which included …"). A relative clause is about the name right
        before it whatever governs that ("24% of Brisco, which holds …"); an apposition
        about a name no preposition governs ("Meta's campus in Richland Parish, a $10bn
        bet": not the place)."""
        tokens = sentence.tokens
        if first == 0 or tokens[first - 1].text != ",":
            return None
        comma = first - 1
        relative = tokens[first].text.lower() in self.words.relative
        for m in reversed(sentence.mentions):
            if m.last > comma or m.name is None:
                continue
            if m.place or not (self._free(m) or (relative and m.last == comma)):
                continue
            between = tokens[m.last : comma]
            if m.last == comma or (m.possessive and len(between) <= 4 and not any(
                t.text in CLAUSE_MARKS or sentence.figure[m.last + k]
                for k, t in enumerate(between)
            )):  # fmt: skip
                return m
            return None
        return None

    # --- one figure -------------------------------------------------------------------

    def _frame(self, sentence: _Sentence, claim: Claim, topic: str | None) -> Frame:
        tokens = sentence.tokens
        first = next((i for i, t in enumerate(tokens) if t.end > claim.start), 0)
        last = next((i for i, t in enumerate(tokens) if t.start >= claim.end), len(tokens))
        bounds = _clause_bounds(self.words, tokens, sentence.figure)
        k = bisect.bisect_right(bounds, first) - 1
        clause_start = bounds[k] if k >= 0 else 0
        clause_end = bounds[k + 1] if k + 1 < len(bounds) else len(tokens)
        while clause_end < len(tokens) and clause_end < last:
            k += 1
            clause_end = bounds[k + 1] if k + 1 < len(bounds) else len(tokens)
        subject, by = self._subject(sentence, first, last, clause_start, clause_end, topic)
        scope = self._scope(sentence, clause_start, clause_end, first, last, unit_kind(claim.unit))
        kind = unit_kind(claim.unit)
        texts = [t.text for t in tokens]
        reading = read_metric(
            self.words.metrics, texts, sentence.figure, (first, last),
            (clause_start, clause_end), kind, scope, self.words.separable,
        )  # fmt: skip
        metric, beside = reading.metric, reading.beside
        if metric is None and clause_start > 0:
            # a clause joined by "and" shares the metric of the one before ("raised its
            # stake to 21% and applied for up to 29.9%")
            opener = texts[clause_start].lower()
            joiner = opener in self.words.joiners or opener in self.words.part_openers
            # gapping: ", Oakhurst Partners bis zu 2 Milliarden Dollar" (no verb of its own)
            joiner = joiner or self._gapped(sentence, clause_start, clause_end)
            if joiner:
                earlier = bisect.bisect_left(bounds, clause_start) - 1
                start = bounds[earlier] if earlier >= 0 else 0
                metric = read_metric(
                    self.words.metrics, texts, [False] * len(texts), (first, last),
                    (start, clause_start), kind, scope, self.words.separable,
                ).metric  # fmt: skip
        metric = metric or _KIND_METRICS.get(kind)
        if metric in _CHANGES:
            scope -= {"time:past"}  # "up 65% from a year earlier": the base, not the figure
        if metric in ("employees", "jobs") and "form:change" in scope:
            metric = "job_cuts"  # "die Belegschaft um 11.000 reduzieren": a cut
        if unit_kind(claim.unit) == "money" and (metric == "share_price" or "unit:share" in scope):
            # a share's price is its company's figure: the company whose shares the
            # sentence names, else the story's
            stock = self._stock_owner(sentence)
            if stock is not None:
                subject, by = stock, "owner"
            elif self._most is not None:
                subject, by = self._most, "topic"  # "die Aktie": the story's most named
        counterparty = self._counterparty(
            sentence, first, last, clause_start, clause_end, subject, metric
        )
        clause = tokens[clause_start:clause_end]
        also = self._companions(sentence, subject, clause_start, clause_end)
        named = frozenset(
            m.name.casefold() for m in sentence.mentions if m.name is not None and not m.place
        )
        return Frame(
            subject=subject,
            subject_by=by,
            counterparty=counterparty,
            metric=metric,
            metric_sure=beside,
            cues=reading.cues | ({metric} if metric else set()),
            scope=scope,
            status=self._status(tokens, first, last, clause_start, clause_end),
            years=self._years(clause, sentence, clause_start),
            named=named,
            also=also,
        )

    def _spoken_of(self, sentence: _Sentence, speaker: Mention) -> bool:
        """Whether a speaker speaks of another party ("Huang says Nvidia has …", "a sum
        the AP put at"): then the speaker is no party; a company that says or expects
        its own figure is ("Orrin expects revenue of $3.2bn")."""
        if speaker.person or speaker.before in self.words.prepositions:
            return True
        tokens = sentence.tokens
        if speaker.last + 1 < len(tokens) and tokens[speaker.last + 1].text.lower() in _THAT:
            return True  # "the Corriere reported that €100 million …": it tells of others
        others = [
            m for m in sentence.mentions
            if m is not speaker and m.name is not None and not (m.place or m.person)
            and m.name != speaker.name
        ]  # fmt: skip
        return bool(others)

    def _parties(self, sentence: _Sentence, lo: int, hi: int) -> list[Mention]:
        """Mentions among tokens [lo, hi) that may be a figure's party: no person or place
        ("Elon Musk's xAI", "Saudi Arabia's Kingdom Holdings": the company after them)."""
        found = [
            m for m in sentence.mentions
            if lo <= m.first < hi and m.name is not None and not m.place
            and not (m.speaker and self._spoken_of(sentence, m))
        ]  # fmt: skip
        companies = [m for m in found if not m.person]
        # a person is a party only where no company is ("Kretinsky steigt … ein")
        return companies if companies else found

    def _free(self, m: Mention) -> bool:
        """Whether no preposition governs the mention (it may be a clause's subject), or
        it is the agent of a participle ("von Blue Owl verwaltete Fonds")."""
        return m.before not in self.words.prepositions or m.agent

    def _subject(
        self, sentence: _Sentence, first: int, last: int, lo: int, hi: int, topic: str | None
    ) -> tuple[str | None, SubjectBy]:
        in_clause = self._parties(sentence, lo, hi)
        before = [m for m in in_clause if m.last <= first]
        # 1. the owner: a possessive right before the figure's phrase, or "the shares of X"
        owners = [
            m
            for m in before
            if (m.possessive and self._free(m)) or self._owns_noun(sentence, m, lo)
        ]
        if owners:
            owner = owners[-1]
            index = sentence.mentions.index(owner)
            owned = self._owned_name(sentence, index)
            if owned is not None and owned.last <= first:
                owner = owned
            if not [m for m in before if m.first > owner.first and self._free(m)]:
                return owner.name, "owner" if owner.kind != "pronoun" else "reference"
        # 1b. the party after the figure that a distribution names ("a $10bn bet by the
        # parent", "davon entfallen 200 Millionen auf die Hansa", "$2bn from Nvidia")
        texts = [t.text.lower() for t in sentence.tokens]
        distributing = any(t in self.words.distribution_verbs for t in texts)
        for m in in_clause:
            if last <= m.first <= last + 3 and (
                m.before in self.words.agent_after
                or (distributing and m.before in self.words.distribution_prepositions)
            ):
                return m.name, "owner" if m.kind in ("name", "owner") else "reference"
        # 2. a relative or appositive clause about the name before it: a relative
        # pronoun is the clause's subject ("der Calder bereits 6 Milliarden geliehen hat")
        host = self._host(sentence, lo)
        if (
            host is not None
            and not host.person
            and not host.place
            and self._parenthetical(sentence, lo)
        ):
            opener = sentence.tokens[lo].text.lower()
            if opener in self.words.relative or not [
                m for m in before if self._free(m) and m.kind == "name"
            ]:
                return host.name, "clause"
        # 3. the clause's own subject: a name or description before a pronoun
        free = [m for m in in_clause if self._free(m)]
        if self.lang == "en":
            free = [m for m in free if m.last <= first]
        free.sort(key=lambda m: m.kind == "pronoun")
        if free:
            m = free[0]
            return m.name, "clause" if m.kind in ("name", "owner") else "reference"
        # 4. the subject of the nearest clause before that has one (not a parenthesis)
        bounds = _clause_bounds(self.words, sentence.tokens, sentence.figure)
        for start, end in reversed(
            list(zip(bounds, [*bounds[1:], len(sentence.tokens)], strict=True))
        ):
            if start >= lo:
                continue
            if self._parenthetical(sentence, start):
                continue
            earlier = [m for m in self._parties(sentence, start, min(end, lo)) if self._free(m)]
            earlier.sort(key=lambda m: m.kind == "pronoun")
            if earlier:
                m = earlier[0]
                return m.name, "sentence" if m.kind in ("name", "owner") else "reference"
        if topic is not None:
            return topic, "topic"
        return None, "none"

    def _parenthetical(self, sentence: _Sentence, start: int) -> bool:
        """Whether the clause at ``start`` is a relative clause or an apposition about the
        name before its comma ("Oracle, which lent …", "Meta, the Facebook parent, …")."""
        tokens = sentence.tokens
        if start == 0 or start >= len(tokens) or tokens[start - 1].text != ",":
            return False
        opener = tokens[start].text.lower()
        words = self.words
        if opener not in words.relative and not (
            words.role(opener) == "determiner" or opener in ("a", "an", "ein", "eine")
        ):
            return False
        if self.lang == "de" and opener in words.relative:
            # "…, der Calder bereits 6 Milliarden geliehen hat": a relative clause ends
            # with its verb; "…, die Elbe Sparkasse 200 Millionen Euro": a second subject
            # with its figure (gapping)
            bounds = _clause_bounds(words, tokens, sentence.figure)
            k = bounds.index(start) if start in bounds else -1
            end = bounds[k + 1] if 0 <= k < len(bounds) - 1 else len(tokens)
            while end > start and not tokens[end - 1].text[:1].isalnum():
                end -= 1
            return (
                end > start and not sentence.figure[end - 1] and tokens[end - 1].text[:1].islower()
            )
        return True

    def _owns_noun(self, sentence: _Sentence, m: Mention, lo: int) -> bool:
        """Whether ``m`` owns a noun through "of", "von" or a genitive ("the shares of
        Intel", "die Papiere von Intel", "der Anteil des Staates"): that noun starts the
        clause, so its owner is the clause's subject."""
        words, tokens = self.words, sentence.tokens
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
        return opening and not tokens[noun].text[:1].isdigit()

    def _counterparty(
        self,
        sentence: _Sentence,
        first: int,
        last: int,
        lo: int,
        hi: int,
        subject: str | None,
        metric: str | None,
    ) -> str | None:
        words = self.words
        governed = [
            m for m in self._parties(sentence, lo, hi)
            if m.before in words.party_prepositions and m.name != subject
            and self._of_the_figure(sentence, m, first, last, metric)
        ]  # fmt: skip
        if not governed:
            return None
        after = [m for m in governed if m.first >= last]
        return (after[0] if after else governed[-1]).name

    def _of_the_figure(
        self, sentence: _Sentence, m: Mention, first: int, last: int, metric: str | None
    ) -> bool:
        """Whether the preposition before ``m`` hangs on the figure or its metric word ("a
        stake in X", "$5bn in X", "Anteil an X"), not on another noun ("data centers in
        Arizona")."""
        tokens, words = sentence.tokens, self.words
        at = m.first - 1
        while at > 0 and tokens[at].text.lower() != m.before:
            at -= 1  # past the modifiers between the preposition and the name
        if at <= 0:
            return False
        head = at - 1
        if first <= head < last or head == last - 1 or sentence.figure[head]:
            return True
        texts = [t.text for t in tokens]
        for i in range(max(0, head - 1), head + 1):
            concept = words.metrics.phrase(texts, i) or words.metrics.word_concept(texts[i].lower())
            if concept is not None and concept == metric:
                return True
        return False

    def _sentence_subject(self, sentence: _Sentence) -> str | None:
        """The company a sentence is about: its first free party that is no state, person
        or place, which later descriptions ("the company") and pronouns refer to."""
        for k, m in enumerate(sentence.mentions):
            if m.name is None or m.person or m.place or m.name == GOVERNMENT:
                continue
            if self._free(m):
                owned = self._owned_name(sentence, k)
                return owned.name if owned is not None else m.name
        return None

    def _companions(
        self, sentence: _Sentence, subject: str | None, lo: int, hi: int
    ) -> frozenset[str]:
        """Names the subject's own phrase holds ("Amazon's Project Rainier campus": the
        figure is Amazon's and Project Rainier's alike)."""
        mentions = sentence.mentions
        found: set[str] = set()
        for k, m in enumerate(mentions[:-1]):
            if m.name != subject or not m.possessive or not lo <= m.first < hi:
                continue
            after = mentions[k + 1]
            if after.name is not None and after.kind == "name" and after.first - m.last <= 2:
                found.add(after.name.casefold())
        return frozenset(found)

    def _stock_owner(self, sentence: _Sentence) -> str | None:
        """The company whose shares a sentence speaks of: a name before a word for shares
        ("Commerzbank shares", "Intel stock") or glued to one ("Intel-Aktie"), or after
        one with "of" ("shares of Intel", "Aktien von Intel", "Aktien des Konzerns")."""
        tokens, words = sentence.tokens, self.words
        for m in sentence.mentions:
            if m.name is None or m.place or m.person or m.name == GOVERNMENT:
                continue  # a state holds shares, it issues none
            if m.kind == "owner" and words.is_stock(tokens[m.first].text.partition("-")[2]):
                return m.name
            after = tokens[m.last].text if m.last < len(tokens) else ""
            if words.is_stock(after) or (
                m.possessive
                and m.last + 1 < len(tokens)
                and words.is_stock(tokens[m.last + 1].text)
            ):
                return m.name
            if m.before in ("of", "von") or m.before in words.genitive:
                at = m.first - 1
                while at > 0 and tokens[at].text.lower() != m.before:
                    at -= 1
                if at > 0 and words.is_stock(tokens[at - 1].text):
                    return m.name
        return None

    def _owned_name(self, sentence: _Sentence, k: int) -> Mention | None:
        """The name a possessive mention owns, when one follows it at once ("Elon Musks
        KI-Firma xAI", "Saudi Arabia's Kingdom Holdings"): the sentence is about that."""
        m = sentence.mentions[k]
        if not m.possessive or k + 1 >= len(sentence.mentions):
            return None
        after = sentence.mentions[k + 1]
        if after.name is None or after.first - m.last > 2 or after.kind == "pronoun":
            return None
        if any(sentence.figure[m.last : after.first]):
            return None
        # "Meta's Hyperion campus": a name that names a site or project is no owner
        following = (
            sentence.tokens[after.last].text.lower() if after.last < len(sentence.tokens) else ""
        )
        if self.words.scope.word_concept(following) in ("part:site", "part:division"):
            return None
        return after

    # --- scope, status, time -----------------------------------------------------------

    def _scope(
        self, sentence: _Sentence, lo: int, hi: int, first: int, last: int, kind: str = ""
    ) -> frozenset[str]:
        words, tokens = self.words, sentence.tokens
        texts = [t.text for t in tokens]
        tags: set[str] = set()
        # the clauses before the figure's that hold no figure set its scene too ("Im
        # laufenden Geschäftsjahr, das im Juni endet, will Microsoft 80 Milliarden …")
        bounds = _clause_bounds(words, tokens, sentence.figure)
        for start in reversed([b for b in bounds if b < lo]):
            if any(sentence.figure[start:lo]):
                break
            lo = start
        for i in range(lo, hi):
            if sentence.figure[i]:
                continue  # a figure's own words ("more than") are no scope
            tag = words.scope.phrase(texts, i) or words.scope.word_concept(texts[i].lower())
            if tag is not None:
                tags.add(tag)
            lower = texts[i].lower()
            placed = bool(i) and texts[i - 1].lower() in words.place_prepositions
            region = words.regions.get(lower) if lower in words.region_adverbs or placed else None
            if region is not None:
                tags.add(f"region:{region}")
        if kind != "money":
            tags.discard("unit:share")  # "433.3 million shares at $20.47 apiece": the price's
        if "unit:share" not in tags and not self._priced(texts, lo, hi):
            # "paid", "offer", "close" say which price only of a share's price
            tags -= {t for t in tags if t.startswith("price:")}
        round_label = self._round(texts, lo, hi)
        if round_label is not None:
            tags.add(f"round:{round_label}")
        if kind == "area":
            tags.discard("part:site")  # "a 2,250-acre site": the site is what is measured
        if kind != "percent":
            tags.discard("period:day")  # "said on Thursday it raised": the day of the news
        if first and texts[first - 1].lower() in words.change_by and kind in ("count", "money"):
            # "die Belegschaft um 11.000 reduzieren", "cut by 5,000" (not "supplemented by")
            verb = any(t.lower() in words.change_verbs for t in texts[lo:first])
            if self.lang == "de" or verb:
                tags.add("form:change")
        if last < len(texts):  # "20,47 Dollar … rund vier Dollar unter dem Schlusskurs"
            gap = words.gap.phrase(texts, last) or words.gap.word_concept(texts[last].lower())
            if gap is not None and not (last + 1 < len(texts) and sentence.figure[last + 1]):
                tags.add(gap)
        periods = [t for t in _PERIODS if t in tags]
        if len(periods) > 1:  # "the first quarter of the fiscal year": the quarter
            tags -= set(periods[1:])
        return frozenset(tags)

    def _gapped(self, sentence: _Sentence, lo: int, hi: int) -> bool:
        """Whether a clause is a name and a figure and nothing else, its verb left out."""
        tokens = sentence.tokens
        names = [m for m in sentence.mentions if lo <= m.first < hi and m.kind == "name"]
        if not names or names[0].first > lo + 1:
            return False
        rest = [
            t.text for k, t in enumerate(tokens[names[0].last : hi], names[0].last)
            if not sentence.figure[k] and t.text[:1].isalnum()
        ]  # fmt: skip
        return not rest

    def _priced(self, texts: Sequence[str], lo: int, hi: int) -> bool:
        """Whether the clause speaks of a share's price ("mit einem Kurs von 12,60 Euro")."""
        metrics = self.words.metrics
        return any(metrics.word_concept(texts[i].lower()) == "share_price" for i in range(lo, hi))

    def _round(self, texts: Sequence[str], lo: int, hi: int) -> str | None:
        """The label of a funding round named in the clause: "Series C", "Serie-C-Runde",
        "seed round", "Seed-Runde"."""
        words = self.words
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

    def _status(
        self, tokens: Sequence[Token], first: int, last: int, lo: int, hi: int
    ) -> Status | None:
        words = self.words
        texts = [t.text for t in tokens]
        # "from 27,000 to 16,000", "von 27.000 auf 16.000": the first is the earlier value
        if first and texts[first - 1].lower() in words.change_from:
            to_figure = any(
                texts[j].lower() in words.change_to and j + 1 < len(tokens) and
                tokens[j + 1].text[:1].isdigit()
                for j in range(last, min(last + 3, len(texts)))
            )  # fmt: skip
            changing = any(t.lower() in words.change_verbs for t in texts[lo:first])
            if changing or to_figure:
                return "previous"  # "lifting its stake from around 20%", "von 27.000 auf"
        found: set[str] = set()
        for i in range(lo, hi):
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

    def _years(self, clause: Sequence[Token], sentence: _Sentence, lo: int) -> frozenset[int]:
        years = set()
        for offset, token in enumerate(clause):
            if sentence.figure[lo + offset]:
                continue
            text = token.text
            if len(text) == 4 and text.isdigit() and int(text) in _YEARS:
                years.add(int(text))
        return frozenset(years)


def sentence_tokens(view: str, lang: str) -> list[list[Token]]:
    """The tokens of every sentence of ``view``."""
    g = grammar(lang)
    spans = sentence_spans(view, g.lex.abbreviations, g.months, g.lex.stopwords, g.lex.labels)
    return [tokens_of(view[start:end], start) for start, end in spans]


def read_frames(
    documents: Sequence[tuple[str, str, Sequence[Claim]]], known: Iterable[str] = ()
) -> list[list[Frame]]:
    """The frames of the claims of each document, given as (masked text, language, claims).

    The documents are read together: what one shows about names (an English text's
    capitals, a title before a person's name) holds in the others. ``known`` are names
    known beforehand (a ledger's entities and aliases).
    """
    book = NameBook()
    book.add_known(known)
    seen: Counter[str] = Counter()
    for view, lang, _ in documents:
        reader = MentionReader(frame_words(lang), book)
        sentences = sentence_tokens(view, lang)
        learn_names(book, reader, sentences)
        seen.update(capitalised_pairs(reader, sentences))
    # a pair of capitalised words that two documents write alike is a name ("Seewald Bio")
    for pair, count in seen.items():
        if count > 1:
            book.known.update(pair.split())
    return [DocumentReader(lang, book).frames(view, claims) for view, lang, claims in documents]
