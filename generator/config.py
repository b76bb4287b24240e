"""site.yaml -> :class:`SiteConfig`.

``parse_config(text, path)`` does no I/O; ``load_config(path)`` wraps it.  Unknown
keys and malformed values are :class:`ConfigError` naming the file and line, so a
typo (``tittle:``) is never silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.confined import Refused, read_inside
from generator.errors import ConfigError
from generator.frontmatter import load_yaml, yaml_problem

try:  # the C loader is much faster; both are safe loaders
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class SiteConfig:
    """Everything a user sets in ``site.yaml``."""

    #: Site name, shown in the header, the feed and page titles.
    title: str = "Briefing"
    #: One sentence about the site, for the home page, meta description and feed subtitle.
    description: str = ""
    #: Where the site is published, e.g. ``https://user.github.io/repo/``; its path is the base path.
    base_url: str = "http://localhost:8000/"
    #: BCP 47 language tag for ``<html lang>``.
    language: str = "en"
    #: Feed author and ``<meta name="author">``.
    author: str = ""
    #: Written to ``CNAME`` for GitHub Pages when set (``briefing.example.org``).
    custom_domain: str | None = None
    #: How many articles the home page lists.
    home_articles: int = 8
    #: How many chronology entries the home page lists.
    home_events: int = 8
    #: How many actors and topics the home page lists.
    home_actors: int = 12
    #: How many entries the Atom feed holds.
    feed_items: int = 20
    #: How many related articles an article page lists.
    related_articles: int = 5
    #: How many of its latest events an actor's or topic's page lists; its chronology has them all.
    page_events: int = 50
    #: How many events one chronology page lists; a longer chronology splits into years, months, pages.
    chronology_page: int = 100
    #: How many entries one list page holds (an actor's or topic's articles, the actor index).
    list_page: int = 100
    #: Template folder searched before the built-in ``templates/`` (relative to site.yaml).
    theme_dir: str | None = None
    #: Footer line; plain text.
    copyright: str = ""
    #: Build the Pagefind search index after a full build.
    search: bool = True
    #: ``False``: links to a page name its ``index.html`` (``topics/index.html``), so the built
    #: folder works opened from disk; ``True``: pretty links (``topics/``) for a web server.
    directory_urls: bool = True

    @property
    def base_path(self) -> str:
        """The path part of :attr:`base_url`, always starting and ending with ``/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


_INT_KEYS = {"home_articles", "home_events", "home_actors", "feed_items", "related_articles", "page_events",
             "chronology_page", "list_page"}
_OPTIONAL_STR = {"custom_domain", "theme_dir"}
_BOOL_KEYS = {"search", "directory_urls"}
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def default_config() -> SiteConfig:
    """A complete config for tests, in one call."""
    return SiteConfig()


def load_config(path: Path) -> SiteConfig:
    """Read ``site.yaml``; a missing file gives the defaults."""
    if not path.exists():
        return SiteConfig()
    try:
        # A site.yaml is a few lines; one linked from outside its folder is not the project's.
        data = read_inside(path, path.parent, 1_000_000)
    except Refused as exc:
        raise ConfigError(exc.message, path, hint=exc.hint) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError.not_utf8(exc, data, path) from None
    return parse_config(text, str(path))


def _key_lines(text: str) -> dict[str, int]:
    """Top-level key -> 1-based line, so errors can point at the line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def parse_config(text: str, path: str = "site.yaml") -> SiteConfig:
    """Validate and convert ``site.yaml`` text; no I/O."""
    try:
        # load_yaml, not yaml.load: it refuses nesting deep enough to crash libyaml.
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"invalid YAML: {yaml_problem(exc)}", path, mark.line + 1 if mark else None,
                          hint="fix the YAML at that line; see the settings table in README.md") from None
    if data is None:
        return SiteConfig()
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping of settings", path, 1, hint="write one `key: value` per line")
    lines = _key_lines(text)
    known = {f.name for f in fields(SiteConfig)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in known:
            raise ConfigError(
                f"unknown setting {key!r}", path, line, hint="known settings: " + ", ".join(sorted(known))
            )
        values[key] = _check_value(str(key), value, path, line)
    return SiteConfig(**values)


def _check_value(key: str, value: Any, path: str, line: int | None) -> Any:
    def fail(message: str) -> ConfigError:
        return ConfigError(f"{key}: {message}", path, line,
                           hint=f"correct {key}, or remove it to use the default")

    if key in _INT_KEYS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise fail("expected a whole number >= 0")
        return value
    if key in _BOOL_KEYS:
        if not isinstance(value, bool):
            raise fail("expected true or false")
        return value
    if value is None and key in _OPTIONAL_STR:
        return None
    if not isinstance(value, str):
        raise fail("expected text")
    if key == "base_url":
        return normalise_base_url(value, fail)
    if key == "custom_domain" and not _DOMAIN.match(value):
        raise fail("expected a host name such as briefing.example.org")
    if key == "language" and not _LANG.match(value):
        raise fail("expected a language tag such as en or en-GB")
    return value


def normalise_base_url(value: str, fail: Any = None) -> str:
    """``https://host/path`` -> ``https://host/path/``; anything else is an error."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        message = "must be an absolute http(s) URL such as https://user.github.io/repo/"
        raise fail(message) if fail else ConfigError("base_url " + message)
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"
