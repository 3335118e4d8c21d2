"""Issue 17 for the ledger: concurrent ``ledger add`` (defect 3), processes killed in the
middle of a write (defect 12), values read whole (defect 13), the cache keyed on the
content (defect 14).

The writers are real processes on a real file system; nothing of the locking or the
renaming is stood in for.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from factcheck import tempfiles
from factcheck.errors import LedgerError
from factcheck.sources.ledger import append_record, load_ledger

WRITERS = 20
TRIALS = 10
KILLS = 50


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


def record(n: int) -> dict[str, object]:
    return {
        "entity": "Harbor",
        "metric": "funding",
        "value": f"${n} million",
        "as_of": "2025-02-14",
        "source": f"https://example.org/harbor-{n}",
    }


def values_in(path: Path) -> list[str]:
    """The values of the file's records, read by tomllib: a torn file fails here."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [str(table["value"]) for table in data.get("claims", [])]


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(tempfiles.SUFFIX))


# -- defect 3: concurrent writers ------------------------------------------------------


def _warm(tmp_path: Path) -> None:
    """Load the extractor's language data here, once, for every forked writer to share:
    each would load it anew, seconds of work that is not what is tested."""
    (tmp_path / "warm").mkdir()
    append_record(tmp_path / "warm" / "claims.toml", record(0))


def _add_after(barrier: multiprocessing.synchronize.Barrier, path: str, n: int) -> None:
    barrier.wait()
    append_record(Path(path), record(n))


def test_issue17_d3_twenty_concurrent_writers_keep_every_record(tmp_path: Path) -> None:
    """20 processes append at the same moment, 10 times over: 200 of 200 records kept
    (before: 4 to 7 of 20, every writer saying "added")."""
    context = multiprocessing.get_context("fork")
    _warm(tmp_path)
    kept = 0
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}" / "claims.toml"
        path.parent.mkdir()
        barrier = context.Barrier(WRITERS)
        workers = [
            context.Process(target=_add_after, args=(barrier, str(path), n))
            for n in range(1, WRITERS + 1)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        assert [worker.exitcode for worker in workers] == [0] * WRITERS
        values = values_in(path)
        assert sorted(values) == sorted(f"${n} million" for n in range(1, WRITERS + 1))
        kept += len(values)
        assert litter(path.parent) == []
    assert kept == WRITERS * TRIALS


def test_issue17_d3_concurrent_ledger_add_commands(tmp_path: Path) -> None:
    """The reproduction of the issue: 20 ``factcheck ledger add`` commands at once."""
    path = tmp_path / "claims.toml"

    def add(n: int) -> list[str]:
        return [
            sys.executable, "-m", "factcheck", "ledger", "add", str(path), "--entity", "Harbor",
            "--metric", "funding", "--value", f"${n} million", "--as-of", "2025-02",
            "--source", f"https://example.org/{n}",
        ]  # fmt: skip

    commands = [
        subprocess.Popen(add(n), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(1, WRITERS + 1)
    ]
    outputs = [command.communicate(timeout=300) for command in commands]
    assert [command.returncode for command in commands] == [0] * WRITERS, outputs
    assert all(out.startswith(f"added: {path}:") for out, _ in outputs)
    assert len(values_in(path)) == WRITERS
    assert len(load_ledger([tmp_path], default=False).records) == WRITERS


def test_issue17_d3_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "claims.toml"
    target.parent.mkdir()
    append_record(target, record(1))
    link = tmp_path / "mine.toml"
    link.symlink_to(target)
    append_record(link, record(2))
    assert link.is_symlink()
    assert values_in(target) == ["$1 million", "$2 million"]
    assert litter(tmp_path) == litter(target.parent) == []


def test_issue17_d3_a_read_only_file_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    append_record(path, record(1))
    before = path.read_bytes()
    path.chmod(0o444)
    inode = path.stat().st_ino
    with pytest.raises(LedgerError, match=r"read-only \(mode 444\); nothing was added"):
        append_record(path, record(2))
    assert path.read_bytes() == before
    assert path.stat().st_ino == inode
    assert oct(path.stat().st_mode & 0o777) == "0o444"


def test_issue17_d3_ledger_add_on_a_read_only_file_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    append_record(path, record(1))
    path.chmod(0o444)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "ledger", "add", str(path), "--entity", "Harbor",
         "--metric", "funding", "--value", "$2 million", "--as-of", "2025",
         "--source", "https://example.org/2"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"factcheck: error: {path}: the file is read-only")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_issue17_d3_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(LedgerError, match="permission denied"):
            append_record(folder / "claims.toml", record(1))
    finally:
        folder.chmod(0o755)


def test_issue17_d7_ledger_add_where_nothing_can_be_written_is_one_line() -> None:
    """/proc takes no new files, whoever asks (root too): one line, exit 2."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "ledger", "add", "/proc/claims.toml",
         "--entity", "Harbor", "--metric", "funding", "--value", "$2 million",
         "--as-of", "2025", "--source", "https://example.org/2"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("factcheck: error: /proc/claims.toml: ")


# -- defect 12: writers killed half-way ------------------------------------------------


def _add_forever(path: str, first: int) -> None:
    n = first
    while True:
        append_record(Path(path), record(n))
        n += 1


def _until_writing(folder: Path, pid: int) -> None:
    """Return as soon as the writer ``pid`` has a temporary file in ``folder`` (it writes
    in a loop, so one comes; a minute without one fails the test)."""
    mark = f"-{pid}."
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(mark in name and name.endswith(tempfiles.SUFFIX) for name in os.listdir(folder)):
            return
    raise AssertionError(f"writer {pid} made no temporary file in a minute")


def _ledger_of(count: int) -> str:
    """A ledger file of ``count`` records (one value repeated: quick to validate), large
    enough that writing it takes a while."""
    table = (
        '[[claims]]\nentity = "Harbor"\nmetric = "funding"\nvalue = "$7 million"\n'
        'as_of = 2024-01-31\nsource = "https://example.org/{n}"\nnote = "{pad}"\n\n'
    )
    return "".join(table.format(n=n, pad="x" * 200) for n in range(count))


def test_issue17_d12_sigkill_mid_write_leaves_no_torn_file_and_no_litter(
    tmp_path: Path,
) -> None:
    """A writer appending in a loop is killed 50 times at random moments: the file is
    always whole (the old text, or it with whole records more), and the next run removes
    the temporary files the killed ones left."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    path = folder / "claims.toml"
    path.write_text(_ledger_of(3000), encoding="utf-8")  # about 1 MB
    context = multiprocessing.get_context("fork")
    _warm(tmp_path)
    chance = random.Random(17)
    count = len(values_in(path))
    left_behind = 0
    for kill in range(KILLS):
        writer = context.Process(target=_add_forever, args=(str(path), 1000 * kill))
        writer.start()
        assert writer.pid is not None
        if kill % 2:  # at a random moment: reading, checking, writing or renaming
            time.sleep(chance.uniform(0.0, 0.25))
        else:  # while its temporary file exists, however slow the machine is today
            _until_writing(folder, writer.pid)
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(30)
        values = values_in(path)  # never torn: tomllib reads it whole
        assert len(values) >= count
        count = len(values)
        left_behind += len(litter(folder))
    assert left_behind > 0  # the kills while writing left their files, for the next run
    append_record(path, record(999_999))  # the next run
    assert litter(folder) == []
    assert len(load_ledger([folder], default=False, cache=False).records) == count + 1


# -- defect 13: ledger values read whole ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unread"),
    [("$61.5 bilion", "bilion"), ("$61.5 trillionz", "trillionz"),
     ("$61.5 billion dollarz", "dollarz"), ("4 Milliardn Euro", "Euro")],
)  # fmt: skip
def test_issue17_d13_a_value_read_in_part_is_refused_naming_the_rest(
    tmp_path: Path, value: str, unread: str
) -> None:
    path = tmp_path / "claims.toml"
    lang = "de" if "Euro" in value else "en"
    with pytest.raises(LedgerError, match=f"'{unread}' is no part of the figure read"):
        append_record(path, {**record(1), "value": value, "lang": lang})
    assert not path.exists()


@pytest.mark.parametrize(
    "value",
    ["$61.5 billion", "$61.5bn", "€4 billion", "4 Milliarden Euro", "800 permanent jobs",
     "35%", "about $2 billion", "rund 4 Milliarden Euro", "US$ 3.5 million",
     "74 data halls", "3 new data centres"],
)  # fmt: skip
def test_issue17_d13_whole_values_are_still_read(tmp_path: Path, value: str) -> None:
    path = tmp_path / "claims.toml"
    lang = "de" if "Milliarden" in value else "en"
    metric = (
        "permanent_jobs" if "jobs" in value else "stake" if "%" in value
        else "funding" if any(c in value for c in "$€") or "Euro" in value else "buildings"
    )  # fmt: skip
    append_record(path, {**record(1), "value": value, "metric": metric, "lang": lang})
    assert [r.stated.text for r in load_ledger([tmp_path], default=False).records] == [value]


# -- defect 14: the cache keyed on the content ------------------------------------------


def test_issue17_d14_an_in_place_edit_keeping_size_mtime_and_inode_is_seen(
    tmp_path: Path,
) -> None:
    path = tmp_path / "claims.toml"
    append_record(path, record(2))
    assert [r.stated.text for r in load_ledger([tmp_path], default=False).records] == ["$2 million"]
    before = path.stat()
    with path.open("r+b") as stream:  # the same file, rewritten in place
        data = stream.read().replace(b"$2 million", b"$3 million")
        stream.seek(0)
        stream.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino,
    )  # fmt: skip
    assert [r.stated.text for r in load_ledger([tmp_path], default=False).records] == ["$3 million"]
