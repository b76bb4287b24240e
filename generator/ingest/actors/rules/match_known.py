"""Names the registry and general knowledge give, longest first."""

from __future__ import annotations

from generator.ingest.actors.state import Span, State
from generator.ingest.actors.text import lookup_key
from generator.ingest.chain import rule


@rule(requires={"lexicon", "texts"}, provides={"known-names"})
def match_known(state: State) -> State:
    spans = []
    for p, text in enumerate(state.texts):
        for m in state.lex.known.finditer(text.folded):
            key = lookup_key(m.group())
            actor = state.lex.surfaces.get(key, "")
            kind = "known" if actor else "place" if key in state.lex.state_places else "blocked"
            spans.append(Span(p, m.start(), m.end(), actor, kind))
    return state.add(*spans)
