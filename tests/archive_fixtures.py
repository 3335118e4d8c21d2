"""Small archives of invented articles, shared by the archive tests (library, CLI, Dask)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: Invented articles, English and German, with the usual figures of business news.
TEXTS = (
    "Marlow Turbines said it would spend $1.2 billion on a blade factory in Hull. "
    "The plant is expected to employ about 900 people by 2028.",
    "Die Stadtwerke Kessel investieren rund 240 Millionen Euro in ein Wärmenetz. "
    "Der Anteil erneuerbarer Wärme soll auf 45 Prozent steigen.",
    "Quarry Bay Logistics cut its forecast after volumes fell 7% in the third quarter, "
    "the second cut this year.",
    "Nach Angaben des Verbands fehlen in der Branche knapp 12.500 Fachkräfte.",
    "The council approved the scheme without a vote on Thursday evening.",
    "Pinewood Cloud is valued at more than $8bn after a round led by existing backers. "
    "Revenue doubled to $310 million, while the margin rose 2.5 percentage points.",
)


def articles(count: int) -> list[dict[str, object]]:
    """``count`` archive records cycling through :data:`TEXTS`, some with lang and url."""
    records: list[dict[str, object]] = []
    for n in range(count):
        record: dict[str, object] = {"id": f"story-{n}", "text": TEXTS[n % len(TEXTS)]}
        if n % 3 == 0:
            record["url"] = f"https://news.example/{n}"
        if n % 4 == 1:
            record["lang"] = "de" if n % len(TEXTS) in (1, 3) else "en"
        records.append(record)
    return records


def write_archive(path: Path, records: list[dict[str, object]]) -> Path:
    """Write ``records`` as JSON Lines (UTF-8, not ASCII-escaped); return the path."""
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines output file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
