"""A country's name that opens a person's: "Chad Smith, a drummer"."""

from __future__ import annotations

import re

from generator.folding import fold
from generator.ingest.actors.helpers import (
    is_title,
    role_after,
    surname_shaped,
    verb_after,
)
from generator.ingest.actors.state import State
from generator.ingest.chain import rule

#: More of the name after it: "Chad Smith Jones" is no two-word name.
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_GIVEN_NAME_AFTER = re.compile(r" ([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?!\w)")


@rule(requires={"known-names", "organizations"}, provides={"reclaimed-given-names"})
def reclaim_given_names(state: State) -> State:
    """"Chad Smith, a drummer": a one-word country name that starts a person's name is not the country."""
    dropped = []
    for span in state.spans:
        actor = state.actor(span.actor) if span.actor else None
        if span.paragraph == 0 or span.kind != "known" or actor is None or actor.type != "country":
            continue
        text = state.texts[span.paragraph].folded
        if " " in text[span.start:span.end] or text[span.start:span.end] != fold(actor.name):
            continue
        nxt = _GIVEN_NAME_AFTER.match(text, span.end)
        if not nxt or nxt.group(1) in state.lex.function_words or nxt.group(1) in state.lex.org_heads \
                or is_title(state.lex, nxt.group(1)) or state.covered(span.paragraph, span.end + 1,
                                                                        nxt.end()):
            continue
        end = nxt.end()
        after = role_after(state, span.paragraph, end)
        surname = nxt.group(1)
        # "Fox's Chad Pergram", "Jordan Peterson": a country that opens a two-word name of a
        # person's shape (the word after no noun of a thing, place or body, nothing capitalised next).
        shaped = surname_shaped(state.lex, surname) and surname not in state.lex.given_names \
            and not _CAPITAL_NEXT.match(text[end:end + 2])
        if (after and after[2] == "person") or verb_after(state, span.paragraph, end) or shaped:
            dropped.append(span)
    doomed = set(dropped)
    return state.with_spans(s for s in state.spans if s not in doomed) if doomed else state
