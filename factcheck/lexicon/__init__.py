"""Language data: one validated TOML file per language, plus shared metric concepts.

``load_lexicon("en")`` reads ``en.toml`` once and checks it against the models below, so
a typo in a data file fails loudly at load time instead of silently matching nothing.
The loaded objects are frozen; the cache only saves re-reading identical files.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from factcheck.errors import LexiconError

#: The languages read: a lexicon each.
Lang = Literal["en", "de"]
LANGS: tuple[Lang, ...] = get_args(Lang)

Kind = Literal[
    "money",
    "percent",
    "count",
    "power",
    "energy",
    "area",
    "length",
    "mass",
    "multiplier",
    "temperature",
]

#: Which kind of figure each unit is; currencies (three capital letters) are money.
UNIT_KINDS: dict[str, Kind] = {
    "%": "percent",
    "pp": "percent",
    "count": "count",
    "W": "power",
    "Wh": "energy",
    "m2": "area",
    "m": "length",
    "kg": "mass",
    "x": "multiplier",
    # Temperatures stay in the scale they are written in: Celsius and Fahrenheit differ
    # by an offset, not a factor.
    "°C": "temperature",
    "°F": "temperature",
}


@functools.cache
def unit_kind(unit: str) -> Kind:
    """The kind of figure a unit measures.

    >>> unit_kind("EUR"), unit_kind("pp"), unit_kind("W")
    ('money', 'percent', 'power')
    """
    if unit in UNIT_KINDS:
        return UNIT_KINDS[unit]
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return "money"
    raise ValueError(f"unknown unit {unit!r}")


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NumberSyntax(_Data):
    articles: tuple[str, ...]
    #: What joins the words of one number: "twenty-one", "hundred and one"; glued inside
    #: one word where ``compound_numbers`` ("einundzwanzig").
    joiners: tuple[str, ...]
    #: Whether numbers are written as one word ("zweitausendfünfhundert"): the words of a
    #: number are split out of it, and its word joiners are glued inside it, not spaced.
    compound_numbers: bool = False
    #: A fraction before a scale word or a unit: "half a (billion)", "three quarters of a".
    fractions: dict[str, float]
    #: A fraction after a spelled-out number: "one and a half (billion)".
    fractions_after: dict[str, float] = {}
    #: The word of a decimal point between spelled-out numbers: "sixteen point four".
    decimal_point: tuple[str, ...] = ()
    #: Scale words that may stand inside a spelled-out number: "two thousand five hundred".
    inner_scales: tuple[str, ...] = ()
    #: Articles that mean one before a unit or a percentage: "one gigawatt", "ein Prozent".
    unit_articles: tuple[str, ...] = ()
    #: Counts written in words from this number on are figures when a noun follows
    #: ("seven buildings"); below it they are mostly words ("one of the", "zwei Firmen").
    counts_from: int = 3
    #: Nouns after a number in words that do not count things: "drei Mal".
    not_counted: tuple[str, ...] = ()
    #: A word right before a figure that makes it negative: "minus 3 Grad".
    minus: tuple[str, ...] = ()


class Scales(_Data):
    words: dict[str, int]
    short: dict[str, int]


class Currencies(_Data):
    words: dict[str, str]
    symbols: dict[str, str]
    #: Names of a currency's hundredth ("pence", "Cent"), matched case-insensitively.
    minor: dict[str, str] = {}
    #: Symbols of a hundredth, matched exactly; one letter only glued to the figure ("3p").
    minor_symbols: dict[str, str] = {}
    #: Whether hundredths may follow the unit as a bare number: "zwei Euro fünfzig".
    minor_bare: bool = False
    #: Of ``minor``, the names a hundredth shares among currencies ("cents"): they are
    #: the hundredths of the currency the text speaks of, when it is one of
    #: ``cent_currencies``, and of their own currency otherwise.
    minor_follows: tuple[str, ...] = ()
    #: Currencies whose hundredth is called by ``minor_follows``.
    cent_currencies: tuple[str, ...] = ()
    #: The dollar's sign and words when they name no country ("$5", "5 dollars"): US
    #: dollars unless the text names another dollar first.
    bare_dollar: tuple[str, ...] = ()

    @field_validator("words", "symbols", "minor", "minor_symbols")
    @classmethod
    def _iso_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for word, code in value.items():
            if not (len(code) == 3 and code.isalpha() and code.isupper()):
                raise ValueError(f"{word!r} maps to {code!r}, not an ISO 4217 code")
        return value


class Percent(_Data):
    percent: tuple[str, ...]
    percent_symbols: tuple[str, ...]
    points: tuple[str, ...]
    points_symbols: tuple[str, ...]
    basis_points: tuple[str, ...]
    basis_points_symbols: tuple[str, ...]
    #: Of ``points``, those that count an index's points, not percentage points, when the
    #: figure is above 100 or follows the name of an index: "the Dax rose 120 points".
    index_points: tuple[str, ...] = ()
    #: Names of stock indices and the words for one ("index", "Leitindex").
    indices: tuple[str, ...] = ()


class Unit(_Data):
    unit: str
    factor: float
    words: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    #: Symbols that name the unit only glued to the figure: "40C", not "40 C".
    glued_symbols: tuple[str, ...] = ()

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        if value not in UNIT_KINDS or value in {"%", "pp", "count", "x"}:
            raise ValueError(f"{value!r} is not an SI unit factcheck converts to")
        return value


QualifierKey = Literal[
    "approx", "approx_below", "approx_above", "over", "at_least", "under", "at_most", "up_to"
]


class Qualifiers(_Data):
    approx: tuple[str, ...]
    approx_below: tuple[str, ...]
    approx_above: tuple[str, ...]
    over: tuple[str, ...]
    at_least: tuple[str, ...]
    under: tuple[str, ...]
    at_most: tuple[str, ...]
    up_to: tuple[str, ...]
    after: dict[str, Literal["approx", "over", "at_least", "under", "at_most", "up_to"]]
    #: Qualifiers that, after an article of ``amount_articles`` and a noun, name the amount
    #: instead of bounding it: "einen Kredit über 750 Mio. €" is a loan of 750 million.
    amount_after_noun: tuple[str, ...] = ()
    #: Indefinite articles: a definite one may open the subject of an inverted clause
    #: ("gewann die App über 10.000 Nutzer", more than 10,000).
    amount_articles: tuple[str, ...] = ()

    def before(self) -> dict[str, QualifierKey]:
        """Every phrase that may stand before a number, with its qualifier key."""
        table: dict[str, QualifierKey] = {}
        keys: tuple[QualifierKey, ...] = (
            "approx", "approx_below", "approx_above", "over", "at_least", "under", "at_most",
            "up_to",
        )  # fmt: skip
        for key in keys:
            for phrase in getattr(self, key):
                table.setdefault(phrase, key)
        return table


class Ranges(_Data):
    connectors: tuple[str, ...]
    open: tuple[str, ...]
    open_connector: tuple[str, ...]
    change_openers: tuple[str, ...]
    #: Words of change ("fell", "rose by") after which "3.5 percent to 18.2%" is a change
    #: and a new level, two figures, not a range.
    change_verbs: tuple[str, ...] = ()
    #: "from 1.2 to 1.9 billion euros", "von 1,2 auf 1,9 Milliarden Euro": a change whose
    #: first figure is written bare and shares the scale and unit of the second.
    change_from: tuple[str, ...] = ()
    change_to: tuple[str, ...] = ()
    #: Between two counts of one noun, of which only one names it: "68 votes to 31",
    #: "mit 412 zu 198 Stimmen", "stieg um 300 auf 2.300 Fälle".
    shared_noun: tuple[str, ...] = ()
    #: Between two figures of which only the second has its scale and unit: "sales of
    #: 9.9 and 12 billion dollars", "9,9 oder 12 Milliarden Euro".
    shared_scale: tuple[str, ...] = ()


class Multipliers(_Data):
    words: dict[str, float]
    suffixes: tuple[str, ...]
    #: Words that are a multiplier only before a comparison ("twice the price", "twice as
    #: large"; not "twice a year"), and a spelled-out number before "times" likewise.
    comparative: tuple[str, ...] = ()
    #: What may follow such a word for it to be one.
    comparative_after: tuple[str, ...] = ()
    #: The word after a spelled-out number that makes it a multiplier before a comparison.
    times: tuple[str, ...] = ()
    #: Of ``suffixes``, those written apart from a number in digits ("2.5 times"); the
    #: others are glued to it ("1.5x", "10-fold", "5-mal").
    spaced: tuple[str, ...] = ()


class NotClaims(_Data):
    durations: tuple[str, ...]
    months: tuple[str, ...]
    year_words: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    not_names: tuple[str, ...]
    #: Words that, capitalised only because they open a sentence, are no names.
    not_names_at_start: tuple[str, ...] = ()
    #: "1 in 5 adults", "3 von 10 Deutschen": the second number of a ratio is no count.
    ratio_words: tuple[str, ...] = ()
    #: "10 Downing Street": a number before a name ending in one of these is an address.
    street_words: tuple[str, ...] = ()
    #: After a number, with or without a space: it is a time of day ("9.30am", "14 Uhr").
    clock: tuple[str, ...] = ()
    #: Words and marks right before a number that make it a reference, not a figure:
    #: "§ 15", "article 50", "Nr. 3" (lower case; matched on the whole word).
    references: tuple[str, ...] = ()
    #: Whether an ordinal is written as its number and a dot ("der 3. große Auftrag"):
    #: then a number, a dot and a word in small letters is no figure.
    ordinal_dot: bool = False
    #: Endings of common nouns where every noun is capitalised: a capitalised word ending
    #: so, with no capital inside, is no name unless a known entity ("Leistung").
    noun_endings: tuple[str, ...] = ()


class CountedNouns(_Data):
    """Where the noun phrase counted by a bare figure ends ("3,000 workers joined")."""

    #: In German every noun is capitalised: the phrase ends at its first capital, and a
    #: figure followed by no capitalised word within the phrase counts nothing named.
    head_capitalised: bool = False
    #: Words that end the phrase though they have no plural ending ("people", "staff").
    heads: tuple[str, ...] = ()
    #: A word with one of these endings is a plural, so the head of the phrase ("jobs")…
    plural_endings: tuple[str, ...] = ()
    #: …unless it has one of these ("business", "bonus", "analysis").
    singular_endings: tuple[str, ...] = ()
    #: Glued to the figure by a hyphen, an adjective of it; the counted noun follows
    #: ("a 2,200-strong workforce").
    figure_adjectives: tuple[str, ...] = ()
    #: Before a bare count, these make it a part of the count before it, whose noun it
    #: shares: "3,900 people, of whom 350 work in Germany", "3.900 Menschen, davon 350".
    part_openers: tuple[str, ...] = ()
    #: Before a count, these make a later bare count of the sentence a part of it:
    #: "Of its 3,900 employees, 350 work in Germany", "Von den 3.900 Beschäftigten …".
    partitive: tuple[str, ...] = ()


class References(_Data):
    possessive: tuple[str, ...]
    counterparty_before: tuple[str, ...]
    place_before: tuple[str, ...]
    corporate_suffixes: tuple[str, ...]


#: What a status word says about a figure: an earlier value, a forecast, a report not
#: yet confirmed, or a legal or market mark rather than a holding.
Status = Literal["previous", "expected", "reported", "threshold"]


class Frames(_Data):
    """Words that say what a figure is about beyond its metric (``factcheck.frame``).

    Patterns as in ``[metrics]``: "word*" a prefix, "*word" a suffix, a space a phrase.
    """

    determiners: tuple[str, ...]
    organisation_nouns: tuple[str, ...]
    relation_nouns: tuple[str, ...]
    division_nouns: tuple[str, ...]
    government_nouns: tuple[str, ...]
    person_titles: tuple[str, ...]
    reporting: tuple[str, ...]
    pronouns: tuple[str, ...]
    relative: tuple[str, ...]
    place_relatives: tuple[str, ...]
    #: endings that make the name they are glued to a place ("the Lindau-based lender")
    place_compounds: tuple[str, ...] = ()
    clause_joiners: tuple[str, ...]
    place_prepositions: tuple[str, ...]
    party_prepositions: tuple[str, ...]
    genitive: tuple[str, ...]
    capitals: tuple[str, ...]
    personal_pronouns: tuple[str, ...]
    #: word -> region code (ISO 3166 alpha-2, "EU", "WORLD", "HOME", "ABROAD")
    regions: dict[str, str]
    region_adverbs: tuple[str, ...]
    #: right before a count or an amount: a change ("cut by 11,000"), scope form:change
    change_by: tuple[str, ...] = ()
    #: right after a figure: a gap below or above another figure (scope sign:below/above)
    below_after: tuple[str, ...] = ()
    above_after: tuple[str, ...] = ()
    #: a name after one of these and before a participle is its agent, the party of the
    #: noun after ("von Blue Owl verwaltete Fonds"): the words and the participle's endings
    agent_prepositions: tuple[str, ...] = ()
    participle_endings: tuple[str, ...] = ()
    #: after a figure, these make the name after them its party ("a bet by X")
    agent_after: tuple[str, ...] = ()
    #: verbs that distribute a sum, and the prepositions before each share's party
    distribution_verbs: tuple[str, ...] = ()
    distribution_prepositions: tuple[str, ...] = ()
    #: words that open a part of the sum before them ("including", "davon")
    part_openers: tuple[str, ...] = ()
    #: the words of labelled funding rounds ("Series C") and of seed rounds
    round_series: tuple[str, ...] = ()
    round_seed: tuple[str, ...] = ()
    #: nouns for places: a name after them is a place ("die Stadt Kellinghusen")
    place_nouns: tuple[str, ...] = ()
    #: whether a name right after a site noun (scope ``part:site``) is the site's name
    #: ("Standort Hallstedt"); after a place preposition it always is ("a plant in Dunmore")
    site_name_after: bool = False
    #: articles of a subject put after the verb ("Im Quartal stieg der Gewinn von X"):
    #: a noun after one of these and the verb owns the name after "von"/"of"
    subject_articles: tuple[str, ...] = ()
    #: words for shares: a share price is the figure of the company they belong to
    stock_nouns: tuple[str, ...] = ()
    #: verbs of raising and lowering: "from X" in their clause is the earlier value
    change_verbs: tuple[str, ...] = ()
    #: lower-case words that may stand inside a name ("Corriere della Sera")
    name_particles: tuple[str, ...] = ()
    #: separable verbs, "verb particle" -> concept: "steigt ein" (buys a stake)
    separable: dict[str, tuple[str, ...]] = {}
    #: "dimension:value" -> words; two figures with different values of one dimension
    #: are about different facts
    scope: dict[str, tuple[str, ...]]
    status: dict[Status, tuple[str, ...]]

    @field_validator("scope")
    @classmethod
    def _dimension_and_value(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        bad = [tag for tag in value if tag.count(":") != 1 or not all(tag.split(":"))]
        if bad:
            raise ValueError(f"scope tags must read dimension:value, not {bad}")
        return value


class Arithmetic(_Data):
    """Words of a draft's own arithmetic (:mod:`factcheck.compare.arithmetic`), lower case,
    matched on whole words of the text between and around figures."""

    #: "from $2.1m to $2.6m", "von 2,1 auf 2,6 Millionen": the earlier and the later level
    from_: tuple[str, ...] = Field(alias="from")
    to: tuple[str, ...]
    #: the direction of a change; a change with neither is compared by its size only
    rise: tuple[str, ...]
    fall: tuple[str, ...]
    #: before a figure, it is a change of either sign ("changed by 5%", "um 5 Prozent")
    by: tuple[str, ...]
    change_words: tuple[str, ...]
    #: a change against another base than the level beside it ("up 12% on the year")
    other_base: tuple[str, ...]
    #: after a total, its parts ("11,000 jobs: 5,000 …", "davon"); those of them after
    #: which two or more parts are the whole of it
    part_openers: tuple[str, ...]
    whole_openers: tuple[str, ...]
    #: right after a figure, these make it a part of a figure before it ("2,100 of them in
    #: Germany", "2.100 davon in Deutschland"): it is no total of the figures after it
    part_of_before: tuple[str, ...]
    #: the last part is the rest of the total ("and $12bn from others")
    remainder: tuple[str, ...]
    #: between two parts of one list
    list_joiners: tuple[str, ...]
    #: words of another time between two figures ("holds 100% now; before, 17%"): the
    #: figures tell two states, no parts of one whole
    other_time: tuple[str, ...]
    #: percentages of one whole ("split", "aufgeteilt")
    split: tuple[str, ...]
    #: after a percentage, the whole it is of ("60% of the engineers", "60 Prozent an
    #: Vela"): shares of different wholes add up to nothing
    whole_of: tuple[str, ...]
    #: "$14.3bn for a 49% stake": the money buys the stake
    stake_for: tuple[str, ...]
    #: opening the sentence after a stake's, these tie its valuation to that deal ("The
    #: deal values Nuvola at $29bn", "Damit wird Nuvola mit … bewertet")
    deal_anaphora: tuple[str, ...]
    #: between one amount in two currencies or units: "(", ", or", "umgerechnet"
    conversion: tuple[str, ...]
    #: in a bracket after a converted amount, the only words that may follow it ("(€43bn
    #: at current rates)"); others make it another figure ("(€1.5bn in Europe)")
    rate_words: tuple[str, ...]
    #: in a sentence, another event of the same kind ("raised another $510m"): two
    #: statements of a metric are then two facts, not one told twice
    another_event: tuple[str, ...]
    #: after a premium or discount: the price it is measured from
    reference: tuple[str, ...]
    #: what a count of shares counts
    shares: tuple[str, ...]
    #: between a number of shares and the price of each ("at", "zu je")
    price_at: tuple[str, ...]


class Lexicon(_Data):
    """Everything factcheck knows about the words of one language."""

    lang: str
    decimal_separator: Literal[".", ","]
    group_separator: Literal[".", ","]
    stopwords: frozenset[str]
    #: Articles and possessives: after one, "5.000." is an ordinal ("ihre 5.000. Filiale").
    determiners: frozenset[str] = frozenset()
    #: Letters of this language that the others read do not write: a word in lower case
    #: with one of them tells the language ("beschäftigt"; a name such as "Müller" does not).
    letters: frozenset[str] = frozenset()
    abbreviations: frozenset[str]
    #: Words after which a capital letter is a label ("Series B"), not a person's initial.
    labels: frozenset[str] = frozenset()
    numbers: dict[str, float]
    number_syntax: NumberSyntax
    scales: Scales
    currencies: Currencies
    percent: Percent
    units: tuple[Unit, ...]
    qualifiers: Qualifiers
    ranges: Ranges
    multipliers: Multipliers
    not_claims: NotClaims
    counted_nouns: CountedNouns = CountedNouns()
    references: References
    metrics: dict[str, tuple[str, ...]]
    frames: Frames
    arithmetic: Arithmetic

    @model_validator(mode="after")
    def _separators_differ(self) -> Lexicon:
        if self.decimal_separator == self.group_separator:
            raise ValueError("decimal and group separator must differ")
        return self


class Concept(_Data):
    kinds: tuple[Kind, ...]
    supersedes: bool
    refines: str | None = None
    #: Concepts of one family may describe the same fact in other words.
    family: str | None = None
    #: The concept of the opposite event ("new_jobs" and "job_cuts"): never the same fact.
    opposite: str | None = None


def _read_toml(name: str) -> dict[str, object]:
    path = resources.files(__package__).joinpath(name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"lexicon {name}: {exc}") from exc


@functools.cache
def load_concepts() -> dict[str, Concept]:
    """The shared metric concepts of ``concepts.toml``."""
    raw = _read_toml("concepts.toml")
    try:
        concepts = {key: Concept.model_validate(value) for key, value in raw.items()}
    except ValidationError as exc:
        raise LexiconError(f"lexicon concepts.toml: {exc}") from exc
    for key, concept in concepts.items():
        if concept.refines is not None and concept.refines not in concepts:
            raise LexiconError(f"lexicon concepts.toml: {key} refines unknown {concept.refines}")
    return concepts


class WorldCurrencies(_Data):
    """Currency signs and codes as news in any language writes them (world_currencies.toml)."""

    signs: dict[str, str]
    spaced: dict[str, str]
    glued: dict[str, str]
    any_case: dict[str, str]


@functools.cache
def load_world_currencies() -> WorldCurrencies:
    """The language-independent currency signs of ``world_currencies.toml``."""
    raw = _read_toml("world_currencies.toml")
    try:
        return WorldCurrencies.model_validate(raw)
    except ValidationError as exc:
        raise LexiconError(f"lexicon world_currencies.toml: {exc}") from exc


@functools.cache
def load_lexicon(lang: str) -> Lexicon:
    """The validated lexicon of ``lang`` ("en" or "de")."""
    if lang not in LANGS:
        raise LexiconError(f"no lexicon for language {lang!r} (have {', '.join(LANGS)})")
    raw = _read_toml(f"{lang}.toml")
    try:
        lexicon = Lexicon.model_validate(raw)
    except ValidationError as exc:
        raise LexiconError(f"lexicon {lang}.toml: {exc}") from exc
    unknown = set(lexicon.metrics) - set(load_concepts())
    if unknown:
        raise LexiconError(f"lexicon {lang}.toml: metrics not in concepts.toml: {sorted(unknown)}")
    return lexicon
