"""Worker processes that end with the run that started them.

A process pool's workers outlive a parent that is killed (SIGKILL, the OOM killer, a CI
job cancelled): they were seen extracting for minutes after ``extract --jobs 2`` was
gone. So each worker

- watches its parent from a thread, and ends itself within half a second of being
  orphaned (its parent id changes). Not Linux's ``PR_SET_PDEATHSIG``: that fires when
  the *thread* that forked the worker ends, and a pool may fork from any thread;
- leaves SIGTERM at its default (it ends at once) and ignores SIGINT: Ctrl-C reaches
  the whole process group, and the parent, which handles it, stops the workers.

When the parent stops early (an error, SIGTERM, Ctrl-C), :func:`stop` ends the workers
at once rather than waiting for the batches they are working on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any

#: How often a worker looks at its parent, in seconds.
_WATCH = 0.5


def pool(
    jobs: int,
    context: BaseContext,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers that end with this process (see the module doc), each
    running ``initializer(*initargs)`` first, if given."""
    return ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(os.getpid(), initializer, initargs),
    )


def stop(executor: ProcessPoolExecutor) -> None:
    """End ``executor``'s workers now, dropping the work not done."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(
    parent: int, initializer: Callable[..., object] | None, initargs: tuple[Any, ...]
) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent").start()
    if initializer is not None:
        initializer(*initargs)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH)
    os._exit(1)
