"""Jinja environment, template lookup and rendering of planned pages.

Template lookup, first match wins:

1. ``BuildSettings.template_dirs`` (``--templates DIR``), in the order given;
2. ``theme_dir`` from site.yaml, relative to site.yaml;
3. a ``templates/`` folder next to site.yaml;
4. the built-in ``templates/`` at the repository root (next to ``generator/``).

So overriding one page means copying that one file into your own folder.
Autoescaping is on for every template, ``.xml`` and ``.txt`` included.

No file outside these folders is read: a template that is a link leading out
of its folder is passed over (the next folder's template of that name is
used), as is a project ``templates/`` or ``static/`` that is itself a link out
of the project; :func:`refused_links` lists them for the build to report.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.loaders import split_template_path
from markupsafe import Markup

from generator.confined import inside, links_leaving
from generator.errors import TemplateError
from generator.site.jsonsafe import inline_json
from generator.site.pages import Page, SharedView
from generator.urls import Urls, output_path, relative_links, route_for

#: The built-in templates and static files sit at the repository root; a wheel carries them
#: inside the package (pyproject.toml maps them there), where an installed generator finds them.
REPO_ROOT = Path(__file__).resolve().parent.parent.parent


def _builtin(name: str) -> Path:
    installed = REPO_ROOT / "generator" / name
    return installed if installed.is_dir() else REPO_ROOT / name


BUILTIN_TEMPLATES = _builtin("templates")
BUILTIN_STATIC = _builtin("static")


def _project_folders_linked_out(config_path: Path) -> tuple[Path, ...]:
    """The project's ``static/`` and ``templates/`` where they are links leading out of the project."""
    project = config_path.parent
    return tuple(folder for folder in (project / "static", project / "templates")
                 if folder.is_symlink() and not inside(project, folder))


def static_search_path(config_path: Path) -> tuple[Path, ...]:
    """Asset folders, later ones overriding earlier: the built-in assets, then the project's ``static/``."""
    folders = []
    refused = _project_folders_linked_out(config_path)
    for folder in (BUILTIN_STATIC, config_path.parent / "static"):
        resolved = folder.resolve()
        if resolved not in folders and resolved.is_dir() and folder not in refused:
            folders.append(resolved)
    return tuple(folders)


def template_search_path(
    config_path: Path, theme_dir: str | None, template_dirs: Sequence[Path] = ()
) -> tuple[Path, ...]:
    folders = list(template_dirs)
    if theme_dir:
        folders.append(config_path.parent / theme_dir)
    folders += [config_path.parent / "templates", BUILTIN_TEMPLATES]
    refused = _project_folders_linked_out(config_path)
    unique = []
    for folder in folders:
        resolved = folder.resolve()
        if resolved not in unique and resolved.is_dir() and folder not in refused:
            unique.append(resolved)
    return tuple(unique)


def refused_links(config_path: Path, folders: Sequence[Path]) -> tuple[tuple[Path, Path], ...]:
    """(link, the folder it leads out of) for every link the build passes over, in a stable order."""
    project = config_path.parent
    found = [(folder, project) for folder in _project_folders_linked_out(config_path)]
    found += [(link, folder) for folder in folders for link in links_leaving(folder)]
    return tuple(found)


def template_snapshot(search_path: Sequence[Path]) -> tuple[tuple[str, str], ...]:
    """Every file in the template folders with its text: equal snapshots, equal templates."""
    files = []
    for folder in search_path:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and inside(folder, path):
                try:
                    files.append((str(path), path.read_text(encoding="utf-8", errors="replace")))
                except OSError:
                    files.append((str(path), "\0unreadable"))
    return tuple(files)


class ConfinedLoader(jinja2.FileSystemLoader):
    """One template folder, never read beyond: Jinja follows links, this loader refuses those leading out.

    A refused template is "not found" here, so a :class:`jinja2.ChoiceLoader`
    goes on to the next folder, ending with the built-in templates.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        path = self.folder.joinpath(*split_template_path(template))
        if os.path.lexists(path) and not inside(self.folder, path):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


class SiteEnvironment(jinja2.Environment):
    """Jinja's environment, knowing the site's :class:`Urls` to make each page's links relative."""

    urls: Urls


def make_environment(search_path: Sequence[Path], urls: Urls) -> jinja2.Environment:
    env = SiteEnvironment(
        loader=jinja2.ChoiceLoader([ConfinedLoader(folder) for folder in search_path]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The builder keeps an environment only while template_snapshot() is unchanged,
        # so Jinja need not stat every template on every page.
        auto_reload=False,
    )
    env.urls = urls
    env.filters["inline_json"] = inline_json
    # Pure in the base URL, which every page's context carries: safe for incremental builds.
    env.globals["url_for"] = urls.url_for
    event_html = _EventHtml(env)
    env.globals["event_html"] = event_html
    # A list of events is joined in Python: a template loop costs microseconds an event, a
    # million times in a site of 10,000 articles.
    env.globals["events_html"] = lambda events: Markup("".join([event_html(e) for e in events]))
    return env


def event_renderer(env: jinja2.Environment) -> _EventHtml:
    """The environment's renderer of events, whose cache every page showing an event reads."""
    renderer = env.globals["event_html"]
    assert isinstance(renderer, _EventHtml)
    return renderer


class _EventHtml:
    """``macros.html``'s ``event_item(e)``, rendered once per event however many pages show it.

    An event is listed on the chronology, its actors' and topics' pages and their
    chronologies: about ten times each.  The cache lives with the environment,
    so a template edit (a new environment) empties it; the key is the event's
    content digest, so a changed event renders anew.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.cache: dict[str, Markup] = {}

    def known(self, digest: str, html: str) -> None:
        """Take an event's HTML rendered elsewhere (another process) by this same macro."""
        self.cache[digest] = Markup(html)

    def __call__(self, event: SharedView) -> Markup:
        html = self.cache.get(event.digest)
        if html is None:
            macro = self.env.get_template("macros.html").module.event_item  # type: ignore[attr-defined]
            html = self.cache[event.digest] = Markup(macro(event))
        # The HTML and the digest are all the other pages showing the event need from it.
        event.release()
        return html


def _template_error(exc: Exception, name: str) -> TemplateError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(exc.message or str(exc), exc.filename or name, exc.lineno)
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"template not found: {exc.name}", name)
    line = None
    tb = exc.__traceback__
    while tb is not None:  # Jinja rewrites tracebacks so template frames carry the template file
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml", ".txt")):
            line = tb.tb_lineno
        tb = tb.tb_next
    return TemplateError(f"{type(exc).__name__}: {exc}", name, line)


class TemplateDigests:
    """Hash of a template's source together with everything it extends, includes or imports."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self._cache:
            digest = hashlib.sha256()
            for dependency in sorted(self._closure(name)):
                source, _, _ = self._source(dependency)
                digest.update(dependency.encode() + b"\0" + source.encode("utf-8") + b"\0")
            self._cache[name] = digest.hexdigest()
        return self._cache[name]

    def _source(self, name: str) -> tuple[str, str | None, object]:
        assert self.env.loader is not None
        try:
            return self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound as exc:
            raise _template_error(exc, name) from exc

    def _closure(self, name: str) -> set[str]:
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            source, filename, _ = self._source(current)
            todo.extend(_references(self.env, current, source, filename))
        return seen


#: (name, source) -> the templates it extends, includes or imports; parsing is the slow part.
_REFERENCE_CACHE: dict[tuple[str, str], tuple[str, ...]] = {}


def _references(env: jinja2.Environment, name: str, source: str, filename: str | None) -> tuple[str, ...]:
    key = (name, source)
    if key not in _REFERENCE_CACHE:
        try:
            ast = env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc, filename or name) from exc
        if len(_REFERENCE_CACHE) > 1000:  # a long preview session of template edits
            _REFERENCE_CACHE.clear()
        _REFERENCE_CACHE[key] = tuple(ref for ref in meta.find_referenced_templates(ast) if ref)
    return _REFERENCE_CACHE[key]


def check_templates(env: jinja2.Environment, names: Sequence[str]) -> None:
    """Compile every template a build needs, so a broken one stops the build before any write."""
    for name in sorted(set(names)):
        try:
            env.get_template(name)
        except jinja2.TemplateError as exc:
            raise _template_error(exc, name) from exc


def _relative_route(env: jinja2.Environment, page: Page) -> str | None:
    """The route to make the page's links relative to; ``None`` to leave them rooted.

    ``404.html`` is served at whatever address was missing, so only rooted links work there.
    """
    if not page.path.endswith(".html") or page.path == output_path(route_for("not_found")):
        return None
    return str(page.context.get("page_route", "")) if isinstance(env, SiteEnvironment) else None


def relative_chunks(chunks: Iterator[str], route: str, base_path: str) -> Iterator[str]:
    """:func:`relative_links` over a page rendered piece by piece.

    A link may be cut between two pieces, never inside a tag's ``<``: each piece
    is rewritten up to its last ``<``, the rest waits for the next piece.
    """
    held: list[str] = []
    for chunk in chunks:
        cut = chunk.rfind("<")
        if cut < 0:
            held.append(chunk)
            continue
        held.append(chunk[:cut])
        yield relative_links("".join(held), route, base_path)
        held = [chunk[cut:]]
    yield relative_links("".join(held), route, base_path)


#: Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE
#: and U+FFFF: one in a title or in site.yaml makes the whole feed unreadable to a parser) or
#: discourages (DEL and the C1 controls, which no feed reader shows).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _text_of(page: Page, text: str) -> str:
    """Rendered text as written: an XML page (feed, sitemap, a theme's own) without what XML forbids."""
    return _NOT_XML.sub("", text) if page.path.endswith(".xml") else text


def render_chunks(env: jinja2.Environment, page: Page) -> Iterator[bytes]:
    """A page's bytes piece by piece: the chronology of 10,000 articles is 250 MB of HTML."""
    if page.template is None:
        yield page.data or b""
        return
    try:
        template = env.get_template(page.template)
        pieces = template.generate(page.context)
        texts: Iterator[str] = iter(lambda: "".join(islice(pieces, 8192)), "")  # consumed in C
        route = _relative_route(env, page)
        if route is not None:
            assert isinstance(env, SiteEnvironment)
            texts = relative_chunks(texts, route, env.urls.base_path)
        for text in texts:
            yield _text_of(page, text).encode("utf-8")
    except jinja2.TemplateError as exc:
        raise _template_error(exc, page.template) from exc
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _template_error(exc, page.template) from exc


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    if page.template is None:
        return page.data or b""
    try:
        template = env.get_template(page.template)
        html = template.render(page.context)
        route = _relative_route(env, page)
        if route is not None:
            assert isinstance(env, SiteEnvironment)
            html = relative_links(html, route, env.urls.base_path)
        return _text_of(page, html).encode("utf-8")
    except jinja2.TemplateError as exc:
        raise _template_error(exc, page.template) from exc
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _template_error(exc, page.template) from exc
