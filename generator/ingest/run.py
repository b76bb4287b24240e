"""The curation loop: decide which articles to write, then write them atomically.

``plan_ingest`` is pure: given the raw sources, the articles already on disk
and the registries, it returns the files to write and a report.  Only
``ingest_content`` reads and writes the content folder.

The rules a person relies on:
- unchanged inputs leave every file byte-identical;
- an article a person edited is never overwritten; if its source changed too,
  that is reported as a conflict, and ``take_new`` takes the new version after
  saving the edit's bytes beside it as ``<name>.md.orig`` (then ``<name>.md.1.orig``,
  ``<name>.md.2.orig`` ...: no backup is ever overwritten);
- an article saved while ingest runs is a conflict too: each file is compared
  with what was read right before it is replaced (generator.atomic);
- nothing is read from outside ``sources/`` and ``articles/`` (generator.confined);
- an article whose source vanished stays, and is reported;
- an article a person deleted while its source is still there stays deleted: ingest records it
  under ``removed:`` in ``ingest-state.yaml`` (generator.ingest_state) and reports it, and
  ``restore`` (``ingest --restore NAME``) brings it back;
- a person's ``draft: true`` survives a new version of the article;
- nothing is deleted.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal

from generator import atomic, executor, lexicon
from generator.confined import Refused, read_inside
from generator.curation import curate
from generator.errors import GeneratorError, InputError, RegistryError, SourceError
from generator.frontmatter import dump_article, is_edited, load_article_and_meta
from generator.ingest import readers
from generator.ingest.pipeline import ingest_part, part_fingerprint
from generator.ingest.report import IngestReport, render_report, review_of
from generator.ingest_state import (
    MAX_STATE_BYTES,
    STATE_NAME,
    Entry,
    Key,
    State,
    by_key,
    dump_state,
    load_state,
    restore_removed,
    text_digest,
)
from generator.knowledge import Knowledge, load_knowledge
from generator.model import Article, Note, RawPart, Registry
from generator.registry import load_registry
from generator.site.builder import RACY_SECONDS
from generator.site.cache import load_ingest_record, save_ingest_record, stat_digest
from generator.site.load import read_article_file
from generator.slugs import unique_stem
from generator.suggest import SUGGESTED_NAME, suggest_topics, suggested_yaml

REPORT_NAME = "ingest-report.md"
SOURCE_SUFFIXES = readers.SUFFIXES
#: Sources from which ``plan_ingest`` spreads the work over processes by default.  Below it a
#: pool's start-up (and the tests' many small corpora) costs more than it saves.
PARALLEL_MIN_SOURCES = 48
#: Sources a worker takes at a time: big enough that sending them costs little, small enough
#: that both cores stay busy to the end of the corpus.
_CHUNK_MAX = 16

@dataclass(frozen=True)
class Existing:
    """An article file already in ``articles/``."""

    stem: str
    text: str
    #: sha256 of the file's bytes when read: it is replaced only while it still holds them.
    sha256: str | None = None
    #: The file could not be read (a link out of the folder, too large): it is a person's all the same.
    error: GeneratorError | None = None


@dataclass(frozen=True)
class IngestPlan:
    writes: tuple[tuple[str, str], ...]  # (file name under articles/, text)
    report: IngestReport
    report_text: str
    #: Article files (under articles/) to keep a numbered backup of when they are replaced.
    backups: tuple[str, ...] = field(default=())
    #: (file name, sha256 of the bytes read, or ``atomic.ABSENT`` for a new file) for each write.
    expected: tuple[tuple[str, str], ...] = field(default=())
    #: The record of what ingest wrote and what the person removed, after this run.
    state: State = field(default=State())
    #: The same before the writes: only the articles already on disk.  Written first, so that a
    #: run stopped midway (a full disk) has recorded removals and no article it did not write.
    state_before: State = field(default=State())


def _context_fingerprint(registry: Registry) -> str:
    # The lexicon's fingerprint: every data file and package version the knowledge is made from.
    return hashlib.sha256(repr((registry, lexicon.fingerprint())).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Loaded:
    """An article file read back: the article and the ``source_sha256`` it was written from."""

    article: Article | None
    source_sha256: str | None = None
    error: GeneratorError | None = None


def _load_existing(item: Existing) -> _Loaded:
    if item.error is not None:
        return _Loaded(None, error=item.error)
    try:
        article, meta = load_article_and_meta(item.text, f"articles/{item.stem}.md")
    except InputError as err:
        return _Loaded(None, error=err)
    return _Loaded(article, (meta or {}).get("source_sha256"))


def _index_existing(existing: Sequence[Existing], loaded_each: Iterable[_Loaded], errors: list[GeneratorError]
                    ) -> tuple[dict[tuple[str, int], Existing], dict[str, Article], dict[str, str | None]]:
    """(article of record per source part, every readable article, its ``source_sha256`` per stem)."""
    by_source: dict[tuple[str, int], Existing] = {}
    loaded: dict[str, Article] = {}
    hashes: dict[str, str | None] = {}
    for item, result in zip(existing, loaded_each, strict=True):
        if result.article is None:
            assert result.error is not None
            errors.append(result.error)
            continue
        article = result.article
        loaded[item.stem] = article
        hashes[item.stem] = result.source_sha256
        key = (article.source_file, article.source_part)
        # Two files claiming one source part: the first by name is the article of record.
        by_source.setdefault(key, item)
    return by_source, loaded, hashes


@dataclass(frozen=True)
class _Outcome:
    """What became of one part of a source: decided against the article already written for it."""

    part: RawPart
    fingerprint: str
    kind: Literal["unchanged", "conflict", "extracted", "failed", "removed"]
    article: Article | None = None
    #: The article file's text.  It does not depend on the slug, which the planner settles.
    text: str = ""
    #: A person edited the article written before (it gets a ``.md.orig`` backup when replaced).
    edited: bool = False
    error: GeneratorError | None = None
    #: The part's text (state.text_digest), for the record in ``ingest-state.yaml``.
    digest: str = ""


@dataclass(frozen=True)
class _SourceResult:
    name: str
    outcomes: tuple[_Outcome, ...] = ()
    #: The source could not be decoded or split; nothing of it was ingested.
    error: GeneratorError | None = None
    #: Entries of the source that could not be read (a feed's entry without text); the rest was.
    errors: tuple[GeneratorError, ...] = ()


@dataclass(frozen=True)
class _Job:
    """One source to ingest, with the article already written for each of its parts."""

    name: str
    #: The source's bytes, or why they were not read.
    data: bytes | GeneratorError
    #: (part, the article file's text, the ``source_sha256`` it was written from, its ``draft``)
    previous: tuple[tuple[int, str, str | None, bool], ...] = ()
    #: Parts whose article the person deleted: neither extracted nor written.
    removed: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Context:
    """What every source's extraction reads: sent to each worker once, not with every source."""

    registry: Registry
    knowledge: Knowledge
    fingerprint: str
    take_new: bool


def _ingest_source(job: _Job, ctx: _Context) -> _SourceResult:
    """Decode, split and extract one source.  Never raises for a bad input: the error names the file."""
    path = f"sources/{job.name}"
    if isinstance(job.data, GeneratorError):
        return _SourceResult(job.name, error=job.data)
    try:
        reading = readers.read_source(job.name, job.data, path)
    except GeneratorError as err:
        if err.path == job.name:  # the splitter knows the file by its name alone
            err.path = path
        return _SourceResult(job.name, error=err)
    except Exception as err:  # a splitter bug must not cost the rest of the corpus
        return _SourceResult(job.name, error=InputError(f"ingest failed: {type(err).__name__}: {err}", path,
                                                        hint="please report this with the file attached"))
    parts, encoding = reading.parts, reading.encoding
    previous = {part: (text, sha, draft) for part, text, sha, draft in job.previous}
    outcomes: list[_Outcome] = []
    for part in parts:
        fingerprint = part_fingerprint(part, ctx.fingerprint)
        digest = text_digest(part)
        if part.part in job.removed:
            outcomes.append(_Outcome(part, fingerprint, "removed", digest=digest))
            continue
        old = previous.get(part.part)
        edited = draft = False
        # Decide before extracting: an unchanged or protected part costs a split, not an extraction.
        if old is not None:
            old_text, old_sha, draft = old
            if old_sha == fingerprint:
                outcomes.append(_Outcome(part, fingerprint, "unchanged", digest=digest))
                continue
            edited = is_edited(old_text)
            if edited and not ctx.take_new:
                outcomes.append(_Outcome(part, fingerprint, "conflict", digest=digest))
                continue
        try:
            article = ingest_part(part, ctx.registry, ctx.knowledge)
            if draft:  # the person's decision outlives the version it was made on
                article = replace(article, draft=True)
            if encoding is not None and encoding not in _UTF8:
                # Said where the person reviews the article: a wrong guess shows in its accents.
                note = Note("source", 0, f"source read as {_encoding_name(encoding)}, not UTF-8: "
                                         "check its accented letters")
                article = replace(article, review=(*article.review, note))
            text = dump_article(article, fingerprint)
        except Exception as err:  # an extractor bug must not cost the rest of the corpus
            outcomes.append(_Outcome(part, fingerprint, "failed", error=InputError(
                f"ingest failed: {type(err).__name__}: {err}", path, line=part.line,
                hint="please report this with the file attached")))
            continue
        outcomes.append(_Outcome(part, fingerprint, "extracted", article, text, edited, digest=digest))
    return _SourceResult(job.name, tuple(outcomes), errors=reading.errors)


_UTF8 = frozenset({"utf-8", "utf-8-sig", "ascii"})
_ENCODING_NAMES = {"cp1252": "Windows-1252 (cp1252)", "latin_1": "Latin-1 (ISO-8859-1)",
                   "iso8859_15": "ISO-8859-15", "cp1250": "Windows-1250", "iso8859_2": "ISO-8859-2",
                   "cp1251": "Windows-1251"}


def _encoding_name(codec: str) -> str:
    return _ENCODING_NAMES.get(codec, codec)


# --- spreading the sources over processes ------------------------------------

_worker_context: _Context | None = None


def _start_worker(ctx: _Context) -> None:
    global _worker_context
    _worker_context = ctx


def _ingest_in_worker(job: _Job) -> _SourceResult:
    assert _worker_context is not None, "the pool's initializer sets the context"
    return _ingest_source(job, _worker_context)


def _workers(requested: int | None, sources: int) -> int:
    if requested is not None:
        return max(1, requested)
    return 1 if sources < PARALLEL_MIN_SOURCES else executor.cpus()


def plan_ingest(sources: Mapping[str, bytes | GeneratorError], existing: Iterable[Existing],
                registry: Registry,
                knowledge: Knowledge, *, take_new: bool = False, progress: Callable[[], object] | None = None,
                workers: int | None = None, state: State | None = None,
                prefer: Mapping[Key, str] | None = None) -> IngestPlan:
    """The files to write and the report, from the raw sources and the articles on disk.

    ``state`` is the record of the previous run (``ingest-state.yaml``): an article it lists
    whose file is gone was deleted by the person and is not written again.  ``prefer`` names
    the file a new article of a source part should get when it is free (a restored article's).

    ``workers`` processes share the sources (default: one per core from
    :data:`PARALLEL_MIN_SOURCES` sources on, else 1, which works in this process).  The plan
    does not depend on it: results are put together in the sources' order, as one process would.
    """
    ctx = _Context(registry, knowledge, _context_fingerprint(registry), take_new)
    with executor.Executor(_workers(workers, len(sources)), initializer=_start_worker,
                           initargs=(ctx,)) as pool:
        return _plan(sources, tuple(existing), ctx, pool, progress, state or State(), prefer or {})


def _plan(sources: Mapping[str, bytes | GeneratorError], existing: Sequence[Existing], ctx: _Context,
          pool: executor.Executor,
          progress: Callable[[], object] | None, state: State, prefer: Mapping[Key, str]) -> IngestPlan:
    errors: list[GeneratorError] = []
    # Reading every article back costs as much as splitting its source: the workers share it too.
    by_source, loaded, hashes = _index_existing(
        existing, pool.map(_load_existing, existing, chunk_max=_CHUNK_MAX), errors)
    # Files whose front-matter a person broke: unreadable, but theirs all the same.
    unreadable = {e.stem.casefold() for e in existing if e.stem not in loaded}
    taken = set(loaded) | {stem for stem in (e.stem for e in by_source.values())}
    used = {stem.casefold() for stem in taken}
    known = by_key(state.articles)
    # No article at all (a new folder, or a person emptied it to start over): every article is
    # written again, but for those recorded as removed.
    gone = _gone(state, known if existing else {}, by_source, {e.stem.casefold() for e in existing})
    # A deleted article's name is not given to another: its URL was the deleted article's.
    used |= {e.slug.casefold() for e in gone.values()}
    prefer = {**{key: e.slug for key, e in known.items()}, **prefer}

    previous: dict[str, list[tuple[int, str, str | None, bool]]] = {}
    for (name, part_number), item in sorted(by_source.items()):
        previous.setdefault(name, []).append((part_number, item.text, hashes[item.stem],
                                              loaded[item.stem].draft))
    removed_parts: dict[str, set[int]] = {}
    for name, part_number in gone:
        removed_parts.setdefault(name, set()).add(part_number)
    jobs = [_Job(name, sources[name], tuple(previous.get(name, ())), frozenset(removed_parts.get(name, ())))
            for name in sorted(sources)]

    writes: list[tuple[str, str]] = []
    backups: list[str] = []
    expected: list[tuple[str, str]] = []
    written: list[str] = []
    unchanged: list[str] = []
    conflicts: list[str] = []
    seen: set[tuple[str, int]] = set()
    final: dict[str, Article] = dict(loaded)
    recorded: dict[Key, Entry] = {}
    removed: dict[Key, Entry] = {}
    changed: list[str] = []

    results = list(pool.map(_ingest_in_worker, jobs, local=partial(_ingest_source, ctx=ctx),
                            chunk_max=_CHUNK_MAX, tick=progress))
    # Settled over the whole corpus, so one story in two feeds is one article whichever is read first.
    copies = readers.duplicates(o.part for r in results for o in r.outcomes)
    duplicates = [_duplicate_note(part, copies[(part.source_file, part.part)])
                  for r in results for part in (o.part for o in r.outcomes)
                  if (part.source_file, part.part) in copies]
    for result in results:
        errors.extend(result.errors)
        if result.error is not None:
            errors.append(result.error)
            continue
        for outcome in result.outcomes:
            key = (result.name, outcome.part.part)
            if key in copies:
                continue  # its article, if one was written before the other copy came, is orphaned
            seen.add(key)
            old = by_source.get(key)
            if outcome.kind == "removed":
                removed[key] = gone[key]
                if outcome.digest != gone[key].text:
                    changed.append(gone[key].slug)
                continue
            if outcome.kind == "unchanged":
                assert old is not None
                unchanged.append(old.stem)
                recorded[key] = Entry(old.stem, *key, outcome.digest)
                continue
            if outcome.kind == "conflict":
                assert old is not None
                conflicts.append(old.stem)
                # The file still holds what an earlier text made: that text's digest, when known.
                recorded[key] = Entry(old.stem, *key, known[key].text if key in known else outcome.digest)
                continue
            if outcome.kind == "failed":
                assert outcome.error is not None
                errors.append(outcome.error)
                continue
            article = outcome.article
            assert article is not None
            if old is not None:
                if outcome.edited:
                    backups.append(f"{old.stem}.md")
                # Keep the file name (and so the URL) an article was first published under.
                article = replace(article, slug=old.stem)
            else:
                stem = prefer.get(key, "")
                if not stem or stem.casefold() in used:
                    stem = unique_stem(article.date.date, article.title, used)
                if stem.casefold() in unreadable:
                    # Its file is one a person broke (reported above): the new version waits until
                    # they fix it, rather than writing over their edit.
                    conflicts.append(stem)
                    continue
                article = replace(article, slug=stem)
                taken.add(article.slug)
                used.add(article.slug.casefold())
            writes.append((f"{article.slug}.md", outcome.text))
            if old is None:
                expected.append((f"{article.slug}.md", atomic.ABSENT))
            elif old.sha256 is not None:
                expected.append((f"{article.slug}.md", old.sha256))
            written.append(article.slug)
            final[article.slug] = article
            recorded[key] = Entry(article.slug, *key, outcome.digest)

    failed = {getattr(err, "path", None) for err in errors}
    orphaned = sorted(item.stem for key, item in by_source.items()
                      if key not in seen and f"sources/{key[0]}" not in failed)
    new_state = _new_state(state, recorded, removed, by_source, {e.stem.casefold() for e in existing},
                           {path for path in failed if path})
    report = _reviewed(IngestReport(
        written=tuple(written), unchanged=tuple(unchanged), conflicts=tuple(conflicts),
        orphaned=tuple(orphaned), removed=tuple(sorted(e.slug for e in removed.values())),
        removed_changed=tuple(sorted(changed)), errors=tuple(errors), duplicates=tuple(duplicates),
        articles=tuple(final[s] for s in sorted(final)),
    ), ctx.registry, ctx.knowledge)
    on_disk = {e.stem for e in existing}
    before = replace(new_state, articles=tuple(e for e in new_state.articles if e.slug in on_disk))
    return IngestPlan(tuple(writes), report, render_report(report), tuple(backups), tuple(expected),
                      new_state, before)


def _gone(state: State, known: Mapping[Key, Entry], by_source: Mapping[Key, Existing],
          present: set[str]) -> dict[Key, Entry]:
    """The source parts whose article the person deleted: recorded, and no file holds it any more.

    A file a person broke (unreadable, so in no ``by_source``) still holds it: it is not deleted.
    """
    out = {}
    for key, entry in (*by_key(state.removed).items(), *known.items()):
        if key not in by_source and entry.slug.casefold() not in present:
            out.setdefault(key, entry)
    return out


def _new_state(state: State, recorded: Mapping[Key, Entry], removed: Mapping[Key, Entry],
               by_source: Mapping[Key, Existing], present: set[str], failed: set[str]) -> State:
    """The record after this run.  A part not read this time keeps its entry while its source
    could not be read or its article is still there; a part gone with its article is forgotten:
    nothing is left to keep deleted, and a source put back is the person's wish to see it."""
    articles, gone = dict(recorded), dict(removed)
    for section, entries in ((articles, state.articles), (gone, state.removed)):
        for entry in entries:
            key = entry.key
            if key in recorded or key in removed:
                continue
            if key in by_source:  # its article is there, perhaps renamed: orphaned or a duplicate's
                articles[key] = replace(entry, slug=by_source[key].stem)
            elif f"sources/{key[0]}" in failed or entry.slug.casefold() in present:
                section[key] = entry
    return State(articles=tuple(articles.values()), removed=tuple(gone.values()))


def _reviewed(report: IngestReport, registry: Registry, knowledge: Knowledge) -> IngestReport:
    """*report* with its review: of the articles as the site will show them, the registry applied
    to edited articles too (generator.curation)."""
    articles = curate(report.articles, registry)
    review = review_of(articles, registry, knowledge)
    junk = {f.name for p in review.junk for f in p.names}
    return replace(report, review=review, suggested=suggest_topics(articles, junk))


def _duplicate_note(part: RawPart, kept: RawPart) -> str:
    return (f"sources/{part.source_file} {_entry_name(part)}: the same story (URL) as "
            f"sources/{kept.source_file} {_entry_name(kept)}; skipped")


def _entry_name(part: RawPart) -> str:
    return f"entry {part.part}" if part.reader == "feed" else f"part {part.part}"


# --- the part that touches the disk --------------------------------------


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temp file and rename; False when the file already holds it."""
    done = atomic.write_files(path.parent, [atomic.Replacement(path.name, text.encode("utf-8"))])
    return bool(done.written)


def _source_names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            # Regular files and links (a link is judged when read); a folder or a FIFO is no source.
            return sorted(e.name for e in entries
                          if _file_or_link(e) and not e.name.startswith(".")
                          and os.path.splitext(e.name)[1].lower() in SOURCE_SUFFIXES)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _file_or_link(entry: os.DirEntry[str]) -> bool:
    return entry.is_symlink() or entry.is_file(follow_symlinks=False)


def read_sources(sources_dir: Path) -> dict[str, bytes | GeneratorError]:
    """Each source's bytes, or the error that kept it unread (a link out of the folder, too large)."""
    found: dict[str, bytes | GeneratorError] = {}
    for name in _source_names(sources_dir):
        shown = f"sources/{name}"
        reader = readers.reader_for(name)
        try:
            found[name] = read_inside(sources_dir / name, sources_dir, reader.max_bytes or 0,
                                      limit_hint=reader.too_large_hint, too_large="too large to ingest")
        except Refused as exc:
            found[name] = SourceError(exc.message, shown, hint=exc.hint)
        except OSError as exc:
            found[name] = SourceError(f"cannot read: {exc.strerror or exc}", shown)
    return found


def read_existing(articles_dir: Path) -> list[Existing]:
    """Every article file, with the hash of its bytes (or the error that kept it unread)."""
    existing = []
    for name in _article_names(articles_dir):
        stem = name[:-3]
        try:
            data = read_article_file(articles_dir / name, f"articles/{name}")
        except GeneratorError as err:
            existing.append(Existing(stem, "", error=err))
            continue
        except OSError as exc:
            existing.append(Existing(stem, "", error=InputError(f"cannot read: {exc.strerror or exc}",
                                                                f"articles/{name}")))
            continue
        existing.append(Existing(stem, data.decode("utf-8", errors="replace"), atomic.sha256(data)))
    return existing


def _article_names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries
                          if e.name.endswith(".md") and _file_or_link(e))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _as_written(plan: IngestPlan, done: atomic.Written) -> IngestReport:
    """The plan's report, told what the writer did: articles saved meanwhile are conflicts."""
    report = plan.report
    late = {name[:-3] for name in done.conflicts}
    if not late and not done.backups:
        return report
    return replace(report, written=tuple(s for s in report.written if s not in late),
                   conflicts=(*report.conflicts, *sorted(late)), backups=done.backups,
                   articles=tuple(a for a in report.articles if a.slug not in late))


def _read_state(content_dir: Path) -> tuple[State, str]:
    """``ingest-state.yaml`` and the sha256 of its bytes (``atomic.ABSENT`` when there is none)."""
    path = content_dir / STATE_NAME
    try:
        data = read_inside(path, content_dir, MAX_STATE_BYTES)
    except FileNotFoundError:
        return State(), atomic.ABSENT
    except Refused as exc:
        raise RegistryError(exc.message, path, hint=exc.hint) from None
    except OSError as exc:
        raise RegistryError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RegistryError.not_utf8(exc, data, path) from None
    return load_state(text, path), atomic.sha256(data)


def _write_state(content_dir: Path, state: State, expected: str,
                 problems: list[GeneratorError]) -> str | None:
    """Write the record unless a person saved it since it was read; the sha256 of its bytes then."""
    data = dump_state(state).encode("utf-8")
    kept = atomic.write_files(content_dir, [atomic.Replacement(STATE_NAME, data, expected)])
    if kept.conflicts:
        problems.append(InputError("changed while ingest ran; kept as you saved it, and this run's "
                                   "record of deleted articles was not written", STATE_NAME,
                                   hint="run ingest again"))
        return None
    return atomic.sha256(data)


def ingest_content(content_dir: Path, *, take_new: bool = False, quiet: bool = False,
                   workers: int | None = None, restore: Sequence[str] = (),
                   cache_dir: Path | None = None) -> IngestReport:
    """Ingest ``content_dir/sources`` into ``content_dir/articles`` and write the report.

    ``workers``: processes to spread the sources over (see :func:`plan_ingest`).  ``restore``:
    names of deleted articles (``removed:`` in ``ingest-state.yaml``) to write again.
    ``cache_dir``: where the last run's report is kept with a digest of the stat of every
    input (sources, articles, registries, the record, the report, the code): when they are all
    as that run left them, having written nothing, it is returned again without reading anything.
    Its articles are without their bodies, as a record need not hold every text twice.
    """
    manifest = _input_manifest(content_dir, take_new) if cache_dir is not None and not restore else None
    if manifest is not None:
        kept = load_ingest_record(cache_dir, manifest)
        if isinstance(kept, IngestReport):
            return kept
    report = _ingest_content(content_dir, take_new=take_new, quiet=quiet, workers=workers, restore=restore)
    if manifest is not None and not (report.written or report.backups or report.errors) \
            and manifest == _input_manifest(content_dir, take_new):  # nothing changed while it ran
        save_ingest_record(cache_dir, manifest, replace(
            report, articles=tuple(replace(a, body="") for a in report.articles)))
    return report


def _input_manifest(content_dir: Path, take_new: bool) -> str | None:
    paths = [os.path.join(content_dir, name)
             for name in ("actors.yaml", "topics.yaml", STATE_NAME, REPORT_NAME)]
    for folder in ("sources", "articles"):
        root = os.path.join(content_dir, folder)
        paths.append(root)
        for name in (_source_names if folder == "sources" else _article_names)(Path(root)):
            paths.append(os.path.join(root, name))
    stats = stat_digest(paths, time.time(), RACY_SECONDS)
    return None if stats is None else f"{take_new}:{stats}"


def _ingest_content(content_dir: Path, *, take_new: bool, quiet: bool, workers: int | None,
                    restore: Sequence[str]) -> IngestReport:
    registry = load_registry(content_dir)  # a broken registry stops ingest: RegistryError
    state, state_sha = _read_state(content_dir)  # so does a broken record
    state, back, unknown = restore_removed(state, restore)
    knowledge = load_knowledge()
    sources = read_sources(content_dir / "sources")
    bar = None
    if not quiet and len(sources) > 50 and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(sources), unit="file", desc="ingest", leave=False)
    try:
        plan = plan_ingest(sources, read_existing(content_dir / "articles"), registry, knowledge,
                           take_new=take_new, progress=bar.update if bar else None, workers=workers,
                           state=state, prefer={e.key: e.slug for e in back})
    finally:
        if bar:
            bar.close()
    problems = [InputError(f"--restore {name}: no article of that name is listed under `removed:`",
                           STATE_NAME, hint="`python build.py ingest --restore NAME` takes a name from there")
                for name in unknown]
    state_sha = _write_state(content_dir, plan.state_before, state_sha, problems)
    expected, backups = dict(plan.expected), set(plan.backups)
    done = atomic.write_files(content_dir / "articles", [
        atomic.Replacement(name, text.encode("utf-8"), expected.get(name), name in backups)
        for name, text in plan.writes])
    report = _as_written(plan, done)
    if state_sha is not None:
        _write_state(content_dir, plan.state, state_sha, problems)
    if problems:
        report = replace(report, errors=(*report.errors, *problems))
    text = plan.report_text if report is plan.report else render_report(report)
    write_atomic(content_dir / REPORT_NAME, text)
    write_atomic(content_dir / SUGGESTED_NAME, suggested_yaml(report.suggested))
    return report
