"""Read the frame of every figure of a document: its parties, scope, status and years.

A document is read sentence by sentence, in order, remembering the party the story is
about (the *topic*: the subject of the last sentence that named one, and before any, the
party the document names most), so that "the chipmaker", "der Konzern" and "its" find
the party they refer to.

Each figure is then read from its own clause (:mod:`~factcheck.frame.clauses`): who it
is about (:mod:`~factcheck.frame.parties`), what it measures
(:mod:`~factcheck.frame.metric`), and where, when and how sure it holds
(:mod:`~factcheck.frame.scope`). The documents of a run are read together: what one shows
about names holds in the others.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import overload

from factcheck.extract.grammar import grammar
from factcheck.frame.clauses import (
    FigureSpan,
    Sentence,
    clause_before,
    figure_span,
    free,
    gapped,
    host,
    remember,
)
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
from factcheck.frame.metric import BESIDE, Reading, read_metric
from factcheck.frame.model import Frame, SubjectBy
from factcheck.frame.parties import (
    companions,
    figure_counterparty,
    figure_subject,
    sentence_subject,
    stock_owner,
)
from factcheck.frame.scope import figure_scope, figure_status, figure_years
from factcheck.frame.words import FrameWords, frame_words
from factcheck.lexicon import Kind, unit_kind
from factcheck.models import Claim
from factcheck.text.sentences import sentence_spans

#: Metrics of a change: a time word in their clause dates the base, not the figure.
_CHANGES = frozenset({"growth", "decline"})
#: The metric of a figure whose unit says what it measures when no word does.
_KIND_METRICS = {"area": "area", "power": "power_capacity", "energy": "energy"}
#: Fewest words of a sentence whose subject is taken for the story's party.
_LEDE_WORDS = 6


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
            self._resolve_all(sentence, topic, main)
            for index in sentence.claims:
                frames[index] = self._frame(sentence, claims[index], main or topic)
            first = sentence_subject(self.words, sentence)
            if first is not None:
                topic = first
        return [f if f is not None else Frame() for f in frames]

    # --- reading the document ---------------------------------------------------------

    def _sentences(self, view: str, claims: Sequence[Claim]) -> list[Sentence]:
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
            figure = _figure_tokens(tokens, inside)
            mentions = self.mentions.read(tokens, figure)
            sentences.append(Sentence(start, end, tokens, figure, mentions, by_sentence.get(k, [])))
        return sentences

    def _main_party(self, sentences: Sequence[Sentence]) -> str | None:
        """The party the story is about: the subject of its first sentence that has one
        (news leads with its protagonist), else the party it names most."""
        for sentence in sentences[:3]:
            words = sum(1 for t in sentence.tokens if t.text[:1].isalpha())
            if words < _LEDE_WORDS:
                continue  # a page's furniture ("Skip to content"), a headline label
            lede = sentence_subject(self.words, sentence)
            if lede is not None:
                return lede
        return self._most_named(sentences)

    def _most_named(self, sentences: Sequence[Sentence]) -> str | None:
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
                counts[key] += 2 if free(self.words, m) else 1
                first.setdefault(key, k)
                if free(self.words, m):
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

    def _resolve_all(self, sentence: Sentence, topic: str | None, main: str | None) -> None:
        """Every description and pronoun of the sentence with the party it refers to, in
        order: later ones see earlier ones resolved. The first mention a later one may
        refer to is kept as it is found, not looked for again at each mention."""
        antecedent: Mention | None = None
        for k, m in enumerate(sentence.mentions):
            m = sentence.mentions[k] = self._resolve(sentence, m, topic, main, antecedent)
            if antecedent is None and self._antecedent(m):
                antecedent = m

    def _antecedent(self, e: Mention) -> bool:
        """Whether a later description or pronoun of the sentence may refer to ``e``."""
        return (
            e.name is not None and e.kind != "pronoun"
            and not (e.person or e.place or e.name == GOVERNMENT) and free(self.words, e)
        )  # fmt: skip

    def _resolve(
        self,
        sentence: Sentence,
        m: Mention,
        topic: str | None,
        main: str | None,
        antecedent: Mention | None,
    ) -> Mention:
        """A description or pronoun with the party it refers to; ``antecedent`` is the
        first mention before it in its sentence that it may refer to."""
        if m.name is not None:
            return m
        # A pronoun or description refers to the subject of its own sentence when one
        # comes before it ("Orbital announced that it will …", "Schaeffler cuts too: the
        # supplier from Herzogenaurach …"); else a pronoun to the last sentence's subject,
        # a description to the party the story is about ("the company", "der Konzern").
        name = topic if m.kind == "pronoun" else main or topic
        # a pronoun or description after a preposition ("put $8bn into it", "a stake in the
        # company") is the clause's object, never its subject: it refers to the story's
        # party, not to the sentence's first name
        governed_pronoun = not free(self.words, m)
        if antecedent is not None and not governed_pronoun:
            name = antecedent.name
        elif governed_pronoun:
            name = main or topic
        about = host(self.words, sentence, m.first)
        if m.kind == "description" and about is not None and about.name is not None:
            name = about.name  # "Databricks, the data platform valued at …"
        elif m.other_than is not None:
            other = m.other_than.casefold()
            if name is not None and name.casefold() == other:
                name = main if main is not None and main.casefold() != other else None
        return replace(m, name=name)

    # --- one figure -------------------------------------------------------------------

    def _frame(self, sentence: Sentence, claim: Claim, topic: str | None) -> Frame:
        """The frame of one claim of ``sentence``; ``topic`` is the story's party."""
        words = self.words
        at = figure_span(words, sentence, claim.start, claim.end)
        kind = unit_kind(claim.unit)
        subject, by = figure_subject(words, sentence, at, topic)
        scope = figure_scope(words, sentence, at, kind)
        reading, metric = _figure_metric(words, sentence, at, kind, scope)
        if metric in _CHANGES:
            scope -= {"time:past"}  # "up 65% from a year earlier": the base, not the figure
        if metric in ("employees", "jobs") and "form:change" in scope:
            metric = "job_cuts"  # "die Belegschaft um 11.000 reduzieren": a cut
        if kind == "money" and (metric == "share_price" or "unit:share" in scope):
            subject, by = self._share_price_party(sentence) or (subject, by)
        named = remember(sentence, "named", lambda: _named(sentence))
        return Frame(
            subject=subject,
            subject_by=by,
            counterparty=figure_counterparty(words, sentence, at, subject, metric),
            metric=metric,
            metric_sure=reading.beside,
            cues=reading.cues | ({metric} if metric else set()),
            scope=scope,
            status=figure_status(words, sentence, at),
            years=figure_years(sentence, at),
            named=named,
            also=companions(sentence, subject, at.lo, at.hi),
        )

    def _share_price_party(self, sentence: Sentence) -> tuple[str, SubjectBy] | None:
        """A share's price is its company's figure: the company whose shares the
        sentence names, else the story's most named ("die Aktie")."""
        stock = stock_owner(self.words, sentence)
        if stock is not None:
            return stock, "owner"
        if self._most is not None:
            return self._most, "topic"
        return None


def _figure_metric(
    words: FrameWords, sentence: Sentence, at: FigureSpan, kind: Kind, scope: frozenset[str]
) -> tuple[Reading, str | None]:
    """The reading of the figure's clause, and the metric the figure settles on: its
    clause's, else the one before's when the clause is joined to it, else its unit's."""
    texts = sentence.texts
    reading = read_metric(
        words.metrics, texts, _past_the_change(words, sentence, at.first),
        (at.first, _past_conversion(sentence, at.last)), (at.lo, at.hi), kind, scope,
        words.separable,
    )  # fmt: skip
    metric = reading.metric
    if metric is None and at.lo > 0:
        # a clause joined by "and" shares the metric of the one before ("raised its
        # stake to 21% and applied for up to 29.9%")
        opener = texts[at.lo].lower()
        joiner = opener in words.joiners or opener in words.part_openers
        # gapping: ", Oakhurst Partners bis zu 2 Milliarden Dollar" (no verb of its own)
        joiner = joiner or gapped(sentence, at.lo, at.hi)
        if joiner:
            metric = _joined_metric(words, sentence, at, kind, scope)
    return reading, metric or _KIND_METRICS.get(kind)


def _joined_metric(
    words: FrameWords, sentence: Sentence, at: FigureSpan, kind: Kind, scope: frozenset[str]
) -> str | None:
    """The metric the clause before names for a figure of a clause joined to it.

    Its cues all stand before the figure, so their order is the same for every figure
    of the clause; only whether a share's price stands near enough (``BESIDE``) differs,
    and only for a figure among the first words of its clause: the answer is worked out
    once per clause and that distance.
    """
    start = clause_before(words, sentence, at.lo)
    near = min(at.first - at.lo, BESIDE + 1)
    key = ("joined metric", words.lang, start, at.lo, near, kind, scope)
    return remember(
        sentence,
        key,
        lambda: read_metric(
            words.metrics, sentence.texts, None, (at.first, at.last), (start, at.lo), kind,
            scope, words.separable,
        ).metric,
    )  # fmt: skip


def _named(sentence: Sentence) -> frozenset[str]:
    """Every party the sentence names (folded), places aside."""
    return frozenset(
        m.name.casefold() for m in sentence.mentions if m.name is not None and not m.place
    )


def _figure_tokens(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Which tokens overlap one of the figures at document offsets ``spans``."""
    figure = [False] * len(tokens)
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    for start, end in spans:  # the tokens that end after the start and start before the end
        for i in range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)):
            figure[i] = True
    return figure


def _past_conversion(sentence: Sentence, last: int) -> int:
    """Where a figure ending at token ``last`` ends, counting a conversion in brackets
    right after it ("€127 million ($149 million) net profit")."""
    texts = sentence.texts
    if last < len(texts) and texts[last] == "(":
        close = remember(sentence, "closing brackets", lambda: _closing(texts)).get(last)
        figures = sentence.figures_before
        inside = close - last - 1 if close is not None else 0
        if inside > 0 and figures[last + 1 + inside] - figures[last + 1] == inside:
            return last + inside + 2  # past the closing bracket of a figure in brackets
    return last


def _closing(texts: Sequence[str]) -> dict[int, int]:
    """For every opening bracket, the next closing one."""
    closing: dict[int, int] = {}
    following: int | None = None
    for i in range(len(texts) - 1, -1, -1):
        if texts[i] == ")":
            following = i
        elif texts[i] == "(" and following is not None:
            closing[i] = following
    return closing


class _Unmarked(Sequence[bool]):
    """A sentence's figure marks with those of the tokens [start, end) taken off."""

    def __init__(self, figure: Sequence[bool], start: int, end: int) -> None:
        self._figure, self._start, self._end = figure, start, end

    def __len__(self) -> int:
        return len(self._figure)

    @overload
    def __getitem__(self, i: int) -> bool: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[bool]: ...
    def __getitem__(self, i: int | slice) -> bool | Sequence[bool]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._figure[i] and not self._start <= i % len(self) < self._end


def _run_start(sentence: Sentence, i: int) -> int:
    """Where the run of figure tokens right before token ``i`` starts (``i`` if none)."""

    def starts() -> list[int]:
        found = [0]
        for k, marked in enumerate(sentence.figure):
            found.append(found[k] if marked else k + 1)
        return found

    return remember(sentence, "figure runs", starts)[i]


def _past_the_change(words: FrameWords, sentence: Sentence, first: int) -> Sequence[bool]:
    """Which tokens are another figure's, for the figure starting at token ``first``: a
    figure right before "to" is the change whose level this one is, and the cue before
    the change names both ("net profit rose 12% to €1.42 billion", "der Umsatz stieg um
    4,2 Prozent auf 2,61 Milliarden Euro", "the workforce from 27,000 to 16,000")."""
    texts, figure = sentence.lowered, sentence.figure
    to = first - 1
    if to < 1 or texts[to] not in words.change_to or not figure[to - 1]:
        return _past_the_level(words, sentence, first)
    return _Unmarked(figure, _run_start(sentence, to - 1), to)


def _past_the_level(words: FrameWords, sentence: Sentence, first: int) -> Sequence[bool]:
    """Which tokens are another figure's, for a change whose level stands right before it
    (German puts the verb last): "Der Onlineumsatz hat sich auf 1,4 Milliarden Euro mehr
    als verdoppelt" - the cue before the level names the change too."""
    figure = sentence.figure
    end = _run_start(sentence, first)  # the figure right before this one, if any
    if end == first or end < 2 or sentence.lowered[end - 1] not in words.change_to:
        return figure
    return _Unmarked(figure, end, first)


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
