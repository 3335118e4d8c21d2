"""Extraction throughput (MB/s, one core) and peak memory on generated news-like text.

    python benchmarks/bench_extract.py [--mb 5] [--sizes 1,10,100]

Throughput is measured in this process on one core; peak memory of `factcheck extract`
on files of each size is measured in a fresh child process (its maximum resident set).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from newsgen import corpus

from factcheck.extract.pipeline import extract

CHILD = """
import resource, sys
from pathlib import Path
from factcheck.extract.pipeline import extract_file
n = sum(1 for _ in extract_file(Path(sys.argv[1])).claims)
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def throughput(megabytes: float) -> tuple[float, int, float]:
    text = corpus(int(megabytes * 1_000_000))
    paragraphs = text.split("\n\n")
    extract(paragraphs[0])  # load the lexicons and compile the grammars outside the clock
    start = time.process_time()
    claims = 0
    for lang in ("en", "de"):
        del lang
    for paragraph in paragraphs:
        claims += len(extract(paragraph))
    seconds = time.process_time() - start
    size = len(text.encode("utf-8")) / 1e6
    return size / seconds, claims, seconds


def peak_memory(megabytes: float, folder: Path) -> tuple[float, float, int]:
    path = folder / f"news-{megabytes:g}MB.txt"
    path.write_text(corpus(int(megabytes * 1_000_000)), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    claims, max_rss_kb = int(out[0]), int(out[1])
    size = path.stat().st_size / 1e6
    path.unlink()
    return size, max_rss_kb / 1024, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0, help="text for the throughput run")
    parser.add_argument("--sizes", default="1,10,100", help="file sizes (MB) for peak memory")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    rate, claims, seconds = throughput(args.mb)
    print(f"throughput: {args.mb:g} MB in {seconds:.2f} s CPU = {rate:.2f} MB/s ({claims} claims)")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process, for scale: {base:.0f} MB resident)")
    with tempfile.TemporaryDirectory() as tmp:
        for size in [float(s) for s in args.sizes.split(",") if s]:
            mb, peak, n = peak_memory(size, Path(tmp))
            print(f"peak memory: {mb:8.1f} MB file -> {peak:7.1f} MB max RSS ({n} claims)")


if __name__ == "__main__":
    main()
