"""What a page tells machines about itself: its description and the date it last changed.

A link pasted into a chat shows the page's title and ``<meta name="description">``
(Open Graph's ``og:description``); a search engine reads the sitemap's
``<lastmod>``.  Both are derived from the articles alone, never from the clock:
a build of the same content is byte-identical, whenever it runs.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from html.parser import HTMLParser

from generator.site.events import SiteEvent
from generator.site.model import Site
from generator.urls import route_for

#: Longest description: what search results and link previews show before cutting it themselves.
DESCRIPTION_LIMIT = 160

_SPACE = re.compile(r"\s+")
#: Controls a description never needs (a pasted text may carry them): no preview shows them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def trimmed(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at the last word that fits in ``limit`` characters with an ellipsis."""
    text = _SPACE.sub(" ", _CONTROL.sub("", text)).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # A single word longer than the limit (a URL) is cut inside; else never mid-word.
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


class _FirstParagraph(HTMLParser):
    """The text of the first ``<p>`` of a rendered body, its inline markup dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            self.done = self.done or (self.depth == 0 and bool("".join(self.parts).strip()))

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.parts.append(data)


def first_paragraph_text(body_html: str) -> str:
    """The plain text of a rendered body's first non-empty paragraph (``""`` when it has none)."""
    parser = _FirstParagraph()
    # The first paragraph closes early in the body: the rest need not be parsed.
    position = 0
    while not parser.done:
        end = body_html.find("</p>", position)
        chunk = body_html[position:] if end < 0 else body_html[position:end + 4]
        parser.feed(chunk)
        if end < 0:
            break
        position = end + 4
    parser.close()
    return _SPACE.sub(" ", "".join(parser.parts)).strip()


_ARTICLE_NOUN = {"person": "a person", "country": "a country", "organization": "an organization"}


def actor_description(name: str, actor_type: str, articles: int, together: Sequence[str]) -> str:
    """"3 articles mention Ada North, a person, most often with Ben South and Polar Council.\""""
    text = f"{articles} article{'s mention' if articles != 1 else ' mentions'} {name}"
    if actor_type in _ARTICLE_NOUN:
        text += ", " + _ARTICLE_NOUN[actor_type]
    if together:
        names = list(together[:3])
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text += ", most often with " + listed
    return trimmed(text + ".")


def valid_day(date: str | None) -> str | None:
    """``date`` when it is a real ``YYYY-MM-DD`` day, else ``None`` (a sitemap takes nothing else)."""
    if not date or len(date) != 10:
        return None
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        return None
    return date


def page_lastmods(
    site: Site,
    events_by_topic: Mapping[str, Sequence[SiteEvent]],
    events_by_actor: Mapping[str, Sequence[SiteEvent]],
) -> Callable[[str], str | None]:
    """Route -> the newest date of the articles the page shows (``None``: no dated article).

    An article's page shows itself; a topic's or actor's page, its articles; a chronology,
    the articles its events come from; the home page and the indexes, the whole corpus
    (their counts change with any article).  A route not listed here (a further page of a
    list) takes the date of the nearest route above it: a new article moves every page of
    a list it joins.
    """
    day = {a.slug: valid_day(a.date.date) for a in site.articles}

    def newest(slugs: Iterable[str]) -> str | None:
        return max((d for d in (day.get(s) for s in slugs) if d), default=None)

    def from_events(events: Iterable[SiteEvent]) -> str | None:
        return newest(source.slug for event in events for source in event.sources)

    everything = newest(day)
    known: dict[str, str | None] = {
        route_for(kind): everything for kind in ("home", "topics", "actors", "search", "not_found")
    }
    known[route_for("chronology")] = from_events(site.events)
    known.update((route_for("article", slug), date) for slug, date in day.items())
    known.update((route_for("topic", t), newest(s)) for t, s in site.topic_articles.items())
    known.update((route_for("actor", a), newest(s)) for a, s in site.actor_articles.items())
    known.update((route_for("chronology_topic", t), from_events(e)) for t, e in events_by_topic.items())
    known.update((route_for("chronology_actor", a), from_events(e)) for a, e in events_by_actor.items())

    def lastmod(route: str) -> str | None:
        while route not in known and route:
            route = route.rstrip("/").rpartition("/")[0]
            route = route + "/" if route else ""
        return known.get(route)

    return lastmod
