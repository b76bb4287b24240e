"""A title before one word nobody claims: "President Trump"."""

from __future__ import annotations

import re

from generator.ingest.actors.helpers import (
    candidates,
    new_actor,
    remember,
    short_words,
    tail,
)
from generator.ingest.actors.lexicon import Lexicon
from generator.ingest.actors.state import Span, State
from generator.ingest.actors.text import capitalised
from generator.ingest.chain import rule


def _title_at_end(lex: Lexicon, text: str) -> re.Match[str] | None:
    """The title ending ``text`` (the short tail before a name, see :func:`_tail`), bar spaces and commas."""
    last = None
    for m in lex.titles.finditer(text):
        if not text[m.end():].strip(" ,"):
            last = m
    return last


@rule(requires={"discovered"}, provides={"titled-surnames"})
def discover_titled_surnames(state: State) -> State:
    """"President Trump", "Chancellor Merz": a person, when no fuller name claims the word."""
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        for start, end, key in short_words(state, p):
            if state.covered(p, start, end) or candidates(state, key) or state.found_named(key):
                continue
            title = _title_at_end(state.lex, tail(text.folded, start)[1])
            if title is not None and capitalised(title.group()) and key not in state.lex.place_heads \
                    and key not in state.lex.not_person_heads and key not in state.lex.org_heads:
                actor = new_actor(state, text.raw[slice(*text.span(start, end))], "person")
                state = remember(state, actor, [Span(p, start, end, actor.id, "person")])
    return state
