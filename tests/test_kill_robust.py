"""Issue 17, defect 12: a killed ``extract --jobs 2`` leaves no workers and no litter.

The run is real (a child process with two worker processes), and so are the signals.
Workers are found by their parent id in /proc, so these tests run on Linux only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from factcheck import tempfiles

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

#: Long enough that the run is still extracting when it is killed (minutes on one core).
ARTICLES = 6000
SENTENCE = (
    "Ardent Foundry will invest $9 billion in a plant near Porto that is to employ 4,100 "
    "people, up 12% on the plan of 2024, and buy 300 megawatts of power. "
)


def _archive(folder: Path) -> Path:
    path = folder / "news.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            out.write(json.dumps({"id": n, "lang": "en", "text": SENTENCE * 12}) + "\n")
    return path


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition: object, seconds: float) -> bool:
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


@contextmanager
def _started(archive: Path, out: Path) -> Iterator[tuple[subprocess.Popen[bytes], list[int]]]:
    """The run, writing its stderr to ``stderr.txt`` beside the archive, once both its
    workers are working and its temporary output file exists; killed at the end of the
    block if it is still running."""
    with (archive.parent / "stderr.txt").open("wb") as stderr:
        run = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "extract", str(archive), "--jobs", "2",
             "-o", str(out)],
            stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
    workers: list[int] = []

    def working() -> bool:
        workers[:] = _children(run.pid)
        return len(workers) >= 2 and bool(_litter(out.parent))

    try:
        assert _wait(working, 120), "the run never started its two workers"
        yield run, workers
    finally:
        if run.poll() is None:
            run.kill()
        run.wait(60)


def _litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(tempfiles.SUFFIX))


def test_issue17_d12_sigkill_takes_the_workers_along_and_the_next_run_cleans_up(
    tmp_path: Path,
) -> None:
    archive = _archive(tmp_path)
    out = tmp_path / "out" / "claims.jsonl"
    out.parent.mkdir()
    with _started(archive, out) as (run, workers):
        run.kill()
        run.wait(30)
    # Before: both workers extracted on for minutes. Now they end within a second.
    assert _wait(lambda: not any(_alive(pid) for pid in workers), 30), workers
    assert _litter(out.parent)  # a SIGKILL leaves its temporary file behind ...
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": 1, "text": "Sales rose 4%."}) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "extract", str(small), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _litter(out.parent) == []  # ... and the next run writing the same file removes it
    assert json.loads(out.read_text(encoding="utf-8"))["claims"][0]["text"] == "4%"


def test_issue17_d12_sigterm_stops_the_workers_and_removes_the_temporary_file(
    tmp_path: Path,
) -> None:
    archive = _archive(tmp_path)
    out = tmp_path / "out" / "claims.jsonl"
    out.parent.mkdir()
    with _started(archive, out) as (run, workers):
        run.send_signal(signal.SIGTERM)
        assert run.wait(60) == 128 + signal.SIGTERM
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert _wait(lambda: not any(_alive(pid) for pid in workers), 30), workers
    assert _litter(out.parent) == []
    assert not out.exists()  # no half report


def test_issue17_d12_a_worker_ends_when_its_parent_is_gone(tmp_path: Path) -> None:
    """The watch itself: a pool's worker whose parent is SIGKILLed ends on its own."""
    script = (
        "import os, time\n"
        "from concurrent.futures import wait\n"
        "import multiprocessing\n"
        "from factcheck import workers\n"
        "pool = workers.pool(1, multiprocessing.get_context('fork'))\n"
        "wait([pool.submit(os.getpid)])\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(600)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(30)
    assert _wait(lambda: not _alive(worker), 30)
