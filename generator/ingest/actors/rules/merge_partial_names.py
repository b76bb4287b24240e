"""A name found alone that ends (or shortens) a fuller one found too."""

from __future__ import annotations

from dataclasses import replace

from generator.ingest.actors.state import State
from generator.ingest.actors.text import lookup_key
from generator.ingest.chain import rule
from generator.model import Actor


@rule(requires={"people"}, provides={"merged-names"})
def merge_partial_names(state: State) -> State:
    """"Von der Leyen said" found as a name of its own: it is the end of Ursula von der Leyen's;
    "Renee Good" after "Renee Nicole Good" is hers too (a middle name left out)."""
    people = state.people()
    # Indexed once: every person by each ending of its name, and by (first, last) word.
    endings: dict[str, list[Actor]] = {}
    ends: dict[tuple[str, str], list[Actor]] = {}
    for b in people:
        words = lookup_key(b.name).split()
        for i in range(1, len(words)):
            endings.setdefault(" ".join(words[i:]), []).append(b)
        if len(words) > 2:
            ends.setdefault((words[0], words[-1]), []).append(b)
    mapping: dict[str, str] = {}
    for actor in state.found:
        if actor.type != "person":
            continue
        key = lookup_key(actor.name)
        longer = [b for b in endings.get(key, ()) if b.id != actor.id]
        if len(longer) == 1:
            mapping[actor.id] = longer[0].id
            continue
        words = key.split()
        pair = (words[0], words[-1]) if len(words) == 2 else None
        fuller = [b for b in ends.get(pair, ()) if b.id != actor.id] if pair else []
        if len(fuller) == 1:
            mapping[actor.id] = fuller[0].id
    if not mapping:
        return state
    spans = tuple(replace(s, actor=mapping[s.actor], kind="short") if s.actor in mapping else s
                  for s in state.spans)
    return state.with_spans(spans, found=tuple(a for a in state.found if a.id not in mapping))
