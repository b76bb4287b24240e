"""Work spread over every core: parsing article files, rendering pages.

Parsing: (text, path, cache key) jobs -> articles.

Reading an article's YAML front-matter costs 4 ms an article (PyYAML's
constructor is Python), so it is done once per text (cache.py).  From :data:`PARALLEL_MIN` files
on, the files are parsed by one process per core; the result is the same list,
in the same order, as parsing them here.  A file that fails to parse comes back
as ``None`` and is parsed again by the caller, so its error is the real one.
Each parse is stored in the persistent cache by the process that made it.

Rendering: :func:`in_parts` runs a task in n forked processes, the k-th doing
the k-th share; the builder's task plans, renders and writes every n-th page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeVar

from generator import parallel, progress
from generator.errors import ArticleError
from generator.model import Article
from generator.site import load
from generator.site.cache import ArticleCache

#: Below this many files to parse, starting processes costs more than it saves.
PARALLEL_MIN = 400


def _parse(cache: ArticleCache, job: tuple[str, str, str]) -> Article | None:
    text, path, key = job
    try:
        article = load.read_article(text, path)
    except ArticleError:
        return None
    cache.put(key, article)
    return article


def parse_articles(jobs: Sequence[tuple[str, str, str]], cache: ArticleCache) -> list[Article | None]:
    """Each (text, path, cache key) parsed, in order; ``None`` where parsing failed."""
    parse = partial(_parse, cache)
    workers = parallel.cpus()
    context = parallel.start_method() if workers > 1 and len(jobs) >= PARALLEL_MIN else None
    if context is None:
        return [parse(job) for job in progress.counted(jobs, "read", "article")]
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parsed = pool.map(parse, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
            return list(progress.counted(parsed, "read", "article", total=len(jobs)))
    except (BrokenProcessPool, OSError):
        # A worker died (killed, out of memory) or none could start: parse here.
        return [parse(job) for job in jobs]


# --- rendering in parts ----------------------------------------------------------

T = TypeVar("T")

#: The task of the parts being run: forked workers find it here, already built, never pickled.
_TASK: Callable[[int, int], object] | None = None


def _run_part(index: int, parts: int) -> object:
    assert _TASK is not None
    return _TASK(index, parts)


def in_parts(
    task: Callable[[int, int], T], parts: int, meanwhile: Callable[[], None] = lambda: None
) -> list[T | BaseException] | None:
    """``task(k, parts)`` for each k, one forked process each, while ``meanwhile()`` runs here.

    The workers are forked, so the task (a closure over the site model and the
    compiled templates) is inherited as it is, not pickled; only what it returns
    comes back.  Each part's outcome is its value or the exception it raised, so
    the caller can undo what the parts that succeeded did; when no process could
    be forked (``EAGAIN``, ``ENOMEM``) every outcome is that ``OSError``, and
    ``meanwhile`` has not run.  ``None`` when processes cannot be forked safely
    (then the caller does the work itself).
    """
    global _TASK
    context = parallel.start_method()
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
