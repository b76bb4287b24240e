"""The one sentence splitter and tokenizer every rule reads."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.parse import _WORD, Word, bare, parse, split_sentences, words
from generator.model import Block, Document


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_a_possessive_ends_a_sentence_an_initial_does_not() -> None:
    text = "She beat her opponent's. Feely said it was fine. Then J. Smith spoke. It's O'Neill's. Done."
    assert _sentences(text) == ["She beat her opponent's.", "Feely said it was fine.",
                                "Then J. Smith spoke.", "It's O'Neill's.", "Done."]
    assert _sentences("It was Dr. Smith’s. Then he left.") == ["It was Dr. Smith’s.", "Then he left."]


def test_words_keep_initials_and_strip_possessives() -> None:
    got = [(w.text, w.bare) for w in words("J.D. Vance's aide met the U.S. envoy.")]
    assert got == [("J.D.", "J.D."), ("Vance's", "Vance"), ("aide", "aide"), ("met", "met"),
                   ("the", "the"), ("U.S.", "U.S."), ("envoy.", "envoy")]


def test_a_parsed_document_numbers_paragraphs_as_everything_else_does() -> None:
    doc = Document("a.txt", 1, 1, "Title here",
                   (Block("paragraph", "One. Two."), Block("heading", "Aside"), Block("paragraph", "Three.")))
    parsed = parse(doc)
    assert [p.number for p in parsed.paragraphs] == [1, 2]
    assert parsed.passages[0].text == "Title here"
    assert parsed.paragraphs[0].sentences == ((0, 4), (5, 9))
    assert parsed.paragraphs[1].text == "Three."


@given(st.text(alphabet=st.sampled_from("aZ.'’- \n1éJD,s"), max_size=60))
def test_words_are_the_pattern_s_matches_with_their_bare_form(text: str) -> None:
    got = words(text)
    assert [(w.start, w.end, w.text) for w in got] == [(m.start(), m.end(), m.group())
                                                        for m in _WORD.finditer(text)]
    assert all(type(w) is Word and w.bare == bare(w.text) for w in got)
