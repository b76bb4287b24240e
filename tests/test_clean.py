"""Cleaning, driven by ``tests/fixtures/clean/*.txt``.

A fixture file is a raw source, a line ``=== expected ===``, then YAML: one
entry per article the source splits into::

    - title: Kim Invites Putin to North Korea
      byline: null
      credits: [KCNA via YNA/dpa]
      captions: ["14 September 2023, Russia, Uglegorsk: ..."]
      relayed: []
      blocks:                # paragraphs; "## " marks a heading
      - Kim Jong Un invited ...
      - "## Friendship"
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.chain import Chain, ChainError
from generator.ingest.clean import CLEAN, as_raw, clean
from generator.ingest.split import split_source
from generator.model import Document, RawPart

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
SEPARATOR = "\n=== expected ===\n"
CASES = sorted(FIXTURES.glob("*.txt"))


def load_case(path: Path) -> tuple[str, list]:
    source, _, expected = path.read_text(encoding="utf-8").partition(SEPARATOR)
    assert expected, f"{path.name}: no '=== expected ===' line"
    return source, yaml.safe_load(expected)


def summary(doc: Document) -> dict:
    return {
        "title": doc.title,
        "byline": doc.byline,
        "credits": list(doc.credits),
        "captions": list(doc.captions),
        "relayed": list(doc.relayed),
        "blocks": [("## " if b.kind == "heading" else "") + b.text for b in doc.blocks],
    }


def clean_source(name: str, source: str) -> list[Document]:
    return [clean(part) for part in split_source(name, source)]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    source, expected = load_case(path)
    assert [summary(doc) for doc in clean_source(path.name, source)] == expected


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_is_idempotent(path: Path) -> None:
    source, _ = load_case(path)
    for doc in clean_source(path.name, source):
        assert_idempotent(doc)


def assert_idempotent(doc: Document) -> None:
    again = clean(as_raw(doc))
    assert (again.title, again.blocks, again.byline) == (doc.title, doc.blocks, doc.byline)
    # Everything peelable was peeled the first time: nothing is left to find.
    assert (again.credits, again.captions, again.relayed) == ((), (), ())


def test_the_cleaning_order_is_a_checked_declaration() -> None:
    names = [r.name for r in CLEAN.rules]
    assert names.index("captions") < names.index("credits") < names.index("blocks") < names.index("headings")
    # Credits peeled before captions would take a caption's credit without its caption.
    by_name = {r.name: r for r in CLEAN.rules}
    moved = [by_name[n] for n in names if n != "captions"]
    moved.insert(names.index("credits") + 1, by_name["captions"])
    with pytest.raises(ChainError, match="'credits' requires captions"):
        Chain("clean", CLEAN.given, tuple(moved))


def test_paragraph_numbering_ignores_headings() -> None:
    source, _ = load_case(FIXTURES / "subheadings.txt")
    (doc,) = clean_source("s.txt", source)
    assert doc.paragraphs[1] == "Both welcomed the decision in short statements."


LINES = st.sampled_from([
    "STRAINED RELATIONS", "'Friendship'", "Market reaction", "TT", "AFP", "***", "", "", "",
    "By Jane Doe", "By Jane Doe, Reuters", "Photo: John Smith/AFP", "(AFP)",
    "The minister said talks would resume. (Reuters)",
    "14 September 2023, Russia, Uglegorsk: Leaders visit a launch site. (KCNA via YNA/dpa)",
    "The flags are pictured in Copenhagen. (AFP)",
    "Exports rose, Caliber.Az reports via foreign media.",
    "GENEVA (AP) — Negotiators met on Monday.",
    "“We agreed,” the minister said.", "It\u2019s\u00a0final.", "the talks ended early",
    "1991. The year it began.", "# Not a heading.", "<b>bold</b> & more",
    "Shares rose slightly after the announcement.", "Analysts expect a cut",
])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.lists(LINES, max_size=25))
def test_cleaning_newsy_text_is_idempotent(title: str, lines: list[str]) -> None:
    doc = clean(RawPart("x.txt", 1, 1, title, tuple(lines)))
    assert_idempotent(doc)
    assert all(b.text and b.text == b.text.strip() and "\n" not in b.text for b in doc.blocks)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.lists(st.text(max_size=60), max_size=12))
def test_cleaning_any_text_is_idempotent(title: str, lines: list[str]) -> None:
    raw = tuple(line for chunk in lines for line in chunk.split("\n"))
    assert_idempotent(clean(RawPart("x.txt", 1, 1, title, raw)))


@given(st.text(alphabet=st.sampled_from("aBcDÉéß ǅǈ中文1 -'ΣσİIı"), max_size=40))
def test_all_caps_is_no_lower_case_letter_among_two_or_more(text: str) -> None:
    from generator.ingest.shapes import is_all_caps

    letters = [ch for ch in text if ch.isalpha()]
    expected = len(letters) >= 2 and all(ch.isupper() for ch in letters if ch.lower() != ch.upper())
    assert is_all_caps(text) == expected
