"""One word that names a body: "the Senate", "the Treasury"."""

from __future__ import annotations

from generator.folding import fold
from generator.ingest.actors.helpers import (
    new_actor,
    remember,
)
from generator.ingest.actors.state import Span, State
from generator.ingest.actors.words import (
    BARE_INSTITUTIONS,
)
from generator.ingest.chain import rule
from generator.ingest.parse import paragraph_words
from generator.model import Actor


def article_actors(state: State) -> tuple[Actor, ...]:
    ids = dict.fromkeys(s.actor for s in state.spans if s.actor)
    return tuple(a for i in ids if (a := state.actor(i)) is not None)


@rule(requires={"organizations"}, provides={"institutions"})
def discover_institutions(state: State) -> State:
    """"the Senate", "the Treasury": one word names a body; "the Commission" is the commission the
    article already named, when there is one."""
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        for word in paragraph_words(text.folded):
            bare = word.bare
            if bare not in state.lex.institutions or state.covered(p, word.start, word.start + len(bare)):
                continue
            after_the = text.folded[max(0, word.start - 4):word.start].casefold() == "the "
            if not (after_the or bare in BARE_INSTITUTIONS):
                continue
            end = word.start + len(bare)
            named = [a for a in article_actors(state) if a.type == "organization"
                     and len(a.name.split()) > 1 and fold(a.name).split()[-1] == bare]
            if len(named) == 1:
                state = state.add(Span(p, word.start, end, named[0].id, "short"))
                continue
            actor = new_actor(state, text.raw[slice(*text.span(word.start, end))], "organization")
            state = remember(state, actor, [Span(p, word.start, end, actor.id, "org")])
    return state
