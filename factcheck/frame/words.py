"""One language's frame words as lookup tables, built once (lexicon ``[frames]``).

Words are matched as the metric cues are (:class:`~factcheck.extract.cues.CueTable`):
whole words, ``prefix*``, ``*suffix`` and phrases of up to three words.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale

from factcheck.extract.cues import CueTable, cue_table
from factcheck.extract.names import without_possessive
from factcheck.lexicon import Frames, load_lexicon

#: CLDR codes of the regions that may scope a figure: the world and Europe besides the
#: countries (two letters).
_REGIONS = {"001": "WORLD", "150": "EU"}


@dataclass(frozen=True)
class FrameWords:
    """What the frame reader looks words up in, for one language."""

    lang: str
    #: one table for the word classes of a description and a clause: "determiner",
    #: "organisation", "division", "government", "title", "reporting", "pronoun", …
    roles: CueTable
    relation: CueTable  # nouns that describe another party than the name before them
    scope: CueTable
    status: CueTable
    metrics: CueTable
    #: lower-cased word or name -> region code ("DE", "EU", "WORLD")
    regions: dict[str, str]
    region_adverbs: frozenset[str]
    #: words right after a figure that make it a gap below or above another figure
    gap: CueTable
    #: words right before a count or amount that make it a change ("um", "by")
    change_by: frozenset[str]
    change_verbs: frozenset[str]
    relative: frozenset[str]
    place_relatives: frozenset[str]
    place_compounds: tuple[str, ...]
    joiners: frozenset[str]
    place_prepositions: frozenset[str]
    party_prepositions: frozenset[str]
    genitive: frozenset[str]
    capitals: frozenset[str]
    personal_pronouns: frozenset[str]
    #: words after which a name is governed: a party, a place or the owner of a noun
    prepositions: frozenset[str]
    determiners: frozenset[str]
    stock_nouns: frozenset[str]
    #: after a figure, the party: "a $10bn bet by X", "$2bn from X"
    agent_after: frozenset[str]
    #: in a clause that distributes a sum ("davon entfallen … auf X"), the party after
    distribution_verbs: frozenset[str]
    distribution_prepositions: frozenset[str]
    #: words that open a part of the sum before ("including $300m", "davon 1.100")
    part_openers: frozenset[str]
    #: words of funding rounds: "Series C", "Serie-C-Runde"; "seed round"
    place_nouns: frozenset[str]
    site_name_after: bool
    subject_articles: frozenset[str]
    round_series: frozenset[str]
    round_seed: frozenset[str]
    #: "von X verwaltete Fonds": a preposition, then the participle's endings
    agent_prepositions: frozenset[str]
    participle_endings: tuple[str, ...]
    #: lower-case words inside names ("della", "of", "von")
    name_particles: frozenset[str]
    #: German separable verbs: (verb, particle) -> concept ("steigt … ein": a stake)
    separable: dict[tuple[str, str], str]
    change_from: frozenset[str]
    change_to: frozenset[str]
    stopwords: frozenset[str]
    furniture: frozenset[str]

    def is_stock(self, token: str) -> bool:
        """Whether a word names shares ("shares", "Aktie", "stock")."""
        lower = without_possessive(token).lower()
        return lower in self.stock_nouns

    def role(self, token: str) -> str | None:
        """The role class of one token ("organisation", "pronoun", …), if any."""
        return self.roles.word_concept(token.lower())

    def region_at(self, texts: Sequence[str], i: int) -> str | None:
        """The region whose name starts at ``texts[i]``, the longest first ("in den
        Vereinigten Staaten", "in the United Arab Emirates")."""
        for length in (3, 2, 1):
            if i + length <= len(texts):
                found = self.regions.get(" ".join(texts[i : i + length]).lower())
                if found is not None:
                    return found
        return None

    def is_region(self, name: str) -> str | None:
        """The region code of a place's name ("Germany", "the U.S."), if it is one."""
        lower = without_possessive(name).lower()
        return self.regions.get(lower) or self.regions.get(lower + ".")


@functools.cache
def frame_words(lang: str) -> FrameWords:
    """The frame words of ``lang``, built on first use."""
    lex = load_lexicon(lang)
    f = lex.frames
    return FrameWords(
        lang=lang,
        roles=_roles(f),
        relation=CueTable.build({"relation": f.relation_nouns}),
        scope=CueTable.build(f.scope),
        status=CueTable.build({str(key): words for key, words in f.status.items()}),
        metrics=cue_table(lang),
        regions=_regions(lang, f),
        region_adverbs=frozenset(w.lower() for w in f.region_adverbs),
        gap=CueTable.build({"sign:below": f.below_after, "sign:above": f.above_after}),
        change_by=frozenset(f.change_by),
        change_verbs=(frozenset(lex.ranges.change_verbs) | frozenset(f.change_verbs))
        - frozenset(f.change_by),
        relative=frozenset(f.relative),
        place_relatives=frozenset(f.place_relatives),
        place_compounds=tuple(f.place_compounds),
        joiners=frozenset(f.clause_joiners),
        place_prepositions=frozenset(f.place_prepositions),
        party_prepositions=frozenset(f.party_prepositions),
        genitive=frozenset(f.genitive),
        capitals=frozenset(f.capitals),
        personal_pronouns=frozenset(f.personal_pronouns),
        prepositions=frozenset((*f.party_prepositions, *f.place_prepositions, *f.genitive)),
        determiners=frozenset(f.determiners),
        name_particles=frozenset(f.name_particles),
        stock_nouns=frozenset(w.lower() for w in f.stock_nouns),
        agent_after=frozenset(f.agent_after),
        distribution_verbs=frozenset(f.distribution_verbs),
        distribution_prepositions=frozenset(f.distribution_prepositions),
        part_openers=frozenset(f.part_openers),
        place_nouns=frozenset(f.place_nouns),
        site_name_after=f.site_name_after,
        subject_articles=frozenset(f.subject_articles),
        round_series=frozenset(f.round_series),
        round_seed=frozenset(f.round_seed),
        agent_prepositions=frozenset(f.agent_prepositions),
        participle_endings=tuple(f.participle_endings),
        separable=_separable(f),
        change_from=frozenset(lex.ranges.change_from),
        change_to=frozenset(lex.ranges.change_to),
        stopwords=lex.stopwords,
        furniture=frozenset(lex.not_claims.not_names) | lex.stopwords,
    )


def _roles(f: Frames) -> CueTable:
    """One table for the word classes of a description and a clause."""
    return CueTable.build(
        {
            # the order decides a word that stands in two lists ("bund": government)
            "government": f.government_nouns,
            "division": f.division_nouns,
            "organisation": f.organisation_nouns,
            "title": f.person_titles,
            "reporting": f.reporting,
            "pronoun": f.pronouns,
            "determiner": f.determiners,
        }
    )


def _regions(lang: str, f: Frames) -> dict[str, str]:
    """The lexicon's region words, then CLDR's names of the world, Europe and the
    countries in ``lang`` (lower case) -> region code."""
    regions = {word.lower(): code for word, code in f.regions.items()}
    for code, name in Locale(lang).territories.items():
        region = _REGIONS.get(code, code if len(code) == 2 and code.isalpha() else None)
        if region is not None:
            regions.setdefault(str(name).lower(), region)
    return regions


def _separable(f: Frames) -> dict[tuple[str, str], str]:
    """German separable verbs: (verb, particle) -> concept ("steigt … ein": a stake)."""
    return {
        (verb.lower(), particle.lower()): concept
        for concept, pairs in f.separable.items()
        for verb, _, particle in (pair.partition(" ") for pair in pairs)
    }
