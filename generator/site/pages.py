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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.ingest.body import body_paragraphs
from generator.model import Actor, Article, Topic
from generator.site import dates
from generator.site.events import SiteEvent
from generator.site.jsonsafe import canonical, inline_json
from generator.site.markdown import ActorLink, render_body
from generator.site.model import Site
from generator.site.svg import RelationNode, TimelinePoint, fractional_year, relations_svg, timeline_svg
from generator.urls import Urls, is_safe_external, output_path, route_for

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
        self._points: dict[str, TimelinePoint] = {}

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

    def point(self, event: SiteEvent) -> TimelinePoint:
        """An event's mark on a timeline; an event is on the timelines of each of its actors and topics."""
        point = self._points.get(event.id)
        if point is None:
            point = self._points[event.id] = _point(event)
        return point

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
            "url": self.urls.url_for("chronology", anchor=event.id),
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


def _timeline(events: Sequence[SiteEvent], title: str, views: Views) -> str:
    return timeline_svg([views.point(event) for event in events], title)


def _kind(event: SiteEvent) -> str:
    return "planned" if event.planned else "background" if event.background else "reported"


def _point(event: SiteEvent) -> TimelinePoint:
    start, end = fractional_year(event.date, event.precision)
    label = f"{dates.label(event.date, event.precision)}: {event.text}"
    return TimelinePoint(start, end, label, "#" + event.id, _kind(event))


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
    return {
        "title": article.title,
        "article": {
            **views.article(article.slug),
            "credits": list(article.credits),
            "captions": list(article.captions),
            "relayed": list(article.relayed),
            "publisher": article.publisher,
            "source_url": source_url,
            "source_file": article.source_file,
            "language": article.language,
            "body_html": body_html(article.body, actor_links(article, views)),
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
        "topic": views.topic(topic.id, counts=True),
        "articles": [views.article(s) for s in slugs],
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
    return {"title": "Actors", "groups": groups, "count": len(site.actors)}


def plan_actor(site: Site, views: Views, actor: Actor) -> dict[str, Any]:
    urls = views.urls
    co = site.co_actors.get(actor.id, ())[:10]
    events = views.events_by_actor.get(actor.id, [])
    roles_from_articles = sorted(views.article_roles.get(actor.id, ()))
    return {
        "title": actor.name,
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
        "articles": [views.article(s) for s in site.actor_articles.get(actor.id, ())],
        "quotes": [
            {
                "text": q.text,
                "speaker_name": q.speaker_name,
                "article": views.articles[slug].title,
                "url": views.paragraph_url(slug, q.paragraph),
            }
            for slug, q in site.actor_quotes.get(actor.id, ())
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


def chronology_filters(site: Site, views: Views) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The topic and actor filter entries every chronology page lists, none of them current."""
    urls = views.urls
    event_topics = sorted(
        {t for topics in views.event_topic_ids.values() for t in topics if t in views.topics}
    )
    event_actors = sorted(
        {a for e in site.events for a in e.actors if a in views.actors},
        key=lambda a: (views.actors[a].name.casefold(), a),
    )
    topics = [
        {
            "id": t,
            "title": views.topics[t].title,
            "url": urls.url_for("chronology_topic", t),
            "current": False,
        }
        for t in event_topics
    ]
    actors = [
        {
            "id": a,
            "name": views.actors[a].name,
            "url": urls.url_for("chronology_actor", a),
            "current": False,
        }
        for a in event_actors
    ]
    return topics, actors


def _marked(entries: list[dict[str, Any]], current: str | None) -> list[dict[str, Any]]:
    # The unmarked entries are shared between pages: contexts are never mutated.
    return [e | {"current": True} if e["id"] == current else e for e in entries]


def plan_chronology(
    site: Site,
    views: Views,
    topic: Topic | None = None,
    actor: Actor | None = None,
    filters: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    urls = views.urls
    events: Sequence[SiteEvent]
    if topic is not None:
        events = views.events_by_topic.get(topic.id, ())
        heading = f"Chronology: {topic.title}"
    elif actor is not None:
        events = views.events_by_actor.get(actor.id, ())
        heading = f"Chronology: {actor.name}"
    else:
        events = site.events
        heading = "Chronology"
    filter_topics, filter_actors = filters or chronology_filters(site, views)
    return {
        "title": heading,
        "filter": (
            {"kind": "topic", "id": topic.id, "name": topic.title}
            if topic
            else {"kind": "actor", "id": actor.id, "name": actor.name}
            if actor
            else None
        ),
        "groups": chronology_groups(events, views),
        "count": len(events),
        "timeline_svg": _timeline(events, heading + ": a timeline of events", views),
        "filter_topics": _marked(filter_topics, topic.id if topic else None),
        "filter_actors": _marked(filter_actors, actor.id if actor else None),
        "all_url": urls.url_for("chronology"),
    }


def plan_feed(site: Site, views: Views) -> dict[str, Any]:
    urls = views.urls
    dated = [a for a in site.articles if a.date.date][: site.config.feed_items]
    return {
        "feed_url": urls.absolute_for("feed"),
        "home_url": urls.absolute_for("home"),
        "updated": dates.atom_timestamp(dated[0].date.date if dated else None),
        "entries": [
            {
                "title": a.title,
                "url": urls.absolute_for("article", a.slug),
                "updated": dates.atom_timestamp(a.date.date),
                "author": a.byline or site.config.author,
                "summary": next(iter(body_paragraphs(a.body)), ""),
                "topics": [views.topics[t].title for t in a.topics if t in views.topics],
            }
            for a in dated
        ],
    }


def plan_sitemap(site: Site, routes: Sequence[tuple[str, str | None]], urls: Urls) -> dict[str, Any]:
    return {"entries": [{"url": urls.absolute(route), "lastmod": lastmod} for route, lastmod in routes]}


# --- the plan ----------------------------------------------------------------


#: Every template the planner names (overrides may include or import others).
TEMPLATES = (
    "404.html", "actor.html", "actors.html", "article.html", "chronology.html", "feed.xml", "home.html",
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
        (route_for("actors"), "actors.html", lambda: plan_actors(site, views)),
        (route_for("chronology"), "chronology.html", lambda: plan_chronology(site, views)),
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
    filters: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []

    def shared_filters() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if not filters:
            filters.append(chronology_filters(site, views))
        return filters[0]

    specs += [
        (
            route_for("chronology_topic", t.id),
            "chronology.html",
            lambda t=t: plan_chronology(site, views, topic=t, filters=shared_filters()),
        )
        for t in site.topics
        if t.id in views.events_by_topic
    ]
    specs += [
        (
            route_for("chronology_actor", a.id),
            "chronology.html",
            lambda a=a: plan_chronology(site, views, actor=a, filters=shared_filters()),
        )
        for a in site.actors
        if a.id in views.events_by_actor
    ]
    article_routes = {route_for("article", a.slug): a.date.date for a in site.articles}
    html_routes = sorted(
        (route, article_routes.get(route))
        for route, template, _ in specs
        if template not in ("404.html", "search.html")
    )
    specs += [
        (route_for("feed"), "feed.xml", lambda: plan_feed(site, views)),
        (route_for("sitemap"), "sitemap.xml", lambda: plan_sitemap(site, html_routes, urls)),
        (route_for("robots"), "robots.txt", lambda: {"sitemap_url": urls.absolute_for("sitemap")}),
    ]
    index, parts = part
    for route, template, plan in specs[index::parts]:
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
    """The pages that show an article's body: its own page, and the feed (summaries).

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
