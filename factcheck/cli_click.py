"""How the command line shows its help and its usage errors (below typer, in click).

Two things typer and click do their own way, and a newsroom's editor should not meet:

- **help** names a value by its type (``--source <list[str]>``, ``DRAFT <list[str]>``);
  here every value is named by what it is: ``--source PATH|URL``, ``--jobs N``,
  ``--format text|json|…``;
- **a usage error** (a misspelt flag, a value not among the choices) is three lines of
  usage, hint and message; here it is one line with the flag, what is allowed and what
  was probably meant, exit code 2:
  ``factcheck: error: --format: "jsn" is not one of text, json, …; did you mean "json"?``

:func:`adopt` applies both to every command of a typer app, sub-apps included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO, Any, get_args

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

try:  # typer 0.2x carries its own copy of click, and raises its exceptions
    from typer import _click as click
except ImportError:  # pragma: no cover - an older typer runs on click itself
    import click  # type: ignore[no-redef]

from factcheck.hints import did_you_mean

#: What a value of each kind must be, for the message when it is not.
_NOUNS = {"integer": "a whole number", "number": "a number"}


#: A value quoted in an error message ("'claimz' is not one of …").
_QUOTED = re.compile(
    r"""
    '(?P<value>[^']*)'\s+is\s+not    # the value, in the quotes typer puts around it
    """,
    re.VERBOSE,
)


def _number_problem(value: str, kind: str, param: click.Parameter) -> str:
    """Why ``value`` is not a fitting number for ``param``.

    >>> _number_problem("abc", "integer", None)
    '"abc" is not a whole number'
    """
    try:
        number = float(value)
    except ValueError:
        return f'"{value}" is not {_NOUNS[kind]}'
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and number < low:
        return f"{value} is too small: at least {low}"
    if high is not None and number > high:
        return f"{value} is too large: at most {high}"
    return f'"{value}" is not {_NOUNS[kind]}'


class OneLineError(click.exceptions.UsageError):
    """A usage error shown as one line on stderr (exit code 2, as click's own)."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"factcheck: error: {self.format_message()}", err=True)


def _choices(param: click.Parameter) -> list[str] | None:
    """The values a parameter allows, if it is a choice."""
    described = getattr(param, "type_descriptor", None)
    found = described.choices if described is not None else None
    if described is None:  # an older typer: a click type
        found = getattr(getattr(param, "type", None), "choices", None)
    if found is None:
        return None
    return [str(getattr(choice, "value", choice)) for choice in found]


def _kind(param: click.Parameter) -> str:
    """ "path", "integer", "number" or "text": what a value of ``param`` is."""
    described = getattr(param, "type_descriptor", None)
    if described is None:  # an older typer: a click type, known by its name
        name = type(getattr(param, "type", None)).__name__
        return {"Path": "path", "IntParamType": "integer", "IntRange": "integer",
                "FloatParamType": "number", "FloatRange": "number"}.get(name, "text")  # fmt: skip
    annotation = described.annotation
    if described.is_path:
        return "path"
    if described.is_list:
        annotation = (get_args(annotation) or (str,))[0]
    return {int: "integer", float: "number"}.get(annotation, "text")


def _metavar(param: click.Parameter) -> str:
    """What a value is called in help when the code does not say: its choices, FILE,
    N, or the option's name in capitals (``--entity ENTITY``)."""
    choices = _choices(param)
    if choices is not None:
        return "|".join(choices)
    kind = _kind(param)
    if kind == "path":
        return "FILE"
    return "N" if kind in ("integer", "number") else (param.name or "value").upper()


def _given(option: click.Parameter, args: Sequence[str]) -> str | None:
    """The value ``option`` was given in ``args`` (the last time), if it can be found."""
    found = None
    names = option.opts if isinstance(option, TyperOption) else []
    for n, arg in enumerate(args):
        for name in names:
            if arg == name and n + 1 < len(args):
                found = args[n + 1]
            elif arg.startswith(name + "=") and name.startswith("--"):
                found = arg[len(name) + 1 :]
            elif arg.startswith(name) and not name.startswith("--") and len(arg) > len(name):
                found = arg[len(name) :]
    return found


def _flag(param: click.Parameter | None) -> str:
    if param is None:
        return "argument"
    if isinstance(param, TyperOption):
        return next((name for name in param.opts if name.startswith("--")), param.opts[0])
    return param.metavar or (param.name or "argument").upper()


def explain(
    exc: click.exceptions.UsageError, args: Sequence[str], params: Sequence[click.Parameter] = ()
) -> str:
    """One line for a usage error: the flag, what is allowed, and a likely meaning."""
    if isinstance(exc, click.exceptions.NoSuchOption):
        options = sorted(name for param in params for name in param.opts if name.startswith("--"))
        hint = did_you_mean(exc.option_name, options)
        return f"{exc.option_name}: no such option{hint} (see --help for all options)"
    if isinstance(exc, click.exceptions.MissingParameter):
        allowed = _choices(exc.param) if exc.param is not None else None
        choose = f" (one of {', '.join(allowed)})" if allowed else ""
        return f"{_flag(exc.param)}: required, and not given{choose}"
    if isinstance(exc, click.exceptions.BadParameter) and exc.param is not None:
        param = exc.param
        flag = _flag(param)
        allowed = _choices(param)
        value = _given(param, args)
        quoted = _QUOTED.search(exc.message)
        if value is None and quoted is not None:  # an argument: no flag to find it by
            value = quoted["value"]
        if allowed is not None:
            if value is None:
                return f"{flag}: allowed values are {', '.join(allowed)}"
            hint = did_you_mean(value, allowed)
            return f'{flag}: "{value}" is not one of {", ".join(allowed)}{hint}'
        kind = _kind(param)
        if value is not None and kind in _NOUNS:
            return f"{flag}: {_number_problem(value, kind, param)}"
        return f"{flag}: {exc.message}"
    if isinstance(exc, click.exceptions.BadOptionUsage):
        wanting = [p for p in params if exc.option_name in p.opts]
        values = _choices(wanting[0]) if wanting else None
        choose = f" (one of {', '.join(values)})" if values else ""
        return f"{exc.option_name}: needs a value{choose}"
    return str(exc.format_message())


class _OneLineUsage(click.Command):
    """Usage errors as one line with the flag, the allowed values and a likely meaning."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)
        try:
            return super().parse_args(ctx, args)
        except OneLineError:
            raise
        except click.exceptions.UsageError as exc:
            raise OneLineError(explain(exc, given, self.params), ctx) from None


class Command(_OneLineUsage, TyperCommand):
    """A command whose help names values by what they are and whose usage errors are
    one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.metavar = param.metavar or _metavar(param)
                param.__class__ = _Argument
            elif isinstance(param, TyperOption) and not param.is_flag and param.metavar is None:
                param.metavar = _metavar(param)


class _Argument(TyperArgument):
    """An argument shown in help by its metavar alone (``DRAFT``, not ``DRAFT <list[str]>``)."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None


class Group(_OneLineUsage, TyperGroup):
    """A group whose unknown command is one line with the commands and a likely meaning."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchOption:
            raise
        except click.exceptions.UsageError:
            name = args[0]
            known = sorted(self.list_commands(ctx))
            hint = did_you_mean(name, known)
            message = f'"{name}" is not a command ({", ".join(known)}){hint}'
            raise OneLineError(message, ctx) from None


def adopt(app: typer.Typer) -> None:
    """Give every command of ``app`` (and of its sub-apps) the help and errors above."""
    app.info.cls = app.info.cls or Group
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):  # typer's default: not chosen on purpose
            command.cls = Command
    for group in app.registered_groups:
        if group.typer_instance is not None:
            adopt(group.typer_instance)
        group.cls = group.cls or Group
