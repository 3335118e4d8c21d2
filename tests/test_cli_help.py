"""Every command documents itself: help text ending in an ``Example:`` block, and a place
in README.md.

Commands are collected from the typer app itself, so a command added later is held to
the same rule without touching this file.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.core import TyperCommand, TyperGroup

from factcheck.cli import app

Command = TyperCommand | TyperGroup

README = Path(__file__).resolve().parents[1] / "README.md"


def _root() -> TyperGroup:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    return root


def _walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, TyperGroup):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(sub, (*path, name))


def _command(path: tuple[str, ...]) -> Command:
    command: object = _root()
    for name in path:
        assert isinstance(command, TyperGroup)
        command = command.commands[name]
    assert isinstance(command, Command)
    return command


def _example_lines(block: str) -> list[str]:
    r"""The commands of an example block: continued lines joined, click's ``\b`` dropped.

    >>> _example_lines("\n\b\n    factcheck a \\\n        --b c\n\n    factcheck d\n")
    ['factcheck a --b c', 'factcheck d']
    """
    commands: list[str] = []
    pending = ""
    for raw in block.splitlines():
        line = raw.strip()
        if not line or line == "\b":  # "\b": click's mark for a block it must not rewrap
            continue
        if line.endswith("\\"):
            pending += line[:-1]
            continue
        commands.append(pending + line)
        pending = ""
    return commands + ([pending.strip()] if pending else [])


ROOT = _root()
#: Every command and sub-command ("extract", "ledger", "ledger add", …); not the root.
COMMANDS = [path for path in _walk(ROOT, ()) if path]
TOP_LEVEL = sorted({path[0] for path in COMMANDS})


def test_the_app_has_the_commands_of_the_design() -> None:
    """The collection works: the commands DESIGN.md promises are among those found."""
    assert {"extract", "schema"} <= set(TOP_LEVEL)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_ends_with_an_example(path: tuple[str, ...]) -> None:
    help_text = _command(path).help or ""
    summary, marker, examples = help_text.rpartition("Example:")
    assert summary.strip(), f"{' '.join(path)}: no help text before the example"
    assert marker, f"{' '.join(path)}: help has no Example: block"
    lines = _example_lines(examples)
    assert lines, f"{' '.join(path)}: the Example: block is empty"
    # The block is the end of the help: nothing but command lines follow the marker,
    # and they show the command they document.
    invocation = " ".join(("factcheck", *path))
    for line in lines:
        assert "factcheck " in line, f"{' '.join(path)}: {line!r} is no example command"
    assert any(invocation in line for line in lines), f"no example runs {invocation!r}"


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"factcheck {name}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [path for path in COMMANDS if len(path) == 1], ids=" ".join)
def test_help_is_printed_with_its_example(path: tuple[str, ...]) -> None:
    """What the user sees: ``--help`` through the real command shows the example."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *path, "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Example:" in done.stdout
    assert f"factcheck {' '.join(path)}" in done.stdout.split("Example:", 1)[1]


def _arguments(line: str) -> list[str]:
    """The words after ``factcheck`` in an example line, up to a pipe or a redirection.

    >>> _arguments("cat a.txt | factcheck extract - --lang de > out.json")
    ['extract', '-', '--lang', 'de']
    """
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    start = words.index("factcheck") + 1
    end = next((i for i, w in enumerate(words[start:], start) if set(w) <= set("|&;<>()")),
               len(words))  # fmt: skip
    return words[start:end]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_examples_mean_in_bash_what_they_say(path: tuple[str, ...], tmp_path: Path) -> None:
    """Pasted into bash, an example passes the arguments it shows ("$61.5 billion" in
    double quotes would reach factcheck as "1.5 billion")."""
    examples = (_command(path).help or "").rpartition("Example:")[2]
    for line in _example_lines(examples):
        # factcheck stands in as a shell function that prints its arguments to fd 3,
        # so pipes and redirections of the example do not get in the way.
        script = 'factcheck() { printf "%s\\0" "$@" >&3; }\n' + line
        wrapped = f"{{ {script}\n}} 3>&1 >/dev/null 2>&1"
        done = subprocess.run(["bash", "-c", wrapped], cwd=tmp_path, capture_output=True,
                              text=True, check=False)  # fmt: skip
        assert done.stdout.split("\0")[:-1] == _arguments(line), line
