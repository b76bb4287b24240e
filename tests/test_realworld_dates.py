"""Splitting, cleaning, publication dates and events on realistic news exports.

Each file in ``tests/fixtures/realworld_dates/`` is a raw source as people paste
it (wire datelines, front-matter, "Published:" lines, several stories in one
file, captions, trailers), a line ``=== expected ===``, then YAML::

    articles:                      # one entry per article, in order
    - title: Exact title
      date: '2024-03-01'           # null, or a list of acceptable dates
      confidence: [high]           # acceptable confidences
      basis_has: Friday, March 8   # optional: words the date basis quotes
      byline: Jane Doe             # null for none
      credits: [Reuters]           # exactly, in order
      in_body: [...]               # optional: text the Markdown body must hold
      not_in_body: [...]           # page furniture that must be gone
      review_has: [...]            # optional: words some review note holds
      warning_has: [...]           # optional: words some warning holds
      events:                      # events that must be found (others may exist)
      - {date: '2024-03-08', precision: day, planned: true, background: false, text: "until March 8"}
      no_events: true              # optional: no dated events at all
      no_event_with: [...]         # optional: no event's text may hold these

The real pipeline runs with an empty registry, as on a corpus nobody curated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest.pipeline import ingest_text
from generator.knowledge import load_knowledge
from generator.model import Article, Event, Registry

FIXTURES = Path(__file__).parent / "fixtures" / "realworld_dates"
SEPARATOR = "\n=== expected ===\n"
CASES = sorted(FIXTURES.glob("*.txt"))
KNOWN_KEYS = {"title", "date", "confidence", "basis_has", "byline", "credits", "in_body", "not_in_body",
              "review_has", "warning_has", "events", "no_events", "no_event_with"}


def load_case(path: Path) -> tuple[str, list[dict[str, Any]]]:
    source, _, expected = path.read_text(encoding="utf-8").partition(SEPARATOR)
    assert expected, f"{path.name}: no '=== expected ===' line"
    return source, yaml.safe_load(expected)["articles"]


def _matches(event: Event, want: dict[str, Any]) -> bool:
    if want["text"] not in event.text:
        return False
    return all(getattr(event, key) == want[key] for key in ("date", "precision", "planned", "background")
               if key in want)


def _check(article: Article, want: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    unknown = set(want) - KNOWN_KEYS
    assert not unknown, f"unknown expectation keys {unknown}"

    def expect(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    expect(article.title == want["title"], f"title {article.title!r}")
    dates = want["date"] if isinstance(want["date"], list) else [want["date"]]
    expect(article.date.date in dates, f"date {article.date}")
    expect(article.date.confidence in want["confidence"], f"confidence {article.date}")
    if "basis_has" in want:
        expect(want["basis_has"] in article.date.basis, f"basis {article.date.basis!r}")
    expect(article.byline == want["byline"], f"byline {article.byline!r}")
    expect(list(article.credits) == want["credits"], f"credits {list(article.credits)}")
    for text in want.get("in_body", []):
        expect(text in article.body, f"body lacks {text!r}")
    for text in want.get("not_in_body", []):
        expect(text not in article.body, f"body holds {text!r}")
    for text in want.get("review_has", []):
        expect(any(text in note.text for note in article.review), f"review lacks {text!r}: {article.review}")
    for text in want.get("warning_has", []):
        expect(any(text in w.text for w in article.warnings), f"warnings lack {text!r}: {article.warnings}")
    for event in want.get("events", []):
        expect(any(_matches(e, event) for e in article.events), f"no event {event}")
    if want.get("no_events"):
        expect(not article.events, f"events {[(e.date, e.text) for e in article.events]}")
    for text in want.get("no_event_with", []):
        expect(not any(text in e.text for e in article.events), f"an event holds {text!r}")
    return problems


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_realworld(path: Path) -> None:
    source, expected = load_case(path)
    articles = [a for _, a in ingest_text(path.name, source, Registry(), load_knowledge())]
    assert [a.title for a in articles] == [w["title"] for w in expected]
    problems = {a.title: p for a, w in zip(articles, expected, strict=True) if (p := _check(a, w))}
    events = {a.title: [f"{e.date} {e.precision}{' planned' * e.planned}{' background' * e.background}"
                        f" | {e.text[:70]}" for e in a.events] for a in articles}
    assert not problems, yaml.safe_dump({"problems": problems, "events": events}, allow_unicode=True,
                                        sort_keys=False, width=200)


def test_enough_cases() -> None:
    assert len(CASES) >= 14
