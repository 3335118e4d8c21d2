"""Which drafts to check: files, directories and globs, less what ``.factcheckignore`` says.

``.factcheckignore`` uses gitignore's syntax (``drafts/archive/``, ``*.draft.md``,
``!keep.md``), read by the ``pathspec`` library, which implements git's rules in full
(anchoring, ``**``, negation, directory-only patterns) where a few lines of ``fnmatch``
would get them subtly wrong. The file is found by walking up from the working directory
to the repository root; its patterns are relative to its own folder, as git's are.
Folders (named, or matched by a glob) are walked without what git ignores; a file named
on its own is checked even when git ignores it.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

import pathspec

from factcheck import gitignore
from factcheck.errors import InputError
from factcheck.sources.documents import DOCUMENT_SUFFIXES

IGNORE_NAME = ".factcheckignore"
#: The draft name that means standard input (``factcheck check -``).
STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def find_ignore(start: Path | None = None) -> Path | None:
    """The ``.factcheckignore`` for ``start``: the nearest one up to the git root."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / IGNORE_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


class Ignore:
    """The patterns of one ignore file, matched against paths below its folder."""

    def __init__(self, path: Path) -> None:
        self.base = path.resolve().parent
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read: {exc}") from None
        self.spec = pathspec.GitIgnoreSpec.from_lines(lines)

    def ignores(self, path: Path) -> bool:
        try:
            relative = path.resolve().relative_to(self.base)
        except ValueError:  # outside the ignore file's folder: not its business
            return False
        return self.spec.match_file(relative.as_posix())


def _files_under(folder: Path) -> list[Path]:
    """The documents under ``folder``, less what git ignores there (see :mod:`gitignore`)."""
    found = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
    )
    return gitignore.kept(folder, found)


def expand_drafts(patterns: Iterable[str], ignore: Ignore | None = None) -> list[Path]:
    """Every draft the patterns name, each once, in the order named; ignored ones left out.

    A name that is neither a file, a folder nor a glob matching something is an
    :class:`InputError`: a draft the user named and nobody checked is a silent pass.
    ``-`` (standard input) stays ``Path("-")`` in its (first) place.
    """
    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if pattern == STDIN:
            found.append(path)
        elif path.is_dir():
            found.extend(_files_under(path))
        elif path.is_file():
            found.append(path)
        elif _GLOB_CHARS & set(pattern):
            matches = sorted(glob.glob(pattern, recursive=True))
            if not matches:
                raise InputError(pattern, "no draft matches this pattern")
            for match in map(Path, matches):
                found.extend(_files_under(match) if match.is_dir() else [match])
        else:
            raise InputError(pattern, "no such file or directory")
    seen: set[Path] = set()
    drafts: list[Path] = []
    for draft in found:
        if str(draft) == STDIN:
            if draft not in drafts:  # standard input is read once, however often named
                drafts.append(draft)
            continue
        key = draft.resolve()
        if key in seen or (ignore is not None and ignore.ignores(draft)):
            continue
        seen.add(key)
        drafts.append(draft)
    return drafts
