"""Capitalised names built on a head noun no registry knows: "Danish Foreign Ministry"."""

from __future__ import annotations

from generator.folding import fold
from generator.ingest.actors.helpers import (
    is_title,
    new_actor,
    remember,
    runs,
    tail,
)
from generator.ingest.actors.state import Span, State
from generator.ingest.actors.text import capitalised
from generator.ingest.actors.words import (
    AGENCY_WORD,
    CONNECTORS,
    ORG_CONNECTORS,
)
from generator.ingest.chain import rule
from generator.ingest.parse import Word


def _absorbable(state: State, span: Span) -> bool:
    """A country ("Danish Foreign Ministry") or a lone word never an actor by itself ("Pacific
    Legal Foundation", "Sudanese Armed Forces") right before a name is part of it."""
    if span.kind == "known":
        return (actor := state.actor(span.actor)) is not None and actor.type == "country"
    word = state.texts[span.paragraph].folded[span.start:span.end]
    if span.kind == "place":
        return True  # "New York Police Department", "Texas Department of Public Safety"
    return span.kind == "blocked" and " " not in word and capitalised(word) and word.isalpha() \
        and word not in state.lex.calendar  # "On Monday Parliament voted"


def _org_extent(state: State, paragraph: int, run: list[Word]) -> tuple[int, int] | None:
    heads = [i for i, w in enumerate(run) if w.bare in state.lex.org_heads]
    if not heads:
        return None
    first = 0
    while first < heads[0] and (run[first].bare in state.lex.function_words or run[first].bare.lower()
                                in CONNECTORS):
        first += 1
    # Past its last head a name goes on only through a connector ("Ministry of Finance",
    # "Council on Foreign Relations"); "Senate Majority Leader John Thune" is the Senate and a person.
    last = heads[-1]
    if last + 1 < len(run) and run[last + 1].bare.lower() in CONNECTORS:
        last = len(run) - 1
        while last > heads[-1] and run[last].bare.lower() in CONNECTORS:
            last -= 1
    elif last == first:
        # A head that opens the name takes the words after it up to a title: "Club Deportivo
        # Sol de Lima", but "House Speaker Mike Johnson" is the House and a person.
        while last + 1 < len(run) and not is_title(state.lex, run[last + 1].bare) \
                and run[last + 1].bare not in state.lex.function_words:
            last += 1
        while last > first and run[last].bare.lower() in CONNECTORS:
            last -= 1
    start = run[first].start
    # An adjective of nationality or a country right before belongs to the name ("Danish Foreign Ministry").
    text = state.texts[paragraph].folded
    before = state.span_at(paragraph, max(start - 2, 0), max(start - 1, 0))
    if before is not None and text[before.end:start] == " " and _absorbable(state, before):
        start = before.start
    end = run[last].start + len(run[last].bare)
    return start, end


def _org_runs(state: State, paragraph: int) -> list[list[Word]]:
    """Runs that may name organizations, two names joined by "and" taken apart ("Exxon Mobil
    Corp and Chevron Corp"), and a sentence's opening noun before "of" left out ("Shares of")."""
    out: list[list[Word]] = []
    heads = state.lex.org_heads
    for run in runs(state, paragraph, connectors=ORG_CONNECTORS, possessives=True):
        ands = [i for i, w in enumerate(run) if w.bare == "and"]
        pieces = [run]
        for i in ands:
            left, right = run[:i], run[i + 1:]
            if left and right and left[-1].bare in heads and any(w.bare in heads for w in right):
                pieces = [left, right]
                break
        for piece in pieces:
            of = next((i for i, w in enumerate(piece) if w.bare == "of"), None)
            text = tail(state.texts[paragraph].folded, piece[0].start)[1]
            opens = not text or text.endswith((".", "!", "?", ":", '"'))
            if of == 1 and opens and piece[0].bare not in heads:
                piece = piece[of + 1:]
            out.append(piece)
    return out


@rule(requires={"capitals", "known-names", "released-names", "settled-countries"}, provides={"organizations"})
def discover_organizations(state: State) -> State:
    for p in range(1, len(state.texts)):
        for run in _org_runs(state, p):
            extent = _org_extent(state, p, run)
            if extent is None:
                continue
            start, end = extent
            text = state.texts[p]
            name = text.raw[slice(*text.span(start, end))]
            if len(name.split()) < 2 or AGENCY_WORD.search(name) or is_title(state.lex, name) \
                    or state.lex.titles.fullmatch(fold(name)):  # "Chief of Staff" is a role
                continue
            actor = new_actor(state, name, "organization")
            # The nationality adjective the name absorbed is part of the name now.
            kept = state.dropping(p, lambda s: start <= s.start and s.end <= end)  # noqa: B023 (used at once)
            state = remember(kept, actor, [Span(p, start, end, actor.id, "org")])
    return state
