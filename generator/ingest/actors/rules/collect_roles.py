"""The titles the text gives each person, as written."""

from __future__ import annotations

from dataclasses import replace

from generator.ingest.actors.helpers import (
    role_after,
    role_before,
)
from generator.ingest.actors.lexicon import Lexicon
from generator.ingest.actors.state import State
from generator.ingest.actors.text import lookup_key
from generator.ingest.chain import rule


def _plural_role(lex: Lexicon, role: str) -> bool:
    """"Republican Presidents", "U.S. citizens": a group the person belongs to, no role of theirs."""
    words = role.split()
    last = words[-1].rstrip(".,").lower()
    if any(lookup_key(" ".join(words[-n:])) in lex.surfaces for n in (1, 2, 3)):
        return False  # "ambassador to the United States" ends with a name, no plural
    return last.endswith("s") and last not in lex.title_words and last[:-1] in lex.title_words


@rule(requires={"short-names"}, provides={"roles"})
def collect_roles(state: State) -> State:
    roles: list[tuple[str, str]] = []
    for span in state.spans:
        actor = state.actor(span.actor) if span.actor else None
        if actor is None or actor.type != "person" or span.paragraph == 0:
            continue
        text = state.texts[span.paragraph]
        found = role_before(state, span.paragraph, span.start)
        if found:
            roles.append((actor.id, text.raw[slice(*text.span(*found))]))
        after = role_after(state, span.paragraph, span.end)
        if after and after[2] == "person":
            roles.append((actor.id, text.raw[slice(*text.span(after[0], after[1]))]))
        head = text.folded[span.start:span.end].split(" ")[0]
        if head in state.lex.royal_titles:
            roles.append((actor.id, text.raw[slice(*text.span(span.start, span.start + len(head)))]))
    cleaned = [(a, r.strip(" ,")) for a, r in roles]
    kept = (c for c in cleaned if c[1] and not _plural_role(state.lex, c[1]))
    return replace(state, roles=tuple(dict.fromkeys(kept)))
