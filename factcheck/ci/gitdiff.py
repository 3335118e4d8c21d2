"""Lines changed since a git ref, for ``check --diff REF``.

Read from ``git diff -U0 REF -- FILE``: with no context lines every hunk header
``@@ -a,b +c,d @@`` names exactly the lines ``c … c+d-1`` that are new or changed in the
working tree. A file git does not track yet is new as a whole.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from factcheck.errors import InputError

#: The new side of a hunk header: start line and, when not 1, the count.
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@", re.MULTILINE)

ALL_LINES = None  # a file new since the ref: every line counts


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        raise InputError("git", "--diff needs git, which is not installed") from None


def parse_hunks(diff: str) -> set[int]:
    """The new-side line numbers of a ``-U0`` diff.

    >>> sorted(parse_hunks("@@ -3 +3 @@\\n-a\\n+b\\n@@ -10,0 +11,2 @@\\n+c\\n+d\\n"))
    [3, 11, 12]
    >>> parse_hunks("@@ -4,2 +3,0 @@\\n-gone\\n-gone\\n")
    set()
    """
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start = int(match["start"])
        count = int(match["count"]) if match["count"] is not None else 1
        lines.update(range(start, start + count))
    return lines


def changed_lines(path: Path, ref: str) -> set[int] | None:
    """Lines of ``path`` changed since ``ref``; None when the file is new since then."""
    folder = path.resolve().parent
    name = path.resolve().name
    verify = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], folder)
    if verify.returncode != 0:
        raise InputError(f"--diff {ref}", "not a commit in this git repository")
    tracked = _git(["cat-file", "-e", f"{ref}:./{name}"], folder)
    if tracked.returncode != 0:
        return ALL_LINES
    done = _git(["diff", "-U0", "--no-color", "--no-ext-diff", ref, "--", name], folder)
    if done.returncode != 0:
        raise InputError(str(path), f"git diff failed: {done.stderr.strip()}")
    return parse_hunks(done.stdout)
