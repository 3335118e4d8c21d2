"""What every command of the command line shares: one-line errors and exit code 2.

In a module of its own so that sub-apps (``factcheck ledger``) can use it while
:mod:`factcheck.cli` imports them, without an import cycle.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from factcheck.errors import FactcheckError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> typer.Exit:
    """Print one line for the user and return the exit to raise (code 2)."""
    typer.echo(f"factcheck: error: {message}", err=True)
    return typer.Exit(2)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn factcheck's own errors into one line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except FactcheckError as exc:  # InputError included: both are the user's to read
            raise fail(str(exc)) from None
        except BrokenPipeError:  # `factcheck ... | head`: the reader has all it wants
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper
