"""The command line: arguments in, one library call, the report out.

Every library error that is the user's to fix (an :class:`~factcheck.errors.InputError`)
becomes one line on stderr and exit code 2; no traceback for bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel

from factcheck._version import __version__
from factcheck.errors import FactcheckError, InputError
from factcheck.extract.pipeline import ExtractedFile, extract, extract_file
from factcheck.models import Claim, ExtractReport, Tool
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

F = TypeVar("F", bound=Callable[..., Any])


class Lang(StrEnum):
    auto = "auto"
    en = "en"
    de = "de"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def fail(message: str) -> typer.Exit:
    """Print one line for the user and return the exit to raise (code 2)."""
    typer.echo(f"factcheck: error: {message}", err=True)
    return typer.Exit(2)


def handle_errors(func: F) -> F:
    """Turn factcheck's own errors into one line on stderr and exit code 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise fail(str(exc)) from None
        except FactcheckError as exc:
            raise fail(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


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


def main() -> None:
    app()
