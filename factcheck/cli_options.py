"""The options of the command line, declared once: their choices, flags and help.

Each choice is made from the one ``Literal`` that lists its values in the library (the
report formats of :mod:`factcheck.report.formats`, the languages of the lexicons, the
levels of ``--fail-on``), so that a value added there is a value the command line
accepts, shows in ``--help`` and names in a usage error. typer wants an ``Enum`` for a
choice; each here is made from its ``Literal`` at import (mypy cannot see the members of
an ``Enum`` made so, hence the ``type: ignore`` on each).

The ``Annotated`` aliases keep the commands in :mod:`factcheck.cli` to what they do.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, get_args

import typer

from factcheck.config import LangSetting
from factcheck.report.claims import EXTRACT_FORMATS
from factcheck.report.colour import ColourChoice
from factcheck.report.formats import FORMATS, PURPOSES
from factcheck.report.severity import FailOn as FailOnLevel


def _members(values: Iterable[str]) -> list[tuple[str, str]]:
    """A ``Literal``'s values as the members of a choice, each named as its value."""
    return [(value, value) for value in values]


def spoken(values: Iterable[str], notes: dict[str, str] | None = None) -> str:
    """Values as a sentence lists them, each with its note.

    >>> spoken(["text", "json", "gitlab"], {"gitlab": "Code Quality"})
    'text, json or gitlab (Code Quality)'
    """
    named = [f"{v} ({notes[v]})" if notes and v in notes else v for v in values]
    return f"{', '.join(named[:-1])} or {named[-1]}" if len(named) > 1 else "".join(named)


Lang = StrEnum("Lang", _members(get_args(LangSetting)))  # type: ignore[misc]
CheckFormat = StrEnum("CheckFormat", _members(FORMATS))  # type: ignore[misc]
ExtractFormat = StrEnum("ExtractFormat", _members(EXTRACT_FORMATS))  # type: ignore[misc]
FailOn = StrEnum("FailOn", _members(get_args(FailOnLevel)))  # type: ignore[misc]
Colour = StrEnum("Colour", _members(get_args(ColourChoice)))  # type: ignore[misc]
#: The defaults that are members (mypy knows none of the members by name).
LANG_AUTO = Lang("auto")
COLOUR_AUTO = Colour("auto")


class InputKind(StrEnum):
    auto = "auto"
    documents = "documents"
    jsonl = "jsonl"


# Options more than one command has.

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically)."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        help="Read this configuration file instead of looking for .factcheck.toml or "
        "[tool.factcheck] in pyproject.toml from here upwards.",
    ),
]

# factcheck extract

InputsArgument = Annotated[
    list[str],
    typer.Argument(help="Files (text, Markdown, HTML) or - for stdin.", metavar="PATH|-"),
]
ExtractLangOption = Annotated[Lang, typer.Option(help="Language of the documents.")]
ExtractFormatOption = Annotated[
    ExtractFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=f"{spoken(EXTRACT_FORMATS, {'jsonl': 'one claim a line'})}. [default: json]",
    ),
]
InputKindOption = Annotated[
    InputKind,
    typer.Option(
        "--input",
        help="documents, or jsonl: archives of one article a line "
        '({"id", "text", "lang"?, "url"?}), written as one line per article; '
        "auto: jsonl for .jsonl and .jsonl.gz files.",
    ),
]
ExtractJobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=0, help="Processes for archives; 0: every core.")
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="Extract archives on this Dask cluster (tcp://host:8786); factcheck[dask].",
    ),
]
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="The largest input read whole, in bytes: standard input, a Markdown or "
        "HTML file, one article of an archive (plain text files are read in pieces).",
    ),
]
ExtractQuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Problems only: no progress bar and no summary line."),
]

# factcheck check

DraftsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Draft files, directories or globs (text, Markdown, HTML), or - for stdin; "
        "default: the configuration's drafts.",
        metavar="DRAFT",
        show_default=False,
    ),
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        "-s",
        metavar="PATH|URL",
        help="A source file, directory or http(s) URL (repeatable).",
    ),
]
LedgerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        "-l",
        metavar="DIR|FILE",
        help="A ledger directory or TOML file to add (repeatable).",
    ),
]
NoDefaultLedgerOption = Annotated[
    bool | None, typer.Option("--no-default-ledger", help="Leave out the shipped ledger.")
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="The date the drafts speak for."),
]
CheckLangOption = Annotated[
    Lang | None, typer.Option(help="Language of the drafts. [default: auto]")
]
CheckFormatOption = Annotated[
    CheckFormat | None,
    typer.Option("--format", "-f", help=f"{spoken(FORMATS, dict(PURPOSES))}. [default: text]"),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        help="Exit 1 when a finding is this serious or more; never: exit 0. [default: discrepancy]"
    ),
]
NoInlineConfigOption = Annotated[
    bool,
    typer.Option("--no-inline-config", help="Ignore factcheck comments in the drafts."),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--baseline", metavar="FILE", help="Leave out the findings recorded in this baseline."
    ),
]
WriteBaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--write-baseline",
        metavar="FILE",
        help="Record this run's findings as a baseline, print one line and exit 0 (no report).",
    ),
]
DiffOption = Annotated[
    str | None,
    typer.Option("--diff", metavar="REF", help="Only findings on lines changed since REF."),
]
OfflineOption = Annotated[
    bool | None,
    typer.Option("--offline", help="Never use the network: web sources from the cache only."),
]
FollowLinksOption = Annotated[
    bool | None,
    typer.Option("--follow-links", help="Fetch the web pages the drafts link to as sources."),
]
AllowPrivateOption = Annotated[
    bool | None,
    typer.Option("--allow-private", help="Fetch from loopback and private addresses too."),
]
StrictSourcesOption = Annotated[
    bool | None,
    typer.Option("--strict-sources", help="A source that cannot be fetched is an error."),
]
RefreshOption = Annotated[
    bool | None, typer.Option("--refresh", help="Fetch web sources anew, not from the cache.")
]
RestrictToDraftsOption = Annotated[
    bool,
    typer.Option(
        "--restrict-to-drafts",
        help="Of the files named, check only those the configuration's drafts cover "
        "(and .factcheckignore keeps): for hooks that pass every changed file.",
    ),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show, for every figure, what it was read to be about and why each source "
        "figure was matched or set aside (text and json).",
    ),
]
FixOption = Annotated[
    bool,
    typer.Option(
        "--fix",
        help="Rewrite each discrepancy that is a recognised slip (it has a diagnosis) to "
        "the figure the evidence supports, in the draft itself.",
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="With --fix: print the changes as a diff, write nothing."),
]
CheckJobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Read drafts and sources on N processes; 0: every core.",
    ),
]
ColourOption = Annotated[
    Colour,
    typer.Option(
        "--color",
        "--colour",
        help="Colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR "
        "forces it, TERM=dumb stops it), always or never.",
    ),
]
CheckQuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Problems only: no progress bar, no summary line, and in the text report "
        "only the findings shown as errors or warnings.",
    ),
]
