"""What the ingest issue promises of the sample corpus, checked through the data exports.

The extraction is judged through ``<out>/data/*.json``, so these tests read
exactly that, after a real ``python build.py`` of a copy of the sample.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    root = tmp_path_factory.mktemp("sample")
    content = root / "content"
    content.mkdir()
    shutil.copytree(REPO / "content" / "sources", content / "sources")
    for name in ("actors.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, content / name)
    status = main(["build", "--content", str(content), "--out", str(root / "site"),
                   "--config", str(REPO / "site.yaml")])
    assert status == 0
    return {name: json.loads((root / "site" / "data" / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("articles", "actors", "topics", "events")}


def by_title(exports: dict, start: str) -> dict:
    [article] = [a for a in exports["articles"] if a["title"].startswith(start)]
    return article


def test_five_articles_from_four_files_with_their_headlines(exports: dict) -> None:
    titles = sorted(a["title"] for a in exports["articles"])
    assert titles == sorted([
        "Lavrov: U.S. and Denmark Officially Launch Arctic Security Talks",
        "U.S. and Russian top brass meet face-to-face in Arctic for first time since Biden took office",
        "Media: US, Russia consider joint exploration of natural resources in Arctic",
        "Kim Invites Putin to North Korea",
        "Greenland Independence Is Possible but Joining the US Unlikely, Denmark Says",
    ])
    assert len({a["source_file"] for a in exports["articles"]}) == 4
    parts = sorted((a["source_file"][:3], a["source_part"]) for a in exports["articles"])
    assert parts == [("000", 1), ("001", 1), ("002", 1), ("003", 1), ("003", 2)]


def test_publication_dates(exports: dict) -> None:
    assert by_title(exports, "Lavrov:")["date"] == "2026-01-28"
    arctic_council = by_title(exports, "U.S. and Russian top brass")
    assert "2021-05-19" <= arctic_council["date"] <= "2021-05-21"
    assert any("March 19 and 20" in w and "May 19 and 20" in w for w in arctic_council["warnings"])
    joint = by_title(exports, "Media:")
    assert joint["date"] is None and joint["date_confidence"] == "none"
    assert by_title(exports, "Kim Invites")["date"] in ("2023-09-13", "2023-09-14")
    assert by_title(exports, "Greenland Independence")["date"] == "2025-01-08"
    for article in exports["articles"]:
        assert article["date_basis"], article["slug"]


PEOPLE = [
    "Marco Rubio", "Donald Trump", "JD Vance", "Mark Rutte", "Antony Blinken", "Sergei Lavrov",
    "Joe Biden", "Vladimir Putin", "Kirill Dmitriev", "Kim Jong Un", "Kim Jong Il", "Kim Young-ho",
    "Sergei Shoigu", "Boris Yeltsin", "Dmitry Peskov", "Anatoly Antonov", "Mute Egede",
    "Lars Lokke Rasmussen", "Jean-Noel Barrot", "Olaf Scholz", "Mette Frederiksen",
    "Damien Degeorges", "Jeppe Finne Sorenson", "Donald Trump Jr.",
]


def ascii_fold(name: str) -> str:
    # The registry may spell a name as its owner does (Løkke); the text may not (Lokke).
    return unicodedata.normalize("NFKD", name.replace("ø", "o")).encode("ascii", "ignore").decode()


def test_every_named_person_once_under_their_full_name(exports: dict) -> None:
    people = [a for a in exports["actors"] if a["type"] == "person"]
    names = [ascii_fold(a["name"]) for a in people]
    for name in PEOPLE:
        assert names.count(name) == 1, name
    assert any("Frederik" in n for n in names)
    # No short form survives as an actor of its own.
    for short in ("Rubio", "Trump", "Kim", "Putin", "Lavrov", "Biden", "Egede", "Frederiksen", "Peskov"):
        assert short not in names


@pytest.mark.parametrize("name", ["TT", "KCNA via YNA/dpa", "AFP", "Kamchatka", "Wegovy",
                                  "Vugar Khalilov", "Reykjavik", "Davos", "Istanbul"])
def test_not_actors(exports: dict, name: str) -> None:
    lowered = name.lower()
    for actor in exports["actors"]:
        assert actor["name"].lower() != lowered
        assert lowered not in [a.lower() for a in actor["aliases"]]


def test_every_article_has_a_topic_and_the_byline_and_credits_are_metadata(exports: dict) -> None:
    for article in exports["articles"]:
        assert article["topics"], article["slug"]
    assert by_title(exports, "Media:")["byline"] == "Vugar Khalilov"
    assert "KCNA via YNA/dpa" in by_title(exports, "Kim Invites")["credits"]


def test_quotes_have_speakers(exports: dict) -> None:
    lavrov_piece = by_title(exports, "Lavrov:")
    speakers = {q["speaker"] for q in lavrov_piece["quotes"]}
    assert speakers == {"marco-rubio"}
    greenland = by_title(exports, "Greenland Independence")
    assert {"lars-lokke-rasmussen"} <= {q["speaker"] for q in greenland["quotes"]}
    for article in exports["articles"]:
        for quote in article["quotes"]:
            # A short quoted phrase is kept only when its own sentence names who said it.
            assert len(quote["text"].split()) >= 5 or quote["speaker"], quote
            assert quote["paragraph"] >= 1
