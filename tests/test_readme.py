"""The README's Python examples run as written, from the root of a clone."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from tests.project_tree import PROJECT

README = PROJECT / "README.md"


def test_the_library_examples_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)  # the examples name files of the repository
    failed, attempted = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert attempted >= 10, "the README lost its Python examples"
    assert failed == 0, f"{failed} README example(s) failed; see the output above"


def test_the_examples_use_the_top_level_api() -> None:
    text = README.read_text(encoding="utf-8")
    assert ">>> report = factcheck.check(" in text
    assert ">>> claims = factcheck.extract(" in text
    assert Path(PROJECT / "examples/planted-slips.md").is_file()
