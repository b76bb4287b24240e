"""A bare surname or short form is the person of the article it ends."""

from __future__ import annotations

import bisect
from dataclasses import replace

from generator.ingest.actors.helpers import (
    candidates,
    short_words,
)
from generator.ingest.actors.state import Span, State
from generator.ingest.chain import rule
from generator.model import Actor


def _weight(state: State, actor: Actor, paragraph: int, start: int) -> tuple[int, int, int]:
    full = state.full_mentions(actor.id)
    earlier = bisect.bisect_left(full, (paragraph, start))
    latest = full[earlier - 1] if earlier else (-1, -1)
    return len(full), latest[0], latest[1]


@rule(requires={"discovered", "titled-surnames", "voices"}, provides={"review", "short-names"})
def resolve_short_names(state: State) -> State:
    notes: list[str] = []
    voices = dict(reversed(state.voices))  # the first voice of a surname wins
    for p, text in enumerate(state.texts):
        for start, end, key in short_words(state, p):
            single = list(state.found_named(key))
            options = single or candidates(state, key)
            if not options:
                continue
            voice = voices.get(key)
            best = max(options, key=lambda a: (a.id == voice, *_weight(state, a, p, start), a.id))
            if len(options) > 1:
                names = [best.name, *(a.name for a in sorted(options, key=lambda a: a.name) if a is not best)]
                notes.append(f"ambiguous: '{text.raw[slice(*text.span(start, end))]}' could be "
                             f"{', '.join(names[:-1])} or {names[-1]}; taken as {best.name}")
            state = state.add(Span(p, start, end, best.id, "short"))
    return replace(state, review=state.review + tuple(dict.fromkeys(notes)))
