"""Capitals that name a body: "FIFPRO said", "(SAF)" after its name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.actors.helpers import (
    found_organization,
    kind_before,
    role_after,
    verb_after,
    verb_before,
)
from generator.ingest.actors.state import Span, State
from generator.ingest.chain import rule
from generator.ingest.parse import paragraph_words
from generator.model import Actor

#: The capitalised word after a body's capitals that names its branch: "NHS England".
_BRANCH = re.compile(r" ([A-Z][a-z]+)(?!\w)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,}(?:\+)?")


def _initials(name: str) -> str:
    """"National Audit Office" -> "NAO"; connectors ("of", "and") are skipped."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@rule(requires={"institutions", "organizations"}, provides={"acronyms"})
def discover_acronyms(state: State) -> State:
    """"FIFPRO said", "the Sudanese Armed Forces (SAF)": capitals that name a body.  In brackets
    right after a name they are that name's short form."""
    # Capitals the article uses again are a body's ("HRANA ... HRANA"), whatever stands beside them.
    initials: dict[str, Actor] = {}  # "NAO" -> the National Audit Office the article names
    seen = 0
    repeated = Counter(w.bare for t in state.texts[1:] if not shapes.is_all_caps(t.raw)
                       for w in paragraph_words(t.folded) if _ACRONYM.fullmatch(w.bare))
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        if shapes.is_all_caps(text.raw):
            continue
        for word in paragraph_words(text.folded):
            bare = word.bare
            end = word.start + len(bare)
            if not _ACRONYM.fullmatch(bare) or not any(c.isalpha() for c in bare[1:]) \
                    or bare in state.lex.acronyms or bare in state.lex.function_words \
                    or state.covered(p, word.start, end):
                continue
            bracketed = text.folded[word.start - 1:word.start] == "(" and text.folded[end:end + 1] == ")"
            named = state.span_at(p, word.start - 3, word.start - 2) if bracketed else None
            if named is not None and named.actor and (a := state.actor(named.actor)) is not None \
                    and a.type == "organization":
                # Its short form from now on, wherever it stands.
                state = replace(state, found=tuple(replace(f, aliases=(*f.aliases, bare)) if f.id == a.id
                                                   else f for f in state.found))
                state = state.add(Span(p, word.start, end, named.actor, "short"))
                continue
            for actor in state.found[seen:]:  # each found body's initials, once
                if actor.type == "organization":
                    initials.setdefault(_initials(actor.name), actor)
            seen = len(state.found)
            owner = next((f for f in state.found if bare in f.aliases), None) or initials.get(bare)
            if owner is not None:
                state = state.add(Span(p, word.start, end, owner.id, "short"))
                continue
            # "NHS England said": a body's branch, named by the word after its capitals.
            branch = _BRANCH.match(text.folded[end:end + 30])
            if branch and branch.group(1) not in state.lex.function_words \
                    and verb_after(state, p, end + branch.end()):
                state = state.dropping(p, lambda s: s.start == end + 1)  # noqa: B023 (used at once)
                end += branch.end()
            after = role_after(state, p, end)
            if not (verb_after(state, p, end) or verb_before(state, p, word.start)
                    or (after and after[2] == "organization") or kind_before(state, p, word.start)
                    or (repeated[bare] >= 2 and 3 <= len(bare) <= 5)):
                continue
            state = found_organization(state, p, word.start, end)
    return state
