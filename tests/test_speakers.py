"""Who said each quote, on short news texts written here: the whole pipeline runs.

Each file in ``tests/fixtures/speakers/`` is a raw article, a line ``=== expect`` and YAML:
``quotes`` lists ``{speaker, text}`` (the actor's name, the quote's first words), every one of
which must be found with exactly that speaker; ``absent_quotes`` lists quoted words that are
no quote (a show's title, a scare quote).  Unlike ``test_realworld.py`` there is no floor:
each text tests one rule of speaker resolution.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.pipeline import ingest_text
from generator.knowledge import load_knowledge
from generator.model import Registry
from tests.test_realworld import load_case, norm

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "speakers").glob("*.txt"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_speakers(path: Path) -> None:
    raw, expect = load_case(path)
    articles = [a for _, a in ingest_text(path.name, raw, Registry(), load_knowledge())]
    quotes = [q for a in articles for q in a.quotes]
    names = {m.id: m.name for a in articles for m in a.actors}
    for wanted in expect.get("quotes") or ():
        got = next((q for q in quotes if norm(q.text).startswith(norm(wanted["text"]))), None)
        assert got is not None, f"not found: {wanted['text']!r} in {[q.text for q in quotes]}"
        assert got.speaker is not None and norm(names[got.speaker]) == norm(wanted["speaker"]), \
            f"{wanted['text']!r}: {got.speaker} ({got.speaker_name!r}), expected {wanted['speaker']}"
    for title in expect.get("absent_quotes") or ():
        assert not any(norm(q.text).startswith(norm(title)) for q in quotes), title
