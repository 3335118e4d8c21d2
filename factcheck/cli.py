"""The command line: arguments in, one library call, the report out.

Every library error that is the user's to fix (an :class:`~factcheck.errors.InputError`)
becomes one line on stderr and exit code 2; no traceback for bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel

from factcheck._version import __version__
from factcheck.cli_support import fail, handle_errors
from factcheck.errors import InputError
from factcheck.extract.pipeline import ExtractedFile, extract, extract_file
from factcheck.models import VERDICT_ORDER, Claim, ExtractReport, Tool
from factcheck.output import atomic_output

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


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    from factcheck.text.decode import decode_bytes

    return decode_bytes(data, "<stdin>")


def _documents(inputs: list[str], lang: str | None) -> Iterator[ExtractedFile]:
    for item in inputs:
        if item == "-":
            text = _read_stdin()
            claims = extract(text, lang)
            yield ExtractedFile("-", claims[0].lang if claims else lang or "en", iter(claims))
        elif item.startswith(("http://", "https://")):
            raise InputError(item, "reading URLs is not supported by extract yet; save the page")
        else:
            yield extract_file(Path(item), lang)


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
        ExtractFormat,
        typer.Option("--format", "-f", help="json, jsonl (one claim a line) or text."),
    ] = ExtractFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (atomically).")
    ] = None,
) -> None:
    """Extract every numeric claim from English or German text.

    Example:

        factcheck extract article.md --format text

        cat draft.txt | factcheck extract - --lang de --format jsonl
    """
    chosen = None if lang is Lang.auto else lang.value
    with atomic_output(output) as out:
        if fmt is ExtractFormat.json:
            tool = Tool().model_dump_json()
            out.write(f'{{"schema_version": "1", "tool": {tool}, "documents": [')
            for n, doc in enumerate(_documents(inputs, chosen)):
                head = json.dumps({"path": doc.path, "lang": doc.lang})[:-1]
                out.write(("," if n else "") + f'\n{head}, "claims": [')
                for k, claim in enumerate(doc.claims):
                    out.write(("," if k else "") + "\n  " + claim.model_dump_json())
                out.write("]}")
            out.write("]}\n")
        elif fmt is ExtractFormat.jsonl:
            for doc in _documents(inputs, chosen):
                for claim in doc.claims:
                    record = claim.model_dump(mode="json")
                    out.write(json.dumps({"path": doc.path, **record}, ensure_ascii=False) + "\n")
        else:
            for doc in _documents(inputs, chosen):
                for claim in doc.claims:
                    out.write(_text_line(doc.path, claim) + "\n")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    discrepancy = "discrepancy"
    outdated = "outdated"
    conflicting = "conflicting"
    unverified = "unverified"
    never = "never"


def _colour() -> bool:
    import os

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None


@app.command("check")
@handle_errors
def check_command(
    drafts: Annotated[
        list[Path], typer.Argument(help="Draft files (text, Markdown, HTML).", metavar="DRAFT")
    ],
    source: Annotated[
        list[Path] | None,
        typer.Option("--source", "-s", help="A source file or directory (repeatable)."),
    ] = None,
    ledger: Annotated[
        list[Path] | None,
        typer.Option("--ledger", "-l", help="A ledger directory to add (repeatable)."),
    ] = None,
    no_default_ledger: Annotated[
        bool, typer.Option("--no-default-ledger", help="Leave out the shipped ledger.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="The date the drafts speak for."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the drafts.")] = Lang.auto,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text or json.")
    ] = CheckFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (atomically).")
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a finding is this serious or more; never: exit 0."),
    ] = FailOn.discrepancy,
) -> None:
    """Check every figure of the drafts against sources and the ledger.

    Each figure is consistent, a discrepancy, outdated, conflicting or unverified,
    with its evidence, the likely slip and the figure the evidence supports. Exit
    code 0: nothing at or above --fail-on; 1: findings at or above it; 2: bad input.

    Example:

        factcheck check draft.md --source reports/ --as-of 2025-12-01

        factcheck check draft.md --no-default-ledger --ledger my-claims/ --format json
    """
    from factcheck.compare.check import check
    from factcheck.report.text import render
    from factcheck.sources.documents import read_document, read_documents
    from factcheck.sources.ledger import load_ledger

    date = _parse_date(as_of)
    book = load_ledger(ledger or [], default=not no_default_ledger)
    names = book.names()
    chosen = None if lang is Lang.auto else lang.value
    documents = [read_document(path, lang=chosen, entities=names) for path in drafts]
    sources = list(read_documents(source or [], entities=names))
    report = check(documents, sources, book, as_of=date)
    with atomic_output(output) as out:
        if fmt is CheckFormat.json:
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            for line in render(report, colour=output is None and _colour()):
                out.write(line + "\n")
    if fail_on is not FailOn.never:
        threshold = VERDICT_ORDER.index(fail_on.value)
        worst = max(
            (VERDICT_ORDER.index(f.verdict) for d in report.drafts for f in d.findings),
            default=-1,
        )
        if worst >= threshold:
            raise typer.Exit(1)


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


def main() -> None:
    app()
