"""Issue 17 through the real command line: one bad source does not crash the run
(defect 5), every error is one line and exit 2, a bug exit 3 (defect 7), and an item's
size is capped (defect 10).

Each test feeds the real ``factcheck`` what the issue found to break it.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.sources.webcache import Entry, WebCache
from tests.cli_helpers import SOURCE, run, write
from tests.web_server import Site, serve

DRAFT = "Ardent Foundry will invest $9 billion in a chip plant near Porto.\n"
DEEP = 5000


def one_line_error(done: subprocess.CompletedProcess[str], *wanted: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert done.stderr.count("\n") == 1, done.stderr[-2000:]
    assert done.stderr.startswith("factcheck: error: "), done.stderr
    assert "Traceback" not in done.stderr
    for part in wanted:
        assert part in done.stderr, done.stderr


def measured(*args: str | Path, limit_mb: int | None = None) -> tuple[int, str, float]:
    """Run ``factcheck ARGS``: its exit code, stderr and peak memory in MB (its own,
    by wait4, not the test's)."""

    def cap() -> None:
        if limit_mb is not None:
            size = limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    with subprocess.Popen(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=cap,
    ) as child:
        assert child.stderr is not None
        stderr = child.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, stderr, usage.ru_maxrss / 1024


# -- defect 5: one bad source ------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def test_issue17_d5_json_nested_1000_deep_is_one_failed_source(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = write(tmp_path, "draft.md", DRAFT)
    source = write(tmp_path, "source.md", SOURCE)
    url = site.url("/deep.json")
    done = run("check", draft, "--source", source, "--source", url, "--allow-private",
               "--no-default-ledger")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "nested too deeply" in done.stderr
    assert "Traceback" not in done.stderr
    assert "1 figure in 1 draft" in done.stdout


def test_issue17_d5_a_cache_entry_nested_too_deeply_is_ignored(tmp_path: Path) -> None:
    cache = WebCache(tmp_path)
    url = "https://example.org/a"
    cache.put(Entry(url, 200, {"content-type": "text/plain"}, b"Up 4%."))
    [entry] = [p for p in tmp_path.rglob("*") if p.is_file()]
    body = entry.read_bytes().split(b"\n", 1)[1]
    entry.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n" + body)
    assert cache.get(url) is None  # a miss, not a RecursionError


@pytest.mark.parametrize("fmt", ["json", "html", "sarif", "text"])
def test_issue17_d5_lone_surrogates_in_a_source_are_written(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = write(tmp_path, "draft.md", "Ardent Foundry will employ 4,100 people in Porto.\n")
    url = site.url("/surrogates.json")
    done = run("check", draft, "--source", url, "--allow-private", "--no-default-ledger",
               "--format", fmt, "-o", tmp_path / f"report.{fmt}")  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
    if fmt == "sarif":  # consistent figures are no SARIF results: the report is whole
        assert json.loads(report)["runs"][0]["results"] == []
    else:
        assert "4,100" in report
    if fmt == "json":
        [finding] = json.loads(report)["drafts"][0]["findings"]
        assert finding["verdict"] == "consistent"
        assert "\ufffd" in json.dumps(finding["evidence"], ensure_ascii=False)


def test_issue17_d5_lone_surrogates_in_an_archive_are_written(tmp_path: Path) -> None:
    archive = tmp_path / "news.jsonl"
    archive.write_text('{"id": "a\\udc80", "text": "Up 4% \\ud800 on 2024."}\n', encoding="utf-8")
    done = run("extract", archive)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == "a\ufffd"
    assert [c["text"] for c in record["claims"]] == ["4%"]


# -- defect 7: one line and exit 2 for every bad input; exit 3 for a bug -------------------


def test_issue17_d7_toml_nested_5000_deep_in_a_ledger(tmp_path: Path) -> None:
    deep = write(tmp_path, "ledger/deep.toml", "# deep\nx = " + "[" * DEEP + "]" * DEEP + "\n")
    draft = write(tmp_path, "draft.md", DRAFT)
    done = run("check", draft, "--ledger", deep.parent, "--no-default-ledger")
    one_line_error(done, "deep.toml:2: not TOML this program can read: arrays or tables nested")
    validated = run("ledger", "validate", deep.parent)
    assert validated.returncode == 2
    assert validated.stdout.startswith(f"{deep}:2: not TOML this program can read")


def test_issue17_d7_toml_nested_5000_deep_in_the_config(tmp_path: Path) -> None:
    config = write(tmp_path, "cfg.toml", "x = " + "{a=" * DEEP + "1" + "}" * DEEP + "\n")
    draft = write(tmp_path, "draft.md", DRAFT)
    one_line_error(run("check", draft, "--config", config), "cfg.toml", "too deeply")


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("[" * DEEP + "]" * DEEP, "nested too deeply"),
        ('{"id": ' + "9" * DEEP + ', "text": "Up 4%."}', "4,300 digits"),
        ('{"id": 1, "text": "Up 4%.", "lang": "' + "x" * 5000 + '"}', '"lang" must be'),
        ('{"id": 1, "text": "Up 4%.", "lang": []}', '"lang" must be "en" or "de", not []'),
        ('{"id": 1, "text": "Up 4%.", "lang": {"a": 1}}', '"lang" must be "en" or "de"'),
    ],
    ids=["nested", "5000-digit-id", "long-lang", "lang-list", "lang-object"],
)
def test_issue17_d7_archive_lines_that_break_the_parser(
    tmp_path: Path, line: str, wanted: str
) -> None:
    archive = tmp_path / "news.jsonl"
    archive.write_text('{"id": 1, "text": "Up 4%."}\n' + line + "\n", encoding="utf-8")
    done = run("extract", archive, "-o", tmp_path / "out.jsonl")
    one_line_error(done, "news.jsonl:2", wanted)
    assert len(done.stderr) < 300  # the line is named, not repeated
    assert not (tmp_path / "out.jsonl").exists()  # written whole or not at all


def test_issue17_d7_a_truncated_gzip_archive(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": n, "text": f"Up {n}%."}) + "\n" for n in range(2000))
    data = gzip.compress(lines.encode())
    archive = tmp_path / "news.jsonl.gz"
    archive.write_bytes(data[: len(data) // 2])
    one_line_error(run("extract", archive), "news.jsonl.gz", "cut short")  # was "Aborted!", 1


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e400"])
def test_issue17_d7_infinite_seconds_in_the_config(tmp_path: Path, value: str) -> None:
    config = write(tmp_path, "cfg.toml", f"[web]\ntimeout = {value}\n")
    draft = write(tmp_path, "draft.md", DRAFT)
    one_line_error(run("check", draft, "--config", config), "cfg.toml", "web.timeout")


def test_issue17_d7_a_full_disk_for_the_report(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    draft = write(tmp_path, "draft.md", DRAFT)
    done = run("check", draft, "--no-default-ledger", "-o", "/dev/full")
    one_line_error(done, "/dev/full: cannot write the report: no space left on the device")


def test_issue17_d7_a_pipe_as_the_report_file_gets_it_whole(tmp_path: Path) -> None:
    """``-o /dev/stdout`` when stdout is a pipe: nothing to replace, written at the end."""
    draft = write(tmp_path, "draft.md", DRAFT)
    done = run("extract", draft, "--format", "text", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert "$9 billion" in done.stdout
    assert list(tmp_path.iterdir()) == [draft]  # no temporary file beside anything


def test_issue17_d7_out_of_memory_is_one_line_exit_2(tmp_path: Path) -> None:
    """A run given less memory than its input needs (RLIMIT_AS): one line, exit 2."""
    draft = write(tmp_path, "big.md", "Sales rose 1% and 2% and 3%. " * 300_000)  # 8.7 MB
    code, stderr, _ = measured("extract", draft, "-o", tmp_path / "out.json", limit_mb=250)
    assert (code, stderr.count("\n")) == (2, 1), stderr[-2000:]
    assert stderr.startswith("factcheck: error: out of memory"), stderr


def test_issue17_d7_a_bug_is_exit_3_with_one_line_and_a_hint(tmp_path: Path) -> None:
    """The last resort, on a real typer app through the real handlers: never exit 1
    (findings) and never a traceback."""
    script = (
        "import typer\n"
        "from factcheck.cli_support import handle_errors, run_app\n"
        "app = typer.Typer()\n"
        "@app.command()\n"
        "@handle_errors\n"
        "def broken(where: str) -> None:\n"
        "    if where == 'command':\n"
        "        raise RuntimeError('a list index\\nout of range')\n"
        "@app.callback()\n"
        "def main() -> None:\n"
        "    pass\n"
        "run_app(app)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "broken", "command"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(
        "factcheck: internal error: RuntimeError: a list index out of range (a bug in "
        "factcheck: please report it"
    )
    assert "FACTCHECK_TRACEBACK=1" in done.stderr
    shown = subprocess.run([sys.executable, "-c", script, "broken", "command"],
                           capture_output=True, text=True, timeout=60,
                           env={**os.environ, "FACTCHECK_TRACEBACK": "1"})  # fmt: skip
    assert shown.returncode == 3
    assert shown.stderr.startswith("Traceback (most recent call last):")
    assert shown.stderr.splitlines()[-1].startswith("factcheck: internal error: RuntimeError")


# -- defect 10: the size of one item -------------------------------------------------------


def test_issue17_d10_an_archive_line_over_the_cap_is_refused_naming_it(tmp_path: Path) -> None:
    """A 25 MB line cost 3.5 GB; it is refused after reading 10 MB of it."""
    archive = tmp_path / "news.jsonl"
    with archive.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": 1, "text": "Up 4%."}) + "\n")
        out.write('{"id": 2, "text": "' + "Up 4%. " * 3_600_000 + '"}\n')  # 25 MB
    code, stderr, peak = measured("extract", archive)
    assert code == 2, stderr
    assert "news.jsonl:2: an article of more than 10,000,000 bytes" in stderr
    assert peak < 1000  # MB: was 3,500


def test_issue17_d10_the_cap_is_a_flag(tmp_path: Path) -> None:
    archive = tmp_path / "news.jsonl"
    archive.write_text(json.dumps({"id": 1, "text": "Up 4%. " * 100}) + "\n", encoding="utf-8")
    one_line_error(run("extract", archive, "--max-bytes", "500"), "news.jsonl:1", "500 bytes")
    assert run("extract", archive, "--max-bytes", "5000").returncode == 0


def test_issue17_d10_a_gzip_bomb_archive_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.jsonl.gz"
    with gzip.open(archive, "wb", compresslevel=9) as out:
        out.write(b'{"id": 1, "text": "')
        for _ in range(100):
            out.write(b"1% " * 350_000)  # a single line of 105 MB, 100 kB compressed
    assert archive.stat().st_size < 2_000_000
    code, stderr, peak = measured("extract", archive)
    assert code == 2, stderr
    assert "bomb.jsonl.gz:1: an article of more than 10,000,000 bytes" in stderr
    assert peak < 1000


def test_issue17_d10_dev_zero_as_a_source_is_refused(tmp_path: Path) -> None:
    draft = write(tmp_path, "draft.md", DRAFT)
    started = time.monotonic()
    done = run("check", draft, "--source", "/dev/zero", "--no-default-ledger", "--strict-sources")
    one_line_error(done, "/dev/zero", "larger than 10,000,000 bytes")
    assert time.monotonic() - started < 120  # it read 10 MB, not until memory ran out


def test_issue17_d10_dev_zero_as_a_draft_is_refused(tmp_path: Path) -> None:
    one_line_error(run("extract", "/dev/zero"), "/dev/zero", "binary data")
    page = tmp_path / "zero.html"
    page.symlink_to("/dev/zero")  # read whole, as markup is: the cap stops it
    one_line_error(run("extract", page), "zero.html", "larger than 10,000,000 bytes")


def test_issue17_d10_stdin_is_capped(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "factcheck", "extract", "-", "--max-bytes",
                           "100"], input="Up 4%. " * 50, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    one_line_error(done, "<stdin>", "larger than 100 bytes")


def test_issue17_d10_html_of_8_mb_of_open_tags_in_bounded_memory(tmp_path: Path) -> None:
    page = write(tmp_path, "page.html", "<a " * 2_700_000)  # 8.1 MB: was 2.4 GB
    code, stderr, peak = measured("extract", page, "--format", "text")
    assert code == 0, stderr
    assert peak < 1000
