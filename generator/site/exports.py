"""Site -> ``data/*.json``: the stable, documented data contract.

Each export is a list sorted by its key (slug, id, or date then text), every
object has exactly the keys listed in the issue; tests/test_exports.py pins
the contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.site.jsonsafe import export_json_list
from generator.site.model import Site
from generator.urls import Urls


def articles_export(site: Site, urls: Urls) -> Iterator[dict[str, Any]]:
    return (
        {
            "slug": a.slug,
            "title": a.title,
            "date": a.date.date,
            "date_confidence": a.date.confidence,
            "date_basis": a.date.basis,
            "url": urls.absolute_for("article", a.slug),
            "source_file": a.source_file,
            "source_part": a.source_part,
            "byline": a.byline,
            "credits": list(a.credits),
            "actors": [m.id for m in a.actors],
            "topics": list(a.topics),
            "quotes": [
                {
                    "speaker": q.speaker,
                    "speaker_name": q.speaker_name,
                    "text": q.text,
                    "paragraph": q.paragraph,
                }
                for q in a.quotes
            ],
            "warnings": [n.text for n in a.warnings],
        }
        for a in sorted(site.articles, key=lambda a: a.slug)
    )


def actors_export(site: Site, urls: Urls) -> Iterator[dict[str, Any]]:
    return (
        {
            "id": a.id,
            "name": a.name,
            "type": a.type,
            "aliases": list(a.aliases),
            "roles": [{"title": r.title, "from": r.start, "to": r.end} for r in a.roles],
            "discovered": a.discovered,
            "url": urls.absolute_for("actor", a.id),
            "articles": sorted(site.actor_articles.get(a.id, ())),
            "mentions": site.actor_mentions.get(a.id, 0),
        }
        for a in site.actors
    )


def topics_export(site: Site, urls: Urls) -> Iterator[dict[str, Any]]:
    return (
        {
            "id": t.id,
            "title": t.title,
            "url": urls.absolute_for("topic", t.id),
            "articles": sorted(site.topic_articles.get(t.id, ())),
        }
        for t in site.topics
    )


def events_export(site: Site) -> Iterator[dict[str, Any]]:
    return (
        {
            "date": e.date,
            "precision": e.precision,
            "text": e.text,
            "actors": list(e.actors),
            "articles": list(e.articles),
            "paragraph": e.sources[0].paragraph,
            "planned": e.planned,
            "background": e.background,
        }
        for e in site.events
    )


def exports(site: Site, urls: Urls) -> dict[str, bytes]:
    """Output path -> file bytes."""
    return {
        "data/articles.json": export_json_list(articles_export(site, urls)),
        "data/actors.json": export_json_list(actors_export(site, urls)),
        "data/topics.json": export_json_list(topics_export(site, urls)),
        "data/events.json": export_json_list(events_export(site)),
    }
