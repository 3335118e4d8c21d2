"""The records factcheck reads and writes (JSON schema_version "1").

These are the contract of ``shared/DESIGN.md``: field names and meanings here are what
scripts downstream rely on. ``factcheck schema claim|report`` prints their JSON Schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from operator import attrgetter
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, field_serializer

from factcheck._version import __version__

SCHEMA_VERSION = "1"

#: Longest sentence a claim's record carries whole (characters, whitespace folded). A
#: longer one (a table or a list flattened into one line) is carried as the part around
#: the claim, ``SENTENCE_REACH`` characters on either side of it, cut at a space, each
#: cut marked with "…": a record stays small however long its sentence, and a document's
#: records grow with the document, not with its square.
MAX_SENTENCE = 600
SENTENCE_REACH = 240

Qualifier = Literal["exact", "approx", "over", "at_least", "under", "at_most", "up_to", "range"]
#: Where evidence came from: a source the draft cites in the figure's paragraph, any
#: other source, the ledger, or the draft itself (its other figures, whose arithmetic
#: the figure breaks).
Via = Literal["cited", "source", "ledger", "draft"]
Verdict = Literal["consistent", "discrepancy", "outdated", "conflicting", "unverified"]
Diagnosis = Literal[
    "scale",
    "digits",
    "percent_vs_points",
    "currency",
    "unit",
    "qualifier",
    "attribution",
    "superseded",
    "sum",
    # a draft's own arithmetic: a change, a multiple, a stake or a price that its other
    # figures do not give; a conversion that no rate of its date gives; a change in percent
    # that is one in percentage points (or the other way round)
    "arithmetic",
    "conversion",
    "points_vs_percent",
]

#: Verdicts from the least to the most serious, as ``--fail-on`` reads them.
VERDICT_ORDER: tuple[Verdict, ...] = (
    "consistent",
    "unverified",
    "conflicting",
    "outdated",
    "discrepancy",
)


def _one_line(text: str) -> str:
    """Runs of whitespace as one space: what a person reads, not where a line was wrapped.

    A figure of a hard-wrapped draft spans a line break ("6,8 Milliarden\\nUS-Dollar");
    a claim's ``text`` keeps it (it is exactly the input), but a message or a suggestion
    that quotes the figure is one line.

    >>> _one_line("6,8 Milliarden\\n  US-Dollar in wire.md, not 6,8 Milliarden")
    '6,8 Milliarden US-Dollar in wire.md, not 6,8 Milliarden'
    """
    return " ".join(text.split())


#: A text shown to a person on one line.
OneLine = Annotated[str, AfterValidator(_one_line)]


@dataclasses.dataclass(frozen=True, slots=True)
class Stated:
    """A figure as it was stated: its words, its value and the interval the words allow.

    The one shape of a stated figure, wherever it stands: a :class:`Claim` has these
    fields (and where it stands), a compared figure and a ledger record hold one (and
    what it is about), a ledger's value is read into one.
    """

    text: str  # the words of the figure, exactly as written: "about $5 billion"
    value: float  # in base units; a range's low end
    value_high: float | None  # a stated range's high end
    unit: str  # ISO 4217 code, %, pp, count, x, an SI unit, °C or °F
    noun: str | None  # what a count counts ("jobs")
    qualifier: Qualifier
    low: float | None  # the least value the words allow; None: open
    high: float | None  # the greatest value the words allow; None: open

    def as_fields(self) -> dict[str, Any]:
        """The fields by name, as :class:`Claim` takes them: ``Claim(**s.as_fields(), …)``."""
        return dict(zip(STATED_FIELDS, self.as_tuple(), strict=True))

    def as_tuple(self) -> tuple[Any, ...]:
        """The fields in order, as a plain tuple (what a cache can store);
        ``Stated(*s.as_tuple())`` is ``s`` again."""
        return _stated_values(self)


#: The names of :class:`Stated`'s fields, in order.
STATED_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Stated))
_stated_values = attrgetter(*STATED_FIELDS)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Claim(_Record):
    """One numeric claim: a figure stated as fact, where it stands, and what it measures.

    It has :class:`Stated`'s fields (its :attr:`stated`) among its own, in the order of
    its records (``id`` first): a base class would put them first. One built from a
    stated figure takes them as ``Claim(**stated.as_fields(), …)``.
    """

    id: str = Field(description="Stable hash of the claim's place and reading.")
    text: str = Field(description="Exactly input[start:end].")
    start: int = Field(ge=0, description="Character offset into the decoded input.")
    end: int = Field(ge=0)
    line: int = Field(ge=1, description="1-based line of `start`.")
    column: int = Field(ge=1, description="1-based column (in characters) of `start`.")
    value: float = Field(description="The figure in base units; a range's low end.")
    value_high: float | None = Field(None, description="A stated range's high end.")
    unit: str = Field(
        description="ISO 4217 code, %, pp, count, x, an SI unit (W, Wh, m2, …), °C or °F."
    )
    noun: str | None = Field(None, description="What a count counts ('jobs').")
    qualifier: Qualifier = "exact"
    low: float | None = Field(description="Least value the statement allows; null: open.")
    high: float | None = Field(description="Greatest value the statement allows; null: open.")
    metric: str | None = Field(None, description="What the figure measures (valuation, stake, …).")
    subject: str | None = Field(None, description="Whose figure it is.")
    counterparty: str | None = Field(None, description="The other party, e.g. a stake's company.")
    as_of: dt.date | None = None
    sentence: str = Field(
        description="The sentence the claim stands in, whitespace folded; one longer than "
        f"{MAX_SENTENCE} characters is cut to the part around the claim ({SENTENCE_REACH} "
        "characters on either side, cut at a space, each cut marked '…')."
    )
    lang: str = Field(description="'en' or 'de'.")
    sentence_start: int | None = Field(
        None, ge=0, description="Character offset of the whole sentence in the decoded input."
    )
    sentence_end: int | None = Field(
        None,
        ge=0,
        description="Offset where the whole sentence ends (exclusive); both null where there "
        "is no sentence (a ledger record).",
    )
    #: the sentence as records carry it, when that is not the whole of it (see ``shown``)
    _shown: str | None = PrivateAttr(default=None)

    @property
    def stated(self) -> Stated:
        """The figure as stated (:class:`Stated`'s fields of this claim)."""
        return Stated(*_stated_values(self))

    @property
    def shown_sentence(self) -> str:
        """The sentence as records carry it: whole, or cut around the claim when longer
        than :data:`MAX_SENTENCE` (``sentence`` itself is whole: figures are compared
        by their whole sentences)."""
        return self._shown if self._shown is not None else self.sentence

    def carry(self, shown: str | None) -> Claim:
        """This claim, carrying ``shown`` as its sentence in records (None: the whole)."""
        self._shown = shown
        return self

    @field_serializer("sentence")
    def _carried(self, sentence: str) -> str:
        return self.shown_sentence


class Tool(_Record):
    name: str = "factcheck"
    version: str = __version__


class ExtractedDocument(_Record):
    path: str
    lang: str
    claims: list[Claim]


class ExtractReport(_Record):
    schema_version: str = SCHEMA_VERSION
    tool: Tool = Field(default_factory=Tool)
    documents: list[ExtractedDocument]


class ArticleClaims(_Record):
    """The claims of one article of an archive (``extract`` over JSON Lines).

    Claim ids here are unique within the archive: each is a hash of the claim's own id
    and the article's ``id`` (two articles with the same text still differ).
    """

    id: str | int = Field(description="The article's id, as the archive gives it.")
    url: str | None = Field(None, description="The article's URL, when the archive gives it.")
    lang: str = Field(description="'en' or 'de': given by the article, the run, or detected.")
    claims: list[Claim]


class SourceInfo(_Record):
    """A document the draft was compared with: a file, a web page or a ledger file."""

    id: str
    location: str = Field(description="Path or URL.")
    title: str | None = None
    published: dt.date | None = None
    claims: int = Field(0, description="How many claims were read from it.")
    error: str | None = Field(None, description="Why it could not be used, if it could not.")


class Evidence(_Record):
    source: str = Field(description="The `id` of a source in the report's `sources`.")
    claim: Claim
    agrees: bool
    via: Via | None = Field(
        None,
        description="Where the evidence came from: 'cited' (a source linked in the figure's "
        "own paragraph), 'source' (another source), 'ledger', or 'draft' (another figure of "
        "the draft whose arithmetic the figure breaks).",
    )
    note: str | None = Field(
        None,
        description="How the evidence bears on the figure when it is not the same figure: "
        "the arithmetic ('$2.1 million to $2.6 million is +19% to +29%') or the exchange "
        "rate and its date ('ECB reference rate of 2025-06-02: 1 EUR = 1.1419 USD').",
    )
    url: str | None = Field(
        None,
        description="Where the evidence can be read: for a ledger record the URL its figure "
        "was verified at, for a web source the page; null for a local file.",
    )
    ledger_note: str | None = Field(
        None,
        description="For a ledger record, the note it was written with (what its figure "
        "counts, how it was verified); null otherwise. Left out when no evidence of the "
        "report has one.",
    )

    @property
    def from_ledger(self) -> bool:
        """Whether the evidence is a record of the ledger: how every report tells it."""
        return self.via == "ledger"


class FrameInfo(_Record):
    """What a figure was read to be about (``check --explain``)."""

    subject: str | None = Field(description="Whose figure it is.")
    subject_by: str = Field(
        description="How the subject was found: owner, clause, sentence, reference, topic, "
        "record or none (from the surest to the least sure)."
    )
    counterparty: str | None
    metric: str | None
    metric_beside: bool = Field(description="Whether a word of the metric stands by the figure.")
    scope: list[str] = Field(description="dimension:value tags, e.g. region:DE, period:quarter.")
    status: str | None = Field(description="previous, expected, reported, threshold or null.")
    years: list[int]


class CandidateInfo(_Record):
    """A figure of a source or the ledger, and why it was matched or set aside."""

    source: str = Field(description="The `id` of a source in the report's `sources`.")
    text: str
    where: str = Field(description="File, URL or ledger file:line.")
    role: Literal["agrees", "slip", "same", "elsewhere", "aside"] = Field(
        description="agrees: the same fact, agreeing; slip: the same fact off by a slip; "
        "same: surely the same fact, another value; elsewhere: the draft's value for another "
        "party, metric or scope; aside: not compared."
    )
    agrees: bool = Field(description="Whether the two intervals meet.")
    diagnosis: Diagnosis | None = None
    score: float = Field(description="How alike the two frames are, 0..1.")
    metric: str = Field(description="same, related, unknown, weak or other.")
    party: str = Field(description="same, crossed, named, unknown, weak or other.")
    blocks: list[str] = Field(description="Why the two cannot be one fact, if they cannot.")
    why: str = Field(description="The reason in words.")
    frame: FrameInfo


class Explanation(_Record):
    """How a finding came about: the draft figure's frame and the candidates weighed."""

    frame: FrameInfo
    candidates: list[CandidateInfo]


class Finding(_Record):
    claim: Claim
    verdict: Verdict
    message: OneLine
    evidence: list[Evidence] = Field(default_factory=list)
    diagnosis: Diagnosis | None = None
    suggestion: OneLine | None = None
    explain: Explanation | None = Field(
        None, description="Only with `check --explain`: the frame read and the candidates."
    )


class DraftResult(_Record):
    path: str
    lang: str
    findings: list[Finding]


class CheckReport(_Record):
    schema_version: str = SCHEMA_VERSION
    tool: Tool = Field(default_factory=Tool)
    as_of: dt.date
    drafts: list[DraftResult]
    sources: list[SourceInfo]
    summary: dict[str, int]
