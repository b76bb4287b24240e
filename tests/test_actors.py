"""Actor extraction, driven by fixture files in tests/fixtures/actors/.

A fixture is one text file of ``--- section`` blocks::

    --- title
    Kim Invites Putin to North Korea
    --- paragraphs
    One paragraph per line (blank lines are ignored).
    --- registry
    sample            # content/actors.yaml; "empty" (the default), or actors.yaml text
    --- expect
    - {id: kim-jong-un, type: person, mentions: 3, roles: [North Korean leader]}
    --- absent
    [kamchatka, reuters]          # ids that must not be actors
    --- review
    ["ambiguous: 'Kim'"]          # substrings the review notes must hold
    --- options
    {exact: true}                 # the expected ids are all the people, in order

Each expected mapping is compared on the keys it gives; ``first_paragraph`` too.
``exact`` compares the person and organization ids found with those expected.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.actors import ACTORS, extract_actors
from generator.ingest.actors.lexicon import lexicon_for
from generator.knowledge import load_knowledge
from generator.model import Block, Document, Registry
from generator.registry import load_registry, parse_registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((Path(__file__).parent / "fixtures" / "actors").glob("*.txt"))
RULES_DIR = ROOT / "generator" / "ingest" / "actors" / "rules"
SECTIONS = {"title", "paragraphs", "registry", "expect", "absent", "review", "options"}


def _sections(path: Path) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"--- (\w+)\s*", line)
        if m:
            current = m.group(1)
            assert current in SECTIONS, f"{path.name}: unknown section {current!r}"
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def _registry(text: str | None) -> Registry:
    text = (text or "").strip()
    if text in ("", "empty"):
        return Registry()
    if text == "sample":
        return load_registry(ROOT / "content")
    return parse_registry(text, None, "fixture-actors.yaml", "fixture-topics.yaml")


def _document(title: str, paragraphs: list[str]) -> Document:
    return Document(source_file="fixture.txt", part=1, parts=1, title=title,
                    blocks=tuple(Block("paragraph", p) for p in paragraphs))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture(path: Path) -> None:
    sections = _sections(path)
    paragraphs = [p.strip() for p in sections.get("paragraphs", "").splitlines() if p.strip()]
    doc = _document(sections.get("title", "").strip(), paragraphs)
    result = extract_actors(doc, _registry(sections.get("registry")), load_knowledge())
    found = {m.id: m for m in result.mentions}
    expected: list[dict[str, Any]] = yaml.safe_load(sections.get("expect", "")) or []
    for entry in expected:
        assert entry["id"] in found, f"{entry['id']} not found; got {sorted(found)}"
        mention = found[entry["id"]]
        for key, value in entry.items():
            got = getattr(mention, key)
            if key == "roles":
                got, value = sorted(got), sorted(value)
            assert got == value, f"{entry['id']}.{key}: expected {value!r}, got {got!r}"
    for absent in yaml.safe_load(sections.get("absent", "")) or []:
        assert absent not in found, f"{absent} must not be an actor"
    notes = "\n".join(result.review)
    for note in yaml.safe_load(sections.get("review", "")) or []:
        assert note in notes, f"review lacks {note!r}: {result.review}"
    options = yaml.safe_load(sections.get("options", "")) or {}
    if options.get("exact"):
        named = [m.id for m in result.mentions if m.type != "country"]
        assert named == [e["id"] for e in expected if e.get("type", "person") != "country"]


def test_fixtures_exist() -> None:
    assert len(FIXTURES) >= 10


# --- properties every result has ------------------------------------------------------


def _seed_like() -> Document:
    return _document("Kim Invites Putin to North Korea", [
        "Kim Jong Un invited Russian President Vladimir Putin to visit North Korea.",
        "Washington has accused North Korea of providing arms to Russia, Kremlin spokesman Dmitry "
        "Peskov said. Løkke Rasmussen met Kim Jong-un in Copenhagen.",
    ])


def _check_spans(doc: Document, result) -> None:
    texts = (doc.title, *doc.paragraphs)
    ids = {m.id for m in result.mentions}
    for span in result.spans:
        assert texts[span.paragraph][span.start:span.end] == span.text
        assert span.actor in ids
    for mention in result.mentions:
        its = [s for s in result.spans if s.actor == mention.id]
        assert mention.mentions == len(its)
        body = [s.paragraph for s in its if s.paragraph]
        assert mention.first_paragraph == (min(body) if body else 0)
    firsts = [min((s.paragraph, s.start) for s in result.spans if s.actor == m.id) for m in result.mentions]
    assert firsts == sorted(firsts), "mentions are ordered by first appearance"


@pytest.mark.parametrize("registry", ["empty", "sample"])
def test_spans_index_the_text(registry: str) -> None:
    doc = _seed_like()
    result = extract_actors(doc, _registry(registry), load_knowledge())
    _check_spans(doc, result)
    by_text = {s.text: s.actor for s in result.spans}
    assert by_text["Washington"] == "united-states"
    assert "Copenhagen" not in by_text  # a place, not the Danish government
    if registry == "sample":
        assert by_text["Løkke Rasmussen"] == "lars-lokke-rasmussen"
        assert by_text["Kim Jong-un"] == "kim-jong-un"


def test_result_is_deterministic() -> None:
    doc = _seed_like()
    first = extract_actors(doc, _registry("sample"), load_knowledge())
    assert extract_actors(doc, _registry("sample"), load_knowledge()) == first


def test_merge_and_not_actors_curate_discoveries() -> None:
    doc = _document("", ["Jeppe Finne Sorenson, a data engineer, said it was ridiculous.",
                         "Greta Holm, an analyst at the bank, told reporters the plan would fail."])
    plain = extract_actors(doc, Registry(), load_knowledge())
    assert {a.id for a in plain.discovered} == {"jeppe-finne-sorenson", "greta-holm"}
    curated = parse_registry(
        "actors:\n  - {name: Jeppe Sorenson, type: person}\n"
        "merge: {Jeppe Finne Sorenson: jeppe-sorenson}\nnot_actors: [greta holm]\n", None)
    result = extract_actors(doc, curated, load_knowledge())
    assert [m.id for m in result.mentions] == ["jeppe-sorenson"]
    assert result.mentions[0].discovered is False
    assert result.discovered == ()



def test_every_rule_file_is_in_the_chain_once() -> None:
    # A rule written in its own file but left out of the list would silently never run.
    declared = {r.run.__module__: r.name for r in ACTORS.rules}
    files = {f"generator.ingest.actors.rules.{p.stem}" for p in RULES_DIR.glob("*.py")
             if p.stem != "__init__"}
    assert files == set(declared)
    assert all(module.endswith("." + name) for module, name in declared.items())


def test_the_lexicon_is_compiled_once_for_equal_registries_and_knowledge() -> None:
    knowledge = load_knowledge()
    first = lexicon_for(Registry(), knowledge)
    assert lexicon_for(Registry(), knowledge) is first  # an equal registry, made again
    # Another knowledge (made by hand): a lexicon of its own.
    other = replace(knowledge, given_names=knowledge.given_names - {"Alison"})
    assert "Alison" in first.given_names and "Alison" not in lexicon_for(Registry(), other).given_names


_WORDS = st.sampled_from([
    "Kim", "Jong", "Un", "said", "told", "President", "the", "U.S.", "Danish", "minister", ",", ".", "'s",
    "Washington", "has", "in", "Ministry", "of", "Finance", "a", "data", "engineer", "King", "Frederik",
    "Løkke", "-", "“", "”", "Moscow", "Council", "Jr.", "NATO", "Reuters", "Wegovy", "\u00a0", "æ", "5",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=30).map(" ".join), max_size=4), st.text(max_size=60))
def test_never_crashes_and_spans_stay_valid(paragraphs: list[str], title: str) -> None:
    doc = _document(title, paragraphs)
    for registry in (_registry("empty"), _registry("sample")):
        _check_spans(doc, extract_actors(doc, registry, load_knowledge()))
