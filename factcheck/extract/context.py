"""What a figure measures and whose it is, from the words of its sentence.

``metric``: the nearest cue word of a concept that fits the figure's kind (money,
percent, count, …), counting distance in words and preferring the figure's own clause;
a narrower concept ("construction_jobs") wins over its parent when its cue is near too.

``subject``/``counterparty``: organisation names are runs of capitalised words that are
not sentence furniture (lexicon ``not_names``) or, in German where every noun is
capitalised, that are known entities or do not look like common nouns. A possessive
before the figure ("Google's stake") names the subject; a name after "in"/"with"/"an"
after the figure is the counterparty; "the company"/"das Unternehmen" refer back.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from factcheck.lexicon import Kind, load_concepts, load_lexicon

_TOKEN = re.compile(r"[^\W_][\w]*(?:[-'’&.][\w]+)*(?:['’]s?)?|[,;:()–—\"“”„]")
_CLAUSE_MARKS = frozenset(',;:()–—"“”„')
#: German words that end like common nouns; a capitalised word ending so is no name.
_DE_NOUN_ENDINGS = (
    "ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus", "en", "er", "ern", "chen",
    "lich", "isch", "ur", "ik", "tum", "ment", "ie",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class _CueTable:
    exact: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    phrases: dict[tuple[str, ...], str]

    def concept_at(self, tokens: list[_Token], i: int) -> tuple[str, int] | None:
        """The concept cued at token ``i`` and how many tokens the cue spans."""
        for length in (3, 2):
            key = tuple(t.lower for t in tokens[i : i + length])
            if len(key) == length and key in self.phrases:
                return self.phrases[key], length
        word = (
            tokens[i].lower.rstrip("'’s")
            if tokens[i].lower.endswith(("'s", "’s"))
            else tokens[i].lower
        )
        if word in self.exact:
            return self.exact[word], 1
        for prefix, concept in self.prefixes:
            if word.startswith(prefix):
                return concept, 1
        for suffix, concept in self.suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                return concept, 1
        return None


@functools.cache
def _cues(lang: str) -> _CueTable:
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    suffixes: list[tuple[str, str]] = []
    phrases: dict[tuple[str, ...], str] = {}
    for concept, cues in load_lexicon(lang).metrics.items():
        for cue in cues:
            cue = cue.lower()
            if cue.endswith("*"):
                prefixes.append((cue[:-1], concept))
            elif cue.startswith("*"):
                suffixes.append((cue[1:], concept))
            elif " " in cue:
                phrases[tuple(cue.split())] = concept
            else:
                exact.setdefault(cue, concept)
    prefixes.sort(key=lambda p: -len(p[0]))
    suffixes.sort(key=lambda p: -len(p[0]))
    return _CueTable(exact, tuple(prefixes), tuple(suffixes), phrases)


@dataclass
class DocumentMemory:
    """What later sentences of a document may refer back to."""

    last_subject: str | None = None
    entities: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Context:
    metric: str | None
    subject: str | None
    counterparty: str | None


def _tokens(text: str, offset: int) -> list[_Token]:
    return [_Token(m.group(0), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


def _metric(
    lang: str, tokens: list[_Token], first: int, last: int, kind: Kind, noun_index: int | None
) -> str | None:
    """The concept whose cue is nearest to tokens[first:last] among those fitting ``kind``."""
    concepts = load_concepts()
    cues = _cues(lang)
    found: list[tuple[float, str, int]] = []
    for i in range(len(tokens)):
        if first <= i < last:
            continue
        hit = cues.concept_at(tokens, i)
        if hit is None or kind not in concepts[hit[0]].kinds:
            continue
        distance = float(first - i if i < first else i - last + 1)
        between = tokens[min(i, last) : max(i, first)]
        distance += 3 * sum(1 for t in between if t.text in _CLAUSE_MARKS)
        if i == noun_index:
            distance = 0.0
        elif i > last:
            distance += 0.5  # a cue after the figure binds a little less than one before
        found.append((distance, hit[0], i))
    if not found:
        return None
    found.sort()
    best = found[0][1]
    children = [c for c, concept in concepts.items() if concept.refines == best]
    for distance, concept, _ in found:
        if concept in children and distance <= 6:
            return concept
    return best


def _is_name_token(
    lang: str, token: _Token, previous: _Token | None, known: frozenset[str]
) -> bool:
    text = token.text.rstrip("'’s") if token.text.endswith(("'s", "’s")) else token.text
    if not text[:1].isupper() or text in _CLAUSE_MARKS:
        return False
    lex = load_lexicon(lang)
    lower = text.lower()
    if lower in lex.not_claims.not_names or lower in lex.stopwords:
        return False
    if text in known:
        return True
    if lang == "de":
        if previous is not None and (
            previous.lower in lex.stopwords or previous.text[:1].isdigit()
        ):
            return False
        has_inner_capital = any(ch.isupper() for ch in text[1:])
        if not has_inner_capital and lower.endswith(_DE_NOUN_ENDINGS):
            return False
    return True


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    first: int  # token index
    last: int  # token index, exclusive
    possessive: bool


def _names(lang: str, tokens: list[_Token], known: frozenset[str], skip: range) -> list[_Name]:
    names: list[_Name] = []
    i = 0
    while i < len(tokens):
        previous = tokens[i - 1] if i else None
        if i in skip or not _is_name_token(lang, tokens[i], previous, known):
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens) and j not in skip and not tokens[j - 1].text.endswith(("'s", "’s"))
            and _is_name_token(lang, tokens[j], tokens[j - 1], known)
        ):  # fmt: skip
            j += 1
        words = [t.text for t in tokens[i:j]]
        possessive = words[-1].endswith(("'s", "’s"))
        if possessive:
            words[-1] = words[-1][:-2]
        elif lang == "de" and words[-1].endswith("s") and words[-1][:-1] in known:
            words[-1], possessive = words[-1][:-1], True  # "Anthropics Bewertung"
        names.append(_Name(" ".join(words), i, j, possessive))
        i = j
    return names


def _clause_of(tokens: list[_Token], index: int) -> tuple[int, int]:
    start = index
    while start > 0 and tokens[start - 1].text not in _CLAUSE_MARKS:
        start -= 1
    end = index
    while end < len(tokens) and tokens[end].text not in _CLAUSE_MARKS:
        end += 1
    return start, end


def describe(
    lang: str,
    sentence: str,
    sentence_start: int,
    claim_start: int,
    claim_end: int,
    kind: Kind,
    has_noun: bool,
    memory: DocumentMemory,
    other_claims: Iterable[tuple[int, int]] = (),
) -> Context:
    """Metric, subject and counterparty of the claim at [claim_start, claim_end)."""
    tokens = _tokens(sentence, sentence_start)
    inside = [i for i, t in enumerate(tokens) if t.start < claim_end and t.end > claim_start]
    if not inside:
        return Context(None, memory.last_subject, None)
    first, last = inside[0], inside[-1] + 1
    noun_index = last if has_noun and last < len(tokens) else None
    metric = _metric(lang, tokens, first, last, kind, noun_index)
    skip_spans = [
        i for i, t in enumerate(tokens)
        for (s, e) in other_claims if t.start < e and t.end > s
    ]  # fmt: skip
    names = _names(lang, tokens, memory.entities, range(first, last))
    names = [n for n in names if not any(n.first <= i < n.last for i in skip_spans)]
    refs = load_lexicon(lang).references
    before_words = set(refs.counterparty_before) | set(refs.place_before)
    clause = _clause_of(tokens, first)

    def governed(name: _Name) -> bool:
        return name.first > 0 and tokens[name.first - 1].lower in before_words

    subject: str | None = None
    earlier = [n for n in names if n.last <= first]
    same_clause = [n for n in earlier if n.first >= clause[0]]
    possessive = [n for n in same_clause if n.possessive]
    free = [n for n in same_clause if not governed(n)]
    if possessive:
        subject = possessive[-1].text
    elif free:
        subject = free[-1].text
    elif earlier:
        ungoverned = [n for n in earlier if not governed(n)]
        # "Amazon is among the shareholders of Anthropic, a company valued at …": the
        # apposition after a comma describes the name right before it.
        subject = (
            earlier[-1].text
            if tokens[clause[0] - 1].text == ","
            else (ungoverned[-1].text if ungoverned else earlier[-1].text)
        )
    else:
        later = [n for n in names if n.first >= last and not governed(n)]
        subject = later[0].text if later else memory.last_subject
    counterparty = None
    for name in names:
        after = name.first >= last and governed(name) and name.text != subject
        if after and tokens[name.first - 1].lower in refs.counterparty_before:
            counterparty = name.text
            break
    sentence_subjects = [n.text for n in names if not governed(n)]
    if sentence_subjects:
        memory.last_subject = sentence_subjects[0]
    return Context(metric, subject, counterparty)
