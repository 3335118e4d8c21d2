"""Throughput of ``factcheck extract --jobs N`` over a JSON Lines archive of articles.

    python benchmarks/bench_archive.py [--articles 100000] [--jobs 1,2]

Writes an archive of generated articles (``newsgen``: about 1 KB each, English and
German), then runs the real command line on it in a fresh child process for each N,
output to a file. Reported: wall time (process start-up and the workers' included),
articles and MB per second, the peak resident memory of the main process (reading,
ordering, writing) and of the largest worker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_peers import child_env
from newsgen import write_archive

#: The command line, run in this child; then the child's own peak memory (VmHWM) and
#: that of its largest worker (the children it waited for).
CHILD = """
import json, resource, sys, time
from factcheck.cli import app
start = time.perf_counter()
try:
    app(sys.argv[1:])
except SystemExit as done:
    code = done.code
wall = time.perf_counter() - start
with open("/proc/self/status") as status:
    main_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "wall": wall, "main_mb": main_kb / 1024,
                  "worker_mb": worker_kb / 1024}))
"""


def run_jobs(archive: Path, jobs: int, out: Path) -> dict[str, Any]:
    command = [sys.executable, "-c", CHILD, "extract", str(archive), "--jobs", str(jobs)]
    start = time.perf_counter()
    run = subprocess.run(
        [*command, "--output", str(out)],
        capture_output=True, text=True, env=child_env(), check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    if result["code"] not in (0, None):
        sys.exit(f"extract --jobs {jobs} failed:\n{run.stderr[-2000:]}")
    result["process_wall"] = elapsed  # with the interpreter's own start-up
    with out.open(encoding="utf-8") as lines:
        result["lines"] = sum(1 for _ in lines)
    return result


def bench(count: int, jobs: list[int], folder: Path) -> dict[str, Any]:
    archive = folder / "archive.jsonl"
    start = time.perf_counter()
    size = write_archive(str(archive), count)
    report: dict[str, Any] = {
        "articles": count, "mb": size / 1e6, "generated": time.perf_counter() - start, "runs": {}
    }  # fmt: skip
    first: bytes | None = None
    for n in jobs:
        out = folder / f"claims-{n}.jsonl"
        result = run_jobs(archive, n, out)
        result["articles_s"] = count / result["wall"]
        result["mb_s"] = size / 1e6 / result["wall"]
        digest = out.read_bytes()
        result["same_as_first"] = first is None or digest == first
        first = digest if first is None else first
        result["output_mb"] = out.stat().st_size / 1e6
        out.unlink()
        report["runs"][n] = result
    archive.unlink()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--jobs", default="1,2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = bench(args.articles, [int(j) for j in args.jobs.split(",")], Path(tmp))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
