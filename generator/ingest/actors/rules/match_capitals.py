"""A capital standing for its government: "Washington has accused", "Beijing's vision"."""

from __future__ import annotations

from generator.ingest.actors.state import Span, State
from generator.ingest.actors.words import (
    AUXILIARIES,
    PLACE_PREPOSITIONS,
)
from generator.ingest.chain import rule
from generator.ingest.parse import paragraph_words


@rule(requires={"known-names"}, provides={"capitals"})
def match_capitals(state: State) -> State:
    spans = []
    for p, text in enumerate(state.texts):
        words = paragraph_words(text.folded)
        for i, word in enumerate(words):
            country = state.lex.capitals.get(word.bare)
            if country is None or state.covered(p, word.start, word.end):
                continue
            before = words[i - 1].bare.lower() if i else ""
            if before in PLACE_PREPOSITIONS:
                continue
            after = text.folded[word.end:word.end + 2]
            possessive = word.text.endswith("'s") or after == "'s"
            nxt = words[i + 1].bare if i + 1 < len(words) else ""
            separated = text.folded[word.end:words[i + 1].start].strip() if i + 1 < len(words) else "."
            verb = not separated and (nxt in state.lex.verbs or nxt in AUXILIARIES
                                      or (nxt.islower() and nxt.endswith("ed")))
            if possessive or verb:
                end = word.start + len(word.bare)
                spans.append(Span(p, word.start, end, country, "capital"))
    return state.add(*spans)
