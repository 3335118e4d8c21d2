"""Fixes: a wrong figure rewritten in the draft to the figure the evidence supports.

Only a finding that is surely a slip is fixed: a ``discrepancy`` with a ``diagnosis``
(scale, digits, unit, …) and a ``suggestion``. Anything less sure (an outdated figure
that the draft may date on purpose, a conflict between sources) stays for a person.

    report ─ plan (edits per draft, checked against the text read) ─ diff | write

A draft is written whole or not at all: the new text goes to a temporary file beside
it, takes the draft's permission bits, and replaces it in one rename. It is written in
the encoding it was read in (UTF-8 with or without a byte-order mark, UTF-16, cp1252,
…); a draft whose bytes cannot be written back exactly, or that changed since it was
read, is left alone with a warning.
"""

from __future__ import annotations

import difflib
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from factcheck import tempfiles
from factcheck.errors import InputError
from factcheck.models import CheckReport, Finding

#: Codecs a draft may have been read in, tried in this order: the first whose decoding
#: gives the text read and whose encoding gives the bytes back is the draft's.
_CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1")


def fixable(finding: Finding) -> bool:
    """Whether ``finding`` is a slip that ``--fix`` corrects (and formats suggest)."""
    return (
        finding.verdict == "discrepancy"
        and finding.diagnosis is not None
        and bool(finding.suggestion)
        and finding.suggestion != finding.claim.text
    )


@dataclass(frozen=True, slots=True)
class Edit:
    """One figure replaced: ``text[start:end]`` (which is ``old``) becomes ``new``."""

    start: int
    end: int
    old: str
    new: str
    claim_id: str


@dataclass(frozen=True, slots=True)
class DraftFix:
    """The edits of one draft and its text before and after them."""

    path: str  # as the report names the draft
    before: str
    after: str
    edits: tuple[Edit, ...]


def edits_of(findings: Iterable[Finding], text: str) -> list[Edit]:
    """The edits for the fixable ``findings`` of a draft, in order, none overlapping.

    A finding whose figure is not where its offsets say (the report is not of this
    text) gives no edit.
    """
    edits: list[Edit] = []
    for finding in findings:
        claim = finding.claim
        if not fixable(finding) or text[claim.start : claim.end] != claim.text:
            continue
        assert finding.suggestion is not None  # fixable() says so
        edits.append(Edit(claim.start, claim.end, claim.text, finding.suggestion, claim.id))
    edits.sort(key=lambda e: e.start)
    kept: list[Edit] = []
    for edit in edits:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the (ordered, disjoint) ``edits`` made.

    >>> apply("It cost $4.5 million.", [Edit(8, 20, "$4.5 million", "$4.5 billion", "x")])
    'It cost $4.5 billion.'
    """
    parts: list[str] = []
    at = 0
    for edit in edits:
        parts += [text[at : edit.start], edit.new]
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)


def plan(report: CheckReport, texts: Mapping[str, str]) -> list[DraftFix]:
    """What ``--fix`` changes: one :class:`DraftFix` per draft with something to fix."""
    fixes: list[DraftFix] = []
    for draft in report.drafts:
        text = texts.get(draft.path)
        if text is None:
            continue
        edits = edits_of(draft.findings, text)
        if edits:
            fixes.append(DraftFix(draft.path, text, apply(text, edits), tuple(edits)))
    return fixes


def unified_diff(fix: DraftFix, name: str) -> str:
    """The change as ``diff -u`` (and git) shows it, ``name`` the draft's path in it."""
    lines = difflib.unified_diff(
        fix.before.splitlines(keepends=True),
        fix.after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out: list[str] = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _codec(raw: bytes, text: str) -> str | None:
    for codec in _CODECS:
        try:
            if raw.decode(codec) == text and text.encode(codec) == raw:
                return codec
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
    return None


def write(fix: DraftFix) -> None:
    """Replace the draft with its fixed text, atomically, keeping encoding and mode.

    Raises :class:`InputError` naming the draft when it cannot be fixed safely.
    """
    if fix.path == "-":  # standard input (check -): not the file named "-", if there is one
        raise InputError(fix.path, "not fixed: standard input is no file to rewrite "
                         "(--fix --dry-run prints the change)")  # fmt: skip
    target = Path(fix.path).resolve()  # a symbolic link stays one: its target is fixed
    if not target.is_file():  # standard input, or a file gone since it was read
        raise InputError(fix.path, "not fixed: not a file that can be rewritten")
    try:
        raw = target.read_bytes()
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as exc:
        raise InputError(fix.path, f"cannot fix: {exc.strerror or exc}") from None
    codec = _codec(raw, fix.before)
    if codec is None:
        raise InputError(fix.path, "not fixed: it changed since it was read, or its "
                         "encoding cannot be written back exactly")  # fmt: skip
    try:
        data = fix.after.encode(codec)
    except UnicodeEncodeError:
        why = f"not fixed: the new figure cannot be written in {codec}"
        raise InputError(fix.path, why) from None
    try:
        with tempfiles.replacing(target, mode=mode) as stream:
            stream.write(data)
    except OSError as exc:
        raise InputError(fix.path, f"cannot fix: {exc.strerror or exc}") from None
