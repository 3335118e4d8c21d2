"""The Dask path: a real local cluster of worker processes gives the claims of one process."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the optional extra factcheck[dask]")

from distributed import Client, LocalCluster

from factcheck.archive import read_archive, write_archives
from factcheck.archive_dask import extract_archive, plan
from factcheck.errors import InputError
from tests.archive_fixtures import articles, write_archive
from tests.cli_helpers import run


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes, one thread each, as a small real cluster would have."""
    with (
        # The scheduler's HTTP server on a free port of its own: on the default 8787,
        # taken by another run on the machine, distributed warns (an error here).
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def single_process(paths: list[Path]) -> list[str]:
    out = io.StringIO()
    write_archives([str(p) for p in paths], out)
    return out.getvalue().splitlines()


def test_blocks_cover_every_line_once(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(50))
    blocks = plan(archive, blocksize=700)
    assert len(blocks) > 5
    assert blocks[0].start == 0
    assert blocks[-1].end == archive.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(blocks))
    with archive.open("rb") as stream:
        lines = [a.line for a in read_archive(stream, "x")]
    assert {b.first_line for b in blocks} <= set(lines)


def test_the_cluster_finds_the_claims_of_one_process(tmp_path: Path, client: Client) -> None:
    first = write_archive(tmp_path / "a.jsonl", articles(45))
    second = write_archive(tmp_path / "b.jsonl", articles(7)[::-1])
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2  # two processes, not threads of this one
    # Small blocks: many partitions, spread over both workers, gathered back in order.
    lines = list(extract_archive([first, second], scheduler=client, blocksize=900, window=3))
    assert lines == single_process([first, second])
    assert len(lines) == 52


def test_a_bad_line_on_a_worker_is_named_by_file_and_line(tmp_path: Path, client: Client) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(20))
    with archive.open("a", encoding="utf-8") as stream:
        stream.write('{"id": 21}\n')
    with pytest.raises(InputError, match=r"news\.jsonl:21: an article needs a \"text\""):
        list(extract_archive([archive], scheduler=client, blocksize=500))


def test_cli_on_a_scheduler_address(tmp_path: Path, client: Client) -> None:
    archive = write_archive(tmp_path / "news.jsonl", articles(12))
    out = tmp_path / "claims.jsonl"
    address = str(client.scheduler_info()["address"])
    done = run("extract", archive, "--dask-scheduler", address, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == single_process([archive])
