"""What the command-line tests share: running the real CLI and writing input files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: A source for the drafts of the CLI tests: one consistent and one wrong figure there.
SOURCE = (
    "---\ndate: 2025-11-18\n---\n\n"
    "Ardent Foundry announced a $9 billion investment in a chip plant near Porto. "
    "The company expects to employ 4,100 people there.\n"
)


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m factcheck ARGS`` in a child process, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``folder/name``, creating folders; return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
