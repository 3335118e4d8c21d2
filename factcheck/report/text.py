"""The check report for people: one line per figure, what to do about it, a summary.

    draft.md:3:24  outdated      $61.5 billion   -> $183 billion  [superseded]
       3 | Anthropic, valued at $61.5 billion, said …
         |                      ^^^^^^^^^^^^^
        $61.5 billion was right as of 2025-03-03 (…); since 2025-09-01 it is $183 billion.

Colour only when asked for (``--color``, see :mod:`factcheck.report.colour`); the words
carry the meaning, so a log without colour loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from factcheck.models import CheckReport, Explanation, Finding, FrameInfo, SourceInfo
from factcheck.report.snippet import snippet
from factcheck.text.sentences import fold

_COLOURS = {
    "consistent": "\x1b[32m",
    "unverified": "\x1b[2m",
    "conflicting": "\x1b[35m",
    "outdated": "\x1b[33m",
    "discrepancy": "\x1b[31;1m",
}
_GUTTER = "\x1b[34m"
_RESET = "\x1b[0m"

#: How the summary names findings left out of the report, in its order.
HIDDEN: Mapping[str, str] = {
    "fixed": "fixed",
    "suppressed": "suppressed",
    "baselined": "baselined",
    "unchanged": "on unchanged lines",
}


def _line(path: str, finding: Finding, colour: bool) -> str:
    claim = finding.claim
    verdict = f"{finding.verdict:<12}"
    if colour:
        verdict = f"{_COLOURS[finding.verdict]}{verdict}{_RESET}"
    line = f"{path}:{claim.line}:{claim.column}  {verdict}  {fold(claim.text)}"
    if finding.suggestion and finding.verdict in ("discrepancy", "outdated"):
        line += f"  -> {finding.suggestion}"
    if finding.diagnosis:
        line += f"  [{finding.diagnosis}]"
    return line


def _evidence(finding: Finding, sources: dict[str, SourceInfo]) -> str | None:
    """Where the evidence came from, each source once: "evidence: URL (cited), the ledger".

    Ledger files are not named (the message names the record's file and line), but the
    URL a record was verified at is: "evidence: https://… (ledger)".
    """
    seen: dict[str, None] = {}
    for item in finding.evidence:
        source = sources.get(item.source)
        if item.from_ledger or source is None:
            seen[f"{item.url} (ledger)" if item.url else "the ledger"] = None
        else:
            seen[f"{source.location} ({item.via})" if item.via else source.location] = None
    return "evidence: " + ", ".join(seen) if seen else None


def _frame(frame: FrameInfo) -> str:
    """A frame in one line: "Intel (clause) · stake (beside) · in Commerzbank · region:DE"."""
    parts = [f"{frame.subject or '?'} ({frame.subject_by})"]
    if frame.metric:
        parts.append(f"{frame.metric}{' (beside)' if frame.metric_beside else ''}")
    if frame.counterparty:
        parts.append(f"with {frame.counterparty}")
    parts += frame.scope
    if frame.status:
        parts.append(frame.status)
    parts += [str(year) for year in frame.years]
    return " · ".join(parts)


_ROLE_MARKS = {"agrees": "=", "slip": "~", "same": "≠", "elsewhere": "→", "aside": " "}


def _explained(explain: Explanation) -> Iterator[str]:
    """The frame of a figure and its candidates, one line each, best first."""
    yield f"    frame: {_frame(explain.frame)}"
    for c in explain.candidates:
        mark = _ROLE_MARKS[c.role]
        slip = f" [{c.diagnosis}]" if c.diagnosis else ""
        yield (
            f"      {mark} {c.role:<9} {c.score:4.2f}  {fold(c.text)}  ({c.where}){slip}: {c.why}; "
            f"metric {c.metric}, party {c.party}"
        )
        yield f"          {_frame(c.frame)}"


def _shown_line(finding: Finding, text: str, colour: bool) -> Iterator[str]:
    """The draft's line with a caret under the figure, indented under the finding."""
    found = snippet(finding.claim, text)
    if found is None:
        return
    number, line, caret = found
    pad = " " * len(number)
    bar, tint, reset = (_GUTTER, _COLOURS[finding.verdict], _RESET) if colour else ("", "", "")
    yield f"    {bar}{number} |{reset} {line}"
    yield f"    {bar}{pad} |{reset} {tint}{caret}{reset}"


def summary(report: CheckReport, hidden: Mapping[str, int] | None = None) -> str:
    """The one-line summary: figures, drafts, date, each verdict, and what was left out.

    >>> import datetime as dt
    >>> r = CheckReport(as_of=dt.date(2025, 12, 1), drafts=[], sources=[],
    ...                 summary={"consistent": 2, "discrepancy": 1})
    >>> summary(r).split(": ")[1]
    '2 consistent, 1 discrepancy'
    >>> summary(r, {"suppressed": 1, "fixed": 1}).split("; ")[1]
    'not shown: 1 fixed, 1 suppressed'
    """
    total = sum(report.summary.values())
    drafts = len(report.drafts)
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.summary.items())
    line = (
        f"{total} figure{'s' * (total != 1)} in {drafts} draft{'s' * (drafts != 1)} "
        f"as of {report.as_of.isoformat()}: {counts}"
    )
    left = hidden or {}
    left_out = [f"{left[key]} {words}" for key, words in HIDDEN.items() if left.get(key)]
    return line + ("; not shown: " + ", ".join(left_out) if left_out else "")


def render(
    report: CheckReport,
    *,
    colour: bool = False,
    verbose: bool = True,
    texts: Mapping[str, str] | None = None,
    hidden: Mapping[str, int] | None = None,
    with_summary: bool = True,
) -> Iterator[str]:
    """The lines of the text report (without newlines); ``texts`` (draft path to its
    text) adds the draft's line under each finding, ``hidden`` the findings left out
    to the summary."""
    sources = {source.id: source for source in report.sources}
    for draft in report.drafts:
        text = (texts or {}).get(draft.path)
        for finding in draft.findings:
            yield _line(draft.path, finding, colour)
            if verbose and (finding.verdict != "consistent" or finding.explain):
                if text is not None:
                    yield from _shown_line(finding, text, colour)
                yield f"    {finding.message}"
                where = _evidence(finding, sources)
                if where is not None:
                    yield f"    {where}"
            if finding.explain is not None:
                yield from _explained(finding.explain)
    for source in report.sources:
        if source.error:
            yield f"source skipped: {source.location}: {source.error}"
    if with_summary:
        yield summary(report, hidden)
