"""Hostile inputs (issue 17, items 1 and 8): the command's time and peak memory at n and 2n.

    python benchmarks/bench_hostile.py [--quick] [--case NAME ...] [--json PATH]

Each input is written at two sizes, n and 2n, and run through the command line as a
newsroom's CI runs it, in a fresh child process each (start-up included: the interpreter,
the imports, lexicons and grammars). The child measures its own CPU time and peak
resident set (VmHWM); this process measures the wall time and the size of the output.
Linear code takes about twice as long at 2n (less, while start-up weighs in); the code
before issue 17 took four to eight times as long, minutes to hours.

- line: one line of "1%" (a sentence of n/3 figures), ``check --format json`` against
  the default ledger;
- self: one sentence of one company's figures ("Acme raised $1 million, Acme raised $2
  million, …") checked against a copy of itself. Every draft figure is compared with
  every source figure of its kind, so this one is quadratic in the figures by design:
  n² comparisons, each of constant cost;
- page: a page of "7%" as the source of a one-figure draft;
- minified: an HTML page on one line (two figures a paragraph), ``--format sarif``
  (columns in UTF-16 units and UTF-8 bytes along the line);
- html: generated English news as a Markdown draft, ``--format html`` (every figure
  marked in the draft's text);
- records: ``extract --format json`` of a line of "1%" (each record carries its sentence,
  cut around the figure when long).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the tests' inputs
from newsgen import articles

from tests.hostile_inputs import minified_page, one_company_sentence, percent_line

#: The command in a child that reports its own CPU time and peak memory when it exits.
CHILD = """
import atexit, json, os, sys, time

def report():
    try:
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(os.environ["BENCH_REPORT"], "w") as out:
        json.dump({"cpu": time.process_time(), "peak_kb": peak}, out)

atexit.register(report)
sys.argv = ["factcheck", *sys.argv[1:]]
from factcheck.cli import main
main()
"""


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    sizes: tuple[int, int]  # n and 2n, in characters (full run)
    quick: tuple[int, int]
    write: Callable[[int, Path], list[str]]  # writes the input, returns the arguments


def english_news(size: int) -> str:
    texts, length = [], 0
    for lang, text in articles(4 * size, seed=11):
        if lang == "en" and length < size:
            texts.append(text)
            length += len(text) + 2
    return "\n\n".join(texts)


def _line(size: int, folder: Path) -> list[str]:
    draft = folder / "line.txt"
    draft.write_text(percent_line(size), encoding="utf-8")
    return ["check", str(draft), "--format", "json"]


def _self(size: int, folder: Path) -> list[str]:
    draft, copy = folder / "draft.txt", folder / "copy.txt"
    draft.write_text(one_company_sentence(size), encoding="utf-8")
    copy.write_text(one_company_sentence(size), encoding="utf-8")
    return ["check", str(draft), "--source", str(copy), "--no-default-ledger", "--format", "json"]


def _page(size: int, folder: Path) -> list[str]:
    draft, page = folder / "draft.txt", folder / "page.txt"
    draft.write_text("Acme grew 7% last year.\n", encoding="utf-8")
    page.write_text(("7% " * (size // 3 + 1))[:size], encoding="utf-8")
    return ["check", str(draft), "--source", str(page), "--no-default-ledger", "--format", "json"]


def _minified(size: int, folder: Path) -> list[str]:
    draft = folder / "page.html"
    draft.write_text(minified_page(size), encoding="utf-8")
    return ["check", str(draft), "--no-default-ledger", "--format", "sarif"]


def _html(size: int, folder: Path) -> list[str]:
    draft = folder / "news.md"
    draft.write_text(english_news(size), encoding="utf-8")
    return ["check", str(draft), "--no-default-ledger", "--format", "html"]


def _records(size: int, folder: Path) -> list[str]:
    draft = folder / "line.txt"
    draft.write_text(percent_line(size), encoding="utf-8")
    return ["extract", str(draft), "--format", "json"]


CASES = [
    Case("line", 'check: one line of "1%"', (16_384, 32_768), (8_192, 16_384), _line),
    Case(
        "self",
        "check: a sentence of one company's figures against itself",
        (8_704, 17_408),
        (4_352, 8_704),
        _self,
    ),
    Case("page", 'check: a page of "7%" as a source', (65_536, 131_072), (16_384, 32_768), _page),
    Case(
        "minified",
        "check --format sarif: a minified HTML page",
        (1_000_000, 2_000_000),
        (250_000, 500_000),
        _minified,
    ),
    Case(
        "html",
        "check --format html: a Markdown draft of news",
        (1_250_000, 2_500_000),
        (250_000, 500_000),
        _html,
    ),
    Case(
        "records",
        'extract --format json: a line of "1%"',
        (32_768, 65_536),
        (8_192, 16_384),
        _records,
    ),
]


def run(arguments: list[str], folder: Path) -> dict[str, float]:
    """One command in a fresh child: wall and CPU seconds, peak MB, output bytes."""
    report, output = folder / "report.json", folder / "output"
    env = {**os.environ, "BENCH_REPORT": str(report)}
    begun = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *arguments, "--output", str(output)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - begun
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(arguments)}: exit {done.returncode}: {done.stderr[-400:]}")
    measured = json.loads(report.read_text(encoding="utf-8"))
    return {
        "wall": wall,
        "cpu": measured["cpu"],
        "peak_mb": measured["peak_kb"] / 1024,
        "output_bytes": output.stat().st_size,
    }


def bench(
    quick: bool = False, log: Callable[[str], None] = print, only: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Every case (or those named in ``only``) at n and 2n; prints a line per case and
    returns the rows."""
    rows = []
    for case in CASES:
        if only and case.name not in only:
            continue
        sizes = case.quick if quick else case.sizes
        measured = []
        for size in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                measured.append({"chars": size, **run(case.write(size, folder), folder)})
        small, big = measured
        row = {"case": case.name, "what": case.what, "runs": measured,
               "growth": big["cpu"] / small["cpu"]}  # fmt: skip
        rows.append(row)
        log(
            f"  {case.name:9} {size_label(small['chars']):>7}: {small['cpu']:6.2f} s CPU "
            f"{small['wall']:6.2f} s wall {small['peak_mb']:5.0f} MB | "
            f"{size_label(big['chars']):>7}: {big['cpu']:6.2f} s CPU {big['wall']:6.2f} s wall "
            f"{big['peak_mb']:5.0f} MB | CPU x{row['growth']:.2f}, output "
            f"{size_label(small['output_bytes'])} -> {size_label(big['output_bytes'])}"
        )
    return rows


def size_label(n: float) -> str:
    """``n`` characters or bytes, as KB or MB."""
    if n >= 1e6:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e3:.0f} KB" if n >= 1e3 else f"{n:.0f} B"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument(
        "--case", action="append", default=[], choices=[c.name for c in CASES],
        help="run only this case (again for more)",
    )  # fmt: skip
    args = parser.parse_args()
    print("hostile inputs at n and 2n, each a fresh `factcheck` process (start-up included)")
    rows = bench(args.quick, only=args.case)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
