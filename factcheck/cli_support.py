"""What every command of the command line shares: one-line errors and their exit codes.

    0  nothing at or above --fail-on        2  bad input or usage: one line naming it
    1  findings at or above --fail-on       3  a bug: one line, and a hint to report it

Exit code 1 belongs to findings alone, so that CI can tell "the drafts have errors"
from "the checker broke": an error of factcheck's own is never 1. Interrupted runs exit
130 (Ctrl-C) and 143 (SIGTERM) after removing their temporary files.

In a module of its own so that sub-apps (``factcheck ledger``) can use it while
:mod:`factcheck.cli` imports them, without an import cycle.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import traceback
from collections.abc import Callable
from types import FrameType
from typing import ParamSpec, TypeVar

import typer

from factcheck.errors import FactcheckError
from factcheck.text.decode import replace_surrogates

P = ParamSpec("P")
R = TypeVar("R")

#: Exit code of a failure that is factcheck's own fault (a bug), never the input's.
INTERNAL = 3
#: Set to see the traceback of an internal error instead of its one line.
TRACEBACK_ENV = "FACTCHECK_TRACEBACK"
OUT_OF_MEMORY = (
    "out of memory: an input is too large for this machine (see the size limits in README.md)"
)
#: The longest message of an internal error shown (the line stays one line).
_MAX_MESSAGE = 300


def fail(message: str) -> typer.Exit:
    """Print one line for the user and return the exit to raise (code 2)."""
    typer.echo(f"factcheck: error: {one_line(message)}", err=True)
    return typer.Exit(2)


def one_line(message: str) -> str:
    """``message`` on one line, lone surrogates (from file names) shown as U+FFFD.

    >>> one_line("bad\\n  input\\udcff")
    'bad input\\ufffd'
    """
    return replace_surrogates(" ".join(message.split()))


def internal_error(exc: BaseException) -> typer.Exit:
    """One line for an unexpected exception, with a hint to report it; exit code 3."""
    if os.environ.get(TRACEBACK_ENV):
        traceback.print_exception(exc, file=sys.stderr)  # asked for; the code stays 3
    message = one_line(str(exc))
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "…"
    what = type(exc).__name__ + (f": {message}" if message else "")
    typer.echo(
        f"factcheck: internal error: {what} (a bug in factcheck: please report it with the "
        f"command and its input; {TRACEBACK_ENV}=1 shows the traceback)",
        err=True,
    )
    return typer.Exit(INTERNAL)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn factcheck's own errors into one line on stderr and exit code 2, and anything
    unexpected into one line and exit code 3 (see the module doc)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except FactcheckError as exc:  # InputError included: both are the user's to read
            raise fail(str(exc)) from None
        except BrokenPipeError:  # `factcheck ... | head`: the reader has all it wants
            _quiet_stdout()
            raise typer.Exit(0) from None
        except MemoryError:
            raise fail(OUT_OF_MEMORY) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # typer's own exits and usage errors keep their codes
        except RecursionError:
            raise fail("an input is nested too deeply to read") from None
        except KeyboardInterrupt:
            typer.echo("factcheck: interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:
            raise internal_error(exc) from None

    return wrapper


def _quiet_stdout() -> None:
    # Whatever is still buffered for the closed pipe would fail again at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _terminated(signum: int, frame: FrameType | None) -> None:
    # SIGTERM unwinds like an exception: temporary files are removed on the way out.
    raise SystemExit(128 + signum)


def run_app(app: Callable[[], object]) -> None:
    """Run the typer ``app`` as the ``factcheck`` command: SIGTERM cleans up on its way
    out, and whatever escapes the commands' own handling still exits with one line."""
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("factcheck: interrupted", err=True)
        sys.exit(130)
    except MemoryError:  # outside a command's own handling: while starting, say
        sys.exit(fail(OUT_OF_MEMORY).exit_code)
    except BaseException as exc:  # the last resort: never a traceback, never exit code 1
        sys.exit(internal_error(exc).exit_code)
