"""The house rules of the package that no linter checks (issue 16): no function longer
than 60 lines, and no renderer under ``report/`` that reads the sources itself."""

from __future__ import annotations

import ast
from pathlib import Path

import factcheck

PACKAGE = Path(factcheck.__file__).parent
#: Longest function, in lines from its ``def`` to its last line, docstring included.
MOST_LINES = 60


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(PACKAGE)
    return [
        (f"{where}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
    ]


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = [
        (name, lines)
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, lines in _functions(path)
        if lines > MOST_LINES
    ]
    assert long == []


def test_no_renderer_imports_from_sources() -> None:
    importing = []
    for path in sorted((PACKAGE / "report").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""] if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names] if isinstance(node, ast.Import)
                else []
            )  # fmt: skip
            if any(name.startswith("factcheck.sources") for name in names):
                importing.append(path.name)
    assert importing == []
