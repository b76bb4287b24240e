"""The user's curation: ``not_actors`` rejects a discovered name, ``merge:`` maps it."""

from __future__ import annotations

from dataclasses import replace

from generator.folding import fold
from generator.ingest.actors.state import State
from generator.ingest.chain import rule


@rule(requires={"discovered"}, provides={"curated"})
def apply_curation(state: State) -> State:
    mapping: dict[str, str] = {}
    found = []
    for actor in state.found:
        key = fold(actor.name).casefold()
        if key in state.lex.rejected:
            mapping[actor.id] = ""
        elif key in state.lex.merges:
            mapping[actor.id] = state.lex.merges[key]
        else:
            found.append(actor)
    spans = tuple(replace(s, actor=mapping.get(s.actor, s.actor)) for s in state.spans)
    return state.with_spans(spans, found=tuple(found))
