"""The command line: arguments in, one library call, the report out.

Every library error that is the user's to fix (an :class:`~factcheck.errors.InputError`)
becomes one line on stderr and exit code 2; no traceback for bad input. Anything
unexpected is one line and exit code 3, never 1, which means findings
(:mod:`factcheck.cli_support`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel

from factcheck import archive, progress
from factcheck._version import __version__
from factcheck.cli_click import adopt
from factcheck.cli_support import fail, handle_errors, run_app
from factcheck.errors import InputError
from factcheck.extract.pipeline import ExtractedFile, extract, extract_file
from factcheck.models import Claim, ExtractReport, Tool
from factcheck.output import atomic_output
from factcheck.report.colour import wanted as colour_wanted
from factcheck.text.decode import MAX_DOCUMENT_BYTES, replace_surrogates

if TYPE_CHECKING:
    from factcheck.ci import gate

app = typer.Typer(
    name="factcheck",
    help=(
        "Extract the figures of news text and check them against sources and a ledger "
        "of verified figures. Offline, deterministic, English and German."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(StrEnum):
    auto = "auto"
    en = "en"
    de = "de"


class InputKind(StrEnum):
    auto = "auto"
    documents = "documents"
    jsonl = "jsonl"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Extract the figures of news text and check them against sources and a ledger."""


def _read_stdin(max_bytes: int) -> str:
    from factcheck.text.decode import decode_bytes, too_large

    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large("<stdin>", max_bytes)
    return decode_bytes(data, "<stdin>")


def _documents(inputs: list[str], lang: str | None, max_bytes: int) -> Iterator[ExtractedFile]:
    for item in inputs:
        if item == "-":
            text = _read_stdin(max_bytes)
            claims = extract(text, lang)
            yield ExtractedFile("-", claims[0].lang if claims else lang or "en", iter(claims))
        elif item.startswith(("http://", "https://")):
            raise InputError(item, "reading URLs is not supported by extract yet; save the page")
        else:
            found = extract_file(Path(item), lang, max_bytes=max_bytes)
            yield replace(found, path=replace_surrogates(found.path))  # a name not UTF-8


def _text_line(path: str, claim: Claim) -> str:
    value = f"{claim.value:g}" + (f"–{claim.value_high:g}" if claim.value_high is not None else "")
    about = " ".join(
        part for part in (claim.metric or "", f"[{claim.subject}]" if claim.subject else "") if part
    )
    return (
        f"{path}:{claim.line}:{claim.column}\t{claim.text}\t{value} {claim.unit}"
        f"\t{claim.qualifier}\t{about}"
    ).rstrip()


@app.command("extract")
@handle_errors
def extract_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files (text, Markdown, HTML) or - for stdin.", metavar="PATH|-"),
    ],
    lang: Annotated[Lang, typer.Option(help="Language of the documents.")] = Lang.auto,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format", "-f", help="json, jsonl (one claim a line) or text. [default: json]"
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically)."),
    ] = None,
    input_kind: Annotated[
        InputKind,
        typer.Option(
            "--input",
            help="documents, or jsonl: archives of one article a line "
            '({"id", "text", "lang"?, "url"?}), written as one line per article; '
            "auto: jsonl for .jsonl and .jsonl.gz files.",
        ),
    ] = InputKind.auto,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Processes for archives; 0: every core.")
    ] = 1,
    dask_scheduler: Annotated[
        str | None,
        typer.Option(
            "--dask-scheduler",
            metavar="ADDRESS",
            help="Extract archives on this Dask cluster (tcp://host:8786); factcheck[dask].",
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            min=1,
            help="The largest input read whole, in bytes: standard input, a Markdown or "
            "HTML file, one article of an archive (plain text files are read in pieces).",
        ),
    ] = MAX_DOCUMENT_BYTES,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Problems only: no progress bar and no summary line."),
    ] = False,
) -> None:
    """Extract every numeric claim from English or German text.

    Example:

        factcheck extract article.md --format text

        cat draft.txt | factcheck extract - --lang de --format jsonl

        factcheck extract news-2025.jsonl --jobs 0 --output claims-2025.jsonl
    """
    chosen = None if lang is Lang.auto else lang.value
    show = progress.wanted(sys.stderr, quiet=quiet)
    if archive.wanted(inputs, input_kind.value, jobs, dask_scheduler):
        if fmt not in (None, ExtractFormat.jsonl):
            raise fail("archives are written as JSON Lines (one article a line): --format jsonl")
        with (
            atomic_output(output) as out,
            progress.steps("extracting articles", None, show) as done,
        ):
            count = archive.write(
                inputs, out, chosen, jobs, dask_scheduler, sys.stdin.buffer, done, max_bytes
            )
        if not quiet:
            files = len(inputs)
            _note(f"{count:,} article{'s' * (count != 1)} from {files} archive{'s' * (files != 1)}")
        return
    fmt = fmt or ExtractFormat.json
    with atomic_output(output) as out, progress.steps("extracting", len(inputs), show) as done:
        claims = _write_documents(_documents(inputs, chosen, max_bytes), fmt, out, done)
    if not quiet:
        files = len(inputs)
        _note(f"{claims:,} claim{'s' * (claims != 1)} in {files} document{'s' * (files != 1)}")


def _note(message: str) -> None:
    typer.echo(f"factcheck: {message}", err=True)


def _write_documents(
    documents: Iterator[ExtractedFile], fmt: ExtractFormat, out: IO[str], done: Callable[[], None]
) -> int:
    """Write the claims of ``documents`` in ``fmt``; the number of claims written."""
    count = 0
    if fmt is ExtractFormat.json:
        tool = Tool().model_dump_json()
        out.write(f'{{"schema_version": "1", "tool": {tool}, "documents": [')
    for n, doc in enumerate(documents):
        if fmt is ExtractFormat.json:
            head = json.dumps({"path": doc.path, "lang": doc.lang})[:-1]
            out.write(("," if n else "") + f'\n{head}, "claims": [')
        for k, claim in enumerate(doc.claims):
            count += 1
            if fmt is ExtractFormat.json:
                out.write(("," if k else "") + "\n  " + claim.model_dump_json())
            elif fmt is ExtractFormat.jsonl:
                record = claim.model_dump(mode="json")
                out.write(json.dumps({"path": doc.path, **record}, ensure_ascii=False) + "\n")
            else:
                out.write(_text_line(doc.path, claim) + "\n")
        if fmt is ExtractFormat.json:
            out.write("]}")
        done()
    if fmt is ExtractFormat.json:
        out.write("]}\n")
    return count


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    rdjsonl = "rdjsonl"
    html = "html"
    gitlab = "gitlab"


class FailOn(StrEnum):
    discrepancy = "discrepancy"
    outdated = "outdated"
    conflicting = "conflicting"
    unverified = "unverified"
    never = "never"


class Colour(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColourOption = Annotated[
    Colour,
    typer.Option(
        "--color",
        "--colour",
        help="Colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR "
        "forces it, TERM=dumb stops it), always or never.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Problems only: no progress bar, no summary line, and in the text report "
        "only the findings shown as errors or warnings.",
    ),
]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None


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


@app.command("check")
@handle_errors
def check_command(
    drafts: Annotated[
        list[str] | None,
        typer.Argument(
            help="Draft files, directories or globs (text, Markdown, HTML), or - for stdin; "
            "default: the configuration's drafts.",
            metavar="DRAFT",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="PATH|URL",
            help="A source file, directory or http(s) URL (repeatable).",
        ),
    ] = None,
    ledger: Annotated[
        list[Path] | None,
        typer.Option(
            "--ledger",
            "-l",
            metavar="DIR|FILE",
            help="A ledger directory or TOML file to add (repeatable).",
        ),
    ] = None,
    no_default_ledger: Annotated[
        bool | None, typer.Option("--no-default-ledger", help="Leave out the shipped ledger.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="The date the drafts speak for."),
    ] = None,
    lang: Annotated[
        Lang | None, typer.Option(help="Language of the drafts. [default: auto]")
    ] = None,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, sarif, github, junit, rdjsonl, html or gitlab (Code Quality). "
            "[default: text]",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically)."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 when a finding is this serious or more; never: exit 0. "
            "[default: discrepancy]"
        ),
    ] = None,
    config: ConfigOption = None,
    no_inline_config: Annotated[
        bool,
        typer.Option("--no-inline-config", help="Ignore factcheck comments in the drafts."),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", metavar="FILE", help="Leave out the findings recorded in this baseline."
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record this run's findings as a baseline, print one line and exit 0 (no report).",
        ),
    ] = None,
    diff: Annotated[
        str | None,
        typer.Option("--diff", metavar="REF", help="Only findings on lines changed since REF."),
    ] = None,
    offline: Annotated[
        bool | None,
        typer.Option("--offline", help="Never use the network: web sources from the cache only."),
    ] = None,
    follow_links: Annotated[
        bool | None,
        typer.Option("--follow-links", help="Fetch the web pages the drafts link to as sources."),
    ] = None,
    allow_private: Annotated[
        bool | None,
        typer.Option("--allow-private", help="Fetch from loopback and private addresses too."),
    ] = None,
    strict_sources: Annotated[
        bool | None,
        typer.Option("--strict-sources", help="A source that cannot be fetched is an error."),
    ] = None,
    refresh: Annotated[
        bool | None, typer.Option("--refresh", help="Fetch web sources anew, not from the cache.")
    ] = None,
    restrict_to_drafts: Annotated[
        bool,
        typer.Option(
            "--restrict-to-drafts",
            help="Of the files named, check only those the configuration's drafts cover "
            "(and .factcheckignore keeps): for hooks that pass every changed file.",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show, for every figure, what it was read to be about and why each source "
            "figure was matched or set aside (text and json).",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Rewrite each discrepancy that is a recognised slip (it has a diagnosis) to "
            "the figure the evidence supports, in the draft itself.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="With --fix: print the changes as a diff, write nothing."),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Read drafts and sources on N processes; 0: every core.",
        ),
    ] = 1,
    colour: ColourOption = Colour.auto,
    quiet: QuietOption = False,
) -> None:
    """Check every figure of the drafts against sources and the ledger.

    Each figure is consistent, a discrepancy, outdated, conflicting or unverified,
    with its evidence, the likely slip and the figure the evidence supports. Exit
    code 0: nothing at or above --fail-on; 1: findings at or above it; 2: bad input.
    Settings not given here come from .factcheck.toml or [tool.factcheck] in
    pyproject.toml (see factcheck config).

    Example:

        factcheck check draft.md --source reports/ --as-of 2025-12-01

        factcheck check news/ --format sarif --output factcheck.sarif

        factcheck check draft.md --as-of 2025-12-01 --format html --output report.html

        factcheck check draft.md --no-default-ledger --ledger my-claims/ --format json

        factcheck check draft.md --source reports/ --explain

        factcheck check draft.md --follow-links --source https://example.org/report

        factcheck check draft.md --follow-links --offline --strict-sources

        factcheck check draft.md --source reports/ --fix --dry-run

        factcheck check news/ --jobs 0 --quiet

        cat draft.md | factcheck check - --source reports/
    """
    from factcheck import config as configuration
    from factcheck.ci import gate

    loaded = configuration.discover(config)
    command_line = {
        "drafts": drafts or None,
        "sources": source or None,
        "ledgers": [str(p) for p in ledger] if ledger else None,
        "no_default_ledger": no_default_ledger,
        "lang": lang.value if lang else None,
        "as_of": _parse_date(as_of),
        "fail_on": fail_on.value if fail_on else None,
        "format": fmt.value if fmt else None,
        "inline_config": False if no_inline_config else None,
        "offline": offline,
        "follow_links": follow_links,
        "allow_private": allow_private,
        "strict_sources": strict_sources,
        "refresh": refresh,
        "baseline": str(baseline) if baseline else None,
    }
    eff = configuration.effective(loaded, command_line)
    values = eff.values
    if dry_run and not fix:
        raise fail("--dry-run shows what --fix would change: add --fix")
    if fix and write_baseline is not None:
        raise fail("--fix and --write-baseline: fix the drafts first, then record what is left")
    options = gate.Options(
        baseline=Path(values.baseline) if values.baseline else None,
        write_baseline=write_baseline,
        diff=diff,
        progress=progress.wanted(sys.stderr, quiet=quiet),
        explain=explain,
        jobs=jobs,
        stdin=sys.stdin.buffer,
        scope=tuple(loaded.values.drafts)
        if restrict_to_drafts and "drafts" in loaded.explicit
        else None,
    )
    outcome = gate.run(eff, options)
    for note in gate.shown_skipped(outcome.skipped):
        gate.warn(f"source {note}")
    if write_baseline is not None and outcome.baselined is not None:
        for note in outcome.warnings:
            gate.warn(note)
        typer.echo(gate.baseline_note(write_baseline, outcome.baselined))
        return
    if fix:
        outcome, changes = gate.fix(outcome, dry_run=dry_run)
        for note in outcome.warnings:
            gate.warn(note)
        if dry_run:
            _write_diff(changes, output, quiet)
            raise typer.Exit(gate.exit_code(outcome.view))
        for change in changes if not quiet else ():
            figures = f"{change.figures} figure{'s' * (change.figures != 1)}"
            gate.warn(f"fixed {figures} in {change.path}")
    else:
        for note in outcome.warnings:
            gate.warn(note)
    tinted = output is None and colour_wanted(colour.value, sys.stdout.isatty(), os.environ)
    with atomic_output(output) as out:
        for chunk in gate.render(outcome, values.format, colour=tinted, quiet=quiet):
            out.write(chunk)
    if not quiet and (values.format != "text" or output is not None):
        gate.warn(gate.summary(outcome))
    if gate.exit_code(outcome.view):
        raise typer.Exit(1)


def _write_diff(changes: list[gate.Change], output: Path | None, quiet: bool) -> None:
    """``--fix --dry-run``: the diff of every draft that would change, and how much."""
    from factcheck.ci import gate

    with atomic_output(output) as out:
        for change in changes:
            out.write(change.diff)
    if not quiet:
        count, drafts = sum(change.figures for change in changes), len(changes)
        gate.warn(f"--dry-run: {count} figure{'s' * (count != 1)} in {drafts} "
                  f"draft{'s' * (drafts != 1)} would be fixed; nothing written")  # fmt: skip


@app.command("config")
@handle_errors
def config_command(config: ConfigOption = None) -> None:
    """Print the effective settings of factcheck check and where each came from.

    Each line is a key as it would be written in .factcheck.toml, then the file it
    came from, or "default".

    Example:

        factcheck config

        factcheck config --config ci/factcheck.toml
    """
    from factcheck import config as configuration

    loaded = configuration.discover(config)
    typer.echo(f"# configuration file: {loaded.path or 'none found'}")
    for line in configuration.describe(configuration.effective(loaded, {})):
        typer.echo(line)


class SchemaName(StrEnum):
    claim = "claim"
    report = "report"
    extract = "extract"


@app.command("schema")
def schema_command(
    name: Annotated[
        SchemaName, typer.Argument(help="claim, report (check) or extract.")
    ] = SchemaName.claim,
) -> None:
    """Print the JSON Schema of factcheck's records.

    Example:

        factcheck schema claim > claim.schema.json
    """
    from factcheck.models import CheckReport

    models: dict[str, type[BaseModel]] = {
        "claim": Claim,
        "report": CheckReport,
        "extract": ExtractReport,
    }
    schema = models[name.value].model_json_schema()
    typer.echo(json.dumps(schema, indent=2, ensure_ascii=False))


from factcheck.ledger_cli import ledger_app  # noqa: E402

app.add_typer(
    ledger_app,
    name="ledger",
    help="""Check, list and add records of the ledger of verified figures (claims/).

    Example:

        factcheck ledger validate

        factcheck ledger list --entity Anthropic --format json
    """,
)


adopt(app)  # real metavars in help, usage errors in one line (factcheck.cli_click)


def main() -> None:
    run_app(app)
