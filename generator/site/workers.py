"""Parsing many article files on every core: (text, path) pairs -> articles.

Reading an article's YAML front-matter is most of a cold build's time (4 ms an
article, PyYAML's constructor being Python).  From :data:`PARALLEL_MIN` files
on, the files are parsed by one process per core; the result is the same list,
in the same order, as parsing them here.  A file that fails to parse comes back
as ``None`` and is parsed again by the caller, so its error is the real one.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from generator import parallel
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


def parse_articles(jobs: Sequence[tuple[str, str]]) -> list[Article | None]:
    """Each (text, path) parsed, in order; ``None`` where parsing failed."""
    workers = parallel.cpus()
    context = parallel.start_method() if workers > 1 and len(jobs) >= PARALLEL_MIN else None
    if context is None:
        return [_parse(job) for job in jobs]
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_parse, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    except (BrokenProcessPool, OSError):
        # A worker died (killed, out of memory) or none could start: parse here.
        return [_parse(job) for job in jobs]
