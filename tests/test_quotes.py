"""Quote extraction, driven by ``tests/fixtures/quotes/*.txt``.

A fixture file holds one case in sections (a new case needs no code)::

    # free comment lines
    === paragraphs
    One paragraph per line; a line starting "## " is a heading (not counted).
    === actors
    Rubio -> marco-rubio person            # every whole-word occurrence
    Lars Lokke Rasmussen @ p3 -> lars-lokke-rasmussen person   # only in paragraph 3
    === quotes
    p3 | marco-rubio | Rubio | The negotiations start today, and this will be an ongoing process,
    p4 | - | Anatoly Antonov | ...       # "-" = speaker None (or, as a name, "")
    === warnings
    paragraph 12: unclosed quotation mark

Spans are found by searching each actor's name in the paragraphs (longest
names first, never overlapping), so the extractor is tested on its own,
without the actor extractor.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from textcase import make_actors, make_document, parse_sections

from generator import lexicon
from generator.ingest.chain import Chain, ChainError
from generator.ingest.quotes import QUOTES, extract_quotes, words
from generator.model import ActorResult, ActorSpan, Document, Mention, Quote

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"


def parse_quote(line: str) -> Quote:
    paragraph, speaker, name, text = (part.strip() for part in line.split("|", 3))
    return Quote(speaker=None if speaker == "-" else speaker, speaker_name="" if name == "-" else name,
                 text=text, paragraph=int(paragraph.lstrip("p")))


def load_case(path: Path) -> tuple[Document, ActorResult, tuple[Quote, ...], tuple[str, ...]]:
    sections = parse_sections(path.read_text(encoding="utf-8"))
    doc = make_document(sections.get("paragraphs", []))
    actors = make_actors(doc, sections.get("actors", []))
    quotes = tuple(parse_quote(line) for line in sections.get("quotes", []) if line.strip())
    warnings = tuple(line.strip() for line in sections.get("warnings", []) if line.strip())
    return doc, actors, quotes, warnings


CASES = sorted(FIXTURES.glob("*.txt"))


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    doc, actors, expected_quotes, expected_warnings = load_case(path)
    quotes, warnings = extract_quotes(doc, actors)
    assert list(quotes) == list(expected_quotes)
    assert list(warnings) == list(expected_warnings)


def test_title_is_never_read() -> None:
    doc = make_document(["Nothing quoted here at all, only plain reporting."],
                        title='Lavrov: "We will never accept these terms at all"')
    assert extract_quotes(doc, ActorResult(mentions=(), spans=())) == ((), ())


def test_same_input_same_output() -> None:
    doc, actors, _, _ = load_case(FIXTURES / "seed3_greenland.txt")
    assert extract_quotes(doc, actors) == extract_quotes(doc, actors)


def test_each_rule_needs_what_an_earlier_one_provides() -> None:
    # Pronouns are resolved after attribution, and speakers shared after both: moved up, a rule
    # would run on facts no rule has made yet, and the chain refuses it when it is declared.
    rules = list(QUOTES.rules)
    for i in range(1, len(rules)):
        moved = [*rules[:i - 1], rules[i], rules[i - 1], *rules[i + 1:]]
        with pytest.raises(ChainError):
            Chain("quotes", QUOTES.given, tuple(moved))


def test_every_word_list_is_read_from_the_data() -> None:
    # lexicon.words gives () for a key the data file lacks: a renamed key would empty a list
    # (or make a pattern of no words) without a sound.
    read = set(re.findall(r'_(?:words|alternatives)\("(\w+)"\)', inspect.getsource(words)))
    data = lexicon.read("quote_words.yaml")
    assert read == set(data), read ^ set(data)
    assert all(lexicon.words("quote_words.yaml", key) for key in read)


# --- properties -------------------------------------------------------------------

WORDS = ["Rubio", "said", "he", "she", "told", "reporters", "the", "Arctic", "is", "ours", ",", ".",
         "“", "”", '"', "«", "»", "according to", "KCNA", "noting", "—", "'", "’", "\n", "  ", "a",
         "U.S.", "Mr.", "Kim Jong Un", "added", "we", "will", "win"]
paragraph_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map(" ".join)


def _spans_for(paragraphs: list[str]) -> ActorResult:
    spans = []
    for number, text in enumerate(paragraphs, start=1):
        for name, actor in (("Rubio", "marco-rubio"), ("KCNA", "kcna"), ("Kim Jong Un", "kim-jong-un")):
            for hit in re.finditer(re.escape(name), text):
                spans.append(ActorSpan(number, hit.start(), hit.end(), actor, name))
    mentions = (Mention("marco-rubio", "Rubio", "person"), Mention("kcna", "KCNA", "organization"),
                Mention("kim-jong-un", "Kim Jong Un", "person"))
    return ActorResult(mentions=mentions, spans=tuple(spans))


def _pieces_match(text: str, paragraphs: list[str]) -> bool:
    """``text`` is one piece of each paragraph in turn, joined by single spaces."""
    if not paragraphs:
        return False
    if text in paragraphs[0]:
        return True
    return any(text[:i] in paragraphs[0] and _pieces_match(text[i + 1:], paragraphs[1:])
               for i, ch in enumerate(text) if ch == " ")


@settings(max_examples=300, deadline=None)
@given(st.lists(paragraph_text, min_size=1, max_size=5))
@example(['said he “ said »'])  # a short phrase "he" said, with no person for "he" to be
def test_any_text_gives_sound_quotes(paragraphs: list[str]) -> None:
    doc = make_document([p.replace("\n", " ") or "x" for p in paragraphs])
    actors = _spans_for(list(doc.paragraphs))
    quotes, warnings = extract_quotes(doc, actors)
    ids = {m.id for m in actors.mentions}
    for quote in quotes:
        assert 1 <= quote.paragraph <= len(doc.paragraphs)
        assert _pieces_match(quote.text, list(doc.paragraphs[quote.paragraph - 1:]))
        # A short phrase is a quote only where its sentence says who said it.
        assert len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", quote.text)) >= 5 or quote.speaker_name
        assert quote.speaker is None or quote.speaker in ids
    assert all(isinstance(w, str) and w.startswith("paragraph ") for w in warnings)
