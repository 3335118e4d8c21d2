"""The examples in the docstrings of every module of the package run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import factcheck


def _modules() -> list[str]:
    prefix = factcheck.__name__ + "."
    found = (info.name for info in pkgutil.walk_packages(factcheck.__path__, prefix))
    return sorted(name for name in found if name != "factcheck.__main__")  # it runs the CLI


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert failed == 0, f"{failed} docstring example(s) of {name} failed; see the output above"
