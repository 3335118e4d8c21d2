"""Files under a folder and the paths a glob names, never through a link to a folder.

``glob.glob(pattern, recursive=True)`` follows symbolic links to folders, so a folder
holding two links back to itself (``a -> .``, ``b -> .``) makes ``'d/**/*.md'`` walk an
endless tree: a CI job hangs on one careless link. Here a link to a folder is never
entered (a link to a file is a file, as before), and a folder that cannot be read is
reported, not skipped in silence: a draft or a source nobody read must not pass for
one that was checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

GLOB_CHARS = frozenset("*?[")

#: What is said of a folder that cannot be read: (the folder, why).
Problem = tuple[str, str]


def is_glob(pattern: str) -> bool:
    """Whether ``pattern`` has a wildcard.

    >>> is_glob("news/**/*.md"), is_glob("news/plant.md")
    (True, False)
    """
    return bool(GLOB_CHARS & set(pattern))


def files_under(
    folder: Path, wanted: Callable[[Path], bool], problems: list[Problem] | None = None
) -> list[Path]:
    """The files under ``folder`` that ``wanted`` accepts, sorted; links to folders are
    not entered. A folder that cannot be read is added to ``problems``, or, without a
    list to add it to, raised as :class:`OSError`."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        if problems is None:
            raise exc
        problems.append((str(exc.filename or folder), _reason(exc)))

    for top, _folders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        base = Path(top)
        for name in names:
            path = base / name
            if wanted(path) and path.is_file():
                found.append(path)
    return sorted(found)


def glob_paths(pattern: str) -> list[Path]:
    """The paths ``pattern`` matches, sorted, as ``glob.glob(pattern, recursive=True)``
    gives them (``**`` any depth, names starting with a dot only where the pattern
    says so), except that ``**`` never enters a link to a folder."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if is_glob(part):
            break
        fixed.append(part)
    if len(fixed) == len(parts):  # no wildcard: the path itself, if it is there
        path = Path(pattern)
        return [path] if path.exists() else []
    base = Path(*fixed) if fixed else Path()
    rest = parts[len(fixed) :]
    dotted = any(part.startswith(".") for part in rest)
    try:
        matches: Iterable[Path] = base.glob("/".join(rest))
        shown = [path for path in matches if dotted or not _hidden(path, base)]
    except (OSError, ValueError):  # an unreadable base, a pattern pathlib refuses
        return []
    return sorted(shown, key=str)


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the folder: permission denied"
    return f"cannot read the folder: {exc.strerror or exc}"
