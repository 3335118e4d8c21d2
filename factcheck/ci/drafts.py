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

from collections.abc import Iterable
from pathlib import Path

import pathspec

from factcheck import gitignore
from factcheck.errors import InputError
from factcheck.sources.documents import DOCUMENT_SUFFIXES, is_document
from factcheck.walk import files_under, glob_paths, is_glob

IGNORE_NAME = ".factcheckignore"
#: The draft name that means standard input (``factcheck check -``).
STDIN = "-"


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
    """The documents under ``folder``, less what git ignores there (see :mod:`gitignore`);
    links to folders are not entered, and a folder that cannot be read is an
    :class:`InputError` (its drafts would go unchecked)."""
    problems: list[tuple[str, str]] = []
    found = files_under(folder, is_document, problems)
    if problems:
        raise InputError(*problems[0])
    return gitignore.kept(folder, found)


def expand_drafts(
    patterns: Iterable[str], ignore: Ignore | None = None, *, empty_ok: bool = False
) -> list[Path]:
    """Every draft the patterns name, each once, in the order named; ignored ones left out.

    A name that is neither a file, a folder nor a glob matching something is an
    :class:`InputError`: a draft the user named and nobody checked is a silent pass. So
    is finding no draft at all (a folder of ``.mdx`` files, an empty one), unless
    ``empty_ok``: "0 figures in 0 drafts" would pass a CI gate that checked nothing.
    Globs and folders never enter a link to a folder (:mod:`factcheck.walk`).
    ``-`` (standard input) stays ``Path("-")`` in its (first) place.
    """
    patterns = list(patterns)
    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if pattern == STDIN:
            found.append(path)
        elif path.is_dir():
            found.extend(_files_under(path))
        elif path.is_file():
            found.append(path)
        elif is_glob(pattern):
            matches = glob_paths(pattern)
            if not matches:
                raise InputError(pattern, "no draft matches this pattern")
            for match in matches:
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
    if not drafts and not empty_ok:
        raise _no_drafts(patterns, ignored=bool(found))
    return drafts


def _no_drafts(patterns: list[str], *, ignored: bool) -> InputError:
    """The error of patterns that leave no draft to check.

    >>> str(_no_drafts(["news/"], ignored=False))  # doctest: +ELLIPSIS
    'news/: no draft to check: no file ending .htm, .html, ... (nothing was checked)'
    """
    where = ", ".join(patterns) or "check"
    if ignored:
        return InputError(where, f"no draft to check: {IGNORE_NAME} ignores every one")
    endings = ", ".join(sorted(DOCUMENT_SUFFIXES))
    return InputError(where, f"no draft to check: no file ending {endings} (nothing was checked)")
