"""The extraction of archives on a Dask cluster (the optional extra ``factcheck[dask]``).

The archive is cut into blocks of whole lines, here, by reading it once; each block is a
partition of a ``dask.bag`` that a worker reads from the shared storage (by byte range)
and turns into output lines with the very functions of :mod:`factcheck.archive`. So the
claims are the same as on one machine, and a bad line is still named by file and line:
the block knows the number of its first line (``dask.bag.read_text`` would not).

Results come back in input order, at most ``window`` blocks at a time, so neither the
client nor the cluster holds the whole archive. The workers must be able to open the
archive under the same path (a shared file system) and have factcheck installed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.bag as db
from distributed import Client, Future

from factcheck.archive import (
    MAX_ARTICLE_BYTES,
    article_claims,
    article_line,
    iter_lines,
    open_archive,
    parse_line,
)
from factcheck.settings import DEFAULT_SETTINGS, Settings

#: Bytes of archive per partition: its output (claims as JSON, some three times the
#: input) is held by one worker and then by the client while it is written out.
BLOCKSIZE = 8 * 1024 * 1024


@dataclass(frozen=True)
class Block:
    """Lines of an archive from byte ``start`` to ``end`` (None: to the end)."""

    path: str  # where the workers open it
    name: str  # how errors name it: as the user wrote it
    start: int
    end: int | None
    first_line: int
    #: the longest line read (see :data:`factcheck.archive.MAX_ARTICLE_BYTES`)
    max_bytes: int = MAX_ARTICLE_BYTES


def plan(path: Path, blocksize: int = BLOCKSIZE, max_bytes: int = MAX_ARTICLE_BYTES) -> list[Block]:
    """The blocks of whole lines of an archive; a gzipped one is a single block.

    Raises :class:`~factcheck.errors.InputError` when the file cannot be opened.
    """
    where = str(path.resolve())
    with open_archive(path) as stream:
        if path.suffix == ".gz":
            return [Block(where, str(path), 0, None, 1, max_bytes)]
        blocks: list[Block] = []
        start = position = 0
        line = first = 1
        for _, raw in iter_lines(stream, str(path), max_bytes=max_bytes):
            position += len(raw)
            line += 1
            if position - start >= blocksize:
                blocks.append(Block(where, str(path), start, position, first, max_bytes))
                start, first = position, line
        if position > start:
            blocks.append(Block(where, str(path), start, position, first, max_bytes))
        return blocks


def extract_block(block: Block, lang: str | None, settings: Settings) -> list[str]:
    """The output lines of one block's articles (what a Dask worker runs)."""
    lines: list[str] = []
    with open_archive(Path(block.path)) as stream:
        stream.seek(block.start)
        position = block.start
        rows = iter_lines(stream, block.name, first=block.first_line, max_bytes=block.max_bytes)
        for number, raw in rows:
            article = parse_line(raw, block.name, number)
            if article is not None:
                lines.append(article_line(article_claims(article, lang, settings)))
            position += len(raw)
            if block.end is not None and position >= block.end:
                break
    return lines


def extract_archive(
    paths: Iterable[Path],
    *,
    scheduler: str | Client,
    lang: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    blocksize: int = BLOCKSIZE,
    window: int | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[str]:
    """The output line of every article of the archives, in order, extracted on Dask.

    ``scheduler`` is the address of a running scheduler ("tcp://10.0.0.5:8786") or a
    connected :class:`distributed.Client`. ``window`` blocks are computed at a time
    (default: two per worker thread).
    """
    blocks = [block for path in paths for block in plan(Path(path), blocksize, max_bytes)]
    if not blocks:
        return
    if isinstance(scheduler, str):
        with Client(scheduler) as client:
            yield from _run(client, blocks, lang, settings, window)
    else:
        yield from _run(scheduler, blocks, lang, settings, window)


def _run(
    client: Client,
    blocks: list[Block],
    lang: str | None,
    settings: Settings,
    window: int | None,
) -> Iterator[str]:
    bag = db.from_sequence(blocks, npartitions=len(blocks)).map(
        extract_block, lang=lang, settings=settings
    )
    partitions = iter(bag.to_delayed())
    if window is None:
        threads: dict[str, Any] = client.nthreads()
        window = max(2, 2 * sum(threads.values()))
    pending: deque[Future[list[list[str]]]] = deque()
    try:
        for partition in partitions:
            pending.append(client.compute(partition))
            if len(pending) >= window:
                yield from _lines(pending.popleft())
        while pending:
            yield from _lines(pending.popleft())
    finally:
        for future in pending:
            future.cancel()


def _lines(future: Future[list[list[str]]]) -> Iterator[str]:
    for block_lines in future.result():  # a partition: one list of lines per block
        yield from block_lines
    future.release()
