"""Every URL and output path of the site, in one place.

A page is named by its *route*: a path relative to the site root with a
trailing slash for directory pages (``articles/some-slug/``) or a file name
(``feed.xml``).  :class:`Urls` turns routes into links rooted at the base
path (``/repo/articles/some-slug/``), absolute URLs for the feed, sitemap and
canonical links, and output files (``articles/some-slug/index.html``).
Templates get these precomputed in their context or through ``url_for``; they
never join paths themselves.

Every page is written with *relative* links (:func:`relative_links`, applied
as each page is rendered): ``../../topics/`` from an article.  So the site
works under any sub-path and opened from disk (``file://``), and with
``directory_urls: false`` a link names ``index.html``, which a browser needs
to open a folder's page from disk.  Links are made rooted first and relative
last, not per page in :class:`Urls`, because one rendered piece (an event, an
article body) is shared by pages at different depths, and because a
template override that writes ``{{ site.base_path }}x/`` is made relative
too.  Only ``404.html`` keeps rooted links: a host serves it at any address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class UnsafePathError(ValueError):
    """A slug or id that would escape the output folder or break a URL."""


def safe_segment(value: str) -> str:
    """An id or slug used as one path segment: no ``/``, ``..``, or odd characters."""
    if not _SAFE_SEGMENT.match(value) or value in (".", ".."):
        raise UnsafePathError(f"unsafe path segment {value!r}")
    return value


_ROUTES = {
    "home": "",
    "article": "articles/{}/",
    "articles": "articles/",
    "topics": "topics/",
    "topic": "topics/{}/",
    "actors": "actors/",
    "actor": "actors/{}/",
    # The actor index past one page: by first letter (A–Z), by type, by status; see actor_index_route.
    "actors_letter": "actors/letter/{}/",
    "actors_type": "actors/type/{}/",
    "actors_status": "actors/status/{}/",
    "chronology": "chronology/",
    "chronology_topic": "chronology/topic/{}/",
    "chronology_actor": "chronology/actor/{}/",
    "search": "search/",
    "feed": "feed.xml",
    "sitemap": "sitemap.xml",
    "robots": "robots.txt",
    "not_found": "404.html",
    "cname": "CNAME",
    "data": "data/{}",
    "static": "static/{}",
    "pagefind": "pagefind/{}",
    # A topic's and an actor's own feeds, beside their pages (as Hugo puts a term's feed).
    "topic_feed": "topics/{}/feed.xml",
    "actor_feed": "actors/{}/feed.xml",
}
#: Characters ``quote(route, safe="/._-~")`` leaves alone: such a route is its own link.
_UNQUOTED = re.compile(r"[A-Za-z0-9/._~-]*")


#: Page kinds whose template marks its text ``data-pagefind-body``; nothing else is indexed.
SEARCHABLE_KINDS = ("article", "actor", "topic")


def search_glob() -> str:
    """The files Pagefind reads: only the folders of searchable pages.

    Pagefind parses every file its glob matches even when none of its text is
    indexed; at 10,000 articles the chronologies are most of the site's bytes.
    """
    folders = sorted({_ROUTES[kind].split("/", 1)[0] for kind in SEARCHABLE_KINDS})
    return "{" + ",".join(folders) + "}/**/*.html"


def route_for(kind: str, key: str = "") -> str:
    """The route of a page of one kind; the only place routes are spelled."""
    pattern = _ROUTES[kind]
    if "{}" not in pattern:
        return pattern
    if kind in ("static", "pagefind"):
        if not key:
            return pattern.format("")
        parts = [safe_segment(p) for p in key.split("/")]
        return pattern.format("/".join(parts))
    return pattern.format(safe_segment(key))


def paged(route: str, page: int) -> str:
    """Page ``page`` (counted from 1) of a listing at ``route``, as Hugo numbers them.

    The first page is the listing's own route; the n-th is ``<route>page/<n>/``
    (``topics/arctic/page/2/``).  Ids are single segments, so no other route
    ends in ``page/<n>/`` below a listing.
    """
    if page <= 1:
        return route
    return f"{route}page/{page}/"


def chronology_route(
    topic: str | None = None,
    actor: str | None = None,
    year: str | None = None,
    month: str | None = None,
    page: int = 1,
) -> str:
    """A page of a chronology (all events, a topic's or an actor's), zoomed to a year or month.

    ``chronology/`` is the overview; ``chronology/2025/`` a year; ``chronology/2025/03/``
    a month of a year too long for one page; ``…/page/2/`` the next page of a month
    (or of a year's events known only to the year) still too long.  The same below
    ``chronology/topic/<id>/`` and ``chronology/actor/<id>/``.
    """
    if topic is not None:
        route = route_for("chronology_topic", topic)
    elif actor is not None:
        route = route_for("chronology_actor", actor)
    else:
        route = route_for("chronology")
    if year is not None:
        route += safe_segment(year) + "/"
        if month:
            route += safe_segment(month) + "/"
    return paged(route, page)


@dataclass(frozen=True)
class Urls:
    """URLs for one base URL (``https://host/repo/``, ending in ``/``)."""

    base_url: str
    #: ``False``: a link to a folder names its ``index.html`` (works from disk); absolute URLs never do.
    directory_urls: bool = True
    # A site's pages link the same few thousand URLs hundreds of thousands of times.
    _memo: dict[tuple[str, str], str] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @cached_property
    def base_path(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def link(self, route: str, anchor: str | None = None) -> str:
        """A link rooted at the base path; :func:`relative_links` makes it relative to its page."""
        if not self.directory_urls and (route == "" or route.endswith("/")):
            route += "index.html"
        url = self.base_path + _quoted(route)
        return url + ("#" + anchor if anchor else "")

    def absolute(self, route: str) -> str:
        """The page's public address: always the pretty one (``articles/x/``)."""
        return self.base_url.rstrip("/") + "/" + _quoted(route)

    def url_for(self, kind: str, key: str = "", anchor: str | None = None) -> str:
        url = self._memo.get((kind, key))
        if url is None:
            url = self._memo[(kind, key)] = self.link(route_for(kind, key))
        # Anchored links (an event, a paragraph) are mostly used once: not worth remembering.
        return url + "#" + anchor if anchor else url

    def absolute_for(self, kind: str, key: str = "") -> str:
        return self.absolute(route_for(kind, key))


def _quoted(route: str) -> str:
    return route if _UNQUOTED.fullmatch(route) else quote(route, safe="/._-~")


_SRCSET = re.compile(r'(\ssrcset=")([^"<]*)"')
_ROOTED_AT_SLASH = re.compile(r'="/(?!/)')


def relative_prefix(route: str) -> str:
    """From the page at ``route`` up to the site root: ``""``, ``../``, ``../../`` ..."""
    return "../" * route.count("/")


def relative_links(html: str, route: str, base_path: str) -> str:
    """``html`` of the page at ``route`` with every link rooted at ``base_path`` made relative.

    The rule: a double-quoted attribute value starting with the base path is a link into
    the site, whatever the attribute (``href``, ``src``, ``action``, ``data-…``; site.js
    resolves the ones it reads).  Nothing else can look like one: autoescaping turns a
    quote in text or in a value into ``&#34;``, and JSON escapes it.  So a plain replace
    does it, as fast as copying the page; nor can a link span a ``<``, which lets the
    renderer rewrite a long page piece by piece, cut before a ``<``.
    """
    up = relative_prefix(route)
    rooted = '="' + base_path
    if rooted not in html:
        return html
    if not up:  # on the home page a link to itself is ./, never an empty href
        for after in '"#?':
            html = html.replace(rooted + after, '="./' + after)
    # At base path / a plain replace would also take //host/x, another site's address.
    html = _ROOTED_AT_SLASH.sub('="' + up, html) if base_path == "/" else html.replace(rooted, '="' + up)
    if 'srcset="' not in html:
        return html

    def later_candidates(match: re.Match[str]) -> str:
        candidates = (c.strip() for c in match.group(2).split(","))
        return match.group(1) + ", ".join(
            up + c[len(base_path):] if c.startswith(base_path) and not c.startswith("//") else c
            for c in candidates
        ) + '"'

    return _SRCSET.sub(later_candidates, html)


def output_path(route: str) -> str:
    """Output file of a route, relative to the output folder (POSIX separators)."""
    path = route + "index.html" if route == "" or route.endswith("/") else route
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts:
        raise UnsafePathError(f"route escapes the output folder: {route!r}")
    return str(pure)


#: What a browser ignores in a URL's scheme: C0 controls and space (trimmed), tab and newline
#: (removed anywhere); C1 controls and DEL for good measure.
_IGNORED_IN_URL = re.compile("[\x00-\x20\x7f-\x9f]")
#: Rounds of decoding before a URL that keeps changing is refused: no honest link is encoded thrice.
_DECODINGS = 3


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in *url* (``""`` for a relative URL); None when unclear.

    Python-Markdown keeps entities in an attribute as written and the browser decodes them, so
    ``jav&#x61;script:`` and ``javascript&colon;`` are judged decoded, as are percent-escapes.
    """
    decoded = url
    for _ in range(_DECODINGS):
        step = unquote(unescape(decoded))
        if step == decoded:
            break
        decoded = step
    else:
        return None
    try:
        return urlsplit(_IGNORED_IN_URL.sub("", decoded).lower()).scheme
    except ValueError:
        return None


def is_safe_external(url: str | None) -> bool:
    """Only http(s) URLs may become links; javascript:, data: and the rest never do."""
    return url is not None and url_scheme(url) in ("http", "https")


def base_path(base_url: str) -> str:
    """The path part of a base URL, starting and ending with ``/`` (``https://h/repo`` -> ``/repo/``)."""
    return Urls(base_url).base_path
