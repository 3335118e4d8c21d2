"""Progress bars on stderr, for a person watching a terminal and for nobody else.

A bar is drawn only when stderr is a terminal that can show one (not ``TERM=dumb``)
and ``--quiet`` was not given: a pipe, a file or a CI log gets the report and the
one-line summary, never the bar's redrawn lines. The bar disappears when its work
is done (``transient``), leaving the terminal as clean as a run without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich loads only when a bar is drawn: start-up stays quick
    from rich.progress import Progress, TaskID


def wanted(
    stream: TextIO, *, quiet: bool = False, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to draw bars on ``stream``.

    >>> import io
    >>> wanted(io.StringIO())
    False
    """
    env = os.environ if environ is None else environ
    return not quiet and stream.isatty() and env.get("TERM") != "dumb"


class Ticker:
    """Counts finished steps of one bar; callable from worker threads."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task

    def __call__(self, steps: int = 1) -> None:
        self._progress.advance(self._task, steps)


@contextmanager
def bar(what: str, total: int | None) -> Iterator[Ticker]:
    """A bar on stderr for ``total`` steps (None: not known, a count and a spinner)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
        if total is not None
        else [SpinnerColumn(), TextColumn("{task.description} {task.completed:,.0f}")]
    )
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        yield Ticker(progress, progress.add_task(what, total=total))


@contextmanager
def steps(what: str, total: int | None, show: bool) -> Iterator[Callable[[], None]]:
    """A callback to count finished steps: a bar when ``show`` and there is more than
    one step (``total`` None: not known beforehand), else nothing at all."""
    if not show or (total is not None and total < 2):
        yield lambda: None
        return
    with bar(what, total) as advance:
        yield advance
