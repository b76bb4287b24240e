"""Article files parsed over every core, through the one executor (generator.executor).

Parsing: (text, path, cache key) jobs -> articles.

Reading an article's YAML front-matter costs 4 ms an article (PyYAML's
constructor is Python), so it is done once per text (cache.py).  From :data:`PARALLEL_MIN` files
on, the files are parsed by one process per core; the result is the same list,
in the same order, as parsing them here.  A file that fails to parse comes back
as ``None`` and is parsed again by the caller, so its error is the real one.
Each parse is stored in the persistent cache by the process that made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from generator import executor, progress
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
    workers = executor.cpus() if len(jobs) >= PARALLEL_MIN else 1
    with executor.Executor(workers) as pool:
        parsed = pool.map(partial(_parse, cache), jobs, per_worker=8)
        return list(progress.counted(parsed, "read", "article", total=len(jobs)))
