"""Dated events, driven by ``tests/fixtures/events/*.txt``.

Besides the sections read by ``_temporal_cases`` a case has::

    === published
    2026-01-28                # the publication date, or "-" for none
    === events                # every event, in order
    p2 | 2026-01-28 | day | - | marco-rubio | U.S. Secretary of State Marco Rubio told
    p7 | 2026-01-19 | week | planned background | - | Last week,
    #  paragraph | date | precision | flags ("-", planned, background) | actor ids ("-") | text starts with
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _temporal_cases import actor_result, cases, document, entries, sections
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.events import extract_events
from generator.ingest.parse import parse
from generator.model import ActorResult, Block, DateInfo, Document, Event


def _info(line: str) -> DateInfo:
    value = line.strip()
    if value in ("", "-"):
        return DateInfo(None, "none", "fixture")
    return DateInfo(value, "high", "fixture")


def _expected(line: str) -> tuple[int, str, str, bool, bool, tuple[str, ...], str]:
    para, day, precision, flags, actors, text = (f.strip() for f in line.split("|", 5))
    flag_set = set(flags.split()) - {"-"}
    assert flag_set <= {"planned", "background"}, line
    ids = () if actors == "-" else tuple(a.strip() for a in actors.split(","))
    return int(para.lstrip("p")), day, precision, "planned" in flag_set, "background" in flag_set, ids, text


def _got(e: Event) -> tuple[int, str, str, bool, bool, tuple[str, ...]]:
    return e.paragraph, e.date, e.precision, e.planned, e.background, e.actors


@pytest.mark.parametrize("path", cases("events"), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    sec = sections(path)
    doc = document(sec)
    published = entries(sec.get("published", ["-"]))
    events = extract_events(parse(doc), _info(published[0] if published else "-"), actor_result(doc, sec))
    expected = [_expected(line) for line in entries(sec.get("events", []))]
    assert [_got(e) for e in events] == [x[:6] for x in expected], "\n".join(e.text for e in events)
    for event, x in zip(events, expected, strict=True):
        assert event.text.startswith(x[6]), (event.text, x[6])
        assert event.text == event.text.strip()


def test_fixtures_exist() -> None:
    assert len(cases("events")) >= 6


def test_same_input_same_events() -> None:
    path = cases("events")[0]
    sec = sections(path)
    doc = document(sec)
    info = _info(entries(sec["published"])[0])
    actors = actor_result(doc, sec)
    assert extract_events(parse(doc), info, actors) == extract_events(parse(doc), info, actors)


@settings(max_examples=200)
@given(st.lists(st.text(max_size=200), max_size=5),
       st.sampled_from([None, "2026-01-28", "2021-05-20", "not a date"]))
def test_any_text_gives_well_formed_events(paragraphs: list[str], published: str | None) -> None:
    doc = Document("x.txt", 1, 1, "T", tuple(Block("paragraph", p) for p in paragraphs))
    info = DateInfo(published, "high" if published else "none", "test")
    for e in extract_events(parse(doc), info, ActorResult((), ())):
        assert 1 <= e.paragraph <= len(paragraphs)
        assert e.text and e.text in paragraphs[e.paragraph - 1]
        assert e.precision in ("day", "week", "month", "year")
        assert len(e.date) == {"day": 10, "week": 10, "month": 7, "year": 4}[e.precision]
