"""``build_site``: content folder + site.yaml + templates -> the static site.

    load config -> load registry -> load articles (cached by content hash)
      -> Site (model.py) -> plan pages (pages.py) + static files + data exports
      -> render the pages whose fingerprint changed (render.py) -> write (write.py)
      -> Pagefind index (search.py)

The model is recomputed on every build; only rendering and writing are
skipped for pages whose fingerprint is unchanged, so an incremental build is
right first and fast second.  A site-wide error (config, registry, template)
writes nothing; a broken article is reported and skipped.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.config import SiteConfig, load_config, normalise_base_url
from generator.errors import ArticleError, ConfigError, GeneratorError, SiteError
from generator.model import Article
from generator.site import load
from generator.site.exports import exports
from generator.site.markdown import ActorLink, render_body
from generator.site.model import Site, build_site_model
from generator.site.pages import Page, fingerprint, plan_pages
from generator.site.render import (
    TemplateDigests,
    check_templates,
    make_environment,
    render_page,
    static_search_path,
    template_search_path,
)
from generator.site.search import index_site, index_site_later
from generator.site.write import PendingReplacements, remove_files, staging_dir, swap_in, write_file
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


@dataclass(frozen=True)
class BuildState:
    """What one build hands the next so it can skip unchanged work."""

    out_dir: Path
    #: Output path -> fingerprint of what is on disk.
    fingerprints: dict[str, str] = field(default_factory=dict, hash=False)
    #: sha256 of an article file's text -> the parsed article.
    articles: dict[str, Article] = field(default_factory=dict, hash=False)
    #: sha256 of (body, actor links) -> rendered HTML.
    bodies: dict[str, str] = field(default_factory=dict, hash=False)


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


# --- steps ---------------------------------------------------------------------


def read_config(settings: BuildSettings) -> SiteConfig:
    config = load_config(settings.config_path)
    if settings.base_url:
        base_url = normalise_base_url(settings.base_url, lambda m: ConfigError(m, "--base-url"))
        config = replace(config, base_url=base_url)
    return config


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def read_articles(
    content_dir: Path, cache: dict[str, Article]
) -> tuple[tuple[Article, ...], tuple[ArticleError, ...], dict[str, Article]]:
    """Parse every article file, reusing parses of unchanged text; broken files become errors."""
    articles: list[Article] = []
    errors: list[ArticleError] = []
    new_cache: dict[str, Article] = {}
    seen: dict[str, str] = {}
    for path in load.article_files(content_dir):
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(ArticleError(f"cannot read: {exc}", path))
            continue
        key = _sha(str(path) + "\0" + text)
        try:
            article = cache.get(key) or load.read_article(text, str(path))
            safe_segment(article.slug)
        except ArticleError as exc:
            errors.append(exc)
            continue
        except UnsafePathError as exc:
            errors.append(ArticleError(str(exc), path))
            continue
        if article.slug in seen:
            errors.append(
                ArticleError(f"slug {article.slug!r} is already used by {seen[article.slug]}", path)
            )
            continue
        seen[article.slug] = str(path)
        new_cache[key] = article
        articles.append(article)
    return tuple(articles), tuple(errors), new_cache


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


def static_pages(static_dirs: tuple[Path, ...]) -> tuple[Page, ...]:
    files: dict[str, Path] = {}
    for static_dir in static_dirs:  # a project's file replaces the built-in one of the same name
        for path in static_dir.rglob("*"):
            if path.is_file():
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


# --- the build -------------------------------------------------------------------


def build_site(settings: BuildSettings, state: BuildState | None = None) -> BuildResult:
    """Build the site into ``settings.out_dir``; pass the previous result's state to build incrementally."""
    if state is not None and state.out_dir != settings.out_dir:
        state = None
    previous = state or BuildState(settings.out_dir)

    def failed(error: GeneratorError, errors: tuple[GeneratorError, ...] = ()) -> BuildResult:
        return BuildResult(False, (), (), (*errors, error), (), previous)

    try:
        config = read_config(settings)
        registry = load.read_registry(settings.content_dir)
    except SiteError as exc:
        return failed(exc)
    articles, article_errors, article_cache = read_articles(settings.content_dir, previous.articles)
    urls = Urls(config.base_url)
    bodies = _CachedBodies(previous.bodies)
    try:
        site = build_site_model(config, registry, articles)
        check_ids(site)
        env = make_environment(
            template_search_path(settings.config_path, config.theme_dir, settings.template_dirs), urls
        )
        digests = TemplateDigests(env)
        pages = plan_pages(
            site, urls, template_digest=digests, body_html=bodies, live_reload=settings.live_reload
        )
        check_templates(env, [p.template for p in pages if p.template])
        pages += static_pages(static_search_path(settings.config_path)) + data_pages(site, urls)
        cold = state is None or not settings.out_dir.is_dir()
        todo = [
            p
            for p in pages
            if cold
            or previous.fingerprints.get(p.path) != p.fingerprint
            or not (settings.out_dir / p.path).exists()
        ]
    except SiteError as exc:
        return failed(exc, article_errors)

    planned = {p.path for p in pages}
    removed = tuple(sorted(set(previous.fingerprints) - planned)) if not cold else ()
    warnings = list(site.warnings)
    if cold:
        staging = staging_dir(settings.out_dir)
        try:
            # Each page goes to disk as soon as it is rendered: a site of 10,000 articles is
            # gigabytes of HTML.  A failure removes the staging folder; the old site stays.
            for page in todo:
                write_file(staging, page.path, render_page(env, page))
            if config.search:
                warning = index_site(staging)
                if warning:
                    warnings.append(warning)
            swap_in(staging, settings.out_dir)
        except SiteError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            return failed(exc, article_errors)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    else:
        pending = PendingReplacements(settings.out_dir)
        try:
            for page in todo:
                pending.add(page.path, render_page(env, page))
        except SiteError as exc:
            pending.abort()
            return failed(exc, article_errors)
        except BaseException:
            pending.abort()
            raise
        pending.commit()
        remove_files(settings.out_dir, removed)
        written = [p.path for p in todo]
        if config.search and any(path.endswith(".html") for path in (*written, *removed)):
            if settings.live_reload:
                # Indexing takes ~0.6 s; the preview reloads first and search catches up after.
                index_site_later(settings.out_dir)
            else:
                warning = index_site(settings.out_dir)
                if warning:
                    warnings.append(warning)

    new_state = BuildState(
        settings.out_dir, {p.path: p.fingerprint for p in pages}, article_cache, bodies.new
    )
    return BuildResult(
        not article_errors,
        tuple(sorted(p.path for p in todo)),
        removed,
        tuple(article_errors),
        tuple(warnings),
        new_state,
    )
