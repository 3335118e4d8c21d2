"""Reading many documents on several processes (``check --jobs N``), in the order named.

Reading a document (decoding, masking markup, extracting its figures) depends on the
file and the settings alone, so it can run anywhere; what compares documents with one
another (frames learn names across the run, figures are matched across documents)
stays in one process. The documents come back in the order of ``paths`` whichever
worker finished first, so a run on N processes gives exactly the report of a run on
one.

A worker's :class:`~factcheck.errors.InputError` (an undecodable draft) is raised
here as it would be in one process.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from factcheck.archive import cores
from factcheck.extract.pipeline import extract
from factcheck.settings import Settings
from factcheck.sources.documents import Document, read_document


@dataclass(frozen=True)
class Reading:
    """How every document of one run is read."""

    settings: Settings
    entities: Sequence[str] = ()


#: The reading of the run a worker serves, set once when the worker starts (it is
#: inherited with the fork, not sent with every document).
_WORKER: Reading | None = None


def _start_worker(reading: Reading) -> None:
    global _WORKER  # one value per worker process, set at its start
    _WORKER = reading


def _read(path: Path, lang: str | None) -> Document:
    assert _WORKER is not None, "a worker reads only after _start_worker"
    return read_document(path, lang=lang, settings=_WORKER.settings, entities=_WORKER.entities)


def read_all(
    paths: Sequence[tuple[Path, str | None]],
    reading: Reading,
    *,
    jobs: int = 1,
    done: Callable[[], None] = lambda: None,
) -> list[Document]:
    """The documents at ``paths`` (each with its language, None: detect), in order,
    read on ``jobs`` processes (0: every core); ``done`` is called as each is read."""
    jobs = min(jobs or cores(), len(paths))
    if jobs <= 1:
        documents = []
        for path, lang in paths:
            documents.append(
                read_document(path, lang=lang, settings=reading.settings, entities=reading.entities)
            )
            done()
        return documents
    # Forked workers start with the grammars compiled and the lexicons loaded here;
    # where fork is not safe (macOS, Windows) they are spawned and load their own.
    method = "fork" if sys.platform == "linux" else "spawn"
    if method == "fork":
        for sample, lang in (("Up 4%.", "en"), ("Plus 4 Prozent.", "de")):
            extract(sample, lang, settings=reading.settings)
    with ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(reading,),
    ) as pool:
        futures: list[Future[Document]] = [pool.submit(_read, path, lang) for path, lang in paths]
        for future in futures:
            future.add_done_callback(lambda _: done())
        try:
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
