"""The parties a sentence mentions: names, descriptions, pronouns, owners.

A mention is one way of pointing at a party:

* a name, a run of proper nouns ("Thyssenkrupp Steel Europe"), possibly possessive
  ("Nvidia's", German "Intels");
* a name glued to a noun ("Intel-Kurs", "Nvidia-Aktien"): the name owns the noun;
* a description: a determiner and a noun for a company ("the chipmaker", "das Mailänder
  Geldhaus"), a division ("die Stahlsparte") or a state ("the German government", "der
  Bund"); a name right after it is what it describes ("der Chipkonzern Nvidia"); with a
  name before a noun like "parent" or "maker" it describes another party ("the Facebook
  parent");
* a pronoun that refers back ("its", "seine").

What is a proper noun is decided by :mod:`~factcheck.frame.wordclass`, by what the other
documents of a run show (:class:`NameBook`), and by capitals inside a word ("xAI").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

from factcheck.extract.names import CLAUSE_MARKS, without_possessive
from factcheck.frame.wordclass import word_classes
from factcheck.frame.words import FrameWords

#: A word (with inner hyphens, apostrophes and dots, and a possessive) or one mark.
_TOKEN = re.compile(r"[^\W_](?:[\w&]|[-'’.](?=[^\W_]))*(?:['’]s\b|['’](?!\w))?|[^\w\s]")
#: Marks after which a capital opens a sentence or a quoted clause.
_OPENING = frozenset("\"“„‘'(:–—")
#: The name of every state party: governments are one party whatever a text calls them.
GOVERNMENT = "government"

Kind = Literal["name", "owner", "description", "pronoun"]


class Token(NamedTuple):
    text: str
    start: int  # offsets in the document
    end: int


def tokens_of(text: str, offset: int) -> list[Token]:
    """The tokens of ``text`` with their offsets (``offset`` is where ``text`` starts).

    >>> [t.text for t in tokens_of("Nvidia's 4% stake in Intel-Aktien, U.S.", 0)]
    ["Nvidia's", '4', '%', 'stake', 'in', 'Intel-Aktien', ',', 'U.S', '.']
    """
    return [Token(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a party among a sentence's tokens [first, last)."""

    name: str | None  # the party; None for a description or pronoun not resolved yet
    first: int
    last: int
    kind: Kind
    possessive: bool = False
    #: the lower-cased token before the mention ("" at the start)
    before: str = ""
    person: bool = False
    place: bool = False
    division: bool = False
    #: before a verb of saying, or after "according to": who says it, not whose it is
    speaker: bool = False
    #: the agent of a participle before a noun: "von Blue Owl verwaltete Fonds"
    agent: bool = False
    #: a description of another party than this name ("the Facebook parent")
    other_than: str | None = None


@dataclass
class NameBook:
    """What all documents of a run show about names, so each document reads names alike.

    A word written with a capital in the middle of an English sentence is a name there,
    and is one at the start of a sentence or in German text too ("Scale", "Meta"); a name
    after a title or before a verb of saying is a person's.
    """

    known: set[str] = field(default_factory=set)  # folded names: ledger, English mid-sentence
    persons: set[str] = field(default_factory=set)  # folded names and their last words

    def add_known(self, names: Iterable[str]) -> None:
        self.known.update(n.casefold() for n in names)


def _is_name_like(token: str) -> bool:
    """A capital first, or a capital inside ("xAI", "eBay"), and a letter."""
    return token[:1].isupper() or (token[:1].isalpha() and any(c.isupper() for c in token[1:]))


def _inner_capital(token: str) -> bool:
    """A capital right after a small letter: "UniCredit", "xAI" (not "Stuttgart-Feuerbach")."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(token))


class MentionReader:
    """Finds mentions in the tokens of one sentence at a time, for one language."""

    def __init__(self, words: FrameWords, book: NameBook) -> None:
        self.words = words
        self.book = book
        self.classes = word_classes(words.lang)
        self._opening = 0  # where the sentence being read opens (after a dateline)

    # --- proper nouns -----------------------------------------------------------------

    def is_proper(self, token: str, at_start: bool) -> bool:
        """Whether ``token`` (a possessive dropped by the caller) is a proper noun here."""
        if not _is_name_like(token) or token.lower() in self.words.furniture:
            return False
        folded = token.casefold()
        if (
            folded in self.book.known
            or _inner_capital(token)
            or (token.isupper() and len(token) > 1)
        ):
            return True
        if "-" in token:
            return False  # "Nvidia-Aktien": a name glued to a noun (see _owner)
        if self.words.lang == "en" and not at_start:
            return True
        if self.words.role(token) is not None:
            return False
        return self.classes.is_proper(token)

    def _stem(self, token: str, at_start: bool, last: bool) -> tuple[str, bool] | None:
        """The name in ``token`` and whether it is possessive, if ``token`` is a name.

        ``last``: no name follows, so a German "-s" may be a genitive ("Intels Anteil").
        """
        bare = without_possessive(token)
        if bare.lower() in self.words.furniture or len(bare) == 1:
            return None  # "Wednesday's close", "Series C"
        if bare != token and self.is_proper(bare, at_start):
            return bare, True
        if self.is_proper(token, at_start):
            folded = token.casefold()
            if self.words.lang == "de" and last and token.endswith("s") and len(token) > 3:
                stem = folded[:-1]
                book = self.book
                if folded not in book.known and (stem in book.known or stem in book.persons):
                    return token[:-1], True
            return token, False
        return None

    # --- a sentence --------------------------------------------------------------------

    def read(self, tokens: Sequence[Token], figure: Sequence[bool]) -> list[Mention]:
        """The mentions among ``tokens``; ``figure[i]`` marks the tokens of figures."""
        found: list[Mention] = []
        i, n = self.dateline_end(tokens), len(tokens)
        self._opening = i  # the sentence proper opens after its dateline
        while i < n:
            if figure[i] or tokens[i].text in CLAUSE_MARKS:
                i += 1
                continue
            mention = self._description(tokens, figure, i) or self._name(tokens, figure, i)
            if mention is None:
                mention = self._owner(tokens, i) or self._pronoun(tokens, i)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.last
        return [self._person_or_place(tokens, m) for m in found]

    def dateline_end(self, tokens: Sequence[Token]) -> int:
        """Where a dateline that opens the sentence ends: its place and news agency are
        no parties. "KORVENSTADT, Germany, March 12 (Nordwire) -", "HAFENSTADT (dpa) -",
        "Tannfeld –", "Berlin/Paris –"."""
        dash = next((k for k, t in enumerate(tokens[:16]) if t.text in _DATELINE_DASHES), None)
        if dash is None or dash == 0 or dash + 1 >= len(tokens):
            return 0
        if dash == 3 and tokens[0].text == "(" and tokens[2].text == ")":
            return dash + 1  # "(Wirenet) – …": the agency alone
        if not tokens[dash + 1].text[:1].isupper():
            return 0  # "Nvidia – the chipmaker – said": an aside, not a dateline
        first = tokens[0].text
        if first.isupper() and len(first) >= 4 and first.isalpha():
            # a place in capitals, then country, date and agency: no verb, no figure word
            return dash + 1 if all(_dateline_part(t.text) for t in tokens[1:dash]) else 0
        places = tokens[:dash]
        single = all(t.text == "/" or (t.text[:1].isupper() and t.text.isalpha()) for t in places)
        return dash + 1 if single and len(places) <= 3 else 0

    def _before(self, tokens: Sequence[Token], i: int) -> str:
        """The word that governs a mention at ``i``: the preposition before it, looking
        past up to three modifiers ("into struggling rival Intel"), else the token before."""
        if not i:
            return ""
        words = self.words
        for j in range(i - 1, max(i - 4, -1), -1):
            text = tokens[j].text
            lower = text.lower()
            if lower in words.prepositions:
                return lower
            modifier = (
                lower in words.determiners  # "aus dem Secure-Enclave-Programm"
                or (text[:1].islower() and lower not in words.stopwords)
                or words.role(text) in ("organisation", "division")
                or without_possessive(text) != text  # "of Musk's Twitter buyout"
            )
            if not modifier:
                break
        previous = tokens[i - 1].text.lower()
        return "" if previous in words.determiners else previous

    def _at_start(self, tokens: Sequence[Token], i: int) -> bool:
        return i <= self._opening or tokens[i - 1].text in _OPENING

    def _name(self, tokens: Sequence[Token], figure: Sequence[bool], i: int) -> Mention | None:
        parts: list[str] = []
        possessive = False
        j = i
        while j < len(tokens) and not figure[j]:
            token = tokens[j].text
            if (
                parts
                and (token == "&" or token in self.words.name_particles)
                and (j + 1 < len(tokens) and _is_name_like(tokens[j + 1].text))
            ):
                parts.append(token)  # "AT&T", "Corriere della Sera", "Bank of America"
                j += 1
                continue
            following = j + 1 < len(tokens) and _is_name_like(tokens[j + 1].text)
            at_start = self._at_start(tokens, j) and not parts
            # a German "-s" before a common noun may be a genitive ("Musks KI-Firma")
            name_follows = following and self.is_proper(
                without_possessive(tokens[j + 1].text), False
            )
            stem = self._stem(token, at_start, not name_follows)
            if stem is None and at_start and following and self._opens_name(tokens, j):
                stem = (token, False)  # "Orbital Cloud announced": the name's first word
            if stem is None:
                break
            parts.append(stem[0])
            j += 1
            if stem[1]:
                possessive = True
                break
        while parts and (parts[-1] == "&" or parts[-1] in self.words.name_particles):
            parts.pop()
            j -= 1
        if not parts:
            return None
        name = " ".join(parts)
        return Mention(name, i, j, "name", possessive, self._before(tokens, i))

    def _opens_name(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether a sentence's capitalised first word begins the name after it."""
        words = self.words
        token, after = tokens[i].text, tokens[i + 1].text
        if words.lang != "en" or token.lower() in words.furniture or words.role(token):
            return False
        return without_possessive(after) == after and self.is_proper(after, False)

    def _owner(self, tokens: Sequence[Token], i: int) -> Mention | None:
        """A name glued to a noun by a hyphen: "Intel-Kurs" (Intel's price)."""
        token = tokens[i].text
        if "-" not in token:
            return None
        head, _, rest = token.partition("-")
        if not rest or not self.is_proper(head, False) or (head.isupper() and len(head) <= 2):
            return None  # "US-Regierung", "KI-Konzern": no party of their own
        if self.is_proper(rest.split("-")[-1], False):
            return None  # "Stuttgart-Feuerbach", "Air France-KLM": a name of its own
        if self.words.relation.word_concept(rest.lower()):
            return Mention(None, i, i + 1, "description", other_than=head,
                           before=self._before(tokens, i))  # fmt: skip
        role = self.words.role(rest)
        if role in ("organisation", "division"):
            return Mention(None, i, i + 1, "description", division=role == "division",
                           before=self._before(tokens, i))  # fmt: skip
        return Mention(head, i, i + 1, "owner", True, self._before(tokens, i))

    def _pronoun(self, tokens: Sequence[Token], i: int) -> Mention | None:
        token = tokens[i].text
        if self.words.role(token) != "pronoun":
            return None
        lower = token.lower()
        possessive = lower not in ("it", "es", "er", "itself")
        return Mention(None, i, i + 1, "pronoun", possessive, self._before(tokens, i))

    def _description(
        self, tokens: Sequence[Token], figure: Sequence[bool], i: int
    ) -> Mention | None:
        """A determiner, up to four modifiers and a noun for a company, part or state."""
        words = self.words
        if words.role(tokens[i].text) != "determiner":
            lower = tokens[i].text.lower()
            capital = without_possessive(lower) in words.capitals
            if capital and self._before(tokens, i) not in words.place_prepositions:
                return self._government(tokens, i, i)  # "Washington takes a stake"
            return None
        other: str | None = None
        for j in range(i + 1, min(i + 6, len(tokens))):
            if figure[j] or tokens[j].text in CLAUSE_MARKS:
                return None
            text = tokens[j].text
            bare = without_possessive(text)
            role = words.role(bare)
            phrase = words.roles.phrase(_texts(tokens, j), 0)
            if role == "government" or phrase == "government":
                return self._government(tokens, i, j)
            if bare.lower() in words.place_nouns:
                named = self._name(tokens, figure, j + 1)  # "die Stadt Kellinghusen"
                if named is not None:
                    return replace(named, first=i, before=self._before(tokens, i), place=True)
                return None
            if role in ("organisation", "division") or words.relation.word_concept(bare.lower()):
                if words.relation.word_concept(bare.lower()) and other is None and j > i + 1:
                    previous = without_possessive(tokens[j - 1].text)
                    if self.is_proper(previous, False):
                        other = previous  # "the Facebook parent"
                possessive = bare != text
                end = j + 1
                named = None
                if not possessive and other is None:
                    named = self._name(tokens, figure, end)  # "der Chipkonzern Nvidia"
                if named is not None:
                    return Mention(named.name, i, named.last, "name", named.possessive,
                                   self._before(tokens, i))  # fmt: skip
                return Mention(None, i, end, "description", possessive, self._before(tokens, i),
                               division=role == "division", other_than=other)  # fmt: skip
            if text.lower() in words.stopwords and text.lower() not in ("most", "largest"):
                return None
        return None

    def _government(self, tokens: Sequence[Token], first: int, noun: int) -> Mention:
        possessive = without_possessive(tokens[noun].text) != tokens[noun].text
        end = noun + 1
        if end < len(tokens) and tokens[end].text.lower() in ("government", "agency", "ministry"):
            end += 1  # "federal government", "Finance Agency"
        return Mention(GOVERNMENT, first, end, "name", possessive, self._before(tokens, first))

    def _person_or_place(self, tokens: Sequence[Token], m: Mention) -> Mention:
        if m.kind not in ("name", "owner") or m.name is None or m.name == GOVERNMENT:
            return m
        folded = m.name.casefold()
        before = self.words.role(m.before) if m.before else None
        after = tokens[m.last].text if m.last < len(tokens) else ""
        after_role = self.words.role(after) if after else None
        person = folded in self.book.persons or before == "title"
        # "X said", "laut X", "according to X", "nach einem Bericht des X"
        phrase = self.words.roles.phrase(_texts(tokens, m.last), 0) if after else None
        speaker = (
            after_role == "reporting"
            or phrase == "reporting"
            or self.words.role(m.before) == "reporting"
        )
        if not speaker and m.before in self.words.prepositions and m.first >= 2:
            head = tokens[m.first - 2].text
            speaker = self.words.role(head) == "reporting"
        region = self.words.is_region(m.name)
        where = (
            m.last + 1 < len(tokens)
            and tokens[m.last + 1].text.lower() in self.words.place_relatives
        )
        glued = tokens[m.last - 1].text.lower().endswith(self.words.place_compounds)
        place = m.place or region is not None or (after == "," and where) or glued
        agent = (
            m.before in self.words.agent_prepositions
            and after[:1].islower()
            and after.endswith(self.words.participle_endings)
        )
        m = replace(m, agent=agent)
        country = region is not None and len(region) == 2 and m.kind == "name"
        if country and not m.possessive and m.before not in self.words.prepositions:
            # a country that acts ("allowing the U.S. to buy …") is its government
            return replace(m, name=GOVERNMENT, speaker=speaker)
        return replace(m, person=person, place=place, speaker=speaker)


def _texts(tokens: Sequence[Token], i: int) -> list[str]:
    """The texts of the tokens a phrase starting at ``i`` may span (three at most): a
    phrase is looked up at every token, never over the whole sentence."""
    return [t.text for t in tokens[i : i + 3]]


#: The dash after a dateline: "HAFENSTADT (dpa) -", "Berlin –".
_DATELINE_DASHES = frozenset({"-", "–", "—"})


def _dateline_part(token: str) -> bool:
    """A token a dateline's place, country, date and agency are made of."""
    return token in ",/()." or token[:1].isupper() or token.isdigit()


def _title_case(tokens: Sequence[Token]) -> bool:
    """Whether most words are capitalised, as in a headline: capitals say nothing there."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def capitalised_pairs(reader: MentionReader, sentences: Iterable[Sequence[Token]]) -> set[str]:
    """The pairs of capitalised words a text writes side by side ("Seewald Bio"), but for
    words that are never names (furniture, figures' words, metric and role words)."""
    words = reader.words
    pairs: set[str] = set()
    for tokens in sentences:
        for a, b in itertools.pairwise(tokens):
            if not (_plain_capital(a.text) and _plain_capital(b.text)):
                continue
            if any(w.lower() in words.furniture or words.role(w) for w in (a.text, b.text)):
                continue
            pairs.add(f"{a.text} {b.text}".casefold())
    return pairs


def _plain_capital(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and len(text) > 1


def learn_names(
    book: NameBook, reader: MentionReader, sentences: Iterable[Sequence[Token]]
) -> None:
    """Add to ``book`` the names an English text shows by its capitals, and the persons:
    a name after a title ("Chief executive Jensen Huang"), or before "he", "his" in its
    sentence."""
    words = reader.words
    for tokens in sentences:
        if _title_case(tokens) or sum(t.text[:1].isalpha() for t in tokens) < 4:
            continue  # a headline, a label, a table cell: capitals say nothing there
        first_name: list[str] | None = None
        opening = reader.dateline_end(tokens)  # a dateline's capitals are no names
        for i, token in enumerate(tokens):
            if i < opening:
                continue
            text = without_possessive(token.text)
            lower = text.lower()
            if lower in words.personal_pronouns and first_name:
                book.persons.add(" ".join(first_name).casefold())
                book.persons.add(first_name[-1].casefold())
                first_name = None
            if not _is_name_like(text) or lower in words.furniture or "-" in text:
                continue
            at_start = i == opening or tokens[i - 1].text in _OPENING
            if words.lang == "en" and not at_start and words.role(text) is None:
                book.known.add(text.casefold())
            run = _run(tokens, i)
            if first_name is None and len(run) == 2 and words.role(text) is None:
                first_name = run  # the sentence's first two-word name: a person's?
            if i and words.role(tokens[i - 1].text) == "title" and run:
                # "Chief executive Jensen Huang": the name after a title is a person's
                book.persons.add(" ".join(run).casefold())
                book.persons.add(run[-1].casefold())


def _run(tokens: Sequence[Token], i: int) -> list[str]:
    """Up to three name-like words from ``i`` on, a possessive ending the run."""
    parts: list[str] = []
    for token in tokens[i : i + 3]:
        if not _is_name_like(token.text):
            break
        parts.append(without_possessive(token.text))
        if parts[-1] != token.text:
            break
    return parts
