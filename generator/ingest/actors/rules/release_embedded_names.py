"""A known body's name that ends a longer name is left for discovery."""

from __future__ import annotations

import re

from generator.ingest.actors.helpers import (
    is_title,
)
from generator.ingest.actors.state import State
from generator.ingest.actors.words import (
    LONGER_NAME,
)
from generator.ingest.chain import rule

#: A capitalised word right after a known name: "FIFA Council".
_HEAD_AFTER = re.compile(r" ([A-Z][a-z]+)\b")


@rule(requires={"known-names"}, provides={"released-names"})
def release_embedded_names(state: State) -> State:
    """"National Security Council" is not the UN Security Council: a known organization's name
    with a capitalised word before it (not opening the sentence) is the end of a longer name,
    left for discovery."""
    dropped = []
    for span in state.spans:
        actor = state.actor(span.actor) if span.kind == "known" else None
        if actor is None or actor.type != "organization" or span.paragraph == 0:
            continue
        text = state.texts[span.paragraph].folded
        # "The FIFA Council": a body of a known organization, named by a head right after it.
        head = _HEAD_AFTER.match(text[span.end:span.end + 30])
        if head and head.group(1) in state.lex.org_heads and not state.covered(
                span.paragraph, span.end + 1, span.end + head.end()):
            dropped.append(span)
            continue
        before = LONGER_NAME.search(text, max(0, span.start - 40), span.start)
        if before is None:
            continue
        word = before.group(1)
        # "Peace and Security Council", but not "European and NATO allies".
        if before.group(2) and " " not in text[span.start:span.end]:
            continue
        if word in state.lex.function_words or is_title(state.lex, word) or word.isupper() \
                or state.covered(span.paragraph, before.start(1), before.end(1)):
            continue
        dropped.append(span)
    doomed = set(dropped)
    return state.with_spans(s for s in state.spans if s not in doomed) if doomed else state
