"""Time grows linearly with input size: no catastrophic regex backtracking, no loop over
a whole sentence for every figure in it.

The input is one line of 10 MB made of what numbers are made of: digits glued by every
separator, long runs of digit groups, punctuation, currency signs and number words, with
no sentence end anywhere. Extracting 10 MB of it must take less than ``MAX_RATIO`` times
as long as 1 MB; linear code gives about 10, quadratic code about 100.

This is a guard against catastrophic behaviour, not a speed test: the bound is generous.
Each extraction runs in a child process with a deadline, because a regex stuck in
backtracking holds the interpreter in C code, where no signal or timer reaches it; the
deadline of the 10 MB run follows from the time of the 1 MB run, so a catastrophe shows
as a failure within a minute rather than as a test that never ends.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

MB = 1_000_000
#: 10 MB may take at most this many times as long as 1 MB (linear: ~10, quadratic: ~100).
MAX_RATIO = 30
#: Seconds the 1 MB run may take at all: about 2 s on a slow machine when linear.
SMALL_DEADLINE = 30.0

#: Short mixtures: every way a number can start, end, or be glued to the next one.
FRAGMENTS = (
    "1,2.3 4-5/6:7 ,,, ..1e9 $5 % ",
    "0.0.0.0 1:2:3 4/5/6 7½ -3 +4 5e-3 12,5% 3x 1.5x ",
    "$5bn US$20bn €1,3 Milliarden 2.400 Arbeitsplätze 1,200 jobs 25 per cent ",
    "1-2-3-4-5-6-7-8-9-0 ",
    "1 234 567 890 ",
    "two hundred million three thousand and forty-five ",
    "zwei Millionen dreihundertfünfzig Tausend ",
)


def runs(length: int) -> list[str]:
    """Runs of about ``length`` characters that a number pattern may try to swallow whole."""
    return [
        "1" + ",234" * (length // 4),  # English digit groups
        "1" + ".234" * (length // 4),  # German digit groups
        "12" + ",3.4" * (length // 4),  # both separators, alternating
        "9" * length,  # digits and nothing else
        ",.-/:" * (length // 5),  # separators without digits
        "..1e9" * (length // 5),  # decimals and exponents glued together
        "$%" * (length // 2),  # currency and percent signs
        "-" * length,  # dashes, as between the ends of a range
        "one hundred and " * (length // 64),  # number words without end (a quarter: slow)
    ]


#: The repeated unit: the mixtures, then shorter runs (about a claim a kilobyte).
BLOCK = "".join(FRAGMENTS) + " ".join(runs(1200)) + " "


def noisy_line(size: int) -> str:
    """``size`` characters on one line: blocks, and in the middle runs of ``size / 90``.

    The runs in the middle grow with the input, so that a pattern that backtracks over a
    run shows as time growing with the square of the input.
    """
    long_runs = " ".join(runs(size // 10 // len(runs(0))))
    blocks = BLOCK * ((size - len(long_runs)) // len(BLOCK) + 1)
    half = len(blocks) // 2
    return (blocks[:half] + " " + long_runs + " " + blocks[half:])[:size]


#: What a child process runs: extract the file at argv[2] and report the time it took.
_CHILD = """
import json, sys, time
from pathlib import Path
from factcheck import extract
from factcheck.extract.pipeline import extract_file

api, path, lang = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
extract("Warm-up: 5 % und 3 Mrd. Euro, $3 billion.", lang)  # build the grammar off the clock
if api == "extract":
    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    claims = extract(text, lang)
else:
    start = time.perf_counter()
    claims = list(extract_file(path, lang).claims)
seconds = time.perf_counter() - start
last = claims[-1]
print(json.dumps({
    "seconds": seconds, "count": len(claims),
    "last": [last.start, last.end, last.line, last.column],
}))
"""


@dataclass(frozen=True)
class Timing:
    seconds: float  # extraction alone
    wall: float  # the whole child process, start-up included
    count: int  # claims found
    last: tuple[int, int, int, int]  # start, end, line, column of the last claim


def timed_extraction(api: str, path: Path, lang: str, deadline: float) -> Timing:
    """Extract ``path`` with ``api`` in a child process that may take ``deadline`` seconds."""
    begun = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, api, str(path), lang],
            capture_output=True,
            text=True,
            check=False,
            timeout=deadline,
        )
    except subprocess.TimeoutExpired:
        size = path.stat().st_size / MB
        pytest.fail(f"{api} of {size:.0f} MB ({lang}) did not finish in {deadline:.0f} s")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    start, end, line, column = result["last"]
    wall = time.perf_counter() - begun
    return Timing(result["seconds"], wall, result["count"], (start, end, line, column))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("linearity")
    paths = {}
    for size in (MB, 10 * MB):
        path = folder / f"noise-{size // MB}mb.txt"
        path.write_text(noisy_line(size), encoding="utf-8", newline="")
        paths[size] = path
    return paths


def test_noisy_line_is_what_it_claims() -> None:
    line = noisy_line(MB)
    assert len(line) == MB
    assert "\n" not in line
    assert max(len(run) for run in line.split(" ")) >= MB // 100  # the long runs are there
    assert sum(c.isdigit() for c in line) > MB // 3


@pytest.mark.slow
@pytest.mark.parametrize(
    ("api", "lang"),
    [
        pytest.param("extract", "en", id="extract, English"),
        pytest.param("extract_file", "de", id="extract_file, German"),
    ],
)
def test_time_grows_linearly(inputs: dict[int, Path], api: str, lang: str) -> None:
    small = timed_extraction(api, inputs[MB], lang, SMALL_DEADLINE)
    start_up = small.wall - small.seconds
    big = timed_extraction(api, inputs[10 * MB], lang, MAX_RATIO * small.seconds + 2 * start_up)

    ratio = big.seconds / small.seconds
    assert ratio < MAX_RATIO, f"1 MB: {small.seconds:.2f} s, 10 MB: {big.seconds:.2f} s"
    # The whole input was read: ten times the claims, the last one near the end, and
    # (one line, read in pieces by extract_file) its line and column where they belong.
    assert 9 * small.count <= big.count <= 11 * small.count
    for timing, size in ((small, MB), (big, 10 * MB)):
        start, end, line, column = timing.last
        assert size - 2 * len(BLOCK) <= end <= size
        assert (line, column) == (1, start + 1)
