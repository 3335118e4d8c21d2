"""The hostile inputs of issue 17 at any size: shared by the linear-time tests
(tests/test_linear_check.py) and their benchmark (benchmarks/bench_hostile.py)."""

from __future__ import annotations

_PAGE_HEAD = "<!doctype html><html><head><title>T</title></head><body><article>"


def percent_line(size: int) -> str:
    """One line of ``size`` characters: "1% 1% 1% …", a sentence of size/3 figures."""
    return ("1% " * (size // 3 + 1))[:size]


def one_company_sentence(size: int) -> str:
    """One sentence of about ``size`` characters, each clause a figure of one company."""
    clauses = []
    length, k = 0, 0
    while length < size:
        k += 1
        clauses.append(f"Acme raised ${k} million")
        length += len(clauses[-1]) + 2
    return "Acme said that " + ", ".join(clauses) + ", and more."


def minified_page(size: int) -> str:
    """An HTML page of about ``size`` characters on one line, two figures a paragraph."""
    unit = "<p>Acme said sales rose 4% to €1.2 billion in Ulm.</p>"
    body = unit * (size // len(unit))
    return f"{_PAGE_HEAD}{body}</article></body></html>"
