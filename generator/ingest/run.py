"""The curation loop: decide which articles to write, then write them atomically.

``plan_ingest`` is pure: given the raw sources, the articles already on disk
and the registries, it returns the files to write and a report.  Only
``ingest_content`` reads and writes the content folder.

The rules a person relies on:
- unchanged inputs leave every file byte-identical;
- an article a person edited is never overwritten; if its source changed too,
  that is reported as a conflict, and ``take_new`` takes the new version after
  saving the edit beside it as ``<name>.md.orig``;
- an article whose source vanished stays, and is reported;
- nothing is deleted.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import GeneratorError, InputError
from generator.frontmatter import dump_article, ingest_meta, is_edited, load_article
from generator.ingest.decode import decode_source
from generator.ingest.pipeline import ingest_part, part_fingerprint
from generator.ingest.report import render_report
from generator.ingest.split import split_source
from generator.knowledge import Knowledge, load_knowledge
from generator.model import Article, Registry
from generator.registry import load_registry
from generator.slugs import article_stem

REPORT_NAME = "ingest-report.md"
SOURCE_SUFFIXES = (".txt", ".md", ".text")


@dataclass(frozen=True)
class Existing:
    """An article file already in ``articles/``."""

    stem: str
    text: str


@dataclass(frozen=True)
class IngestReport:
    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    #: Articles kept because a person edited them while their source changed.
    conflicts: tuple[str, ...] = ()
    #: Articles whose source file or part is gone; kept in place.
    orphaned: tuple[str, ...] = ()
    backups: tuple[str, ...] = ()
    errors: tuple[GeneratorError, ...] = ()
    #: Every article now in the folder (stem -> article), for the per-article review list.
    articles: tuple[Article, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class IngestPlan:
    writes: tuple[tuple[str, str], ...]  # (file name under articles/, text)
    report: IngestReport
    report_text: str
    backups: tuple[tuple[str, str], ...] = field(default=())  # (file name, the edited text)


def _context_fingerprint(registry: Registry, knowledge: Knowledge) -> str:
    return hashlib.sha256(repr((registry, getattr(knowledge, "fingerprint", ""))).encode("utf-8")).hexdigest()


def _index_existing(existing: Iterable[Existing], errors: list[GeneratorError]
                    ) -> tuple[dict[tuple[str, int], Existing], dict[str, Article]]:
    by_source: dict[tuple[str, int], Existing] = {}
    loaded: dict[str, Article] = {}
    for item in existing:
        try:
            article = load_article(item.text, f"articles/{item.stem}.md")
        except InputError as err:
            errors.append(err)
            continue
        loaded[item.stem] = article
        key = (article.source_file, article.source_part)
        # Two files claiming one source part: the first by name is the article of record.
        by_source.setdefault(key, item)
    return by_source, loaded


def plan_ingest(sources: Mapping[str, bytes], existing: Iterable[Existing], registry: Registry,
                knowledge: Knowledge, *, take_new: bool = False, progress=None) -> IngestPlan:
    errors: list[GeneratorError] = []
    by_source, loaded = _index_existing(existing, errors)
    taken = set(loaded) | {stem for stem in (e.stem for e in by_source.values())}
    context = _context_fingerprint(registry, knowledge)

    writes: list[tuple[str, str]] = []
    backups: list[tuple[str, str]] = []
    written: list[str] = []
    unchanged: list[str] = []
    conflicts: list[str] = []
    seen: set[tuple[str, int]] = set()
    final: dict[str, Article] = dict(loaded)

    for name in sorted(sources):
        try:
            text, _encoding = decode_source(sources[name], f"sources/{name}")
            parts = split_source(name, text)
        except GeneratorError as err:
            errors.append(err)
            continue
        for part in parts:
            key = (name, part.part)
            seen.add(key)
            fingerprint = part_fingerprint(part, context)
            old = by_source.get(key)
            # Decide before extracting: an unchanged or protected part costs a split, not an extraction.
            if old is not None:
                meta = ingest_meta(old.text) or {}
                if meta.get("source_sha256") == fingerprint:
                    unchanged.append(old.stem)
                    continue
                if is_edited(old.text) and not take_new:
                    conflicts.append(old.stem)
                    continue
            try:
                article = ingest_part(part, registry, knowledge)
            except Exception as err:  # an extractor bug must not cost the rest of the corpus
                errors.append(InputError(f"ingest failed: {type(err).__name__}: {err}", f"sources/{name}",
                                         line=part.line, hint="please report this with the file attached"))
                continue
            if old is not None:
                if is_edited(old.text):
                    backups.append((f"{old.stem}.md.orig", old.text))
                # Keep the file name (and so the URL) an article was first published under.
                article = replace(article, slug=old.stem)
            else:
                article = replace(article, slug=article_stem(article.date.date, article.title,
                                                             frozenset(taken)))
                taken.add(article.slug)
            writes.append((f"{article.slug}.md", dump_article(article, fingerprint)))
            written.append(article.slug)
            final[article.slug] = article
        if progress:
            progress()

    failed = {getattr(err, "path", None) for err in errors}
    orphaned = sorted(item.stem for key, item in by_source.items()
                      if key not in seen and f"sources/{key[0]}" not in failed)
    report = IngestReport(
        written=tuple(written), unchanged=tuple(unchanged), conflicts=tuple(conflicts),
        orphaned=tuple(orphaned), backups=tuple(b for b, _ in backups), errors=tuple(errors),
        articles=tuple(final[s] for s in sorted(final)),
    )
    return IngestPlan(tuple(writes), report, render_report(report), tuple(backups))


# --- the part that touches the disk --------------------------------------


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temp file and rename; False when the file already holds it."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def read_sources(sources_dir: Path) -> dict[str, bytes]:
    if not sources_dir.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(sources_dir.iterdir())
            if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES and not p.name.startswith(".")}


def read_existing(articles_dir: Path) -> list[Existing]:
    if not articles_dir.is_dir():
        return []
    return [Existing(p.stem, p.read_text(encoding="utf-8", errors="replace"))
            for p in sorted(articles_dir.glob("*.md"))]


def ingest_content(content_dir: Path, *, take_new: bool = False, quiet: bool = False) -> IngestReport:
    """Ingest ``content_dir/sources`` into ``content_dir/articles`` and write the report."""
    registry = load_registry(content_dir)  # a broken registry stops ingest: RegistryError
    knowledge = load_knowledge()
    sources = read_sources(content_dir / "sources")
    bar = None
    if not quiet and len(sources) > 50 and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(sources), unit="file", desc="ingest", leave=False)
    try:
        plan = plan_ingest(sources, read_existing(content_dir / "articles"), registry, knowledge,
                           take_new=take_new, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    articles_dir = content_dir / "articles"
    for name, text in plan.backups:
        write_atomic(articles_dir / name, text)
    for name, text in plan.writes:
        write_atomic(articles_dir / name, text)
    write_atomic(content_dir / REPORT_NAME, plan.report_text)
    return plan.report
