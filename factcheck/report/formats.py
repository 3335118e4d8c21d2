"""The formats of the check report, and the one renderer of each.

:data:`Format` is the one list of formats: the configuration's ``format`` key, the
command line's ``--format`` choices and its help are made from it, and :data:`RENDERERS`
holds a renderer for each (a test sees that none is missing). A renderer takes the
:class:`~factcheck.report.view.View` and how it is asked for (:class:`Style`) and gives
the text in chunks that end with a newline; each imports its module only when asked, so
that a run pays for the format it writes and no other (Jinja2 for HTML).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from factcheck.models import CheckReport
    from factcheck.report.view import View

Format = Literal["text", "json", "sarif", "github", "junit", "rdjsonl", "html", "gitlab"]
FORMATS: tuple[Format, ...] = get_args(Format)
#: What a format is for, where its name does not say (for ``--help``).
PURPOSES: Mapping[Format, str] = {"gitlab": "Code Quality"}
#: Severities that ``--quiet`` keeps in the text report.
_PROBLEMS = ("error", "warning")


@dataclass(frozen=True)
class Style:
    """How a report is asked for: coloured (the text report into a terminal), and
    ``--quiet`` (the text report: problems only, no summary)."""

    colour: bool = False
    quiet: bool = False


Renderer = Callable[["View", Style], Iterator[str]]


def _unused_keys(report: CheckReport) -> dict[str, Any] | None:
    """The optional keys no finding uses, left out of the JSON: without --explain there
    are no "explain" keys, and without a note (an exchange rate, the draft's own
    arithmetic, a ledger record's) no "note" or "ledger_note" keys in the evidence:
    schema version 1 as it was."""
    findings = [f for d in report.drafts for f in d.findings]
    hidden: dict[str, Any] = {}
    if not any(f.explain for f in findings):
        hidden["explain"] = True
    evidence = [e for f in findings for e in f.evidence]
    unused = {key for key in ("note", "ledger_note") if not any(getattr(e, key) for e in evidence)}
    if unused:
        hidden["evidence"] = {"__all__": unused}
    return {"drafts": {"__all__": {"findings": {"__all__": hidden}}}} if hidden else None


def _json(view: View, style: Style) -> Iterator[str]:
    yield view.report.model_dump_json(indent=2, exclude=_unused_keys(view.report)) + "\n"


def _sarif(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import sarif

    yield sarif.render(view)


def _junit(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import junit

    yield junit.render(view)


def _github(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import github

    yield from (line + "\n" for line in github.render(view))


def _html(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import html

    yield html.render(view)


def _rdjsonl(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import rdjsonl

    yield from (line + "\n" for line in rdjsonl.render(view))


def _gitlab(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import gitlab

    yield gitlab.render(view)


def _text(view: View, style: Style) -> Iterator[str]:
    from factcheck.report import filter as report_filter
    from factcheck.report.text import render

    report = view.report
    if style.quiet:  # problems only: what is shown as an error or a warning
        report = report_filter.keep(report, lambda _, f: view.severity[f.verdict] in _PROBLEMS)
    lines = render(report, colour=style.colour, texts=view.texts, hidden=view.hidden,
                   with_summary=not style.quiet)  # fmt: skip
    yield from (line + "\n" for line in lines)


RENDERERS: dict[Format, Renderer] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
    "rdjsonl": _rdjsonl,
    "html": _html,
    "gitlab": _gitlab,
}


def render(view: View, fmt: Format, style: Style) -> Iterator[str]:
    """The report's text in ``fmt``, in chunks that end with a newline."""
    return RENDERERS[fmt](view, style)
