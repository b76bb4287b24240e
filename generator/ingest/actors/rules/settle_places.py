"""A country's name where the text means a language, a sea or a US state."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.actors.state import State
from generator.ingest.actors.text import lookup_key
from generator.ingest.actors.words import (
    COUNTRY_GEORGIA_CUES,
    LANGUAGE_AFTER,
    LANGUAGE_BEFORE,
    US_GEORGIA_CUES,
)
from generator.ingest.chain import rule

_WATER_OF = re.compile(r"\b([A-Z][a-z]+) of (?:the )?$")


@rule(requires={"known-names"}, provides={"settled-countries"})
def settle_places(state: State) -> State:
    """A country named where the text means something else: a language ("spoke neither English
    nor Spanish", "the South African language Xhosa"), a sea or gulf ("Gulf of Mexico"), or the US
    state that shares its name ("Georgia" in a story that names other US states or Atlanta)."""
    lex = state.lex
    names_a_state = any(s.kind == "place" and lookup_key(state.texts[s.paragraph].folded[s.start:s.end])
                        in lex.state_places for s in state.spans) \
        or any(cue in t.folded for t in state.texts for cue in US_GEORGIA_CUES)
    foreign = any(cue in t.folded for t in state.texts for cue in COUNTRY_GEORGIA_CUES)
    for p, text in enumerate(state.texts):
        doomed = []
        for span in state.group(p).spans:
            actor = state.actor(span.actor) if span.kind == "known" else None
            if actor is None or actor.type != "country":
                continue
            key = lookup_key(text.folded[span.start:span.end])
            before = text.folded[max(0, span.start - 40):span.start]
            after = text.folded[span.end:span.end + 40]
            water = _WATER_OF.search(before)
            if (key in lex.demonyms and (LANGUAGE_BEFORE.search(before) or LANGUAGE_AFTER.match(after))) \
                    or (water and water.group(1) in lex.place_heads) \
                    or (key in lex.us_states and names_a_state and not foreign):
                doomed.append(span)
        if doomed:
            gone = set(doomed)
            state = state.dropping(p, lambda s: s in gone)  # noqa: B023 (used at once)
            state = state.add(*(replace(s, actor="", kind="place") for s in doomed))
    return state
