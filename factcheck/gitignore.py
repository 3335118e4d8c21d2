"""What git ignores, so that expanding a folder leaves out what the repository does.

A folder named as drafts or sources is walked for documents; files that git ignores
(build output, a ``site/`` the static generator writes, editors' backups) are not the
newsroom's text. Git itself answers (``git check-ignore``), so every rule it has counts:
``.gitignore`` files at every level, ``.git/info/exclude``, the user's
``core.excludesFile``, and the rule that a tracked file is never ignored. Outside a
repository, or without git installed, nothing is ignored.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


def ignored(folder: Path, files: Sequence[Path]) -> set[Path]:
    """Those of ``files`` (under ``folder``) that git ignores in ``folder``'s repository."""
    if not files:
        return set()
    names = [path.relative_to(folder).as_posix() for path in files]
    try:
        done = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=folder,
            input="\0".join(names) + "\0",
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # git is not installed: nothing is ignored
        return set()
    # 0: some are ignored, 1: none is, 128: not a repository (or another fatal error)
    if done.returncode != 0:
        return set()
    said = set(filter(None, done.stdout.split("\0")))
    return {path for path, name in zip(files, names, strict=True) if name in said}


def kept(folder: Path, files: Sequence[Path]) -> list[Path]:
    """``files`` less those git ignores, in their order."""
    left_out = ignored(folder, files)
    return [path for path in files if path not in left_out]
