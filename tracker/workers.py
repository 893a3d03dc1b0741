"""Worker processes that answer a list of tasks in order, a few at a time.

Ingest reads files in them (one writer stores what they read) and the refresh of a
large archive derives its buckets in them (the writer stores the answers).  Both need
the same three things, kept here once: answers in the order asked, however the workers
finish; only a few tasks in flight, so that finished answers do not pile up in memory
while the writer is slower; and workers that stop with their parent, on Ctrl-C or
``kill -9`` alike.  Reads no data tables.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_order(call: Callable[[T], R], tasks: Iterable[T], jobs: int, in_flight: int,
             setup: Optional[Callable[..., None]] = None, setup_args: tuple = ()) -> Iterator[R]:
    """``call(task)`` for each task in ``jobs`` worker processes, yielded in the order given.

    ``call`` and ``setup`` (run once in each worker, with ``setup_args``) must be
    module-level functions the pool can pickle; at most ``in_flight`` tasks wait or run.
    """
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(setup, setup_args))
    pending: deque = deque()
    try:
        for task in tasks:
            pending.append(pool.submit(call, task))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        # Ctrl-C (or the consumer stopping): drop queued tasks and stop the workers now,
        # rather than letting them finish the queue or outlive us.
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in workers:
            process.terminate()
        raise
    pool.shutdown(wait=True)


def _start_worker(setup: Optional[Callable[..., None]] = None, setup_args: tuple = ()) -> None:
    _ignore_interrupts()
    _die_with_parent()
    if setup is not None:
        setup(*setup_args)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them: no traceback from each worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent() -> None:
    """End this worker when the process that started it is gone, even by ``kill -9``.

    An orphaned worker would otherwise wait on its task queue for minutes.  Linux kills it
    the moment its parent dies (PR_SET_PDEATHSIG), even inside a long regex search; on
    every system a daemon thread waits on the parent's sentinel, which also catches a
    parent that died before prctl was set.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent.sentinel,), name="orphan-check", daemon=True).start()


def _exit_when_gone(sentinel) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def default_jobs() -> int:
    """All the cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
