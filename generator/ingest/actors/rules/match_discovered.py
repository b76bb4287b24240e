"""A name discovered once counts wherever else it stands."""

from __future__ import annotations

from generator.ingest.actors.lexicon import names_pattern
from generator.ingest.actors.state import Span, State
from generator.ingest.actors.text import lookup_key
from generator.ingest.chain import rule


@rule(requires={"merged-names", "organizations", "people"}, provides={"discovered"})
def match_discovered(state: State) -> State:
    """A name discovered once is the same actor wherever else it stands, trigger or not."""
    if not state.found:
        return state
    names = {lookup_key(n): a.id for a in state.found for n in (*a.aliases, a.name)}
    pattern = names_pattern(n for a in state.found for n in (a.name, *a.aliases))
    spans = []
    for p, text in enumerate(state.texts):
        for m in pattern.finditer(text.folded):
            actor = names.get(lookup_key(m.group()))
            if actor and not state.covered(p, m.start(), m.end()):
                spans.append(Span(p, m.start(), m.end(), actor, "person"))
    return state.add(*spans)
