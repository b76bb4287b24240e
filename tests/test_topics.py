"""Topic assignment, driven by ``tests/fixtures/topics/*.txt``.

A case has the sections of ``textcase`` (``title``, ``paragraphs``, ``actors``) and::

    === registry        # optional: a topics.yaml of its own; else the shipped content/*.yaml
    topics:
      - {id: sanctions, title: Sanctions, phrases: [sanctions], actors: []}
    === given           # optional: the raw file's own front-matter, as YAML
    topics: [nato]
    === scores          # optional: exact scores, "id points hits"
    sanctions 8 4
    === topics          # the expected topic ids, in order
    sanctions
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from textcase import make_actors, make_document, parse_sections

from generator.ingest.topics import GENERAL, assign_topics, score_topics
from generator.model import ActorResult, Document, Registry, SourceMeta, Topic
from generator.registry import load_registry, parse_registry

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "topics"
CASES = sorted(FIXTURES.glob("*.txt"))


def shipped_registry() -> Registry:
    return load_registry(REPO / "content")


def load_case(path: Path) -> tuple[Document, ActorResult, Registry, dict[str, list[str]]]:
    sections = parse_sections(path.read_text(encoding="utf-8"))
    title = " ".join(line.strip() for line in sections.get("title", []) if line.strip()) or "Untitled"
    doc = make_document(sections.get("paragraphs", []), title=title)
    given_text = "\n".join(sections.get("given", []))
    if given_text.strip():
        doc = Document(doc.source_file, doc.part, doc.parts, doc.title, doc.blocks,
                       meta=SourceMeta.read(yaml.safe_load(given_text)))
    actors = make_actors(doc, sections.get("actors", []))
    if "registry" in sections:
        registry = parse_registry(None, "\n".join(sections["registry"]), topics_path=path.name)
    else:
        registry = shipped_registry()
    return doc, actors, registry, sections


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    doc, actors, registry, sections = load_case(path)
    expected = [line.strip() for line in sections.get("topics", []) if line.strip()]
    assert list(assign_topics(doc, actors, registry)) == expected
    scores = score_topics(doc, actors, registry)
    for line in sections.get("scores", []):
        if line.strip():
            topic, points, hits = line.split()
            assert (topic, scores[topic].points, scores[topic].hits) == (topic, int(points), int(hits))


def test_shipped_topics_cover_the_briefing() -> None:
    topics = {t.id: t for t in shipped_registry().topics}
    assert set(topics) >= {"arctic-security", "greenland-denmark", "us-russia-relations",
                           "russia-north-korea", "sanctions", "energy-shipping", "china-arctic", "nato"}
    assert GENERAL not in topics
    for topic in topics.values():
        assert topic.title and len(topic.description) > 60 and topic.phrases


def test_shipped_topic_phrases_are_not_actor_names() -> None:
    # An actor's name as a phrase would count once as the actor and be skipped as a phrase:
    # harmless, but a sign the author meant something else.
    registry = shipped_registry()
    names = {n.casefold() for a in registry.actors for n in (a.name, *a.aliases)}
    for topic in registry.topics:
        assert not [p for p in topic.phrases if p.casefold() in names], topic.id


words = st.sampled_from(["Arctic", "security", "sanctions", "tariff", "threats", "NATO", "the", "and",
                         "Greenland", "oil", "’s", "-", "—", "\u0130", "ß", "x"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.lists(st.lists(words, max_size=30).map(" ".join), max_size=6))
def test_any_text_gets_at_least_one_known_topic(title: str, paragraphs: list[str]) -> None:
    registry = Registry(topics=(
        Topic("arctic-security", "Arctic security", phrases=("Arctic security", "Arctic")),
        Topic("sanctions", "Sanctions", phrases=("sanctions", "tariff threats", "tariff")),
        Topic("nato", "NATO", phrases=("alliance",), actors=("nato",)),
    ))
    doc = make_document([p for p in paragraphs if p.strip()], title=title)
    actors = make_actors(doc, ["NATO -> nato organization"])
    topics = assign_topics(doc, actors, registry)
    assert topics
    assert len(set(topics)) == len(topics)
    assert set(topics) <= {t.id for t in registry.topics} | {GENERAL}
    assert topics == assign_topics(doc, actors, registry)
