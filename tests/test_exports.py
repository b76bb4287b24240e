"""data/*.json: the stable contract (keys, types, order) of the build's exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site_helpers import FIXTURE, build

CONTRACT = {
    "articles.json": {
        "slug",
        "title",
        "date",
        "date_confidence",
        "date_basis",
        "url",
        "source_file",
        "source_part",
        "byline",
        "credits",
        "actors",
        "topics",
        "quotes",
        "warnings",
    },
    "actors.json": {"id", "name", "type", "aliases", "roles", "discovered", "url", "articles", "mentions"},
    "topics.json": {"id", "title", "url", "articles"},
    "events.json": {"date", "precision", "text", "actors", "articles", "paragraph", "planned", "background"},
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    out = tmp_path_factory.mktemp("exports") / "out"
    assert build(FIXTURE, out).ok
    return {name: json.loads((out / "data" / name).read_text(encoding="utf-8")) for name in CONTRACT}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_every_record_has_exactly_the_contract_keys(data: dict[str, list[dict]], name: str) -> None:
    assert data[name], f"{name} is empty"
    for record in data[name]:
        assert set(record) == CONTRACT[name]


def test_articles_sorted_by_slug_with_dates_and_quotes(data: dict[str, list[dict]]) -> None:
    articles = data["articles.json"]
    assert [a["slug"] for a in articles] == sorted(a["slug"] for a in articles)
    undated = next(a for a in articles if a["slug"].startswith("undated-"))
    assert undated["date"] is None and undated["date_confidence"] == "none"
    assert undated["warnings"] == ["unclosed quotation mark in paragraph 1"]
    talks = next(a for a in articles if a["slug"] == "2025-03-04-polar-talks-open")
    assert talks["date"] == "2025-03-04"
    assert talks["url"] == "https://example.org/briefing/articles/2025-03-04-polar-talks-open/"
    assert talks["quotes"] == [
        {
            "speaker": "ada-north",
            "speaker_name": "North",
            "text": "We are here to listen, and to be heard.",
            "paragraph": 3,
        }
    ]
    assert talks["actors"] == ["ada-north", "polar-council", "ben-south"]


def test_actors_merge_registry_and_discovered(data: dict[str, list[dict]]) -> None:
    actors = {a["id"]: a for a in data["actors.json"]}
    assert list(actors) == sorted(actors)
    assert actors["harbour-guild"]["discovered"] is True
    assert actors["ada-north"]["discovered"] is False
    assert actors["ada-north"]["roles"] == [
        {"title": "Foreign Minister of Norland", "from": "2024-03-01", "to": None}
    ]
    assert actors["ada-north"]["mentions"] == 3
    assert actors["ada-north"]["articles"] == ["2025-03-04-polar-talks-open", "2025-03-05-south-answers"]


def test_topics_include_reserved_general(data: dict[str, list[dict]]) -> None:
    topics = {t["id"]: t for t in data["topics.json"]}
    assert topics["general"]["title"] == "General"
    assert topics["general"]["articles"] == ["undated-fish-quota-note"]
    assert topics["fisheries"]["articles"] == ["2025-03-05-south-answers"]


def test_events_merged_across_articles_and_sorted(data: dict[str, list[dict]]) -> None:
    events = data["events.json"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    opened = [e for e in events if e["date"] == "2025-03-04"]
    assert len(opened) == 1, "the same event reported by two articles appears once"
    assert opened[0]["articles"] == ["2025-03-04-polar-talks-open", "2025-03-05-south-answers"]
    planned = next(e for e in events if e["planned"])
    assert planned["precision"] == "month" and planned["date"] == "2025-04"


def test_exports_are_utf8_json_with_trailing_newline(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE, out)
    raw = (out / "data" / "actors.json").read_bytes()
    assert raw.endswith(b"\n")
    json.loads(raw.decode("utf-8"))
