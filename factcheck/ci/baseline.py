"""Fingerprints of findings, and baselines: today's findings, accepted, to be left out.

A fingerprint hashes what a finding *is* (its verdict, the figure as written and the
sentence it stands in), never where it is: a finding keeps its fingerprint when lines
are added above it, so it stays the same code-scanning alert and the same baseline
entry. Changing the sentence itself makes it a new finding, which is what a reviewer
wants to see again.

A baseline file is JSON::

    {"version": 1, "findings": [{"path": "news/a.md", "fingerprint": "…",
                                  "verdict": "outdated", "text": "$61.5 billion"}]}

Entries are counted per path and fingerprint, so a sentence stated twice with the same
figure needs two entries to be silenced twice.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from factcheck.errors import InputError
from factcheck.models import Finding

BASELINE_VERSION = 1


def fingerprint(finding: Finding) -> str:
    """A stable hash of the finding's verdict, figure text and folded sentence.

    >>> from factcheck.models import Claim
    >>> c = Claim(id="x", text="1,400", start=0, end=5, line=9, column=3, value=1400,
    ...           unit="count", low=1350, high=1450, sentence="It  employs 1,400.", lang="en")
    >>> moved = c.model_copy(update={"line": 30, "start": 700, "end": 705})
    >>> a = Finding(claim=c, verdict="discrepancy", message="")
    >>> fingerprint(a) == fingerprint(a.model_copy(update={"claim": moved}))
    True
    """
    sentence = _folded(finding.claim.sentence)
    key = "\x1f".join((finding.verdict, finding.claim.text, sentence))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@functools.lru_cache(maxsize=64)
def _folded(sentence: str) -> str:
    """The sentence with runs of whitespace as one space: folded once for all the
    findings of a sentence."""
    return " ".join(sentence.split())


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    path: str
    fingerprint: str


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")
    version: int
    findings: list[_Entry]


def dump(entries: Iterable[tuple[str, Finding]]) -> str:
    """The baseline text for ``(relative path, finding)`` pairs."""
    records: list[dict[str, Any]] = [
        {
            "path": path,
            "fingerprint": fingerprint(finding),
            "verdict": finding.verdict,
            "text": finding.claim.text,
            "line": finding.claim.line,  # for the reader; matching ignores it
        }
        for path, finding in entries
    ]
    return json.dumps({"version": BASELINE_VERSION, "findings": records}, indent=2,
                      ensure_ascii=False) + "\n"  # fmt: skip


class Baseline:
    """Accepted findings; :meth:`accepts` uses each entry up once."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._left = Counter(entries)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; :class:`InputError` names it if it is unusable."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(str(path), "baseline file not found") from None
        except OSError as exc:
            raise InputError(str(path), f"cannot read the baseline: {exc.strerror}") from None
        try:
            parsed = _File.model_validate_json(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(
                str(path), f"not a factcheck baseline: {where}: {first['msg']}"
            ) from None
        if parsed.version != BASELINE_VERSION:
            raise InputError(str(path), f"baseline version {parsed.version} is not supported")
        return cls((e.path, e.fingerprint) for e in parsed.findings)

    def accepts(self, path: str, finding: Finding) -> bool:
        key = (path, fingerprint(finding))
        if self._left[key] > 0:
            self._left[key] -= 1
            return True
        return False
