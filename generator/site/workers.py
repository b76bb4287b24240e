"""Parsing many article files on every core: (text, path) pairs -> articles.

Reading an article's YAML front-matter is most of a cold build's time (4 ms an
article, PyYAML's constructor being Python).  From :data:`PARALLEL_MIN` files
on, the files are parsed by one process per core; the result is the same list,
in the same order, as parsing them here.  A file that fails to parse comes back
as ``None`` and is parsed again by the caller, so its error is the real one.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.errors import ArticleError
from generator.model import Article
from generator.site import load

#: Below this many files to parse, starting processes costs more than it saves.
PARALLEL_MIN = 400


def _parse(job: tuple[str, str]) -> Article | None:
    text, path = job
    try:
        return load.read_article(text, path)
    except ArticleError:
        return None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext | None:
    """How to start workers; None when they cannot be started safely."""
    # Forking a process that runs other threads (the preview server) can copy a lock some
    # thread holds; spawn re-imports the main module, so it needs one that is a file.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and Path(main_file).is_file():
        return multiprocessing.get_context("spawn")
    return None


def parse_articles(jobs: Sequence[tuple[str, str]]) -> list[Article | None]:
    """Each (text, path) parsed, in order; ``None`` where parsing failed."""
    workers = _cpus()
    context = _context() if workers > 1 and len(jobs) >= PARALLEL_MIN else None
    if context is None:
        return [_parse(job) for job in jobs]
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_parse, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    except (BrokenProcessPool, OSError):
        # A worker died (killed, out of memory) or none could start: parse here.
        return [_parse(job) for job in jobs]
