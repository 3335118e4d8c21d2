"""``factcheck ledger``: check, list and add records of the ledger of verified figures.

Thin, like the rest of the command line: each command parses its arguments, makes one
call into :mod:`factcheck.sources.ledger` and prints the result; a bad ledger or a bad
record is one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck.cli_support import fail, handle_errors
from factcheck.lexicon import LANGS, load_concepts
from factcheck.output import atomic_output
from factcheck.sources.ledger import (
    LedgerRecord,
    append_record,
    default_ledger_dir,
    load_ledger,
    validate_ledger,
)

ledger_app = typer.Typer(
    name="ledger",
    help="Check, list and add records of the ledger of verified figures (claims/).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


#: The languages a value may be written in: the lexicons' (mypy sees no members).
RecordLang = StrEnum("RecordLang", [(lang, lang) for lang in LANGS])  # type: ignore[misc]
ENGLISH = RecordLang("en")


@ledger_app.command("validate")
@handle_errors
def validate_command(
    dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Ledger directories or TOML files (default: the shipped ledger).",
            metavar="DIR|FILE",
        ),
    ] = None,
) -> None:
    """Check ledger files and print every problem as path:line: message.

    Problems are what a check would refuse (a missing or unknown key, a value that is
    not the metric's kind, a source that is not a URL) and records that repeat another's
    figure. Exit code 0 and a one-line summary when all is well; 2 when there are
    problems.

    Example:

        factcheck ledger validate

        factcheck ledger validate my-claims/ team-claims/

        factcheck ledger validate my-claims/anthropic.toml
    """
    folders = dirs or [default_ledger_dir()]
    problems = validate_ledger(folders)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        raise fail(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the ledger")
    ledger = load_ledger(folders, default=False)
    typer.echo(
        f"ok: {len(ledger.files)} files, {len(ledger.records)} records, "
        f"{len(ledger.entities)} entities"
    )


@ledger_app.command("list")
@handle_errors
def list_command(
    ledger: Annotated[
        list[Path] | None,
        typer.Option("--ledger", "-l", help="A ledger directory or TOML file to add (repeatable)."),
    ] = None,
    no_default_ledger: Annotated[
        bool, typer.Option("--no-default-ledger", help="Leave out the shipped ledger.")
    ] = False,
    entity: Annotated[
        str | None, typer.Option(help="Only records about this entity (any of its names).")
    ] = None,
    metric: Annotated[
        str | None, typer.Option(help="Only records of this metric (valuation, stake, …).")
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="text (a table) or json (an array).")
    ] = ListFormat.text,
) -> None:
    """List the records of the ledger, as a table or as JSON.

    Example:

        factcheck ledger list --entity Google --metric stake

        factcheck ledger list --no-default-ledger --ledger my-claims/ --format json
    """
    book = load_ledger(ledger or [], default=not no_default_ledger)
    if entity is not None and book.canonical(entity) is None:
        raise fail(f"no entity {entity!r} in the ledger")
    if metric is not None and metric not in load_concepts():
        raise fail(f"unknown metric {metric!r}")
    records = book.select(entity=entity, metric=metric)
    if fmt is ListFormat.json:
        _write_json(records)
    else:
        _print_table(records)


def _write_json(records: Iterable[LedgerRecord]) -> None:
    with atomic_output(None) as out:
        out.write("[")
        for n, record in enumerate(records):
            item = json.dumps(_as_json(record), ensure_ascii=False)
            out.write(("," if n else "") + "\n  " + item)
        out.write("\n]\n")


def _as_json(record: LedgerRecord) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in LedgerRecord.__dataclass_fields__:
        if name == "stated":  # its fields in its place: text, value, …, high
            fields.update(record.stated.as_fields())
        else:
            fields[name] = getattr(record, name)
    fields["as_of"] = record.as_of_text  # as precisely as it was stated
    return fields


def _print_table(records: list[LedgerRecord]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for name in ("entity", "metric", "counterparty", "value", "as of", "source", "where"):
        # Long values and URLs fold; names stay whole so that columns line up.
        table.add_column(name, overflow="fold", no_wrap=name not in {"value", "source"})
    for r in records:
        where = f"{Path(r.path).name}:{r.line}"
        table.add_row(
            r.entity, r.metric, r.counterparty or "", r.stated.text, r.as_of_text, r.source, where
        )
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or redirected: one line per record, never folded
        console = Console(highlight=False, width=1_000_000)
    console.print(table)
    console.print(f"{len(records)} record{'s' if len(records) != 1 else ''}", style="dim")


@ledger_app.command("add")
@handle_errors
def add_command(
    file: Annotated[
        Path, typer.Argument(help="The ledger file to append to (made if new).", metavar="FILE")
    ],
    entity: Annotated[str, typer.Option(help="Whose figure it is.")],
    metric: Annotated[str, typer.Option(help="What it measures (valuation, stake, …).")],
    value: Annotated[str, typer.Option(help='The figure as written: "$61.5 billion".')],
    as_of: Annotated[
        str, typer.Option("--as-of", metavar="YYYY[-MM[-DD]]", help="When it was true.")
    ],
    source: Annotated[str, typer.Option(help="Where it was verified (a URL).")],
    counterparty: Annotated[
        str | None, typer.Option(help="The other party: the company a stake is in.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Anything a reader should know.")] = None,
    lang: Annotated[
        RecordLang, typer.Option(help="The language the value is written in.")
    ] = ENGLISH,
) -> None:
    """Check a record and append it to a ledger file, keeping the file as it is.

    Example:

    \b
        factcheck ledger add my-claims/anthropic.toml --entity Anthropic \\
            --metric valuation --value '$61.5 billion' --as-of 2025-03-03 \\
            --source https://example.com/anthropic-series-e
    """
    record: dict[str, object] = {
        "entity": entity,
        "metric": metric,
        "value": value,
        "as_of": as_of,
        "source": source,
        "counterparty": counterparty,
        "note": note,
        "lang": lang.value,
    }
    line = append_record(file, {k: v for k, v in record.items() if v is not None})
    typer.echo(f"added: {file}:{line}")
