"""Publication dates, driven by ``tests/fixtures/dates/*.txt``.

Besides the sections read by ``_temporal_cases`` a case has::

    === expect
    date: 2026-01-28          # "null" for none; "2023-09-13 | 2023-09-14" for any of them
    confidence: medium        # high | medium | low | none
    basis has: January 28th   # words the basis must quote (repeatable)
    warning has: March 19     # words some warning must contain (repeatable)
    warnings: 1               # how many warnings exactly
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from _temporal_cases import actor_result, cases, document, entries, registry, sections
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.dates import infer_date, title_forms
from generator.model import (
    Actor,
    ActorResult,
    ActorSpan,
    Block,
    DateInfo,
    Document,
    Registry,
    Role,
    SourceMeta,
)


def run(path: Path) -> tuple[DateInfo, list[tuple[str, str]]]:
    sec = sections(path)
    doc = document(sec)
    info = infer_date(doc, actor_result(doc, sec), registry(sec))
    expect = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in entries(sec["expect"]))]
    return info, expect


@pytest.mark.parametrize("path", cases("dates"), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    info, expect = run(path)
    for key, value in expect:
        if key == "date":
            allowed = [None if v.strip() == "null" else v.strip() for v in value.split("|")]
            assert info.date in allowed, info
        elif key == "confidence":
            assert info.confidence == value, info
        elif key == "basis has":
            assert value in info.basis, info
        elif key == "warning has":
            assert any(value in w for w in info.warnings), info
        elif key == "warnings":
            assert len(info.warnings) == int(value), info
        else:
            raise AssertionError(f"{path.name}: unknown expectation {key!r}")


def test_fixtures_exist() -> None:
    assert len(cases("dates")) >= 10


def _doc(*paragraphs: str, given: dict[str, object] | None = None) -> Document:
    return Document("x.txt", 1, 1, "T", tuple(Block("paragraph", p) for p in paragraphs),
                    meta=SourceMeta.read(given or {}))


def test_given_date_object_is_used_as_given() -> None:
    doc = _doc("Published on 3 March 2001.", given={"date": dt.date(2020, 2, 2)})
    info = infer_date(doc, ActorResult((), ()), Registry())
    assert info == DateInfo("2020-02-02", "high", "given in the source's front-matter")


def test_same_input_same_answer() -> None:
    path = cases("dates")[0]
    assert run(path)[0] == run(path)[0]


@pytest.mark.parametrize("title, form", [
    ("President of the United States", "President"),
    ("U.S. Secretary of State", "Secretary of State"),
    ("Prime Minister of Denmark", "Prime Minister"),
])
def test_title_forms(title: str, form: str) -> None:
    assert form in title_forms(title)


def test_secretary_of_state_is_not_just_secretary() -> None:
    assert "Secretary" not in title_forms("Secretary of State")


NEWSY = st.lists(st.sampled_from(
    ["on", "in", "May", "March", "19", "20", "and", "2021", "Wednesday", "Tuesday", ",", "last", "week",
     "the", "1991", "Jan.", "28th", "8", "January", "2025", "-", "will", "today", "President", "Ann Lee",
     "former", "."]), max_size=30).map(" ".join)


@settings(max_examples=200)
@given(st.lists(st.one_of(NEWSY, st.text(max_size=80)), max_size=4), st.lists(NEWSY, max_size=2))
def test_any_text_gives_a_well_formed_date(paragraphs: list[str], captions: list[str]) -> None:
    doc = Document("x.txt", 1, 1, "T", tuple(Block("paragraph", p) for p in paragraphs),
                   captions=tuple(captions))
    spans = tuple(ActorSpan(i, m.start(), m.end(), "ann-lee", "Ann Lee")
                  for i, p in enumerate(paragraphs, 1) for m in re.finditer("Ann Lee", p))
    reg = Registry(actors=(Actor("ann-lee", "Ann Lee", "person",
                                 roles=(Role("President", "2020-01-20", "2024-01-20"),)),))
    info = infer_date(doc, ActorResult((), spans), reg)
    assert info.confidence in ("high", "medium", "low", "none")
    assert (info.date is None) == (info.confidence == "none")
    if info.date is not None:
        dt.date.fromisoformat(info.date)
    assert info.basis
