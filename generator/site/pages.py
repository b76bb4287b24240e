"""Site -> the pages to write, each with exactly its own context.

``plan_pages`` is pure: it turns a :class:`Site` into :class:`Page` values whose
context holds plain data (strings, numbers, lists, dicts) with every URL
precomputed by :mod:`generator.urls`.  A page's fingerprint hashes its
template sources and its context, so the builder re-renders a page only when
something it shows changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from generator.body import body_paragraphs
from generator.model import Actor, Article, Topic
from generator.site import dates
from generator.site.events import SiteEvent
from generator.site.jsonsafe import canonical, inline_json
from generator.site.markdown import ActorLink, render_body
from generator.site.meta import actor_description, first_paragraph_text, page_lastmods, trimmed
from generator.site.model import Site
from generator.site.paging import ChronologyPage, Scope, by_period, chronology_layout, chunks, letter_of
from generator.site.svg import KINDS, Bar, RelationNode, histogram_svg, relations_svg
from generator.urls import Urls, is_safe_external, output_path, paged, route_for

TYPE_LABELS = {"person": "People", "country": "Countries", "organization": "Organizations"}
TYPE_ORDER = ("person", "country", "organization")

BodyRenderer = Callable[[str, Sequence[ActorLink]], str]
TemplateDigest = Callable[[str], str]


@dataclass(frozen=True)
class Page:
    """One output file: rendered from ``template`` with ``context``, or ``data`` as is."""

    path: str  # relative to the output folder, POSIX
    template: str | None
    context: Mapping[str, Any] = field(hash=False)
    fingerprint: str
    data: bytes | None = None


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


class SharedView(Mapping[str, Any]):
    """A read-only mapping shown on many pages (an event): hashed once, not once per page showing it.

    Templates read it like a dict (``e.date``, ``e['date']``).  In a page's
    canonical form it stands for its digest, so a fingerprint still changes
    exactly when its content does.
    """

    __slots__ = ("_data", "_digest", "_make")

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        make: Callable[[], dict[str, Any]] | None = None,
        digest: str | None = None,
    ) -> None:
        assert data is not None or make is not None
        self._data = data
        self._make = make
        #: Given when another process already hashed the same content.
        self._digest = digest

    def _get(self) -> dict[str, Any]:
        if self._data is None:
            assert self._make is not None
            self._data = self._make()
        return self._data

    def release(self) -> None:
        """Forget the content until it is asked for again (a view made by ``make`` only)."""
        if self._make is not None:
            self._data = None

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"SharedView({self._get()!r})"

    @property
    def digest(self) -> str:
        if self._digest is None:
            self._digest = fingerprint(canonical(self._get(), default=_shared_digest))
        return self._digest


def _shared_digest(value: object) -> str:
    if isinstance(value, SharedView):
        return "\0view:" + value.digest
    return str(value)


def context_fingerprint(template: str, template_digest: str, context: Mapping[str, Any]) -> str:
    return fingerprint(template, template_digest, canonical(context, default=_shared_digest))


# --- small views, shared by several pages -------------------------------------


class _EventIndex:
    """Events by actor and by topic (an event's topics are its articles'), and actors' roles."""

    def __init__(self, site: Site, articles: Mapping[str, Article]) -> None:
        self.by_actor: dict[str, list[SiteEvent]] = defaultdict(list)
        self.by_topic: dict[str, list[SiteEvent]] = defaultdict(list)
        self.topic_ids: dict[str, list[str]] = {}
        for event in site.events:
            for actor_id in dict.fromkeys(event.actors):
                self.by_actor[actor_id].append(event)
            topics = sorted({t for slug in event.articles for t in articles[slug].topics})
            self.topic_ids[event.id] = topics
            for topic_id in topics:
                self.by_topic[topic_id].append(event)
        self.article_roles: dict[str, set[str]] = defaultdict(set)
        for article in site.articles:
            for mention in article.actors:
                self.article_roles[mention.id].update(mention.roles)



class Views:
    """Turns model values into plain dicts with URLs; one per plan."""

    def __init__(self, site: Site, urls: Urls) -> None:
        self.site = site
        self.urls = urls
        self.actors = {a.id: a for a in site.actors}
        self.topics = {t.id: t for t in site.topics}
        self.articles = {a.slug: a for a in site.articles}

        self._events: dict[str, SharedView] = {}
        self._event_index: _EventIndex | None = None
        self._actor_views: dict[str, dict[str, Any]] = {}
        self._topic_views: dict[str, dict[str, Any]] = {}
        self._article_views: dict[str, SharedView] = {}
        self._event_routes: dict[str, str] | None = None

    # One inversion each instead of a scan of the corpus per actor, topic or chronology page;
    # made on first use, so planning one article page does not pay for it.
    @property
    def events_by_actor(self) -> dict[str, list[SiteEvent]]:
        return self._index().by_actor

    @property
    def events_by_topic(self) -> dict[str, list[SiteEvent]]:
        return self._index().by_topic

    @property
    def event_topic_ids(self) -> dict[str, list[str]]:
        return self._index().topic_ids

    @property
    def article_roles(self) -> dict[str, set[str]]:
        return self._index().article_roles

    def _index(self) -> _EventIndex:
        if self._event_index is None:
            self._event_index = _EventIndex(self.site, self.articles)
        return self._event_index

    # Counts are opt-in: an article page must not change when another article changes a count.
    # The plain views are made once and shared by every page showing them (never mutated):
    # an article is listed on each of its actors' and topics' pages, an actor on each event.
    def actor(self, actor_id: str, counts: bool = False) -> dict[str, Any]:
        view = self._actor_views.get(actor_id)
        if view is None:
            view = self._actor_views[actor_id] = self._actor(actor_id)
        actor = self.actors.get(actor_id)
        if counts and actor is not None:
            return view | {
                "count": len(self.site.actor_articles.get(actor.id, ())),
                "mentions": self.site.actor_mentions.get(actor.id, 0),
            }
        return view

    def _actor(self, actor_id: str) -> dict[str, Any]:
        actor = self.actors.get(actor_id)
        if actor is None:  # referenced by an event or quote but named by no article
            return {"id": actor_id, "name": actor_id, "type": "", "url": None, "discovered": True}
        return {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "url": self.urls.url_for("actor", actor.id),
            "discovered": actor.discovered,
        }

    def topic(self, topic_id: str, counts: bool = False) -> dict[str, Any]:
        view = self._topic_views.get(topic_id)
        if view is None:
            topic = self.topics[topic_id]
            view = {"id": topic.id, "title": topic.title, "url": self.urls.url_for("topic", topic.id)}
            self._topic_views[topic_id] = view
        if counts:
            topic = self.topics[topic_id]
            return view | {
                "description": topic.description,
                "count": len(self.site.topic_articles.get(topic.id, ())),
                "suggested": topic.suggested,
            }
        return view

    def article(self, slug: str) -> SharedView:
        view = self._article_views.get(slug)
        if view is None:
            article = self.articles[slug]
            view = self._article_views[slug] = SharedView(
                {
                    "slug": slug,
                    "title": article.title,
                    "url": self.urls.url_for("article", slug),
                    "date": dates.article_date(article.date),
                    "byline": article.byline,
                    "topics": [self.topic(t) for t in article.topics if t in self.topics],
                    "draft": article.draft,
                }
            )
        return view

    def paragraph_url(self, slug: str, paragraph: int) -> str:
        return self.urls.url_for("article", slug, f"p-{paragraph}" if paragraph > 0 else None)

    def event_route(self, event_id: str) -> str:
        """The page of the whole chronology that lists an event."""
        if self._event_routes is None:
            self._event_routes = {
                e.id: page.route
                for page in chronology_layout(self.site.events, self.site.config.chronology_page)
                for e in page.events
            }
        return self._event_routes[event_id]

    def event(self, event: SiteEvent, digest: str | None = None) -> SharedView:
        """The view of an event; ``digest``: its digest, as another process computed it."""
        view = self._events.get(event.id)
        if view is None:
            # Made again when asked for after release(): 170,000 events' dicts need not stay.
            view = self._events[event.id] = SharedView(make=partial(self._event, event), digest=digest)
        return view

    def _event(self, event: SiteEvent) -> dict[str, Any]:
        topics = self.event_topic_ids[event.id]
        return {
            "id": event.id,
            "date": event.date,
            "precision": event.precision,
            "label": dates.label(event.date, event.precision),
            "text": event.text,
            "planned": event.planned,
            "background": event.background,
            "kind": _kind(event),
            "actors": [self.actor(a) for a in event.actors],
            "sources": [
                {
                    "title": self.articles[s.slug].title,
                    "url": self.paragraph_url(s.slug, s.paragraph),
                    "paragraph": s.paragraph,
                }
                for s in event.sources
            ],
            "topics": topics,
            "url": self.urls.link(self.event_route(event.id), event.id),
        }

    def actors_by_type(self, actor_ids: Sequence[str]) -> list[dict[str, Any]]:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for actor_id in actor_ids:
            view = self.actor(actor_id)
            groups[view["type"] or "organization"].append(view)
        return [
            {"type": t, "label": TYPE_LABELS[t], "actors": groups[t]} for t in TYPE_ORDER if groups.get(t)
        ]


def chronology_groups(events: Sequence[SiteEvent], views: Views) -> list[dict[str, Any]]:
    """Events (oldest first) -> years -> months; year-level events sit before the months."""
    years: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    for event in events:
        year, _, rest = event.date.partition("-")
        month = rest[:2] if event.precision != "year" and rest else ""
        years.setdefault(year, {}).setdefault(month, []).append(views.event(event))
    return [
        {
            "year": year,
            "id": f"y-{year}",
            "months": [
                {
                    "month": month,
                    "id": f"m-{year}-{month}" if month else f"m-{year}",
                    "label": f"{dates.month_name(int(month))} {year}" if month else f"{year}, month unknown",
                    "events": items,
                }
                for month, items in months.items()
            ],
        }
        for year, months in years.items()
    ]


def _kind(event: SiteEvent) -> str:
    return "planned" if event.planned else "background" if event.background else "reported"


# --- one function per kind of page -----------------------------------------


def common_context(site: Site, urls: Urls, route: str, live_reload: bool) -> dict[str, Any]:
    config = site.config
    nav = [
        ("home", "Home"),
        ("topics", "Topics"),
        ("actors", "Actors"),
        ("chronology", "Chronology"),
        ("search", "Search"),
    ]
    return {
        "site": {
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "author": config.author,
            "copyright": config.copyright,
            "base_url": config.base_url,
            "base_path": urls.base_path,
            "nav": [
                {"key": k, "label": label, "url": urls.url_for(k), "current": route == route_for(k)}
                for k, label in nav
            ],
            "home_url": urls.url_for("home"),
            "css_url": urls.url_for("static", "style.css"),
            "js_url": urls.url_for("static", "site.js"),
            "feed_url": urls.url_for("feed"),
            "search_url": urls.url_for("search"),
            # serve injects its own livereload client; templates may still mark a preview.
            "live_reload": live_reload,
        },
        "canonical_url": urls.absolute(route),
        # A page with its own (an article, a topic, an actor) replaces it.
        "description": trimmed(config.description),
    }


def _home_events(events: Sequence[SiteEvent], articles: Sequence[Article], limit: int
                 ) -> tuple[list[SiteEvent], list[SiteEvent]]:
    """The newest reported events up to the newest article's date, and the next planned ones.

    A forecast ("by 2050") or a scheduled vote is not news yet: among the newest it would push
    out everything that happened.  Dates compare as strings, so "2025" and "2025-03" sit
    before "2025-03-11", as a year or month that holds the day should.
    """
    dated = [a.date.date for a in articles if a.date.date]
    today = max(dated) if dated else None
    reported = [e for e in events if not e.planned and not e.background
                and (today is None or e.date <= today)]
    planned = [e for e in events if e.planned and (today is None or e.date >= today[: len(e.date)])]
    newest = sorted(reported, key=lambda e: e.date, reverse=True)[:limit]
    return newest, sorted(planned, key=lambda e: e.date)[:limit]


def plan_home(site: Site, views: Views) -> dict[str, Any]:
    config = site.config
    topics = sorted(site.topics, key=lambda t: (-len(site.topic_articles.get(t.id, ())), t.title))
    actors = sorted(site.actors, key=lambda a: (-site.actor_mentions.get(a.id, 0), a.name))
    newest, upcoming = _home_events(site.events, site.articles, config.home_events)
    return {
        "title": config.title,
        "articles": [views.article(a.slug) for a in site.articles[: config.home_articles]],
        "article_count": len(site.articles),
        "topics": [
            views.topic(t.id, counts=True)
            for t in topics[: config.home_actors]
            if site.topic_articles.get(t.id)
        ],
        "actors": [
            views.actor(a.id, counts=True)
            for a in actors[: config.home_actors]
            if site.actor_mentions.get(a.id, 0)
        ],
        "events": [views.event(e) for e in newest],
        "upcoming": [views.event(e) for e in upcoming],
        "urls": {
            "topics": views.urls.url_for("topics"),
            "actors": views.urls.url_for("actors"),
            "chronology": views.urls.url_for("chronology"),
        },
    }


def actor_links(article: Article, views: Views) -> list[ActorLink]:
    links = []
    for mention in article.actors:
        actor = views.actors.get(mention.id)
        names = (mention.name, *(actor.aliases if actor else ()), *((actor.name,) if actor else ()))
        links.append(
            ActorLink(
                mention.id,
                tuple(dict.fromkeys(names)),
                views.urls.url_for("actor", mention.id),
                max(mention.first_paragraph, 1),
            )
        )
    return links


def plan_article(site: Site, views: Views, article: Article, body_html: BodyRenderer) -> dict[str, Any]:
    urls = views.urls
    source_url = article.source_url if is_safe_external(article.source_url) else None
    body = body_html(article.body, actor_links(article, views))
    return {
        "title": article.title,
        "description": trimmed(first_paragraph_text(body)) or trimmed(site.config.description),
        "article": {
            **views.article(article.slug),
            "credits": list(article.credits),
            "captions": list(article.captions),
            "relayed": list(article.relayed),
            "publisher": article.publisher,
            "source_url": source_url,
            "source_file": article.source_file,
            "language": article.language,
            "body_html": body,
        },
        "actor_groups": views.actors_by_type([m.id for m in article.actors]),
        "quotes": [
            {
                "speaker": views.actor(q.speaker) if q.speaker else None,
                "speaker_name": q.speaker_name,
                "text": q.text,
                "url": "#p-" + str(q.paragraph) if q.paragraph > 0 else None,
            }
            for q in article.quotes
        ],
        "events": [
            {
                "label": dates.label(e.date, e.precision),
                "date": e.date,
                "precision": e.precision,
                "text": e.text,
                "planned": e.planned,
                "background": e.background,
                "url": "#p-" + str(e.paragraph) if e.paragraph > 0 else None,
            }
            for e in article.events
        ],
        "related": [views.article(slug) for slug in site.related.get(article.slug, ())],
        "json_ld": inline_json(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.title,
                "datePublished": article.date.date,
                "url": urls.absolute_for("article", article.slug),
            }
        ),
    }


def plan_topics(site: Site, views: Views) -> dict[str, Any]:
    return {
        "title": "Topics",
        "topics": [views.topic(t.id, counts=True) for t in sorted(site.topics, key=lambda t: t.title)],
    }


def plan_topic(site: Site, views: Views, topic: Topic) -> dict[str, Any]:
    slugs = site.topic_articles.get(topic.id, ())
    actor_counts: Counter[str] = Counter()
    for slug in slugs:
        for mention in views.articles[slug].actors:
            actor_counts[mention.id] += 1
    key_actors = sorted(actor_counts, key=lambda a: (-actor_counts[a], views.actor(a)["name"]))[:12]
    related: Counter[str] = Counter()
    for slug in slugs:
        for other in views.articles[slug].topics:
            if other != topic.id and other in views.topics:
                related[other] += 1
    events = views.events_by_topic.get(topic.id, [])
    return {
        "title": topic.title,
        "description": trimmed(topic.description or site.config.description),
        "feed": _feed_link(site, views, "topic", topic.id),
        "topic": views.topic(topic.id, counts=True),
        **_article_page(views, slugs, route_for("topic", topic.id), 1),
        "key_actors": [views.actor(a) | {"together": actor_counts[a]} for a in key_actors],
        **_latest_events(events, views, site.config.page_events),
        "related_topics": [
            views.topic(t, counts=True) for t in sorted(related, key=lambda t: (-related[t], t))
        ],
        "chronology_url": views.urls.url_for("chronology_topic", topic.id),
    }


def _latest_events(events: Sequence[SiteEvent], views: Views, limit: int) -> dict[str, Any]:
    """An actor's or topic's page shows its latest events, oldest first; its chronology shows all.

    A head of state is in thousands of events at 10,000 articles: listed in full on
    both pages, they made 96% of the actor pages' bytes and a site too big for GitHub
    Pages.
    """
    shown = events[len(events) - limit:] if len(events) > limit else events
    return {"events": [views.event(e) for e in shown], "events_total": len(events)}


def _article_page(views: Views, slugs: Sequence[str], route: str, number: int) -> dict[str, Any]:
    """The ``number``-th page of a list of articles at ``route`` (an actor's or topic's)."""
    parts = chunks(slugs, views.site.config.list_page)
    return {
        "articles": [views.article(s) for s in parts[number - 1]],
        "articles_total": len(slugs),
        "articles_pager": _numbered_pager(views.urls, route, number, len(parts), "Pages of articles"),
    }


def _numbered_pager(urls: Urls, route: str, number: int, pages: int, label: str) -> dict[str, Any] | None:
    if pages <= 1:
        return None
    return {
        "label": label,
        "prev": {"url": urls.link(paged(route, number - 1)), "label": "Previous page"}
        if number > 1 else None,
        "next": {"url": urls.link(paged(route, number + 1)), "label": "Next page"}
        if number < pages else None,
        "pages": [{"number": n, "url": urls.link(paged(route, n)), "current": n == number}
                  for n in range(1, pages + 1)],
    }


def plan_more_articles(site: Site, views: Views, kind: str, key: str, number: int) -> dict[str, Any]:
    """Page ``number`` (2 and on) of an actor's or topic's articles."""
    if kind == "actor":
        slugs, name = site.actor_articles.get(key, ()), views.actors[key].name
        heading = f"Articles naming {name}"
    else:
        slugs, name = site.topic_articles.get(key, ()), views.topics[key].title
        heading = f"Articles on {name}"
    page = _article_page(views, slugs, route_for(kind, key), number)
    first = (number - 1) * site.config.list_page + 1
    return {
        "title": f"{heading}, page {number}",
        "heading": heading,
        "owner": {"name": name, "url": views.urls.url_for(kind, key)},
        "range": f"{first:,}–{first + len(page['articles']) - 1:,} of {len(slugs):,}",
        **page,
    }


#: The actor index's listings past one page: (kind of route, key, heading).
ACTOR_TYPES = {"person": "People", "organization": "Organizations", "country": "Countries"}
ACTOR_STATUSES = {
    "confirmed": "Confirmed (in actors.yaml)",
    "discovered": "Discovered (found in articles)",
}


class ActorIndex:
    """The actor index: one page while it fits, else listings by letter, type, status and count."""

    def __init__(self, site: Site, views: Views) -> None:
        self.site, self.views = site, views
        self.per_page = max(1, site.config.list_page)
        self.single = len(site.actors) <= self.per_page
        by_name = sorted(site.actors, key=lambda a: (a.name.casefold(), a.id))
        count = {a.id: len(site.actor_articles.get(a.id, ())) for a in site.actors}
        by_count = sorted(site.actors, key=lambda a: (-count[a.id], a.name.casefold(), a.id))
        letters: dict[str, list[Actor]] = {}
        for actor in by_name:
            letters.setdefault(letter_of(actor.name), []).append(actor)
        #: (route of page 1, heading, actors in order), the overview (all, by count) first.
        self.listings: list[tuple[str, str, list[Actor], bool]] = [
            (route_for("actors"), "Actors", by_count, True)
        ]
        if not self.single:
            self.listings += [
                (route_for("actors_letter", letter),
                 f"Actors: {letter.upper() if letter != 'other' else 'other'}",
                 members, False)
                for letter, members in sorted(letters.items())
            ]
            self.listings += [
                (route_for("actors_type", kind), f"Actors: {label}",
                 [a for a in by_count if a.type == kind], True)
                for kind, label in ACTOR_TYPES.items()
            ]
            self.listings += [
                (route_for("actors_status", status), f"Actors: {label.split(' (')[0]}",
                 [a for a in by_count if a.discovered == (status == "discovered")], True)
                for status, label in ACTOR_STATUSES.items()
            ]
        self.letters = sorted(letters)

    def pages(self) -> Iterator[tuple[str, int, int]]:
        """(route, listing index, page number) of every page."""
        for index, (route, _, members, _) in enumerate(self.listings):
            if index and not members:
                continue
            for number in range(1, len(chunks(members, self.per_page)) + 1):
                yield paged(route, number), index, number

    def plan(self, index: int, number: int) -> dict[str, Any]:
        site, views, urls = self.site, self.views, self.views.urls
        if self.single:
            return plan_actors(site, views)
        route, heading, members, by_count = self.listings[index]
        parts = chunks(members, self.per_page)
        nav_letters = [
            {"label": "#" if letter == "other" else letter.upper(),
             "url": urls.url_for("actors_letter", letter),
             "current": route == route_for("actors_letter", letter), "name": "other" if letter == "other"
             else letter.upper()}
            for letter in self.letters
        ]

        def entry(route_kind: str, key: str, label: str) -> dict[str, Any]:
            members = next(m for r, _, m, _ in self.listings if r == route_for(route_kind, key))
            return {"label": label, "url": urls.url_for(route_kind, key), "count": len(members),
                    "current": route == route_for(route_kind, key)}

        first = (number - 1) * self.per_page + 1
        shown = parts[number - 1]
        return {
            "title": heading + (f", page {number}" if number > 1 else ""),
            "heading": heading,
            "count": len(site.actors),
            "paged": True,
            "by_count": by_count,
            "range": f"{first:,}–{first + len(shown) - 1:,} of {len(members):,}",
            "start": first,
            "letters": nav_letters,
            # An empty listing has no page: not linked.
            "types": [e for k, v in ACTOR_TYPES.items() if (e := entry("actors_type", k, v))["count"]],
            "statuses": [
                e for k, v in ACTOR_STATUSES.items() if (e := entry("actors_status", k, v))["count"]
            ],
            "all": {"url": urls.url_for("actors"), "current": index == 0, "count": len(site.actors)},
            "actors": [
                views.actor(a.id, counts=True) | {"type_label": a.type}
                for a in shown
            ],
            "pager": _numbered_pager(urls, route, number, len(parts), "Pages of this list"),
        }


def plan_actors(site: Site, views: Views) -> dict[str, Any]:
    groups = []
    for kind in TYPE_ORDER:
        members = sorted((a for a in site.actors if a.type == kind), key=lambda a: (a.name.casefold(), a.id))
        if members:
            groups.append(
                {
                    "type": kind,
                    "label": TYPE_LABELS[kind],
                    "id": f"type-{kind}",
                    "actors": [
                        views.actor(a.id, counts=True) | {"aliases": list(a.aliases)} for a in members
                    ],
                }
            )
    return {"title": "Actors", "groups": groups, "count": len(site.actors), "paged": False}


def plan_actor(site: Site, views: Views, actor: Actor) -> dict[str, Any]:
    urls = views.urls
    co = site.co_actors.get(actor.id, ())[:10]
    events = views.events_by_actor.get(actor.id, [])
    roles_from_articles = sorted(views.article_roles.get(actor.id, ()))
    return {
        "title": actor.name,
        "description": actor_description(
            actor.name, actor.type, len(site.actor_articles.get(actor.id, ())),
            [views.actor(other)["name"] for other, _ in co],
        ),
        "feed": _feed_link(site, views, "actor", actor.id),
        "actor": views.actor(actor.id, counts=True)
        | {
            "aliases": list(actor.aliases),
            "country": views.actor(actor.country) if actor.country else None,
            "wikidata_url": f"https://www.wikidata.org/wiki/{actor.wikidata}"
            if actor.wikidata and actor.wikidata[1:].isdigit() and actor.wikidata[0] in "QP"
            else None,
            "type_label": TYPE_LABELS.get(actor.type, actor.type),
        },
        "roles": [{"title": r.title, "from": r.start, "to": r.end} for r in actor.roles],
        "roles_in_articles": roles_from_articles,
        **_article_page(views, site.actor_articles.get(actor.id, ()), route_for("actor", actor.id), 1),
        "quotes_total": len(site.actor_quotes.get(actor.id, ())),
        "quotes": [
            {
                "text": q.text,
                "speaker_name": q.speaker_name,
                "article": views.articles[slug].title,
                "url": views.paragraph_url(slug, q.paragraph),
            }
            # The latest few: a head of state is quoted in hundreds of articles.
            for slug, q in site.actor_quotes.get(actor.id, ())[: site.config.list_page // 4 or 1]
        ],
        **_latest_events(events, views, site.config.page_events),
        "co_actors": [views.actor(other) | {"together": n} for other, n in co],
        "relations_svg": relations_svg(
            actor.name,
            [RelationNode(views.actor(o)["name"], urls.url_for("actor", o), n) for o, n in co],
            f"Actors most often in the same articles as {actor.name}",
        ),
        "chronology_url": urls.url_for("chronology_actor", actor.id),
    }


#: On a page listing no events (an overview), the filter links name the scope's most frequent ones.
FILTER_TOP = 40


def chronology_filters(
    events: Sequence[SiteEvent], views: Views, scope: Scope, limit: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The topics and actors of ``events`` (the ``limit`` most frequent), each linking its chronology.

    A page's filter names only what its own events hold: the script filters the
    events on the page, and a list of every actor of the corpus made each page
    of a 10,000-article chronology hundreds of kilobytes long.
    """
    urls = views.urls
    topic_counts: Counter[str] = Counter()
    actor_counts: Counter[str] = Counter()
    for event in events:
        topic_counts.update(t for t in views.event_topic_ids[event.id] if t in views.topics)
        actor_counts.update(a for a in dict.fromkeys(event.actors) if a in views.actors)
    if limit is not None:
        topic_counts = Counter(dict(sorted(topic_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]))
        actor_counts = Counter(dict(sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]))
    topics = [
        {
            "id": t,
            "title": views.topics[t].title,
            "url": urls.url_for("chronology_topic", t),
            "current": t == scope.topic,
        }
        for t in sorted(topic_counts, key=lambda t: (views.topics[t].title.casefold(), t))
    ]
    actors = [
        {
            "id": a,
            "name": views.actors[a].name,
            "url": urls.url_for("chronology_actor", a),
            "current": a == scope.actor,
        }
        for a in sorted(actor_counts, key=lambda a: (views.actors[a].name.casefold(), a))
    ]
    return topics, actors


def _kind_counts(events: Iterable[SiteEvent]) -> tuple[int, int, int]:
    counts = Counter(_kind(e) for e in events)
    return tuple(counts[k] for k in KINDS)  # type: ignore[return-value]


#: Empty years between two years with events drawn as empty bars; a longer gap is one break mark.
GAP_YEARS = 3
#: More year slots than this are drawn as decades.
MAX_YEAR_BARS = 120


def year_bars(years: Mapping[str, Sequence[SiteEvent]], href: Callable[[str], str | None]) -> list[Bar]:
    """One bar per year from the first to the last, short gaps as empty years, long ones as a break."""
    numbers = sorted((int(y), y) for y in years if y.lstrip("-").isdigit())
    bars: list[Bar] = []
    previous: int | None = None
    for number, year in numbers:
        if previous is not None:
            if number - previous - 1 > GAP_YEARS:
                bars.append(Bar("", "", gap=True))
            else:
                bars += [Bar(str(y), str(y)) for y in range(previous + 1, number)]
        bars.append(Bar(year, year, _kind_counts(years[year]), href(year)))
        previous = number
    if len(bars) <= MAX_YEAR_BARS:
        return bars
    decades: dict[int, list[SiteEvent]] = {}
    first_year: dict[int, str] = {}
    for number, year in numbers:
        decades.setdefault(number // 10 * 10, []).extend(years[year])
        first_year.setdefault(number // 10 * 10, year)
    return [
        Bar(f"{d}s", f"the {d}s", _kind_counts(items), href(first_year[d]))
        for d, items in sorted(decades.items())
    ]


def month_bars(
    months: Mapping[str, Sequence[SiteEvent]], year: str, href: Callable[[str], str | None],
    current: str | None = None,
) -> list[Bar]:
    """Twelve bars, one per month of ``year`` (events known only to the year are not drawn)."""
    bars = []
    for number in range(1, 13):
        month = f"{number:02d}"
        items = months.get(month, ())
        name = f"{dates.month_name(number)} {year}"
        bars.append(Bar(dates.month_name(number)[:3], name, _kind_counts(items),
                        href(month) if items else None, month == current))
    return bars


class ChronologyPlanner:
    """The pages of one chronology (everyone's, a topic's, an actor's), planned one at a time."""

    def __init__(
        self, site: Site, views: Views, scope: Scope, events: Sequence[SiteEvent], name: str
    ) -> None:
        self.site, self.views, self.scope, self.events, self.name = site, views, scope, events, name
        self.layout = chronology_layout(events, site.config.chronology_page, scope)
        self._periods: dict[str, dict[str, list[SiteEvent]]] | None = None

    @property
    def periods(self) -> dict[str, dict[str, list[SiteEvent]]]:
        if self._periods is None:
            self._periods = by_period(self.events)
        return self._periods

    def link(self, year: str | None = None, month: str | None = None, page: int = 1) -> str:
        return self.views.urls.link(self.scope.route(year, month, page))

    def _label(self, page: ChronologyPage) -> str:
        if page.year is None:
            return ""
        label = f"{dates.month_name(int(page.month))} {page.year}" if page.month else page.year
        return label + (f", page {page.page} of {page.pages}" if page.pages > 1 else "")

    def plan(self, index: int) -> dict[str, Any]:
        page = self.layout[index]
        views, urls, scope = self.views, self.views.urls, self.scope
        label = self._label(page)
        # "Chronology: 2025", "Chronology: Fisheries, March 2025"
        heading = (f"{self.name}{', ' if self.scope.topic or self.scope.actor else ': '}{label}"
                   if label else self.name)
        listed = page.events
        if page.kind == "overview":
            years = {y: [e for m in months.values() for e in m] for y, months in self.periods.items()}
            bars = year_bars(years, lambda y: self.link(y))
            periods = [{"label": y, "url": self.link(y), "count": len(items), "current": False}
                       for y, items in years.items()]
            periods_heading = "Years"
        elif page.kind == "all":
            years = {y: [e for m in months.values() for e in m] for y, months in self.periods.items()}
            bars = year_bars(years, lambda y: "#y-" + y)
            periods, periods_heading = [], ""
        else:
            assert page.year is not None
            months = self.periods[page.year]
            if page.kind == "year":
                bars = month_bars(months, page.year, lambda m: f"#m-{page.year}-{m}")
                periods, periods_heading = [], ""
            else:
                bars = month_bars(months, page.year, lambda m: self.link(page.year, m), page.month)
                periods = [
                    {"label": f"{dates.month_name(int(m))} {page.year}", "url": self.link(page.year, m),
                     "count": len(items), "current": m == page.month}
                    for m, items in months.items() if m
                ]
                periods_heading = f"Months of {page.year}"
        crumbs = [{"label": self.name, "url": self.link() if page.year is not None else None}]
        if page.year is not None:
            crumbs.append({"label": page.year, "url": self.link(page.year) if page.month or page.page > 1
                           else None})
            if page.month:
                crumbs.append({"label": f"{dates.month_name(int(page.month))} {page.year}",
                               "url": self.link(page.year, page.month) if page.page > 1 else None})
            if page.page > 1:
                crumbs.append({"label": f"page {page.page}", "url": None})
        topic = views.topics[scope.topic] if scope.topic else None
        actor = views.actors[scope.actor] if scope.actor else None
        # A page listing no events (an overview) names the most frequent of its period's.
        shown_for_filter = listed or (
            [e for items in self.periods[page.year].values() for e in items] if page.year else self.events
        )
        filter_topics, filter_actors = chronology_filters(
            shown_for_filter, views, scope, None if listed else FILTER_TOP
        )
        summary = self._summary(page)
        unit = "month" if page.year else "decade" if bars and bars[0].label.endswith("s") else "year"
        return {
            "title": heading,
            "heading": heading,
            "summary": summary,
            "filter": (
                {"kind": "topic", "id": topic.id, "name": topic.title}
                if topic
                else {"kind": "actor", "id": actor.id, "name": actor.name}
                if actor
                else None
            ),
            "breadcrumbs": crumbs if len(crumbs) > 1 else [],
            "groups": chronology_groups(listed, views),
            "count": len(self.events),
            "listed": len(listed),
            "periods": periods,
            "periods_heading": periods_heading,
            "timeline_svg": histogram_svg(bars, f"{heading}: events per {unit}"),
            "timeline_unit": unit,
            "filter_topics": filter_topics,
            "filter_actors": filter_actors,
            "filter_complete": bool(listed),
            "pager": self._pager(index),
            "all_url": urls.url_for("chronology"),
        }

    def _summary(self, page: ChronologyPage) -> str:
        def events(n: int) -> str:
            return f"{n:,} event{'' if n == 1 else 's'}"

        if page.kind == "all":
            return events(len(self.events))
        if page.kind == "overview":
            return f"{events(len(self.events))} in {len(self.periods):,} years"
        assert page.year is not None
        months = self.periods[page.year]
        if page.month:
            text = f"{events(len(months[page.month]))} in {dates.month_name(int(page.month))} {page.year}"
        else:
            text = f"{events(sum(len(m) for m in months.values()))} in {page.year}"
            if page.kind == "year-split":
                text += f", {len(months.get('', ())):,} known only to the year"
        if page.pages > 1:
            text += f"; {len(page.events):,} on this page"
        return text

    def _pager(self, index: int) -> dict[str, Any] | None:
        """Earlier and later pages in time, and the numbered pages of this page's month (or year)."""
        page = self.layout[index]
        if page.kind in ("all", "overview"):
            return None
        before = self.layout[index - 1] if index > 1 else None
        after = self.layout[index + 1] if index + 1 < len(self.layout) else None
        numbers = [
            {"number": n, "url": self.link(page.year, page.month, n), "current": n == page.page}
            for n in range(1, page.pages + 1)
        ] if page.pages > 1 else []
        return {
            "label": "Earlier and later pages",
            "prev": {"url": self.views.urls.link(before.route), "label": self._label(before)}
            if before else None,
            "next": {"url": self.views.urls.link(after.route), "label": self._label(after)}
            if after else None,
            "pages": numbers,
        }


#: The pages with a feed of their own besides the site's: kind of page -> route kind of its feed.
FEED_KINDS = {"home": "feed", "topic": "topic_feed", "actor": "actor_feed"}


def _feed_title(site: Site, views: Views, kind: str, key: str) -> str:
    if kind == "home":
        return site.config.title
    name = views.topics[key].title if kind == "topic" else views.actors[key].name
    return f"{name} · {site.config.title}"


def _feed_link(site: Site, views: Views, kind: str, key: str) -> dict[str, str]:
    """How a topic's or actor's page names its own feed."""
    return {"url": views.urls.url_for(FEED_KINDS[kind], key), "title": _feed_title(site, views, kind, key)}


def plan_feed(site: Site, views: Views, kind: str = "home", key: str = "") -> dict[str, Any]:
    """The site's feed (``kind="home"``), or a topic's or actor's: its newest dated articles."""
    urls = views.urls
    if kind == "home":
        articles: Sequence[Article] = site.articles
        subtitle = site.config.description
    else:
        slugs = (site.topic_articles if kind == "topic" else site.actor_articles).get(key, ())
        articles = [views.articles[s] for s in slugs]
        subtitle = views.topics[key].description if kind == "topic" else ""
    dated = [a for a in articles if a.date.date][: site.config.feed_items]
    return {
        "title": _feed_title(site, views, kind, key),
        "subtitle": subtitle,
        "feed_url": urls.absolute_for(FEED_KINDS[kind], key),
        "home_url": urls.absolute_for("home"),
        "page_url": urls.absolute_for(kind, key),
        "updated": dates.atom_timestamp(dated[0].date.date if dated else None),
        "entries": [
            {
                "title": a.title,
                "url": urls.absolute_for("article", a.slug),
                "updated": dates.atom_timestamp(a.date.date),
                "author": a.byline or site.config.author,
                "summary": _summary(a.body),
                "topics": [views.topics[t].title for t in a.topics if t in views.topics],
            }
            for a in dated
        ],
    }


@lru_cache(maxsize=4096)
def _summary(body: str) -> str:
    # An article is in the feeds of each of its topics and actors: split once, not twenty times.
    return next(iter(body_paragraphs(body)), "")


def _scoped_feeds(site: Site, views: Views) -> list[tuple[str, str, Callable[[], dict[str, Any]]]]:
    """The feed of every topic and every actor: (route, template, plan)."""
    return [
        (route_for(FEED_KINDS[kind], key), "feed.xml", partial(plan_feed, site, views, kind, key))
        for kind, keys in (("topic", [t.id for t in site.topics]), ("actor", [a.id for a in site.actors]))
        for key in keys
    ]


def plan_sitemap(
    site: Site, routes: Sequence[tuple[str, str | None]], urls: Urls, views: Views | None = None
) -> dict[str, Any]:
    """``routes``: (route, article date or None); with ``views`` every page's lastmod is
    the newest date of the articles it shows (:func:`generator.site.meta.page_lastmods`)."""
    lastmod = dict(routes).get
    if views is not None:
        lastmod = page_lastmods(site, views.events_by_topic, views.events_by_actor)
    return {"entries": [{"url": urls.absolute(route), "lastmod": lastmod(route)} for route, _ in routes]}


# --- the plan ----------------------------------------------------------------


#: Every template the planner names (overrides may include or import others).
TEMPLATES = (
    "404.html", "actor.html", "actors.html", "article.html", "articles.html", "chronology.html", "feed.xml",
    "home.html",
    "robots.txt", "search.html", "sitemap.xml", "topic.html", "topics.html",
)


def plan_pages(
    site: Site,
    urls: Urls,
    *,
    template_digest: TemplateDigest = lambda name: "",
    body_html: BodyRenderer = render_body,
    live_reload: bool = False,
) -> tuple[Page, ...]:
    """Every templated page of the site, sorted by output path."""
    pages = iter_pages(
        site, urls, template_digest=template_digest, body_html=body_html, live_reload=live_reload
    )
    return tuple(sorted(pages, key=lambda p: p.path))


def iter_pages(
    site: Site,
    urls: Urls,
    *,
    template_digest: TemplateDigest = lambda name: "",
    body_html: BodyRenderer = render_body,
    live_reload: bool = False,
    part: tuple[int, int] = (0, 1),
    views: Views | None = None,
) -> Iterator[Page]:
    """Every templated page of the site, each planned only when it is asked for.

    A page's context is ~200 KB at 1000 articles (timelines, event lists): the
    builder renders and drops each before planning the next.  ``part=(k, n)``
    plans only every n-th page from the k-th, so that n processes share the work;
    they can be given ``views`` made beforehand, with the events' digests known.
    """
    views = views or Views(site, urls)
    Spec = tuple[str, str, Callable[[], dict[str, Any]]]
    specs: list[Spec] = [
        (route_for("home"), "home.html", lambda: plan_home(site, views)),
        (route_for("topics"), "topics.html", lambda: plan_topics(site, views)),
        (route_for("search"), "search.html", lambda: {"title": "Search"}),
        (route_for("not_found"), "404.html", lambda: {"title": "Page not found"}),
    ]
    specs += [
        (route_for("article", a.slug), "article.html", lambda a=a: plan_article(site, views, a, body_html))
        for a in site.articles
    ]
    specs += [
        (route_for("topic", t.id), "topic.html", lambda t=t: plan_topic(site, views, t)) for t in site.topics
    ]
    specs += [
        (route_for("actor", a.id), "actor.html", lambda a=a: plan_actor(site, views, a)) for a in site.actors
    ]
    per_page = max(1, site.config.list_page)
    for kind, owners in (("topic", site.topic_articles), ("actor", site.actor_articles)):
        for key, slugs in owners.items():
            if (views.topics if kind == "topic" else views.actors).get(key) is None:
                continue
            specs += [
                (paged(route_for(kind, key), n), "articles.html",
                 lambda kind=kind, key=key, n=n: plan_more_articles(site, views, kind, key, n))
                for n in range(2, len(chunks(slugs, per_page)) + 1)
            ]
    index = ActorIndex(site, views)
    specs += [
        (route, "actors.html", lambda i=i, n=n: index.plan(i, n)) for route, i, n in index.pages()
    ]
    planners = [ChronologyPlanner(site, views, Scope(), site.events, "Chronology")]
    planners += [
        ChronologyPlanner(
            site, views, Scope(topic=t.id), views.events_by_topic[t.id], f"Chronology: {t.title}"
        )
        for t in site.topics
        if t.id in views.events_by_topic
    ]
    planners += [
        ChronologyPlanner(
            site, views, Scope(actor=a.id), views.events_by_actor[a.id], f"Chronology: {a.name}"
        )
        for a in site.actors
        if a.id in views.events_by_actor
    ]
    specs += [
        (page.route, "chronology.html", lambda c=c, i=i: c.plan(i))
        for c in planners
        for i, page in enumerate(c.layout)
    ]
    article_routes = {route_for("article", a.slug): a.date.date for a in site.articles}
    html_routes = sorted(
        (route, article_routes.get(route))
        for route, template, _ in specs
        if template not in ("404.html", "search.html")
    )
    specs += [
        (route_for("feed"), "feed.xml", lambda: plan_feed(site, views)),
        (route_for("sitemap"), "sitemap.xml", lambda: plan_sitemap(site, html_routes, urls, views)),
        (route_for("robots"), "robots.txt", lambda: {"sitemap_url": urls.absolute_for("sitemap")}),
        *_scoped_feeds(site, views),
    ]
    first, parts = part
    for route, template, plan in specs[first::parts]:
        yield _page(site, urls, route, template, plan(), template_digest, live_reload)


def plan_body_pages(
    site: Site,
    urls: Urls,
    slugs: Sequence[str],
    *,
    template_digest: TemplateDigest = lambda name: "",
    body_html: BodyRenderer = render_body,
    live_reload: bool = False,
) -> tuple[Page, ...]:
    """The pages that show an article's body: its own page, and the feeds (summaries).

    Every other page is a function of the model without the bodies, so when only
    bodies changed these are the only pages that can differ (the builder relies on
    this; tests/test_site_speed.py checks it against a full build).
    """
    views = Views(site, urls)
    specs = [
        (route_for("article", s), "article.html", plan_article(site, views, views.articles[s], body_html))
        for s in slugs
    ]
    specs.append((route_for("feed"), "feed.xml", plan_feed(site, views)))
    # The topics' and actors' feeds show summaries too.
    scopes = {("topic", t) for s in slugs for t in views.articles[s].topics if t in views.topics}
    scopes |= {("actor", m.id) for s in slugs for m in views.articles[s].actors if m.id in views.actors}
    specs += [
        (route_for(FEED_KINDS[kind], key), "feed.xml", plan_feed(site, views, kind, key))
        for kind, key in sorted(scopes)
    ]
    return tuple(
        _page(site, urls, route, template, context, template_digest, live_reload)
        for route, template, context in specs
    )


def _page(
    site: Site,
    urls: Urls,
    route: str,
    template: str,
    context: dict[str, Any],
    template_digest: TemplateDigest,
    live_reload: bool,
) -> Page:
    full = common_context(site, urls, route, live_reload) | context | {"page_route": route}
    fingerprint = context_fingerprint(template, template_digest(template), full)
    return Page(output_path(route), template, full, fingerprint)
