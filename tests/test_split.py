"""Splitting raw sources into articles, driven by ``tests/fixtures/split/*.txt``.

A fixture file is the raw source, a line ``=== expected ===``, then YAML::

    parts:                       # one entry per article, in order
    - title: Kim Invites Putin to North Korea
      line: 1                    # 1-based line of the file where it starts
      first: "14 September ..."  # its first non-blank body line (null: none)
    given: {title: ...}          # optional: the file's front-matter

or, for a source that must be refused::

    error: 2                     # the line the SourceError names
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import SourceError
from generator.ingest.decode import decode_source
from generator.ingest.split import split_source

FIXTURES = Path(__file__).parent / "fixtures" / "split"
SEPARATOR = "\n=== expected ===\n"
SEED_TITLES = {
    "seed-000.txt": ["Lavrov: U.S. and Denmark Officially Launch Arctic Security Talks"],
    "seed-001.txt": [
        "U.S. and Russian top brass meet face-to-face in Arctic for first time since Biden took office"
    ],
    "seed-002.txt": ["Media: US, Russia consider joint exploration of natural resources in Arctic"],
    "seed-003.txt": [
        "Kim Invites Putin to North Korea",
        "Greenland Independence Is Possible but Joining the US Unlikely, Denmark Says",
    ],
}


def load_case(path: Path) -> tuple[str, dict]:
    text = path.read_text(encoding="utf-8")
    source, _, expected = text.partition(SEPARATOR)
    assert expected, f"{path.name}: no '=== expected ===' line"
    return source, yaml.safe_load(expected)


def summary(source: str, name: str) -> dict:
    parts = split_source(name, source)
    out: dict = {
        "parts": [
            {"title": p.title, "line": p.line, "first": next((x for x in p.lines if x.strip()), None)}
            for p in parts
        ]
    }
    for p in parts:
        assert (p.part, p.parts) == (parts.index(p) + 1, len(parts))
    if parts and parts[0].meta.mapping():
        out["given"] = parts[0].meta.mapping()
    return out


CASES = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    source, expected = load_case(path)
    if "error" in expected:
        with pytest.raises(SourceError) as caught:
            split_source(path.name, source)
        assert caught.value.path == path.name
        assert caught.value.line == expected["error"]
        return
    got = summary(source, path.name)
    expected.setdefault("parts", [])
    assert got == expected


@pytest.mark.parametrize("name", sorted(SEED_TITLES))
def test_seed_headlines(name: str) -> None:
    source, _ = load_case(FIXTURES / name)
    assert [p.title for p in split_source(name, source)] == SEED_TITLES[name]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_crlf_bom_and_cp1252_split_the_same(path: Path) -> None:
    source, expected = load_case(path)
    if "error" in expected or not source.strip():  # decode refuses a blank source itself
        return
    as_bytes = "\ufeff".encode() + source.replace("\n", "\r\n").encode("utf-8")
    decoded, _ = decode_source(as_bytes, path.name)
    assert split_source(path.name, decoded) == split_source(path.name, source)
    try:
        legacy = source.encode("cp1252")
    except UnicodeEncodeError:
        return
    decoded, _ = decode_source(legacy, path.name)
    assert split_source(path.name, decoded) == split_source(path.name, source)


def test_parts_cover_the_file_in_order() -> None:
    source, _ = load_case(FIXTURES / "seed-003.txt")
    first, second = split_source("s", source)
    lines = source.split("\n")
    assert lines[first.line - 1].startswith(first.title)
    assert lines[second.line - 1].startswith(second.title)
    assert first.line + 1 + len(first.lines) <= second.line
    assert "'Friendship'" in first.lines and "STRAINED RELATIONS" in second.lines


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_splits_without_crashing(text: str) -> None:
    try:
        parts = split_source("any.txt", text)
    except SourceError as error:  # only a front-matter block can be refused
        assert text.startswith("---")
        assert error.path == "any.txt"
        return
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    assert all(p.title.strip() for p in parts)
    assert all(p.line >= 1 for p in parts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Markets Rally After Rate Decision", "STRAINED TIES", "'Friendship'", "TT",
    "The central bank cut rates on Tuesday, surprising analysts.", "Officials said more cuts could follow.",
    "", "", "By Jane Doe",
]), max_size=30))
def test_newsy_text_splits_without_crashing(lines: list[str]) -> None:
    parts = split_source("news.txt", "\n".join(lines))
    assert all(p.title for p in parts)


def test_a_made_up_title_and_an_empty_body_are_for_review() -> None:
    from generator.ingest.pipeline import ingest_text
    from generator.knowledge import load_knowledge
    from generator.model import Registry

    [(_, untitled)] = ingest_text("x.txt", "the talks resumed on Monday in a small town near the border.\n",
                                  Registry(), load_knowledge())
    assert any(note.kind == "title" and "the text has no headline" in note.text for note in untitled.review)
    [(_, bare)] = ingest_text("y.txt", "Only a Headline Here\n", Registry(), load_knowledge())
    assert any(note.kind == "body" and "the source has no text" in note.text for note in bare.review)
    assert not any(note.kind == "title" for note in bare.review)
