"""Check drafts against sources and the ledger: the one place the comparison is strung.

    drafts, sources, ledger ─ figures ─ Matcher.matches ─ judge ─ CheckReport

Every claim of every draft gets exactly one finding. Source documents are compared
whole; the ledger, which may hold a million records, only through the records of the
companies a draft figure names (its subject and counterparty, aliases resolved).

A figure whose paragraph links to sources is compared with those first (with the
ledger beside them): when one of them states the figure, it decides, whatever other
articles say. Otherwise every source and the ledger are compared together. Each piece
of evidence says which it came from (``via``: cited, source, ledger).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rapidfuzz import process

from factcheck.compare.arithmetic import SameFact, Slip, apply_slips, find_slips
from factcheck.compare.citations import cited_sources
from factcheck.compare.explain import explain as explanation
from factcheck.compare.figures import Figure, from_claim, meets
from factcheck.compare.match import Matcher, distinctive
from factcheck.compare.parties import FUZZY_NAME_RATIO, Parties, words_of
from factcheck.compare.verdict import judge
from factcheck.frame.model import Frame
from factcheck.frame.reader import read_frames
from factcheck.lexicon import Concept, load_concepts, unit_kind
from factcheck.models import (
    VERDICT_ORDER,
    CheckReport,
    Diagnosis,
    DraftResult,
    Finding,
    SourceInfo,
)
from factcheck.settings import DEFAULT_SETTINGS, Settings
from factcheck.sources.documents import Document

if TYPE_CHECKING:  # the ledger's modules load only when a ledger is used
    from factcheck.sources.ledger import Ledger, LedgerRecord


#: Records of one entity and metric compared in full; beyond it, the newest (see
#: ``_LedgerIndex.records``).
MAX_HISTORY = 24
#: Longest entity name, in words, looked for in a draft's sentences.
MAX_NAME_WORDS = 4


class _LedgerIndex:
    """The ledger seen through entity names as drafts write them."""

    def __init__(
        self,
        ledger: Ledger,
        parties: Parties,
        file_ids: dict[str, str],
        concepts: Mapping[str, Concept],
    ) -> None:
        self.ledger = ledger
        self.parties = parties
        self.file_ids = file_ids
        self.by_norm: dict[str, str] = {}
        for name, aliases in ledger.entities.items():  # undeclared entities included
            for alias in (name, *aliases):
                self.by_norm.setdefault(parties.norm(alias), name)
        self._names = list(self.by_norm)
        self._history: dict[tuple[str, str], list[LedgerRecord]] = {}
        self._metrics_of_kind: dict[str, list[str]] = {}
        for key, concept in concepts.items():
            for kind in concept.kinds:
                self._metrics_of_kind.setdefault(kind, []).append(key)
        # a metric's records and those of its relatives: one refining the other (a job cut
        # is told as "jobs" too)
        self._related: dict[str, list[str]] = {key: [key] for key in concepts}
        for key, concept in concepts.items():
            if concept.refines is not None:
                self._related[key].append(concept.refines)
                self._related[concept.refines].append(key)
        self._figures: dict[int, Figure] = {}
        self._named: dict[str, list[str]] = {}
        self._entities: dict[str, str | None] = {}
        # where a reader finds each file, as of this run's working directory
        self._shown = _shown_paths([path for path, _ in ledger.files], Path.cwd())

    def entity(self, name: str) -> str | None:
        """The ledger entity a name in a draft stands for (fuzzily), each name once."""
        if name not in self._entities:
            folded = self.parties.norm(name)
            found = self.by_norm.get(folded)
            if found is None:
                best = process.extractOne(folded, self._names, score_cutoff=FUZZY_NAME_RATIO)
                found = self.by_norm[best[0]] if best else None
            self._entities[name] = found
        return self._entities[name]

    def figure(self, record: LedgerRecord) -> Figure:
        key = id(record)
        found = self._figures.get(key)
        if found is None:
            found = Figure(
                stated=record.stated,
                metric=record.metric,
                subject=record.entity,
                counterparty=record.counterparty,
                sentence="",  # records are compared by metric and entity, not wording
                lang=record.lang,
                when=record.as_of,
                source=self.file_ids[record.path],
                origin="ledger",
                where=f"{self._shown[record.path]}:{record.line}",
                make_claim=record.to_claim,
                when_text=record.as_of_text,
                frame=Frame(
                    subject=record.entity,
                    subject_by="record",
                    counterparty=record.counterparty,
                    metric=record.metric,
                    metric_sure=True,
                ),
            )
            self._figures[key] = found
        return found

    def named_in(self, sentence: str) -> list[str]:
        """The ledger entities a sentence names, word for word (up to four-word names):
        looked up once per sentence, whatever the number of its figures."""
        found = self._named.get(sentence)
        if found is None:
            found = self._named[sentence] = self._names_in(sentence)
        return found

    def _names_in(self, sentence: str) -> list[str]:
        words = words_of(sentence)
        found: list[str] = []
        for size in range(1, MAX_NAME_WORDS + 1):
            for start in range(len(words) - size + 1):
                entity = self.by_norm.get(" ".join(words[start : start + size]))
                if entity is not None and entity not in found:
                    found.append(entity)
        return found

    def records(
        self, draft: Figure, entity: str, metric: str, as_of: dt.date
    ) -> list[LedgerRecord]:
        """The records of one entity and metric worth comparing with ``draft``.

        All of them for a ledger of ordinary size; for a long history (a generated or
        scraped ledger) the newest ``MAX_HISTORY`` known by ``as_of`` and every record that
        agrees with the draft, which is all a verdict can turn on.
        """
        key = (entity, metric)
        history = self._history.get(key)
        if history is None:
            history = self.ledger.select(entity=entity, metric=metric)
            if len(history) > MAX_HISTORY:  # newest first, once per check run
                history = sorted(
                    (r for r in history if r.as_of <= as_of), key=lambda r: r.as_of, reverse=True
                )
            self._history[key] = history
        if len(history) <= MAX_HISTORY:
            return history
        stated = draft.stated
        return history[:MAX_HISTORY] + [r for r in history[MAX_HISTORY:] if meets(stated, r.stated)]

    def candidates(self, draft: Figure, as_of: dt.date) -> list[Figure]:
        found: list[Figure] = []
        seen: set[str] = set()
        names = [draft.subject, draft.counterparty, *self.named_in(draft.sentence)]
        # Only the metrics that can match: the draft's own and its relatives, or with
        # no metric stated every metric of its kind; a million records stay unread.
        if draft.metric is not None:
            metrics = self._related.get(draft.metric, [draft.metric])
        else:
            metrics = self._metrics_of_kind.get(draft.kind, [])
        for name in names:
            entity = self.entity(name) if name else None
            if entity is None or entity in seen:
                continue
            seen.add(entity)
            for metric in metrics:
                for record in self.records(draft, entity, metric, as_of):
                    unit = record.stated.unit
                    if unit == draft.stated.unit or _kind(unit) == draft.kind:
                        found.append(self.figure(record))
        return found


@functools.cache
def _kind(unit: str) -> str:
    return unit_kind(unit)


def _shown_paths(paths: Iterable[str], cwd: Path) -> dict[str, str]:
    """Ledger files as a reader finds them: ``claims/…`` for the shipped ledger, else
    relative to ``cwd`` when they lie below it, else as given."""
    from factcheck.sources.ledger import default_ledger_dir

    default = default_ledger_dir().resolve()
    shown: dict[str, str] = {}
    for path in paths:
        file = Path(path)
        if file.resolve().is_relative_to(default):
            shown[path] = f"claims/{file.resolve().relative_to(default).as_posix()}"
        elif file.is_absolute() and file.is_relative_to(cwd):
            shown[path] = file.relative_to(cwd).as_posix()
        else:
            shown[path] = path
    return shown


def _source_infos(
    sources: Sequence[Document], ledger: Ledger | None, failed: Sequence[tuple[str, str]]
) -> tuple[list[SourceInfo], dict[str, str]]:
    infos = [
        SourceInfo(
            id=f"source-{i}",
            location=doc.location,
            title=doc.title,
            published=doc.published,
            claims=len(doc.claims),
        )
        for i, doc in enumerate(sources, 1)
    ]
    first = len(infos) + 1
    infos += [
        SourceInfo(id=f"source-{i}", location=location, error=error)
        for i, (location, error) in enumerate(failed, first)
    ]
    file_ids: dict[str, str] = {}
    for i, (path, count) in enumerate(ledger.files if ledger else [], 1):
        file_ids[path] = f"ledger-{i}"
        infos.append(SourceInfo(id=f"ledger-{i}", location=path, claims=count))
    return infos, file_ids


def check(
    drafts: Sequence[Document],
    sources: Sequence[Document] = (),
    ledger: Ledger | None = None,
    *,
    as_of: dt.date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    failed: Sequence[tuple[str, str]] = (),
    explain: bool = False,
) -> CheckReport:
    """Every figure of ``drafts`` judged against ``sources`` and ``ledger`` as of a date.

    ``as_of`` (default: today) is the date the drafts speak for: records and sources
    dated after it are ignored, and a figure replaced on or before it is ``outdated``.
    ``failed`` are sources that could not be read, as (location, why): the report
    lists them with their error. With ``explain``, every finding carries the frame read
    and the candidates weighed (:mod:`~factcheck.compare.explain`).
    """
    day = as_of or dt.date.today()
    infos, file_ids = _source_infos(sources, ledger, failed)
    frames = _shared_frames([*drafts, *sources], ledger.names() if ledger else [])
    pool = _Sources(sources, frames[len(drafts) :])
    judging = _Judging(ledger, file_ids, settings, day, dated=as_of is not None, explain=explain)
    results = [
        judging.draft(doc, doc_frames, pool, infos)
        for doc, doc_frames in zip(drafts, frames[: len(drafts)], strict=True)
    ]
    return CheckReport(as_of=day, drafts=results, sources=infos, summary=summarize(results))


class _Sources:
    """The figures of the source documents: all of them, each cited source's (for the
    figures of a paragraph that links to it), and the sentences that state each value."""

    def __init__(self, sources: Sequence[Document], frames: Sequence[Sequence[Frame]]) -> None:
        self.figures = [
            from_claim(
                claim,
                source=f"source-{i}",
                origin="source",
                when=doc.published,
                where=doc.location if "://" in doc.location else Path(doc.location).name,
                frame=frame,
            )
            for i, (doc, doc_frames) in enumerate(zip(sources, frames, strict=True), 1)
            for claim, frame in zip(doc.claims, doc_frames, strict=True)
        ]
        self.locations = {f"source-{i}": doc.location for i, doc in enumerate(sources, 1)}
        self.as_cited: dict[str, list[Figure]] = {}
        for figure in self.figures:
            cited = dataclasses.replace(figure, origin="cited")
            self.as_cited.setdefault(figure.source, []).append(cited)
        self.anchors = _Anchors(self.figures)


class _Judging:
    """What one check run judges every draft figure with: the matcher, the ledger's
    index and the concepts, as of the drafts' date."""

    def __init__(
        self,
        ledger: Ledger | None,
        file_ids: dict[str, str],
        settings: Settings,
        as_of: dt.date,
        *,
        dated: bool,
        explain: bool,
    ) -> None:
        self.concepts = load_concepts()
        self.parties = Parties(ledger.entities if ledger else {})
        self.matcher = Matcher(self.parties, self.concepts, settings)
        self.index = _LedgerIndex(ledger, self.parties, file_ids, self.concepts) if ledger else None
        self.settings, self.as_of, self.dated, self.explain = settings, as_of, dated, explain

    def draft(
        self,
        doc: Document,
        frames: Sequence[Frame],
        sources: _Sources,
        infos: list[SourceInfo],
    ) -> DraftResult:
        """The findings of one draft: a figure's own, then its arithmetic's."""
        where = Path(doc.location).name
        figures = [
            from_claim(
                claim, source="draft", origin="draft", when=None, where=where, frame=frame,
            )
            for claim, frame in zip(doc.claims, frames, strict=True)
        ]  # fmt: skip
        siblings = _siblings(figures)
        findings = [
            self.finding(draft, cites, siblings[draft.sentence], sources)
            for draft, cites in zip(figures, cited_sources(doc, sources.locations), strict=True)
        ]
        slips = find_slips(
            figures, doc.lang, doc.published or self.as_of, self.settings,
            _same_fact(self.matcher), dated=self.dated or doc.published is not None,
        )  # fmt: skip
        findings = _own_arithmetic(doc, figures, findings, infos, slips)
        return DraftResult(path=doc.location, lang=doc.lang, findings=findings)

    def finding(
        self, draft: Figure, cites: Iterable[str], siblings: Sequence[Figure], sources: _Sources
    ) -> Finding:
        """The finding of one draft figure. The sources its paragraph cites decide when
        they state the figure (with the ledger beside them); else every source does."""
        as_of = self.as_of
        records = self.index.candidates(draft, as_of) if self.index is not None else []
        anchored = sources.anchors.of(draft, siblings)
        cited = [f for sid in sorted(cites) for f in sources.as_cited[sid]]
        found = self.matcher.assess(draft, cited, as_of, anchored) if cited else None
        decides = found is not None and bool(found.agrees or found.slips or found.same)
        candidates: Iterable[Figure] = [*(cited if decides else sources.figures), *records]
        found = self.matcher.assess(draft, candidates, as_of, anchored)
        finding = judge(draft, found, supersedes=self.supersedes, same_party=self.parties.same)
        if self.explain:
            finding = finding.model_copy(update={"explain": explanation(draft, found)})
        return finding

    def supersedes(self, metric: str | None) -> bool:
        """Whether a newer figure of ``metric`` replaces an older one (a valuation)."""
        return metric is not None and metric in self.concepts and self.concepts[metric].supersedes


def _shared_frames(documents: Sequence[Document], known: Iterable[str]) -> list[list[Frame]]:
    """The frames of the documents' claims, one object for equal frames: the matcher
    relates two figures once per pair of frame objects and sentences (a long sentence of
    one company's figures holds a thousand equal frames)."""
    frames = read_frames([(d.view or d.text, d.lang, d.claims) for d in documents], known)
    one: dict[Frame, Frame] = {}
    return [[one.setdefault(frame, frame) for frame in doc] for doc in frames]


def _own_arithmetic(
    doc: Document,
    figures: Sequence[Figure],
    findings: list[Finding],
    infos: list[SourceInfo],
    slips: Sequence[Slip],
) -> list[Finding]:
    """The slips of the draft's own arithmetic (:mod:`~factcheck.compare.arithmetic`)
    given to the figures nothing else decided; the draft is listed among the report's
    sources when its own figures are evidence."""
    if not slips:
        return findings
    source = f"draft-{sum(1 for i in infos if i.id.startswith('draft-')) + 1}"
    updated = apply_slips(findings, figures, slips, source)
    if updated != findings:
        infos.append(
            SourceInfo(
                id=source,
                location=doc.location,
                title="the draft itself",
                published=doc.published,
                claims=len(doc.claims),
            )
        )
    return updated


def _same_fact(matcher: Matcher) -> SameFact:
    """Whether two figures of a draft state one fact, as the matcher judges a source's."""

    def judge(a: Figure, b: Figure) -> Diagnosis | Literal["agrees"] | None:
        found = matcher.assess(a, [b])
        if found.agrees:
            return "agrees"
        slips = [
            m for m in found.slips
            if m.relation.metric == "same" and m.relation.party in ("same", "crossed")
        ]  # fmt: skip
        return slips[0].diagnosis if slips else None

    return judge


def _siblings(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    """The figures of each sentence of a draft."""
    by_sentence: dict[str, list[Figure]] = {}
    for figure in figures:
        by_sentence.setdefault(figure.sentence, []).append(figure)
    return by_sentence


class _Anchors:
    """Which source sentences state a given figure: another figure of a draft sentence
    found in a source's sentence says the two sentences report the same event."""

    def __init__(self, figures: Sequence[Figure]) -> None:
        self._sentences: dict[tuple[str, float], set[tuple[str, str]]] = {}
        for f in figures:
            self._sentences.setdefault(_value_key(f), set()).add((f.source, f.sentence))
        #: by the id of a sentence's list of figures, kept alive here so the id stays its
        self._of_sentence: dict[int, tuple[Sequence[Figure], _SentenceAnchors]] = {}

    def of(self, draft: Figure, siblings: Sequence[Figure]) -> frozenset[tuple[str, str]]:
        """The (source, sentence) of the source sentences that state a sibling of ``draft``
        (another figure of its sentence, distinctive enough to tell).

        What all the figures of a sentence state is gathered once per sentence; a figure
        then takes off only what it alone states.
        """
        known = self._of_sentence.get(id(siblings))
        if known is None:
            known = self._of_sentence[id(siblings)] = (siblings, self._gather(siblings))
        gathered = known[1]
        key = _value_key(draft)
        if not distinctive(draft) or gathered.keys[key] != 1:
            return gathered.stated  # another sibling states the draft's value as well
        alone = {p for p in self._sentences.get(key, ()) if gathered.stating[p] == 1}
        return gathered.stated - alone if alone else gathered.stated

    def _gather(self, siblings: Sequence[Figure]) -> _SentenceAnchors:
        keys = Counter(_value_key(s) for s in siblings if distinctive(s))
        stating: Counter[tuple[str, str]] = Counter()
        for key in keys:
            stating.update(self._sentences.get(key, ()))
        return _SentenceAnchors(keys, stating, frozenset(stating))


@dataclasses.dataclass(frozen=True)
class _SentenceAnchors:
    """What the distinctive figures of one draft sentence state in the sources."""

    #: how many of the sentence's distinctive figures have each value
    keys: Counter[tuple[str, float]]
    #: for each (source, sentence), how many of those values it states
    stating: Counter[tuple[str, str]]
    #: every (source, sentence) that states one of them
    stated: frozenset[tuple[str, str]]


def _value_key(figure: Figure) -> tuple[str, float]:
    return figure.stated.unit, float(f"{figure.stated.value:.6g}")


def summarize(results: Iterable[DraftResult]) -> dict[str, int]:
    """How many findings of each verdict, every verdict listed (zero included)."""
    counts = Counter(f.verdict for r in results for f in r.findings)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICT_ORDER}
