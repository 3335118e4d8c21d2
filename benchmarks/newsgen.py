"""Generate news-like text in English and German, deterministically, for benchmarks.

Sentences are assembled from templates with invented companies and random figures, so
the text has the density of figures, years, names and punctuation of business news.

Two mixes of sentences:

- ``news`` (the default) has the density of figure-heavy business articles: about one
  sentence in six carries a figure, most of them one, so there is a figure every
  450 bytes or so, as in the two real articles the project started from (442 and 505
  bytes a figure, about one sentence in four with a figure, one figure in each);
- ``dense`` is the mix the benchmarks used before: a quarter of the sentences carry two or
  three figures each, a figure every 200 bytes, twice as many as such articles; it is
  kept as a stress case.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

COMPANIES = [
    "Northgate Systems", "Veltro Energy", "Kestrel Labs", "Amberline Bank", "Sorrel Cloud",
    "Brightfield AG", "Halden Chips", "Orvik Motors", "Lumen Harbor", "Tessaro Foods",
]  # fmt: skip
# fmt: off
EN = [
    "{c} said on Tuesday it would invest ${m} billion in new data centers by {y}.",
    "The deal values {c} at about ${m}.{d} billion, up {p}% from a year earlier.",
    "{c} employs {n:,} people and plans to hire roughly {s} engineers in {y}.",
    "Revenue rose {p}.{d} percent to ${m}.{d}bn, while the margin slipped {d}.{d} percentage points.",
    "The campus will draw up to {s} megawatts and sits on {s} acres near the river.",
    "Analysts expect spending of ${m} billion to ${m2} billion next year, according to filings.",
    "{c} holds a stake of {p}% in {c2}, which it bought for ${s} million in {y}.",
    "Officials said the project would create more than {n:,} construction jobs and {s} permanent ones.",
    "Shares of {c} fell {d}.{d}% in early trading after the company cut its outlook.",
    "The board met for three hours and approved the plan, the fifth such vote since {y}.",
]
#: Sentences with one figure each, as most sentences with a figure in news are.
SINGLE_EN = [
    "{c} expects the new plant to open with about {s} workers on its payroll.",
    "The regulator fined the lender ${m} million over failures in its checks on customers.",
    "Sales in the home market grew {p}% in the quarter, helped by a mild winter.",
    "The group now runs {s} stores across the region and wants to open more next spring.",
    "A spokesman said the upgrade had cost roughly ${m} million and took two summers.",
    "Its cloud unit has more than {n:,} business customers, the company said in a filing.",
    "The new line can store {d}.{d} gigawatt hours of power for the evening peak.",
    "Shares of {c} have gained {p} percent since the start of the year.",
]
SINGLE_DE = [
    "{c} rechnet zum Start des neuen Werks mit rund {s} Beschäftigten.",
    "Die Aufsicht verhängte gegen die Bank ein Bußgeld von {m} Millionen Euro.",
    "Im Inland wuchs der Umsatz im Quartal um {p} Prozent, auch dank des milden Winters.",
    "Die Kette betreibt inzwischen {s} Filialen in der Region und will weiter wachsen.",
    "Der Umbau hat nach Angaben eines Sprechers etwa {m} Millionen Euro gekostet.",
    "Die Cloud-Sparte zählt mehr als {n:,} Geschäftskunden, teilte {c} mit.",
    "Der neue Speicher fasst {d},{d} Gigawattstunden für die Abendspitze.",
    "Die Aktie von {c} hat seit Jahresbeginn {p} Prozent zugelegt.",
]
#: Sentences without figures.
FILLER_EN = [
    "The company did not comment on the plans when asked by reporters on Monday afternoon.",
    "Executives have argued that demand for computing power will keep rising for years.",
    "Critics warn that the build-out strains local power grids and water supplies.",
    "The announcement follows months of talks with state officials and local councils.",
    "Investors welcomed the news, although some analysts questioned the timeline.",
]
FILLER_DE = [
    "Das Unternehmen wollte sich auf Anfrage nicht zu den Plänen äußern.",
    "Kritiker warnen vor den Folgen für die Stromnetze und die Wasserversorgung der Region.",
    "Die Ankündigung folgt auf monatelange Gespräche mit der Landesregierung.",
    "Anleger reagierten erleichtert, Analysten zweifelten jedoch am Zeitplan.",
    "Branchenkenner rechnen damit, dass die Nachfrage nach Rechenleistung weiter steigt.",
]
DE = [
    "{c} will bis {y} rund {m} Milliarden Euro in neue Rechenzentren investieren.",
    "Das Unternehmen wird mit {m},{d} Mrd. Dollar bewertet, {p} Prozent mehr als im Vorjahr.",
    "Nach Angaben von {c} entstehen {n:,} Arbeitsplätze, davon {s} dauerhafte Stellen.".replace(
        ",}", "}"
    ),
    "Der Umsatz stieg um {p},{d} Prozent auf {m},{d} Milliarden Euro; die Marge sank um {d} Prozentpunkte.",
    "Das Gelände umfasst {s} Hektar, der Strombedarf liegt bei {d},{d} Gigawatt.",
    "{c} hält einen Anteil von knapp {p} % an {c2} und hat seit {y} mehr als {s} Mio. Euro investiert.",
    "Die Aktie verlor am Montag {d},{d} Prozent, der Börsenwert sank um über {m} Mrd. Euro.",
    "Der Vorstand tagte drei Stunden und stimmte dem Plan zum fünften Mal seit {y} zu.",
]


def _de_thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


#: The mixes: (share of sentences with a figure, share of those with several figures).
MIXES = {"news": (0.17, 0.1), "dense": (0.25, 1.0)}


def sentence(rng: random.Random, lang: str, mix: str = "news") -> str:
    with_figure, several = MIXES[mix]
    if rng.random() < 1 - with_figure:
        return rng.choice(FILLER_EN if lang == "en" else FILLER_DE)
    if several < 1.0 and rng.random() >= several:
        template = rng.choice(SINGLE_EN if lang == "en" else SINGLE_DE)
    else:
        template = rng.choice(EN if lang == "en" else DE)
    c, c2 = rng.sample(COMPANIES, 2)
    values = {
        "c": c, "c2": c2, "y": rng.randint(2015, 2030), "m": rng.randint(1, 300),
        "m2": rng.randint(301, 600), "d": rng.randint(1, 9), "p": rng.randint(2, 60),
        "s": rng.randint(100, 999), "n": rng.randint(1_000, 90_000),
    }  # fmt: skip
    text = template.format(**values)
    if lang == "de":
        text = text.replace(f"{values['n']:,}", _de_thousands(values["n"]))
    return text


def article(rng: random.Random, lang: str, sentences: int = 12, mix: str = "news") -> str:
    paragraphs = []
    for _ in range(max(1, sentences // 4)):
        paragraphs.append(" ".join(sentence(rng, lang, mix) for _ in range(4)))
    return "\n\n".join(paragraphs)


def articles(size: int, seed: int = 7, mix: str = "news") -> Iterator[tuple[str, str]]:
    """(language, text) of alternating English and German articles, ``size`` characters
    in all once joined by blank lines (the last one may go beyond)."""
    rng = random.Random(seed)
    total = count = 0
    while total < size:
        lang = "en" if count % 2 == 0 else "de"
        text = article(rng, lang, mix=mix)
        yield lang, text
        total += len(text) + 2
        count += 1


def corpus(size: int, seed: int = 7, mix: str = "news") -> str:
    """About ``size`` characters of alternating English and German articles."""
    return "\n\n".join(text for _, text in articles(size, seed, mix))[:size]


def write_archive(path: str, count: int, seed: int = 7, mix: str = "news") -> int:
    """Write ``count`` articles as JSON Lines ({"id", "text", "url"?}); return the bytes.

    Alternating English and German, a third of them with a URL, as ``factcheck extract
    --jobs N`` reads an archive.
    """
    import json

    rng = random.Random(seed)
    size = 0
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            record = {"id": f"gen-{n:07d}", "text": article(rng, "en" if n % 2 == 0 else "de", mix=mix)}
            if n % 3 == 0:
                record["url"] = f"https://news.example/{n}"
            line = json.dumps(record, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            out.write(line)
    return size
