"""Archives: JSON Lines of articles in, one line per article out, in order, on N processes."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck import extract
from factcheck.archive import (
    Article,
    claim_id,
    extract_article_lines,
    extract_articles,
    parse_line,
    read_archive,
    wanted,
    write_archives,
)
from factcheck.errors import InputError
from factcheck.models import ArticleClaims
from tests.archive_fixtures import TEXTS, articles, read_lines, write_archive
from tests.cli_helpers import run

BAD_LINES = [
    ('{"id": 1, "text": "Up 4%."', "not JSON"),
    ('["a", "list"]', "must be a JSON object"),
    ('{"text": "Up 4%."}', 'needs an "id"'),
    ('{"id": true, "text": "Up 4%."}', 'needs an "id"'),
    ('{"id": 1}', 'needs a "text"'),
    ('{"id": 1, "text": 4}', 'needs a "text"'),
    ('{"id": 1, "text": "Up 4%.", "lang": "fr"}', '"lang" must be "en" or "de"'),
    ('{"id": 1, "text": "Up 4%.", "url": 5}', '"url" must be a string'),
    (b'{"id": 1, "text": "\xff"}', "not UTF-8"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_a_bad_line_is_named_by_file_and_line(line: str | bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_line(line, "news.jsonl", 12)
    assert str(caught.value).startswith("news.jsonl:12: ")
    assert message in str(caught.value)


def test_blank_lines_and_a_byte_order_mark_are_skipped() -> None:
    raw = [b'\xef\xbb\xbf{"id": "a", "text": "Up 4%."}\n', b"\n", b'{"id": 2, "text": ""}\n']
    found = list(read_archive(raw, "x.jsonl"))
    assert [(a.id, a.line) for a in found] == [("a", 1), (2, 3)]


def test_an_article_line_holds_exactly_what_extract_finds() -> None:
    article = Article("k-1", TEXTS[5], None, "https://news.example/k-1", 1)
    record = json.loads(next(extract_article_lines([article])))
    assert list(record) == ["id", "url", "lang", "claims"]
    assert (record["id"], record["url"], record["lang"]) == ("k-1", article.url, "en")
    found = extract(TEXTS[5])
    # Everything as extract reads it, but ids that name the article too.
    expected = [{**c.model_dump(mode="json"), "id": claim_id("k-1", c)} for c in found]
    assert record["claims"] == expected
    assert all(TEXTS[5][c["start"] : c["end"]] == c["text"] for c in record["claims"])


def test_records_are_models_and_lines_their_json() -> None:
    article = Article("k-1", TEXTS[5], None, "https://news.example/k-1", 1)
    (record,) = extract_articles([article])
    assert isinstance(record, ArticleClaims)
    (line,) = extract_article_lines([article])
    assert ArticleClaims.model_validate_json(line) == record
    assert [c.text for c in record.claims] == [c.text for c in extract(TEXTS[5])]


def test_claim_ids_are_unique_within_an_archive() -> None:
    same = TEXTS[5]
    batch = [Article("k-1", same, None, None, 1), Article("k-2", same, None, None, 2),
             Article(3, same, None, None, 3), Article("3", same, None, None, 4)]  # fmt: skip
    ids = [claim.id for record in extract_articles(batch) for claim in record.claims]
    assert len(ids) == 4 * len(extract(same)) > 4
    assert len(set(ids)) == len(ids)
    again = [claim.id for record in extract_articles(batch[:1]) for claim in record.claims]
    assert again == ids[: len(again)]  # stable: the same article gives the same ids


def test_the_lang_of_an_article_wins_over_the_run_and_detection() -> None:
    text = "Der Umsatz stieg auf 2.400 Tonnen."
    given = Article(1, text, "en", None, 1)
    (record,) = extract_articles([given], lang="de")
    assert record.lang == "en"
    assert record.claims[0].value == 2.4  # read as English: "2.400" is 2.4


def test_an_article_without_figures_still_has_its_line() -> None:
    (line,) = extract_article_lines([Article("quiet", TEXTS[4], None, None, 1)])
    assert json.loads(line) == {"id": "quiet", "lang": "en", "claims": []}


@pytest.mark.parametrize("extract_all", [extract_articles, extract_article_lines])
def test_two_processes_give_the_same_results_in_the_same_order(
    extract_all: Callable[..., Iterator[object]],
) -> None:
    records = articles(60)
    batch = [
        Article(str(r["id"]), str(r["text"]), None, None, n + 1) for n, r in enumerate(records)
    ]
    one = list(extract_all(batch, jobs=1))
    # Tiny batches: many of them in flight at once, finishing in any order.
    two = list(extract_all(batch, jobs=2, batch_chars=200))
    assert two == one
    ids = [r.id if isinstance(r, ArticleClaims) else json.loads(str(r))["id"] for r in two]
    assert ids == [r["id"] for r in records]


def test_negative_jobs_are_refused() -> None:
    with pytest.raises(ValueError, match="jobs"):
        list(extract_articles([], jobs=-1))


def test_archives_are_read_one_after_the_other_stdin_included(tmp_path: Path) -> None:
    first = write_archive(tmp_path / "a.jsonl", articles(3))
    stdin = io.BytesIO(b'{"id": "from-stdin", "text": "Sales rose 3%."}\n')
    out = io.StringIO()
    count = write_archives([str(first), "-"], out, stdin=stdin)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert (count, ids) == (4, ["story-0", "story-1", "story-2", "from-stdin"])


@pytest.mark.parametrize(
    ("inputs", "kind", "jobs", "expected"),
    [
        (["a.jsonl"], "auto", 1, True),
        (["a.jsonl.gz", "b.jsonl"], "auto", 4, True),
        (["a.md", "b.txt"], "auto", 1, False),
        (["-"], "auto", 1, False),
        (["-"], "jsonl", 2, True),
        (["a.jsonl"], "documents", 1, False),
    ],
)
def test_what_is_read_as_an_archive(
    inputs: list[str], kind: str, jobs: int, expected: bool
) -> None:
    assert wanted(inputs, kind, jobs, None) is expected


@pytest.mark.parametrize(
    ("inputs", "kind", "jobs", "scheduler", "message"),
    [
        (["a.jsonl", "b.md"], "auto", 1, None, r"--input: archives \(\.jsonl\) and documents"),
        (["a.md"], "auto", 2, None, "--jobs: works on archives only"),
        (["a.md"], "documents", 1, "tcp://h:8786", "--dask-scheduler: works on archives only"),
    ],
)
def test_what_cannot_be_combined(
    inputs: list[str], kind: str, jobs: int, scheduler: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        wanted(inputs, kind, jobs, scheduler)


# --- the command line ---------------------------------------------------------------


def test_cli_jobs_two_writes_what_jobs_one_writes(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(40))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", archive, "--output", one).returncode == 0
    done = run("extract", archive, "--jobs", "2", "--output", two)
    assert done.returncode == 0, done.stderr
    assert two.read_bytes() == one.read_bytes()
    records = read_lines(two)
    assert [r["id"] for r in records] == [f"story-{n}" for n in range(40)]
    assert records[0]["url"] == "https://news.example/0"
    assert sum(len(r["claims"]) for r in records) > 40


def test_cli_jobs_zero_uses_every_core_and_reads_gzip(tmp_path: Path) -> None:
    plain = write_archive(tmp_path / "news.jsonl", articles(8))
    packed = tmp_path / "news.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    expected = run("extract", plain)
    done = run("extract", packed, "--jobs", "0")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected.stdout
    assert len(done.stdout.splitlines()) == 8


def test_cli_bad_line_exits_2_naming_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(30))
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(24, '{"id": "broken", "text": "cut off\n')  # line 25
    archive.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    for jobs in ("1", "2"):
        done = run("extract", archive, "--jobs", jobs, "--output", out)
        assert done.returncode == 2
        assert done.stderr.startswith(f"factcheck: error: {archive}:25: not JSON")
        assert len(done.stderr.splitlines()) == 1
        assert "Traceback" not in done.stderr
        assert not out.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["news.jsonl"]  # no temp file
    to_stdout = run("extract", archive, "--jobs", "2")
    assert (to_stdout.returncode, to_stdout.stdout) == (2, "")


def test_cli_empty_archive_gives_empty_output(tmp_path: Path) -> None:
    archive = tmp_path / "empty.jsonl"
    archive.write_bytes(b"")
    out = tmp_path / "claims.jsonl"
    done = run("extract", archive, "--jobs", "2", "--output", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == b""


def test_cli_reads_an_archive_from_stdin(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(5))
    from_file = run("extract", archive)
    piped = subprocess.run(
        [sys.executable, "-m", "factcheck", "extract", "-", "--input", "jsonl", "-j", "2"],
        input=archive.read_bytes(),
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.decode("utf-8") == from_file.stdout


def test_cli_refuses_other_formats_and_mixtures(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(2))
    doc = tmp_path / "note.md"
    doc.write_text("Up 4%.\n", encoding="utf-8")
    for args, message in [
        ((archive, "--format", "text"), "archives are written as JSON Lines"),
        ((archive, doc), "cannot be read in one run"),
        ((doc, "--jobs", "2"), "--jobs: works on archives only"),
        ((archive, "--jobs", "-1"), "--jobs: -1 is too small: at least 0"),
    ]:
        done = run("extract", *args)
        assert done.returncode == 2, args
        assert message in done.stderr, done.stderr


def test_cli_a_missing_archive_is_one_line(tmp_path: Path) -> None:
    done = run("extract", tmp_path / "nowhere.jsonl", "--jobs", "2")
    assert done.returncode == 2
    assert done.stderr.strip() == f"factcheck: error: {tmp_path / 'nowhere.jsonl'}: no such file"
