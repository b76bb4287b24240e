"""The one executor of ingest and build: jobs run here, or over forked or spawned processes.

Whoever runs work through it gets the same results in the same order as running it here,
whatever the machine allows:

- :func:`cpus` and :func:`start_method` say how many processes and how they may start
  (fork, spawn, or none: then everything runs here);
- :class:`Executor` maps a function over jobs in order; the processes start with the first
  map that has more than one job and serve every map after it; a worker that dies (killed,
  out of memory) or processes that cannot start leave what is not done to this process;
- :func:`in_forked_parts` runs one task in n forked processes, the k-th doing the k-th share,
  and leaves the falling back to the caller (it has files to undo), who tells a lost worker
  from a failing task with :func:`lost`.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cpus() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def start_method() -> multiprocessing.context.BaseContext | None:
    """How to start workers; None when they cannot be started safely (then the work stays here)."""
    # Forking copies what is loaded (registry, knowledge) for free, but forking a process that
    # runs other threads (the preview server's watcher) can copy a lock some thread holds: then
    # spawn, which re-imports the main module in each worker, so it needs one that is a file.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and Path(main_file).is_file():
        return multiprocessing.get_context("spawn")
    return None


def lost(outcome: object) -> bool:
    """Whether an outcome says a worker died or none could start (not that the task failed)."""
    return isinstance(outcome, (BrokenProcessPool, OSError))


class Executor:
    """Maps functions over jobs in their order: in ``workers`` processes, or here when 1.

    ``initializer(*initargs)`` runs in each worker as it starts: what every job reads (the
    registries, say) is sent once, not with every job.  Use it as a context manager, so the
    processes end with it.
    """

    def __init__(self, workers: int, *, initializer: Callable[..., object] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        self.workers = max(1, workers)
        self._initializer, self._initargs = initializer, initargs
        self._pool: ProcessPoolExecutor | None = None
        self._usable = self.workers > 1

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _processes(self) -> ProcessPoolExecutor | None:
        if self._pool is None and self._usable:
            method = start_method()
            if method is None:
                self._usable = False
                return None
            self._pool = ProcessPoolExecutor(self.workers, mp_context=method, initializer=self._initializer,
                                             initargs=self._initargs)
        return self._pool

    def map(self, remote: Callable[[T], R], items: Sequence[T], *, local: Callable[[T], R] | None = None,
            per_worker: int = 4, chunk_max: int | None = None,
            tick: Callable[[], object] | None = None) -> Iterator[R]:
        """``remote(item)`` for each item, in order, as each is done; ``tick()`` after each.

        ``remote`` runs in a worker, so it must be picklable when workers are spawned;
        ``local`` (default ``remote``) runs here instead and gives the same result, handed
        directly what a worker gets from the initializer.  Each worker takes its part of the
        jobs in ``per_worker`` chunks of at most ``chunk_max`` jobs: few enough that sending
        them costs little, enough that every worker stays busy to the end.
        """
        here = local or remote
        pool = self._processes() if len(items) > 1 else None
        done = 0
        if pool is not None:
            chunk = max(1, len(items) // (self.workers * per_worker))
            results = self._results(pool, remote, items, min(chunk, chunk_max or chunk))
            for result in results:
                if result is _LOST:
                    # A worker died or none could start: the rest, and every later map, is done here.
                    self._usable = False
                    break
                done += 1
                yield result  # type: ignore[misc]
                if tick:
                    tick()
            else:
                return
        for item in items[done:]:
            yield here(item)
            if tick:
                tick()

    @staticmethod
    def _results(pool: ProcessPoolExecutor, remote: Callable[[T], R], items: Sequence[T],
                 chunk: int) -> Iterator[R | object]:
        """The workers' results in order, then :data:`_LOST` if they stopped giving them."""
        try:
            yield from pool.map(remote, items, chunksize=chunk)
        except (BrokenProcessPool, OSError):
            yield _LOST


#: Stands for the results a lost worker never gave.
_LOST = object()

#: The task of the parts being run: forked workers find it here, already built, never pickled.
_TASK: Callable[[int, int], object] | None = None


def _run_part(index: int, parts: int) -> object:
    assert _TASK is not None
    return _TASK(index, parts)


def in_forked_parts(
    task: Callable[[int, int], T], parts: int, meanwhile: Callable[[], None] = lambda: None
) -> list[T | BaseException] | None:
    """``task(k, parts)`` for each k, one forked process each, while ``meanwhile()`` runs here.

    The workers are forked, so the task (a closure over a site model and compiled templates,
    say) is inherited as it is, not pickled; only what it returns comes back.  Each part's
    outcome is its value or the exception it raised, so the caller can undo what the parts
    that succeeded did; when no process could be forked (``EAGAIN``, ``ENOMEM``) every outcome
    is that ``OSError``, and ``meanwhile`` has not run.  ``None`` when processes cannot be
    forked safely (then the caller does the work itself).
    """
    global _TASK
    context = start_method()
    if parts < 2 or context is None or context.get_start_method() != "fork":
        return None
    _TASK = task
    try:
        with ProcessPoolExecutor(parts, mp_context=context) as pool:
            try:
                futures = [pool.submit(_run_part, index, parts) for index in range(parts)]
            except OSError as exc:
                return [exc] * parts
            try:
                meanwhile()
            finally:
                outcomes = [f.exception() or f.result() for f in futures]
    finally:
        _TASK = None
    return outcomes  # type: ignore[return-value]
