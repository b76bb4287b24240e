"""Jinja environment, template lookup and rendering of planned pages.

Template lookup, first match wins:

1. ``BuildSettings.template_dirs`` (``--templates DIR``), in the order given;
2. ``theme_dir`` from site.yaml, relative to site.yaml;
3. a ``templates/`` folder next to site.yaml;
4. the built-in ``templates/`` at the repository root (next to ``generator/``).

So overriding one page means copying that one file into your own folder.
Autoescaping is on for every template, ``.xml`` and ``.txt`` included.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

import jinja2
from jinja2 import meta
from markupsafe import Markup

from generator.errors import TemplateError
from generator.site.jsonsafe import inline_json
from generator.site.pages import Page, SharedView
from generator.urls import Urls

#: The built-in templates and static files ship at the repository root.
REPO_ROOT = Path(__file__).resolve().parent.parent.parent
BUILTIN_TEMPLATES = REPO_ROOT / "templates"
BUILTIN_STATIC = REPO_ROOT / "static"


def static_search_path(config_path: Path) -> tuple[Path, ...]:
    """Asset folders, later ones overriding earlier: the built-in assets, then the project's ``static/``."""
    folders = []
    for folder in (BUILTIN_STATIC, config_path.parent / "static"):
        resolved = folder.resolve()
        if resolved not in folders and resolved.is_dir():
            folders.append(resolved)
    return tuple(folders)


def template_search_path(
    config_path: Path, theme_dir: str | None, template_dirs: Sequence[Path] = ()
) -> tuple[Path, ...]:
    folders = list(template_dirs)
    if theme_dir:
        folders.append(config_path.parent / theme_dir)
    folders += [config_path.parent / "templates", BUILTIN_TEMPLATES]
    unique = []
    for folder in folders:
        resolved = folder.resolve()
        if resolved not in unique and resolved.is_dir():
            unique.append(resolved)
    return tuple(unique)


def template_snapshot(search_path: Sequence[Path]) -> tuple[tuple[str, str], ...]:
    """Every file in the template folders with its text: equal snapshots, equal templates."""
    files = []
    for folder in search_path:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                try:
                    files.append((str(path), path.read_text(encoding="utf-8", errors="replace")))
                except OSError:
                    files.append((str(path), "\0unreadable"))
    return tuple(files)


def make_environment(search_path: Sequence[Path], urls: Urls) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The builder keeps an environment only while template_snapshot() is unchanged,
        # so Jinja need not stat every template on every page.
        auto_reload=False,
    )
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
        while batch := list(islice(pieces, 8192)):  # consumed in C, not piece by piece
            yield _text_of(page, "".join(batch)).encode("utf-8")
    except jinja2.TemplateError as exc:
        raise _template_error(exc, page.template) from exc
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _template_error(exc, page.template) from exc


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    if page.template is None:
        return page.data or b""
    try:
        template = env.get_template(page.template)
        return _text_of(page, template.render(page.context)).encode("utf-8")
    except jinja2.TemplateError as exc:
        raise _template_error(exc, page.template) from exc
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _template_error(exc, page.template) from exc
