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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer
from pydantic import BaseModel

from factcheck import archive, progress
from factcheck import cli_options as options
from factcheck._version import __version__
from factcheck.cli_click import adopt
from factcheck.cli_support import fail, handle_errors, run_app
from factcheck.errors import InputError
from factcheck.extract.pipeline import ExtractedFile, extract_file, extract_text
from factcheck.models import Claim, ExtractReport
from factcheck.output import atomic_output
from factcheck.report import claims as extracted
from factcheck.report.colour import ColourChoice
from factcheck.report.colour import wanted as colour_wanted
from factcheck.text.decode import MAX_DOCUMENT_BYTES, replace_surrogates

if TYPE_CHECKING:
    from factcheck.ci import gate
    from factcheck.config import Loaded
    from factcheck.report.claims import ExtractFormat
    from factcheck.report.formats import Format


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
            yield extract_text(_read_stdin(max_bytes), lang)
        elif item.startswith(("http://", "https://")):
            raise InputError(item, "reading URLs is not supported by extract yet; save the page")
        else:
            found = extract_file(Path(item), lang, max_bytes=max_bytes)
            yield replace(found, path=replace_surrogates(found.path))  # a name not UTF-8


EXTRACT_HELP = """Extract every numeric claim from English or German text.

    Example:

        factcheck extract article.md --format text

        cat draft.txt | factcheck extract - --lang de --format jsonl

        factcheck extract news-2025.jsonl --jobs 0 --output claims-2025.jsonl
    """


@app.command("extract", help=EXTRACT_HELP)
@handle_errors
def extract_command(
    inputs: options.InputsArgument,
    lang: options.ExtractLangOption = options.LANG_AUTO,
    fmt: options.ExtractFormatOption = None,
    output: options.OutputOption = None,
    input_kind: options.InputKindOption = options.InputKind.auto,
    jobs: options.ExtractJobsOption = 1,
    dask_scheduler: options.DaskOption = None,
    max_bytes: options.MaxBytesOption = MAX_DOCUMENT_BYTES,
    quiet: options.ExtractQuietOption = False,
) -> None:
    """Extract every numeric claim from English or German text (see EXTRACT_HELP)."""
    chosen = None if lang.value == "auto" else lang.value
    show = progress.wanted(sys.stderr, quiet=quiet)
    if archive.wanted(inputs, input_kind.value, jobs, dask_scheduler):
        if fmt is not None and fmt.value != "jsonl":
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
            _note(f"{count:,} {_plural('article', count)} from {files} {_plural('archive', files)}")
        return
    written = cast("ExtractFormat", "json" if fmt is None else fmt.value)
    with atomic_output(output) as out, progress.steps("extracting", len(inputs), show) as done:
        claims = extracted.write(_documents(inputs, chosen, max_bytes), written, out, done)
    if not quiet:
        files = len(inputs)
        _note(f"{claims:,} {_plural('claim', claims)} in {files} {_plural('document', files)}")


def _plural(noun: str, number: int) -> str:
    """``noun`` for ``number`` of them.

    >>> _plural("claim", 1), _plural("document", 0)
    ('claim', 'documents')
    """
    return noun + "s" * (number != 1)


def _note(message: str) -> None:
    typer.echo(f"factcheck: {message}", err=True)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None


CHECK_HELP = """Check every figure of the drafts against sources and the ledger.

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


@app.command("check", help=CHECK_HELP)
@handle_errors
def check_command(
    drafts: options.DraftsArgument = None,
    source: options.SourceOption = None,
    ledger: options.LedgerOption = None,
    no_default_ledger: options.NoDefaultLedgerOption = None,
    as_of: options.AsOfOption = None,
    lang: options.CheckLangOption = None,
    fmt: options.CheckFormatOption = None,
    output: options.OutputOption = None,
    fail_on: options.FailOnOption = None,
    config: options.ConfigOption = None,
    no_inline_config: options.NoInlineConfigOption = False,
    baseline: options.BaselineOption = None,
    write_baseline: options.WriteBaselineOption = None,
    diff: options.DiffOption = None,
    offline: options.OfflineOption = None,
    follow_links: options.FollowLinksOption = None,
    allow_private: options.AllowPrivateOption = None,
    strict_sources: options.StrictSourcesOption = None,
    refresh: options.RefreshOption = None,
    restrict_to_drafts: options.RestrictToDraftsOption = False,
    explain: options.ExplainOption = False,
    fix: options.FixOption = False,
    dry_run: options.DryRunOption = False,
    jobs: options.CheckJobsOption = 1,
    colour: options.ColourOption = options.COLOUR_AUTO,
    quiet: options.CheckQuietOption = False,
) -> None:
    """Check every figure of the drafts against sources and the ledger (see CHECK_HELP)."""
    from factcheck import config as configuration
    from factcheck.ci import gate

    loaded = configuration.discover(config)
    given = {
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
    eff = configuration.effective(loaded, given)
    shown = _Shown(write_baseline, output, fix, dry_run, cast("ColourChoice", colour.value), quiet)
    run = _run_options(
        eff.values.baseline, shown, diff, explain, jobs, _scope(loaded, restrict_to_drafts)
    )
    _show(gate.run(eff, run), eff.values.format, shown)


@dataclass(frozen=True)
class _Shown:
    """What ``check`` does with its outcome: a baseline, fixes, a diff or the report."""

    write_baseline: Path | None
    output: Path | None
    fix: bool
    dry_run: bool
    colour: ColourChoice
    quiet: bool

    def __post_init__(self) -> None:
        if self.dry_run and not self.fix:
            raise fail("--dry-run shows what --fix would change: add --fix")
        if self.fix and self.write_baseline is not None:
            raise fail("--fix and --write-baseline: fix the drafts first, then record what is left")


def _scope(loaded: Loaded, restrict_to_drafts: bool) -> tuple[str, ...] | None:
    """``--restrict-to-drafts``: the drafts the configuration file names, if it names any."""
    return (
        tuple(loaded.values.drafts) if restrict_to_drafts and "drafts" in loaded.explicit else None
    )


def _run_options(
    baseline: str | None,
    shown: _Shown,
    diff: str | None,
    explain: bool,
    jobs: int,
    scope: tuple[str, ...] | None,
) -> gate.Options:
    """How the gate runs, from the command line's flags (a baseline from the settings)."""
    from factcheck.ci import gate

    return gate.Options(
        baseline=Path(baseline) if baseline else None,
        write_baseline=shown.write_baseline,
        diff=diff,
        progress=progress.wanted(sys.stderr, quiet=shown.quiet),
        explain=explain,
        jobs=jobs,
        stdin=sys.stdin.buffer,
        scope=scope,
    )


def _show(outcome: gate.Outcome, fmt: Format, shown: _Shown) -> None:
    """The outcome as asked: the notes on stderr, then a baseline written, the drafts
    fixed (or their diff) and the report; exit code 1 when a finding fails the run."""
    from factcheck.ci import gate

    for note in gate.shown_skipped(outcome.skipped):
        gate.warn(f"source {note}")
    if shown.write_baseline is not None and outcome.baselined is not None:
        for note in outcome.warnings:
            gate.warn(note)
        typer.echo(gate.baseline_note(shown.write_baseline, outcome.baselined))
        return
    if shown.fix:
        outcome = _fix(outcome, shown)
    else:
        for note in outcome.warnings:
            gate.warn(note)
    tinted = shown.output is None and colour_wanted(shown.colour, sys.stdout.isatty(), os.environ)
    with atomic_output(shown.output) as out:
        for chunk in gate.render(outcome, fmt, colour=tinted, quiet=shown.quiet):
            out.write(chunk)
    if not shown.quiet and (fmt != "text" or shown.output is not None):
        gate.warn(gate.summary(outcome))
    if gate.exit_code(outcome.view):
        raise typer.Exit(1)


def _fix(outcome: gate.Outcome, shown: _Shown) -> gate.Outcome:
    """``--fix``: the drafts fixed and the outcome without what was fixed; with
    ``--dry-run``, the diff written instead, and the run ends here."""
    from factcheck.ci import gate

    outcome, changes = gate.fix(outcome, dry_run=shown.dry_run)
    for note in outcome.warnings:
        gate.warn(note)
    if shown.dry_run:
        _write_diff(changes, shown.output, shown.quiet)
        raise typer.Exit(gate.exit_code(outcome.view))
    for change in changes if not shown.quiet else ():
        figures = f"{change.figures} figure{'s' * (change.figures != 1)}"
        gate.warn(f"fixed {figures} in {change.path}")
    return outcome


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
def config_command(config: options.ConfigOption = None) -> None:
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
