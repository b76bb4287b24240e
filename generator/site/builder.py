"""``build_site``: content folder + site.yaml + templates -> the static site.

    load config -> load registry -> load articles (cached by content hash)
      -> Site (model.py) -> plan pages (pages.py) + static files + data exports
      -> render the pages whose fingerprint changed (render.py) -> write (write.py)
      -> Pagefind index (search.py)

A cold build finds each article's parse in the persistent cache (cache.py) when
the file is as it was, and plans, renders and writes the pages in one forked
worker per core, each taking every n-th page (the output is the same bytes).

Every page is a function of its inputs, and an incremental build (one given
the previous build's state) reuses what a function of unchanged inputs made:

- an article file whose stat is unchanged (and old enough that an edit within
  the file system's clock tick cannot hide) is not read again; one whose text
  hashes the same is not parsed again; the registry is parsed again only when
  its files' bytes changed;
- the model is rebuilt only when the config, the registry or some article's
  front-matter changed: it does not depend on the bodies.  When it is equal,
  only the pages that show bodies are planned again (pages.plan_body_pages),
  the rest keep their fingerprints;
- otherwise every page is planned and fingerprinted, and only pages whose
  fingerprint changed are rendered and written.

So an incremental build is right first and fast second.  A site-wide error
(config, registry, template) writes nothing; a broken article is reported and
skipped.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path

import jinja2

from generator import executor, progress
from generator.config import SiteConfig, load_config, normalise_base_url
from generator.confined import inside
from generator.curation import curate_article, curation_of
from generator.errors import ArticleError, ConfigError, GeneratorError, InputError, SiteError
from generator.model import Article, Registry
from generator.outdir import check_replaceable
from generator.registry import load_suggested_topics
from generator.site import load, workers
from generator.site.cache import ArticleCache, entry_key, load_build_record, save_build_record, stat_digest
from generator.site.exports import exports
from generator.site.markdown import ActorLink, render_body
from generator.site.model import Site, build_site_model
from generator.site.pages import TEMPLATES, Page, Views, fingerprint, iter_pages, plan_body_pages
from generator.site.render import (
    TemplateDigests,
    check_templates,
    event_renderer,
    make_environment,
    refused_links,
    render_chunks,
    static_search_path,
    template_search_path,
    template_snapshot,
)
from generator.site.search import index_site, index_site_later
from generator.site.write import (
    PendingReplacements,
    discard,
    remove_files,
    remove_temporaries,
    staging_dir,
    swap_in,
)
from generator.suggest import SUGGESTED_NAME
from generator.urls import UnsafePathError, Urls, route_for, safe_segment


@dataclass(frozen=True)
class BuildSettings:
    content_dir: Path
    out_dir: Path
    config_path: Path
    #: Overrides site.yaml's base_url (serve uses a local one).
    base_url: str | None = None
    #: User override folders searched before the package's templates/.
    template_dirs: tuple[Path, ...] = ()
    #: serve: the page is a live preview (serve injects the livereload client itself).
    live_reload: bool = False
    #: Where parsed articles are kept between runs (cache.py); None: nowhere.
    cache_dir: Path | None = None


@dataclass(frozen=True)
class BuildState:
    """What one build hands the next so it can skip unchanged work."""

    out_dir: Path
    #: Output path -> fingerprint of what is on disk.
    fingerprints: dict[str, str] = field(default_factory=dict, hash=False)
    #: sha256 of an article file's text -> the parsed article, and the same without its body.
    articles: dict[str, tuple[Article, Article]] = field(default_factory=dict, hash=False)
    #: sha256 of (body, actor links) -> rendered HTML.
    bodies: dict[str, str] = field(default_factory=dict, hash=False)
    #: Article file -> (its stat, the key of its text in ``articles``), for files safe to trust by stat.
    files: dict[str, tuple[tuple[int, int, int], str]] = field(default_factory=dict, hash=False)
    #: The registry files' bytes and what they parsed to.
    registry: tuple[tuple[bytes | None, ...], Registry] | None = field(default=None, hash=False)
    #: What the model and every page but the body pages were made from, and what they made.
    plan: _Plan | None = field(default=None, hash=False)
    #: The Jinja environment (compiled templates, rendered events) and what it was made for.
    env: tuple[tuple[object, ...], jinja2.Environment] | None = field(default=None, hash=False)
    #: How the events' buckets grouped (events.merge_events); None: read the cache's.
    merge_memo: dict[str, tuple[tuple[int, ...], ...]] | None = field(default=None, hash=False)
    #: id of a parsed article -> (it, the registry, it and its body-less copy curated by that registry).
    curated: dict[int, tuple[Article, Registry, Article, Article]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class _Plan:
    #: (config, registry, each article without its body, live_reload, template snapshot).
    key: tuple[object, ...] = field(hash=False)
    site: Site = field(hash=False)
    #: Output path -> fingerprint of every planned page but the static files.
    fingerprints: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    #: Output-relative paths (re)written this run, sorted.
    written: tuple[str, ...]
    removed: tuple[str, ...]
    errors: tuple[GeneratorError, ...]
    warnings: tuple[str, ...]
    #: Pass back in for incremental rebuilds.
    state: BuildState
    #: How many articles the site holds (0 when the build failed).
    articles: int = 0


# --- steps ---------------------------------------------------------------------


def read_config(settings: BuildSettings) -> SiteConfig:
    config = load_config(settings.config_path)
    if settings.base_url:
        base_url = normalise_base_url(settings.base_url, lambda m: ConfigError(m, "--base-url"))
        config = replace(config, base_url=base_url)
    return config


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


#: An article file modified less than this before it was read is read again next time even if its
#: stat looks unchanged: a second edit within the file system's timestamp tick would not show.
RACY_SECONDS = 2.0


def read_articles(
    content_dir: Path,
    cache: dict[str, tuple[Article, Article]],
    files: dict[str, tuple[tuple[int, int, int], str]] | None = None,
    stored: ArticleCache | None = None,
) -> tuple[tuple[tuple[Article, Article], ...], tuple[ArticleError, ...], dict[str, tuple[Article, Article]]]:
    """Parse every article file, reusing parses of unchanged text; broken files become errors.

    Each article comes with a copy without its body (what the model is made of).
    With ``files`` (the previous build's stats), a file whose stat is unchanged is
    not read; ``files`` is updated in place for the next build.  A parse neither
    in ``cache`` nor in ``stored`` (the persistent cache) is made and stored.
    """
    stored = stored or ArticleCache(None)
    errors: list[ArticleError] = []
    old_files = dict(files or {})
    if files is not None:
        files.clear()
    # First every file's text (or its stat-trusted key), then the parses the cache lacks, all at
    # once so that they can be spread over the cores; then the articles in file order.
    found: list[tuple[str, str, tuple[int, int, int], bool] | ArticleError] = []
    jobs: dict[str, tuple[str, str, str]] = {}
    from_store: dict[str, Article] = {}
    stored_keys: list[str] = []
    read_all = True
    for name in load.article_paths(content_dir):
        try:
            stat = os.stat(name)
            signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            known = old_files.get(name)
            trusted = known is not None and known[0] == signature and known[1] in cache
            if trusted:
                assert known is not None
                key = known[1]
                read_all = False
            else:
                read_at = time.time()
                data = load.read_article_file(name)  # nothing from outside articles/, nothing huge
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    # The line and "save it as UTF-8", not the codec's words.
                    found.append(ArticleError.not_utf8(exc, data, Path(name)))
                    continue
                # One key for the parse here and on disk: the slug is the file's name, not its folder.
                key = entry_key(name, text)
                trusted = stat.st_mtime < read_at - RACY_SECONDS
                if key not in cache:
                    stored_keys.append(key)
                    article = stored.get(key)
                    if article is not None:
                        from_store[key] = article
                    else:
                        jobs[key] = (text, name, key)
        except OSError as exc:
            found.append(ArticleError(f"cannot read: {exc.strerror or exc}", Path(name)))
            continue
        except ArticleError as exc:
            found.append(exc)
            continue
        found.append((name, key, signature, trusted))
    parsed: dict[str, Article | None] = dict(from_store)
    parsed |= zip(jobs, workers.parse_articles(list(jobs.values()), stored), strict=True)
    if read_all and not cache:
        # Every file was read and none was in memory: the keys are the whole corpus.
        stored.keep_only(stored_keys)

    articles: list[tuple[Article, Article]] = []
    new_cache: dict[str, tuple[Article, Article]] = {}
    seen: dict[str, str] = {}
    for entry in found:
        if isinstance(entry, ArticleError):
            errors.append(entry)
            continue
        name, key, signature, trusted = entry
        try:
            pair = cache.get(key)
            if pair is None:
                article = parsed.get(key) or load.read_article(*jobs[key][:2])  # again here: the real error
                _check_article_ids(article)
                pair = (article, replace(article, body=""))
            article = pair[0]
            safe_segment(article.slug)
        except ArticleError as exc:
            errors.append(exc)
            continue
        except UnsafePathError as exc:
            errors.append(ArticleError(str(exc), Path(name), hint=_ID_HINT))
            continue
        if article.slug in seen:
            errors.append(
                ArticleError(f"slug {article.slug!r} is already used by {seen[article.slug]}", Path(name))
            )
            continue
        seen[article.slug] = name
        new_cache[key] = pair
        articles.append(pair)
        if files is not None and trusted:
            files[name] = (signature, key)
    return tuple(articles), tuple(errors), new_cache


def read_registry(content_dir: Path, previous: tuple[tuple[bytes | None, ...], Registry] | None
                  ) -> tuple[tuple[bytes | None, ...], Registry]:
    """The registry, parsed again only when its files' bytes changed."""
    raw = tuple(_read_bytes(content_dir / name) for name in ("actors.yaml", "topics.yaml", SUGGESTED_NAME))
    if previous is not None and previous[0] == raw:
        return previous
    registry = load.read_registry(content_dir)
    if not registry.topics and raw[2] is not None:
        # No topics of the person's own: the corpus's suggestions group the site, marked as such.
        registry = replace(registry, topics=load_suggested_topics(content_dir))
    return raw, registry


def _curated(pairs: tuple[tuple[Article, Article], ...], registry: Registry,
             previous: dict[int, tuple[Article, Registry, Article, Article]]
             ) -> dict[int, tuple[Article, Registry, Article, Article]]:
    """Each article and its body-less copy with the registry applied (generator.curation), by
    the parsed article's id.  Reused while the article and the registry are the same objects, so
    an incremental build sees the same curated objects and replans nothing for them."""
    out: dict[int, tuple[Article, Registry, Article, Article]] = {}
    curation = None
    for article, meta in pairs:
        old = previous.get(id(article))
        if old is not None and old[0] is article and old[1] is registry:
            out[id(article)] = old
            continue
        if curation is None:
            curation = curation_of(registry, (a for a, _ in pairs))
        done = curate_article(article, curation)
        out[id(article)] = (article, registry, done,
                            meta if done is article else curate_article(meta, curation))
    return out


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


_ID_HINT = "use only lower-case letters, digits and hyphens, like the registry's ids"


def _check_article_ids(article: Article) -> None:
    """Actor and topic ids in an article's front-matter become folder names, as the registry's do.

    An unsafe one is that article's mistake: it skips the article, where check_ids would stop the
    whole build and blame actors.yaml.
    """
    for mention in article.actors:
        try:
            safe_segment(mention.id)
        except UnsafePathError:
            raise UnsafePathError(f"actor id {mention.id!r} cannot be used in a URL") from None
    for topic in article.topics:
        try:
            safe_segment(topic)
        except UnsafePathError:
            raise UnsafePathError(f"topic id {topic!r} cannot be used in a URL") from None


def check_ids(site: Site) -> None:
    """Actor and topic ids become folder names: refuse any that could escape the output."""
    for actor in site.actors:
        try:
            safe_segment(actor.id)
        except UnsafePathError as exc:
            raise SiteError(f"actor id {actor.id!r} cannot be used in a URL", "actors.yaml") from exc
    for topic in site.topics:
        try:
            safe_segment(topic.id)
        except UnsafePathError as exc:
            raise SiteError(f"topic id {topic.id!r} cannot be used in a URL", "topics.yaml") from exc


def link_errors(config_path: Path, theme_dir: str | None,
                template_dirs: tuple[Path, ...]) -> tuple[InputError, ...]:
    """One error per link leading out of a template or static folder: never read, and said so."""
    folders = (*template_search_path(config_path, theme_dir, template_dirs), *static_search_path(config_path))
    return tuple(
        InputError(f"is a link leading outside {folder.name}/; it is not read into the site", link,
                   hint="copy the file into the folder instead, or remove the link")
        for link, folder in refused_links(config_path, folders)
    )


def static_pages(static_dirs: tuple[Path, ...]) -> tuple[Page, ...]:
    files: dict[str, Path] = {}
    for static_dir in static_dirs:  # a project's file replaces the built-in one of the same name
        for path in static_dir.rglob("*"):
            if path.is_file() and inside(static_dir, path):  # links out of it: see link_errors
                files[path.relative_to(static_dir).as_posix()] = path
    pages = []
    for relative in sorted(files):
        data = files[relative].read_bytes()
        pages.append(Page(route_for("static", relative), None, {}, fingerprint("static", data), data))
    return tuple(pages)


def data_pages(site: Site, urls: Urls) -> tuple[Page, ...]:
    files = exports(site, urls)
    if site.config.custom_domain:
        files[route_for("cname")] = (site.config.custom_domain + "\n").encode()
    return tuple(
        Page(path, None, {}, fingerprint("data", data), data) for path, data in sorted(files.items())
    )


def _later(make: Callable[[], Iterable[Page]]) -> Iterator[Page]:
    yield from make()


def _stale(page: Page, previous: BuildState, out_dir: Path, cold: bool) -> bool:
    return (
        cold
        or previous.fingerprints.get(page.path) != page.fingerprint
        or not os.path.exists(os.path.join(out_dir, page.path))
    )


class _CachedBodies:
    def __init__(self, cache: dict[str, str]) -> None:
        self.old = cache
        self.new: dict[str, str] = {}

    def __call__(self, body: str, links: tuple[ActorLink, ...] | list[ActorLink]) -> str:
        key = _sha(body + "\0" + repr(tuple(links)))
        html = self.new.get(key) or self.old.get(key)
        if html is None:
            html = render_body(body, links)
        self.new[key] = html
        return html


def _render(
    pages: Iterable[Page],
    pending: PendingReplacements,
    fingerprints: dict[str, str],
    written: list[str],
    *,
    env: jinja2.Environment,
    previous: BuildState,
    out_dir: Path,
    cold: bool,
    shown: bool = True,
    share: int = 1,
) -> None:
    """Render and write the stale ones of ``pages``, noting every page's fingerprint.

    Counted on a terminal; a worker rendering one of ``share`` parts counts for all (``shown``
    in one worker only).
    """
    for page in progress.counted(pages, "render", "page", scale=share, shown=shown):
        fingerprints[page.path] = page.fingerprint
        if _stale(page, previous, out_dir, cold):
            pending.add(page.path, render_chunks(env, page))
            written.append(page.path)


#: Below this many articles, forking workers to render costs more than it saves.
RENDER_PARALLEL_MIN = 300


@dataclass(frozen=True)
class _Part:
    """What one rendering worker did, for the builder to take over."""

    fingerprints: dict[str, str]
    written: list[str]
    pending: tuple[list[tuple[str, Path]], list[Path]]
    bodies: dict[str, str]


def _views_with_events(site: Site, urls: Urls, env: jinja2.Environment, parts: int) -> Views:
    """Views whose events are hashed and rendered already, each event by one of ``parts`` workers.

    An event is shown on its actors' and topics' pages and chronologies, which
    different workers render: without this, each worker would render nearly
    every event itself.  If the workers fail, the views know no event and the
    pages' workers render them (and report a template error properly).
    """
    views = Views(site, urls)
    renderer = event_renderer(env)

    def part(index: int, parts: int) -> list[tuple[str, str]]:
        return [(view.digest, str(renderer(view))) for view in map(views.event, site.events[index::parts])]

    outcomes = executor.in_forked_parts(part, parts)
    if outcomes is None or any(isinstance(outcome, BaseException) for outcome in outcomes):
        return views
    for index, outcome in enumerate(outcomes):
        assert not isinstance(outcome, BaseException)
        for event, (digest, html) in zip(site.events[index::parts], outcome, strict=True):
            views.event(event, digest)
            renderer.known(digest, html)
    return views


def _remove_workers_files(pending: PendingReplacements) -> None:
    """Temporary files of workers that died beside the live site (a staging folder is dropped whole)."""
    if not pending.direct:
        remove_temporaries(pending.root)


def _render_in_parts(
    site: Site,
    urls: Urls,
    env: jinja2.Environment,
    plan_part: Callable[..., Iterable[Page]],
    exports: Callable[[], Iterable[Page]],
    render: Callable[..., None],
    pending: PendingReplacements,
    bodies: _CachedBodies,
    fingerprints: dict[str, str],
    written: list[str],
) -> bool:
    """Plan, render and write the pages in one forked worker per core, the data exports here.

    Each page is a function of the model alone, so the k-th worker takes every
    n-th page and the output is byte for byte the serial build's.  False (and
    nothing done) when the site is small or workers cannot be forked.
    """
    cores = executor.cpus()
    if cores < 2 or len(site.articles) < RENDER_PARALLEL_MIN:
        return False
    views = _views_with_events(site, urls, env, cores)

    def part(index: int, parts: int) -> _Part:
        mine = PendingReplacements(pending.root, direct=pending.direct)
        part_fingerprints: dict[str, str] = {}
        part_written: list[str] = []
        try:
            render(plan_part(part=(index, parts), views=views), mine, part_fingerprints, part_written,
                   shown=index == 0, share=parts)
        except BaseException:
            mine.abort()
            raise
        return _Part(part_fingerprints, part_written, mine.handoff(), bodies.new)

    exported: list[Page] = []
    try:
        outcomes = executor.in_forked_parts(part, cores, meanwhile=lambda: exported.extend(exports()))
    except BaseException:
        _remove_workers_files(pending)  # interrupted while the workers ran: theirs were never handed over
        raise
    if outcomes is None:
        return False
    failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    for outcome in outcomes:
        if not isinstance(outcome, BaseException):
            pending.adopt(outcome.pending)  # so that an abort removes them, whoever failed
            fingerprints.update(outcome.fingerprints)
            written.extend(outcome.written)
            bodies.new.update(outcome.bodies)
    if any(executor.lost(failure) for failure in failures):
        # A worker was killed (out of memory?) or none could start: what any of them wrote goes,
        # and the work is done here.
        pending.abort()
        _remove_workers_files(pending)
        fingerprints.clear()
        written.clear()
        bodies.new.clear()
        return False
    if failures:
        raise failures[0]
    render(exported, pending, fingerprints, written)
    return True


# --- what the last command-line build left ---------------------------------------
#
# ``python build.py`` starts with no state in memory.  The record it finds in the cache folder
# (cache.load_build_record: made by the same code, else none) holds every output's fingerprint,
# the stat of every file in the output folder as the build left it, and a digest of the stat of
# every input.  When the inputs and the output folder are both as recorded, the site is what a
# build would make, and nothing is done.  When only inputs changed, the build plans every page
# but writes only those whose fingerprint changed.  When the output folder changed, the files
# changed there are written again; a file the build did not make (or a changed search index)
# makes the build a cold one, so the output is always what a cold build gives.


def _input_manifest(settings: BuildSettings, now: float) -> str | None:
    """A digest of the stat of everything a build reads; None when one changed too recently to trust."""
    try:
        config = read_config(settings)
        folders = (*template_search_path(settings.config_path, config.theme_dir, settings.template_dirs),
                   *static_search_path(settings.config_path))
    except GeneratorError:
        return None
    paths = [os.fspath(settings.config_path), *(os.path.join(settings.content_dir, name)
                                                for name in ("actors.yaml", "topics.yaml"))]
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            paths += [os.path.join(root, name) for name in sorted(dirs + names)]
    paths += load.article_paths(settings.content_dir)
    where = repr((
        os.path.abspath(settings.content_dir), os.path.abspath(settings.out_dir),
        os.path.abspath(settings.config_path), settings.base_url,
        tuple(os.path.abspath(folder) for folder in settings.template_dirs), settings.live_reload,
    ))
    stats = stat_digest(paths, now, RACY_SECONDS)
    if stats is None:
        return None
    return hashlib.sha256(f"{where}\0{stats}".encode("utf-8", "surrogateescape")).hexdigest()


def _output_stats(out_dir: Path) -> dict[str, tuple[int, int, int]] | None:
    """Every file (and folder, as ``name/``) under ``out_dir`` with its stat; None if it cannot be read."""
    found: dict[str, tuple[int, int, int]] = {}
    todo = [("", os.fspath(out_dir))]
    try:
        while todo:
            prefix, folder = todo.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    info = entry.stat(follow_symlinks=False)
                    if entry.is_dir(follow_symlinks=False):
                        found[prefix + entry.name + "/"] = (0, 0, info.st_ino)
                        todo.append((prefix + entry.name + "/", entry.path))
                    else:
                        found[prefix + entry.name] = (info.st_mtime_ns, info.st_size, info.st_ino)
    except OSError:
        return None
    return found


def _from_record(settings: BuildSettings, record: dict | None, manifest: str | None
                 ) -> BuildResult | BuildState | None:
    """The result of a build with nothing to do, or the state to build on, or None: build cold."""
    if record is None or settings.out_dir.is_symlink() or not settings.out_dir.is_dir():
        return None
    found = _output_stats(settings.out_dir)
    if found is None:
        return None
    recorded: dict = record["outputs"]
    fingerprints: dict = record["fingerprints"]
    if found == recorded:
        state = BuildState(settings.out_dir, fingerprints)
        if manifest is not None and record["manifest"] == manifest:
            return BuildResult(True, (), (), (), record["warnings"], state, record["articles"])
        return state
    unowned = (found.keys() | recorded.keys()) - fingerprints.keys()
    if any(found.get(path) != recorded.get(path) for path in unowned):
        return None  # a file or folder the build did not make, or the search index changed
    # Files changed or deleted in the output folder: their fingerprints no longer say what is there.
    return BuildState(settings.out_dir, {path: value for path, value in fingerprints.items()
                                         if found.get(path) == recorded.get(path)})


def _record(settings: BuildSettings, result: BuildResult, manifest: str | None) -> None:
    outputs = _output_stats(settings.out_dir)
    if outputs is None:
        return
    trusted = result.ok and not any(w.startswith("search index not built") for w in result.warnings)
    save_build_record(settings.cache_dir, settings.out_dir, {
        "manifest": manifest if trusted else None,  # an error or a failed index is reported every time
        "fingerprints": dict(result.state.fingerprints), "outputs": outputs,
        "warnings": tuple(result.warnings), "articles": result.articles,
    })


# --- the build -------------------------------------------------------------------


def build_site(settings: BuildSettings, state: BuildState | None = None) -> BuildResult:
    """Build the site into ``settings.out_dir``; pass the previous result's state to build incrementally.

    Without a state, the record the last build left in the cache folder stands in
    for one (see :func:`_from_record`).
    """
    if state is not None and state.out_dir != settings.out_dir:
        state = None
    recording = state is None and settings.cache_dir is not None and not settings.live_reload
    manifest = None
    if recording:
        manifest = _input_manifest(settings, time.time())
        known = _from_record(settings, load_build_record(settings.cache_dir, settings.out_dir), manifest)
        if isinstance(known, BuildResult):
            return known
        state = known
    result = _build(settings, state)
    if recording and result.articles:  # a build that failed site-wide wrote nothing: the record stands
        _record(settings, result, manifest)
    return result


def _build(settings: BuildSettings, state: BuildState | None) -> BuildResult:
    previous = state or BuildState(settings.out_dir)

    def failed(error: GeneratorError, errors: tuple[GeneratorError, ...] = ()) -> BuildResult:
        return BuildResult(False, (), (), (*errors, error), (), previous)

    try:
        check_replaceable(settings.out_dir)
        config = read_config(settings)
        registry_state = read_registry(settings.content_dir, previous.registry)
    except SiteError as exc:
        return failed(exc)
    registry = registry_state[1]
    files = dict(previous.files)
    stored = ArticleCache(settings.cache_dir)
    pairs, article_errors, article_cache = read_articles(
        settings.content_dir, previous.articles, files, stored
    )
    # Skipped and reported like a broken article: the rest of the site still builds.
    links = link_errors(settings.config_path, config.theme_dir, settings.template_dirs)
    input_errors = (*article_errors, *links)
    merge_memo = dict(previous.merge_memo) if previous.merge_memo is not None else stored.merge_memo()
    curated = _curated(pairs, registry, previous.curated)
    if not settings.live_reload:
        # A person's draft is previewed (serve), never published: no page, list, export or count.
        pairs = tuple(pair for pair in pairs if not pair[0].draft)
    articles = tuple(curated[id(article)][2] for article, _ in pairs)
    metas = tuple(curated[id(article)][3] for article, _ in pairs)
    urls = Urls(config.base_url, config.directory_urls)
    bodies = _CachedBodies(previous.bodies)
    cold = state is None or not settings.out_dir.is_dir()
    staging = staging_dir(settings.out_dir) if cold else None
    # A cold build goes into a fresh folder swapped in at the end; an incremental one writes
    # beside the old files and renames at the end: either way a failure leaves the old site.
    pending = PendingReplacements(staging or settings.out_dir, direct=staging is not None)
    written: list[str] = []
    try:
        search_path = template_search_path(settings.config_path, config.theme_dir, settings.template_dirs)
        snapshot = template_snapshot(search_path)
        env_key = (search_path, urls, snapshot)
        if previous.env is not None and previous.env[0] == env_key:
            env = previous.env[1]
        else:
            env = make_environment(search_path, urls)
        digests = TemplateDigests(env)
        plan_key = (config, registry, metas, settings.live_reload, snapshot)
        old_plan = previous.plan if not cold else None
        pages: Iterable[Page] = ()
        memo = False
        if old_plan is not None and old_plan.key == plan_key:
            # Only bodies changed (or nothing): the model is the same, and so is every page
            # that shows no body.  Their outputs must still be there to be skipped.
            by_slug = {a.slug: a for a in articles}
            site = replace(old_plan.site, articles=tuple(by_slug[a.slug] for a in old_plan.site.articles))
            old_articles = {a.slug: a for a in old_plan.site.articles}
            changed = [a.slug for a in site.articles if old_articles[a.slug] is not by_slug[a.slug]]
            body_pages = plan_body_pages(
                site, urls, changed, template_digest=digests, body_html=bodies,
                live_reload=settings.live_reload,
            )
            replanned = {p.path for p in body_pages}
            out = str(settings.out_dir)
            kept = (path for path in old_plan.fingerprints if path not in replanned)
            if all(os.path.exists(os.path.join(out, path)) for path in kept):
                pages = body_pages
                memo = True
                # The other bodies were not asked for, but the next full plan will want them.
                bodies.new = previous.bodies | bodies.new
            else:
                old_plan = None
        plan_fingerprints: dict[str, str] = dict(old_plan.fingerprints) if memo and old_plan else {}
        render = partial(_render, env=env, previous=previous, out_dir=settings.out_dir, cold=cold)
        if old_plan is None or old_plan.key != plan_key:
            known = dict(merge_memo)
            site = build_site_model(config, registry, articles, merge_memo)
            if merge_memo != known:
                stored.save_merge_memo(merge_memo)
            check_ids(site)
            check_templates(env, TEMPLATES)
            plan_part = partial(
                iter_pages, site, urls, template_digest=digests, body_html=bodies,
                live_reload=settings.live_reload,
            )
            exports = partial(data_pages, site, urls)
            if not _render_in_parts(site, urls, env, plan_part, exports, render, pending, bodies,
                                    plan_fingerprints, written):
                # The data exports after the pages, when the pages' shared views are gone.
                pages = chain(plan_part(), _later(exports))
        render(pages, pending, plan_fingerprints, written)
        static = static_pages(static_search_path(settings.config_path))
        for page in static:
            if _stale(page, previous, settings.out_dir, cold):
                pending.add(page.path, page.data or b"")
                written.append(page.path)
    except SiteError as exc:
        pending.abort()
        if staging is not None:
            discard(staging)
        return failed(exc, input_errors)
    except BaseException:
        pending.abort()
        if staging is not None:
            discard(staging)
        raise

    plan = _Plan(plan_key, site, plan_fingerprints)
    if not memo:
        # A full build leaves millions of long-lived objects; collecting them once now keeps
        # Python's next full collection (a second at 10,000 articles) out of the next quick rebuild.
        gc.collect()
    all_fingerprints = plan_fingerprints | {p.path: p.fingerprint for p in static}
    removed = tuple(sorted(set(previous.fingerprints) - set(all_fingerprints))) if not cold else ()
    warnings = list(site.warnings)
    pending.commit()
    if staging is not None:
        try:
            if config.search:
                warning = index_site(staging)
                if warning:
                    warnings.append(warning)
            swap_in(staging, settings.out_dir)
        except BaseException:
            discard(staging)
            raise
    else:
        remove_files(settings.out_dir, removed)
        if config.search and any(path.endswith(".html") for path in (*written, *removed)):
            if settings.live_reload:
                # Indexing takes ~0.6 s; the preview reloads first and search catches up after.
                index_site_later(settings.out_dir)
            else:
                warning = index_site(settings.out_dir)
                if warning:
                    warnings.append(warning)

    new_state = BuildState(
        settings.out_dir,
        all_fingerprints,
        article_cache,
        bodies.new,
        files,
        registry_state,
        plan,
        (env_key, env),
        merge_memo,
        curated,
    )
    return BuildResult(
        not input_errors,
        tuple(sorted(written)),
        removed,
        input_errors,
        tuple(warnings),
        new_state,
        len(site.articles),
    )
