"""Extraction throughput (MB/s, one core) and peak memory on generated news-like text.

    python benchmarks/bench_extract.py [--mb 5] [--sizes 1,10,100] [--mix news,dense]

Throughput is measured in this process, on one core, as CPU time, over ``--mb`` MB of
generated news (``newsgen``: alternating English and German articles) of each ``--mix``:
``news`` has the density of figure-heavy business articles (a figure every 450 bytes or
so), ``dense`` twice as many figures (a stress case). It extracts whole documents, as a
newsroom does:

- articles: every article (about 1 KB) through ``extract(text)``, one document each, so
  language detection and the per-document setup count as often as there are articles;
- files: the English articles as one file and the German ones as another, each through
  ``extract_file`` (read in pieces, as the CLI reads a file).

Peak memory of ``extract_file`` on plain-text files of each ``--sizes`` (MB) is measured
in a fresh child process each: its peak resident set, against the file's size.
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
from newsgen import articles, corpus

from factcheck.extract.pipeline import extract, extract_file

#: Peak memory is the child's own high-water mark (VmHWM). ``ru_maxrss`` would not do: a
#: child forked from this process starts with this process's pages and keeps that peak
#: across exec, so it would report the generated text held here, not its own use.
CHILD = """
import resource, sys, time
from pathlib import Path
begin = time.process_time()
from factcheck.extract.pipeline import extract, extract_file
extract("Up 4%.", "en"), extract("Plus 4 Prozent.", "de")  # lexicons load outside the clock
start = time.process_time()
n = sum(1 for _ in extract_file(Path(sys.argv[1])).claims)
seconds = time.process_time() - start
try:
    with open("/proc/self/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:  # no /proc: the (perhaps inflated) figure of getrusage
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(n, peak_kb, seconds, start - begin)
"""


def megabytes(texts: list[str]) -> float:
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


def by_article(documents: list[str]) -> tuple[float, float, int]:
    """(MB, CPU seconds, claims) of extracting each document on its own."""
    for text in documents[:4]:
        extract(text)  # load the lexicons and compile the grammars outside the clock
    start = time.process_time()
    claims = sum(len(extract(text)) for text in documents)
    return megabytes(documents), time.process_time() - start, claims


def by_file(files: list[Path]) -> tuple[float, float, int]:
    """(MB, CPU seconds, claims) of extracting each file through ``extract_file``."""
    start = time.process_time()
    claims = sum(sum(1 for _ in extract_file(path).claims) for path in files)
    size = sum(path.stat().st_size for path in files) / 1e6
    return size, time.process_time() - start, claims


def peak_memory(size_mb: float, folder: Path) -> tuple[float, float, int, float, float]:
    """(file MB, child's max RSS in MB, claims, CPU seconds, start-up CPU seconds) for a
    file of ``size_mb``; start-up is importing, loading the lexicons and compiling the
    grammars of both languages."""
    path = folder / f"news-{size_mb:g}MB.txt"
    path.write_text(corpus(int(size_mb * 1_000_000)), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    claims, max_rss_kb, seconds, setup = int(out[0]), int(out[1]), float(out[2]), float(out[3])
    size = path.stat().st_size / 1e6
    path.unlink()
    return size, max_rss_kb / 1024, claims, seconds, setup


def throughput(size_mb: float, mix: str, folder: Path) -> dict[str, dict[str, float]]:
    """Articles one by one, then as two files; prints and returns MB, seconds and claims."""
    documents = list(articles(int(size_mb * 1_000_000), mix=mix))
    texts = [text for _, text in documents]
    mb, seconds, claims = by_article(texts)
    out = {"articles": {"mb": mb, "seconds": seconds, "claims": claims}}
    print(
        f"{mix:5s} articles: {len(texts)} documents, {mb:.2f} MB in {seconds:.2f} s CPU"
        f" = {mb / seconds:.2f} MB/s ({claims} claims, {mb * 1e6 / claims:.0f} bytes each)"
    )
    files = []
    for lang in ("en", "de"):
        path = folder / f"news-{mix}-{lang}.txt"
        path.write_text("\n\n".join(t for g, t in documents if g == lang), encoding="utf-8")
        files.append(path)
    mb, seconds, claims = by_file(files)
    out["files"] = {"mb": mb, "seconds": seconds, "claims": claims}
    print(
        f"{mix:5s} files:    2 documents (English, German), {mb:.2f} MB in {seconds:.2f} s CPU"
        f" = {mb / seconds:.2f} MB/s ({claims} claims)"
    )
    for path in files:
        path.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0, help="text for the throughput runs")
    parser.add_argument("--sizes", default="1,10,100", help="file sizes (MB) for peak memory")
    parser.add_argument("--mix", default="news,dense", help="newsgen mixes to measure")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    with tempfile.TemporaryDirectory() as tmp:
        for mix in args.mix.split(","):
            throughput(args.mb, mix, Path(tmp))
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"(this process, for scale: {base:.0f} MB resident)")
        for size in [float(s) for s in args.sizes.split(",") if s]:
            mb, peak, n, cpu, setup = peak_memory(size, Path(tmp))
            print(
                f"peak memory: {mb:8.1f} MB file -> {peak:7.1f} MB peak RSS"
                f" ({n} claims, {cpu:.1f} s CPU, {mb / cpu:.2f} MB/s;"
                f" start-up {setup:.2f} s CPU)"
            )


if __name__ == "__main__":
    main()
